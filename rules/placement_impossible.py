"""PCS121 placement-impossible: a constraint sending a fence device, a remote connection or a
guest's VM onto a remote or guest node (or a VM into its own guest)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pcs_lint.bundle_names import GeneratedNames
from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import through_tags
from pcs_lint.values import SCORE_INFINITY, parse_score


@dataclass(frozen=True)
class _NodeKinds:
    """Remote and guest node name -> how to call it in a message (bundle replicas are guest
    nodes, tested rather than listed)."""

    listed: dict[str, str]
    generated: GeneratedNames

    def get(self, name: str) -> str | None:
        if self.generated.replica_node(name) is not None:
            return "guest node"  # a replica's name wins over a connection's of the same name
        return self.listed.get(name)


def _node_kinds(cib: Cib) -> _NodeKinds:
    kinds = {c.node_name: "remote node" for c in cib.remote_connections if c.creates_node}
    kinds.update((g.name, "guest node") for g in cib.guest_nodes if g.creates_node and g.name)
    return _NodeKinds(kinds, cib.generated_names)


def _restricted(cib: Cib) -> dict[str, tuple[str, str | None]]:
    """Resources Pacemaker never places on a remote or guest node: id -> (description, own guest)."""
    found: dict[str, tuple[str, str | None]] = {r.id: (f"fence device {r.id!r}", None) for r in cib.fence_devices}
    for connection in cib.remote_connections:
        found[connection.id] = (f"remote connection {connection.id!r}", None)
    for guest in cib.guest_nodes:
        if guest.creates_node and guest.name:
            found[guest.resource.id] = (f"VM {guest.resource.id!r} of guest node {guest.name!r}", guest.name)
    return found


def _location_targets(constraint: Constraint) -> Iterator[tuple[str, int]]:
    """(node name, score) for every node a location constraint scores: node=, or #uname eq rules."""
    node = constraint.get("node")
    if node:
        yield node, parse_score(constraint.get("score"))
    for rule in constraint.element.iterchildren("rule"):
        for expression in rule.iterchildren("expression"):
            if expression.get("attribute") == "#uname" and expression.get("operation") == "eq" and expression.get("value"):
                yield expression.get("value"), parse_score(rule.get("score"))


def _why(what: str, own_guest: str | None, node: str, kind: str) -> str:
    if own_guest == node:
        return "a VM cannot run inside the guest node it provides"
    if what.startswith("fence device"):
        return f"fence devices run only on cluster nodes, never on a {kind}"
    if what.startswith("remote connection"):
        return f"a remote connection runs only on a cluster node, never on a {kind}"
    return f"a guest node's VM runs only on a cluster node: guest nodes cannot be nested in {kind}s"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    kinds = _node_kinds(cib)
    restricted = _restricted(cib)
    # Resources that must run on a remote or guest node (mandatory location there).
    pinned: dict[str, tuple[str, Constraint]] = {}
    for constraint in cib.constraints:
        if constraint.kind != "location":
            continue
        for node, score in _location_targets(constraint):
            kind = kinds.get(node)
            if kind is None or score <= 0:
                continue
            for ref in constraint.refs:
                if score >= SCORE_INFINITY:
                    pinned.setdefault(ref.id, (node, constraint))
                if ref.id in restricted:
                    yield _problem(constraint, ref.element, restricted[ref.id], node, kind,
                                   f"prefers{through_tags(ref)}", "the preference can never be met: Pacemaker ignores it, and "
                                   "the resource stays stopped if no other node is allowed")
    for constraint in cib.constraints:
        if constraint.kind != "colocation" or parse_score(constraint.get("score")) < SCORE_INFINITY:
            continue
        placed, anchor = constraint.get("rsc"), constraint.get("with-rsc")
        if placed in restricted and anchor in pinned:
            node, location = pinned[anchor]
            yield _problem(constraint, constraint.element, restricted[placed], node, kinds.get(node),
                           f"must run with {anchor!r}, which location constraint {location.id!r} puts on",
                           f"{placed!r} cannot start while {anchor!r} runs there")


def _problem(constraint: Constraint, element: Any, target: tuple[str, str | None], node: str, kind: str,
             how: str, effect: str) -> Problem:
    what, own_guest = target
    proposal = Fix.of(f"pcs constraint remove {constraint.id}") if constraint.id else "remove the constraint"
    return Problem(
        f"{constraint.kind} constraint {constraint.id!r}: {what} {how} {kind} {node!r}, but "
        f"{_why(what, own_guest, node, kind)}; {effect}",
        element=element,
        object_id=constraint.id,
        **remedy(proposal, " (place resources that run on the remote or guest node there, not the "
                 "device, connection or VM)"),
    )


RULE = Rule(
    code="PCS121",
    name="placement-impossible",
    severity=Severity.WARNING,
    summary="a location/colocation sending a fence device, remote connection or guest VM onto a remote or guest node",
    check=check,
    doc=rule_doc(__name__),
)
