"""PCS132 bundle-name-collision: an id or remote-node equals a name a bundle generates."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from pcs_lint.bundle_names import ADDRESS, CLONE, REPLICA_NODE, Generated
from pcs_lint.findings import Problem, Severity
from pcs_lint.model import RESOURCE_TAGS, Bundle
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import guest_name_label

SHARED_NAMES_LISTED = 20


def _what(generated: Generated, bundle: Bundle) -> str:
    """'the guest node (and its connection) of replica 0', 'a container resource', ..."""
    if generated.what == REPLICA_NODE:
        return f"the guest node (and its connection) of replica {generated.replica}"
    if generated.what == CLONE:
        return f"the implicit clone of primitive {bundle.primitive!r}"
    if generated.what == ADDRESS:
        return "an implicit IPaddr2 resource"
    return "a container resource"


def _is_node(generated: Generated) -> bool:
    return generated.what == REPLICA_NODE


def _consequence(generated: Generated, holder: str) -> str:
    """Why it matters; ``holder`` is what else carries the name: resource, node or other."""
    if _is_node(generated) and holder == "resource":
        return ("Pacemaker then quietly gives that replica's connection an internal name instead, "
                "so constraints, rules and tools that use the node name miss it")
    if _is_node(generated) and holder == "node":
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
    names = cib.generated_names

    for name, generated in names.first_of_each(cib.ids):
        bundle = cib.bundles[generated.bundle_id]
        for element in cib.ids[name]:
            holder = "resource" if element.tag in RESOURCE_TAGS else "other"
            yield Problem(
                f"id {name!r} of this <{element.tag}> is also {_what(generated, bundle)} that Pacemaker "
                f"generates for bundle {bundle.id!r}: {_consequence(generated, holder)}",
                element=element,
                object_id=name,
                hint=_rename_hint(bundle, f"<{element.tag}> {name}"),
            )

    for guest in cib.guest_nodes:
        generated = names.first(guest.name) or names.replica_node(guest.name, str.lower)
        if generated is None:
            continue
        bundle = cib.bundles[generated.bundle_id]
        pair = guest.remote_node
        yield Problem(
            f"{guest_name_label(guest)} is also "
            f"{_what(generated, bundle)} that Pacemaker generates for bundle {bundle.id!r}: "
            f"{_consequence(generated, 'node' if _is_node(generated) else 'resource')}",
            element=pair.element,
            object_id=guest.resource.id,
            hint=f"pcs cluster node remove-guest {guest.name}; pcs cluster node add-guest "
            f"NEW-NAME {guest.resource.id}",
        )

    for node in cib.nodes:
        if node.type == "remote" or not node.uname:
            continue  # a type="remote" entry is the bundle node's own (node attributes live there)
        generated = names.replica_node(node.uname, str.lower)
        if generated is None:
            continue
        bundle = cib.bundles[generated.bundle_id]
        yield Problem(
            f"cluster node {node.uname!r} has the name of {_what(generated, bundle)} of bundle "
            f"{bundle.id!r}: {_consequence(generated, 'node')}",
            element=node.element,
            object_id=node.uname,
            # A cluster node's name is its host's: the bundle is the one to rename.
            hint=f"recreate bundle {bundle.id} under another id (pcs resource bundle create "
            "NEW-NAME ...): pcs cannot rename ids, and a cluster node's name is its host name",
        )

    # Two bundles can generate one name: bundle "db" makes container "db-docker-1", and so does
    # replica 1 of a bundle called "db-docker". One finding per shared name, up to
    # SHARED_NAMES_LISTED per pair of bundles (replicas may be INT_MAX).
    for first, later, count in names.collisions():
        first_bundle, bundle = cib.bundles[first.bundle_id], cib.bundles[later.bundle_id]
        for number in range(min(count, SHARED_NAMES_LISTED)):
            name = later.name if count == 1 else later.name[:-1] + str(number)
            mine = replace(later, name=name, replica=number if later.replica is not None else None)
            theirs = replace(first, name=name, replica=number if first.replica is not None else None)
            more = (f" ({count - SHARED_NAMES_LISTED} more names of the two bundles are shared "
                    "the same way)" if number == SHARED_NAMES_LISTED - 1 and count > SHARED_NAMES_LISTED else "")
            yield Problem(
                f"bundle {bundle.id!r} generates {name!r} as {_what(mine, bundle)}, and bundle "
                f"{first_bundle.id!r} generates the same name as {_what(theirs, first_bundle)}: "
                f"{_consequence(theirs, 'node' if _is_node(mine) else 'resource')}{more}",
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
