"""What votequorum decides when a cluster splits into two equal halves, from corosync.conf's facts
(lint/quorum_facts.py); shared by the rules that judge what quorum loss means (PCS606).

votequorum(5) of corosync 3.1.7, each node with one vote (the default ``quorum_votes``):
- a partition is quorate with more than half of the expected votes, i.e. nodes // 2 + 1, so
  neither half of an even split is;
- ``two_node: 1`` sets quorum to 1 for a partition of at most two nodes; it turns ``wait_for_all``
  on unless that is set to 0. votequorum(5) says "If more than 2 nodes join the cluster, the
  two_node option is automatically disabled", but corosync 3.1.7 checks that only when it reads its
  configuration, when no other node has joined yet: measured, a four-node nodelist with
  ``two_node: 1`` has quorum 3 while all four are joined, and each half of a 2/2 split keeps
  quorum (quorum 1, flag 2Node); a 3/3 split of six nodes has quorum 4 in each half;
- ``auto_tie_breaker: 1`` keeps the half with the lowest node id (by default) quorate;
- a quorum device decides through qnetd, which corosync.conf alone does not show.
tests/test_votequorum_split.py runs real corosync 3.1.7 nodes, splits them and checks each case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # made from corosync.conf, imported by the runs given one (start-up: issue 14)
    from pcs_lint.quorum_facts import QuorumFacts


@dataclass(frozen=True)
class EvenSplit:
    """An even split of the nodelist, as votequorum sees it from either half."""

    nodes: int
    half: int  # nodes, and votes, in each half
    quorum: int  # votes a partition needs
    two_node: bool  # two_node decides each half's quorum (set, and halves of at most two nodes)
    tie_breaker: bool  # auto_tie_breaker: one half keeps quorum whatever the votes

    @property
    def quorate_halves(self) -> int:
        """How many halves keep quorum: 0, 1 (tie breaker) or 2 (two_node)."""
        if self.tie_breaker:
            return 1
        return 2 if self.half >= self.quorum else 0


def even_split(facts: QuorumFacts) -> EvenSplit | None:
    """None for an odd node count (no even split) or with a quorum device (qnetd decides)."""
    if facts.nodes < 2 or facts.nodes % 2 or facts.qdevice:
        return None
    two_node = facts.two_node and facts.nodes // 2 <= 2
    quorum = 1 if two_node else facts.nodes // 2 + 1
    return EvenSplit(facts.nodes, facts.nodes // 2, quorum, two_node, facts.auto_tie_breaker)
