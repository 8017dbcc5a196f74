from pcs_lint.testing import cib, lint_text

from .sbd_helpers import DEFAULT_DUMP, SHORT_MSGWAIT_DUMP, TWO_DISKS_DUMP


def pcs609(sbd, dumps):
    return [(f.path, f.line, f.object_id) for f in lint_text(cib(), select=["PCS609"], sbd=sbd, sbd_dumps=dumps)]


def test_msgwait_below_twice_the_watchdog_timeout_real_dump():
    # sbd -d DEV -1 15 -4 20 create: accepted by sbd 1.5.2 without a word.
    assert pcs609({}, {"/dev/loop0": SHORT_MSGWAIT_DUMP}) == [("dump1.txt", 9, "/dev/loop0")]
    findings = lint_text(cib(), select=["PCS609"], sbd_dumps={"/dev/loop0": SHORT_MSGWAIT_DUMP})
    assert findings[0].message.startswith("SBD device /dev/loop0: msgwait 20 s (dump1.txt:9) is below twice the "
                                          "watchdog timeout 15 s (dump1.txt:6)")


def test_sbd_defaults_are_fine():
    assert pcs609({}, {"/dev/loop0": DEFAULT_DUMP, "/dev/loop1": TWO_DISKS_DUMP}) == []


def test_one_nodes_devices_with_different_timeouts():
    sbd = {"node1": 'SBD_DEVICE="/dev/loop0;/dev/loop1"\n'}
    assert pcs609(sbd, {"/dev/loop0": DEFAULT_DUMP, "/dev/loop1": TWO_DISKS_DUMP}) == [("node1.sbd", 1, "node1")]
