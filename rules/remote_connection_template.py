"""PCS123 remote-connection-template: ocf:pacemaker:remote defined through template=."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    for connection in ctx.cib.remote_connections:
        if not connection.via_template:
            continue
        template = connection.resource.template
        yield Problem(
            f"remote connection {connection.id!r} takes its agent ocf:pacemaker:remote from template "
            f"{template!r}: Pacemaker decides which resources are remote nodes before templates are "
            "expanded, so no remote node is created (the scheduler logs an assertion) and resources "
            f"meant for {connection.id!r} never run",
            element=connection.resource.element,
            object_id=connection.id,
            **remedy(_remedy(connection.id, connection.server.value if connection.server is not None else None)),
        )


def _remedy(name: str, server: str | None) -> Fix | str:
    # pcs takes the node name before the address, and creates an ocf:pacemaker:remote resource
    # with "pcs resource create" only with --force (it wants add-remote, which also sets up the host).
    if server:
        return Fix.of(f"pcs resource delete {name}", f"pcs cluster node add-remote {name} {server}")
    return (f"define the agent on the primitive itself: pcs resource delete {name}, then "
            f"pcs cluster node add-remote {name} HOST (or pcs resource create {name} "
            "ocf:pacemaker:remote server=HOST --force)")


RULE = Rule(
    code="PCS123",
    name="remote-connection-template",
    severity=Severity.ERROR,
    summary="ocf:pacemaker:remote defined through template=",
    check=check,
    doc=rule_doc(__name__),
)
