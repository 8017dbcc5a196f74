"""PCS405 recurring-start-stop: start, stop, promote or demote (and migrate, reload-agent)
configured with an interval."""

from collections.abc import Iterator

from pcs_lint.durations import format_ms
from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import NON_RECURRING_ACTIONS, op_fix, op_setting, operations


def check(ctx: Context) -> Iterator[Problem]:
    for op in operations(ctx.cib):
        if op.name not in NON_RECURRING_ACTIONS:
            continue
        interval = op.interval
        if not interval.valid or not interval.ms:
            continue
        settings = {"interval": "0s"}
        timeout, _ = op_setting(ctx.cib, op, "timeout")
        if timeout is not None:
            settings["timeout"] = timeout
        yield Problem(
            f"{op.describe()} is a {op.name} with interval "
            f"{format_ms(interval.ms)}: a {op.name} cannot recur; Pacemaker refuses to repeat it "
            f"(crm_verify: \"cannot be recurring\") and runs the real {op.name} with interval 0, "
            "which does not match this op, so its timeout and on-fail are silently not applied",
            element=op.element,
            object_id=op.id,
            **remedy(op_fix(op, **settings)),
        )


RULE = Rule(
    code="PCS405",
    name="recurring-start-stop",
    severity=Severity.ERROR,
    summary="start/stop/promote/demote with interval > 0",
    check=check,
    doc=rule_doc(__name__),
)
