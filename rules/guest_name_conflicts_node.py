"""PCS102 guest-name-conflicts-node: a guest's name equals another node's name (any case)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib, GuestNode
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import created_guests, direct_connections, guest_name_label


def conflicts(cib: Cib, guest: GuestNode, earlier: dict[str, GuestNode]) -> Iterator[str]:
    """What the guest's name collides with, each as the end of a sentence.

    Pacemaker compares node names case-insensitively, so "Node1" is node1. An exact match with
    a remote connection id is an id collision, which PCS101 reports; only the case variant is
    left here.
    """
    key = guest.name.lower()
    # Every <node> entry but a remote one (a guest's own entry is no conflict), named or not.
    for entry in cib.node_model.nodes(NodeKind.CLUSTER, NodeKind.OTHER, created=None):
        node = entry.entry
        if node.uname and node.uname.lower() == key:
            yield (f"the name of cluster node {node.uname!r}: Pacemaker matches node names "
                   "ignoring case, so it finds that cluster node and creates no guest; the "
                   "connection never starts and nothing runs on the guest")
        elif node.id and node.id.lower() == key:
            yield (f"the <node id> of cluster node {node.uname or node.id!r}: the status section "
                   "keys each node's state by that id, so the guest's state and the cluster "
                   "node's mix and Pacemaker may fence the healthy cluster node")
    for connection in direct_connections(cib):
        if connection.id.lower() == key and connection.id != guest.name:
            yield (f"remote connection {connection.id!r} (node names ignore case): two "
                   "connections claim one node")
    other = earlier.get(key)
    if other is not None:
        yield (f"the guest name {other.name!r} of {other.resource.id!r} (line "
               f"{other.remote_node.element.sourceline}): two VMs claim one node, and only the "
               "first becomes it")


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    earlier: dict[str, GuestNode] = {}
    for guest in created_guests(cib):
        if not guest.name:
            continue
        vm = guest.resource.id
        for what in conflicts(cib, guest, earlier):
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
