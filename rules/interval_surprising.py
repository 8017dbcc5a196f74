"""PCS402 interval-surprising: an op interval Pacemaker reads, but not as written."""

import re
from collections.abc import Iterator

from pcs_lint.durations import MAX_MS, format_ms
from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import iso_lookalike, operations, op_fix

# Milliseconds per ISO 8601 unit at face value (what a writer means; months are handled apart).
_ISO_UNIT_MS = {"Y": 365 * 86_400_000, "W": 7 * 86_400_000, "D": 86_400_000, "H": 3_600_000, "S": 1000}


def meant_ms(text: str) -> int | None:
    """What the writer most likely meant, when it can be told: the fraction kept, or ISO 8601
    days, weeks and years at face value (months stay 30 days, T-minutes stay minutes)."""
    if text.startswith("P"):
        total, in_time = 0, False
        for part in re.findall(r"T|\d+[YMWDHS]", text.split()[0].split("/")[0]):
            if part == "T":
                in_time = True
                continue
            amount, unit = int(part[:-1]), part[-1]
            if unit == "M":
                total += amount * (60_000 if in_time else 30 * 86_400_000)
            else:
                total += amount * _ISO_UNIT_MS[unit]
        return total or None
    match = re.match(r"\s*(\d*\.\d+)\s*(ms|us|s|m|h)?", text, re.I)
    if match is None:
        return None
    unit = (match.group(2) or "s").lower()
    per_unit = {"ms": 1, "us": 0.001, "s": 1000, "m": 60_000, "h": 3_600_000}[unit]
    return round(float(match.group(1)) * per_unit) or None


def check(ctx: Context) -> Iterator[Problem]:
    for op in operations(ctx.cib):
        interval = op.interval
        intended = iso_lookalike(op.interval_text)
        if intended is not None:
            yield Problem(
                f"The interval {op.interval_text!r} of {op.describe()} looks like the ISO 8601 "
                f"duration {op.interval_text.strip().upper()!r}, but Pacemaker reads ISO 8601 only "
                "when the value begins with an upper-case 'P' and uses upper-case units: it fails "
                f"to read this one and uses 0, so this {op.name or 'operation'} silently stops recurring.",
                element=op.element,
                object_id=op.id,
                **remedy(op_fix(op, interval=format_ms(intended.ms) if intended.ms else "10s")),
            )
        elif interval.valid and interval.surprises:
            read_as = format_ms(interval.ms) if interval.ms else "0 (not recurring)"
            yield Problem(
                f"The interval {op.interval_text!r} of {op.describe()} is read by Pacemaker as "
                f"{read_as}: {'; '.join(interval.surprises)}.",
                element=op.element,
                object_id=op.id,
                **_remedy(op, interval.ms),
            )


def _remedy(op, read_ms: int | None) -> dict:
    meant = meant_ms(op.interval_text or "")
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
