"""PCS121 placement-impossible: a constraint sending a fence device, a remote connection or a
guest's VM onto a remote or guest node (or a VM into its own guest)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint
from pcs_lint.nodes import NodeKind, NodeModel
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import through_tags, uname_expressions, with_location_nodes
from pcs_lint.values import SCORE_INFINITY, parse_score


class _Restricted(enum.Enum):
    """What kind of resource never runs on a remote or guest node."""

    FENCE_DEVICE = "fence device"
    CONNECTION = "remote connection"
    GUEST_VM = "VM"


@dataclass(frozen=True)
class _Target:
    """A resource Pacemaker never places on a remote or guest node."""

    what: _Restricted
    description: str  # how findings name it
    own_guest: str | None = None  # the guest node a VM provides


def _node_kind(model: NodeModel, name: str) -> str | None:
    """How a message calls the remote or guest node named exactly ``name`` (a bundle replica is
    a guest node; a replica's name wins over a connection's of the same name, and a guest's over
    a remote connection's)."""
    found = [n for n in model.find(name, exact=True) if n.is_connection or n.kind is NodeKind.BUNDLE]
    if not found:
        return None
    return NodeKind.REMOTE.value if found[-1].kind is NodeKind.REMOTE else NodeKind.GUEST.value


def _restricted(cib: Cib) -> dict[str, _Target]:
    """Resources Pacemaker never places on a remote or guest node, by id."""
    found = {r.id: _Target(_Restricted.FENCE_DEVICE, f"fence device {r.id!r}") for r in cib.fence_devices}
    for connection in cib.remote_connections:
        found[connection.id] = _Target(_Restricted.CONNECTION, f"remote connection {connection.id!r}")
    for guest in cib.node_model.nodes(NodeKind.GUEST):
        found[guest.resource.id] = _Target(_Restricted.GUEST_VM,
                                           f"VM {guest.resource.id!r} of guest node {guest.name!r}", guest.name)
    return found


def _location_targets(constraint: Constraint, node: str | None,
                      by_rules: Mapping[Any, list[tuple[str, Any]]]) -> Iterator[tuple[str, Any]]:
    """(node name, element whose score applies) for every node a location constraint scores:
    its node= (the constraint's score), or #uname eq rules (the rule's score)."""
    if node:
        yield node, constraint.element
    yield from by_rules.get(constraint.element, ())


def _uname_rule_targets(cib: Cib) -> dict[Any, list[tuple[str, Any]]]:
    """Location constraint element -> (value, rule) of each #uname eq expression in one of its
    top rules, in document order: from the few #uname expressions up, not from every
    constraint's rules down."""
    found: dict[Any, list[tuple[str, Any]]] = {}
    for expression in uname_expressions(cib):
        rule = expression.getparent()
        owner = rule.getparent() if rule is not None and rule.tag == "rule" else None
        if owner is None or owner.tag != "rsc_location":
            continue
        value = expression.get("value")
        if expression.get("operation") == "eq" and value:
            found.setdefault(owner, []).append((value, rule))
    return found


def _why(target: _Target, node: str, kind: str) -> str:
    if target.own_guest == node:
        return "a VM cannot run inside the guest node it provides"
    if target.what is _Restricted.FENCE_DEVICE:
        return f"fence devices run only on cluster nodes, never on a {kind}"
    if target.what is _Restricted.CONNECTION:
        return f"a remote connection runs only on a cluster node, never on a {kind}"
    return f"a guest node's VM runs only on a cluster node: guest nodes cannot be nested in {kind}s"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    model = cib.node_model
    restricted = _restricted(cib)
    # Thousands of constraints name the same few hundred nodes: each name's kind is found once.
    kind_of = functools.cache(lambda node: _node_kind(model, node))
    # Resources that must run on a remote or guest node (mandatory location there).
    pinned: dict[str, tuple[str, Constraint]] = {}
    by_rules = _uname_rule_targets(cib)
    for constraint, written_node in with_location_nodes(cib):
        if constraint.kind != "location":
            continue
        for node, scored in _location_targets(constraint, written_node, by_rules):
            kind = kind_of(node)
            if kind is None:
                continue
            score = parse_score(scored.get("score"))
            if score <= 0:
                continue
            for ref in constraint.refs:
                if score >= SCORE_INFINITY:
                    pinned.setdefault(ref.id, (node, constraint))
                if ref.id in restricted:
                    yield _problem(constraint, ref.element, restricted[ref.id], node, kind,
                                   f"prefers{through_tags(ref)}",
                                   "the preference can never be met: Pacemaker ignores it, and the resource stays "
                                   "stopped if no other node is allowed")
    if not pinned:
        return  # no colocation can place a restricted resource with a pinned one
    for constraint in cib.constraints:
        if constraint.kind != "colocation":
            continue
        placed, anchor = constraint.get("rsc"), constraint.get("with-rsc")
        if placed not in restricted or anchor not in pinned:
            continue
        if parse_score(constraint.get("score")) < SCORE_INFINITY:
            continue
        node, location = pinned[anchor]
        yield _problem(constraint, constraint.element, restricted[placed], node, kind_of(node),
                       f"must run with {anchor!r}, which location constraint {location.id!r} puts on",
                       f"{placed!r} cannot start while {anchor!r} runs there")


def _problem(constraint: Constraint, element: Any, target: _Target, node: str, kind: str,
             how: str, effect: str) -> Problem:
    proposal = Fix.of(f"pcs constraint remove {constraint.id}") if constraint.id else "remove the constraint"
    return Problem(
        f"{constraint.kind} constraint {constraint.id!r}: {target.description} {how} {kind} {node!r}, but "
        f"{_why(target, node, kind)}; {effect}",
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
