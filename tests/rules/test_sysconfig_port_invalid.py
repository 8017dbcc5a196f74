"""PCS115 sysconfig-port-invalid."""

import os
import subprocess
import sys

import pytest

from pcs_lint.plugins import load_registry
from pcs_lint.rules._ports import env_port
from pcs_lint.testing import cib, codes_ids, lint_text


@pytest.mark.parametrize("value, effect", [
    ("3121/tcp", "happens to read it as 3121"),
    ('" 3122"', "happens to read it as 3122"),
    ("abc", "reads no port from 1 to 65535 in it, so Pacemaker logs a warning and silently uses 3121"),
    ("0", "reads no port from 1 to 65535 in it, so Pacemaker logs a warning and silently uses 3121"),
    ("70000", "reads no port from 1 to 65535 in it, so Pacemaker logs a warning and silently uses 3121"),
    ("-3121", "reads no port from 1 to 65535 in it, so Pacemaker logs a warning and silently uses 3121"),
    ("", "reads no port from 1 to 65535 in it, so Pacemaker logs a warning and silently uses 3121"),
])
def test_invalid_values(value, effect):
    findings = lint_text(cib(), select=["PCS115"], env={"node1": f"# node1\nPCMK_remote_port={value}\n"})
    assert [(f.rule, f.path, f.line, f.column) for f in findings] == [("PCS115", "node1.env", 2, 1)]
    assert codes_ids(findings) == [("PCS115", "node1")]
    assert findings[0].message.startswith("PCMK_remote_port in the environment file of node1 is not an integer")
    assert effect in findings[0].message


def test_the_value_is_never_quoted_only_the_port_read_from_it():
    [finding] = lint_text(cib(), select=["PCS115"], env={"node1": "PCMK_remote_port=3122hunter2\n"})
    assert "hunter2" not in finding.message + (finding.hint or "")
    assert "happens to read it as 3122" in finding.message


def test_hint_gives_the_port_pacemaker_reads():
    findings = lint_text(cib(), select=["sysconfig-port-invalid"], env={"remote1": "PCMK_remote_port=3122x\n"})
    assert findings[0].hint.startswith("write PCMK_remote_port=3122 in ")
    assert findings[0].hint.endswith("remote1.env on remote1 and restart pacemaker (or pacemaker_remote)")


def test_every_node_file_is_checked_and_valid_values_are_silent():
    env = {"node1": "PCMK_remote_port=3121\n", "node2": "PCMK_remote_port=65536\n",
           "remote1": "export PCMK_remote_port=\"3122\"\n", "guest1": "PCMK_debug=yes\n"}
    assert codes_ids(lint_text(cib(), select=["PCS115"], env=env)) == [("PCS115", "node2")]


def test_the_last_assignment_counts_as_in_the_shell():
    env = {"node1": "PCMK_remote_port=abc\nPCMK_remote_port=3121\n"}
    assert lint_text(cib(), select=["PCS115"], env=env) == []


def test_reads_only_environment_files():
    rule = load_registry(autoload=False).find("PCS115")
    assert rule.scope == "environment"


@pytest.mark.parametrize("value, effect", [
    # strtol into an int: 4294970418 wraps to 3122; an overflow of strtol itself sets errno
    ("4294970418", "strtol() happens to read it as 3122"),
    ("99999999999999999999", "too large for Pacemaker's strtol()"),
    ("9" * 100_000, "too large for Pacemaker's strtol()"),
])
def test_numbers_too_large_for_c(value, effect):
    findings = lint_text(cib(), select=["PCS115"], env={"node1": f"PCMK_remote_port={value}\n"})
    assert codes_ids(findings) == [("PCS115", "node1")]
    assert effect in findings[0].message


_VALUES = ["3121", " 3122", "3122abc", "abc", "", "0", "-1", "65535", "65536", "4294970418", "4294967297",
           "18446744073709551615", "99999999999999999999", "0" * 5_000 + "3123", "٣١٢٢"]


@pytest.mark.parametrize("value", _VALUES)
def test_env_port_is_pacemakers_crm_default_remote_port(value):
    # Pacemaker 2.1.5's own reading, asked in a child process (it caches the port).
    probe = ("import ctypes, sys\n"
             "try:\n    lib = ctypes.CDLL('libcrmcommon.so.34')\n"
             "except OSError:\n    sys.exit(3)\n"
             "print(lib.crm_default_remote_port())")
    result = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "PCMK_remote_port": value},
                            capture_output=True, text=True, timeout=30)
    if result.returncode == 3:
        pytest.skip("Pacemaker's libcrmcommon.so.34 is not installed")
    assert env_port(value) == int(result.stdout.split()[-1])
