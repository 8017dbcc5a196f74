"""PCS203 colocation-self: a colocation that places a resource relative to itself."""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Constraint, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc

# crm_is_true: the words Pacemaker reads as true.
TRUE_WORDS = frozenset({"true", "on", "yes", "y", "1"})


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
            yield _problem(constraint, ref, f"both as rsc and as with-rsc{_tags(dependents[ref.id], ref)}")


def _check_sets(constraint: Constraint) -> Iterator[Problem]:
    # A sequential set (the default) colocates each member with the one before it, and every
    # member of a set is colocated with the members of the neighbouring sets: a resource named
    # twice is colocated with itself, unless both are in one set with sequential=false.
    seen: dict[str, tuple[int, ResourceRef]] = {}
    reported: set[str] = set()
    for index, resource_set in enumerate(constraint.sets):
        for ref in resource_set.refs:
            if ref.id not in seen:
                seen[ref.id] = (index, ref)
                continue
            first_index, first_ref = seen[ref.id]
            if ref.id in reported or (first_index == index and not _sequential(resource_set.element)):
                continue
            reported.add(ref.id)
            where = (
                f"twice in set {resource_set.id!r}" if first_index == index
                else f"in sets {constraint.sets[first_index].id!r} and {resource_set.id!r}"
            )
            yield _problem(constraint, ref, where + _tags(first_ref, ref))


def _sequential(set_element) -> bool:
    value = set_element.get("sequential")
    return value is None or value.lower() in TRUE_WORDS


def _problem(constraint: Constraint, ref: ResourceRef, where: str) -> Problem:
    return Problem(
        f"colocation constraint {constraint.id!r} names {ref.id!r} {where}, colocating it with "
        "itself: the constraint has no effect (or, with a negative score, a contradictory one) "
        "and usually hides a typo in the other resource's name",
        element=ref.element,
        object_id=constraint.id,
        hint=f"pcs constraint remove {constraint.id}, then colocate {ref.id} with the resource you "
        f"meant: pcs constraint colocation add {ref.id} with <other-resource>",
    )


def _tags(*refs: ResourceRef) -> str:
    tags = sorted({ref.via_tag for ref in refs if ref.via_tag})
    return f" (through tag {', '.join(repr(t) for t in tags)})" if tags else ""


RULE = Rule(
    code="PCS203",
    name="colocation-self",
    severity=Severity.WARNING,
    summary="a resource colocated with itself",
    check=check,
    doc=rule_doc(__name__),
)
