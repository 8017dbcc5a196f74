"""The CIB index: built once per document, then only looked up.

Rules never walk the tree themselves: every question they ask (what has this id, which resources
are remote connections, which constraints name this resource, ...) is answered from maps built
here in one pass over the configuration, so linting stays linear in the size of the CIB.
Everything here is immutable; lxml elements are carried only so that findings can point at them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, TypeVar

from lxml import etree

from pcs_lint.bundle_names import BundleNames, GeneratedNames, Numbered, bundle_names
from pcs_lint.nodes import ExtraNode, NodeModel
from pcs_lint.records import filled_at_once
from pcs_lint.values import parse_boolean, parse_score, scan_min_int

RESOURCE_TAGS = frozenset({"primitive", "group", "clone", "master", "bundle", "template"})
SET_TAGS = frozenset({"meta_attributes", "instance_attributes", "utilization", "cluster_property_set"})
CONSTRAINT_KINDS = {
    "rsc_location": "location",
    "rsc_colocation": "colocation",
    "rsc_order": "order",
    "rsc_ticket": "ticket",
}
# Attributes of a constraint element that name a resource (or a tag of resources).
CONSTRAINT_RESOURCE_ATTRIBUTES = {
    "location": ("rsc",),
    "colocation": ("rsc", "with-rsc"),
    "order": ("first", "then"),
    "ticket": ("rsc",),
}
EMPTY: Mapping = MappingProxyType({})
Derived = TypeVar("Derived")
# The meta attributes Pacemaker reads when it sets up a guest node (exact lower-case names).
GUEST_META_NAMES = (
    "remote-node",
    "remote-addr",
    "remote-port",
    "remote-connect-timeout",
    "remote-allow-migrate",
)
# Elements whose id attribute is not an XML ID in Pacemaker's schema: references to another
# element's id (resource_ref, obj_ref, role_ref, and role inside an ACL target or group), or a
# name that may legitimately equal other ids (node ids equal remote resource ids by design,
# acl_target ids are user names).
_REFERENCE_ID_TAGS = frozenset({"resource_ref", "obj_ref", "role_ref"})
_NAME_ID_TAGS = frozenset({"node", "acl_target"})
_ACL_MEMBER_PARENTS = frozenset({"acl_target", "acl_group", "acl_user"})
_ID_MAY_NOT_DEFINE = _REFERENCE_ID_TAGS | _NAME_ID_TAGS | {"role"}


def defines_id(element: Any) -> bool:
    """Whether the element's id attribute defines an id (an XML ID) rather than naming one."""
    tag = element.tag
    if tag in _REFERENCE_ID_TAGS or tag in _NAME_ID_TAGS:
        return False
    if tag == "role":
        parent = element.getparent()
        return parent is None or parent.tag not in _ACL_MEMBER_PARENTS
    return True


# ---------------------------------------------------------------- records


@filled_at_once
@dataclass(frozen=True)
class NvPair:
    """An <nvpair> of an attribute set: its name ("" when missing) and value as written."""

    name: str
    value: str | None
    element: Any

    @property
    def id(self) -> str | None:
        return self.element.get("id")


@filled_at_once
@dataclass(frozen=True)
class AttributeSet:
    """A meta_attributes / instance_attributes / utilization / cluster_property_set element."""

    tag: str
    element: Any
    nvpairs: tuple[NvPair, ...]
    id_ref: str | None
    has_rule: bool

    @property
    def id(self) -> str | None:
        return self.element.get("id")

    def get(self, name: str) -> NvPair | None:
        """First nvpair with this exact name (Pacemaker keeps the first of duplicates)."""
        for pair in self.nvpairs:
            if pair.name == name:
                return pair
        return None

    def get_ci(self, name: str) -> NvPair | None:
        """First nvpair whose name matches case-insensitively."""
        wanted = name.lower()
        for pair in self.nvpairs:
            if pair.name.lower() == wanted:
                return pair
        return None


