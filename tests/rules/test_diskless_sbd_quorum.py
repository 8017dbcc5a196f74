"""PCS606: what an even split does to a diskless SBD cluster, per node count and quorum options;
the votequorum part of each message is checked against real corosync in tests/test_votequorum_split.py."""

from pcs_lint.rules.diskless_sbd_quorum import RULE
from pcs_lint.testing import line_of

from .sbd_helpers import check_with, quorum, sbd_cib

DISKLESS = {"node1": "SBD_WATCHDOG_TIMEOUT=5\n", "node2": "SBD_WATCHDOG_TIMEOUT=5\n"}
XML = sbd_cib(("stonith-watchdog-timeout", "10s"))
START = ('diskless SBD (stonith-watchdog-timeout="10s" at cib.xml:4; no SBD_DEVICE on node1, node2) on {nodes} '
         "corosync nodes (corosync.conf) with {two_node}neither a quorum device nor auto_tie_breaker: ")


def message(facts) -> str:
    [problem] = check_with(RULE, XML, sbd=DISKLESS, facts=facts)
    assert problem.element.sourceline == line_of(XML, 'name="stonith-watchdog-timeout"')
    return problem.message


def test_four_nodes_neither_half_keeps_quorum_so_every_node_resets():
    assert message(quorum(4)) == START.format(nodes=4, two_node="") + (
        "after a split into two halves of 2 nodes, neither half has quorum (votequorum needs 3 of the 4 votes, "
        "one per node), so sbd's watchdog resets every node and the whole cluster stops, where a tie-breaker "
        "would keep one half running the resources")


def test_six_nodes_with_two_node_still_lose_quorum_in_both_halves():
    assert message(quorum(6, two_node=True)) == START.format(nodes=6, two_node="two_node: 1 but ") + (
        "after a split into two halves of 3 nodes, neither half has quorum (votequorum needs 4 of the 6 votes, "
        "one per node, two_node: 1 giving no half of more than two nodes quorum 1), so sbd's watchdog resets "
        "every node and the whole cluster stops, where a tie-breaker would keep one half running the resources")


def test_four_nodes_with_two_node_keep_quorum_in_both_halves_and_both_run_the_resources():
    assert message(quorum(4, two_node=True)) == START.format(nodes=4, two_node="two_node: 1 but ") + (
        "after a split into two halves of 2 nodes, votequorum keeps both halves quorate (two_node: 1 sets quorum "
        "to 1 for a partition of at most two nodes, whatever the node count), and sbd's own two-node check "
        "applies only to a node that sees no other, so no watchdog resets its node: each half declares the other "
        "fenced once the watchdog timeout has passed, and both run the resources")


def test_two_nodes_with_two_node_both_reset_because_sbd_wants_both_nodes():
    two_node = ("after a split votequorum keeps each node quorate alone (two_node: 1 sets quorum to 1), but sbd "
                "does not trust that quorum once it has seen both nodes (\"requires both nodes present\"), so both "
                "watchdogs reset their nodes and the whole cluster stops; so does the survivor when its peer "
                "merely fails")
    assert message(quorum(2, two_node=True)) == START.format(nodes=2, two_node="two_node: 1 but ") + two_node
    assert message(quorum(2, two_node=True, wait_for_all=False)) == (
        START.format(nodes=2, two_node="two_node: 1 but ") + two_node + "; with wait_for_all: 0 a node that "
        "restarts while the split lasts is quorate alone and starts the resources, and so may its peer: both run them")


def test_two_nodes_without_two_node():
    assert message(quorum(2)) == START.format(nodes=2, two_node="") + (
        "after a split into two halves of 1 node, neither half has quorum (votequorum needs 2 of the 2 votes, one "
        "per node), so sbd's watchdog resets every node and the whole cluster stops, where a tie-breaker would "
        "keep one half running the resources")


def test_the_hint_names_a_quorum_device_first():
    [problem] = check_with(RULE, XML, sbd=DISKLESS, facts=quorum(4))
    assert problem.hint.startswith("add a quorum device: pcs quorum device add model net host=QNETD-HOST")
    assert problem.fix is None  # corosync.conf on every node, with the cluster stopped: advice


def test_odd_count_tie_breakers_disks_and_no_watchdog_fencing_are_fine():
    assert check_with(RULE, XML, sbd=DISKLESS, facts=quorum(3)) == []
    assert check_with(RULE, XML, sbd=DISKLESS, facts=quorum(3, two_node=True)) == []
    assert check_with(RULE, XML, sbd=DISKLESS, facts=quorum(4, auto_tie_breaker=True)) == []
    assert check_with(RULE, XML, sbd=DISKLESS, facts=quorum(2, two_node=True, auto_tie_breaker=True)) == []
    assert check_with(RULE, XML, sbd=DISKLESS, facts=quorum(4, qdevice=True)) == []
    assert check_with(RULE, XML, sbd={"node1": "SBD_DEVICE=/dev/a\n"}, facts=quorum(4)) == []
    assert check_with(RULE, sbd_cib(("stonith-watchdog-timeout", "0")), sbd=DISKLESS, facts=quorum(4)) == []
    assert check_with(RULE, XML, sbd=DISKLESS) == []  # no corosync.conf: silent


def test_wait_for_all_is_read_from_corosync_conf_as_votequorum_reads_it():
    from pcs_lint.corosync import parse_corosync_bytes
    from pcs_lint.rules._corosync import quorum_facts

    def facts(quorum_section: str):
        text = ("nodelist {\n    node {\n        name: node1\n        nodeid: 1\n        ring0_addr: 10.0.0.1\n    }\n"
                "    node {\n        name: node2\n        nodeid: 2\n        ring0_addr: 10.0.0.2\n    }\n}\n"
                f"quorum {{\n    provider: corosync_votequorum\n{quorum_section}}}\n")
        return quorum_facts((parse_corosync_bytes(text.encode(), path="corosync.conf"),))

    assert facts("    two_node: 1\n").wait_for_all  # two_node brings it
    assert not facts("").wait_for_all
    assert facts("    wait_for_all: 1\n").wait_for_all
    off = facts("    two_node: 1\n    wait_for_all: 0\n")
    assert not off.wait_for_all
    assert message(off).endswith("both run them")
