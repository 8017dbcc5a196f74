"""PCS403 timeout-invalid: an operation timeout Pacemaker cannot use (it silently uses 20 s)."""

from collections.abc import Iterator

from pcs_lint.durations import format_ms, parse_interval, parse_timeout
from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import op_defaults, op_setting, operations, pcs_op_hint

# Pacemaker 2.1 stores an action timeout in a C int of milliseconds.
INT_MAX_MS = 2**31 - 1


def timeout_problem(text: str) -> str | None:
    """Why Pacemaker cannot use this timeout, or None when it can."""
    duration = parse_timeout(text)
    if not duration.valid:
        if parse_interval(text).form == "iso":
            return ("ISO 8601 is accepted for intervals but not for timeouts, so Pacemaker "
                    "silently uses its 20 s default")
        return f"{duration.problem}, so Pacemaker silently uses its 20 s default"
    if duration.ms == 0:
        return ("a timeout of 0 is no timeout: Pacemaker 2.1 passes 0 on to the action and newer "
                "releases replace it with the 20 s default")
    if duration.ms > INT_MAX_MS:
        return ("it is larger than Pacemaker 2.1 can hold (about 24.8 days in a 32-bit signed "
                "number of milliseconds), so the value wraps around to a meaningless one")
    return None


def suggestion(text: str) -> str:
    """A usable spelling of what the user probably meant."""
    iso = parse_interval(text)
    if iso.form == "iso" and iso.ms:
        return format_ms(iso.ms)
    return "20s"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for op in operations(cib):
        text, element = op_setting(cib, op, "timeout")
        if text is None:
            continue
        problem = timeout_problem(text)
        if problem is None:
            continue
        yield Problem(
            f"the timeout {text!r} of {op.describe()} is not usable: {problem}",
            element=element,
            object_id=op.id,
            hint=pcs_op_hint(op, timeout=suggestion(text)),
        )
    default = op_defaults(cib).get("timeout")
    if default is not None and default.value is not None:
        problem = timeout_problem(default.value)
        if problem is not None:
            yield Problem(
                f"the op_defaults timeout {default.value!r} (nvpair {default.id!r}) is not usable: "
                f"{problem}; it applies to every operation without its own timeout",
                element=default.element,
                object_id=default.id,
                hint=f"pcs resource op defaults update timeout={suggestion(default.value)}",
            )


RULE = Rule(
    code="PCS403",
    name="timeout-invalid",
    severity=Severity.ERROR,
    summary="op timeout in ISO form or invalid (silently becomes 20 s)",
    check=check,
    doc=rule_doc(__name__),
)
