"""PCS606's claims against real corosync 3.1.7 nodes and sbd 1.5.2 (tests/votequorum_tool.py): the
nodes join, the cluster is split in two equal halves, and each node's corosync-quorumtool says
whether it kept quorum (rules/_votequorum.py must predict the same from the corosync.conf, read by
pcs-lint's own reader), and each node's sbd whether it would reset the node."""

from __future__ import annotations

import pytest

from pcs_lint.corosync import parse_corosync_bytes
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._votequorum import even_split

from .votequorum_tool import available, corosync_conf, sbd_available, split

# slow: starts real corosync nodes and waits for them to notice the split
pytestmark = [pytest.mark.skipif(available() is not None, reason=available() or ""), pytest.mark.slow]


def predicted(conf: str):
    facts = quorum_facts((parse_corosync_bytes(conf.encode(), path="corosync.conf"),))
    return facts, even_split(facts)


@pytest.mark.parametrize(("nodes", "options", "quorate_after"), [
    ([1, 2, 3, 4], "", set()),  # 2 of 4 votes: neither half reaches 3
    # votequorum(5) says two_node is disabled with more than two nodes; corosync 3.1.7 gives each
    # half of at most two nodes quorum 1 all the same.
    ([1, 2, 3, 4], "    two_node: 1\n", {1, 2, 3, 4}),
    ([1, 2, 3, 4, 5, 6], "    two_node: 1\n", set()),
    ([1, 2, 3, 4], "    auto_tie_breaker: 1\n", {1, 2}),  # the half with the lowest node id
    ([1, 2, 3, 4, 5, 6], "", set()),
    ([1, 2], "", set()),  # 1 of 2 votes
    ([1, 2], "    two_node: 1\n", {1, 2}),  # quorum is 1: both halves keep it
], ids=["4", "4-two_node", "6-two_node", "4-atb", "6", "2", "2-two_node"])
def test_an_even_split_as_votequorum_decides_it(nodes, options, quorate_after):
    conf = corosync_conf(nodes, options)
    facts, expected = predicted(conf)
    second_half = nodes[len(nodes) // 2:]
    result = split(conf, nodes, second_half)
    assert all(view.quorate and view.nodes == len(nodes) for view in result.before.values()), result.before
    assert {node for node, view in result.after.items() if view.quorate} == quorate_after, result.after
    assert all(view.nodes == len(nodes) // 2 for view in result.after.values()), result.after
    # pcs-lint's prediction: how many halves keep quorum, and how many votes a partition needs.
    assert expected.quorate_halves == (2 if quorate_after == set(nodes) else 1 if quorate_after else 0)
    assert {view.quorum for view in result.after.values()} == {expected.quorum}


@pytest.mark.parametrize(("options", "quorate_alone"), [
    ("    two_node: 1\n", False),  # wait_for_all comes with two_node: a node alone waits for its peer
    ("    two_node: 1\n    wait_for_all: 0\n", True),  # a node that starts alone is quorate
])
def test_a_two_node_cluster_member_starting_alone(options, quorate_alone):
    conf = corosync_conf([1, 2], options)
    facts, _ = predicted(conf)
    assert facts.wait_for_all is not quorate_alone
    result = split(conf, [1], [])
    assert result.after[1].quorate is quorate_alone, result.after
    assert ("WaitForAll" in result.after[1].flags) is facts.wait_for_all


@pytest.mark.skipif(sbd_available() is not None, reason=sbd_available() or "")
def test_sbd_resets_both_nodes_of_a_split_two_node_cluster_although_votequorum_keeps_quorum():
    result = split(corosync_conf([1, 2], "    two_node: 1\n"), [1, 2], [2], sbd=True)
    assert all(view.quorate for view in result.after.values()), result.after
    assert all(log.wants_both_nodes and log.would_reset for log in result.sbd.values()), result.sbd


@pytest.mark.skipif(sbd_available() is not None, reason=sbd_available() or "")
def test_sbd_keeps_both_halves_of_a_four_node_two_node_cluster_running():
    result = split(corosync_conf([1, 2, 3, 4], "    two_node: 1\n"), [1, 2, 3, 4], [3, 4], sbd=True)
    assert all(view.quorate for view in result.after.values()), result.after
    # (A node may see itself alone for a moment while its half re-forms; sbd then calls quorum
    # suspect, but not for as long as its watchdog timeout.)
    assert not any(log.would_reset for log in result.sbd.values()), result.sbd
