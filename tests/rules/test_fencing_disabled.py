import pytest

from pcs_lint.rules.fencing_disabled import RULE
from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text

from ..future_release import check_for, future_release, ids_lines


def web_bundle(replicas: str) -> str:
    return f"""
      <bundle id="web">
        <podman image="web:1" replicas="{replicas}"/>
        <network control-port="3121"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def pcs302(xml):
    return lint_text(xml, select=["PCS302"])


def test_stonith_enabled_false():
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false")))
    findings = pcs302(xml)
    assert codes_lines(findings) == [("PCS302", line_of(xml, 'name="stonith-enabled"'))]
    assert codes_ids(findings) == [("PCS302", "cib-bootstrap-options-stonith-enabled")]
    assert "remote or guest" not in findings[0].message
    assert "pcs property set stonith-enabled=true" in findings[0].hint


def test_fencing_enabled_false_in_any_case_on_a_release_that_knows_it():
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "Off")))
    assert ids_lines(check_for(RULE, xml, future_release())) == [
        ("cib-bootstrap-options-fencing-enabled", line_of(xml, 'name="fencing-enabled"'))]


@pytest.mark.parametrize("version", [None, "2.1.5", "3.0"])
def test_fencing_enabled_is_not_read_by_the_reference_releases(version):
    # Neither 2.1.5 nor 3.0.0 knows the name (PCS306 says so): fencing stays enabled.
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "false")))
    assert lint_text(xml, select=["PCS302"], pacemaker_version=version) == []
    both = cib(crm_config=cluster_properties(("fencing-enabled", "true"), ("stonith-enabled", "false")))
    assert [f.message for f in lint_text(both, select=["PCS302"], pacemaker_version=version)] == [
        "fencing is disabled (stonith-enabled=false): when a node stops responding, Pacemaker assumes it is "
        "down and starts its resources elsewhere, so a node that is only hung or cut off can run them a "
        "second time and corrupt shared data"]


def test_stronger_message_names_remote_guest_and_bundle_nodes():
    xml = cib(
        crm_config=cluster_properties(("stonith-enabled", "0")),
        resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
""" + web_bundle(replicas="1"),
    )
    [finding] = pcs302(xml)
    assert "remote or guest nodes (guest1, remote1, web-0)" in finding.message


def test_a_bundle_of_int_max_replicas_is_named_by_its_first_replicas():
    # replicas="9999999999" is INT_MAX: the message lists 20 of them, not two billion.
    xml = cib(
        crm_config=cluster_properties(("stonith-enabled", "false")),
        resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>""" + web_bundle("9999999999"),
    )
    [finding] = pcs302(xml)
    assert "(remote1, web-0, web-1, web-10, web-11," in finding.message
    assert f"web-9, and {2**31 - 1 - 20} more)" in finding.message


def test_a_guest_that_pacemaker_does_not_create_is_not_named():
    xml = cib(
        crm_config=cluster_properties(("stonith-enabled", "false")),
        resources="""
      <clone id="c"><primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive></clone>""",
    )
    [finding] = pcs302(xml)
    assert "remote or guest" not in finding.message


def test_the_two_names_disagreeing():
    # A release that knows fencing-enabled uses it (true here); older ones only know stonith-enabled.
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "true"), ("stonith-enabled", "false")))
    findings = check_for(RULE, xml, future_release())
    assert ids_lines(findings) == [("cib-bootstrap-options-stonith-enabled", line_of(xml, 'name="stonith-enabled"'))]
    assert "enabled here and disabled on a release without fencing-enabled" in findings[0].message
    assert findings[0].hint == (
        "keep one name: where the release knows only stonith-enabled, pcs property unset fencing-enabled, "
        "then pcs property set stonith-enabled=true; where it knows fencing-enabled, pcs property unset "
        "stonith-enabled, then pcs property set fencing-enabled=true")


def test_disabled_by_fencing_enabled_and_contradicted_gives_both():
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "false"), ("stonith-enabled", "true")))
    findings = check_for(RULE, xml, future_release())
    assert [line for _, line in ids_lines(findings)] == [
        line_of(xml, 'name="fencing-enabled"'), line_of(xml, 'name="stonith-enabled"')]
    assert "disabled here and enabled on a release without fencing-enabled" in findings[1].message


def test_silent_when_enabled_default_agreeing_or_not_a_boolean():
    assert pcs302(cib()) == []
    assert pcs302(cib(crm_config=cluster_properties(("stonith-enabled", "true")))) == []
    assert pcs302(cib(crm_config=cluster_properties(("stonith-enabled", "nope")))) == []
    assert pcs302(cib(crm_config=cluster_properties(("fencing-enabled", "yes"), ("stonith-enabled", "on")))) == []
    assert pcs302(cib(crm_config=cluster_properties(("fencing-enabled", "yes"), ("stonith-enabled", "bogus")))) == []


def test_legacy_name_on_an_old_schema():
    xml = cib(validate_with="pacemaker-1.2", crm_config=cluster_properties(("stonith_enabled", "false")))
    assert codes_ids(pcs302(xml)) == [("PCS302", "cib-bootstrap-options-stonith_enabled")]
    assert pcs302(cib(validate_with="pacemaker-3.9", crm_config=cluster_properties(("stonith_enabled", "false")))) == []


@pytest.mark.parametrize(("schema", "renamed"), [
    ("pacemaker-2.10", True),
    ("pacemaker-0.7", True),
    ("transitional-0.6", True),
    ("pacemaker-3.0", False),
    ("pacemaker-next", False),  # newer than every numbered schema
    ("none", False),  # validation, and with it every upgrade, is off
])
def test_which_schemas_rename_the_legacy_name(schema, renamed):
    xml = cib(validate_with=schema, crm_config=cluster_properties(("stonith_enabled", "false")))
    assert bool(pcs302(xml)) is renamed


def test_rule_conditioned_set_is_not_read():
    xml = cib(crm_config="""
      <cluster_property_set id="night">
        <rule id="night-rule" boolean-op="and" score="INFINITY">
          <date_expression id="night-expr" operation="gt" start="2024-01-01"/>
        </rule>
        <nvpair id="night-stonith" name="stonith-enabled" value="false"/>
      </cluster_property_set>""")
    assert pcs302(xml) == []


def test_enabling_fencing_is_a_fix_only_with_a_fence_device():
    with_device = pcs302(cib(crm_config=cluster_properties(("stonith-enabled", "false"))))
    assert with_device[0].fix.commands == ("pcs property set stonith-enabled=true",)
    without = pcs302(cib(crm_config=cluster_properties(("stonith-enabled", "false")), fencing=False))
    assert without[0].fix is None and "pcs stonith create NAME AGENT" in without[0].hint


def test_enabling_fencing_also_unsets_fencing_enabled():
    # A release that knows fencing-enabled reads it before stonith-enabled: setting only
    # stonith-enabled would change nothing there, so the fix removes both ways of disabling it.
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false"), ("fencing-enabled", "false")))
    [finding] = pcs302(xml)
    assert finding.fix.commands == ("pcs property unset fencing-enabled", "pcs property set stonith-enabled=true")


def test_no_fix_where_pcs_cannot_reach_the_setting():
    # pcs 0.11.5 edits the first cluster_property_set; fencing-enabled in another one stays.
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false"))
              + cluster_properties(("fencing-enabled", "false"), set_id="later"))
    findings = [f for f in pcs302(xml) if f.object_id == "later-fencing-enabled" or "fencing is disabled" in f.message]
    assert findings and all(f.fix is None for f in findings)
    assert "pcs property unset fencing-enabled, then pcs property set stonith-enabled=true" in findings[0].hint
