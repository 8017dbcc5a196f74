import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

PROMOTABLE = """
      <clone id="db-clone">
        <meta_attributes id="db-clone-meta"><nvpair id="db-clone-promotable" name="promotable" value="true"/></meta_attributes>
        <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">
          <operations>
            <op id="db-mon-promoted" name="monitor" interval="10s" role="{role}"/>
          </operations>
        </primitive>
      </clone>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>"""


def test_deprecated_names_everywhere_a_role_is_written():
    constraints = """
      <rsc_location id="loc-db" rsc="db-clone" role="Master" node="node1" score="100"/>
      <rsc_location id="loc-rule" rsc="db-clone">
        <rule id="loc-rule-r" role="Slave" score="-INFINITY"><expression id="loc-rule-e" attribute="#uname" operation="eq" value="node2"/></rule>
      </rsc_location>
      <rsc_colocation id="col" rsc="web" with-rsc="db-clone" rsc-role="Started" with-rsc-role="Master" score="INFINITY"/>
      <rsc_order id="ord"><resource_set id="ord-set" role="Master"><resource_ref id="db-clone"/></resource_set><resource_set id="ord-set2"><resource_ref id="web"/></resource_set></rsc_order>
      <rsc_ticket id="tkt" rsc="db-clone" rsc-role="Master" ticket="T1" loss-policy="demote"/>"""
    xml = cib(resources=PROMOTABLE.format(role="Master"), constraints=constraints)
    findings = lint_text(xml, select=["PCS407"])
    assert codes_lines(findings) == sorted([
        ("PCS407", line_of(xml, 'id="db-mon-promoted"')),
        ("PCS407", line_of(xml, 'id="loc-db"')),
        ("PCS407", line_of(xml, 'id="loc-rule-r"')),
        ("PCS407", line_of(xml, 'id="col"')),
        ("PCS407", line_of(xml, 'id="ord-set"')),
        ("PCS407", line_of(xml, 'id="tkt"')),
    ], key=lambda pair: pair[1])
    by_id = dict((f.object_id, f) for f in findings)
    assert set(by_id) == {"db-mon-promoted", "loc-db", "loc-rule-r", "col", "ord-set", "tkt"}
    assert "means Promoted" in by_id["col"].message and "with-rsc-role='Master'" in by_id["col"].message
    assert "means Unpromoted" in by_id["loc-rule-r"].message
    assert by_id["db-mon-promoted"].hint == "pcs resource update db op monitor interval=10s role=Promoted"
    assert "pcs constraint remove col" in by_id["col"].hint


def test_old_schema_keeps_the_old_names_quietly():
    xml = cib(resources=PROMOTABLE.format(role="Master"), validate_with="pacemaker-3.6",
              constraints='<rsc_location id="loc-db" rsc="db-clone" role="Master" node="node1" score="100"/>')
    assert lint_text(xml, select=["PCS407"]) == []


@pytest.mark.parametrize(("schema", "reported"), [
    ("pacemaker-3.7", True),
    ("pacemaker-3.10", True),  # 10 > 7: numbers, not text
    ("pacemaker-next", True),  # newer than every numbered schema
    ("none", True),  # no schema demands the old names
    ("pacemaker-2.10", False),
])
def test_which_schemas_accept_the_new_names(schema, reported):
    xml = cib(resources=PROMOTABLE.format(role="Promoted"), validate_with=schema,
              constraints='<rsc_location id="loc-db" rsc="db-clone" role="Master" node="node1" score="100"/>')
    assert bool(lint_text(xml, select=["PCS407"])) is reported


def test_new_names_are_silent():
    xml = cib(resources=PROMOTABLE.format(role="Promoted"),
              constraints='<rsc_location id="loc-db" rsc="db-clone" role="Unpromoted" node="node1" score="100"/>')
    assert lint_text(xml, select=["PCS407"]) == []


def meta(resource_id: str, value: str) -> str:
    return (f'<meta_attributes id="{resource_id}-meta"><nvpair id="{resource_id}-target-role" '
            f'name="target-role" value="{value}"/></meta_attributes>')


@pytest.mark.parametrize("value", ["Runing", "Unknown", "on", ""])
def test_unknown_target_role(value):
    xml = cib(resources=f'<primitive id="web" class="ocf" provider="heartbeat" type="apache">{meta("web", value)}</primitive>')
    findings = lint_text(xml, select=["PCS407"])
    assert codes_lines(findings) == [("PCS407", line_of(xml, 'id="web-target-role"'))]
    assert codes_ids(findings) == [("PCS407", "web-target-role")]
    assert "is not a role" in findings[0].message
    assert findings[0].hint.startswith("pcs resource meta web target-role=Started")


@pytest.mark.parametrize("value", ["Stopped", "started", "STARTED", "default", "#default"])
def test_known_target_roles_are_silent(value):
    xml = cib(resources=f'<primitive id="web" class="ocf" provider="heartbeat" type="apache">{meta("web", value)}</primitive>')
    assert lint_text(xml, select=["PCS407"]) == []


