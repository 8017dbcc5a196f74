"""PCS210 duplicate-node-name: two node entries with the same name."""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Node
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    # Pacemaker compares node names case-insensitively, so "Node1" and "node1" are one node.
    first_seen: dict[str, Node] = {}
    for node in ctx.cib.nodes:
        if not node.uname:
            continue
        original = first_seen.setdefault(node.uname.casefold(), node)
        if original is node:
            continue
        yield Problem(
            f"node entry {node.id!r} has the name {node.uname!r}, already used by node entry "
            f"{original.id!r} (line {original.element.sourceline}): Pacemaker looks nodes up by "
            "name, so attributes, standby and constraints for that name may apply to either "
            "entry (crm_verify warns: more than one node entry has this name)",
            element=node.element,
            object_id=node.uname,
            hint=f"remove the stale entry (pcs has no command for one entry of two): "
            f"cibadmin --delete --xml-text '<node id=\"{node.id}\"/>'",
        )


RULE = Rule(
    code="PCS210",
    name="duplicate-node-name",
    severity=Severity.WARNING,
    summary="two node entries with the same uname",
    check=check,
    doc=rule_doc(__name__),
)
