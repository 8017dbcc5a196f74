"""The node model: every Pacemaker node a configuration names, one record each, built once.

Rules ask this model which nodes exist instead of deriving names themselves. A node comes from
one or more sources: the CIB's ``<nodes>`` entries (cluster nodes and ``type="remote"`` entries),
remote connections (ocf:pacemaker:remote primitives), guests (``remote-node`` meta attributes),
bundles with a primitive (one guest node per replica), and, given explicitly, nodes other inputs
name (a corosync nodelist, a report bundle's host name: ``ExtraNode``).

Bundle replicas are never listed: a bundle may have INT_MAX replicas, so the model keeps each
bundle's family of replica names (``lint/bundle_names.py``) and answers lookups by arithmetic,
making a record only for the name asked about.

Which resources create nodes, and how their address and port are read, is RULES.md's "Which
resources create nodes" and "Ports"; the readings are here and in ``lint/values.py`` only.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from pcs_lint.rules._suggest import suggest_name
from pcs_lint.values import c_atoi

if TYPE_CHECKING:  # the index (lint/model.py) builds the model: it imports this module
    from pcs_lint.bundle_names import GeneratedNames, Numbered
    from pcs_lint.findings import SourceLocation
    from pcs_lint.model import Bundle, Cib, GuestNode, Node, NvPair, RemoteConnection, Resource

DEFAULT_PORT = 3121  # pacemaker-remoted's port when nothing else is set


class NodeKind(enum.Enum):
    """What kind of node a name stands for. The value is how findings call it."""

    CLUSTER = "cluster node"  # a corosync member: <node type="member"> (or "normal"), a nodelist entry
    REMOTE = "remote node"  # an ocf:pacemaker:remote connection, or a <node type="remote"> entry
    GUEST = "guest node"  # a primitive with remote-node
    BUNDLE = "bundle node"  # a guest node of a bundle replica (BUNDLE-N)
    OTHER = "node"  # a <node> entry of another type (ping): no resources run there


# Kinds whose nodes run pacemaker-remoted rather than the cluster stack.
NOT_CLUSTER_KINDS = frozenset({NodeKind.REMOTE, NodeKind.GUEST, NodeKind.BUNDLE})


class SourceKind(enum.Enum):
    """Where a node's name comes from."""

    CIB_NODES = "CIB <nodes>"
    REMOTE_CONNECTION = "remote connection"
    GUEST = "guest node meta attributes"
    BUNDLE = "bundle replica"
    COROSYNC = "corosync.conf nodelist"
    REPORT = "report bundle"


@dataclass(frozen=True)
class NodeSource:
    """One place that names a node: an element of the CIB, or a place in another file."""

    kind: SourceKind
    element: Any = None  # the CIB element (lxml), for CIB sources
    location: SourceLocation | None = None  # file and line, for other inputs


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(name: str) -> str:
    """A node name as Pacemaker compares it: ignoring the case of ASCII letters only (strcasecmp).
    Measured with crm_simulate 2.1.5: node="abc" scores on node ABC, node="NÖDE1" not on nöde1."""
    # lower() of ASCII text changes exactly A-Z, and costs a fraction of translate().
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


@dataclass(frozen=True)
class PacemakerNode:
    """One Pacemaker node, as a configuration defines it.

    ``created`` is False for a resource meant to provide a node that Pacemaker makes none of (a
    remote connection behind template=, inside a group or clone; a guest's VM nested deeper
    than a top-level group): such a record exists so that rules can say why the name is no node.
    A ``<nodes>`` entry counts as created when it has a name (uname; for a remote or ping entry
    without one, its id): it is a separate record from the connection behind a remote entry.
    ``port`` is the resource's port as Pacemaker reads it (atoi; None when unset or empty);
    ``address`` the host Pacemaker connects to (server / remote-addr, else the node name).
    """

    name: str
    kind: NodeKind
    created: bool
    sources: tuple[NodeSource, ...]
    resource: Resource | None = None  # the connection primitive, the guest's VM, the bundle
    entry: Node | None = None  # the <node> element record, for a <nodes> entry
    node_id: str | None = None  # the <node> id, or corosync's nodeid
    address: str | None = None
    address_pair: NvPair | None = None  # server= / remote-addr= when written
    port_pair: NvPair | None = None  # port= / remote-port= when written
    replica: int | None = None  # a bundle replica's number

    @property
    def port(self) -> int | None:
        """The port as Pacemaker reads it with C atoi (0: "use the default"); None when unset."""
        if self.port_pair is None or self.port_pair.value is None:
            return None
        return c_atoi(self.port_pair.value)

    @property
    def element(self) -> Any:
        """Where the node is defined in the CIB: the element a finding about it points at (the
        connection primitive, the guest's remote-node nvpair, the bundle, the <node> entry)."""
        return self.sources[0].element

    @property
    def location(self) -> SourceLocation | None:
        """Where a node from another input is defined (file and line)."""
        return self.sources[0].location

    @property
    def is_connection(self) -> bool:
        """A remote or guest node Pacemaker creates from a resource (bundles not included: they
        connect on their control-port, RULES.md "Ports")."""
        return self.created and self.kind in (NodeKind.REMOTE, NodeKind.GUEST) and self.resource is not None