@filled_at_once
@dataclass(frozen=True)
class Agent:
    """A resource agent as written on an element: class (standard), provider and type."""

    standard: str | None
    provider: str | None
    type: str | None

    def matches(self, standard: str, provider: str | None, type_: str) -> bool:
        """Case-insensitive match, as Pacemaker matches agent names for remote connections."""
        # The type first: it tells most agents apart (nearly every agent is of class ocf).
        return (
            (self.type or "").lower() == type_.lower()
            and (self.standard or "").lower() == standard.lower()
            and (self.provider or "").lower() == (provider or "").lower()
        )

    def __str__(self) -> str:
        parts = [self.standard or "?"]
        if self.provider:
            parts.append(self.provider)
        parts.append(self.type or "?")
        return ":".join(parts)


@filled_at_once
@dataclass(frozen=True)
class Resource:
    """A resource or template. ``parent`` is the id of the enclosing group, clone or bundle."""

    id: str
    kind: str  # primitive | group | clone | bundle | template
    element: Any
    parent: str | None
    children: tuple[str, ...]
    agent: Agent  # as written on the element (empty for collectives)
    template: str | None  # the template= attribute of a primitive
    promotable: bool = False  # clone: <master> or meta promotable=true

    @property
    def is_top_level(self) -> bool:
        return self.parent is None


@filled_at_once
@dataclass(frozen=True)
class Node:
    """A <node> entry of <nodes>; ``type`` is "member" when not written or empty."""

    id: str | None
    uname: str | None
    type: str  # member (also written "normal"), remote, ping
    element: Any


@dataclass(frozen=True)
class RemoteConnection:
    """A primitive with agent ocf:pacemaker:remote (any placement; rules judge placement)."""

    resource: Resource
    via_template: bool  # the agent comes from a <template>, not the primitive itself
    server: NvPair | None
    port: NvPair | None
    reconnect_interval: NvPair | None

    @property
    def id(self) -> str:
        return self.resource.id

    @property
    def node_name(self) -> str:
        return self.resource.id

    @property
    def address(self) -> str:
        return self.server.value if self.server and self.server.value else self.resource.id

    @property
    def creates_node(self) -> bool:
        """Whether Pacemaker makes a remote node of it: only a top-level primitive with the agent
        written on itself. Pacemaker picks remote nodes from the XML before templates are
        expanded (PCS123) and looks at top-level primitives only (PCS104, PCS105)."""
        return not self.via_template and self.resource.is_top_level


@dataclass(frozen=True)
class GuestNode:
    """A primitive whose own meta_attributes carry remote-node (matched case-insensitively)."""

    resource: Resource
    meta: AttributeSet
    remote_node: NvPair
    remote_addr: NvPair | None
    remote_port: NvPair | None
    connect_timeout: NvPair | None
    allow_migrate: NvPair | None
    # Top-level, or directly in a top-level group: Pacemaker makes a guest (2.1.5 does so even
    # when the meta set carries a rule that never matches; an id-ref'd set is never read).
    creates_node: bool

    @property
    def name(self) -> str:
        return self.remote_node.value or ""

    @property
    def address(self) -> str:
        return self.remote_addr.value if self.remote_addr and self.remote_addr.value else self.name


@dataclass(frozen=True)
class Bundle:
    """A <bundle> with its container and network settings as Pacemaker reads them."""

    id: str
    element: Any
    container: str | None  # docker | podman | rkt
    container_element: Any
    network_element: Any
    primitive: str | None  # id of the bundled primitive
    replicas: int
    replicas_per_host: int
    control_port: str | None
    ip_range_start: str | None
    # The ids and node names Pacemaker derives from the bundle, as families answered by
    # arithmetic: replicas may be INT_MAX, so they are never listed (lint/bundle_names.py).
    names: BundleNames
    # promoted-max as Pacemaker reads it (the deprecated masters only when promoted-max is not
    # written; a leading integer, at least 0)
    promoted_max: int = 0

    @property
    def promotable(self) -> bool:
        """promoted-max > 0: Pacemaker may promote that many of the bundle's replicas."""
        return self.promoted_max > 0

    @property
    def replica_nodes(self) -> Numbered | None:
        """The guest node names of the replicas (``BUNDLE-0`` …), None without a primitive."""
        return self.names.replica_nodes


