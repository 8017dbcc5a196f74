"""PCS606, with corosync.conf's facts built directly (no input provides them yet)."""

from pcs_lint.rules.diskless_sbd_quorum import RULE
from pcs_lint.testing import line_of

from .sbd_helpers import check_with, quorum, sbd_cib

DISKLESS = {"node1": "SBD_WATCHDOG_TIMEOUT=5\n", "node2": "SBD_WATCHDOG_TIMEOUT=5\n"}


def test_even_node_count_without_tie_breaker():
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"))
    problems = check_with(RULE, xml, sbd=DISKLESS, facts=quorum(4))
    assert [p.element.sourceline for p in problems] == [line_of(xml, 'name="stonith-watchdog-timeout"')]
    assert problems[0].message.startswith('diskless SBD (stonith-watchdog-timeout="10s" at cib.xml:')
    assert "on 4 corosync nodes (corosync.conf)" in problems[0].message
    two = check_with(RULE, xml, sbd=DISKLESS, facts=quorum(2, two_node=True))
    assert "two_node: 1 does not help" in two[0].message


def test_odd_count_tie_breakers_disks_and_no_watchdog_fencing_are_fine():
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"))
    assert check_with(RULE, xml, sbd=DISKLESS, facts=quorum(3)) == []
    assert check_with(RULE, xml, sbd=DISKLESS, facts=quorum(4, auto_tie_breaker=True)) == []
    assert check_with(RULE, xml, sbd=DISKLESS, facts=quorum(4, qdevice=True)) == []
    assert check_with(RULE, xml, sbd={"node1": "SBD_DEVICE=/dev/a\n"}, facts=quorum(4)) == []
    assert check_with(RULE, sbd_cib(("stonith-watchdog-timeout", "0")), sbd=DISKLESS, facts=quorum(4)) == []
    assert check_with(RULE, xml, sbd=DISKLESS) == []  # no corosync.conf: silent
