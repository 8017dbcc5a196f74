"""PCS406 on-fail-invalid: an on-fail value Pacemaker does not allow for the operation."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import Operation, is_promoted_role, op_defaults, op_fix, op_settings
from pcs_lint.rules._resources import nearest

# Values Pacemaker 2.1 understands (case-insensitively); "nothing" and "migrate" are old
# spellings the schema no longer lists but the scheduler still accepts.
KNOWN = ("ignore", "nothing", "block", "stop", "restart", "standby", "fence", "restart-container", "demote", "migrate")
NOT_FOR_STOP = ("standby", "demote", "stop")
STOP_DEFAULT = "fence when fencing is enabled, block otherwise"


def op_problem(cib: Cib, op: Operation, value: str) -> tuple[str, str, Severity | None] | None:
    """(why, suggested value, severity override) for one op's on-fail, or None when allowed."""
    lowered = value.lower()
    if lowered not in KNOWN:
        return (f"Pacemaker does not know {value!r} (\"Unknown failure type\") and uses the default",
                "restart", None)
    if op.name.lower() == "stop" and lowered in NOT_FOR_STOP:
        return (f"{value!r} is not allowed for a stop: Pacemaker resets it to the default "
                f"({STOP_DEFAULT})", "block", None)
    if lowered == "demote":
        promoted_monitor = (op.name.lower() == "monitor" and is_promoted_role(op.role)
                            and op.interval.valid and bool(op.interval.ms))
        if op.name.lower() != "promote" and not promoted_monitor:
            return ("'demote' is allowed only for a promote or a recurring monitor with role "
                    "Promoted: Pacemaker resets it to the default", "restart", None)
    if lowered == "restart-container" and op.owner is not None and not op.in_template:
        in_bundle = nearest(cib, op.owner, "bundle") is not None
        if not in_bundle and "container" not in cib.meta(op.owner):
            return ("'restart-container' applies only to a resource inside a bundle or with a "
                    "'container' meta-attribute: Pacemaker ignores it and uses the default",
                    "restart", Severity.WARNING)
    return None


def _schema_checks(cib: Cib) -> bool:
    return (cib.validate_with or "none").lower() != "none"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for op, value, element in op_settings(cib, "on-fail"):
        if element is op.element and value.lower() not in KNOWN and _schema_checks(cib):
            continue  # an unknown on-fail attribute is a schema error: PCS903 reports it
        found = op_problem(cib, op, value)
        if found is None:
            continue
        why, suggested, severity = found
        yield Problem(
            f"on-fail={value!r} on {op.describe()} ({op.name}) is not allowed: {why}",
            element=element,
            object_id=op.id,
            **remedy(op_fix(op, on_fail=suggested)),
            severity=severity,
        )
    default = op_defaults(cib).get("on-fail")
    if default is None or default.value is None:
        return
    lowered = default.value.lower()
    if lowered not in KNOWN:
        why = f"Pacemaker does not know {default.value!r} and uses each operation's default"
    elif lowered == "demote":
        why = ("it applies to every operation, but 'demote' is allowed only for promote and "
               "recurring Promoted monitors: Pacemaker resets it everywhere else")
    elif lowered in NOT_FOR_STOP:
        why = (f"it applies to every stop too, where {default.value!r} is not allowed: Pacemaker "
               f"resets it for each stop ({STOP_DEFAULT}) and logs a configuration error")
    else:
        return
    yield Problem(
        f"the op_defaults on-fail={default.value!r} (nvpair {default.id!r}) is a problem: {why}",
        element=default.element,
        object_id=default.id,
        fix=Fix.of("pcs resource op defaults update on-fail="),
        hint="pcs resource op defaults update on-fail=  (an empty value removes it), then set on-fail "
        "only on the operations that allow it: pcs resource update RESOURCE op ACTION "
        "interval=INTERVAL on-fail=VALUE",
    )


RULE = Rule(
    code="PCS406",
    name="on-fail-invalid",
    severity=Severity.ERROR,
    summary="on-fail not allowed for the action (stop: not standby/demote/stop; demote only on promote or "
    "promoted-role monitors)",
    check=check,
    doc=rule_doc(__name__),
)
