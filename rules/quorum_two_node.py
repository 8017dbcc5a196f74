"""PCS501 quorum-two-node: two nodes without two_node, a quorum device or auto_tie_breaker
(error); two_node with another node count, or beside a device or auto_tie_breaker (warning)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, first_line, flag, has_quorum_device, key_at, node_count, where
from pcs_lint.rules._fencing import LEGACY_NO_QUORUM_NAME, NO_QUORUM_NAME, cluster_option

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf

# What Pacemaker does without quorum, by no-quorum-policy (Pacemaker Explained, cluster options).
_WITHOUT_QUORUM = {
    "stop": "stops every resource",
    "freeze": "keeps resources where they run but starts nothing that stopped",
    "ignore": "goes on as if it had quorum",
    "demote": "demotes promoted instances and stops the others",
    "suicide": "fences the node",
}


def check(ctx: Context) -> Iterator[Problem]:
    policy = _no_quorum_policy(ctx)
    for conf in ctx.corosync:
        if not conf.nodelist:
            continue
        yield from _judge(conf, policy)


def _judge(conf: CorosyncConf, policy: tuple[str, str]) -> Iterator[Problem]:
    nodes = node_count(conf)
    two_node = conf.key("quorum.two_node")
    device = has_quorum_device(conf)
    tie_breaker = flag(conf, "quorum.auto_tie_breaker")
    if nodes == 2 and not flag(conf, "quorum.two_node") and not device and not tie_breaker:
        value, source = policy
        line = two_node.line if two_node is not None else first_line(conf, "quorum", "nodelist")
        yield Problem(
            f"{where(conf)} line {line}: the nodelist has two nodes and the quorum section has neither "
            "'two_node: 1', a quorum device nor auto_tie_breaker: when one node fails the survivor has 1 of 2 "
            f"votes and loses quorum, and Pacemaker then {_WITHOUT_QUORUM.get(value, 'applies no-quorum-policy')} "
            f"(no-quorum-policy={value}, {source})",
            object_id="quorum.two_node",
            location=at(conf, line),
            hint="add 'two_node: 1' to the quorum section on every node (pcs writes it at cluster setup for two "
                 "nodes and has no command to set it later), then pcs cluster reload corosync; or add a quorum device "
                 "(pcs quorum device add model net host=QNETD-HOST algorithm=ffsplit)",
        )
    if two_node is None or not flag(conf, "quorum.two_node"):
        return
    if nodes != 2:
        yield Problem(
            f"{where(conf)} line {two_node.line}: 'two_node: 1' with {nodes} nodes in the nodelist: votequorum "
            "uses two_node only for exactly two nodes, and the setting hides that the cluster is not a pair",
            object_id="quorum.two_node", location=key_at(conf, two_node), severity=Severity.WARNING,
            hint="remove two_node from the quorum section on every node (pcs does when a third node is added)",
        )
    for present, what in ((device, "a quorum device"), (tie_breaker, "auto_tie_breaker: 1")):
        if present:
            yield Problem(
                f"{where(conf)} line {two_node.line}: 'two_node: 1' together with {what}: both decide which "
                "half of a split keeps quorum, in different ways; two_node is meant for a pair with neither",
                object_id="quorum.two_node", location=key_at(conf, two_node), severity=Severity.WARNING,
                hint="keep one: remove two_node from the quorum section on every node",
            )


def _no_quorum_policy(ctx: Context) -> tuple[str, str]:
    if ctx.cib is not None:
        pair = cluster_option(ctx.cib, NO_QUORUM_NAME, legacy=LEGACY_NO_QUORUM_NAME)
        if pair is not None and pair.value:
            return pair.value.strip().lower(), "set in the CIB"
        return "stop", "the default"
    return "stop", "the default when the CIB does not set it"


RULE = Rule(
    code="PCS501",
    name="quorum-two-node",
    severity=Severity.ERROR,
    summary="two corosync nodes without two_node, a quorum device or auto_tie_breaker (error); two_node with "
    "another node count, a device or auto_tie_breaker (warning)",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
