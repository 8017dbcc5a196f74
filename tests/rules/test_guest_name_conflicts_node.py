from pcs_lint.testing import cib, codes_ids, codes_lines, guest_vm, line_of, lint_text


def test_guest_named_like_a_cluster_node_in_another_case():
    xml = cib(resources=guest_vm("vm1", "NODE1"))
    findings = lint_text(xml, select=["PCS102"])
    assert codes_lines(findings) == [("PCS102", line_of(xml, 'value="NODE1"'))]
    assert codes_ids(findings) == [("PCS102", "vm1")]
    assert "cluster node 'node1'" in findings[0].message
    assert findings[0].hint.startswith("give the guest a name no other node uses: pcs resource meta vm1 remote-node=")


def test_guest_named_like_a_node_id():
    xml = cib(nodes='<node id="101" uname="node1"/><node id="102" uname="node2"/>', resources=guest_vm("vm1", "102"))
    findings = lint_text(xml, select=["guest-name-conflicts-node"])
    assert codes_lines(findings) == [("PCS102", line_of(xml, 'value="102"'))]
    assert "<node id> of cluster node 'node2'" in findings[0].message


def test_guest_named_like_a_remote_connection_in_another_case():
    xml = cib(resources=guest_vm("vm1", "Remote1")
              + '      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>')
    findings = lint_text(xml, select=["PCS102"])
    assert codes_ids(findings) == [("PCS102", "vm1")]
    assert "remote connection 'remote1'" in findings[0].message


def test_exact_remote_connection_id_is_pcs101_only():
    xml = cib(resources=guest_vm("vm1", "remote1")
              + '      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>')
    assert [f.rule for f in lint_text(xml, select=["PCS101", "PCS102"])] == ["PCS101"]


def test_two_guests_with_one_name_report_the_second():
    xml = cib(resources=guest_vm("vm1", "guest1") + '      <group id="grp">\n' + guest_vm("vm2", "Guest1") + "      </group>")
    findings = lint_text(xml, select=["PCS102"])
    assert codes_lines(findings) == [("PCS102", line_of(xml, 'value="Guest1"'))]
    assert codes_ids(findings) == [("PCS102", "vm2")]
    first_line = line_of(xml, 'value="guest1"')
    assert f"of 'vm1' (line {first_line})" in findings[0].message


def test_silent_near_misses():
    # The guest's own <node type="remote"> entry (written when a node attribute is set on it),
    # a guest named differently, a cloned VM that creates no guest (PCS108), an empty name.
    xml = cib(
        nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/>'
              '<node id="guest1" uname="guest1" type="remote"/>',
        resources=guest_vm("vm1", "guest1") + guest_vm("vm2", "guest2") + guest_vm("vm3", "")
        + '      <clone id="vm4-clone">\n' + guest_vm("vm4", "node1") + "      </clone>\n"
        + '      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>',
    )
    assert lint_text(xml, select=["PCS102"]) == []


def test_a_connection_defined_through_a_template_is_left_to_pcs123():
    xml = cib(resources=guest_vm("vm1", "REMOTE1")
              + '      <template id="tpl-remote" class="ocf" provider="pacemaker" type="remote"/>\n'
              + '      <primitive id="remote1" template="tpl-remote"/>')
    assert lint_text(xml, select=["PCS102"]) == []


def test_guest_named_like_a_node_only_corosync_names():
    # A corosync nodelist node the CIB has no <node> entry for is a cluster node without an
    # entry in the model: it conflicts by its name (the rule crashed on it before).
    from lxml import etree

    from pcs_lint.model import build_index
    from pcs_lint.nodes import ExtraNode, NodeSource, SourceKind
    from pcs_lint.rule import Context
    from pcs_lint.rules.guest_name_conflicts_node import RULE

    xml = cib(resources=guest_vm("vm1", "Node3"))
    extra = (ExtraNode("node3", NodeSource(SourceKind.COROSYNC)), ExtraNode("node4", NodeSource(SourceKind.COROSYNC)))
    problems = list(RULE.check(Context(cib=build_index(etree.fromstring(xml.encode()), extra), path="cib.xml")))
    assert [(p.object_id, p.element.sourceline) for p in problems] == [("vm1", line_of(xml, 'value="Node3"'))]
    assert "the name of cluster node 'node3'" in problems[0].message
