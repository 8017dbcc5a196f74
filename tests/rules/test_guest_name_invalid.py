import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def vm(vm_id: str, value_attribute: str) -> str:
    return (f'      <primitive id="{vm_id}" class="ocf" provider="heartbeat" type="VirtualDomain">\n'
            f'        <meta_attributes id="{vm_id}-meta">\n'
            f'          <nvpair id="{vm_id}-rn" name="remote-node" {value_attribute}/>\n'
            "        </meta_attributes>\n"
            "      </primitive>\n")


@pytest.mark.parametrize("value_attribute", ['value=""', "", 'value="  "'])
def test_empty_is_an_error(value_attribute):
    xml = cib(resources=vm("vm1", value_attribute))
    findings = lint_text(xml, select=["PCS111"])
    assert codes_lines(findings) == [("PCS111", line_of(xml, 'id="vm1-rn"'))]
    assert codes_ids(findings) == [("PCS111", "vm1")]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message.startswith("remote-node of 'vm1' is empty")
    assert findings[0].hint.startswith("pcs resource meta vm1 remote-node=NEW-NAME --force")


@pytest.mark.parametrize(("name", "words"), [
    ("guest:1", ["contains ':'"]),
    ("guest 1", ["contains whitespace"]),
    ("guest\t1", ["contains whitespace"]),
    ("1guest", ["starts with a digit"]),
    ("1 guest:a", ["contains ':'", "contains whitespace", "starts with a digit"]),
])
def test_odd_names_are_warnings(name, words):
    xml = cib(resources=vm("vm1", f'value="{name}"'))
    (finding,) = lint_text(xml, select=["guest-name-invalid"])
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(xml, 'id="vm1-rn"')
    assert [w for w in words if w in finding.message] == words
    assert finding.message.count("; it ") == len(words) - 1


def test_a_configured_severity_wins_over_the_graded_one():
    xml = cib(resources=vm("vm1", 'value=""'))
    (finding,) = lint_text(xml, select=["PCS111"], rules={"PCS111": {"severity": "info"}})
    assert finding.severity is Severity.INFO


def test_silent_near_misses():
    # Ordinary names with '-', '_', '.', digits after the first letter; a cloned VM (PCS108).
    xml = cib(resources=vm("vm1", 'value="guest-1_a.example.com"') + vm("vm2", 'value="G2"')
              + '      <clone id="c">\n' + vm("vm3", 'value=""') + "      </clone>")
    assert lint_text(xml, select=["PCS111"]) == []
