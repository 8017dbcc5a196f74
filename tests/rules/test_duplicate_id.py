from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_two_resources_with_one_id():
    xml = cib(resources="""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="nginx"/>""")
    findings = lint_text(xml, select=["PCS201"])
    assert codes_lines(findings) == [("PCS201", line_of(xml, 'type="nginx"'))]
    assert codes_ids(findings) == [("PCS201", "web")]
    assert "line " + str(line_of(xml, 'type="apache"')) in findings[0].message


def test_an_nvpair_reusing_a_constraint_id_is_found_in_any_section():
    xml = cib(
        resources="""
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">
        <meta_attributes id="db-meta">
          <nvpair id="loc-db" name="target-role" value="Started"/>
        </meta_attributes>
      </primitive>""",
        constraints='      <rsc_location id="loc-db" rsc="db" node="node1" score="100"/>',
    )
    assert codes_lines(lint_text(xml, select=["duplicate-id"])) == [("PCS201", line_of(xml, '<rsc_location id="loc-db"'))]


def test_three_uses_give_two_findings():
    xml = cib(resources="""
      <primitive id="x" class="ocf" provider="heartbeat" type="Dummy"/>
      <group id="x"><primitive id="x1" class="ocf" provider="heartbeat" type="Dummy"/></group>
      <template id="x" class="ocf" provider="heartbeat" type="Dummy"/>""")
    assert [f.line for f in lint_text(xml, select=["PCS201"])] == [line_of(xml, '<group id="x"'), line_of(xml, '<template id="x"')]


def test_checked_even_without_schema_validation():
    xml = cib(validate_with="none", resources="""
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>""")
    assert [f.rule for f in lint_text(xml, select=["PCS201"])] == ["PCS201"]


def test_references_and_node_ids_are_not_definitions():
    # A remote node's <node> entry carries its connection's id; resource_ref and obj_ref name ids.
    xml = cib(
        nodes='<node id="1" uname="node1"/><node id="remote1" uname="remote1" type="remote"/>',
        resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>""",
        constraints="""
      <rsc_order id="o1"><resource_set id="o1-set"><resource_ref id="web"/></resource_set></rsc_order>""",
        extra='    <tags><tag id="t1"><obj_ref id="web"/></tag></tags>\n',
    )
    assert lint_text(xml, select=["PCS201"]) == []


def test_status_section_ids_are_not_configuration():
    xml = cib(resources='      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>').replace(
        "</configuration>\n",
        '</configuration>\n  <status><node_state id="1"><lrm id="1"><lrm_resources>'
        '<lrm_resource id="web"/></lrm_resources></lrm></node_state></status>\n',
    )
    assert lint_text(xml, select=["PCS201"]) == []
