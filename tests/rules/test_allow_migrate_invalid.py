"""PCS119 allow-migrate-invalid."""

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def guest(value: str) -> str:
    return f"""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>
          <nvpair id="vm1-am" name="remote-allow-migrate" value="{value}"/>
        </meta_attributes>
      </primitive>"""


@pytest.mark.parametrize("value", ["enabled", "ture", "", "2", "yes please"])
def test_not_a_boolean(value):
    xml = cib(resources=guest(value))
    findings = lint_text(xml, select=["PCS119"])
    assert codes_lines(findings) == [("PCS119", line_of(xml, 'id="vm1-am"'))]
    assert codes_ids(findings) == [("PCS119", "vm1")]
    assert f'remote-allow-migrate="{value}" of guest node \'guest1\'' in findings[0].message
    assert "Pacemaker reads it as false" in findings[0].message
    assert findings[0].hint == "pcs resource meta vm1 remote-allow-migrate=true"


@pytest.mark.parametrize("value", ["true", "FALSE", "Yes", "no", "on", "OFF", "y", "N", "1", "0"])
def test_booleans_are_silent(value):
    assert lint_text(cib(resources=guest(value)), select=["allow-migrate-invalid"]) == []