class CorosyncNodeEntry(Protocol):
    """What the model reads of one corosync.conf ``nodelist { node { … } }`` entry."""

    name: str | None
    ring0_addr: str | None
    nodeid: str | None
    location: SourceLocation | None


@dataclass(frozen=True)
class ExtraNode:
    """A node named by an input other than the CIB (corosync nodelist, report bundle)."""

    name: str
    source: NodeSource
    kind: NodeKind = NodeKind.CLUSTER
    node_id: str | None = None
    address: str | None = None


def corosync_nodes(entries: Iterable[CorosyncNodeEntry]) -> tuple[ExtraNode, ...]:
    """The cluster nodes a corosync nodelist names: Pacemaker takes a node's name from ``name``,
    else from ``ring0_addr``; an entry with neither names no node."""
    found = []
    for entry in entries:
        name = entry.name or entry.ring0_addr
        if name:
            found.append(ExtraNode(name, NodeSource(SourceKind.COROSYNC, location=entry.location),
                                   node_id=entry.nodeid, address=entry.ring0_addr))
    return tuple(found)


@dataclass(frozen=True)
class ReplicaFamily:
    """The guest nodes of one bundle's replicas: ``names`` is arithmetic, never a list."""

    bundle: Bundle
    resource: Resource  # the bundle's own resource record
    names: Numbered

    @property
    def count(self) -> int:
        return self.names.count

    def record(self, number: int) -> PacemakerNode:
        return PacemakerNode(
            name=f"{self.names.prefix}{number}",
            kind=NodeKind.BUNDLE,
            created=True,
            sources=(NodeSource(SourceKind.BUNDLE, self.bundle.element),),
            resource=self.resource,
            replica=number,
        )


