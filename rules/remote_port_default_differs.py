"""PCS114 remote-port-default-differs: PCMK_remote_port differs between cluster nodes."""

from collections import Counter
from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import (
    DEFAULT_PORT,
    ENV_FILE_HINT,
    PORT_VARIABLE,
    cluster_node_names,
    connections,
    node_port,
    relies_on_default,
)


def check(ctx: Context) -> Iterator[Problem]:
    nodes = cluster_node_names(ctx.cib, ctx.env_files)
    if not any(node in ctx.env_files for node in nodes):
        return  # nothing known about any cluster node: nothing to compare
    ports = {node: node_port(node, ctx.env_files) for node in nodes}
    counts = Counter(source.port for source in ports.values())
    if len(counts) < 2:
        return
    # The port most nodes use is taken as intended (ties: the default, then the lowest).
    usual = max(counts, key=lambda port: (counts[port], port == DEFAULT_PORT, -port))
    usual_nodes = ", ".join(node for node in nodes if ports[node].port == usual)
    relying = sorted(c.name for c in connections(ctx.cib) if relies_on_default(c))
    if relying:
        severity = Severity.ERROR
        impact = (f"{', '.join(relying)} set{'s' if len(relying) == 1 else ''} no port, so "
                  "each cluster node connects to its own PCMK_remote_port and the connection works from "
                  "some nodes only")
    else:
        severity = None
        impact = ("every connection sets its port today, but a remote or guest node added without one "
                  "will be reachable from some cluster nodes only")
    elements = {node.name: node.element for node in ctx.cib.node_model.nodes(NodeKind.CLUSTER)}
    for node in nodes:
        source = ports[node]
        if source.port == usual:
            continue
        env = ctx.env_files.get(node)
        location = env.location(PORT_VARIABLE) if env is not None else None
        yield Problem(
            f"cluster node {node} uses port {source.port} for remote connections (from {source.origin}) but "
            f"{usual_nodes} use{'s' if ',' not in usual_nodes else ''} {usual}; {impact}",
            element=elements.get(node) if location is None else None,
            object_id=node,
            severity=severity,
            location=location,
            hint=f"set {PORT_VARIABLE}={usual} in {env.path if env else ENV_FILE_HINT} on {node} "
            "and restart pacemaker, so every cluster node uses the same port",
        )


RULE = Rule(
    code="PCS114",
    name="remote-port-default-differs",
    severity=Severity.WARNING,
    summary="PCMK_remote_port differs between cluster nodes (error when a connection relies on the default)",
    check=check,
    doc=rule_doc(__name__),
)
