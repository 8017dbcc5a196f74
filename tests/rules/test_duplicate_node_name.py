from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def lint(nodes: str):
    xml = cib(nodes=nodes)
    return xml, lint_text(xml, select=["PCS210"])


def test_two_entries_with_one_name_case_insensitively():
    xml, findings = lint('<node id="1" uname="node1"/>\n      <node id="2" uname="node2"/>\n'
                         '      <node id="3" uname="Node2"/>\n      <node id="4" uname="node2"/>')
    assert codes_lines(findings) == [("PCS210", line_of(xml, 'id="3"')), ("PCS210", line_of(xml, 'id="4"'))]
    assert codes_ids(findings) == [("PCS210", "Node2"), ("PCS210", "node2")]
    first_line = line_of(xml, 'id="2"')
    assert f"already used by node entry '2' (line {first_line})" in findings[0].message
    assert findings[0].hint.endswith("""cibadmin --delete --xml-text '<node id="3"/>'""")


def test_distinct_names_ids_equal_to_names_and_nameless_entries_are_fine():
    _, findings = lint('<node id="node1" uname="node1"/>\n      <node id="node2" uname="node2"/>\n'
                       '      <node id="3"/>\n      <node id="4"/>\n      <node id="remote1" uname="remote1" type="remote"/>')
    assert findings == []
