"""PCS123 remote-connection-template: ocf:pacemaker:remote defined through template=."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
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
            hint=f"define the agent on the primitive itself: pcs resource delete {connection.id}, then "
            f"pcs cluster node add-remote HOST {connection.id} (or pcs resource create {connection.id} "
            "ocf:pacemaker:remote server=HOST)",
        )


RULE = Rule(
    code="PCS123",
    name="remote-connection-template",
    severity=Severity.ERROR,
    summary="ocf:pacemaker:remote defined through template=",
    check=check,
    doc=rule_doc(__name__),
)
