from pcs_lint.testing import codes_lines, line_of, lint_text

from .sbd_helpers import sbd_cib


def test_swt_with_disks_everywhere():
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"), fence_sbd=True)
    sbd = {"node1": "SBD_DEVICE=/dev/a\n", "node2": "SBD_DEVICE=/dev/a\n"}
    findings = lint_text(xml, select=["PCS608"], sbd=sbd)
    assert codes_lines(findings) == [("PCS608", line_of(xml, 'name="stonith-watchdog-timeout"'))]
    assert "(node1: node1.sbd:1; node2: node2.sbd:1)" in findings[0].message
    assert findings[0].fix.commands == ("pcs property unset stonith-watchdog-timeout --force",)


def test_not_when_a_node_is_diskless_or_swt_is_off():
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"), fence_sbd=True)
    assert lint_text(xml, select=["PCS608"], sbd={"node1": "SBD_DEVICE=/dev/a\n", "node2": "SBD_PACEMAKER=yes\n"}) == []
    assert lint_text(sbd_cib(("stonith-watchdog-timeout", "0"), fence_sbd=True), select=["PCS608"],
                     sbd={"node1": "SBD_DEVICE=/dev/a\n"}) == []
    assert lint_text(xml, select=["PCS608"]) == []
