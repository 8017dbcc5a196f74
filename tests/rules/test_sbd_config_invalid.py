from pathlib import Path

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, lint_text


def pcs603(text):
    return [(f.line, f.severity, f.object_id) for f in lint_text(cib(), select=["PCS603"], sbd={"node1": text})]


def test_errors_where_sbd_refuses_or_reads_otherwise():
    text = ('SBD_DEVICE="/dev/a;/dev/b;/dev/c;/dev/d"\n'   # 1: four devices (measured: refused)
            "SBD_WATCHDOG_TIMEOUT=500ms\n"                  # 2: read as 0 s (measured)
            "SBD_STARTMODE=Clean\n"                         # 3: not exactly clean
            "SBD_TIMEOUT_ACTION=Reboot\n")                  # 4: refused (measured)
    assert pcs603(text) == [(1, Severity.ERROR, "SBD_DEVICE"), (2, Severity.ERROR, "SBD_WATCHDOG_TIMEOUT"),
                            (3, Severity.ERROR, "SBD_STARTMODE"), (4, Severity.ERROR, "SBD_TIMEOUT_ACTION")]


def test_relative_device_path_is_an_error():
    assert pcs603("SBD_DEVICE=disk.img\n") == [(1, Severity.ERROR, "SBD_DEVICE")]


def test_warnings():
    text = ('SBD_DEVICE="/dev/a;;/dev/b"\n'       # 1: empty entry
            'SBD_TIMEOUT_ACTION="flush reboot"\n'  # 2: only flush is read (measured)
            "SBD_DELAY_START=1\n"                  # 3: yes, not 1 s
            "SBD_PACEMAKER=no\n"                   # 4: Pacemaker's quorum ignored
            "SBD_WATCHDOG=yes\n"                   # 5: deprecated
            "SBD_WATCHDOG_TIMOUT=5\n"              # 6: misspelt
            "SBD_SYNC_RESOURCE_STARTUP=maybe\n")   # 7: not a boolean
    assert pcs603(text) == [(n, Severity.WARNING, name) for n, name in (
        (1, "SBD_DEVICE"), (2, "SBD_TIMEOUT_ACTION"), (3, "SBD_DELAY_START"), (4, "SBD_PACEMAKER"),
        (5, "SBD_WATCHDOG"), (6, "SBD_WATCHDOG_TIMOUT"), (7, "SBD_SYNC_RESOURCE_STARTUP"))]
    findings = lint_text(cib(), select=["PCS603"], sbd={"node1": text})
    assert "(did you mean SBD_WATCHDOG_TIMEOUT?)" in findings[5].message
    assert findings[0].message.startswith('SBD_DEVICE="/dev/a;;/dev/b" in the SBD file of node1: an empty entry')


def test_the_shipped_default_file_is_clean():
    shipped = Path("/etc/default/sbd")
    if not shipped.exists():
        pytest.skip("the sbd package is not installed")
    assert pcs603(shipped.read_text(encoding="utf-8")) == []


def test_values_not_known_harmless_are_not_printed():
    findings = lint_text(cib(), select=["PCS603"], sbd={"node1": "SBD_STARTMODE=hunter2\nSBD_TIMEOUT_ACTION=s3cret\n"})
    assert len(findings) == 2 and not any("hunter2" in f.message or "s3cret" in f.message for f in findings)
