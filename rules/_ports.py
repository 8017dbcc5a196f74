"""The port model shared by PCS112-PCS115: which port a cluster node connects to, which port a
remote or guest host listens on, and which cluster nodes may host each connection.

Pacemaker's real reading (RULES.md, "Ports"):
* the host's pacemaker-remoted listens on its own PCMK_remote_port, else 3121;
* a cluster node connects to the resource's ``port`` (remote) / ``remote-port`` (guest) when it
  is set and non-zero, else to its *own* PCMK_remote_port, else 3121;
* the resource value is read with C ``atoi`` ("3121abc" -> 3121, "abc" -> 0 -> the default; glibc's
  atoi wraps what does not fit an int: "4294970417" -> 3121) and the variable with ``strtol``
  stored into an int, falling back to 3121 when strtol overflows or the int is outside 1..65535.
  Both readings are ``pcs_lint.values``'s (checked against the C library in tests/test_values.py).
Bundles connect on ``control-port`` (default 3121) and set the container's PCMK_remote_port
themselves, so they are not part of this model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pcs_lint.findings import Fix, SourceLocation
from pcs_lint.model import Cib, NvPair, Resource
from pcs_lint.rules._remote_helpers import NodeNames, connected_node_names, describe_guest
from pcs_lint.sysconfig import EnvFile, describe
from pcs_lint.values import SCORE_INFINITY, c_atoi, parse_score, scan_c_integer, unsigned_decimal, wrap_c_int

DEFAULT_PORT = 3121
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


def node_port(node: str, env_files: Mapping[str, EnvFile]) -> PortSource:
    """The port a node's Pacemaker daemons use as their PCMK_remote_port (listen or default)."""
    env = env_files.get(node)
    if env is None:
        return PortSource(DEFAULT_PORT, f"the default {DEFAULT_PORT}, assumed: no environment file was given",
                          assumed=True)
    var = env.get(PORT_VARIABLE)
    if var is None:
        return PortSource(DEFAULT_PORT, f"the default {DEFAULT_PORT}: {env.path} does not set {PORT_VARIABLE}",
                          location=env.location(PORT_VARIABLE))
    note = env_reading_note(var.value)
    return PortSource(env_port(var.value), f"{describe(var)} at {env.path}:{var.line}{note}",
                      location=env.location(PORT_VARIABLE))


def resource_port(pair: NvPair | None) -> int | None:
    """The resource's port as Pacemaker reads it with atoi; None when unset (or empty)."""
    if pair is None or pair.value is None:
        return None
    return c_atoi(pair.value)


def connecting_port(connection: Connection, cluster_node: str, env_files: Mapping[str, EnvFile]) -> PortSource | None:
    """The port ``cluster_node`` connects to; None when the resource value is out of range
    (Pacemaker then connects to a meaningless port: PCS112 reports that)."""
    pair = connection.port
    value = resource_port(pair)
    if value:
        if not in_range(value):
            return None
        note = reading_note(pair.value or "", value, "atoi()")
        return PortSource(value, f'{pair.name}="{pair.value}" in nvpair {pair.id}{note}', from_resource=True)
    source = node_port(cluster_node, env_files)
    if pair is not None:
        # Set but read as 0 ("0", "abc"): Pacemaker falls back to the cluster node's own port.
        origin = f'{source.origin}; {pair.name}="{pair.value}" in nvpair {pair.id} reads as 0, "use the default"'
        return PortSource(source.port, origin, assumed=source.assumed, location=source.location)
    return source


# ---------------------------------------------------------------- connections and their hosts


@dataclass(frozen=True)
class Connection:
    """A remote or guest node Pacemaker creates, with what decides its address and port."""

    node: str  # the remote/guest node name
    kind: str  # "remote" | "guest"
    resource: Resource  # the ocf:pacemaker:remote primitive, or the guest's VM primitive
    port: NvPair | None  # port (remote) / remote-port (guest)
    address: str
    address_pair: NvPair | None  # server / remote-addr, when set
    anchor: Any  # the element a finding about the whole connection points at

    @property
    def port_name(self) -> str:
        return "port" if self.kind == "remote" else "remote-port"

    def set_port_fix(self, port: int) -> Fix:
        if self.kind == "remote":
            return Fix.of(f"pcs resource update {self.resource.id} port={port}")
        return Fix.of(f"pcs resource meta {self.resource.id} remote-port={port}")

    def describe(self) -> str:
        if self.kind == "remote":
            return f"remote node {self.node!r}"
        return describe_guest(self.node, self.resource.id)


def connections(cib: Cib) -> tuple[Connection, ...]:
    """The remote and guest nodes Pacemaker really creates (``creates_node``: a remote connection
    behind template= or inside a group or clone makes no node)."""
    found = []
    for remote in cib.remote_connections:
        if not remote.creates_node:
            continue
        found.append(Connection(remote.node_name, "remote", remote.resource, remote.port,
                                remote.address, remote.server, remote.resource.element))
    for guest in cib.guest_nodes:
        if not guest.creates_node or not guest.name:
            continue
        found.append(Connection(guest.name, "guest", guest.resource, guest.remote_port,
                                guest.address, guest.remote_addr, guest.remote_node.element))
    return tuple(found)


def remote_node_names(cib: Cib) -> NodeNames:
    """Every name that is a remote, guest or bundle node (never a cluster node)."""
    listed = connected_node_names(cib).listed | {
        node.uname or node.id or "" for node in cib.nodes if node.type not in ("member", "normal")}
    return NodeNames.of(cib, listed - {""})


def cluster_node_names(cib: Cib, env_files: Mapping[str, EnvFile]) -> tuple[str, ...]:
    """The <nodes> members, then the nodes with an environment file that are not remote or guest
    nodes (a cluster whose CIB has no <node> entries yet is described by its files)."""
    names = [node.uname for node in cib.cluster_nodes() if node.uname]
    not_cluster = remote_node_names(cib)
    names.extend(sorted(name for name in env_files if name not in names and name not in not_cluster))
    return tuple(dict.fromkeys(names))


def hosting_nodes(cib: Cib, env_files: Mapping[str, EnvFile], connection: Connection) -> tuple[str, ...]:
    """Cluster nodes that may host the connection: all of them except those banned from it by a
    plain -INFINITY location constraint (node=, no rule) on the connection resource, or for a
    guest on its VM or the VM's group. Rule-based bans are not evaluated and ban nothing here."""
    banned_resources = [connection.resource.id]
    if connection.kind == "guest" and connection.resource.parent:
        banned_resources.append(connection.resource.parent)
    banned = {
        constraint.get("node")
        for resource_id in banned_resources
        for constraint, ref in cib.constraints_naming(resource_id)
        if constraint.kind == "location" and ref.attribute == "rsc" and constraint.get("node")
        and is_minus_infinity(constraint.get("score"))
    }
    return tuple(name for name in cluster_node_names(cib, env_files) if name not in banned)


def is_minus_infinity(score: str | None) -> bool:
    """Whether Pacemaker reads the score as -INFINITY (or less, which it clamps to -INFINITY)."""
    return parse_score(score) <= -SCORE_INFINITY


def relies_on_default(connection: Connection) -> bool:
    """The connection takes each cluster node's own PCMK_remote_port (port unset or read as 0)."""
    return not resource_port(connection.port)