@dataclass(frozen=True)
class NodeModel:
    """Every node of one configuration (plus the nodes other inputs name).

    ``records`` lists every node but bundle replicas, in source order: <nodes> entries, remote
    connections, guests, then extra nodes. ``replicas`` holds the bundles' replica families.
    """

    records: tuple[PacemakerNode, ...]
    replicas: tuple[ReplicaFamily, ...]
    generated: GeneratedNames = field(repr=False, compare=False)
    _by_folded: dict[str, tuple[PacemakerNode, ...]] = field(repr=False, compare=False, default_factory=dict)
    # The kinds of the created records per name, folded and exact: ``knows`` answers in constant
    # time however many entries share a name (50,000 twins made every lookup quadratic).
    _kinds_folded: dict[str, frozenset[NodeKind]] = field(repr=False, compare=False, default_factory=dict)
    _kinds_exact: dict[str, frozenset[NodeKind]] = field(repr=False, compare=False, default_factory=dict)
    # The records that are connections, picked once: several rules and the graph ask for them.
    _connections: tuple[PacemakerNode, ...] = field(repr=False, compare=False, default=())

    # ---- building

    @classmethod
    def build(cls, cib: Cib, extra: Iterable[ExtraNode] = ()) -> NodeModel:
        """The model of an index whose nodes, connections, guests and bundles are indexed."""
        records = [*map(_entry_record, cib.nodes), *map(_connection_record, cib.remote_connections),
                   *(_guest_record(g) for g in cib.guest_nodes if g.name)]
        replicas = tuple(ReplicaFamily(b, cib.resources[b.id], b.replica_nodes)
                         for b in cib.bundles.values() if b.replica_nodes is not None)
        return cls._indexed(tuple(records), replicas, cib.generated_names).with_extra(extra)

    @classmethod
    def _indexed(cls, records: tuple[PacemakerNode, ...], replicas: tuple[ReplicaFamily, ...],
                 generated: GeneratedNames) -> NodeModel:
        by_folded: dict[str, list[PacemakerNode]] = {}
        kinds_folded: dict[str, set[NodeKind]] = {}
        kinds_exact: dict[str, set[NodeKind]] = {}
        for record in records:
            folded = fold(record.name)
            by_folded.setdefault(folded, []).append(record)
            if record.created:
                kinds_folded.setdefault(folded, set()).add(record.kind)
                kinds_exact.setdefault(record.name, set()).add(record.kind)
        return cls(records, replicas, generated, {k: tuple(v) for k, v in by_folded.items()},
                   {k: frozenset(v) for k, v in kinds_folded.items()},
                   {k: frozenset(v) for k, v in kinds_exact.items()},
                   tuple(r for r in records if r.is_connection))

    @classmethod
    def of_extra(cls, extra: Iterable[ExtraNode]) -> NodeModel:
        """The model of a run without a CIB: only the nodes other inputs name (corosync nodelists)."""
        from pcs_lint.bundle_names import GeneratedNames

        return cls._indexed((), (), GeneratedNames(())).with_extra(extra)

    def with_extra(self, extra: Iterable[ExtraNode]) -> NodeModel:
        """This model with the nodes other inputs name: a name the CIB already has as a cluster
        node gains the source (one record per node); any other name becomes a new record."""
        extra = tuple(extra)
        if not extra:  # most runs lint a CIB alone
            return self
        records = list(self.records)
        first: dict[tuple[NodeKind, str], int] = {}  # (kind, folded name) -> its first record
        for i, record in enumerate(records):
            first.setdefault((record.kind, fold(record.name)), i)
        for node in extra:
            index = first.get((node.kind, fold(node.name)))
            if index is None:
                first[(node.kind, fold(node.name))] = len(records)
                records.append(PacemakerNode(node.name, node.kind, True, (node.source,), node_id=node.node_id,
                                             address=node.address))
            else:
                known = records[index]
                records[index] = replace(known, sources=(*known.sources, node.source),
                                         node_id=known.node_id or node.node_id, address=known.address or node.address)
        return self._indexed(tuple(records), self.replicas, self.generated)

    # ---- lookups

    def __bool__(self) -> bool:
        """Whether any source names any node (a CIB made with ``pcs -f`` names none)."""
        return any(r.created for r in self.records) or any(f.count for f in self.replicas)

    def nodes(self, *kinds: NodeKind, created: bool | None = True) -> Iterator[PacemakerNode]:
        """The listed records of these kinds (all kinds when none given), in source order;
        ``created=None`` includes the resources that make no node. Never bundle replicas."""
        for record in self.records:
            if (not kinds or record.kind in kinds) and (created is None or record.created is created):
                yield record

    def connections(self) -> Iterator[PacemakerNode]:
        """The remote and guest nodes Pacemaker creates from a resource (port and address
        matter for these: RULES.md "Ports")."""
        return iter(self._connections)

    def find(self, name: str, *, exact: bool = False, created: bool | None = True) -> tuple[PacemakerNode, ...]:
        """Every record named ``name``, compared as Pacemaker does (case-insensitively), or
        exactly with ``exact``: listed records first, then the bundle replica of that name (the
        first bundle in document order)."""
        found = tuple(r for r in self._by_folded.get(fold(name), ())
                      if (not exact or r.name == name) and (created is None or r.created is created))
        replica = self.replica(name, exact=exact)
        return found if replica is None else (*found, replica)

    def replica(self, name: str, *, exact: bool = False) -> PacemakerNode | None:
        """The bundle replica node called ``name``, made on demand (never listed)."""
        generated = self.generated.replica_node(name, None if exact else fold)
        if generated is None:
            return None
        family = next(f for f in self.replicas if f.bundle.id == generated.bundle_id)
        return family.record(generated.replica)

    def knows(self, name: str, *kinds: NodeKind, exact: bool = False) -> bool:
        """Whether a created node of these kinds (any kind when none given) is called ``name``."""
        listed = self._kinds_exact.get(name) if exact else self._kinds_folded.get(fold(name))
        if listed and (not kinds or not listed.isdisjoint(kinds)):
            return True
        replica = self.replica(name, exact=exact)
        return replica is not None and (not kinds or replica.kind in kinds)

    def names(self, *kinds: NodeKind, replicas_per_bundle: int = 0) -> Iterator[str]:
        """Names of the created nodes of these kinds, and of each bundle's first
        ``replicas_per_bundle`` replicas when BUNDLE is among them (for messages and
        suggestions: a bundle may have INT_MAX replicas)."""
        yield from (r.name for r in self.nodes(*kinds))
        if not kinds or NodeKind.BUNDLE in kinds:
            for family in self.replicas:
                yield from family.names.names(replicas_per_bundle)

    def count(self, *kinds: NodeKind) -> int:
        """How many created nodes of these kinds there are, bundle replicas counted."""
        listed = sum(1 for _ in self.nodes(*kinds))
        if kinds and NodeKind.BUNDLE not in kinds:
            return listed
        return listed + sum(f.count for f in self.replicas)


