import re

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

WEB = '      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>'


def lint(constraints: str = "", resources: str = WEB, nodes: str | None = None, extra: str = ""):
    kwargs = {"nodes": nodes} if nodes is not None else {}
    xml = cib(resources, constraints, extra=extra, **kwargs)
    return xml, lint_text(xml, select=["PCS204"])


def test_location_on_an_unknown_node_with_a_suggestion():
    xml, findings = lint('      <rsc_location id="l1" rsc="web" node="node3" score="100"/>')
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="l1"'))]
    assert codes_ids(findings) == [("PCS204", "l1")]
    assert "'node3'" in findings[0].message and "did you mean 'node2'?" in findings[0].message
    # The new constraint keeps the score (pcs would default to INFINITY).
    assert findings[0].fix.commands == ("pcs constraint remove l1", "pcs constraint location web prefers node2=100")
    assert findings[0].hint == "pcs constraint remove l1, then pcs constraint location web prefers node2=100"


def test_never_proposes_a_node_the_resource_already_has_a_constraint_for():
    # pcs 0.11.5's "location prefers/avoids" silently replaces web's existing constraint for
    # that node: moving l1 onto node2 would turn c-ban's ban into a score-50 preference.
    xml, findings = lint('      <rsc_location id="l1" rsc="web" node="node3" score="50"/>\n'
                         '      <rsc_location id="c-ban" rsc="web" node="node2" score="-INFINITY"/>')
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="l1"'))]
    assert "did you mean 'node1'?" in findings[0].message
    assert findings[0].fix.commands == ("pcs constraint remove l1", "pcs constraint location web prefers node1=50")


def test_no_command_when_every_close_node_is_taken():
    xml, findings = lint('      <rsc_location id="l1" rsc="web" node="node3" score="50"/>\n'
                         '      <rsc_location id="c1" rsc="web" node="node1" score="10"/>\n'
                         '      <rsc_location id="c2" rsc="web" node="node2" score="-INFINITY"/>')
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="l1"'))]
    assert "did you mean" not in findings[0].message
    assert findings[0].fix is None and "prefers NODE=50" in findings[0].hint


def test_no_suggestion_when_nothing_is_close():
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="database-server" score="100"/>')
    assert "did you mean" not in findings[0].message
    assert findings[0].fix is None and "prefers NODE=100  (NODE: " in findings[0].hint


def test_a_node_two_letters_away_is_another_node_not_a_typo():
    # The one did-you-mean policy (rules/_suggest.py): v02-c is not suggested v03-b (ratio 0.6),
    # nor lxc-01_reno-01 lxc-01_kiff-01; Pacemaker's CTS has both (load-stopped-loop.xml,
    # priority-fencing-delay.xml).
    nodes = ('<node id="1" uname="v03-b"/><node id="2" uname="lxc-01_kiff-01"/>')
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="v02-c" score="100"/>\n'
                       '      <rsc_location id="l2" rsc="web" node="lxc-01_reno-01" score="100"/>', nodes=nodes)
    assert [("did you mean" in f.message, "prefers NODE=100" in f.hint) for f in findings] == [
        (False, True), (False, True)]


def test_the_new_location_keeps_the_score_pacemaker_reads():
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="node3" score="-2000000"/>\n'
                       '      <rsc_location id="l2" rsc="web" node="node3" score="+25 points"/>')
    assert [f.fix.commands[1] for f in findings] == [
        "pcs constraint location web avoids node2",
        "pcs constraint location web prefers node2=25",
    ]


def test_a_location_with_resource_sets_is_fixed_in_place():
    # pcs cannot create a location constraint with resource sets: cibadmin changes the node.
    _, findings = lint("""
      <rsc_location id="l1" node="node3" score="10">
        <resource_set id="l1-s"><resource_ref id="web"/></resource_set>
      </rsc_location>""")
    assert findings[0].hint == "cibadmin --modify --xml-text '<rsc_location id=\"l1\" node=\"node2\"/>'"


def test_node_names_match_case_insensitively():
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="NODE1" score="100"/>')
    assert findings == []


def test_a_node_id_where_a_name_belongs():
    xml, findings = lint('      <rsc_location id="l1" rsc-pattern="^web" node="2" score="-INFINITY"/>')
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="l1"'))]
    assert "the id of node 'node2'" in findings[0].message
    assert findings[0].hint.endswith("pcs constraint location 'regexp%^web' avoids node2")


