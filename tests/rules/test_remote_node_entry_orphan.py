"""PCS122 remote-node-entry-orphan."""

from pcs_lint.findings import Severity
from pcs_lint.testing import DEFAULT_NODES, cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <bundle id="web-bundle">
        <podman image="registry.example.com/httpd:2.4" replicas="2"/>
        <network control-port="3121"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def test_entry_without_a_connection():
    xml = cib(resources=RESOURCES, nodes=DEFAULT_NODES + '\n      <node id="remote9" uname="remote9" type="remote"/>')
    findings = lint_text(xml, select=["PCS122"])
    assert codes_lines(findings) == [("PCS122", line_of(xml, 'id="remote9"'))]
    assert codes_ids(findings) == [("PCS122", "remote9")]
    assert findings[0].severity == Severity.INFO
    assert findings[0].hint == "pcs cluster node clear remote9 (or crm_node --force --remove remote9)"


def test_entry_without_uname_is_named_by_id():
    xml = cib(nodes=DEFAULT_NODES + '\n      <node id="old-remote" type="remote"/>')
    assert codes_ids(lint_text(xml, select=["remote-node-entry-orphan"])) == [("PCS122", "old-remote")]


def test_entry_whose_id_differs_from_its_uname():
    xml = cib(resources=RESOURCES, nodes=DEFAULT_NODES + '\n      <node id="7" uname="remote1" type="remote"/>')
    findings = lint_text(xml, select=["PCS122"])
    assert codes_lines(findings) == [("PCS122", line_of(xml, 'id="7"'))]
    assert codes_ids(findings) == [("PCS122", "remote1")]
    assert "has id '7'" in findings[0].message
    assert findings[0].hint.startswith("pcs cluster node clear 7 ")


def test_entries_of_existing_nodes_and_member_nodes_are_silent():
    nodes = DEFAULT_NODES + """
      <node id="remote1" uname="remote1" type="remote"/>
      <node id="guest1" uname="guest1" type="remote"/>
      <node id="web-bundle-1" uname="web-bundle-1" type="remote"/>
      <node id="3" uname="node3" type="member"/>
      <node id="4" uname="quorum-ping" type="ping"/>"""
    assert lint_text(cib(resources=RESOURCES, nodes=nodes), select=["PCS122"]) == []
