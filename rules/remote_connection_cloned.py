"""PCS105 remote-connection-cloned: an ocf:pacemaker:remote resource inside a clone."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import direct_connections
from pcs_lint.rules._resources import collective_name, nearest


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for connection in direct_connections(cib):
        clone = nearest(cib, connection.resource, "clone")
        if clone is None:
            continue
        through = ""
        parent = cib.parent(connection.resource)
        if parent is not None and parent is not clone:
            through = f" through group {parent.id!r}"
        yield Problem(
            f"remote connection {connection.id!r} is inside {collective_name(clone)} "
            f"{clone.id!r}{through}: one remote node needs exactly one connection, but a clone "
            "starts an instance on every node; Pacemaker creates no remote node from it, so nothing "
            "can run on the remote host (the scheduler logs a fatal assertion per instance; "
            "crm_verify exits 0)",
            element=connection.resource.element,
            fix=Fix.of(f"pcs resource unclone {clone.id}"),
        )


RULE = Rule(
    code="PCS105",
    name="remote-connection-cloned",
    severity=Severity.ERROR,
    summary="remote connection inside a <clone> (promotable or <master> too)",
    check=check,
    doc=rule_doc(__name__),
)
