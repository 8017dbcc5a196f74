"""PCS204 unknown-node: a location constraint or #uname rule that names no node."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint
from pcs_lint.nodes import NodeKind, PacemakerNode
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import location_score_words, uname_expressions, with_location_nodes
from pcs_lint.rules._suggest import suggest_name

# Operations whose value is compared with a node name; lt/gt/defined say nothing about one.
NAME_OPERATIONS = frozenset({"eq", "ne"})
# Did-you-mean draws on this many replica names per bundle: a bundle may have INT_MAX replicas.
SUGGESTED_REPLICAS = 64


@dataclass(frozen=True)
class KnownNodes:
    """The node model's answers, with the ids of cluster nodes and the suggestions' names."""

    cib: Cib
    # folded name -> name as written: the names suggestions are drawn from (a bundle's replicas
    # only up to SUGGESTED_REPLICAS; the node model's ``knows`` tests all of them)
    names: dict[str, str]
    ids: dict[str, str]  # node id -> its uname (only ids that are not also a name)
    # (value, names left out) -> closest name: a CIB with a thousand constraints on one missing
    # node asks the same question a thousand times (twice each).
    _closest: dict[tuple[str, frozenset[str]], str | None] = field(default_factory=dict, compare=False, repr=False)

    def uncreated(self, value: str) -> str | None:
        """Why the resource meant to provide node ``value`` provides none (None: there is none)."""
        for node in self.cib.node_model.find(value, created=False):
            if node.resource is not None:
                return _no_node(self.cib, node)
        return None

    def closest(self, value: str, excluding: frozenset[str] = frozenset()) -> str | None:
        """The known name most like ``value``, leaving out ``excluding`` (folded names)."""
        key = (value, excluding)
        if key not in self._closest:
            candidates = frozenset(name for folded, name in self.names.items() if folded not in excluding)
            self._closest[key] = suggest_name(value, candidates)
        return self._closest[key]


def known_nodes(cib: Cib) -> KnownNodes:
    model = cib.node_model
    names: dict[str, str] = {}
    for name in model.names(replicas_per_bundle=SUGGESTED_REPLICAS):
        names.setdefault(name.casefold(), name)
    ids = {
        node.entry.id: node.name
        for node in model.nodes()
        if node.entry is not None and node.entry.id and node.entry.uname and not model.knows(node.entry.id)
    }
    return KnownNodes(cib, names, ids)


def _no_node(cib: Cib, node: PacemakerNode) -> str:
    if node.kind is NodeKind.GUEST:
        return (f"which would be the guest node of {node.resource.id!r}, but Pacemaker creates "
                "no guest for a primitive that is not at top level or in a top-level group")
    connection = next(c for c in cib.remote_connections if c.resource is node.resource)
    if connection.via_template:
        why = f"it takes its agent from template {connection.resource.template!r}"
    else:
        holder = cib.top_level(connection.resource)
        # An enclosing resource whose id another element took (PCS201) is not in the index.
        why = (f"it is inside {holder.kind} {holder.id!r}" if holder is not connection.resource
               else "it is not at top level")
    return (f"which would be the remote node of connection {connection.id!r}, but Pacemaker "
            f"creates no node for it because {why}")


def _named_in_locations(cib: Cib) -> Iterator[tuple[Constraint, str]]:
    """(location constraint, node=) for every location constraint that names a node."""
    for constraint, node in with_location_nodes(cib):
        if node is not None:
            yield constraint, node


def _named_in_rules(cib: Cib) -> Iterator[tuple[Any, str]]:
    """(expression, value) for every rule expression comparing #uname with a literal name."""
    for expression in uname_expressions(cib):
        value = expression.get("value")
        if value is None or expression.get("operation") not in NAME_OPERATIONS:
            continue
        if (expression.get("value-source") or "literal") == "literal":
            yield expression, value


def _placed(cib: Cib) -> dict[tuple[str | None, str | None], frozenset[str]]:
    """(rsc, rsc-pattern) -> the nodes (folded) a location constraint already names for it."""
    placed: dict[tuple[str | None, str | None], set[str]] = {}
    for constraint, node in _named_in_locations(cib):
        placed.setdefault((constraint.get("rsc"), constraint.get("rsc-pattern")), set()).add(node.casefold())
    return {key: frozenset(nodes) for key, nodes in placed.items()}


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    if not cib.node_model:
        yield from _no_names_known(cib)
        return
    # Thousands of constraints name the same few hundred nodes, nearly all known: each name is
    # looked up once, and what a finding needs (suggestions, node ids, the nodes each resource
    # is placed on) is built at the first unknown one.
    knows = functools.cache(cib.node_model.knows)
    known: KnownNodes | None = None
    placed: dict[tuple[str | None, str | None], frozenset[str]] | None = None
    for constraint, node in _named_in_locations(cib):
        if knows(node):
            continue
        if known is None or placed is None:
            known, placed = known_nodes(cib), _placed(cib)
        # A node the resource already has a location constraint for is no proposal: the two
        # would contradict, and pcs's "location prefers/avoids" silently replaces the existing
        # constraint for that resource and node (pcs 0.11.5).
        taken = placed.get((constraint.get("rsc"), constraint.get("rsc-pattern")), frozenset())
        right = _right_name(node, known, taken)
        yield Problem(
            f"location constraint {constraint.id!r} names node {node!r}, "
            f"{_what_it_is(node, known)}: the constraint has no effect on any node of this "
            f"cluster{_fix(node, known, taken)}",
            element=constraint.element,
            object_id=constraint.id,
            **remedy(_move(constraint, right)),
        )
    for expression, value in _named_in_rules(cib):
        if knows(value):
            continue
        if known is None:
            known = known_nodes(cib)
        operation = expression.get("operation")
        yield Problem(
            f"rule expression {expression.get('id')!r} compares #uname with {value!r}, "
            f"{_what_it_is(value, known)}: with {operation} it is "
            f"{'never' if operation == 'eq' else 'always'} true on this cluster's nodes"
            f"{_fix(value, known)}",
            element=expression,
            object_id=expression.get("id"),
            hint=f"set the expression's value to a node name ({_right_name(value, known) or 'NODE'})"
            + _rule_fix(expression),
        )


