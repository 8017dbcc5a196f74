"""PCS403 timeout-invalid: an operation timeout Pacemaker cannot use (it silently uses 20 s)."""

import functools
from collections.abc import Iterator

from pcs_lint.durations import format_ms, parse_interval, parse_timeout
from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._agent_metadata import METADATA_OPTIONS_SCHEMA, op_advised_timeout
from pcs_lint.rules._operations import op_defaults, op_fix, op_settings

# Pacemaker 2.1 stores an action timeout in a C int of milliseconds.
INT_MAX_MS = 2**31 - 1


@functools.lru_cache(maxsize=4096)  # a CIB repeats a few timeouts in every op
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


def meant_ms(text: str) -> int | None:
    """What the user plainly meant: an ISO 8601 duration, which Pacemaker reads for intervals."""
    iso = parse_interval(text)
    return iso.ms if iso.form == "iso" and iso.ms and iso.ms <= INT_MAX_MS else None


# Pacemaker's 20 s fallback is what the user got by accident, never a fix: the value comes from
# what they wrote, or from the agent's metadata, or they choose it.
CHOOSE = ("the time the action needs, e.g. the agent's advised timeout from "
          "`pcs resource describe AGENT`")


def op_remedy(cib, op, text: str, directories: tuple[str, ...]) -> dict:
    meant = meant_ms(text)
    if meant is None:
        meant = op_advised_timeout(cib, op, directories)
    if meant is not None:
        return remedy(op_fix(op, timeout=format_ms(meant)))
    outline = op_fix(op, timeout="SECONDS")
    outline = outline.text() if isinstance(outline, Fix) else outline
    return remedy(f"{outline}  (SECONDS: {CHOOSE})")


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    directories = tuple(ctx.options.get("metadata_dirs") or ())
    for op, text, element in op_settings(cib, "timeout"):
        problem = timeout_problem(text)
        if problem is None:
            continue
        yield Problem(
            f"the timeout {text!r} of {op.describe()} is not usable: {problem}",
            element=element,
            object_id=op.id,
            **op_remedy(cib, op, text, directories),
        )
    default = op_defaults(cib).get("timeout")
    if default is not None and default.value is not None:
        problem = timeout_problem(default.value)
        if problem is not None:
            meant = meant_ms(default.value)
            yield Problem(
                f"the op_defaults timeout {default.value!r} (nvpair {default.id!r}) is not usable: "
                f"{problem}; it applies to every operation without its own timeout",
                element=default.element,
                object_id=default.id,
                **remedy(Fix.of(f"pcs resource op defaults update timeout={format_ms(meant)}") if meant
                         else "pcs resource op defaults update timeout=SECONDS  (SECONDS: a value that "
                         "suits every operation without its own timeout), or remove it: pcs resource "
                         "op defaults update timeout="),
            )


RULE = Rule(
    code="PCS403",
    name="timeout-invalid",
    severity=Severity.ERROR,
    summary="op timeout in ISO form or invalid (silently becomes 20 s)",
    check=check,
    doc=rule_doc(__name__),
    options_schema=METADATA_OPTIONS_SCHEMA,
)