def test_an_id_that_is_also_a_name_is_a_name():
    nodes = '<node id="node1" uname="node1"/><node id="node2" uname="node2"/>'
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="node2" score="10"/>', nodes=nodes)
    assert findings == []


def test_remote_guest_and_bundle_nodes_are_known():
    resources = WEB + """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <bundle id="httpd">
        <docker image="pcmk:httpd" replicas="2"/>
        <network ip-range-start="192.0.2.100" control-port="3121"/>
        <primitive id="httpd-rsc" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""
    _, findings = lint("""
      <rsc_location id="l1" rsc="web" node="remote1" score="10"/>
      <rsc_location id="l2" rsc="web" node="Guest1" score="10"/>
      <rsc_location id="l3" rsc="web" node="httpd-1" score="10"/>""", resources=resources)
    assert findings == []


def test_connections_pacemaker_makes_no_node_of_name_no_node():
    resources = WEB + """
      <template id="remote-t" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="remote1" template="remote-t"/>
      <group id="g"><primitive id="remote2" class="ocf" provider="pacemaker" type="remote"/></group>
      <clone id="vm-clone">
        <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
          <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
        </primitive>
      </clone>"""
    xml, findings = lint("""
      <rsc_location id="l1" rsc="web" node="remote1" score="10"/>
      <rsc_location id="l2" rsc="web" node="REMOTE2" score="10"/>
      <rsc_location id="l3" rsc="web" node="guest1" score="10"/>""", resources=resources)
    assert codes_lines(findings) == [("PCS204", line_of(xml, f'id="l{n}"')) for n in (1, 2, 3)]
    assert [f.message.split(": the constraint")[0] for f in findings] == [
        "location constraint 'l1' names node 'remote1', which would be the remote node of connection "
        "'remote1', but Pacemaker creates no node for it because it takes its agent from template 'remote-t'",
        "location constraint 'l2' names node 'REMOTE2', which would be the remote node of connection "
        "'remote2', but Pacemaker creates no node for it because it is inside group 'g'",
        "location constraint 'l3' names node 'guest1', which would be the guest node of 'vm1', but "
        "Pacemaker creates no guest for a primitive that is not at top level or in a top-level group",
    ]


def test_a_created_node_of_the_same_name_wins_over_one_not_created():
    resources = WEB + """
      <group id="g"><primitive id="remote2" class="ocf" provider="pacemaker" type="remote"/></group>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="remote2"/></meta_attributes>
      </primitive>"""
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="remote2" score="10"/>', resources=resources)
    assert findings == []


def test_bundle_replica_beyond_the_count_is_unknown():
    resources = WEB + """
      <bundle id="httpd">
        <docker image="pcmk:httpd" replicas="2"/>
        <primitive id="httpd-rsc" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""
    _, findings = lint('      <rsc_location id="l1" rsc="web" node="httpd-2" score="10"/>', resources=resources)
    assert codes_ids(findings) == [("PCS204", "l1")]


def test_uname_rule_expressions():
    xml, findings = lint("""
      <rsc_location id="l1" rsc="web">
        <rule id="r1" score="100">
          <expression id="e-eq" attribute="#uname" operation="eq" value="nodee1"/>
          <expression id="e-ne" attribute="#uname" operation="ne" value="1"/>
          <expression id="e-ok" attribute="#uname" operation="eq" value="node2"/>
          <expression id="e-gt" attribute="#uname" operation="gt" value="zzz"/>
          <expression id="e-other" attribute="site" operation="eq" value="nodee1"/>
          <expression id="e-param" attribute="#uname" operation="eq" value="preferred" value-source="param"/>
          <expression id="e-defined" attribute="#uname" operation="defined"/>
        </rule>
      </rsc_location>""")
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="e-eq"')), ("PCS204", line_of(xml, 'id="e-ne"'))]
    assert codes_ids(findings) == [("PCS204", "e-eq"), ("PCS204", "e-ne")]
    assert "never true" in findings[0].message and "did you mean 'node1'?" in findings[0].message
    assert "always true" in findings[1].message and "the id of node 'node1'" in findings[1].message
    assert [f.hint for f in findings] == [
        "set the expression's value to a node name (node1): pcs constraint rule add l1 ..., then pcs constraint rule remove r1",
        "set the expression's value to a node name (node1): pcs constraint rule add l1 ..., then pcs constraint rule remove r1",
    ]


