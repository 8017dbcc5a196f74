"""PCS122 remote-node-entry-orphan: a <node type="remote"> entry with no connection behind it."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    model = ctx.cib.node_model
    for entry in model.nodes(NodeKind.REMOTE, created=None):
        node = entry.entry
        if node is None:
            continue
        name = entry.name
        # Any resource meant to provide the node (created or not) or a bundle replica, named
        # exactly so.
        if not any(other.resource is not None for other in model.find(name, exact=True, created=None)):
            yield Problem(
                f"<node> entry {name!r} has type=\"remote\" but no remote connection, guest node or bundle "
                "creates a node of that name: it is left over from a removed node, and its attributes "
                "and status linger in the CIB",
                element=node.element,
                object_id=name,
                # Not a fix: pcs runs it only on a live cluster (pcs -f refuses it), so it cannot
                # be proven offline.
                hint=f"pcs cluster node clear {name} (or crm_node --force --remove {name})",
            )
        elif node.id is not None and node.uname is not None and node.id != node.uname:
            yield Problem(
                f"<node> entry for remote node {node.uname!r} has id {node.id!r}: Pacemaker names a remote "
                "or guest node's entry by its node name in both id and uname, so this entry is not the one "
                "Pacemaker uses, and attributes set in it are not applied",
                element=node.element,
                object_id=node.uname,
                hint=f"pcs cluster node clear {node.id} (or crm_node --force --remove {node.id}), then set the "
                f"attributes again with pcs node attribute {node.uname} NAME=VALUE",
            )


RULE = Rule(
    code="PCS122",
    name="remote-node-entry-orphan",
    severity=Severity.INFO,
    summary='<node type="remote"> with no connection resource, or such an entry with id != uname',
    check=check,
    doc=rule_doc(__name__),
)
