from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="B" class="ocf" provider="heartbeat" type="Dummy"/>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(RESOURCES, constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS202"])


def test_same_resource_first_and_then_with_default_actions():
    xml, findings = lint('      <rsc_order id="o1" first="A" then="A"/>')
    assert codes_lines(findings) == [("PCS202", line_of(xml, 'id="o1"'))]
    assert codes_ids(findings) == [("PCS202", "o1")]
    assert "start of 'A'" in findings[0].message
    assert findings[0].hint == "pcs constraint remove o1"


def test_then_action_defaults_to_first_action():
    xml, findings = lint('      <rsc_order id="o1" first="A" first-action="stop" then="A"/>')
    assert codes_lines(findings) == [("PCS202", line_of(xml, 'id="o1"'))]
    assert "stop of 'A'" in findings[0].message


def test_explicit_equal_actions():
    xml, findings = lint('      <rsc_order id="o1" first="A" first-action="promote" then="A" then-action="promote"/>')
    assert codes_ids(findings) == [("PCS202", "o1")]


def test_different_actions_of_one_resource_are_not_the_same_action():
    for attributes in ('first-action="promote" then-action="start"', 'first-action="start" then-action="stop"',
                       'then-action="stop"'):
        _, findings = lint(f'      <rsc_order id="o1" first="A" {attributes} then="A"/>')
        assert findings == [], attributes


def test_different_resources_are_fine():
    _, findings = lint('      <rsc_order id="o1" first="A" then="B"/>')
    assert findings == []


def test_a_tag_bringing_the_resource_to_both_sides():
    extra = '    <tags><tag id="both"><obj_ref id="A"/><obj_ref id="B"/></tag></tags>\n'
    xml, findings = lint('      <rsc_order id="o1" first="both" then="A"/>', extra)
    assert codes_lines(findings) == [("PCS202", line_of(xml, 'id="o1"'))]
    assert "through tag 'both'" in findings[0].message


def test_twice_in_one_sequential_set():
    xml, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1"><resource_ref id="A"/><resource_ref id="B"/><resource_ref id="A"/></resource_set>
      </rsc_order>""")
    # Reported on the second reference to A.
    lines = [n for n, text in enumerate(xml.splitlines(), 1) if 'resource_ref id="A"' in text]
    assert codes_lines(findings) == [("PCS202", lines[0])]
    assert codes_ids(findings) == [("PCS202", "o1")]
    assert "twice in set 's1'" in findings[0].message


def test_twice_in_a_non_sequential_set_is_not_ordered():
    _, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1" sequential="false"><resource_ref id="A"/><resource_ref id="A"/></resource_set>
      </rsc_order>""")
    assert findings == []


def test_serialize_orders_every_pair_even_when_not_sequential():
    _, findings = lint("""
      <rsc_order id="o1" kind="Serialize">
        <resource_set id="s1" sequential="false"><resource_ref id="A"/><resource_ref id="A"/></resource_set>
      </rsc_order>""")
    assert codes_ids(findings) == [("PCS202", "o1")]


def test_in_two_sets_with_the_same_action():
    xml, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1" sequential="false"><resource_ref id="A"/></resource_set>
        <resource_set id="s2"><resource_ref id="B"/><resource_ref id="A"/></resource_set>
      </rsc_order>""")
    assert codes_lines(findings) == [("PCS202", line_of(xml, '<resource_ref id="B"/><resource_ref id="A"/>'))]
    assert "in sets 's1' and 's2'" in findings[0].message


def test_in_two_sets_with_different_actions_is_fine():
    _, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1" action="promote"><resource_ref id="A"/></resource_set>
        <resource_set id="s2" action="start"><resource_ref id="A"/></resource_set>
      </rsc_order>""")
    assert findings == []


def test_three_times_gives_one_finding_and_colocations_are_not_orders():
    _, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1"><resource_ref id="A"/><resource_ref id="A"/><resource_ref id="A"/></resource_set>
      </rsc_order>
      <rsc_colocation id="c1" rsc="A" with-rsc="A" score="INFINITY"/>""")
    assert codes_ids(findings) == [("PCS202", "o1")]
