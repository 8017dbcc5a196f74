from pcs_lint.testing import codes_lines, line_of, lint_text

from .sbd_helpers import DEFAULT_DUMP, TWO_DISKS_DUMP, sbd_cib


def pcs602(xml, sbd, dumps=None):
    return lint_text(xml, select=["PCS602"], sbd=sbd, sbd_dumps=dumps)


def test_default_stonith_timeout_not_above_msgwait():
    xml = sbd_cib(fence_sbd=True)
    findings = pcs602(xml, {"node1": "SBD_DEVICE=/dev/loop1\n"}, {"/dev/loop1": TWO_DISKS_DUMP})
    assert codes_lines(findings) == [("PCS602", line_of(xml, 'id="fence-sbd"'))]
    assert findings[0].message.startswith(
        "fence device fence-sbd may take 60 s (the default 60 s of Pacemaker 2.1.5 (stonith-timeout is not set)), "
        "which is not above msgwait 60 s of SBD device /dev/loop1 (dump1.txt:19)")
    assert findings[0].hint == "pcs property set stonith-timeout=72s (msgwait + 20%, at least 60 s)"
    assert findings[0].fix.commands == ("pcs property set stonith-timeout=72s",)


def test_explicit_stonith_timeout_and_device_timeout():
    xml = sbd_cib(("stonith-timeout", "90s"), fence_sbd=True)
    assert pcs602(xml, {"node1": "SBD_DEVICE=/dev/loop1\n"}, {"/dev/loop1": TWO_DISKS_DUMP}) == []
    xml = sbd_cib(("stonith-timeout", "90s"), fence_sbd=True,
                  device_params='          <nvpair id="fence-sbd-rt" name="pcmk_reboot_timeout" value="30"/>\n')
    findings = pcs602(xml, {"node1": "SBD_DEVICE=/dev/loop1\n"}, {"/dev/loop1": TWO_DISKS_DUMP})
    assert codes_lines(findings) == [("PCS602", line_of(xml, 'name="pcmk_reboot_timeout"'))]
    assert 'may take 30 s (pcmk_reboot_timeout="30" at cib.xml:' in findings[0].message
    # The device's own limit is what the fix raises: the cluster option would not count.
    assert findings[0].fix.commands == ("pcs stonith update fence-sbd pcmk_reboot_timeout=72s",)


def test_msgwait_below_stonith_timeout_is_fine_and_unused_devices_do_not_count():
    xml = sbd_cib(fence_sbd=True)
    assert pcs602(xml, {"node1": "SBD_DEVICE=/dev/loop0\n"}, {"/dev/loop0": DEFAULT_DUMP}) == []
    assert pcs602(xml, {"node1": "SBD_DEVICE=/dev/loop0\n"}, {"/dev/loop1": TWO_DISKS_DUMP}) == []


