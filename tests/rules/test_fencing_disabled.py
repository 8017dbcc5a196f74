import pytest

from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text


def pcs302(xml):
    return lint_text(xml, select=["PCS302"])


def test_stonith_enabled_false():
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false")))
    findings = pcs302(xml)
    assert codes_lines(findings) == [("PCS302", line_of(xml, 'name="stonith-enabled"'))]
    assert codes_ids(findings) == [("PCS302", "cib-bootstrap-options-stonith-enabled")]
    assert "remote or guest" not in findings[0].message
    assert "pcs property set stonith-enabled=true" in findings[0].hint


def test_fencing_enabled_false_in_any_case():
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "Off")))
    assert codes_ids(pcs302(xml)) == [("PCS302", "cib-bootstrap-options-fencing-enabled")]


def test_stronger_message_names_remote_guest_and_bundle_nodes():
    xml = cib(
        crm_config=cluster_properties(("stonith-enabled", "0")),
        resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <bundle id="web">
        <podman image="web:1" replicas="1"/>
        <network control-port="3121"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>""",
    )
    [finding] = pcs302(xml)
    assert "remote or guest nodes (guest1, remote1, web-0)" in finding.message


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
    # Pacemaker 3 uses fencing-enabled (true here); Pacemaker 2 only knows stonith-enabled.
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "true"), ("stonith-enabled", "false")))
    findings = pcs302(xml)
    assert codes_ids(findings) == [("PCS302", "cib-bootstrap-options-stonith-enabled")]
    assert "disabled on Pacemaker 2 and enabled on Pacemaker 3" in findings[0].message
    # pcs 0.11 (Pacemaker 2) does not know fencing-enabled: it can only unset it there.
    assert findings[0].hint == (
        "keep one name: on Pacemaker 2, pcs property unset fencing-enabled, then pcs property set "
        "stonith-enabled=true; on Pacemaker 3, pcs property unset stonith-enabled, then pcs property "
        "set fencing-enabled=true")


def test_disabled_by_fencing_enabled_and_contradicted_gives_both():
    xml = cib(crm_config=cluster_properties(("fencing-enabled", "false"), ("stonith-enabled", "true")))
    assert codes_lines(pcs302(xml)) == [
        ("PCS302", line_of(xml, 'name="fencing-enabled"')),
        ("PCS302", line_of(xml, 'name="stonith-enabled"')),
    ]
    assert "enabled on Pacemaker 2 and disabled on Pacemaker 3" in pcs302(xml)[1].message


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
    # Pacemaker 3 reads fencing-enabled before stonith-enabled: setting only stonith-enabled
    # would change nothing there.
    [finding] = pcs302(cib(crm_config=cluster_properties(("fencing-enabled", "false"))))
    assert finding.fix.commands == ("pcs property unset fencing-enabled", "pcs property set stonith-enabled=true")


def test_no_fix_where_pcs_cannot_reach_the_setting():
    # pcs 0.11.5 edits the first cluster_property_set; fencing-enabled in another one stays.
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false"))
              + cluster_properties(("fencing-enabled", "false"), set_id="later"))
    findings = [f for f in pcs302(xml) if f.object_id == "later-fencing-enabled" or "fencing is disabled" in f.message]
    assert findings and all(f.fix is None for f in findings)
    assert "pcs property unset fencing-enabled, then pcs property set stonith-enabled=true" in findings[0].hint
