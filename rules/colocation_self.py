"""PCS203 colocation-self: a colocation that places a resource relative to itself."""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Constraint, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import is_sequential, repeats_in_sets, through_tags


def check(ctx: Context) -> Iterator[Problem]:
    for constraint in ctx.cib.constraints:
        if constraint.kind != "colocation":
            continue
        if constraint.sets:
            yield from _check_sets(constraint)
        else:
            yield from _check_simple(constraint)


def _check_simple(constraint: Constraint) -> Iterator[Problem]:
    dependents = {ref.id: ref for ref in constraint.refs if ref.attribute == "rsc"}
    for ref in constraint.refs:
        if ref.attribute == "with-rsc" and ref.id in dependents:
            yield _problem(constraint, ref, f"both as 'rsc' and as 'with-rsc'{through_tags(dependents[ref.id], ref)}")


def _check_sets(constraint: Constraint) -> Iterator[Problem]:
    # A sequential set (the default) colocates each member with the one before it, and every
    # member of a set is colocated with the members of the neighbouring sets: a resource named
    # twice is colocated with itself, unless both are in one set with sequential=false.
    repeats = repeats_in_sets(constraint, key=lambda resource_set, ref: ref.id, links_members=is_sequential)
    for repeat in repeats:
        yield _problem(constraint, repeat.ref, repeat.where + through_tags(repeat.first, repeat.ref))


def _problem(constraint: Constraint, ref: ResourceRef, where: str) -> Problem:
    return Problem(
        f"colocation constraint {constraint.id!r} names {ref.id!r} {where}, colocating it with "
        "itself: the constraint has no effect (or, with a negative score, a contradictory one) "
        "and usually hides a typo in the other resource's name",
        element=ref.element,
        object_id=constraint.id,
        hint=f"pcs constraint remove {constraint.id}, then colocate {ref.id} with the resource you "
        f"meant: pcs constraint colocation add {ref.id} with OTHER-RESOURCE "
        f"{constraint.get('score') or 'INFINITY'}",
    )


RULE = Rule(
    code="PCS203",
    name="colocation-self",
    severity=Severity.WARNING,
    summary="a resource colocated with itself",
    check=check,
    doc=rule_doc(__name__),
)