def test_a_nested_rule_is_replaced_from_its_top_rule():
    _, findings = lint("""
      <rsc_location id="l1" rsc="web">
        <rule id="top" score="100" boolean-op="or">
          <rule id="inner" score="0"><expression id="e1" attribute="#uname" operation="eq" value="node7"/></rule>
        </rule>
      </rsc_location>""")
    assert [f.hint for f in findings] == [
        "set the expression's value to a node name (node2): pcs constraint rule add l1 ..., then pcs constraint rule remove top"]


def test_uname_rules_outside_constraints_too():
    resources = """
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <meta_attributes id="web-meta">
          <rule id="web-meta-rule" score="0">
            <expression id="web-meta-expr" attribute="#uname" operation="eq" value="node9"/>
          </rule>
          <nvpair id="web-meta-tr" name="target-role" value="Stopped"/>
        </meta_attributes>
      </primitive>"""
    xml, findings = lint(resources=resources)
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="web-meta-expr"'))]
    # pcs has no rule command for meta_attributes: only the value to write is given.
    assert findings[0].hint == "set the expression's value to a node name (node2)"


def test_locations_without_a_node_are_not_judged():
    _, findings = lint("""
      <rsc_location id="l1" rsc="web"><rule id="r1" score="10"><expression id="e1" attribute="site" operation="eq" value="a"/></rule></rsc_location>
      <rsc_colocation id="c1" rsc="web" with-rsc="fence-all" score="10"/>""")
    assert findings == []


def test_a_connection_inside_a_group_of_its_own_id_ends_and_says_not_at_top_level():
    # Fuzzing found the index walking up from primitive 'rc' to 'rc' itself for ever.
    xml, findings = lint('      <rsc_location id="loc" rsc="rc" node="rc" score="100"/>',
                         resources='      <group id="rc"><primitive id="rc" class="ocf" provider="pacemaker" '
                                   'type="remote"/></group>')
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="loc"'))]
    assert "connection 'rc'" in findings[0].message and "because it is not at top level" in findings[0].message


def test_no_node_known_means_no_guess_and_one_note():
    # A CIB made with pcs -f: <nodes/> empty, no remote, guest or bundle node.
    constraints = ('      <rsc_location id="l1" rsc="web" node="node3" score="100"/>\n'
                   '      <rsc_location id="l2" rsc="web" node="node4" score="100"/>\n'
                   '      <rsc_location id="l3" rsc="web">\n'
                   '        <rule id="l3-r" score="10"><expression id="l3-e" attribute="#uname" operation="eq" value="n5"/></rule>\n'
                   '      </rsc_location>')
    xml, findings = lint(constraints, nodes="")
    assert codes_lines(findings) == [("PCS204", line_of(xml, "<nodes"))]
    assert findings[0].severity.label == "info"
    assert findings[0].message.startswith("node names are not checked: no node is known")
    assert "the 2 location constraints and 1 #uname rule expression naming nodes" in findings[0].message
    # Nothing to judge, nothing said.
    assert lint(nodes="")[1] == []


def test_no_nodes_element_points_the_note_at_the_first_name():
    # Found by the fuzzer: with <nodes> removed the note fell back to the first location
    # constraint and handed the rule engine its index entry instead of its element (PCS000).
    for constraints, target in (
        ('      <rsc_location id="l1" rsc="web" node="node3" score="100"/>', 'id="l1"'),
        ('      <rsc_location id="l3" rsc="web"><rule id="l3-r" score="10"><expression id="l3-e" '
         'attribute="#uname" operation="eq" value="n5"/></rule></rsc_location>', 'id="l3-e"'),
    ):
        xml = re.sub(r"\s*<nodes>.*?</nodes>", "", cib(WEB, constraints, nodes=""), flags=re.S)
        assert "<nodes" not in xml
        findings = lint_text(xml, select=["PCS204"])
        assert codes_lines(findings) == [("PCS204", line_of(xml, target))]
        assert findings[0].message.startswith("node names are not checked: no node is known")


def test_one_created_remote_node_is_enough_to_judge_names():
    remote = WEB + '\n      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>'
    xml, findings = lint('      <rsc_location id="l1" rsc="web" node="remote2" score="100"/>', resources=remote, nodes="")
    assert codes_lines(findings) == [("PCS204", line_of(xml, 'id="l1"'))]
    assert "did you mean 'remote1'?" in findings[0].message
