"""PCS205 rsc-pattern: a location rsc-pattern that Pacemaker refuses, that matches nothing, or
that is written in PCRE syntax which POSIX reads differently."""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib, Constraint
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._posix_regex import SEARCH_PATHS_LIMIT, Ere, EreError, compile_ere, too_costly


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    candidates = _pattern_targets(cib)
    # Members are searched too, to explain a pattern that matches nothing top-level.
    longest = max([*candidates, *_member_ids(cib)], key=len, default=None)
    for constraint in cib.constraints:
        if constraint.kind != "location":
            continue
        written = constraint.get("rsc-pattern")
        if written is None:
            continue
        # A leading "!" inverts the match; the rest is the regular expression.
        inverted = written.startswith("!")
        pattern = written[1:] if inverted else written
        try:
            ere = compile_ere(pattern)
        except EreError as error:
            yield _invalid(constraint, written, error)
            continue
        for idiom in ere.idioms:
            yield Problem(
                f"rsc-pattern '{written}' of location constraint {constraint.id!r} uses "
                f"'{idiom.text}', PCRE syntax: {idiom.meaning}",
                element=constraint.element,
                object_id=constraint.id,
                severity=Severity.WARNING,
                hint="write it in POSIX extended syntax: [[:digit:]] for \\d, "
                "[[:alnum:]_] for \\w, [[:space:]] for \\s, no lazy quantifiers",
            )
        if longest is not None and too_costly(ere, longest):
            yield _not_tested(constraint, written, ere, longest)
        elif not _matches_any(ere, inverted, candidates):
            yield _matches_nothing(cib, constraint, written, ere, inverted)


def _pattern_targets(cib: Cib) -> list[str]:
    """The ids Pacemaker matches an rsc-pattern against: its top-level resources.

    A guest node's implicit connection is a top-level resource of the scheduler too.
    """
    targets = [r.id for r in cib.resources.values() if r.parent is None and r.kind != "template"]
    targets.extend(g.name for g in cib.guest_nodes if g.creates_node and g.name)
    return targets


def _member_ids(cib: Cib) -> list[str]:
    """Resources inside a group, clone or bundle: matched only to explain a pattern that
    matches nothing Pacemaker looks at."""
    return [r.id for r in cib.resources.values() if r.parent is not None]


def _matches_any(ere: Ere, inverted: bool, ids: list[str]) -> bool:
    return any(ere.search(resource_id) != inverted for resource_id in ids)


def _invalid(constraint: Constraint, written: str, error: EreError) -> Problem:
    return Problem(
        f"rsc-pattern '{written}' of location constraint {constraint.id!r} is not a valid POSIX "
        f"extended regular expression ({error.reason}, at offset {error.position}{error.note}): "
        "Pacemaker ignores the whole constraint",
        element=constraint.element,
        object_id=constraint.id,
        hint=f"pcs constraint remove {constraint.id}, then recreate it with a valid pattern: "
        f"pcs constraint location 'regexp%<pattern>' prefers {constraint.get('node') or '<node>'}",
    )


def _not_tested(constraint: Constraint, written: str, ere: Ere, longest: str) -> Problem:
    why = ("it repeats something that itself repeats or has alternatives, as in (a+)+ or "
           "(a|b)*, which a backtracking matcher can need exponential time for"
           if ere.nested_repeat else
           f"it has so many repeats that testing an id of {len(longest)} characters "
           f"({longest!r}) could take over {SEARCH_PATHS_LIMIT:,} steps")
    return Problem(
        f"rsc-pattern '{written}' of location constraint {constraint.id!r} was not tested "
        f"against the resource ids: {why}; pcs-lint cannot tell whether it matches any "
        "top-level resource",
        element=constraint.element,
        object_id=constraint.id,
        severity=Severity.INFO,
        hint="write it without a repeat inside a repeat ([ab]* rather than (a|b)*, a+ rather "
        "than (a+)+) and with fewer .* in a row: pcs constraint remove "
        f"{constraint.id}, then pcs constraint location 'regexp%<pattern>' prefers "
        f"{constraint.get('node') or '<node>'}",
    )


def _matches_nothing(cib: Cib, constraint: Constraint, written: str, ere: Ere, inverted: bool) -> Problem:
    nested = [member for member in _member_ids(cib) if ere.search(member) != inverted]
    why = (
        f"; it matches {', '.join(repr(n) for n in nested[:3])}, but Pacemaker matches "
        "rsc-pattern against top-level resources only (a clone, group or bundle, not its members)"
        if nested else ""
    )
    return Problem(
        f"rsc-pattern '{written}' of location constraint {constraint.id!r} "
        f"{'excludes every' if inverted else 'matches no'} top-level resource, so the constraint "
        f"does nothing{why}",
        element=constraint.element,
        object_id=constraint.id,
        severity=Severity.WARNING,
        hint=f"fix the pattern, or remove the constraint: pcs constraint remove {constraint.id}",
    )


RULE = Rule(
    code="PCS205",
    name="rsc-pattern",
    severity=Severity.ERROR,
    summary="rsc-pattern not a valid POSIX extended regex, matching no top-level resource, or using PCRE-only syntax",
    check=check,
    doc=rule_doc(__name__),
)