@filled_at_once
@dataclass(frozen=True)
class ResourceRef:
    """One place where a constraint names a resource.

    ``id`` is the resource named; when the constraint named a tag, one ref per tagged object is
    made with ``via_tag`` set to the tag. ``attribute`` is rsc, with-rsc, first, then or
    resource_ref; ``element`` is the element carrying the reference (the constraint or the
    resource_ref); ``set_id`` is the id of the enclosing resource_set, if any.
    """

    id: str
    attribute: str
    element: Any
    set_id: str | None = None
    via_tag: str | None = None


@filled_at_once
@dataclass(frozen=True)
class ResourceSet:
    """A <resource_set> of a constraint, with the resources it names."""

    id: str | None
    element: Any
    refs: tuple[ResourceRef, ...]  # after tag expansion, in document order


@filled_at_once
@dataclass(frozen=True)
class Constraint:
    """A location, colocation, order or ticket constraint directly in <constraints>."""

    id: str | None
    kind: str  # location | colocation | order | ticket
    element: Any
    refs: tuple[ResourceRef, ...]  # every resource named, tags expanded
    direct_refs: tuple[ResourceRef, ...]  # as written (a tag stays a tag)
    sets: tuple[ResourceSet, ...]

    def get(self, attribute: str) -> str | None:
        return self.element.get(attribute)


# ---------------------------------------------------------------- the index


