"""PCS138 remote-host-is-cluster-node: a remote or guest node's name or address is a corosync
cluster node's name or address."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind, fold
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._cluster import nodelist_names


def _in_cib_nodes(cib, name: str) -> bool:
    """A <nodes> cluster entry of that name: PCS102/PCS103 report the name clash then."""
    return any(record.entry is not None for record in cib.node_model.find(name)
               if record.kind in (NodeKind.CLUSTER, NodeKind.OTHER))


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.cib is None:
        return
    names = nodelist_names(ctx.corosync)
    if not names:
        return
    for node in ctx.cib.node_model.connections():
        what = "remote connection" if node.kind is NodeKind.REMOTE else "guest node"
        own = "id" if node.kind is NodeKind.REMOTE else "remote-node"
        address_name = "server" if node.kind is NodeKind.REMOTE else "remote-addr"
        candidates = []
        if not _in_cib_nodes(ctx.cib, node.name):
            candidates.append((own, node.name, node.element))
        address = node.address_pair
        if address is not None and address.value and fold(address.value) != fold(node.name):
            candidates.append((address_name, address.value, address.element))
        for attribute, value, element in candidates:
            clash = names.get(fold(value))
            if clash is None:
                continue
            effect = (f"Pacemaker finds the cluster node by that name and creates no {what.split()[0]} node"
                      if attribute == own else
                      "the connection goes to a cluster node, which runs the cluster stack and not "
                      "pacemaker_remote as a remote host must")
            yield Problem(
                f"{what} {node.name!r} ({attribute} {value!r}) names a corosync cluster node, {clash.describe()}: "
                f"{effect}",
                element=element,
                object_id=node.resource.id if node.resource is not None else node.name,
                related=(clash.location,),
                hint=f"point the {what} at a host that is not in corosync.conf's nodelist (recreate it with "
                     f"pcs cluster node add-{'remote' if node.kind is NodeKind.REMOTE else 'guest'} NAME ...), "
                     "or, if that host should be a remote node, remove it from the cluster first "
                     "(pcs cluster node remove NODE)",
            )


RULE = Rule(
    code="PCS138",
    name="remote-host-is-cluster-node",
    severity=Severity.ERROR,
    summary="a remote or guest node's name or address is a corosync nodelist name or ringN_addr",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
