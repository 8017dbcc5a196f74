"""PCS102 guest-name-conflicts-node: a guest's name equals another node's name (any case)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib, GuestNode, RemoteConnection
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import created_guests, direct_connections, guest_name_label


@dataclass(frozen=True)
class NameHolders:
    """Which cluster nodes and remote connections hold each name, lower-cased: built once per
    CIB, so that each guest's name is one lookup (not a scan of every node and connection)."""

    # lower-cased name -> (the node as messages name it, held as its name rather than its
    # <node id>), in source order
    nodes: Mapping[str, tuple[tuple[str, bool], ...]]
    connections: Mapping[str, tuple[RemoteConnection, ...]]

    @classmethod
    def of(cls, cib: Cib) -> NameHolders:
        nodes: dict[str, list[tuple[str, bool]]] = {}
        # Every <node> entry but a remote one (a guest's own entry is no conflict), named or
        # not, and the cluster nodes only other inputs name (a corosync nodelist: no entry).
        for record in cib.node_model.nodes(NodeKind.CLUSTER, NodeKind.OTHER, created=None):
            uname, node_id = (record.entry.uname, record.entry.id) if record.entry else (record.name, None)
            lowered = uname.lower() if uname else None
            if lowered is not None:
                nodes.setdefault(lowered, []).append((uname, True))
            if node_id and node_id.lower() != lowered:  # an entry is reported for its name first
                nodes.setdefault(node_id.lower(), []).append((uname or node_id, False))
        connections: dict[str, list[RemoteConnection]] = {}
        for connection in direct_connections(cib):
            connections.setdefault(connection.id.lower(), []).append(connection)
        return cls({k: tuple(v) for k, v in nodes.items()}, {k: tuple(v) for k, v in connections.items()})


def conflicts(holders: NameHolders, guest: GuestNode, earlier: dict[str, GuestNode]) -> Iterator[str]:
    """What the guest's name collides with, each as the end of a sentence.

    Pacemaker compares node names case-insensitively, so "Node1" is node1. An exact match with
    a remote connection id is an id collision, which PCS101 reports; only the case variant is
    left here.
    """
    key = guest.name.lower()
    for node, by_name in holders.nodes.get(key, ()):
        if by_name:
            yield (f"the name of cluster node {node!r}: Pacemaker matches node names "
                   "ignoring case, so it finds that cluster node and creates no guest; the "
                   "connection never starts and nothing runs on the guest")
        else:
            yield (f"the <node id> of cluster node {node!r}: the status section "
                   "keys each node's state by that id, so the guest's state and the cluster "
                   "node's mix and Pacemaker may fence the healthy cluster node")
    for connection in holders.connections.get(key, ()):
        if connection.id != guest.name:
            yield (f"remote connection {connection.id!r} (node names ignore case): two "
                   "connections claim one node")
    other = earlier.get(key)
    if other is not None:
        yield (f"the guest name {other.name!r} of {other.resource.id!r} (line "
               f"{other.remote_node.element.sourceline}): two VMs claim one node, and only the "
               "first becomes it")


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    holders = NameHolders.of(cib)
    earlier: dict[str, GuestNode] = {}
    for guest in created_guests(cib):
        if not guest.name:
            continue
        vm = guest.resource.id
        for what in conflicts(holders, guest, earlier):
            yield Problem(
                f"{guest_name_label(guest)} equals {what}",
                element=guest.remote_node.element,
                object_id=vm,
                hint=f"give the guest a name no other node uses: pcs resource meta {vm} "
                "remote-node=NEW-NAME --force",
            )
        earlier.setdefault(guest.name.lower(), guest)


RULE = Rule(
    code="PCS102",
    name="guest-name-conflicts-node",
    severity=Severity.ERROR,
    summary="remote-node equals (ignoring case) a node name, a <node id>, a remote connection "
    "or another guest's name",
    check=check,
    doc=rule_doc(__name__),
)
