from pcs_lint.findings import Severity
from pcs_lint.testing import codes_lines, line_of, lint_text

from .sbd_helpers import sbd_cib


def pcs601(xml, sbd):
    return lint_text(xml, select=["PCS601"], sbd=sbd)


def test_swt_equal_to_a_diskless_nodes_watchdog_timeout():
    xml = sbd_cib(("stonith-watchdog-timeout", "10s"))
    findings = pcs601(xml, {"node1": "SBD_WATCHDOG_TIMEOUT=10\n", "node2": "SBD_WATCHDOG_TIMEOUT=5\n"})
    assert codes_lines(findings) == [("PCS601", line_of(xml, 'name="stonith-watchdog-timeout"'))]
    message = findings[0].message
    assert message.startswith('stonith-watchdog-timeout 10 s (stonith-watchdog-timeout="10s" at cib.xml:')
    assert 'watchdog timeout 10 s of diskless SBD node node1 (SBD_WATCHDOG_TIMEOUT="10" at node1.sbd:1, read as 10 s)' in message
    assert findings[0].hint.startswith("pcs property set stonith-watchdog-timeout=20s")
    # Equal passes Pacemaker's start-up check (it refuses only below): a warning, with no margin.
    assert findings[0].severity == Severity.WARNING and "lets equal values pass" in message
    below = pcs601(sbd_cib(("stonith-watchdog-timeout", "9s")), {"node1": "SBD_WATCHDOG_TIMEOUT=10\n"})
    assert below[0].severity == Severity.ERROR and "Pacemaker refuses to start on node1" in below[0].message


def test_default_watchdog_timeout_and_units():
    xml = sbd_cib(("stonith-watchdog-timeout", "4"))
    findings = pcs601(xml, {"node1": "SBD_PACEMAKER=yes\n"})
    assert codes_lines(findings) == [("PCS601", line_of(xml, 'name="stonith-watchdog-timeout"'))]
    assert "sbd's default 5 s (node1.sbd does not set SBD_WATCHDOG_TIMEOUT)" in findings[0].message
    assert pcs601(sbd_cib(("stonith-watchdog-timeout", "2min")), {"node1": "SBD_WATCHDOG_TIMEOUT=1min\n"}) == []
    assert codes_lines(pcs601(sbd_cib(("stonith-watchdog-timeout", "59")), {"node1": "SBD_WATCHDOG_TIMEOUT=1min\n"}))[0][0] == "PCS601"


def test_disk_nodes_negative_and_zero_are_not_judged():
    assert pcs601(sbd_cib(("stonith-watchdog-timeout", "5")), {"node1": "SBD_DEVICE=/dev/a\n"}) == []
    assert pcs601(sbd_cib(("stonith-watchdog-timeout", "-1")), {"node1": "SBD_WATCHDOG_TIMEOUT=10\n"}) == []
    assert pcs601(sbd_cib(("stonith-watchdog-timeout", "0")), {"node1": "SBD_WATCHDOG_TIMEOUT=10\n"}) == []
    assert pcs601(sbd_cib(("stonith-watchdog-timeout", "5")), {}) == []


def test_the_release_decides_the_name():
    from pcs_lint.model import build_index
    from pcs_lint.parse import parse_xml
    from pcs_lint.rule import Context
    from pcs_lint.rules.watchdog_timeout_vs_sbd import RULE
    from pcs_lint.sysconfig import SBD_SCHEMA, parse_env_text

    from .sbd_helpers import with_new_watchdog_name

    xml = sbd_cib(("fencing-watchdog-timeout", "5"))
    files = {"node1": parse_env_text("SBD_WATCHDOG_TIMEOUT=5\n", node="node1", path="node1.sbd", schema=SBD_SCHEMA)}
    index = build_index(parse_xml(xml.encode()).root)
    problems = list(RULE.check(Context(cib=index, path="cib.xml", release=with_new_watchdog_name(), sbd_files=files)))
    assert [p.element.sourceline for p in problems] == [line_of(xml, 'name="fencing-watchdog-timeout"')]
    assert problems[0].message.startswith("fencing-watchdog-timeout 5 s")
    # 2.1.5 does not read the new name: nothing is set for it.
    assert lint_text(xml, select=["PCS601"], sbd={"node1": "SBD_WATCHDOG_TIMEOUT=5\n"}, pacemaker_version="2.1.5") == []
