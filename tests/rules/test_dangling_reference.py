from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="B" class="ocf" provider="heartbeat" type="Dummy"/>"""


def lint(constraints: str = "", resources: str = RESOURCES, extra: str = ""):
    xml = cib(resources, constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS206"])


def test_constraint_attributes_naming_nothing():
    xml, findings = lint("""
      <rsc_colocation id="c1" rsc="A" with-rsc="Bee" score="INFINITY"/>
      <rsc_order id="o1" first="Ay" then="B"/>
      <rsc_location id="l1" rsc="gone" node="node1" score="10"/>
      <rsc_ticket id="t1" rsc="nope" ticket="T1"/>""")
    assert codes_lines(findings) == [("PCS206", line_of(xml, f'id="{i}"')) for i in ("c1", "o1", "l1", "t1")]
    assert codes_ids(findings) == [("PCS206", i) for i in ("c1", "o1", "l1", "t1")]
    assert "names 'Bee' as 'with-rsc', which is not defined anywhere" in findings[0].message
    # An IDREF to nothing makes pcs and cibadmin refuse the whole CIB: the file is edited by hand.
    assert [f.hint for f in findings] == [
        f'pcs and cibadmin refuse to load this CIB, so edit the file: delete <{tag} id="{i}"> '
        f"(or define the resource {name!r} it meant)"
        for tag, i, name in (("rsc_colocation", "c1", "Bee"), ("rsc_order", "o1", "Ay"),
                             ("rsc_location", "l1", "gone"), ("rsc_ticket", "t1", "nope"))]


def test_without_a_schema_pcs_can_remove_the_constraint():
    xml = cib(RESOURCES, """
      <rsc_colocation id="c1" rsc="A" with-rsc="Bee" score="INFINITY"/>
      <rsc_order id="o1"><resource_set id="s1"><resource_ref id="A"/><resource_ref id="Cee"/></resource_set></rsc_order>""",
              validate_with="none")
    findings = lint_text(xml, select=["PCS206"])
    assert codes_ids(findings) == [("PCS206", "c1"), ("PCS206", "o1")]
    assert [f.hint for f in findings] == [
        "pcs constraint remove c1",
        "pcs constraint remove o1, then recreate the set without 'Cee': pcs constraint order set ...",
    ]


def test_a_set_member_naming_nothing():
    xml, findings = lint("""
      <rsc_colocation id="c1"><resource_set id="s1"><resource_ref id="A"/><resource_ref id="Cee"/></resource_set></rsc_colocation>""")
    assert codes_lines(findings) == [("PCS206", line_of(xml, '<resource_ref id="Cee"/>'))]
    assert findings[0].hint == (
        'pcs and cibadmin refuse to load this CIB, so edit the file: delete <resource_ref id="Cee"/> '
        "from resource set s1 of <rsc_colocation id=\"c1\"> (or define the resource 'Cee' it meant)")


def test_resource_ref_naming_something_that_is_not_a_resource():
    xml, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1"><resource_ref id="A"/><resource_ref id="o1"/></resource_set>
      </rsc_order>""")
    assert codes_lines(findings) == [("PCS206", line_of(xml, '<resource_ref id="o1"/>'))]
    assert "in resource set 's1', which is a <rsc_order>, not a resource" in findings[0].message
    # The id exists, so the CIB is valid and pcs can load it.
    assert findings[0].hint == "pcs constraint remove o1, then recreate the set without 'o1': pcs constraint order set ..."


def test_a_location_set_member_naming_something_else():
    # pcs creates no location constraint with a set, so the hint names no set command.
    _, findings = lint("""
      <rsc_location id="l1" node="node1" score="10"><resource_set id="s1"><resource_ref id="l1"/></resource_set></rsc_location>""")
    assert [f.hint for f in findings] == ["pcs constraint remove l1, then recreate the set without 'l1'"]


