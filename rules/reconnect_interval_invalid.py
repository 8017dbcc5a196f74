"""PCS117 reconnect-interval-invalid: reconnect_interval not a valid duration, or rule-conditioned."""

from collections.abc import Iterator

from pcs_lint.durations import parse_interval
from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import invalid_setting

PARAMETER = "reconnect_interval"


def check(ctx: Context) -> Iterator[Problem]:
    for connection in ctx.cib.remote_connections:
        pair = connection.reconnect_interval
        if pair is not None:
            duration = parse_interval(pair.value or "")
            if not duration.valid:
                yield invalid_setting(
                    PARAMETER, pair.value, f"remote connection {connection.id!r}",
                    f"a valid duration ({duration.problem})",
                    "Pacemaker uses 0 instead, so after a failure it never retries the connection and "
                    "the remote node stays down until the failure is cleaned up",
                    element=pair.element,
                    object_id=connection.id,
                    fix=Fix.of(f"pcs resource update {connection.id} {PARAMETER}=60s"),
                )
        # Pacemaker reads reconnect_interval without evaluating rules: a value that depends on a
        # rule (date, node, ...) is not applied the way the rule says.
        for attribute_set in ctx.cib.attribute_sets(connection.resource.element, "instance_attributes"):
            resolved = ctx.cib.resolve_set(attribute_set)
            conditioned = resolved.get(PARAMETER)
            if not resolved.has_rule or conditioned is None:
                continue
            yield Problem(
                f"reconnect_interval of remote connection {connection.id!r} is set in instance_attributes "
                f"{resolved.id!r}, which has a <rule>: Pacemaker reads this parameter without evaluating rules, "
                "so the value does not follow the rule",
                element=conditioned.element,
                object_id=connection.id,
                fix=Fix.of(f"pcs resource update {connection.id} reconnect_interval={conditioned.value or '60s'}"),
                hint="move it to the unconditioned instance_attributes: pcs resource update "
                f"{connection.id} reconnect_interval={conditioned.value or '60s'}",
            )


RULE = Rule(
    code="PCS117",
    name="reconnect-interval-invalid",
    severity=Severity.WARNING,
    summary="reconnect_interval not a valid duration, or set in rule-conditioned instance_attributes",
    check=check,
    doc=rule_doc(__name__),
)
