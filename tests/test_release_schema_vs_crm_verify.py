"""PCS902 by target release, against the real crm_verify of both reference releases: an error
exactly where that release refuses the validate-with value."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, cluster_properties, lint_text

from .conftest import crm_verify_in_root

# slow: runs crm_verify for many cases (the inner loop skips it: -m "not slow")
pytestmark = [pytest.mark.pacemaker, pytest.mark.slow]

VALUES = [None, "pacemaker-1.0", "pacemaker-1.1", "pacemaker-2.0", "pacemaker-2.10", "pacemaker-3.0",
          "pacemaker-3.9", "pacemaker-3.10", "pacemaker-4.0", "pacemaker-4.1", "pacemaker-next", "pacemaker-foo"]
SCHEMA_REFUSAL = ("CIB did not pass schema validation", "Cannot validate CIB with")


def generated(value: str | None) -> str:
    # Fencing off and no resources: the only error crm_verify can print is about the schema.
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false")), fencing=False, nodes="")
    declared = ' validate-with="pacemaker-3.9"'
    return xml.replace(declared, "" if value is None else f' validate-with="{value}"')


def check_release(version: str, verify) -> None:
    refused_somewhere = accepted_somewhere = False
    for value in VALUES:
        xml = generated(value)
        code, output = verify(xml)
        refused = code == 78 and any(text in output for text in SCHEMA_REFUSAL)
        assert refused == (code != 0), (version, value, code, output)
        errors = [f for f in lint_text(xml, select=["PCS902"], pacemaker_version=version) if f.severity == Severity.ERROR]
        assert bool(errors) == refused, (version, value, output, errors)
        refused_somewhere |= refused
        accepted_somewhere |= not refused
    assert refused_somewhere and accepted_somewhere


def test_against_crm_verify_2_1_5(crm_verify: str, tmp_path: Path):
    def verify(xml: str) -> tuple[int, str]:
        path = tmp_path / "cib.xml"
        path.write_text(xml, encoding="utf-8")
        done = subprocess.run([crm_verify, "-VV", "-x", str(path)], capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout + done.stderr

    check_release("2.1.5", verify)


def test_against_crm_verify_3_0_0(pacemaker3_root: Path):
    def verify(xml: str) -> tuple[int, str]:
        done = crm_verify_in_root(pacemaker3_root, xml)
        return done.returncode, done.stdout + done.stderr

    check_release("3.0.0", verify)
