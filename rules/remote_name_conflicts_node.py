"""PCS103 remote-name-conflicts-node: a remote connection is named like a cluster node."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import direct_connections


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    # Pacemaker finds nodes by name ignoring case: "NODE1" is cluster node node1. Only <nodes>
    # entries: a node only corosync.conf names is PCS138's.
    for connection in direct_connections(cib):
        uname = next((node.entry.uname for node in cib.node_model.find(connection.id)
                      if node.kind in (NodeKind.CLUSTER, NodeKind.OTHER) and node.entry is not None
                      and node.entry.uname), None)
        if uname is None:
            continue
        yield Problem(
            f"remote connection {connection.id!r} has the name of cluster node {uname!r}: its id "
            "is the remote node's name and Pacemaker matches node names ignoring case, so it finds "
            "the cluster node, creates no remote node and never starts the connection: the "
            "remote host never runs resources",
            element=connection.resource.element,
            # pcs takes the node name first, then the address.
            hint=f"remove it (pcs resource delete {connection.id}) and recreate it under a name "
            f"no cluster node uses: pcs cluster node add-remote NEW-NAME {_host(connection)}",
        )


def _host(connection) -> str:
    """The host to connect to: the server parameter; without one the id served as the address,
    and that name is the cluster node's, so the user has to say which host was meant."""
    return connection.server.value if connection.server is not None and connection.server.value else "HOST"


RULE = Rule(
    code="PCS103",
    name="remote-name-conflicts-node",
    severity=Severity.ERROR,
    summary="an ocf:pacemaker:remote resource id equals a cluster node's name",
    check=check,
    doc=rule_doc(__name__),
)
