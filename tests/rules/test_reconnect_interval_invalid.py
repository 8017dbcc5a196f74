"""PCS117 reconnect-interval-invalid."""

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def remote(value: str, rule_set: str = "") -> str:
    return f"""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-ri" name="reconnect_interval" value="{value}"/>
        </instance_attributes>{rule_set}
      </primitive>"""


RULE_SET = """
        <instance_attributes id="remote1-night">
          <rule id="remote1-night-rule" score="0">
            <date_expression id="remote1-night-expr" operation="date_spec"><date_spec id="ds" hours="0-6"/></date_expression>
          </rule>
          <nvpair id="remote1-night-ri" name="reconnect_interval" value="5m"/>
        </instance_attributes>"""


@pytest.mark.parametrize("value, problem", [
    ("1d", "unknown unit 'd'"),
    ("pt5m", "ISO 8601 durations must start with an upper-case P"),
    ("-5", "does not start with a number"),
    ("", "does not start with a number"),
    ("P5X", "not a valid ISO 8601 duration"),
])
def test_invalid_durations(value, problem):
    xml = cib(resources=remote(value))
    findings = lint_text(xml, select=["PCS117"])
    assert codes_lines(findings) == [("PCS117", line_of(xml, 'id="remote1-ri"'))]
    assert codes_ids(findings) == [("PCS117", "remote1")]
    assert f"({problem}" in findings[0].message
    assert "Pacemaker uses 0 instead" in findings[0].message
    assert findings[0].hint == "pcs resource update remote1 reconnect_interval=60s"


@pytest.mark.parametrize("value", ["60", "60s", "1m", "PT5M", "0", "1500ms"])
def test_valid_durations_are_silent(value):
    assert lint_text(cib(resources=remote(value)), select=["PCS117"]) == []


def test_rule_conditioned_value():
    xml = cib(resources=remote("60s", RULE_SET))
    findings = lint_text(xml, select=["reconnect-interval-invalid"])
    assert codes_lines(findings) == [("PCS117", line_of(xml, 'id="remote1-night-ri"'))]
    assert "instance_attributes 'remote1-night', which has a <rule>" in findings[0].message
    assert findings[0].hint.endswith("pcs resource update remote1 reconnect_interval=5m")


def test_rule_conditioned_set_reached_through_id_ref():
    xml = cib(resources=remote("60s", '\n        <instance_attributes id-ref="shared-night"/>')
              + '\n      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">'
              + RULE_SET.replace("remote1-night", "shared-night").replace('id="ds"', 'id="ds2"')
              + "\n      </primitive>")
    findings = lint_text(xml, select=["PCS117"])
    assert codes_lines(findings) == [("PCS117", line_of(xml, 'id="shared-night-ri"'))]


def test_other_resources_and_rule_sets_without_the_parameter_are_silent():
    xml = cib(resources="""
      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
        <instance_attributes id="d-ia"><nvpair id="d-ri" name="reconnect_interval" value="1d"/></instance_attributes>
      </primitive>""" + remote("60s", RULE_SET.replace('name="reconnect_interval"', 'name="server"')))
    assert lint_text(xml, select=["PCS117"]) == []