def test_diskless_stonith_timeout_not_above_swt():
    xml = sbd_cib(("stonith-watchdog-timeout", "60s"))
    findings = pcs602(xml, {"node1": "SBD_WATCHDOG_TIMEOUT=5\n"})
    assert codes_lines(findings) == [("PCS602", line_of(xml, 'name="stonith-watchdog-timeout"'))]
    assert findings[0].message.startswith("stonith-timeout 60 s (the default 60 s of Pacemaker 2.1.5 "
                                          "(stonith-timeout is not set)) is not above the watchdog fencing wait 60 s")
    xml = sbd_cib(("stonith-watchdog-timeout", "-1"), ("stonith-timeout", "20s"))
    findings = pcs602(xml, {"node1": "SBD_WATCHDOG_TIMEOUT=10\n"})
    assert codes_lines(findings) == [("PCS602", line_of(xml, 'name="stonith-timeout"'))]
    assert "wait 20 s (stonith-watchdog-timeout=\"-1\" at cib.xml:" in findings[0].message
    assert "twice node1's SBD_WATCHDOG_TIMEOUT 10 s" in findings[0].message
    assert findings[0].fix.commands == ("pcs property set stonith-timeout=60s",)
    assert pcs602(sbd_cib(("stonith-watchdog-timeout", "10s")), {"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}) == []
    assert pcs602(sbd_cib(("stonith-timeout", "5s")), {"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}) == []


def test_margin_for_corosync_is_a_warning_with_its_formula():
    from pcs_lint.findings import Severity
    from pcs_lint.rules.fencing_timeout_vs_sbd import RULE

    from .sbd_helpers import check_with, quorum

    # msgwait 60 s: max(72 s, 60 s) + 3 s + 3.6 s = 78.6 s; stonith-timeout 75 s is above msgwait but short.
    xml = sbd_cib(("stonith-timeout", "75s"), fence_sbd=True)
    sbd = {"node1": "SBD_DEVICE=/dev/loop1\n"}
    problems = check_with(RULE, xml, sbd=sbd, dumps={"/dev/loop1": TWO_DISKS_DUMP}, facts=quorum())
    assert [(p.severity, p.element.sourceline) for p in problems] == [(Severity.WARNING, line_of(xml, 'name="stonith-timeout"'))]
    assert ("less than 78600ms = max(1.2 x msgwait 60 s (dump1.txt:19), 60 s) + the effective corosync token 3 s "
            "(token: 3000 at corosync.conf:5) + consensus 3600ms (the default 1.2 x token)") in problems[0].message
    assert problems[0].hint_text == "pcs property set stonith-timeout=79s"
    assert check_with(RULE, xml, sbd=sbd, dumps={"/dev/loop1": TWO_DISKS_DUMP}) == []  # no corosync.conf: no margin
    assert check_with(RULE, sbd_cib(("stonith-timeout", "80s"), fence_sbd=True), sbd=sbd,
                      dumps={"/dev/loop1": TWO_DISKS_DUMP}, facts=quorum()) == []


def test_diskless_margin():
    from pcs_lint.findings import Severity
    from pcs_lint.rules.fencing_timeout_vs_sbd import RULE

    from .sbd_helpers import check_with, quorum

    # SWT 10 s, SWDT 5 s: max(1.2 x max(10, 10) s, 60 s) + 3 + 3.6 = 66.6 s > the default 60 s.
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"))
    problems = check_with(RULE, xml, sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}, facts=quorum(3))
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert problems[0].message.startswith("stonith-timeout 60 s (the default 60 s of Pacemaker 2.1.5 (stonith-timeout "
                                          "is not set)) is less than 66600ms = max(1.2 x the larger of the watchdog")
    assert check_with(RULE, sbd_cib(("stonith-watchdog-timeout", "10s"), ("stonith-timeout", "90s")),
                      sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}, facts=quorum(3)) == []


def test_with_corosync_facts_the_fix_of_the_error_leaves_no_margin_warning():
    from pcs_lint.rules.fencing_timeout_vs_sbd import RULE

    from .sbd_helpers import check_with, quorum

    # msgwait 60 s with corosync known: the fix sets the margin, 79 s, not 72 s (which would warn next).
    sbd = {"node1": "SBD_DEVICE=/dev/loop1\n"}
    dumps = {"/dev/loop1": TWO_DISKS_DUMP}
    [problem] = check_with(RULE, sbd_cib(fence_sbd=True), sbd=sbd, dumps=dumps, facts=quorum())
    assert problem.fix.commands == ("pcs property set stonith-timeout=79s",)
    assert problem.hint.endswith("(max(1.2 x msgwait, 60 s) + the effective corosync token + consensus)")
    assert check_with(RULE, sbd_cib(("stonith-timeout", "79s"), fence_sbd=True), sbd=sbd, dumps=dumps,
                      facts=quorum()) == []
    # Diskless: SWT 60 s, SWDT 5 s: max(72 s, 60 s) + 3 + 3.6 = 78.6 s.
    [problem] = check_with(RULE, sbd_cib(("stonith-watchdog-timeout", "60s")), sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"},
                           facts=quorum())
    assert problem.fix.commands == ("pcs property set stonith-timeout=79s",)
    assert check_with(RULE, sbd_cib(("stonith-watchdog-timeout", "60s"), ("stonith-timeout", "79s")),
                      sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}, facts=quorum()) == []