@pytest.mark.parametrize("value", ["Promoted", "Unpromoted", "Master"])
def test_promotable_role_on_a_plain_resource(value):
    xml = cib(resources=f'<primitive id="web" class="ocf" provider="heartbeat" type="apache">{meta("web", value)}</primitive>')
    findings = lint_text(xml, select=["PCS407"])
    assert codes_ids(findings) == [("PCS407", "web-target-role")]  # one finding, not also "deprecated"
    assert "promotable clone" in findings[0].message
    assert findings[0].hint == "pcs resource meta web target-role=Started  (or make it promotable: pcs resource promotable web)"


def test_promoted_target_role_inside_promotable_clone_and_bundle_is_fine():
    xml = cib(resources=f"""
      <clone id="db-clone">
        {meta("db-clone", "Promoted")}
        <meta_attributes id="db-clone-meta2"><nvpair id="db-clone-promotable" name="promotable" value="true"/></meta_attributes>
        <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">{meta("db", "Unpromoted")}</primitive>
      </clone>
      <master id="old-ms"><primitive id="old" class="ocf" provider="pacemaker" type="Stateful">{meta("old", "Promoted")}</primitive></master>
      <bundle id="b1">
        <podman image="registry.example.com/app:1" replicas="2" promoted-max="1"/>
        <network control-port="3121"/>
        <primitive id="app" class="ocf" provider="pacemaker" type="Stateful">{meta("app", "Promoted")}</primitive>
      </bundle>""")
    assert lint_text(xml, select=["PCS407"]) == []


def test_deprecated_target_role_on_promotable_clone():
    xml = cib(resources="""
      <clone id="db-clone">
        <meta_attributes id="db-clone-meta"><nvpair id="db-clone-promotable" name="promotable" value="true"/><nvpair id="db-clone-tr" name="target-role" value="master"/></meta_attributes>
        <primitive id="db" class="ocf" provider="pacemaker" type="Stateful"/>
      </clone>""")
    findings = lint_text(xml, select=["PCS407"])
    assert codes_ids(findings) == [("PCS407", "db-clone-tr")]
    assert findings[0].hint == "pcs resource meta db-clone target-role=Promoted"


def test_plain_bundle_and_non_promotable_clone_are_not_promotable():
    xml = cib(resources=f"""
      <clone id="web-clone"><primitive id="web" class="ocf" provider="heartbeat" type="apache">{meta("web", "Promoted")}</primitive></clone>
      <bundle id="b1">
        <docker image="registry.example.com/app:1" replicas="1"/>
        <network control-port="3121"/>
        <primitive id="app" class="ocf" provider="heartbeat" type="apache">{meta("app", "Unpromoted")}</primitive>
      </bundle>""")
    assert codes_ids(lint_text(xml, select=["PCS407"])) == [("PCS407", "web-target-role"), ("PCS407", "app-target-role")]


@pytest.mark.parametrize(("container", "reported"), [
    ('promoted-max="1abc"', False),  # Pacemaker reads the leading 1
    ('promoted-max="" masters="1"', True),  # an empty promoted-max still hides masters
    ('masters="2"', False),
])
def test_bundle_promotability_as_pacemaker_reads_promoted_max(container, reported):
    xml = cib(resources=f"""
      <bundle id="b1">
        <docker image="registry.example.com/app:1" {container}/>
        <network control-port="3121"/>
        <primitive id="app" class="ocf" provider="pacemaker" type="Stateful">{meta("app", "Promoted")}</primitive>
      </bundle>""")
    assert bool(lint_text(xml, select=["PCS407"])) is reported


def rsc_defaults(value: str) -> str:
    return ('    <rsc_defaults><meta_attributes id="rsc-options">'
            f'<nvpair id="rsc-options-target-role" name="target-role" value="{value}"/></meta_attributes></rsc_defaults>\n')


def test_rsc_defaults_target_role():
    plain = '<primitive id="web" class="ocf" provider="heartbeat" type="apache"/>'
    xml = cib(resources=plain, extra=rsc_defaults("Promoted"))
    findings = lint_text(xml, select=["PCS407"])
    assert codes_lines(findings) == [("PCS407", line_of(xml, 'id="rsc-options-target-role"'))]
    assert "every resource" in findings[0].message
    bogus = lint_text(cib(resources=plain, extra=rsc_defaults("up")), select=["PCS407"])
    assert [f.hint.split("  ")[0] for f in bogus] == ["pcs resource defaults update target-role=Started"]
    slave = lint_text(cib(resources="", extra=rsc_defaults("Slave"), fencing=False), select=["PCS407"])
    assert [f.hint for f in slave] == ["pcs resource defaults update target-role=Unpromoted"]
    assert lint_text(cib(resources=plain, extra=rsc_defaults("Stopped")), select=["PCS407"]) == []
