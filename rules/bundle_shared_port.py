"""PCS133 bundle-shared-port: a bundle that may run on a remote node, or uses the host's network,
without a control-port of its own.

A bundle's containers reach the host's port space in two ways: with network="host" the
container's pacemaker-remoted listens on the host's own addresses, and without ip-range-start
the control port is published on the host's addresses. On a Pacemaker Remote (or guest) node the
host's own pacemaker-remoted already listens on its PCMK_remote_port (3121 by default), and two
such bundles on one host cannot both listen on one port.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Bundle, Cib
from pcs_lint.nodes import PacemakerNode
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import (
    DEFAULT_PORT,
    PortSource,
    connections,
    is_minus_infinity,
    is_strict_port,
    node_port,
)
from pcs_lint.values import parse_boolean, unsigned_decimal


def control_port(bundle: Bundle) -> int:
    """The control port of a bundle ``judged`` (written as a plain port, or not at all)."""
    return unsigned_decimal(bundle.control_port) or DEFAULT_PORT


def host_network(bundle: Bundle) -> bool:
    container = bundle.container_element
    return container is not None and container.get("network") == "host"


def shares_host_ports(bundle: Bundle) -> bool:
    """The control port is opened on the host's own addresses (not on a replica address)."""
    return host_network(bundle) or bundle.ip_range_start is None


def judged(bundle: Bundle) -> bool:
    """Bundles whose port this rule can judge: a primitive, a reachable network (else PCS130)
    and a readable control-port (else PCS112)."""
    if bundle.primitive is None:
        return False
    if bundle.ip_range_start is None and bundle.control_port is None:
        return False
    return bundle.control_port is None or is_strict_port(bundle.control_port)


def _banned_everywhere_remote(cib: Cib, bundle: Bundle) -> bool:
    """A -INFINITY location rule on #kind that keeps the bundle on cluster nodes."""
    for constraint, ref in cib.constraints_naming(bundle.id):
        if constraint.kind != "location" or ref.attribute != "rsc":
            continue
        for rule in constraint.element.iterchildren("rule"):
            if not is_minus_infinity(rule.get("score")):
                continue
            for expression in rule.iterchildren("expression"):
                if expression.get("attribute") != "#kind":
                    continue
                operation, value = expression.get("operation"), (expression.get("value") or "").lower()
                if ((operation == "ne" and value == "cluster")
                        or (operation == "eq" and value in ("remote", "container"))):
                    return True
    return False


def remote_hosts(cib: Cib, bundle: Bundle) -> list[PacemakerNode]:
    """Remote and guest nodes the bundle may run on: all of them, unless a location constraint on
    the bundle bans the node (-INFINITY on node=, or a #kind rule), or the cluster is opt-in
    (symmetric-cluster=false) and nothing on the bundle names the node or uses a rule."""
    if _banned_everywhere_remote(cib, bundle):
        return []
    banned: set[str] = set()
    allowed: set[str] = set()
    any_rule = False
    for constraint, ref in cib.constraints_naming(bundle.id):
        if constraint.kind != "location" or ref.attribute != "rsc":
            continue
        node = (constraint.get("node") or "").lower()
        if node and is_minus_infinity(constraint.get("score")):
            banned.add(node)
        elif node:
            allowed.add(node)
        if next(constraint.element.iterchildren("rule"), None) is not None:
            any_rule = True
    symmetric_pair = cib.cluster_options.get("symmetric-cluster")
    opt_in = symmetric_pair is not None and parse_boolean(symmetric_pair.value) is False
    hosts = []
    for connection in connections(cib):
        name = connection.name.lower()
        if name in banned:
            continue
        if opt_in and not any_rule and name not in allowed:
            continue
        hosts.append(connection)
    return hosts


def _reasons(cib: Cib, bundle: Bundle, judged_bundles: list[Bundle], listeners: Mapping[str, PortSource],
             listened: frozenset[int]) -> list[str]:
    port = control_port(bundle)
    port_words = (f"control-port {port}" if bundle.control_port is not None
                  else f"no control-port (so {DEFAULT_PORT})")
    reasons = []
    clashing = []
    if port in listened:  # else no host it may run on can clash, whatever the constraints say
        for host in remote_hosts(cib, bundle):
            listening = listeners[host.name]
            if listening.port == port:
                clashing.append((host, listening))
    if clashing:
        names = ", ".join(f"{host.kind.value} {host.name!r}" for host, _ in clashing)
        origins = "; ".join(dict.fromkeys(listening.origin for _, listening in clashing))
        reasons.append(f"it may run on {names}, where pacemaker-remoted itself already listens on "
                       f"port {port} ({origins}), and it has {port_words}")
    if host_network(bundle) and bundle.replicas_per_host > 1:
        reasons.append(f'its containers use network="host" and up to {bundle.replicas_per_host} '
                       f"replicas may share a host, all listening on port {port}")
    if host_network(bundle) or reasons:
        for other in judged_bundles:
            if other.id != bundle.id and shares_host_ports(other) and control_port(other) == port:
                how = 'network="host"' if host_network(other) else "no ip-range-start"
                reasons.append(f"bundle {other.id!r} ({how}) also opens port {port} on the host's "
                               f"addresses, and this one has {port_words}"
                               + (' with network="host"' if host_network(bundle) else ""))
    return reasons


def check(ctx: Context) -> Iterator[Problem]:
    judged_bundles = [b for b in ctx.cib.bundles.values() if judged(b)]
    used = {control_port(b) for b in judged_bundles}
    # The port each remote and guest host listens on, read once for all bundles.
    listeners = {host.name: node_port(host.name, ctx.env_files) for host in connections(ctx.cib)}
    listened = frozenset(source.port for source in listeners.values())
    for bundle in judged_bundles:
        reasons = _reasons(ctx.cib, bundle, judged_bundles, listeners, listened)
        if not reasons:
            continue
        free = next(p for p in range(DEFAULT_PORT + 1, 65536) if p not in used)
        element = bundle.network_element if bundle.network_element is not None else bundle.element
        yield Problem(
            f"bundle {bundle.id!r} needs a control-port of its own: " + "; ".join(reasons)
            + ". The second listener on the port fails, so the bundle's replicas cannot be "
            "reached there and are recovered again and again",
            element=element,
            object_id=bundle.id,
            **remedy(Fix.of(f"pcs resource bundle update {bundle.id} network control-port={free}"),
                     " (a port no other bundle and no pacemaker-remoted uses; open it in the firewall)"),
        )


RULE = Rule(
    code="PCS133",
    name="bundle-shared-port",
    severity=Severity.WARNING,
    summary='bundle that may run on a remote node, or network="host", without a unique control-port',
    check=check,
    doc=rule_doc(__name__),
)
