"""PCS113 remote-port-mismatch: a cluster node connects to a port the remote/guest host does not
listen on (see rules/_ports.py for Pacemaker's reading of every value)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import (
    ENV_FILE_HINT,
    PORT_VARIABLE,
    PortSource,
    connecting_port,
    connections,
    hosting_nodes,
    node_port,
)


def _names(nodes: list[str]) -> str:
    return ("cluster node " if len(nodes) == 1 else "cluster nodes ") + ", ".join(nodes)


def check(ctx: Context) -> Iterator[Problem]:
    for connection in connections(ctx.cib):
        listen = node_port(connection.node, ctx.env_files)
        # Cluster nodes connecting through the same port from the same place share one finding.
        groups: dict[PortSource, list[str]] = {}
        for cluster_node in hosting_nodes(ctx.cib, ctx.env_files, connection):
            connect = connecting_port(connection, cluster_node, ctx.env_files)
            if connect is not None and connect.port != listen.port:
                groups.setdefault(connect, []).append(cluster_node)
        host_file = ctx.env_files[connection.node].path if connection.node in ctx.env_files else ENV_FILE_HINT
        for connect, nodes in groups.items():
            element = connection.port.element if connect.from_resource else connection.anchor
            if connect.from_resource:
                note = (f", or set {PORT_VARIABLE}={connect.port} "
                        f"in {host_file} on {connection.node} and restart pacemaker_remote")
            else:
                note = (f", so that every cluster node connects to "
                        f"the same port, or set {PORT_VARIABLE}={listen.port} in {ENV_FILE_HINT} on "
                        f"{', '.join(nodes)} and restart pacemaker")
            yield Problem(
                f"{_names(nodes)} connect{'s' if len(nodes) == 1 else ''} to {connection.describe()} "
                f"on port {connect.port} (from {connect.origin}), but {connection.node} listens on port "
                f"{listen.port} (from {listen.origin}); the connection fails, so {connection.node} stays "
                "offline and its resources cannot run there",
                element=element,
                object_id=connection.resource.id,
                **remedy(connection.set_port_fix(listen.port), note),
                related=tuple(place for place in (listen.location, connect.location) if place is not None),
            )


RULE = Rule(
    code="PCS113",
    name="remote-port-mismatch",
    severity=Severity.ERROR,
    summary="the port a cluster node connects to differs from the port the remote/guest host listens on",
    check=check,
    doc=rule_doc(__name__),
)
