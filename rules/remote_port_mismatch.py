"""PCS113 remote-port-mismatch: a cluster node connects to a port the remote/guest host does not
listen on (see rules/_ports.py for Pacemaker's reading of every value)."""

from collections.abc import Iterator

from pcs_lint import suppressions
from pcs_lint.findings import Finding, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import (
    ENV_FILE_HINT,
    PORT_VARIABLE,
    PortSource,
    cluster_node_names,
    connecting_port,
    connections,
    describe_connection,
    hosting_nodes,
    node_port,
    set_port_fix,
)


def _names(nodes: list[str]) -> str:
    return ("cluster node " if len(nodes) == 1 else "cluster nodes ") + ", ".join(nodes)


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _suppressed_in_own_file(node: str, source: PortSource, env_files) -> bool:
    """Whether a PCS113 suppression in ``node``'s own environment file covers the assignment
    its port comes from. Such a node keeps a finding of its own, so that the suppression
    silences what it was written for and nothing about the other nodes."""
    env = env_files.get(node)
    if env is None or source.location is None:
        return False
    found, _ = suppressions.from_env_files({node: env}, suppressions.RuleNames([RULE]))
    probe = Finding(source.location.path, source.location.line, None, RULE.code, RULE.name, RULE.severity, "")
    return any(suppression.covers(probe) for suppression in found)


def check(ctx: Context) -> Iterator[Problem]:
    cluster_nodes = cluster_node_names(ctx.cib, ctx.env_files)
    own_ports = {node: node_port(node, ctx.env_files) for node in cluster_nodes}
    # A cluster node's own port is all that its connecting port depends on: usually one record
    # serves every cluster node (no environment files), so one question per connection tells
    # whether any of them connects elsewhere than the host listens.
    distinct_ports = tuple({id(source): source for source in own_ports.values()}.values())
    for connection in connections(ctx.cib):
        listen = node_port(connection.name, ctx.env_files)
        if all(connect is None or connect.port == listen.port
               for connect in (connecting_port(connection, source) for source in distinct_ports)):
            continue
        # One finding per connection and port connected to, naming every cluster node that
        # connects there (each from its own environment file, or all from the resource).
        groups: dict[tuple[int, bool, str | None], list[tuple[str, PortSource]]] = {}
        for cluster_node in hosting_nodes(ctx.cib, cluster_nodes, connection):
            connect = connecting_port(connection, own_ports[cluster_node])
            if connect is not None and connect.port != listen.port:
                alone = cluster_node if _suppressed_in_own_file(cluster_node, connect, ctx.env_files) else None
                groups.setdefault((connect.port, connect.from_resource, alone), []).append((cluster_node, connect))
        host_file = ctx.env_files[connection.name].path if connection.name in ctx.env_files else ENV_FILE_HINT
        for (port, from_resource, _), members in groups.items():
            nodes = [node for node, _ in members]
            origins = list(dict.fromkeys(source.origin for _, source in members))
            element = connection.port_pair.element if from_resource else connection.element
            if from_resource:
                note = (f", or set {PORT_VARIABLE}={port} "
                        f"in {host_file} on {connection.name} and restart pacemaker_remote")
            else:
                note = (f", so that every cluster node connects to "
                        f"the same port, or set {PORT_VARIABLE}={listen.port} in {ENV_FILE_HINT} on "
                        f"{', '.join(nodes)} and restart pacemaker")
            places = [listen.location, *(source.location for _, source in members)]
            yield Problem(
                f"{_names(nodes)} connect{'s' if len(nodes) == 1 else ''} to {describe_connection(connection)} "
                f"on port {port} (from {_listed(origins)}), but {connection.name} listens on port "
                f"{listen.port} (from {listen.origin}); the connection fails, so {connection.name} stays "
                "offline and its resources cannot run there",
                element=element,
                object_id=connection.resource.id,
                **remedy(set_port_fix(connection, listen.port), note),
                related=tuple(dict.fromkeys(place for place in places if place is not None)),
            )


RULE = Rule(
    code="PCS113",
    name="remote-port-mismatch",
    severity=Severity.ERROR,
    summary="the port a cluster node connects to differs from the port the remote/guest host listens on",
    check=check,
    doc=rule_doc(__name__),
)
