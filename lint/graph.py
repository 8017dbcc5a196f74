"""``pcs-lint graph``: the cluster as the linter understands it, as Graphviz DOT.

Cluster, remote, guest and bundle nodes; resources, grouped as Pacemaker groups, clones and
bundles them; which resource creates which node; location preferences and bans (which node a
resource can run on), colocation and order constraints as edges; every element a finding names
marked with the finding's code (hover for its message, in the SVG). crmsh's ``configure graph``
draws resources and constraints only, with no findings and no remote nodes.

The DOT text is built here; an SVG is made by running Graphviz's own ``dot`` program on it. The
Python ``graphviz`` package would only write the same text and run the same program, at the cost
of a dependency, and with less control over what this needs for untrusted CIBs: a time limit
and a one-line error when ``dot`` fails or is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pcs_lint.findings import Finding, Severity
from pcs_lint.model import Cib
from pcs_lint.nodes import NodeKind
from pcs_lint.reporters._common import escape_control
from pcs_lint.values import SCORE_INFINITY, parse_score

DOT_TIME_LIMIT = 30  # seconds; a CIB is never big enough to need more
MAX_BUNDLE_REPLICAS_DRAWN = 8  # replicas may be INT_MAX: draw a few and say how many there are
_SEVERITY_COLOR = {Severity.ERROR: "#d62728", Severity.WARNING: "#e8890c", Severity.INFO: "#1f77b4"}
_NODE_STYLE = {
    "cluster": 'shape=box3d style=filled fillcolor="#dbe9f6"',
    "remote": 'shape=box style="filled,dashed" fillcolor="#e8f3e0"',
    "guest": 'shape=box style="filled,dashed" fillcolor="#f3ecdc"',
    "bundle": 'shape=box style="filled,dotted" fillcolor="#efe3f3"',
}


class GraphError(Exception):
    """The SVG could not be made (no ``dot``, or ``dot`` failed): one line for the user."""


def quote(text: str) -> str:
    """A DOT double-quoted string: nothing in an id can end it or start a new statement, and a
    newline of ``text`` is a line break of the label (DOT's ``\\n``), never a raw one."""
    return '"' + "\\n".join(_escaped(line) for line in text.split("\n")) + '"'


def _escaped(text: str) -> str:
    return escape_control(text).replace("\\", "\\\\").replace('"', '\\"')


class _Marks:
    """The findings of the file, by the element id they name."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.by_id: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            if finding.object_id:
                self.by_id[finding.object_id].append(finding)

    def attributes(self, element_id: str | None, label: str) -> str:
        found = self.by_id.get(element_id or "", [])
        if not found:
            return f"label={quote(label)}"
        worst = max(f.severity for f in found)
        codes = " ".join(dict.fromkeys(f.rule for f in found))
        tooltip = "\n".join(f"{f.rule}: {f.message}" for f in found)
        return (f"label={quote(label + chr(10) + codes)} color={quote(_SEVERITY_COLOR[worst])} penwidth=3 "
                f"fontcolor={quote(_SEVERITY_COLOR[worst])} tooltip={quote(tooltip)}")


def cluster_dot(cib: Cib, findings: Sequence[Finding] = (), *, title: str = "") -> str:
    marks = _Marks(findings)
    lines = ["digraph cluster {",
             f"  graph [rankdir=LR fontname=Helvetica label={quote(title)} labelloc=t compound=true]",
             "  node [fontname=Helvetica fontsize=11]",
             "  edge [fontname=Helvetica fontsize=9]"]
    node_ids = _draw_nodes(cib, marks, lines)
    _draw_resources(cib, marks, lines)
    _draw_constraints(cib, marks, node_ids, lines)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_key(name: str) -> str:
    return quote(f"node:{name}")


def _resource_key(resource_id: str) -> str:
    return quote(f"rsc:{resource_id}")


def _draw_nodes(cib: Cib, marks: _Marks, lines: list[str]) -> set[str]:
    drawn: set[str] = set()
    lines.append('  subgraph cluster_nodes { label="nodes" style=rounded color="#888888"')

    def node(name: str, kind: str, element_id: str | None) -> None:
        if name in drawn:
            return
        drawn.add(name)
        lines.append(f"    {_node_key(name)}"
                     f" [{_NODE_STYLE[kind]} {marks.attributes(element_id, f'{kind} node {name}')}]")

    model = cib.node_model
    for record in model.nodes(NodeKind.CLUSTER):
        node(record.name, "cluster", record.node_id if record.entry is not None else None)
    for record in model.connections():
        node(record.name, "remote" if record.kind is NodeKind.REMOTE else "guest", None)
    for family in model.replicas:
        for name in family.names.names(MAX_BUNDLE_REPLICAS_DRAWN):
            node(name, "bundle", None)
    lines.append("  }")
    return drawn


def _draw_resources(cib: Cib, marks: _Marks, lines: list[str]) -> None:
    for resource in cib.resources.values():
        if resource.parent is None and resource.kind != "template":
            _draw_resource(cib, resource, marks, lines, "  ")
    # Which resource creates which node.
    for record in cib.node_model.connections():
        label = '"connects" style=dashed color="#2ca02c"' if record.kind is NodeKind.REMOTE else \
            '"hosts guest" style=dashed color="#8c6d31"'
        lines.append(f"  {_resource_key(record.resource.id)} -> {_node_key(record.name)} [label={label}]")
    for family in cib.node_model.replicas:
        for name in family.names.names(MAX_BUNDLE_REPLICAS_DRAWN):
            lines.append(f'  {quote("bundle:" + family.bundle.id)} -> {_node_key(name)}'
                         f' [label="replica" style=dotted color="#9467bd"]')


def _draw_resource(cib: Cib, resource, marks: _Marks, lines: list[str], indent: str) -> None:
    if resource.kind == "primitive":
        kind = "fence device" if cib.is_fence_device(resource.id) else str(cib.effective_agent(resource))
        shape = "octagon" if cib.is_fence_device(resource.id) else "ellipse"
        lines.append(f"{indent}{_resource_key(resource.id)}"
                     f" [shape={shape} {marks.attributes(resource.id, f'{resource.id}{chr(10)}{kind}')}]")
        return
    label = f"{'promotable clone' if resource.promotable else resource.kind} {resource.id}"
    found = marks.by_id.get(resource.id, [])
    extra = ""
    if found:
        worst = max(f.severity for f in found)
        label += " " + " ".join(dict.fromkeys(f.rule for f in found))
        extra = f" color={quote(_SEVERITY_COLOR[worst])} fontcolor={quote(_SEVERITY_COLOR[worst])} penwidth=3"
    lines.append(f"{indent}subgraph {quote('cluster_' + resource.id)} {{ label={quote(label)} style=rounded{extra}")
    # An invisible point stands for the collective itself: constraints on it attach there.
    lines.append(f"{indent}  {_resource_key(resource.id)}"
                 f" [shape=point width=0.08 {marks.attributes(resource.id, resource.id)}]")
    if resource.kind == "bundle":
        bundle = cib.bundles.get(resource.id)
        count = bundle.replicas if bundle else 0
        lines.append(f"{indent}  {quote('bundle:' + resource.id)}"
                     f" [shape=cylinder label={quote(f'{count} replica(s)')}]")
    for child_id in resource.children:
        child = cib.resources.get(child_id)
        if child is not None and child.parent == resource.id:
            _draw_resource(cib, child, marks, lines, indent + "  ")
    lines.append(f"{indent}}}")


def _draw_constraints(cib: Cib, marks: _Marks, node_names: set[str], lines: list[str]) -> None:
    for constraint in cib.constraints:
        found = marks.by_id.get(constraint.id or "", [])
        color = _SEVERITY_COLOR[max(f.severity for f in found)] if found else None
        codes = (" " + " ".join(dict.fromkeys(f.rule for f in found))) if found else ""
        style = f" color={quote(color)} fontcolor={quote(color)} penwidth=2" if color else ""
        if found:
            style += f" tooltip={quote(chr(10).join(f'{f.rule}: {f.message}' for f in found))}"
        if constraint.kind == "location":
            node, rsc = constraint.get("node"), constraint.get("rsc")
            if not node or not rsc:
                continue  # rules and patterns: not drawn
            score = constraint.get("score") or ""
            banned = parse_score(score) <= -SCORE_INFINITY
            if node not in node_names:
                lines.append(f'  {_node_key(node)} [shape=box style=dotted label={quote("unknown node " + node)}]')
                node_names.add(node)
            look = "arrowhead=tee style=dashed" if banned else ""
            if not color:
                look += f" color={quote('#d62728' if banned else '#1f77b4')}"
            label = f"{'never' if banned else 'prefers ' + score}{codes}"
            lines.append(f"  {_resource_key(rsc)} -> {_node_key(node)} [{look} label={quote(label)}{style}]")
        elif constraint.kind in ("colocation", "order"):
            first, then = _pair(constraint)
            if first is None or then is None:
                continue
            if constraint.kind == "colocation":
                label = f"with ({constraint.get('score') or 'INFINITY'}){codes}"
                lines.append(f'  {_resource_key(first)} -> {_resource_key(then)}'
                             f' [label={quote(label)} style=bold arrowhead=odot'
                             f'{style or " color=" + quote("#7f7f7f")}]')
            else:
                label = f"then{codes}"
                lines.append(f'  {_resource_key(first)} -> {_resource_key(then)}'
                             f' [label={quote(label)}{style or " color=" + quote("#17becf")}]')


def _pair(constraint) -> tuple[str | None, str | None]:
    """(from, to) of a colocation (rsc with with-rsc: rsc placed after with-rsc, drawn
    with-rsc -> rsc) or order (first -> then); sets are drawn member after member."""
    if constraint.kind == "order":
        return constraint.get("first"), constraint.get("then")
    return constraint.get("with-rsc"), constraint.get("rsc")


def render_svg(dot: str) -> bytes:
    """The DOT text laid out by Graphviz's ``dot`` as SVG."""
    program = shutil.which("dot")
    if program is None:
        raise GraphError("Graphviz's 'dot' program is not installed (apt-get install graphviz); "
                         "write DOT instead: pcs-lint graph FILE -o cluster.dot")
    try:
        done = subprocess.run([program, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True,
                              timeout=DOT_TIME_LIMIT, check=False)
    except subprocess.TimeoutExpired:
        raise GraphError(f"Graphviz's dot took more than {DOT_TIME_LIMIT} s") from None
    except OSError as error:
        raise GraphError(f"cannot run Graphviz's dot: {error.strerror or error}") from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[0]
        raise GraphError(f"Graphviz's dot failed: {escape_control(first)}")
    return done.stdout
