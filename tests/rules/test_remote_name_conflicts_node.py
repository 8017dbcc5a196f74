from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_remote_connection_named_like_a_cluster_node():
    xml = cib(resources='      <primitive id="node2" class="ocf" provider="pacemaker" type="remote"/>')
    findings = lint_text(xml, select=["PCS103"])
    assert codes_lines(findings) == [("PCS103", line_of(xml, 'id="node2" class="ocf"'))]
    assert codes_ids(findings) == [("PCS103", "node2")]
    assert "cluster node 'node2'" in findings[0].message
    # Without a server parameter the address was the name itself: the user must name the host.
    assert findings[0].hint == ("remove it (pcs resource delete node2) and recreate it under a name no "
                                "cluster node uses: pcs cluster node add-remote NEW-NAME HOST")


def test_hint_recreates_the_connection_with_its_server():
    xml = cib(resources='      <primitive id="node2" class="ocf" provider="pacemaker" type="remote">\n'
              '        <instance_attributes id="node2-ia">\n'
              '          <nvpair id="node2-ia-server" name="server" value="192.0.2.30"/>\n'
              '        </instance_attributes>\n'
              '      </primitive>')
    findings = lint_text(xml, select=["PCS103"])
    assert [f.hint for f in findings] == [
        "remove it (pcs resource delete node2) and recreate it under a name no cluster node uses: "
        "pcs cluster node add-remote NEW-NAME 192.0.2.30"]


def test_case_is_ignored_and_agent_case_too():
    xml = cib(resources='      <primitive id="Node1" class="OCF" provider="Pacemaker" type="Remote"/>')
    findings = lint_text(xml, select=["remote-name-conflicts-node"])
    assert codes_ids(findings) == [("PCS103", "Node1")]
    assert "cluster node 'node1'" in findings[0].message


def test_placement_does_not_hide_the_name():
    # In a group it is also PCS104; the name stays wrong after it is moved out.
    xml = cib(resources='      <group id="grp"><primitive id="node1" class="ocf" provider="pacemaker" type="remote"/></group>')
    assert codes_ids(lint_text(xml, select=["PCS103"])) == [("PCS103", "node1")]


def test_silent_near_misses():
    # Its own <node type="remote"> entry, a node id (not a name), another resource type, a
    # template-defined connection (PCS123's).
    xml = cib(
        nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/>'
              '<node id="remote1" uname="remote1" type="remote"/>',
        resources='      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>\n'
        '      <primitive id="1" class="ocf" provider="pacemaker" type="remote"/>\n'
        '      <primitive id="node1" class="ocf" provider="heartbeat" type="Dummy"/>\n'
        '      <template id="tpl" class="ocf" provider="pacemaker" type="remote"/>\n'
        '      <primitive id="node2" template="tpl"/>',
        validate_with="none",
    )
    assert lint_text(xml, select=["PCS103"]) == []
