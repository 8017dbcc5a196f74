"""PCS606 diskless-sbd-quorum: diskless SBD on an even number of corosync nodes without a quorum
device or auto_tie_breaker (needs corosync.conf's facts: lint/quorum_facts.py).

What happens after an even split comes from votequorum (rules/_votequorum.py, checked against real
corosync 3.1.7 nodes) and sbd: without a disk, sbd's watchdog resets a node that loses quorum
(sbd(8): "the watchdog device will be used to reset the node if it loses quorum"). With
``two_node: 1`` votequorum keeps each node quorate alone, but sbd does not take that quorum: once
it has seen both nodes, its cluster watcher reports a node that sees only itself as without quorum
("Connected to corosync but requires both nodes present", src/sbd-cluster.c), so without a disk
both nodes reset themselves. That check looks at a node that sees no other: the halves of a
four-node cluster with ``two_node: 1``, which votequorum keeps quorate, both keep running. Both
measured with corosync 3.1.7 and sbd 1.5.2 (tests/test_votequorum_split.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._sbd import sbd_nodes, watchdog_fencing_on, watchdog_timeout
from pcs_lint.rules._votequorum import EvenSplit, even_split

if TYPE_CHECKING:  # made from corosync.conf, imported by the runs given one (start-up: issue 14)
    from pcs_lint.quorum_facts import QuorumFacts


def _outcome(split: EvenSplit, facts: QuorumFacts) -> str:
    """What an even split does to a diskless SBD cluster, in words, with votequorum's numbers."""
    if split.two_node and split.half > 1:
        return (f"after a split into two halves of {split.half} nodes, votequorum keeps both halves quorate "
                f"(two_node: 1 sets quorum to 1 for a partition of at most two nodes, whatever the node count), "
                "and sbd's own two-node check applies only to a node that sees no other, so no watchdog resets "
                "its node: each half declares the other fenced once the watchdog timeout has passed, and both "
                "run the resources")
    if split.two_node:
        after = ("after a split votequorum keeps each node quorate alone (two_node: 1 sets quorum to 1), but sbd "
                 "does not trust that quorum once it has seen both nodes (\"requires both nodes present\"), so "
                 "both watchdogs reset their nodes and the whole cluster stops; so does the survivor when its "
                 "peer merely fails")
        if not facts.wait_for_all:
            after += ("; with wait_for_all: 0 a node that restarts while the split lasts is quorate alone and "
                      "starts the resources, and so may its peer: both run them")
        return after
    ignored = ", two_node: 1 giving no half of more than two nodes quorum 1" if facts.two_node else ""
    return (f"after a split into two halves of {split.half} node{'s' if split.half > 1 else ''}, neither half has "
            f"quorum (votequorum needs {split.quorum} of the {split.nodes} votes, one per node{ignored}), so sbd's "
            "watchdog resets every node and the whole cluster stops, where a tie-breaker would keep one half "
            "running the resources")


def check(ctx: Context) -> Iterator[Problem]:
    facts = ctx.quorum or quorum_facts(ctx.corosync)
    split = even_split(facts) if facts is not None else None
    if split is None or split.quorate_halves == 1:
        return
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    diskless = [node.node for node in sbd_nodes(ctx.sbd_files) if not node.disk]
    if not watchdog_fencing_on(swt) or not diskless:
        return
    two_node = " with two_node: 1 but" if facts.two_node else " with"
    yield Problem(
        f"diskless SBD ({swt.origin}; no SBD_DEVICE on {', '.join(diskless)}) on {facts.nodes} corosync nodes "
        f"({facts.path}){two_node} neither a quorum device nor auto_tie_breaker: {_outcome(split, facts)}",
        element=swt.pair.element,
        object_id=swt.pair.id,
        hint="add a quorum device: pcs quorum device add model net host=QNETD-HOST algorithm=ffsplit, or "
             "pcs quorum update auto_tie_breaker=1 (with the cluster stopped; the half with the lowest node id "
             "then keeps running)",
    )


RULE = Rule(
    code="PCS606",
    name="diskless-sbd-quorum",
    severity=Severity.WARNING,
    summary="diskless SBD on an even number of corosync nodes without a quorum device or auto_tie_breaker",
    check=check,
    doc=rule_doc(__name__),
)