def _entry_record(node: Node) -> PacemakerNode:
    kind = {"member": NodeKind.CLUSTER, "normal": NodeKind.CLUSTER,
            "remote": NodeKind.REMOTE}.get(node.type, NodeKind.OTHER)
    # A cluster node is named by its uname; a remote or guest node's entry has its name in both
    # id and uname (PCS122 reports one where they differ), so without a uname the id names it.
    name = node.uname or (node.id if kind is not NodeKind.CLUSTER else None) or ""
    return PacemakerNode(name, kind, bool(name), (NodeSource(SourceKind.CIB_NODES, node.element),),
                         entry=node, node_id=node.id)


def _connection_record(c: RemoteConnection) -> PacemakerNode:
    return _provided(NodeKind.REMOTE, SourceKind.REMOTE_CONNECTION, c.node_name, c.creates_node, c.resource,
                     c.resource.element, c.address, c.server, c.port)


def _guest_record(g: GuestNode) -> PacemakerNode:
    return _provided(NodeKind.GUEST, SourceKind.GUEST, g.name, g.creates_node, g.resource, g.remote_node.element,
                     g.address, g.remote_addr, g.remote_port)


def _provided(kind: NodeKind, source: SourceKind, name: str, created: bool, resource: Resource, element: Any,
              address: str, address_pair: NvPair | None, port_pair: NvPair | None) -> PacemakerNode:
    """The node a resource provides (a remote connection, a guest's VM)."""
    return PacemakerNode(name, kind, created, (NodeSource(source, element),), resource=resource,
                         address=address, address_pair=address_pair, port_pair=port_pair)


# ---------------------------------------------------------------- NODE= names of the run

# Suggestions for a misspelt NODE= name draw on this many replica names per bundle, and on this
# many names in all (a suggestion's cost grows with each: a CIB may hold thousands of bundles).
SUGGESTED_REPLICAS = 64
SUGGESTION_CANDIDATES = 10_000


@dataclass(frozen=True)
class NodeNameCheck:
    """What one CIB says about the run's NODE= names (--sysconfig, --authkey and the config's
    tables): plain data, so that a --jobs worker can send it back."""

    names_nodes: bool  # False: nothing in this CIB names a node, so it judges no NODE= name
    unknown: tuple[tuple[str, str | None], ...] = ()  # (NODE=, closest node name) it does not know


def check_node_names(model: NodeModel, given: Iterable[str]) -> NodeNameCheck:
    """Which NODE= names no node of ``model`` has. Names are matched exactly, since the files are
    looked up by the name given: "Node1" for node1 would be taken for another node."""
    if not model:
        return NodeNameCheck(False)
    unknown = [name for name in dict.fromkeys(given) if not model.find(name, exact=True)]
    if not unknown:
        return NodeNameCheck(True)
    candidates = set(itertools.islice(model.names(replicas_per_bundle=SUGGESTED_REPLICAS), SUGGESTION_CANDIDATES))
    return NodeNameCheck(True, tuple((name, suggest_name(name, candidates)) for name in unknown))


def unknown_node_names(checks: Iterable[NodeNameCheck]) -> tuple[tuple[str, str | None], ...]:
    """The NODE= names no linted CIB knows, when at least one CIB names nodes (a CIB that names
    none, made with pcs -f, cannot tell), each with the first suggestion a CIB made."""
    judging = [check for check in checks if check.names_nodes]
    if not judging:
        return ()
    missing: dict[str, str | None] = {}
    for name, suggestion in judging[0].unknown:
        if all(any(name == other for other, _ in check.unknown) for check in judging[1:]):
            missing[name] = suggestion or next(
                (s for check in judging for other, s in check.unknown if other == name and s), None)
    return tuple(missing.items())
