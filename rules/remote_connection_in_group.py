"""PCS104 remote-connection-in-group: an ocf:pacemaker:remote resource inside a group."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import direct_connections


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for connection in direct_connections(cib):
        group = cib.parent(connection.resource)
        if group is None or group.kind != "group":
            continue
        yield Problem(
            f"remote connection {connection.id!r} is inside group {group.id!r}: Pacemaker "
            "creates remote nodes only from top-level ocf:pacemaker:remote resources, so it "
            f"starts the connection like any group member but no node {connection.id!r} exists "
            "and nothing can run on the remote host (the scheduler logs a fatal assertion; "
            "crm_verify exits 0)",
            element=connection.resource.element,
            **remedy(Fix.of(f"pcs resource group remove {group.id} {connection.id}"), "; steer the "
                     f"connection with a location constraint instead (pcs constraint location "
                     f"{connection.id} prefers NODE)"),
        )


RULE = Rule(
    code="PCS104",
    name="remote-connection-in-group",
    severity=Severity.ERROR,
    summary="remote connection resource inside a <group>",
    check=check,
    doc=rule_doc(__name__),
)
