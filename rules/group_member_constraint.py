"""PCS208 group-member-constraint: an order between members of one group, or a colocation that
names a group member instead of the group.

Members of groups inside clones or bundles are left to PCS207 and PCS134: Pacemaker refuses
those constraints outright. Remote connections in groups are left to PCS104 and PCS106.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint, Resource, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import through_tags, where_named


def plain_group(cib: Cib, resource: Resource | None) -> Resource | None:
    """The group directly around ``resource``, unless that group is cloned or bundled, or the
    resource is a remote connection: a connection belongs in no group and no colocation or order
    (PCS104, PCS106), so this rule's advice (colocate the group, reorder it) would lead away
    from the real fix into a constraint those rules still report."""
    if resource is None or resource.id in cib.derived(_remote_connection_ids):
        return None
    group = cib.parent(resource)
    if group is None or group.kind != "group":
        return None
    if any(a.kind in ("clone", "bundle") for a in cib.ancestors(group)):
        return None
    return group


def _remote_connection_ids(cib: Cib) -> frozenset[str]:
    """Built once per CIB (it was once per reference: quadratic in constraints and connections)."""
    return frozenset(connection.id for connection in cib.remote_connections)


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    # resource id -> plain_group: constraints name the same resources again and again.
    group_of: Callable[[str], Resource | None] = functools.cache(
        lambda resource_id: plain_group(cib, cib.resources.get(resource_id)))
    for constraint in cib.constraints:
        if constraint.kind == "order":
            yield from _orders(constraint, group_of)
        elif constraint.kind == "colocation":
            yield from _colocations(constraint, group_of)


def _orders(constraint: Constraint, group_of: Callable[[str], Resource | None]) -> Iterator[Problem]:
    # Each (group member) reference, in the constraint's order: first before then, sets in turn.
    # group id -> its first member reference: a group is reported at the first reference to
    # another of its members, ordered after that one (a scan of every earlier reference per
    # reference was quadratic in a set's size).
    firsts: dict[str, ResourceRef] = {}
    reported: set[str] = set()
    for ref in constraint.refs:
        group = group_of(ref.id)
        if group is None:
            continue
        earlier = firsts.setdefault(group.id, ref)
        if earlier.id == ref.id or group.id in reported:
            continue
        reported.add(group.id)
        position = group.children.index
        contradicts = position(ref.id) < position(earlier.id)
        effect = (
            "this order contradicts the group's own, a loop that blocks both"
            if contradicts else "this order only repeats the group's own"
        )
        yield Problem(
            f"order constraint {constraint.id!r} orders {ref.id!r} after {earlier.id!r}"
            f"{through_tags(earlier, ref)}, both "
            f"members of group {group.id!r}: a group already starts its members in the order "
            f"they are listed and stops them in reverse, so {effect}",
            element=ref.element,
            object_id=constraint.id,
            **remedy(Fix.of(f"pcs constraint remove {constraint.id}"), (
                f"; if {earlier.id} must start before {ref.id}, reorder the group instead: "
                f"pcs resource group add {group.id} {earlier.id} --before {ref.id}"
                if contradicts else "")),
        )


def _colocations(constraint: Constraint, group_of: Callable[[str], Resource | None]) -> Iterator[Problem]:
    reported: set[str] = set()
    for ref in constraint.refs:
        group = group_of(ref.id)
        if group is None or ref.id in reported:
            continue
        reported.add(ref.id)
        yield Problem(
            f"colocation constraint {constraint.id!r} names {ref.id!r} {where_named(ref)}, a member of group "
            f"{group.id!r}: a group's members run together on one node, so this colocation "
            "decides where the whole group may run, or stops this member and those after it "
            "when the group cannot follow; colocate the group itself",
            element=ref.element,
            object_id=constraint.id,
            hint=f"pcs constraint remove {constraint.id}, then pcs constraint colocation add ... "
            f"naming {group.id} instead of {ref.id}",
        )


RULE = Rule(
    code="PCS208",
    name="group-member-constraint",
    severity=Severity.WARNING,
    summary="order between members of one group; colocation naming a group member",
    check=check,
    doc=rule_doc(__name__),
)
