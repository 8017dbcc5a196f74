"""The port model: which port a cluster node connects to, which port a remote or guest host
listens on, and which cluster nodes may host each connection. The port rules (PCS112-PCS115) are
built on it; PCS120 and PCS133 read connections and ports from it too, PCS006 the variable's name
and the fencing helpers the connections.

Pacemaker's real reading (RULES.md, "Ports"):
* the host's pacemaker-remoted listens on its own PCMK_remote_port, else 3121;
* a cluster node connects to the resource's ``port`` (remote) / ``remote-port`` (guest) when it
  is set and non-zero, else to its *own* PCMK_remote_port, else 3121;
* the resource value is read with C ``atoi`` ("3121abc" -> 3121, "abc" -> 0 -> the default; glibc's
  atoi wraps what does not fit an int: "4294970417" -> 3121) and the variable with ``strtol``
  stored into an int, falling back to 3121 when strtol overflows or the int is outside 1..65535.
  Both readings are ``pcs_lint.values``'s (checked against the C library in tests/test_values.py).
Bundles connect on ``control-port`` (default 3121) and set the container's PCMK_remote_port
themselves, so their replicas are not ``connections`` (PCS133 reads their ports itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pcs_lint.findings import Fix, SourceLocation
from pcs_lint.model import Cib
from pcs_lint.nodes import DEFAULT_PORT, NodeKind, PacemakerNode
from pcs_lint.rules._remote_helpers import describe_guest
from pcs_lint.sysconfig import EnvFile, describe
from pcs_lint.values import SCORE_INFINITY, parse_score, scan_c_integer, unsigned_decimal, wrap_c_int

MAX_PORT = 65535
PORT_VARIABLE = "PCMK_remote_port"
ENV_FILE_HINT = "/etc/sysconfig/pacemaker (or /etc/default/pacemaker)"


# ---------------------------------------------------------------- reading values like C does


def is_strict_port(text: str | None) -> bool:
    """A plain decimal integer in 1..65535, exactly as written (no sign, blanks or suffix)."""
    port = unsigned_decimal(text)
    return port is not None and in_range(port)


def in_range(port: int) -> bool:
    return 1 <= port <= MAX_PORT


def env_port_read(text: str) -> int | None:
    """crm_default_remote_port's reading before its range check: ``int port = strtol(…)``;
    None when strtol overflows (errno is set, so Pacemaker uses the default)."""
    read = scan_c_integer(text)
    if read is None:
        return 0
    return None if read.clipped else wrap_c_int(read.value)


def env_port(text: str) -> int:
    """PCMK_remote_port as Pacemaker reads it: strtol into an int, 3121 on overflow or outside
    1..65535."""
    port = env_port_read(text)
    return port if port is not None and in_range(port) else DEFAULT_PORT


def reading_note(text: str, port: int, how: str) -> str:
    """', read as 3122 by atoi()' when the text is not literally the port it gives."""
    return "" if text == str(port) else f", read as {port} by {how}"


def env_reading_note(text: str) -> str:
    """', read as 3122 by strtol()' or why Pacemaker uses 3121; quotes no part of the value but
    the port read (the value itself is shown only when it is known harmless: sysconfig.describe)."""
    read = env_port_read(text)
    if read is None:
        return f", too large for strtol(): not a port, so Pacemaker uses {DEFAULT_PORT}"
    if in_range(read):
        return reading_note(text, read, "strtol()")
    return f", which strtol() does not read as a port from 1 to {MAX_PORT}, so Pacemaker uses {DEFAULT_PORT}"


# ---------------------------------------------------------------- where a port comes from


@dataclass(frozen=True)
class PortSource:
    """One port and where it comes from, in words fit for a finding."""

    port: int
    origin: str  # e.g. 'port="3122" in nvpair remote1-port', 'PCMK_remote_port="3122" at node1.env:3'
    from_resource: bool = False
    assumed: bool = False  # no environment file was given for the node: the default is assumed
    # The environment file (and its assignment, when set) the port comes from: findings that rely
    # on it carry it as a related location, so a suppression written there covers them.
    location: SourceLocation | None = None


# The reading of every node without an environment file: one record, since the port rules ask
# for it once per connection and cluster node (a large CIB: tens of thousands of times).
_ASSUMED_DEFAULT = PortSource(DEFAULT_PORT, f"the default {DEFAULT_PORT}, assumed: no environment file was given",
                              assumed=True)


def node_port(node: str, env_files: Mapping[str, EnvFile]) -> PortSource:
    """The port a node's Pacemaker daemons use as their PCMK_remote_port (listen or default)."""
    env = env_files.get(node)
    if env is None:
        return _ASSUMED_DEFAULT
    var = env.get(PORT_VARIABLE)
    if var is None:
        return PortSource(DEFAULT_PORT, f"the default {DEFAULT_PORT}: {env.path} does not set {PORT_VARIABLE}",
                          location=env.location(PORT_VARIABLE))
    note = env_reading_note(var.value)
    return PortSource(env_port(var.value), f"{describe(var)} at {env.path}:{var.line}{note}",
                      location=env.location(PORT_VARIABLE))


