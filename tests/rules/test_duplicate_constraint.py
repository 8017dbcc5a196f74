from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="A" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="B" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="C" class="ocf" provider="heartbeat" type="Dummy"/>"""


def lint(constraints: str):
    xml = cib(RESOURCES, constraints)
    return xml, lint_text(xml, select=["PCS209"])


def test_the_same_colocation_twice_and_three_times():
    xml, findings = lint("""
      <rsc_colocation id="c1" rsc="A" with-rsc="B" score="INFINITY"/>
      <rsc_colocation id="c2" score="INFINITY" with-rsc="B" rsc="A"/>
      <rsc_colocation id="c3" rsc="A" with-rsc="B" score="INFINITY"/>""")
    assert codes_lines(findings) == [("PCS209", line_of(xml, 'id="c2"')), ("PCS209", line_of(xml, 'id="c3"'))]
    assert codes_ids(findings) == [("PCS209", "c2"), ("PCS209", "c3")]
    first_line = line_of(xml, 'id="c1"')
    assert f"repeats constraint 'c1' (line {first_line})" in findings[0].message
    assert findings[0].hint == "pcs constraint remove c2"


def test_sets_and_rules_compare_without_their_ids_but_with_their_references():
    xml, findings = lint("""
      <rsc_order id="o1"><resource_set id="o1-s"><resource_ref id="A"/><resource_ref id="B"/></resource_set></rsc_order>
      <rsc_order id="o2"><resource_set id="o2-s"><resource_ref id="A"/><resource_ref id="B"/></resource_set></rsc_order>
      <rsc_order id="o3"><resource_set id="o3-s"><resource_ref id="B"/><resource_ref id="A"/></resource_set></rsc_order>
      <rsc_location id="l1" rsc="A"><rule id="l1-r" score="10"><expression id="l1-e" attribute="x" operation="defined"/></rule></rsc_location>
      <rsc_location id="l2" rsc="A"><rule id="l2-r" score="10"><expression id="l2-e" attribute="x" operation="defined"/></rule></rsc_location>
      <rsc_location id="l3" rsc="A"><rule id="l3-r" score="20"><expression id="l3-e" attribute="x" operation="defined"/></rule></rsc_location>""")
    assert codes_ids(findings) == [("PCS209", "o2"), ("PCS209", "l2")]


def test_near_misses_stay_silent():
    _, findings = lint("""
      <rsc_colocation id="c1" rsc="A" with-rsc="B" score="INFINITY"/>
      <rsc_colocation id="c2" rsc="B" with-rsc="A" score="INFINITY"/>
      <rsc_colocation id="c3" rsc="A" with-rsc="B" score="100"/>
      <rsc_colocation id="c4" rsc="A" with-rsc="C" score="-INFINITY"/>
      <rsc_colocation id="c5" rsc="A" with-rsc="B" rsc-role="Promoted" score="-INFINITY"/>
      <rsc_colocation id="c6" rsc="A" with-rsc="B" score-attribute="x"/>
      <rsc_order id="o1" first="A" then="B"/>
      <rsc_order id="o2" first="A" then="B" kind="Optional"/>""")
    assert findings == []


def test_contradictory_infinite_colocations():
    xml, findings = lint("""
      <rsc_colocation id="together" rsc="A" with-rsc="B" score="INFINITY"/>
      <rsc_colocation id="apart" rsc="B" with-rsc="A" score="-1000000"/>""")
    assert codes_lines(findings) == [("PCS209", line_of(xml, 'id="apart"'))]
    assert "'together' requires 'B' and 'A' on the same node (+INFINITY) and 'apart' forbids it" in findings[0].message
    assert findings[0].hint == "keep the one you mean: pcs constraint remove apart (or pcs constraint remove together)"


def test_an_infinity_in_another_case_is_no_infinity():
    # Pacemaker compares INFINITY case-sensitively: "-infinity" is a failed integer, read as 0.
    _, findings = lint("""
      <rsc_colocation id="together" rsc="A" with-rsc="B" score="INFINITY"/>
      <rsc_colocation id="apart" rsc="B" with-rsc="A" score="-infinity"/>""")
    assert codes_ids(findings) == []


def test_a_score_past_infinity_is_infinity_and_trailing_text_is_ignored():
    xml, findings = lint("""
      <rsc_colocation id="together" rsc="A" with-rsc="B" score="5000000"/>
      <rsc_colocation id="apart" rsc="B" with-rsc="A" score="-1000000abc"/>""")
    assert codes_lines(findings) == [("PCS209", line_of(xml, 'id="apart"'))]


def test_contradiction_with_the_ban_first_and_old_role_names():
    xml, findings = lint("""
      <rsc_colocation id="apart" rsc="A" with-rsc="B" with-rsc-role="Master" score="-INFINITY"/>
      <rsc_colocation id="together" rsc="A" with-rsc="B" with-rsc-role="Promoted" score="+INFINITY"/>
      <rsc_colocation id="started" rsc="A" rsc-role="Started" with-rsc="C" score="INFINITY"/>
      <rsc_colocation id="any" rsc="A" with-rsc="C" score="-INFINITY"/>
      <rsc_colocation id="junk" rsc="A" with-rsc="C" score="lots"/>""")
    assert codes_ids(findings) == [("PCS209", "together"), ("PCS209", "any")]
    assert "'together' requires" in findings[0].message and "'apart' forbids" in findings[0].message


def test_a_copy_is_found_among_constraints_on_the_same_resources_and_node():
    # The same kind, node and resources is only a shortlist: the copy is of the second, not the first.
    xml, findings = lint("""
      <rsc_location id="l1" rsc="A" node="n1" score="10"/>
      <rsc_location id="l2" rsc="A" node="n1" score="20"/>
      <rsc_location id="l3" rsc="A" node="n1" score="20"/>
      <rsc_location id="l4" rsc="A" node="n2" score="20"/>
      <rsc_order id="o1"><resource_set id="o1-s"><resource_ref id="A"/></resource_set><resource_set id="o1-t"><resource_ref id="B"/></resource_set></rsc_order>
      <rsc_order id="o2"><resource_set id="o2-s"><resource_ref id="A"/><resource_ref id="B"/></resource_set></rsc_order>
      <rsc_order id="o3"><resource_set id="o3-s"><!-- a comment is no content --><resource_ref id="A"/><resource_ref id="B"/></resource_set></rsc_order>""")
    assert codes_lines(findings) == [("PCS209", line_of(xml, 'id="l3"')), ("PCS209", line_of(xml, 'id="o3"'))]
    second_line = line_of(xml, 'id="l2"')
    assert f"repeats constraint 'l2' (line {second_line})" in findings[0].message
    assert "repeats constraint 'o2'" in findings[1].message
