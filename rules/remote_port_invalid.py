"""PCS112 remote-port-invalid: port / remote-port / control-port not an integer 1..65535."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import (
    DEFAULT_PORT,
    connections,
    describe_connection,
    in_range,
    is_strict_port,
    port_attribute,
    set_port_fix,
)
from pcs_lint.rules._remote_helpers import invalid_setting
from pcs_lint.values import c_atoi

PORT_RANGE = "an integer from 1 to 65535"


def _reading(text: str) -> str:
    """What Pacemaker makes of the value (it reads every one of these with C atoi)."""
    port = c_atoi(text)
    if port == 0:
        return ("Pacemaker reads it as 0 and silently falls back to the cluster node's own "
                f"PCMK_remote_port (default {DEFAULT_PORT}), which may not be where the host listens")
    if not in_range(port):
        return f"Pacemaker reads it as {port}, which is no TCP port, so the connection cannot work"
    return f"Pacemaker's lenient atoi() happens to read it as {port}, but pcs, crmsh and other tools may not"


def check(ctx: Context) -> Iterator[Problem]:
    for connection in connections(ctx.cib):
        pair = connection.port_pair
        if pair is None or is_strict_port(pair.value):
            continue
        yield invalid_setting(
            port_attribute(connection), pair.value, describe_connection(connection), PORT_RANGE,
            _reading(pair.value or ""),
            element=pair.element,
            object_id=connection.resource.id,
            **remedy(set_port_fix(connection, DEFAULT_PORT), " (or the port the host really listens on)"),
        )
    for bundle in ctx.cib.bundles.values():
        value = bundle.control_port
        if value is None or is_strict_port(value):
            continue
        yield invalid_setting(
            "control-port", value, f"bundle {bundle.id!r}", PORT_RANGE, _reading(value),
            element=bundle.network_element,
            object_id=bundle.id,
            fix=Fix.of(f"pcs resource bundle update {bundle.id} network control-port={DEFAULT_PORT}"),
        )


RULE = Rule(
    code="PCS112",
    name="remote-port-invalid",
    severity=Severity.ERROR,
    summary="port / remote-port / control-port not an integer 1..65535",
    check=check,
    doc=rule_doc(__name__),
)
