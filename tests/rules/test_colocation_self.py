from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="B" class="ocf" provider="heartbeat" type="Dummy"/>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(RESOURCES, constraints, extra=extra)
    return xml, lint_text(xml, select=["colocation-self"])


def test_rsc_equals_with_rsc():
    xml, findings = lint('      <rsc_colocation id="c1" rsc="A" with-rsc="A" score="INFINITY"/>')
    assert codes_lines(findings) == [("PCS203", line_of(xml, 'id="c1"'))]
    assert codes_ids(findings) == [("PCS203", "c1")]
    assert "'A' both as 'rsc' and as 'with-rsc'" in findings[0].message
    assert findings[0].severity.label == "warning"
    assert findings[0].hint == ("pcs constraint remove c1, then colocate A with the resource you meant: "
                                "pcs constraint colocation add A with OTHER-RESOURCE INFINITY")


def test_the_hint_keeps_the_score():
    _, findings = lint('      <rsc_colocation id="c1" rsc="A" with-rsc="A" score="-500"/>')
    assert findings[0].hint.endswith("pcs constraint colocation add A with OTHER-RESOURCE -500")


def test_different_resources_and_roles_of_other_resources_are_fine():
    _, findings = lint("""
      <rsc_colocation id="c1" rsc="A" with-rsc="B" score="INFINITY"/>
      <rsc_order id="o1" first="A" then="A" first-action="start" then-action="stop"/>""")
    assert findings == []


def test_through_a_tag():
    extra = '    <tags><tag id="t"><obj_ref id="A"/></tag></tags>\n'
    xml, findings = lint('      <rsc_colocation id="c1" rsc="t" with-rsc="A" score="100"/>', extra)
    assert codes_lines(findings) == [("PCS203", line_of(xml, 'id="c1"'))]
    assert "through tag 't'" in findings[0].message


def test_twice_in_one_sequential_set():
    xml, findings = lint("""
      <rsc_colocation id="c1" score="INFINITY">
        <resource_set id="s1"><resource_ref id="A"/><resource_ref id="B"/>
          <resource_ref id="A"/></resource_set>
      </rsc_colocation>""")
    assert codes_lines(findings) == [("PCS203", line_of(xml, '          <resource_ref id="A"/>'))]
    assert "twice in set 's1'" in findings[0].message


def test_twice_in_a_non_sequential_set_is_not_colocated():
    _, findings = lint("""
      <rsc_colocation id="c1" score="INFINITY">
        <resource_set id="s1" sequential="false"><resource_ref id="A"/><resource_ref id="A"/></resource_set>
      </rsc_colocation>""")
    assert findings == []


def test_in_two_sets_once_per_resource():
    xml, findings = lint("""
      <rsc_colocation id="c1" score="INFINITY">
        <resource_set id="s1" sequential="false"><resource_ref id="A"/><resource_ref id="B"/></resource_set>
        <resource_set id="s2"><resource_ref id="A"/></resource_set>
        <resource_set id="s3"><resource_ref id="A"/></resource_set>
      </rsc_colocation>""")
    assert codes_lines(findings) == [("PCS203", line_of(xml, '<resource_set id="s2">'))]
    assert "in sets 's1' and 's2'" in findings[0].message
