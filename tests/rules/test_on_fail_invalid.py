import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def db(op: str, *, extra: str = "", validate_with: str = "pacemaker-3.9", meta: str = "") -> str:
    return cib(resources=f"""
      <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">{meta}
        <operations>
          {op}
        </operations>
      </primitive>""", extra=extra, validate_with=validate_with)


@pytest.mark.parametrize("value", ["standby", "stop", "demote", "Standby"])
def test_not_allowed_for_stop(value):
    xml = db(f'<op id="db-stop" name="stop" interval="0s" timeout="60s" on-fail="{value}"/>', validate_with="none")
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-stop"'))]
    assert codes_ids(findings) == [("PCS406", "db-stop")]
    assert "not allowed for a stop" in findings[0].message
    assert findings[0].hint == "pcs resource update db op stop interval=0s timeout=60s on-fail=block"


@pytest.mark.parametrize(
    "op",
    [
        '<op id="db-x" name="monitor" interval="10s" on-fail="demote"/>',
        '<op id="db-x" name="monitor" interval="10s" role="Unpromoted" on-fail="demote"/>',
        '<op id="db-x" name="monitor" interval="0" role="Promoted" on-fail="demote"/>',
        '<op id="db-x" name="start" interval="0s" on-fail="demote"/>',
        '<op id="db-x" name="demote" interval="0s" on-fail="demote"/>',
    ],
)
def test_demote_only_for_promote_and_promoted_monitors(op):
    xml = db(op)
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-x"'))]
    assert "only for a promote or a recurring monitor" in findings[0].message


@pytest.mark.parametrize(
    "op",
    [
        '<op id="db-x" name="promote" interval="0s" on-fail="demote"/>',
        '<op id="db-x" name="monitor" interval="10s" role="Promoted" on-fail="demote"/>',
        '<op id="db-x" name="monitor" interval="10s" role="Master" on-fail="demote"/>',
        '<op id="db-x" name="stop" interval="0s" on-fail="block"/>',
        '<op id="db-x" name="stop" interval="0s" on-fail="fence"/>',
        '<op id="db-x" name="stop" interval="0s" on-fail="ignore"/>',
        '<op id="db-x" name="monitor" interval="10s" on-fail="standby"/>',
        '<op id="db-x" name="start" interval="0s" on-fail="stop"/>',
        '<op id="db-x" name="monitor" interval="10s"/>',
    ],
)
def test_allowed_values_are_silent(op):
    assert lint_text(db(op), select=["PCS406"]) == []


def test_unknown_attribute_value_is_the_schema_rule_unless_validation_is_off():
    op = '<op id="db-x" name="monitor" interval="10s" on-fail="explode"/>'
    assert lint_text(db(op), select=["PCS406"]) == []
    xml = db(op, validate_with="none")
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-x"'))]
    assert "Unknown failure type" in findings[0].message


def test_op_meta_attributes_on_fail():
    xml = db("""<op id="db-stop" name="stop" interval="0s">
            <meta_attributes id="db-stop-meta"><nvpair id="db-stop-onfail" name="on-fail" value="migrate-ish"/></meta_attributes>
          </op>""")
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-stop-onfail"'))]
    assert codes_ids(findings) == [("PCS406", "db-stop")]


def test_restart_container_outside_a_bundle_is_a_warning():
    xml = db('<op id="db-x" name="monitor" interval="10s" on-fail="restart-container"/>')
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-x"'))]
    assert findings[0].severity == Severity.WARNING


def test_restart_container_with_a_container_meta_attribute_is_fine():
    meta = ('\n        <meta_attributes id="db-meta"><nvpair id="db-meta-container" name="container" '
            'value="vm1"/></meta_attributes>')
    assert lint_text(db('<op id="db-x" name="monitor" interval="10s" on-fail="restart-container"/>', meta=meta), select=["PCS406"]) == []


def test_restart_container_inside_a_bundle_is_fine():
    xml = cib(resources="""
      <bundle id="b1">
        <podman image="registry.example.com/app:1" replicas="1"/>
        <network control-port="3121"/>
        <primitive id="app" class="ocf" provider="heartbeat" type="apache">
          <operations><op id="app-mon" name="monitor" interval="10s" on-fail="restart-container"/></operations>
        </primitive>
      </bundle>""")
    assert lint_text(xml, select=["PCS406"]) == []


def op_defaults(value: str) -> str:
    return ('    <op_defaults><meta_attributes id="op-options">'
            f'<nvpair id="op-options-on-fail" name="on-fail" value="{value}"/></meta_attributes></op_defaults>\n')


@pytest.mark.parametrize(("value", "said"), [("standby", "every stop"), ("stop", "every stop"), ("demote", "recurring Promoted monitors"), ("bogus", "does not know")])
def test_op_defaults(value, said):
    xml = db('<op id="db-mon" name="monitor" interval="10s"/>', extra=op_defaults(value))
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="op-options-on-fail"'))]
    assert codes_ids(findings) == [("PCS406", "op-options-on-fail")]
    assert said in findings[0].message
    assert findings[0].hint.startswith("pcs resource op defaults update on-fail=")
    # Which operations should get it is the user's choice: upper-case placeholders.
    assert findings[0].hint.endswith("pcs resource update RESOURCE op ACTION interval=INTERVAL on-fail=VALUE")


@pytest.mark.parametrize("value", ["restart", "block", "ignore", "fence"])
def test_op_defaults_allowed(value):
    xml = db('<op id="db-mon" name="monitor" interval="10s"/>', extra=op_defaults(value))
    assert lint_text(xml, select=["PCS406"]) == []


def test_op_meta_attributes_without_a_value_or_under_a_rule_are_not_read():
    xml = db("""<op id="db-stop" name="stop" interval="0s">
            <meta_attributes id="db-stop-meta"><nvpair id="db-stop-onfail" name="on-fail"/></meta_attributes>
          </op>
          <op id="db-monitor" name="monitor" interval="10s">
            <meta_attributes id="db-monitor-meta"><rule id="db-monitor-rule" boolean-op="and">
              <date_expression id="db-monitor-date" operation="gt" start="2020-01-01"/></rule>
              <nvpair id="db-monitor-onfail" name="on-fail" value="standby-ish"/></meta_attributes>
          </op>
          <op id="db-start" name="start" interval="0s">
            <meta_attributes id="db-start-meta"><nvpair id="db-start-onfail" name="on-fail" value="demote"/></meta_attributes>
          </op>""", validate_with="none")
    findings = lint_text(xml, select=["PCS406"])
    assert codes_lines(findings) == [("PCS406", line_of(xml, 'id="db-start-onfail"'))]
