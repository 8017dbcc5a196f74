"""PCS209 duplicate-constraint: the same constraint twice, or contradictory ±INFINITY colocations."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from lxml import etree

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.model import Cib, Constraint, defines_id
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import with_location_nodes
from pcs_lint.values import SCORE_INFINITY, parse_score

# Old role names mean the new ones; no role (or Started) means any role.
ROLE_ALIASES = {"master": "promoted", "slave": "unpromoted", "started": "", None: ""}


def signature(element: Any) -> tuple:
    """The element's content without its own ids: equal signatures mean equal constraints.

    Ids that name another element (resource_ref, obj_ref) are content and are kept.
    """
    # items() reads every attribute in one call; most constraints have no child (len() is 0).
    attributes = element.items()
    if defines_id(element):
        attributes = [pair for pair in attributes if pair[0] != "id"]
    attributes.sort()
    children = tuple([signature(child) for child in element.iterchildren(etree.Element)]) if len(element) else ()
    return (element.tag, tuple(attributes), children)


def _shortlist_key(constraint: Constraint, node: str | None) -> tuple:
    """What equal signatures share, from what has already been read: the kind, a location's
    node and the resources as written. Only constraints that share it need their signature,
    which reads every attribute of every element (most of this rule's time)."""
    return (constraint.kind, node, *[ref.id for ref in constraint.direct_refs])


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    yield from _duplicates(cib)
    yield from _contradictions(cib)


def _duplicates(cib: Cib) -> Iterator[Problem]:
    # shortlist key -> its only constraint so far, or (once it has two) signature -> first one
    shortlists: dict[tuple, Constraint | dict[tuple, Constraint]] = {}
    for constraint, node in with_location_nodes(cib):
        key = _shortlist_key(constraint, node)
        first_seen = shortlists.setdefault(key, constraint)
        if first_seen is constraint:
            continue
        if isinstance(first_seen, Constraint):
            first_seen = shortlists[key] = {signature(first_seen.element): first_seen}
        original = first_seen.setdefault(signature(constraint.element), constraint)
        if original is constraint:
            continue
        yield Problem(
            f"{constraint.kind} constraint {constraint.id!r} repeats constraint {original.id!r} "
            f"(line {original.element.sourceline}) exactly, ids aside: the copy adds nothing, and "
            "removing or changing only one of them later leaves the other in force",
            element=constraint.element,
            object_id=constraint.id,
            fix=Fix.of(f"pcs constraint remove {constraint.id}"),
        )


def _contradictions(cib: Cib) -> Iterator[Problem]:
    seen: dict[frozenset, tuple[Constraint, int]] = {}
    infinite_score = functools.cache(_infinite_score)  # a CIB writes a handful of scores
    for constraint in cib.constraints:
        if constraint.kind != "colocation" or constraint.sets:
            continue
        score = infinite_score(constraint.get("score"))
        rsc, with_rsc = constraint.get("rsc"), constraint.get("with-rsc")
        if score == 0 or not rsc or not with_rsc:
            continue
        pair = frozenset({(rsc, _role(constraint.get("rsc-role"))),
                          (with_rsc, _role(constraint.get("with-rsc-role")))})
        if pair not in seen:
            seen[pair] = (constraint, score)
            continue
        other, other_score = seen[pair]
        if other_score == score:
            continue
        together, apart = (other, constraint) if other_score > 0 else (constraint, other)
        yield Problem(
            f"colocation constraint {constraint.id!r} contradicts {other.id!r} (line "
            f"{other.element.sourceline}): {together.id!r} requires {rsc!r} and {with_rsc!r} "
            f"on the same node (+INFINITY) and {apart.id!r} forbids it (-INFINITY), so the "
            "dependent resource can run nowhere",
            element=constraint.element,
            object_id=constraint.id,
            hint=f"keep the one you mean: pcs constraint remove {apart.id} "
            f"(or pcs constraint remove {together.id})",
        )


def _infinite_score(text: str | None) -> int:
    """+1 for a +INFINITY score, -1 for -INFINITY, 0 for a finite or missing one."""
    score = parse_score(text)
    return 1 if score >= SCORE_INFINITY else -1 if score <= -SCORE_INFINITY else 0


def _role(text: str | None) -> str:
    lowered = text.lower() if text is not None else None
    return ROLE_ALIASES.get(lowered, lowered or "")


RULE = Rule(
    code="PCS209",
    name="duplicate-constraint",
    severity=Severity.WARNING,
    summary="the same constraint twice; contradictory ±INFINITY colocations",
    check=check,
    doc=rule_doc(__name__),
)
