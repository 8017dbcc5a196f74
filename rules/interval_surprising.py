"""PCS402 interval-surprising: an op interval Pacemaker reads, but not as written."""

from collections.abc import Iterator

from pcs_lint.durations import MAX_MS, face_value_ms, format_ms
from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import iso_lookalike, op_fix, operations


def check(ctx: Context) -> Iterator[Problem]:
    for op in operations(ctx.cib):
        interval = op.interval
        if interval.valid and not interval.surprises:
            continue  # the usual op (and a valid interval is never an ISO look-alike)
        intended = iso_lookalike(op.interval_text)
        if intended is not None:
            yield Problem(
                f"the interval {op.interval_text!r} of {op.describe()} looks like the ISO 8601 "
                f"duration {op.interval_text.strip().upper()!r}, but Pacemaker reads ISO 8601 only "
                "when the value begins with an upper-case 'P' and uses upper-case units: it fails "
                f"to read this one and uses 0, so this {op.name or 'operation'} silently stops recurring",
                element=op.element,
                object_id=op.id,
                **remedy(op_fix(op, interval=format_ms(intended.ms) if intended.ms else "10s")),
            )
        elif interval.valid and interval.surprises:
            read_as = format_ms(interval.ms) if interval.ms else "0 (not recurring)"
            yield Problem(
                f"the interval {op.interval_text!r} of {op.describe()} is read by Pacemaker as "
                f"{read_as}: {'; '.join(interval.surprises)}",
                element=op.element,
                object_id=op.id,
                **_remedy(op, interval.ms),
            )


def _remedy(op, read_ms: int | None) -> dict:
    meant = face_value_ms(op.interval_text or "")
    if (meant is not None and meant > MAX_MS) or read_ms == MAX_MS:
        return remedy(op_fix(op, interval=format_ms(MAX_MS // 3_600_000 * 3_600_000)),
                      "  (Pacemaker cannot hold an interval longer than about 49.7 days)")
    if meant is not None and meant != read_ms:
        return remedy(op_fix(op, interval=format_ms(meant)), f"  (if you meant {format_ms(meant)})")
    return remedy(op_fix(op, interval=format_ms(read_ms) if read_ms else "10s"),
                  "  (write the interval you mean as a whole number of s, min or h)")


RULE = Rule(
    code="PCS402",
    name="interval-surprising",
    severity=Severity.WARNING,
    summary="an op interval read lossily: fractions, unit prefixes, ISO months/days, lower-case ISO",
    check=check,
    doc=rule_doc(__name__),
)
