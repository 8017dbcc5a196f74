"""PCS202 order-self: an rsc_order that orders an action of a resource after that same action.

Pacemaker's scheduler asserts that an ordering never joins an action to itself and aborts
(SIGABRT) when one does: crm_verify and the controller crash as soon as the resource exists in
the status section. Only the same resource with the same action counts: "promote A then start A"
names two different actions, which Pacemaker accepts (see order_self.md).
"""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.model import Constraint, ResourceSet
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import is_sequential, repeats_in_sets, through_tags

DEFAULT_ACTION = "start"


def check(ctx: Context) -> Iterator[Problem]:
    for constraint in ctx.cib.constraints:
        if constraint.kind != "order":
            continue
        if constraint.sets:
            yield from _check_sets(constraint)
        else:
            yield from _check_simple(constraint)


def _check_simple(constraint: Constraint) -> Iterator[Problem]:
    firsts = {ref.id: ref for ref in constraint.refs if ref.attribute == "first"}
    selves = [ref for ref in constraint.refs if ref.attribute == "then" and ref.id in firsts]
    if not selves:
        return  # nearly every order: its actions need not be read
    # then-action defaults to first-action, which defaults to start.
    first_action = constraint.get("first-action") or DEFAULT_ACTION
    then_action = constraint.get("then-action") or first_action
    if first_action != then_action:
        return
    for ref in selves:
        through = through_tags(firsts[ref.id], ref)
        yield Problem(
            f"order constraint {constraint.id!r} orders the {first_action} of {ref.id!r} after "
            f"itself{through}: Pacemaker's scheduler aborts on an action ordered after itself "
            "(crm_verify and the controller crash once the resource has status)",
            element=constraint.element,
            object_id=constraint.id,
            fix=Fix.of(f"pcs constraint remove {constraint.id}"),
        )


def _check_sets(constraint: Constraint) -> Iterator[Problem]:
    # The same resource with the same action twice is one action ordered after itself.
    repeats = repeats_in_sets(
        constraint,
        key=lambda resource_set, ref: (ref.id, _set_action(resource_set)),
        links_members=lambda resource_set: _orders_its_members(constraint, resource_set),
    )
    for repeat in repeats:
        ref, action = repeat.ref, _set_action(repeat.resource_set)
        yield Problem(
            f"order constraint {constraint.id!r} names {ref.id!r} {repeat.where} with the same action "
            f"({action}){through_tags(repeat.first, ref)}, so Pacemaker orders {ref.id!r}'s "
            f"{action} after itself: directly, which aborts the scheduler, or through a loop, "
            "which blocks the action for ever",
            element=ref.element,
            object_id=constraint.id,
            hint=f"keep {ref.id!r} once in the constraint: pcs constraint remove {constraint.id}, "
            "then recreate it with pcs constraint order set ...",
        )


def _set_action(resource_set: ResourceSet) -> str:
    return resource_set.element.get("action") or DEFAULT_ACTION


def _orders_its_members(constraint: Constraint, resource_set: ResourceSet) -> bool:
    """Whether Pacemaker orders the members of one set among themselves.

    A set is sequential unless sequential is false; kind=Serialize orders every pair anyway.
    """
    kind = resource_set.element.get("kind") or constraint.get("kind")
    return is_sequential(resource_set) or kind == "Serialize"


RULE = Rule(
    code="PCS202",
    name="order-self",
    severity=Severity.ERROR,
    summary="rsc_order whose first and then are the same action (same resource twice, also within one ordered set)",
    check=check,
    doc=rule_doc(__name__),
)
