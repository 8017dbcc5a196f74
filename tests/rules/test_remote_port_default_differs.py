"""PCS114 remote-port-default-differs."""

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

REMOTE_WITH_PORT = """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-port" name="port" value="3121"/>
        </instance_attributes>
      </primitive>"""
REMOTE_WITHOUT_PORT = '\n      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>'
GUEST_WITHOUT_PORT = """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>"""


def test_differing_port_is_a_warning_when_every_connection_sets_its_port():
    env = {"node1": "PCMK_remote_port=3121\n", "node2": "# node2\nPCMK_remote_port=3122\n"}
    findings = lint_text(cib(resources=REMOTE_WITH_PORT), select=["PCS114"], env=env)
    assert [(f.rule, f.path, f.line, f.column) for f in findings] == [("PCS114", "node2.env", 2, 1)]
    assert codes_ids(findings) == [("PCS114", "node2")]
    assert findings[0].severity == Severity.WARNING
    assert findings[0].message.startswith("cluster node node2 uses port 3122 for remote connections")
    assert "but node1 uses 3121; every connection sets its port today" in findings[0].message


def test_error_when_a_remote_connection_relies_on_the_default():
    env = {"node1": "PCMK_remote_port=3121\n", "node2": "PCMK_remote_port=3122\n"}
    findings = lint_text(cib(resources=REMOTE_WITHOUT_PORT), select=["PCS114"], env=env)
    assert findings[0].severity == Severity.ERROR
    assert "remote1 sets no port, so each cluster node connects to its own PCMK_remote_port" in findings[0].message


def test_error_when_a_guest_relies_on_the_default():
    env = {"node1": "PCMK_remote_port=3121\n", "node2": "PCMK_remote_port=3122\n"}
    findings = lint_text(cib(resources=GUEST_WITHOUT_PORT), select=["PCS114"], env=env)
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_node_without_a_file_is_taken_as_the_default_and_ties_favour_it():
    findings = lint_text(cib(), select=["PCS114"], env={"node1": "PCMK_remote_port=3122\n"})
    assert [(f.path, f.line, f.object_id) for f in findings] == [("node1.env", 1, "node1")]
    assert "(from PCMK_remote_port=\"3122\" at " in findings[0].message
    assert "but node2 uses 3121" in findings[0].message


def test_the_odd_node_without_a_file_is_pointed_at_in_the_cib():
    xml = cib(nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/>\n      <node id="3" uname="node3"/>')
    env = {"node1": "PCMK_remote_port=3122\n", "node2": "PCMK_remote_port=3122\n"}
    findings = lint_text(xml, select=["PCS114"], env=env)
    assert codes_lines(findings) == [("PCS114", line_of(xml, 'uname="node3"'))]
    assert codes_ids(findings) == [("PCS114", "node3")]
    assert "assumed: no environment file was given" in findings[0].message
    assert "but node1, node2 use 3122" in findings[0].message


def test_a_file_without_the_variable_points_at_the_file():
    env = {"node1": "PCMK_remote_port=3122\n", "node2": "PCMK_remote_port=3122\n", "node3": "PCMK_debug=no\n"}
    xml = cib(nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/>')
    findings = lint_text(xml, select=["PCS114"], env=env)
    assert [(f.path, f.line, f.object_id) for f in findings] == [("node3.env", None, "node3")]


def test_silent_when_cluster_nodes_agree_or_nothing_is_known_about_them():
    same = {"node1": "PCMK_remote_port=3122\n", "node2": "export PCMK_remote_port='3122'\n"}
    assert lint_text(cib(resources=REMOTE_WITHOUT_PORT), select=["PCS114"], env=same) == []
    # Remote and guest nodes' files are not cluster nodes' defaults.
    hosts_only = {"remote1": "PCMK_remote_port=3122\n"}
    assert lint_text(cib(resources=REMOTE_WITHOUT_PORT), select=["PCS114"], env=hosts_only) == []
    # An invalid value is read as 3121, the same as a node without the variable.
    invalid = {"node1": "PCMK_remote_port=abc\n", "node2": "PCMK_debug=no\n"}
    assert lint_text(cib(), select=["PCS114"], env=invalid) == []
