"""PCS115 sysconfig-port-invalid: PCMK_remote_port not an integer 1..65535."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import DEFAULT_PORT, PORT_VARIABLE, env_port_read, in_range, is_strict_port


def check(ctx: Context) -> Iterator[Problem]:
    for node, env in sorted(ctx.env_files.items()):
        var = env.get(PORT_VARIABLE)
        if var is None or is_strict_port(var.value):
            continue
        read = env_port_read(var.value)
        # The value is not quoted (it is not a port, so not known harmless); a port read from it is.
        if read is None:
            effect = (f"it is too large for Pacemaker's strtol(), so Pacemaker logs a warning and "
                      f"silently uses {DEFAULT_PORT} instead, which may not be the port you meant")
        elif in_range(read):
            effect = (f"Pacemaker's strtol() happens to read it as {read}, but other tools (firewall "
                      "scripts, pcs, crmsh) may not")
        else:
            effect = (f"Pacemaker's strtol() reads no port from 1 to 65535 in it, so Pacemaker logs a "
                      f"warning and silently uses {DEFAULT_PORT} instead, which may not be the port you meant")
        yield Problem(
            f"{PORT_VARIABLE} in the environment file of {node} is not an integer from 1 "
            f"to 65535: {effect}",
            object_id=node,
            location=env.location(PORT_VARIABLE),
            hint=f"write {PORT_VARIABLE}={read if read is not None and in_range(read) else DEFAULT_PORT} "
            f"in {env.path} on {node} and restart pacemaker (or pacemaker_remote)",
        )


RULE = Rule(
    code="PCS115",
    name="sysconfig-port-invalid",
    severity=Severity.ERROR,
    summary="PCMK_remote_port not an integer 1..65535 (Pacemaker silently uses 3121)",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