def connecting_port(connection: PacemakerNode, source: PortSource) -> PortSource | None:
    """The port a cluster node connects to, given ``source``, the cluster node's own port
    (``node_port``); None when the resource value is out of range (Pacemaker then connects to a
    meaningless port: PCS112 reports that)."""
    pair = connection.port_pair
    value = connection.port
    if value:
        if not in_range(value):
            return None
        note = reading_note(pair.value or "", value, "atoi()")
        return PortSource(value, f'{pair.name}="{pair.value}" in nvpair {pair.id}{note}', from_resource=True)
    if pair is not None:
        # Set but read as 0 ("0", "abc"): Pacemaker falls back to the cluster node's own port.
        origin = f'{source.origin}; {pair.name}="{pair.value}" in nvpair {pair.id} reads as 0, "use the default"'
        return PortSource(source.port, origin, assumed=source.assumed, location=source.location)
    return source


# ---------------------------------------------------------------- connections and their hosts


def connections(cib: Cib) -> tuple[PacemakerNode, ...]:
    """The remote and guest nodes Pacemaker really creates (a remote connection behind template=
    or inside a group or clone makes no node), with what decides their address and port.
    Worked out once per CIB: the port rules and PCS133 (once per bundle) all read it."""
    return cib.derived(_connections)


def _connections(cib: Cib) -> tuple[PacemakerNode, ...]:
    return tuple(cib.node_model.connections())


def port_attribute(connection: PacemakerNode) -> str:
    """The attribute that sets the connection's port."""
    return "port" if connection.kind is NodeKind.REMOTE else "remote-port"


def set_port_fix(connection: PacemakerNode, port: int) -> Fix:
    if connection.kind is NodeKind.REMOTE:
        return Fix.of(f"pcs resource update {connection.resource.id} port={port}")
    return Fix.of(f"pcs resource meta {connection.resource.id} remote-port={port}")


def describe_connection(connection: PacemakerNode) -> str:
    """"remote node 'r1'", "guest node 'g1' (resource 'vm1')"."""
    if connection.kind is NodeKind.REMOTE:
        return f"remote node {connection.name!r}"
    return describe_guest(connection.name, connection.resource.id)


def cluster_node_names(cib: Cib, env_files: Mapping[str, EnvFile]) -> tuple[str, ...]:
    """The cluster nodes, then the nodes with an environment file that no source names as
    another kind of node (a cluster whose CIB has no <node> entries yet is described by its
    files)."""
    model = cib.node_model
    names = list(model.names(NodeKind.CLUSTER))
    names.extend(sorted(name for name in env_files if name not in names and not any(
        node.kind is not NodeKind.CLUSTER for node in model.find(name, exact=True, created=None))))
    return tuple(dict.fromkeys(names))


def hosting_nodes(cib: Cib, cluster_nodes: tuple[str, ...], connection: PacemakerNode) -> tuple[str, ...]:
    """Which of ``cluster_nodes`` (``cluster_node_names``, worked out once for all connections)
    may host the connection: all of them except those banned from it by a plain -INFINITY
    location constraint (node=, no rule) on the connection resource, or for a guest on its VM or
    the VM's group. Rule-based bans are not evaluated and ban nothing here."""
    banned_resources = [connection.resource.id]
    if connection.kind is NodeKind.GUEST and connection.resource.parent:
        banned_resources.append(connection.resource.parent)
    banned = set()
    for resource_id in banned_resources:
        for constraint, ref in cib.constraints_naming(resource_id):
            if constraint.kind != "location" or ref.attribute != "rsc":
                continue
            element = constraint.element
            node = element.get("node")
            # A score is read only where it can change the answer.
            if node and node in cluster_nodes and node not in banned and is_minus_infinity(element.get("score")):
                banned.add(node)
    return tuple(name for name in cluster_nodes if name not in banned) if banned else cluster_nodes


def is_minus_infinity(score: str | None) -> bool:
    """Whether Pacemaker reads the score as -INFINITY (or less, which it clamps to -INFINITY)."""
    return parse_score(score) <= -SCORE_INFINITY


def relies_on_default(connection: PacemakerNode) -> bool:
    """The connection takes each cluster node's own PCMK_remote_port (port unset or read as 0)."""
    return not connection.port