@dataclass(frozen=True)
class Cib:
    """The index of one CIB document: built once by ``build_index``, then only looked up."""

    root: Any
    configuration: Any
    status: Any
    ids: Mapping[str, tuple[Any, ...]]  # every defining id in <configuration>, duplicates kept
    by_tag: Mapping[str, tuple[Any, ...]]  # every element in <configuration>, by tag
    resources: Mapping[str, Resource]  # first definition of each resource/template id
    nodes: tuple[Node, ...]
    remote_connections: tuple[RemoteConnection, ...]
    guest_nodes: tuple[GuestNode, ...]
    bundles: Mapping[str, Bundle]
    constraints: tuple[Constraint, ...]
    tags: Mapping[str, tuple[str, ...]]  # tag id -> referenced object ids
    generated_names: GeneratedNames  # which bundle generates a name (ids and node names)
    cluster_options: Mapping[str, NvPair]  # crm_config, the unconditioned value Pacemaker uses
    _sets: Mapping[Any, tuple[AttributeSet, ...]] = field(repr=False)
    # The same sets by (parent, tag): rules ask for one tag's sets tens of thousands of times in
    # a large CIB, and filtering a parent's sets made a new tuple each time.
    _sets_of_tag: Mapping[tuple[Any, str], tuple[AttributeSet, ...]] = field(repr=False)
    _refs_by_resource: Mapping[str, tuple[tuple[Constraint, ResourceRef], ...]] = field(repr=False)
    # Every element of <configuration> with an id-ref attribute, in document order (references
    # to another element's definition: attribute sets, rules, ops...).
    id_refs: tuple[Any, ...] = ()
    # Primitives of class stonith (the template's class when the primitive has none), in
    # document order: computed once at build time.
    fence_devices: tuple[Resource, ...] = ()
    _fence_device_ids: frozenset[str] = field(default=frozenset(), repr=False)
    # Every node the configuration (and the run's other inputs) name: lint/nodes.py.
    node_model: NodeModel = field(default=None, repr=False)  # type: ignore[assignment]  # set by build_index
    # What ``derived`` has worked out for this record: not a field of the index (replace() starts
    # it afresh, so nothing computed from a half-built index survives into the final one).
    _derived: dict[Callable[[Cib], Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, compute: Callable[[Cib], Derived]) -> Derived:
        """``compute(self)``, worked out on first use and kept: for the facts that several rules
        read from one CIB (every operation, ...), which would otherwise be rebuilt by each rule.
        ``compute`` must be a pure function of the index that returns an immutable value."""
        try:
            return self._derived[compute]
        except KeyError:
            value = self._derived[compute] = compute(self)
            return value

    # --- document-level facts
    @property
    def validate_with(self) -> str | None:
        return self.root.get("validate-with")

    def elements(self, tag: str) -> tuple[Any, ...]:
        return self.by_tag.get(tag, ())

    # --- resources
    def resources_of_kind(self, kind: str) -> Iterator[Resource]:
        return (r for r in self.resources.values() if r.kind == kind)

    def parent(self, resource: Resource) -> Resource | None:
        found = self.resources.get(resource.parent) if resource.parent else None
        # With duplicate ids (PCS201) the id may name another element than the enclosing one,
        # even this resource itself: no link then, so walking up always ends.
        return found if found is not None and found.element is resource.element.getparent() else None

    def ancestors(self, resource: Resource) -> Iterator[Resource]:
        current = self.parent(resource)
        while current is not None:
            yield current
            current = self.parent(current)

    def top_level(self, resource: Resource) -> Resource:
        for ancestor in self.ancestors(resource):
            resource = ancestor
        return resource

    def descendants(self, resource: Resource) -> Iterator[Resource]:
        """Depth first, in document order. A stack, not nested generators: through nested
        generators each item passed up every level, quadratic on deep (invalid) nesting."""
        stack = [resource]
        while stack:
            current = stack.pop()
            children = [self.resources.get(child_id) for child_id in current.children]
            # Only children whose kept element is really inside, as parent() links them.
            children = [c for c in children if c is not None and c.element.getparent() is current.element]
            if current is not resource:
                yield current
            stack.extend(reversed(children))

    def effective_agent(self, resource: Resource) -> Agent:
        """The agent with a template's class/provider/type filled in."""
        if resource.template and resource.template in self.resources:
            template = self.resources[resource.template].agent
            mine = resource.agent
            return Agent(
                mine.standard or template.standard,
                mine.provider or template.provider,
                mine.type or template.type,
            )
        return resource.agent

    def is_fence_device(self, resource_id: str) -> bool:
        """Whether the id names a fence device (a primitive of class stonith, template filled in)."""
        return resource_id in self._fence_device_ids

    # --- attribute sets
    def attribute_sets(self, element: Any, tag: str | None = None) -> tuple[AttributeSet, ...]:
        """The attribute sets directly inside ``element`` (all tags, or one)."""
        return self._sets.get(element, ()) if tag is None else self._sets_of_tag.get((element, tag), ())

    def resolve_set(self, attribute_set: AttributeSet) -> AttributeSet:
        """Follow an id-ref to the set it references (or return the set itself)."""
        if attribute_set.id_ref:
            for element in self.ids.get(attribute_set.id_ref, ()):
                for candidate in self._sets.get(element.getparent(), ()):
                    if candidate.element is element:
                        return candidate
        return attribute_set

    def values(self, element: Any, tag: str, *, follow_refs: bool = True) -> dict[str, NvPair]:
        """name -> first nvpair over the unconditioned sets of that tag (rule-bound sets skipped)."""
        merged: dict[str, NvPair] = {}
        for attribute_set in self.attribute_sets(element, tag):
            if follow_refs:
                attribute_set = self.resolve_set(attribute_set)
            if attribute_set.has_rule:
                continue
            for pair in attribute_set.nvpairs:
                merged.setdefault(pair.name, pair)
        return merged

    def meta(self, resource: Resource) -> dict[str, NvPair]:
        return self._with_template(resource, "meta_attributes")

    def params(self, resource: Resource) -> dict[str, NvPair]:
        return self._with_template(resource, "instance_attributes")

    def _with_template(self, resource: Resource, tag: str) -> dict[str, NvPair]:
        """The resource's own values, then those of its template= for names it does not set
        (Pacemaker expands the template into the primitive; the primitive's values win)."""
        merged = self.values(resource.element, tag)
        template = self.resources.get(resource.template) if resource.template else None
        if template is not None and template.kind == "template":
            for name, pair in self.values(template.element, tag).items():
                merged.setdefault(name, pair)
        return merged

    # --- constraints
    def constraints_naming(self, resource_id: str) -> tuple[tuple[Constraint, ResourceRef], ...]:
        """Every (constraint, reference) naming this resource, tags and sets included."""
        return self._refs_by_resource.get(resource_id, ())


# ---------------------------------------------------------------- building


def build_index(root: Any, extra_nodes: tuple[ExtraNode, ...] = ()) -> Cib:
    """The index of one CIB document; ``extra_nodes`` are the nodes other inputs of the run name
    (a corosync nodelist, report bundles), added to the node model."""
    configuration = root.find("configuration")
    status = root.find("status")
    # Every element with an id defines one (most do), so each gets a one-element tuple at once;
    # only a repeated id is gathered aside and joined after the walk (no list per id to freeze).
    ids: dict[str, tuple[Any, ...]] = {}
    repeated: dict[str, list[Any]] = {}
    by_tag: dict[str, list[Any]] = defaultdict(list)
    sets: dict[Any, list[AttributeSet]] = defaultdict(list)
    id_refs: list[Any] = []

    if configuration is not None:
        for element in configuration.iter(etree.Element):
            tag = element.tag
            by_tag[tag].append(element)
            element_id = element.get("id")
            # defines_id() is asked only about the few tags whose id may not define one.
            if element_id is not None and (tag not in _ID_MAY_NOT_DEFINE or defines_id(element)):
                alone = (element,)
                if ids.setdefault(element_id, alone) is not alone:
                    repeated.setdefault(element_id, []).append(element)
            if element.get("id-ref") is not None:
                id_refs.append(element)
            if tag in SET_TAGS:
                sets[element.getparent()].append(_attribute_set(element))
    for element_id, more in repeated.items():
        ids[element_id] += tuple(more)

    frozen_sets = {k: tuple(v) for k, v in sets.items()}
    sets_of_tag: dict[tuple[Any, str], list[AttributeSet]] = defaultdict(list)
    for parent, parent_sets in frozen_sets.items():
        for attribute_set in parent_sets:
            sets_of_tag[(parent, attribute_set.tag)].append(attribute_set)
    resources = _index_resources(configuration, frozen_sets)
    tags = {
        tag.get("id"): tuple(ref.get("id") for ref in tag.iterchildren("obj_ref") if ref.get("id"))
        for tag in by_tag.get("tag", ())
        if tag.get("id")
    }
    constraints = _index_constraints(configuration, tags, by_tag.get("resource_set", ()))
    refs_by_resource: dict[str, list[tuple[Constraint, ResourceRef]]] = defaultdict(list)
    for constraint in constraints:
        for ref in constraint.refs:
            refs_by_resource[ref.id].append((constraint, ref))

    cib = Cib(
        root=root,
        configuration=configuration,
        status=status,
        ids=MappingProxyType(ids),
        by_tag=MappingProxyType({k: tuple(v) for k, v in by_tag.items()}),
        resources=MappingProxyType(resources),
        nodes=tuple(_index_nodes(by_tag.get("node", ()))),
        remote_connections=(),
        guest_nodes=(),
        bundles=EMPTY,
        generated_names=GeneratedNames(()),
        constraints=tuple(constraints),
        tags=MappingProxyType(tags),
        cluster_options=EMPTY,
        _sets=MappingProxyType(frozen_sets),
        _sets_of_tag=MappingProxyType({k: tuple(v) for k, v in sets_of_tag.items()}),
        _refs_by_resource=MappingProxyType({k: tuple(v) for k, v in refs_by_resource.items()}),
        id_refs=tuple(id_refs),
    )
    # Derived views need the lookups above; replace() keeps the record frozen.
    fence_devices = tuple(
        r for r in resources.values()
        if r.kind == "primitive" and (cib.effective_agent(r).standard or "").lower() == "stonith"
    )
    bundles = _index_bundles(cib)
    cib = replace(
        cib,
        fence_devices=fence_devices,
        _fence_device_ids=frozenset(r.id for r in fence_devices),
        remote_connections=tuple(_index_remote_connections(cib)),
        guest_nodes=tuple(_index_guest_nodes(cib)),
        bundles=MappingProxyType(bundles),
        generated_names=GeneratedNames(b.names for b in bundles.values()),
        cluster_options=MappingProxyType(_cluster_options(cib)),
    )
    return replace(cib, node_model=NodeModel.build(cib, extra_nodes))


def _attribute_set(element: Any) -> AttributeSet:
    nvpairs = tuple(
        [NvPair(pair.get("name") or "", pair.get("value"), pair) for pair in element.iterchildren("nvpair")]
    )
    has_rule = next(element.iterchildren("rule"), None) is not None
    return AttributeSet(element.tag, element, nvpairs, element.get("id-ref"), has_rule)


def _index_resources(configuration: Any, sets: Mapping[Any, tuple[AttributeSet, ...]]) -> dict[str, Resource]:
    resources: dict[str, Resource] = {}
    section = configuration.find("resources") if configuration is not None else None
    if section is None:
        return resources

    def is_promotable(element: Any) -> bool:
        if element.tag == "master":
            return True
        for attribute_set in sets.get(element, ()):
            if attribute_set.tag == "meta_attributes" and not attribute_set.has_rule:
                pair = attribute_set.get("promotable")
                if pair is not None and parse_boolean(pair.value):
                    return True
        return False

    def visit(element: Any, parent: str | None) -> str | None:
        resource_id = element.get("id")
        if not resource_id:
            return None
        child_ids = [
            child_id
            for child in element
            if child.tag in RESOURCE_TAGS and (child_id := visit(child, resource_id)) is not None
        ]
        tag = element.tag
        kind = "clone" if tag == "master" else tag
        resource = Resource(
            id=resource_id,
            kind=kind,
            element=element,
            parent=parent,
            children=tuple(child_ids),
            agent=Agent(element.get("class"), element.get("provider"), element.get("type")),
            template=element.get("template"),
            promotable=kind == "clone" and is_promotable(element),
        )
        resources.setdefault(resource_id, resource)
        return resource_id

    for child in section:
        if child.tag in RESOURCE_TAGS:
            visit(child, None)
    return resources


def _index_nodes(elements: tuple[Any, ...]) -> Iterator[Node]:
    for element in elements:
        # Only <nodes>/<node> defines a node (fencing levels and rules use other tags).
        if element.getparent() is None or element.getparent().tag != "nodes":
            continue
        yield Node(element.get("id"), element.get("uname"), element.get("type") or "member", element)


def _index_remote_connections(cib: Cib) -> Iterator[RemoteConnection]:
    for resource in cib.resources.values():
        if resource.kind != "primitive":
            continue
        direct = resource.agent.matches("ocf", "pacemaker", "remote")
        via_template = not direct and cib.effective_agent(resource).matches("ocf", "pacemaker", "remote")
        if not (direct or via_template):
            continue
        params = cib.params(resource)
        yield RemoteConnection(
            resource=resource,
            via_template=via_template,
            server=params.get("server"),
            port=params.get("port"),
            reconnect_interval=params.get("reconnect_interval"),
        )




def _index_guest_nodes(cib: Cib) -> Iterator[GuestNode]:
    for resource in cib.resources.values():
        if resource.kind != "primitive":
            continue
        # Pacemaker's guest setup reads every meta_attributes written inside the primitive,
        # without evaluating rules, and the last value of each name wins.
        latest: dict[str, tuple[AttributeSet, NvPair]] = {}
        for meta in cib.attribute_sets(resource.element, "meta_attributes"):
            for pair in meta.nvpairs:
                if pair.name.lower() in GUEST_META_NAMES:
                    latest[pair.name.lower()] = (meta, pair)
        if "remote-node" not in latest:
            continue
        meta, remote_node = latest["remote-node"]
        parent = cib.parent(resource)
        yield GuestNode(
            resource=resource,
            meta=meta,
            remote_node=remote_node,
            remote_addr=latest.get("remote-addr", (None, None))[1],
            remote_port=latest.get("remote-port", (None, None))[1],
            connect_timeout=latest.get("remote-connect-timeout", (None, None))[1],
            allow_migrate=latest.get("remote-allow-migrate", (None, None))[1],
            creates_node=parent is None or (parent.kind == "group" and parent.parent is None),
        )


def _index_bundles(cib: Cib) -> dict[str, Bundle]:
    bundles: dict[str, Bundle] = {}
    for resource in cib.resources_of_kind("bundle"):
        element = resource.element
        # Pacemaker looks for docker, then rkt, then podman, whatever the document order.
        container = next(
            (c for tag in ("docker", "rkt", "podman") for c in element.iterchildren(tag)), None
        )
        network = element.find("network")
        primitive = resource.children[0] if resource.children else None
        attrs = container.attrib if container is not None else {}
        # promoted-max wins over its deprecated alias masters whenever it is written at all.
        promoted_text = attrs["promoted-max"] if "promoted-max" in attrs else attrs.get("masters")
        promoted = scan_min_int(promoted_text, 0)
        # replicas defaults to promoted-max when that is positive; a written but unreadable
        # replicas is 1, not promoted-max.
        replicas_text = attrs.get("replicas")
        replicas = promoted if replicas_text is None and promoted > 0 else scan_min_int(replicas_text, 1)
        per_host = scan_min_int(attrs.get("replicas-per-host"), 1)
        ip_start = network.get("ip-range-start") if network is not None else None
        kind = container.tag if container is not None else "docker"
        bundles[resource.id] = Bundle(
            id=resource.id,
            element=element,
            container=container.tag if container is not None else None,
            container_element=container,
            network_element=network,
            primitive=primitive,
            replicas=replicas,
            replicas_per_host=per_host,
            control_port=network.get("control-port") if network is not None else None,
            ip_range_start=ip_start,
            # The implicit clone keeps the old <master> tag name in its id when promotable.
            names=bundle_names(resource.id, kind, replicas, primitive is not None, promoted > 0, ip_start),
            promoted_max=promoted,
        )
    return bundles


def _index_constraints(
    configuration: Any, tags: Mapping[str, tuple[str, ...]], resource_sets: Iterable[Any]
) -> list[Constraint]:
    """Every constraint directly in <constraints>, in document order. ``resource_sets`` is every
    <resource_set> of the configuration (the walk has found them): grouped by parent here, so
    that the many constraints without sets are not each asked for their children."""
    constraints: list[Constraint] = []
    section = configuration.find("constraints") if configuration is not None else None
    if section is None:
        return constraints
    sets_of: dict[Any, list[Any]] = defaultdict(list)
    for set_element in resource_sets:
        sets_of[set_element.getparent()].append(set_element)

    def expand(refs: list[ResourceRef]) -> tuple[ResourceRef, ...]:
        if not tags:
            return tuple(refs)
        expanded: list[ResourceRef] = []
        for ref in refs:
            if ref.id in tags:
                expanded.extend(
                    ResourceRef(member, ref.attribute, ref.element, ref.set_id, via_tag=ref.id)
                    for member in tags[ref.id]
                )
            else:
                expanded.append(ref)
        return tuple(expanded)

    for element in section.iterchildren(etree.Element):
        kind = CONSTRAINT_KINDS.get(element.tag)
        if kind is None:
            continue
        direct: list[ResourceRef] = []
        for attribute in CONSTRAINT_RESOURCE_ATTRIBUTES[kind]:
            value = element.get(attribute)
            if value:
                direct.append(ResourceRef(value, attribute, element))
        constraint_sets = []
        for set_element in sets_of.get(element, ()):
            set_id = set_element.get("id")
            set_refs = [
                ResourceRef(ref_id, "resource_ref", ref, set_id)
                for ref in set_element.iterchildren("resource_ref")
                if (ref_id := ref.get("id"))
            ]
            direct.extend(set_refs)
            constraint_sets.append(ResourceSet(set_id, set_element, expand(set_refs)))
        direct_refs = tuple(direct)
        constraints.append(
            Constraint(
                id=element.get("id"),
                kind=kind,
                element=element,
                refs=expand(direct) if tags else direct_refs,
                direct_refs=direct_refs,
                sets=tuple(constraint_sets),
            )
        )
    return constraints


def _cluster_options(cib: Cib) -> dict[str, NvPair]:
    options: dict[str, NvPair] = {}
    crm_config = cib.configuration.find("crm_config") if cib.configuration is not None else None
    if crm_config is None:
        return options
    property_sets = cib.attribute_sets(crm_config, "cluster_property_set")
    for attribute_set in _pacemaker_set_order(property_sets, "cib-bootstrap-options"):
        attribute_set = cib.resolve_set(attribute_set)
        if attribute_set.has_rule:
            continue
        for pair in attribute_set.nvpairs:
            options.setdefault(pair.name, pair)
    return options


def _pacemaker_set_order(sets: tuple[AttributeSet, ...], first_id: str) -> list[AttributeSet]:
    """The order in which Pacemaker reads competing sets (the first to name an option wins).

    The set with id ``first_id`` comes first, then higher ``score`` before lower; sets of equal
    score are read last-in-document first (Pacemaker builds the list by prepending).
    """
    ranked = list(reversed(sets))
    ranked.sort(key=lambda s: (s.id != first_id, -parse_score(s.element.get("score"))))
    return ranked
