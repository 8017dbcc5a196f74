"""PCS118 connect-timeout-invalid."""

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def guest(value: str, name: str = "remote-connect-timeout") -> str:
    return f"""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>
          <nvpair id="vm1-timeout" name="{name}" value="{value}"/>
        </meta_attributes>
      </primitive>"""


@pytest.mark.parametrize("value, why", [
    ("PT2M", "ISO 8601 durations are not accepted for timeouts"),
    ("0", "a timeout of 0 is no timeout"),
    ("0s", "a timeout of 0 is no timeout"),
    ("2 days", "unknown unit 'days'"),
    ("soon", "does not start with a number"),
])
def test_invalid_timeouts(value, why):
    xml = cib(resources=guest(value))
    findings = lint_text(xml, select=["PCS118"])
    assert codes_lines(findings) == [("PCS118", line_of(xml, 'id="vm1-timeout"'))]
    assert codes_ids(findings) == [("PCS118", "vm1")]
    assert f"of guest node 'guest1' (resource 'vm1') is not a valid timeout ({why})" in findings[0].message
    assert findings[0].hint == "pcs resource meta vm1 remote-connect-timeout=60s"


def test_name_matched_case_insensitively_and_quoted_as_written():
    findings = lint_text(cib(resources=guest("PT1M", "Remote-Connect-Timeout")), select=["connect-timeout-invalid"])
    assert findings[0].message.startswith('Remote-Connect-Timeout="PT1M" of guest node')


@pytest.mark.parametrize("value", ["60s", "90", "2min", "1500ms"])
def test_valid_timeouts_are_silent(value):
    assert lint_text(cib(resources=guest(value)), select=["PCS118"]) == []
