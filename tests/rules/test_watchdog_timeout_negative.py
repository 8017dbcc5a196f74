from pcs_lint.findings import Severity
from pcs_lint.testing import line_of, lint_text

from .sbd_helpers import sbd_cib


def pcs605(xml, sbd):
    return [(f.line, f.severity) for f in lint_text(xml, select=["PCS605"], sbd=sbd)]


def test_negative_with_different_watchdog_timeouts_is_an_error():
    xml = sbd_cib(("stonith-watchdog-timeout", "-1"))
    line = line_of(xml, 'name="stonith-watchdog-timeout"')
    assert pcs605(xml, {"node1": "SBD_WATCHDOG_TIMEOUT=5\n", "node2": "SBD_WATCHDOG_TIMEOUT=10\n"}) == [(line, Severity.ERROR)]
    findings = lint_text(xml, select=["PCS605"], sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n", "node2": "SBD_WATCHDOG_TIMEOUT=10\n"})
    assert "node1: 5 s (SBD_WATCHDOG_TIMEOUT=\"5\" at node1.sbd:1, read as 5 s); node2: 10 s" in findings[0].message
    assert findings[0].hint.startswith("pcs property set stonith-watchdog-timeout=20s")
    assert findings[0].fix.commands == ("pcs property set stonith-watchdog-timeout=20s",)


def test_negative_with_equal_or_unknown_timeouts_is_a_warning():
    xml = sbd_cib(("stonith-watchdog-timeout", "-1"))
    line = line_of(xml, 'name="stonith-watchdog-timeout"')
    assert pcs605(xml, {"node1": "SBD_WATCHDOG_TIMEOUT=5\n", "node2": "SBD_WATCHDOG_TIMEOUT=5s\n"}) == [(line, Severity.WARNING)]
    assert pcs605(xml, {}) == [(line, Severity.WARNING)]


def test_positive_and_zero_are_not_reported():
    assert pcs605(sbd_cib(("stonith-watchdog-timeout", "10")), {}) == []
    assert pcs605(sbd_cib(("stonith-watchdog-timeout", "0")), {}) == []


def test_the_fix_is_explicit_only_when_the_watchdog_timeouts_are_known():
    xml = sbd_cib(("stonith-watchdog-timeout", "-1"))
    [equal] = lint_text(xml, select=["PCS605"], sbd={"node1": "SBD_WATCHDOG_TIMEOUT=40\n", "node2": "SBD_WATCHDOG_TIMEOUT=40\n"})
    # 80 s of watchdog wait would outlast the default stonith-timeout of 60 s: the fix raises it too.
    assert equal.fix.commands == ("pcs property set stonith-watchdog-timeout=80s", "pcs property set stonith-timeout=96s")
    [unknown] = lint_text(xml, select=["PCS605"])
    assert unknown.fix is None
    assert unknown.hint == ("set it explicitly to twice the nodes' SBD_WATCHDOG_TIMEOUT: pcs property set "
                            "stonith-watchdog-timeout=10s for the default 5 s")
