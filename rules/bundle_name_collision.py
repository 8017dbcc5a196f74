"""PCS132 bundle-name-collision: an id or remote-node equals a name a bundle generates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import RESOURCE_TAGS, Bundle, Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import guest_name_label


@dataclass(frozen=True)
class Generated:
    name: str
    bundle: Bundle
    what: str  # "the guest node of replica 0", "the container of replica 1", ...
    is_node: bool


def _describe(bundle: Bundle, name: str, node_names: frozenset[str]) -> Generated:
    if name in node_names:
        replica = name[len(bundle.id) + 1:]
        return Generated(name, bundle, f"the guest node (and its connection) of replica {replica}", True)
    if name in (f"{bundle.id}-clone", f"{bundle.id}-master"):
        return Generated(name, bundle, f"the implicit clone of primitive {bundle.primitive!r}", False)
    if name.startswith(f"{bundle.id}-ip-"):
        return Generated(name, bundle, "an implicit IPaddr2 resource", False)
    return Generated(name, bundle, "a container resource", False)


def generated_names(cib: Cib) -> dict[str, Generated]:
    """Every generated name, the first bundle to generate it winning (others are reported)."""
    names: dict[str, Generated] = {}
    for bundle in cib.bundles.values():
        # A set made once per bundle: testing each of up to 8,000 names against the replica
        # list took seconds on replicas="99999999999999999999" (fuzzing).
        node_names = frozenset(bundle.replica_node_names)
        for name in bundle.generated_names:
            if name not in names:
                names[name] = _describe(bundle, name, node_names)
    return names


def _consequence(generated: Generated, holder: str) -> str:
    """Why it matters; ``holder`` is what else carries the name: resource, node or other."""
    if generated.is_node and holder == "resource":
        return ("Pacemaker then quietly gives that replica's connection an internal name instead, "
                "so constraints, rules and tools that use the node name miss it")
    if generated.is_node and holder == "node":
        return "Pacemaker then has two nodes of one name and may place or fence the wrong one"
    if holder == "resource":
        return ("two resources then share one id: Pacemaker, crm_resource and the status section "
                "mix up their state and history")
    return ("a reference by id (a constraint's rsc, crm_resource --resource, a suppression) can "
            "then match the wrong one")


def _rename_hint(bundle: Bundle, what: str = "the element") -> str:
    return (f"rename one of them; pcs cannot rename ids, so recreate {what} under another id, "
            f"or recreate bundle {bundle.id} under another id (pcs resource bundle create NEW-NAME ...)")


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    names = generated_names(cib)
    node_names = {name.lower(): g for name, g in names.items() if g.is_node}

    for name, elements in cib.ids.items():
        generated = names.get(name)
        if generated is None:
            continue
        for element in elements:
            holder = "resource" if element.tag in RESOURCE_TAGS else "other"
            yield Problem(
                f"id {name!r} of this <{element.tag}> is also {generated.what} that Pacemaker "
                f"generates for bundle {generated.bundle.id!r}: {_consequence(generated, holder)}",
                element=element,
                object_id=name,
                hint=_rename_hint(generated.bundle, f"<{element.tag}> {name}"),
            )

    for guest in cib.guest_nodes:
        generated = names.get(guest.name) or node_names.get(guest.name.lower())
        if generated is None:
            continue
        pair = guest.remote_node
        yield Problem(
            f"{guest_name_label(guest)} is also "
            f"{generated.what} that Pacemaker generates for bundle {generated.bundle.id!r}: "
            f"{_consequence(generated, 'node' if generated.is_node else 'resource')}",
            element=pair.element,
            object_id=guest.resource.id,
            hint=f"pcs cluster node remove-guest {guest.name}; pcs cluster node add-guest "
            f"NEW-NAME {guest.resource.id}",
        )

    for node in cib.nodes:
        if node.type == "remote" or not node.uname:
            continue  # a type="remote" entry is the bundle node's own (node attributes live there)
        generated = node_names.get(node.uname.lower())
        if generated is None:
            continue
        yield Problem(
            f"cluster node {node.uname!r} has the name of {generated.what} of bundle "
            f"{generated.bundle.id!r}: {_consequence(generated, 'node')}",
            element=node.element,
            object_id=node.uname,
            # A cluster node's name is its host's: the bundle is the one to rename.
            hint=f"recreate bundle {generated.bundle.id} under another id (pcs resource bundle create "
            "NEW-NAME ...): pcs cannot rename ids, and a cluster node's name is its host name",
        )

    # Two bundles can generate one name: bundle "db" makes container "db-docker-1", and so does
    # replica 1 of a bundle called "db-docker".
    for bundle in cib.bundles.values():
        node_names = frozenset(bundle.replica_node_names)
        for name in bundle.generated_names:
            first = names[name]
            if first.bundle.id == bundle.id:
                continue
            mine = _describe(bundle, name, node_names)
            yield Problem(
                f"bundle {bundle.id!r} generates {name!r} as {mine.what}, and bundle "
                f"{first.bundle.id!r} generates the same name as {first.what}: "
                f"{_consequence(first, 'node' if mine.is_node else 'resource')}",
                element=bundle.element,
                object_id=bundle.id,
                hint=_rename_hint(bundle),
            )


RULE = Rule(
    code="PCS132",
    name="bundle-name-collision",
    severity=Severity.ERROR,
    summary="an id or remote-node equals a bundle-generated name",
    check=check,
    doc=rule_doc(__name__),
)
