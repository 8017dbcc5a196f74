"""PCS401 interval-invalid: an op interval Pacemaker cannot read (it silently uses 0)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import iso_lookalike, op_fix, operations


def check(ctx: Context) -> Iterator[Problem]:
    for op in operations(ctx.cib):
        interval = op.interval
        # A lower-case or indented ISO form is PCS402's (interval-surprising), never both.
        if interval.valid or iso_lookalike(op.interval_text) is not None:
            continue
        yield Problem(
            f"the interval {op.interval_text!r} of {op.describe()} cannot be read by Pacemaker "
            f"({interval.problem}): it logs \"Using 0 instead of '{op.interval_text}'\" and uses 0, "
            f"so this {op.name or 'operation'} silently stops recurring",
            element=op.element,
            object_id=op.id,
            **remedy(op_fix(op, interval="10s"), "  (a whole number with s, min or h, or ISO 8601 like PT10S)"),
        )


RULE = Rule(
    code="PCS401",
    name="interval-invalid",
    severity=Severity.ERROR,
    summary="an op interval that does not parse (the op silently becomes non-recurring)",
    check=check,
    doc=rule_doc(__name__),
)
