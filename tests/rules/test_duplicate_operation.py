from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def db(ops: str) -> str:
    return cib(resources=f"""
      <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">
        <operations>
{ops}
        </operations>
      </primitive>""")


def test_same_interval_written_differently():
    xml = db("""          <op id="db-mon-a" name="monitor" interval="10s"/>
          <op id="db-mon-b" name="monitor" interval="10000ms"/>
          <op id="db-mon-c" name="monitor" interval="PT10S"/>""")
    findings = lint_text(xml, select=["PCS404"])
    assert codes_lines(findings) == [("PCS404", line_of(xml, 'id="db-mon-b"')), ("PCS404", line_of(xml, 'id="db-mon-c"'))]
    assert codes_ids(findings) == [("PCS404", "db-mon-b"), ("PCS404", "db-mon-c")]
    assert "ignores 'db-mon-b'" in findings[0].message and "line " + str(line_of(xml, 'id="db-mon-a"')) in findings[0].message
    assert findings[0].hint == "pcs resource op remove db-mon-b"


def test_different_roles_do_not_make_ops_different():
    xml = db("""          <op id="db-mon-promoted" name="monitor" interval="5s" role="Promoted"/>
          <op id="db-mon-unpromoted" name="monitor" interval="5s" role="Unpromoted"/>""")
    findings = lint_text(xml, select=["duplicate-operation"])
    assert codes_ids(findings) == [("PCS404", "db-mon-unpromoted")]
    assert "roles differ" in findings[0].message and "different interval" in findings[0].hint


def test_non_recurring_duplicates_too():
    xml = db("""          <op id="db-start-1" name="start" interval="0s" timeout="60s"/>
          <op id="db-start-2" name="start" interval="0" timeout="120s"/>""")
    findings = lint_text(xml, select=["PCS404"])
    assert codes_lines(findings) == [("PCS404", line_of(xml, 'id="db-start-2"'))]
    assert "with interval 0" in findings[0].message


def test_near_misses_are_silent():
    xml = db("""          <op id="db-mon-5" name="monitor" interval="5s" role="Promoted"/>
          <op id="db-mon-6" name="monitor" interval="6s" role="Unpromoted"/>
          <op id="db-Mon-5" name="Monitor" interval="5s"/>
          <op id="db-start" name="start" interval="0s"/>
          <op id="db-stop" name="stop" interval="0s"/>
          <op id="db-bad-1" name="monitor" interval="1 day"/>
          <op id="db-bad-2" name="monitor" interval="2 days"/>""")
    # op names are case-sensitive; unreadable intervals are PCS401's
    assert lint_text(xml, select=["PCS404"]) == []


def test_same_op_on_two_resources_is_fine():
    xml = cib(resources="""
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy">
        <operations><op id="a-mon" name="monitor" interval="10s"/></operations>
      </primitive>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy">
        <operations><op id="b-mon" name="monitor" interval="10s"/></operations>
      </primitive>""")
    assert lint_text(xml, select=["PCS404"]) == []


TEMPLATE = """
      <template id="tpl" class="ocf" provider="pacemaker" type="Dummy">
        <operations>
          <op id="tpl-mon" name="monitor" interval="10s"/>
          <op id="tpl-mon-promoted" name="monitor" interval="20s" role="Promoted"/>
        </operations>
      </template>"""


def test_template_op_merged_into_primitive():
    # The primitive's own monitor (role Unpromoted counts as no role) replaces tpl-mon, but the
    # template's Promoted monitor is appended and collides with the primitive's 20s monitor.
    xml = cib(resources=TEMPLATE + """
      <primitive id="p1" template="tpl">
        <operations>
          <op id="p1-mon" name="monitor" interval="20s" role="Unpromoted"/>
        </operations>
      </primitive>""")
    findings = lint_text(xml, select=["PCS404"])
    assert codes_lines(findings) == [("PCS404", line_of(xml, 'id="p1-mon"'))]
    assert "inherited from template 'tpl'" in findings[0].message
    assert findings[0].hint.startswith("pcs resource op remove p1-mon")


def test_template_ops_replaced_by_name_and_role_are_silent():
    xml = cib(resources=TEMPLATE + """
      <primitive id="p2" template="tpl">
        <operations>
          <op id="p2-mon" name="monitor" interval="10s"/>
          <op id="p2-mon-promoted" name="monitor" interval="20s" role="Promoted"/>
        </operations>
      </primitive>
      <primitive id="p3" template="tpl"/>""")
    assert lint_text(xml, select=["PCS404"]) == []


def test_duplicate_inside_a_template_is_reported_once_at_the_template():
    xml = cib(resources="""
      <template id="tpl" class="ocf" provider="pacemaker" type="Dummy">
        <operations>
          <op id="tpl-mon-a" name="monitor" interval="10s"/>
          <op id="tpl-mon-b" name="monitor" interval="10s" role="Promoted"/>
        </operations>
      </template>
      <primitive id="p1" template="tpl"/>
      <primitive id="p2" template="tpl"><operations><op id="p2-stop" name="stop" interval="0s"/></operations></primitive>""")
    findings = lint_text(xml, select=["PCS404"])
    assert codes_lines(findings) == [("PCS404", line_of(xml, 'id="tpl-mon-b"'))]
    assert findings[0].hint.startswith("pcs resource op remove")


def test_shared_operations_by_id_ref_reported_once():
    xml = cib(resources="""
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy">
        <operations id="shared-ops">
          <op id="a-mon-1" name="monitor" interval="10s"/>
          <op id="a-mon-2" name="monitor" interval="10s"/>
        </operations>
      </primitive>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy">
        <operations id-ref="shared-ops"/>
      </primitive>
      <primitive id="c" class="ocf" provider="pacemaker" type="Dummy">
        <operations id-ref="nothing-here"/>
      </primitive>""")
    assert codes_ids(lint_text(xml, select=["PCS404"])) == [("PCS404", "a-mon-2")]


def test_a_resource_reads_its_first_operations_element():
    # Each resource's ops come from its first <operations> child (a second one is a schema
    # error): its duplicates are reported, the second element's are not read for the resource.
    xml = cib(resources="""
      <primitive id="a" class="ocf" provider="pacemaker" type="Dummy">
        <operations>
          <op id="a-mon-1" name="monitor" interval="10s"/>
          <op id="a-mon-2" name="monitor" interval="10s"/>
        </operations>
        <operations>
          <op id="a-mon-3" name="monitor" interval="20s"/>
          <op id="a-mon-4" name="monitor" interval="20s"/>
        </operations>
      </primitive>
      <primitive id="b" class="ocf" provider="pacemaker" type="Dummy">
        <operations/>
        <operations>
          <op id="b-mon-1" name="monitor" interval="10s"/>
          <op id="b-mon-2" name="monitor" interval="10s"/>
        </operations>
      </primitive>""", validate_with="none")
    assert codes_ids(lint_text(xml, select=["PCS404"])) == [("PCS404", "a-mon-2")]
