"""PCS404 duplicate-operation: two ops of one resource with the same name and interval."""

from collections.abc import Iterable, Iterator

from pcs_lint.durations import format_ms
from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import Operation, effective_operations, operations


def duplicate_pairs(ops: Iterable[Operation]) -> Iterator[tuple[Operation, Operation]]:
    """(first, repeat) for every op whose name and interval an earlier op already has.

    Pacemaker keys an operation by name and interval in milliseconds only (10s == 10000ms ==
    PT10S), whatever its role. Unreadable intervals are PCS401's business and are skipped.
    """
    first_by_key: dict[tuple[str, int], Operation] = {}
    for op in ops:
        ms = op.interval.ms
        if ms is None:  # not valid
            continue
        key = (op.name, ms)
        if key in first_by_key:
            yield first_by_key[key], op
        else:
            first_by_key[key] = op


def _problem(first: Operation, repeat: Operation, report_at: Operation) -> Problem:
    every = f"every {format_ms(repeat.interval.ms)}" if repeat.interval.ms else "with interval 0"
    roles = {(op.role or "no role") for op in (first, repeat)}
    role_note = (f"; their roles differ ({' and '.join(sorted(roles))}), but Pacemaker does not "
                 "tell operations apart by role") if len(roles) > 1 else ""
    other = repeat if report_at is first else first
    where = f" inherited from template {other.owner_id!r}" if other.in_template and not report_at.in_template else ""
    return Problem(
        f"{report_at.describe()} and operation {other.id!r}{where} "
        f"(line {other.element.sourceline}) are both {repeat.name} {every}: Pacemaker identifies an "
        f"operation by name and interval, so it uses only {first.id!r} and ignores {repeat.id!r} "
        f"(crm_verify: \"is duplicate of\"){role_note}",
        element=report_at.element,
        object_id=report_at.id,
        **remedy(Fix.of(f"pcs resource op remove {repeat.id}" if not repeat.in_template
                        else f"pcs resource op remove {report_at.id}"),
                 " (or, to keep both roles monitored, give one of them a different interval)" if role_note else ""),
    )


def check(ctx: Context) -> Iterator[Problem]:
    cib: Cib = ctx.cib
    # A template's own duplicates are reported once, at the template.
    by_template: dict[str, list[Operation]] = {}
    for op in operations(cib):
        if op.in_template:
            by_template.setdefault(op.owner_id, []).append(op)
    for ops in by_template.values():
        for first, repeat in duplicate_pairs(ops):
            yield _problem(first, repeat, repeat)
    reported: set[int] = set()  # <operations id-ref> shares one set of ops between resources
    for resource in cib.resources_of_kind("primitive"):
        for first, repeat in duplicate_pairs(effective_operations(cib, resource)):
            if first.in_template and repeat.in_template:
                continue  # already reported at the template
            # Report where this resource can be fixed: its own op, not the shared template.
            report_at = first if repeat.in_template else repeat
            if id(report_at.element) not in reported:
                reported.add(id(report_at.element))
                yield _problem(first, repeat, report_at)


RULE = Rule(
    code="PCS404",
    name="duplicate-operation",
    severity=Severity.ERROR,
    summary="two ops with the same name and interval (10s == 10000ms), even with different roles",
    check=check,
    doc=rule_doc(__name__),
)
