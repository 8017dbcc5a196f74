"""PCS106 remote-connection-in-constraint: a remote connection in a colocation or order."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.model import Constraint
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import constraint_label, constraint_removal, unique_refs, where_named
from pcs_lint.rules._remote_helpers import direct_connections

# Location constraints are how a connection is steered; only these kinds are refused.
REFUSED_KINDS = ("colocation", "order")


def placement_advice(constraint: Constraint, connection_id: str) -> str:
    """What the user most likely wanted instead."""
    if constraint.kind == "colocation":
        others = [r.id for r in constraint.refs if r.id != connection_id]
        target = others[0] if len(others) == 1 else "RESOURCE"
        return (f"; to run {target} on the remote node, use a location constraint: "
                f"pcs constraint location {target} prefers {connection_id}")
    return ("; resources on the remote node already start after its connection, "
            "without an order constraint")


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for connection in direct_connections(cib):
        pairs = tuple(p for p in cib.constraints_naming(connection.id) if p[0].kind in REFUSED_KINDS)
        for constraint, ref in unique_refs(pairs):
            yield Problem(
                f"{constraint_label(constraint)} names remote connection "
                f"{connection.id!r} {where_named(ref)}: Pacemaker supports only location "
                "constraints on connection resources; a colocation or order ties the remote "
                "node's connection to other resources, so moving or stopping them can stop the "
                "connection and every resource on the remote node (crm_verify says nothing)",
                element=ref.element,
                object_id=constraint.id,
                **remedy(constraint_removal(constraint, ref, connection.id, cib.tags),
                         placement_advice(constraint, connection.id)),
            )


RULE = Rule(
    code="PCS106",
    name="remote-connection-in-constraint",
    severity=Severity.ERROR,
    summary="remote connection named in a colocation or order constraint (sets and tags too)",
    check=check,
    doc=rule_doc(__name__),
)
