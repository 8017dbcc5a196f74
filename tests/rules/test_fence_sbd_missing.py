from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .sbd_helpers import sbd_cib


def test_disk_sbd_without_fence_sbd_even_with_another_device():
    xml = cib()  # fence_ipmilan only
    findings = lint_text(xml, select=["PCS607"], sbd={"node1": "SBD_DEVICE=/dev/a\n", "node2": "SBD_DEVICE=/dev/a\n"})
    assert codes_lines(findings) == [("PCS607", line_of(xml, "<resources>"))]
    assert findings[0].message.startswith("SBD_DEVICE is set on node1 (node1.sbd:1); node2 (node2.sbd:1) but no fence "
                                          "device of type fence_sbd or external/sbd exists: even though other fence")
    assert findings[0].hint == 'pcs stonith create fence-sbd fence_sbd devices="/dev/a" pcmk_delay_max=30s'


def test_fence_sbd_present_or_diskless():
    assert lint_text(sbd_cib(fence_sbd=True), select=["PCS607"], sbd={"node1": "SBD_DEVICE=/dev/a\n"}) == []
    assert lint_text(cib(), select=["PCS607"], sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}) == []
    external = cib(resources='<primitive id="st" class="stonith" type="external/sbd"/>', fencing=False)
    assert lint_text(external, select=["PCS607"], sbd={"node1": "SBD_DEVICE=/dev/a\n"}) == []
