"""PCS409 timeout-advice: a remote connection start timeout too short to retry, and (with
agent metadata directories configured) an op timeout below the agent's advised value."""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.durations import format_ms, parse_timeout
from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._agent_metadata import METADATA_OPTIONS_SCHEMA, advised_for, advised_timeouts
from pcs_lint.rules._operations import (
    Operation,
    effective_operations,
    op_defaults,
    op_fix,
    op_setting,
)

# The controller retries a failed remote connection only while more than 3 s of the start
# timeout remain (remote_lrm_op_callback in controld_remote_ra.c).
RETRY_MARGIN_MS = 3000
DEFAULT_TIMEOUT_MS = 20_000

def _start_timeout(cib: Cib, ops: tuple[Operation, ...]) -> tuple[int, object, str, Operation | None]:
    """(ms, element to point at, where it comes from, start op) of a resource's start timeout."""
    for op in ops:
        if op.name == "start" and op.interval.valid and op.interval.ms == 0:
            text, element = op_setting(cib, op, "timeout")
            if text is not None:
                duration = parse_timeout(text)
                ms = duration.ms if duration.valid else DEFAULT_TIMEOUT_MS
                return ms, element, f"op {op.id!r}", op
            break
    default = op_defaults(cib).get("timeout")
    if default is not None and default.value is not None:
        duration = parse_timeout(default.value)
        if duration.valid:
            return duration.ms, default.element, f"op_defaults nvpair {default.id!r}", None
    return DEFAULT_TIMEOUT_MS, None, "the default", None


def _remote_advice(cib: Cib) -> Iterator[Problem]:
    for connection in cib.remote_connections:
        ms, element, source, op = _start_timeout(cib, effective_operations(cib, connection.resource))
        if element is None or not 0 < ms <= RETRY_MARGIN_MS:
            continue
        yield Problem(
            f"remote connection {connection.id!r} starts with a timeout of {format_ms(ms)} (from "
            f"{source}): Pacemaker retries a failed connection attempt only while more than 3 s of "
            "the start timeout remain, so one refused or slow connection fails the start",
            element=element,
            object_id=connection.id,
            **remedy(op_fix(op, timeout="60s") if op is not None
                     else Fix.of(f"pcs resource update {connection.id} op start interval=0s timeout=60s")),
        )
    for guest in cib.guest_nodes:
        pair = guest.connect_timeout
        if pair is None or pair.value is None:
            continue
        duration = parse_timeout(pair.value)
        if duration.valid and 0 < duration.ms <= RETRY_MARGIN_MS:
            yield Problem(
                f"guest node {guest.name!r} (resource {guest.resource.id!r}) has "
                f"remote-connect-timeout={pair.value!r}: the connection start gets "
                f"{format_ms(duration.ms)}, and Pacemaker retries a failed attempt only while more "
                "than 3 s remain, so one refused or slow connection fails it",
                element=pair.element,
                object_id=guest.resource.id,
                fix=Fix.of(f"pcs resource meta {guest.resource.id} remote-connect-timeout=60s"),
            )


def _metadata_advice(cib: Cib, directories: tuple[str, ...]) -> Iterator[Problem]:
    reported: set[int] = set()
    for resource in cib.resources_of_kind("primitive"):
        agent = cib.effective_agent(resource)
        if (agent.standard or "").lower() != "ocf" or not agent.provider or not agent.type:
            continue
        actions = advised_timeouts(directories, agent.provider, agent.type)
        if not actions:
            continue
        for op in effective_operations(cib, resource):
            text, element = op_setting(cib, op, "timeout")
            advised = advised_for(actions, op)
            if text is None or advised is None or id(element) in reported:
                continue
            duration = parse_timeout(text)
            if not duration.valid or duration.ms >= advised:
                continue
            reported.add(id(element))
            yield Problem(
                f"the {op.name} timeout {text!r} of {op.describe()} is below the "
                f"{format_ms(advised)} that agent {agent} advises in its metadata: the action may "
                "be killed and counted as failed while it is still working normally",
                element=element,
                object_id=op.id,
                **remedy(op_fix(op, timeout=format_ms(advised))),
            )


def check(ctx: Context) -> Iterator[Problem]:
    yield from _remote_advice(ctx.cib)
    directories = tuple(ctx.options.get("metadata_dirs") or ())
    if directories:
        yield from _metadata_advice(ctx.cib, directories)


RULE = Rule(
    code="PCS409",
    name="timeout-advice",
    severity=Severity.INFO,
    summary="a timeout below the agent's advised value; a remote connection start timeout <= 3 s (no retry)",
    check=check,
    doc=rule_doc(__name__),
    options_schema=METADATA_OPTIONS_SCHEMA,
)