def test_resources_templates_tags_and_implicit_names_are_known():
    resources = RESOURCES + """
      <template id="tmpl" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="vm" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm-meta"><nvpair id="vm-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <bundle id="httpd">
        <docker image="pcmk:httpd" replicas="1"/>
        <network control-port="3121"/>
        <primitive id="httpd-rsc" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""
    _, findings = lint("""
      <rsc_colocation id="c1" rsc="tmpl" with-rsc="grp" score="10"/>
      <rsc_order id="o1" first="guest1" then="httpd-0"/>
      <rsc_location id="l1" rsc="httpd-docker-0" node="node1" score="10"/>""",
        resources=resources, extra='    <tags><tag id="grp"><obj_ref id="A"/></tag></tags>\n')
    assert findings == []


def test_tag_members_naming_nothing_but_node_ids_are_fine():
    xml, findings = lint(extra="""    <tags>
      <tag id="t1"><obj_ref id="A"/><obj_ref id="missing"/></tag>
      <tag id="nodes"><obj_ref id="1"/><obj_ref id="2"/></tag>
    </tags>
""")
    assert codes_lines(findings) == [("PCS206", line_of(xml, 'id="missing"'))]
    assert codes_ids(findings) == [("PCS206", "t1")]
    assert findings[0].hint == "pcs tag update t1 remove missing"


def test_id_ref_must_name_an_element_of_the_same_kind():
    resources = """
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="shared-meta"><nvpair id="shared-meta-tr" name="target-role" value="Started"/></meta_attributes>
      </primitive>
      <primitive id="B" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id-ref="shared-meta"/>
        <instance_attributes id-ref="shared-meta"/>
      </primitive>
      <primitive id="C" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id-ref="no-such-set"/>
      </primitive>"""
    xml, findings = lint(resources=resources)
    assert codes_lines(findings) == [
        ("PCS206", line_of(xml, '<instance_attributes id-ref="shared-meta"/>')),
        ("PCS206", line_of(xml, 'id-ref="no-such-set"')),
    ]
    assert codes_ids(findings) == [("PCS206", "shared-meta"), ("PCS206", "no-such-set")]
    assert "which is a <meta_attributes>, not a <instance_attributes>" in findings[0].message
    assert "not defined anywhere" in findings[1].message
    assert findings[0].hint == ("point id-ref at an existing <instance_attributes>, or define a "
                                "<instance_attributes> with id 'shared-meta' (pcs cluster edit, or cibadmin --replace)")
    assert findings[1].hint == ("pcs and cibadmin refuse to load this CIB, so edit the file: point id-ref "
                                "at an existing <meta_attributes>, or define a <meta_attributes> with id 'no-such-set'")


def test_rule_id_ref():
    xml, findings = lint("""
      <rsc_location id="l1" rsc="A"><rule id="r1" score="10"><expression id="e1" attribute="x" operation="defined"/></rule></rsc_location>
      <rsc_location id="l2" rsc="B"><rule id-ref="r1"/></rsc_location>
      <rsc_location id="l3" rsc="B"><rule id-ref="r9"/></rsc_location>""")
    assert codes_lines(findings) == [("PCS206", line_of(xml, 'id-ref="r9"'))]


def test_primitive_with_a_missing_or_wrong_template():
    resources = """
      <template id="tmpl" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="A" template="tmpl"/>
      <primitive id="B" template="tmpl2"/>
      <primitive id="C" template="A"/>"""
    xml, findings = lint(resources=resources)
    assert codes_lines(findings) == [("PCS206", line_of(xml, 'id="B"')), ("PCS206", line_of(xml, 'id="C"'))]
    assert codes_ids(findings) == [("PCS206", "B"), ("PCS206", "C")]
    assert "which is a <primitive>, not a <template>" in findings[1].message
    assert findings[0].hint == ("pcs and cibadmin refuse to load this CIB, so edit the file: define "
                                "template 'tmpl2', or give B its own class, provider and type")
    assert findings[1].hint == ("give C its own class, provider and type: pcs resource delete C, then "
                                "pcs resource create C ...")