def _no_names_known(cib: Cib) -> Iterator[Problem]:
    """One note when names would be judged but nothing names a node (a CIB made with pcs -f):
    any name may be right, so none is reported."""
    locations = sum(1 for _ in _named_in_locations(cib))
    rules = sum(1 for _ in _named_in_rules(cib))
    if not locations and not rules:
        return
    named = ((locations, "location constraint"), (rules, "#uname rule expression"))
    nodes = cib.configuration.find("nodes") if cib.configuration is not None else None
    first = next((c.element for c, _ in _named_in_locations(cib)), None)
    if first is None:
        first = next(expression for expression, _ in _named_in_rules(cib))
    yield Problem(
        f"node names are not checked: no node is known (<nodes> lists none, and no remote "
        f"connection, guest or bundle creates one, as in a CIB made with pcs -f), so the "
        f"{' and '.join(_counted(n, noun) for n, noun in named if n)} naming nodes cannot be judged",
        element=nodes if nodes is not None else first,
        severity=Severity.INFO,
        hint="lint the cluster's CIB (pcs cluster cib), which lists its nodes in <nodes>",
    )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _what_it_is(value: str, known: KnownNodes) -> str:
    if value in known.ids:
        return f"which is the id of node {known.ids[value]!r}, not a node name"
    uncreated = known.uncreated(value)
    if uncreated is not None:
        return uncreated
    return "which is not the name of any cluster, remote, guest or bundle node"


def _fix(value: str, known: KnownNodes, taken: frozenset[str] = frozenset()) -> str:
    if value in known.ids and known.ids[value].casefold() not in taken:
        return f"; Pacemaker matches node names, so use {known.ids[value]!r}"
    closest = None if value in known.ids else known.closest(value, taken)
    return f"; did you mean {closest!r}?" if closest else ""


def _move(constraint, right: str | None) -> Fix | str:
    """The same constraint (resource, score) on the right node: the score is kept as written,
    so a preference stays a preference and a ban a ban."""
    node = right or "NODE"
    pattern = constraint.get("rsc-pattern")
    target = constraint.get("rsc") or (f"'regexp%{pattern}'" if pattern else None)
    if target is None:
        # Resource sets: pcs creates no location constraint with sets; cibadmin changes the
        # node in place and keeps everything else.
        return (f"cibadmin --modify --xml-text '<rsc_location id=\"{constraint.id}\" node=\"{node}\"/>'")
    verb, score = location_score_words(constraint.get("score"))
    commands = (f"pcs constraint remove {constraint.id}",
                f"pcs constraint location {target} {verb} {node}{_pcs_score(score)}")
    if right is None or not constraint.id:
        return ", then ".join(commands) + "  (NODE: the node it is meant for)"
    return Fix(commands)


def _pcs_score(magnitude: str) -> str:
    """The score as pcs writes it after prefers/avoids: nothing for INFINITY, its default."""
    return "" if magnitude == "INFINITY" else f"={magnitude}"


def _rule_fix(expression) -> str:
    """pcs replaces a location constraint's rule as a whole: name the top rule and constraint."""
    rule, parent = None, expression.getparent()
    while parent is not None and parent.tag == "rule":
        rule, parent = parent, parent.getparent()
    if rule is None or parent is None or parent.tag != "rsc_location" or not rule.get("id"):
        return ""
    # pcs deletes a constraint together with its last rule: add the new rule first.
    return (f": pcs constraint rule add {parent.get('id')} ..., then pcs constraint rule remove "
            f"{rule.get('id')}")


def _right_name(value: str, known: KnownNodes, taken: frozenset[str] = frozenset()) -> str | None:
    if value in known.ids:
        return known.ids[value] if known.ids[value].casefold() not in taken else None
    return known.closest(value, taken)


RULE = Rule(
    code="PCS204",
    name="unknown-node",
    severity=Severity.WARNING,
    summary="location node= or a #uname rule value that names no node; a node id used where a name is expected",
    check=check,
    doc=rule_doc(__name__),
)
