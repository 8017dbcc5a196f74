"""PCS113 remote-port-mismatch: the port model of RULES.md, "Ports"."""

import re

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def plain(text: str) -> str:
    """The text with the temporary directory of lint_text's environment files removed."""
    return re.sub(r"\S*/(?=\w+\.env)", "", text)


def remote(port: str | None = None, rid: str = "remote1") -> str:
    pair = f'\n          <nvpair id="{rid}-port" name="port" value="{port}"/>' if port is not None else ""
    return f"""
      <primitive id="{rid}" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="{rid}-ia">
          <nvpair id="{rid}-server" name="server" value="192.0.2.21"/>{pair}
        </instance_attributes>
      </primitive>"""


def guest(port: str | None = None) -> str:
    pair = f'\n          <nvpair id="vm1-port" name="remote-port" value="{port}"/>' if port is not None else ""
    return f"""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>{pair}
        </meta_attributes>
      </primitive>"""


def port_env(port: str) -> str:
    return f"PCMK_logfacility=daemon\nPCMK_remote_port={port}\n"


def test_host_listens_elsewhere_than_the_default_every_cluster_node_uses():
    xml = cib(resources=remote())
    findings = lint_text(xml, select=["PCS113"], env={"remote1": port_env("3122")})
    # node1 and node2 have no file: both assumed default, one shared finding on the connection.
    assert codes_lines(findings) == [("PCS113", line_of(xml, '<primitive id="remote1"'))]
    assert codes_ids(findings) == [("PCS113", "remote1")]
    message = plain(findings[0].message)
    assert message.startswith("cluster nodes node1, node2 connect to remote node 'remote1' on port 3121 "
                              "(from the default 3121, assumed: no environment file was given)")
    assert 'but remote1 listens on port 3122 (from PCMK_remote_port="3122" at remote1.env:2)' in message
    assert findings[0].hint.startswith("pcs resource update remote1 port=3122, so that every cluster node")


def test_resource_port_against_an_assumed_default_listener():
    xml = cib(resources=remote("3122"))
    findings = lint_text(xml, select=["PCS113"])
    assert codes_lines(findings) == [("PCS113", line_of(xml, 'id="remote1-port"'))]
    message = plain(findings[0].message)
    assert 'on port 3122 (from port="3122" in nvpair remote1-port)' in message
    assert "listens on port 3121 (from the default 3121, assumed: no environment file was given)" in message
    assert findings[0].hint == (
        "pcs resource update remote1 port=3121, or set PCMK_remote_port=3122 in "
        "/etc/sysconfig/pacemaker (or /etc/default/pacemaker) on remote1 and restart pacemaker_remote")


def test_guest_remote_port_against_its_file():
    xml = cib(resources=guest("3125"))
    findings = lint_text(xml, select=["PCS113"], env={"guest1": port_env("3121")})
    assert codes_lines(findings) == [("PCS113", line_of(xml, 'id="vm1-port"'))]
    assert codes_ids(findings) == [("PCS113", "vm1")]
    assert "guest node 'guest1' (resource 'vm1') on port 3125" in findings[0].message
    assert plain(findings[0].hint).startswith("pcs resource meta vm1 remote-port=3121, or set PCMK_remote_port=3125 "
                                       "in guest1.env on guest1")


def test_each_cluster_node_connects_on_its_own_port():
    xml = cib(resources=guest())
    env = {"node1": port_env("3122"), "guest1": port_env("3122")}
    findings = lint_text(xml, select=["PCS113"], env=env)
    # node1 agrees with guest1; node2 has no file and connects to 3121.
    assert codes_lines(findings) == [("PCS113", line_of(xml, 'id="vm1-rn"'))]
    assert findings[0].message.startswith("cluster node node2 connects to guest node 'guest1'")
    assert "set PCMK_remote_port=3122 in /etc/sysconfig/pacemaker (or /etc/default/pacemaker) on node2" in findings[0].hint


def test_cluster_nodes_with_different_files_get_one_finding_each():
    xml = cib(resources=remote())
    env = {"node1": port_env("3123"), "node2": port_env("3124"), "remote1": port_env("3122")}
    findings = lint_text(xml, select=["PCS113"], env=env)
    assert [f.message.split(" connects")[0] for f in findings] == ["cluster node node1", "cluster node node2"]


def test_lenient_readings_are_explained():
    xml = cib(resources=remote("3122abc"))
    findings = lint_text(xml, select=["PCS113"], env={"remote1": port_env("3123x")})
    assert len(findings) == 1
    assert 'port="3122abc" in nvpair remote1-port, read as 3122 by atoi()' in findings[0].message
    # Not a plain port, so not known harmless: the variable is named, the port read shown, the value not.
    assert "PCMK_remote_port at remote1.env:2, read as 3123 by strtol()" in plain(findings[0].message)
    assert "3123x" not in findings[0].message


def test_port_read_as_zero_falls_back_to_the_cluster_nodes_port():
    xml = cib(resources=remote("abc"))
    findings = lint_text(xml, select=["PCS113"], env={"remote1": port_env("3122")})
    assert codes_lines(findings) == [("PCS113", line_of(xml, '<primitive id="remote1"'))]
    assert 'port="abc" in nvpair remote1-port reads as 0, "use the default"' in findings[0].message
    # And when the host listens on the default, "abc" works by accident: no finding.
    assert lint_text(xml, select=["PCS113"]) == []


def test_invalid_variable_means_3121_on_the_host():
    xml = cib(resources=remote())
    assert lint_text(xml, select=["PCS113"], env={"remote1": port_env("99999")}) == []
    findings = lint_text(cib(resources=remote("3122")), select=["PCS113"], env={"remote1": port_env("abc")})
    assert ("PCMK_remote_port at remote1.env:2, which strtol() does not read as a port from 1 to 65535, so "
            "Pacemaker uses 3121") in plain(findings[0].message)


def test_banned_cluster_node_never_hosts_the_connection():
    env = {"node1": port_env("3122"), "remote1": port_env("3122")}
    banned = cib(resources=remote(),
                 constraints='      <rsc_location id="ban" rsc="remote1" node="node2" score="-INFINITY"/>')
    assert lint_text(banned, select=["PCS113"], env=env) == []
    weak = cib(resources=remote(),
               constraints='      <rsc_location id="avoid" rsc="remote1" node="node2" score="-100"/>')
    findings = lint_text(weak, select=["PCS113"], env=env)
    assert findings[0].message.startswith("cluster node node2 connects")


@pytest.mark.parametrize(("score", "banned"), [
    ("-5000000", True),  # clamped to -INFINITY
    ("-1000000abc", True),  # the leading integer
    ("-infinity", False),  # not an infinity: 0
    ("-999999", False),
])
def test_a_ban_is_a_score_pacemaker_reads_as_minus_infinity(score, banned):
    env = {"node1": port_env("3122"), "remote1": port_env("3122")}
    xml = cib(resources=remote(),
              constraints=f'      <rsc_location id="ban" rsc="remote1" node="node2" score="{score}"/>')
    assert (lint_text(xml, select=["PCS113"], env=env) == []) is banned


def test_guest_banned_through_its_group():
    xml = cib(resources='\n      <group id="g">' + guest() + "\n      </group>",
              constraints='      <rsc_location id="ban" rsc="g" node="node2" score="-1000000"/>')
    env = {"node1": port_env("3122"), "guest1": port_env("3122")}
    assert lint_text(xml, select=["PCS113"], env=env) == []


def test_nodes_known_only_from_their_files_are_cluster_nodes():
    xml = cib(resources=remote("3121"), nodes="")
    findings = lint_text(xml, select=["PCS113"], env={"node7": port_env("3122"), "remote1": port_env("3122")})
    # node7 is a cluster node (a file, not a remote node); remote1's own file is not a cluster node's.
    assert findings[0].message.startswith("cluster node node7 connects to remote node 'remote1' on port 3121")


def test_bundles_and_out_of_range_ports_are_left_to_other_rules():
    xml = cib(resources=remote("70000") + """
      <bundle id="b"><docker image="x"/><network control-port="3125"/>
        <primitive id="b-rsc" class="ocf" provider="heartbeat" type="apache"/></bundle>""")
    assert lint_text(xml, select=["PCS113"]) == []


def test_agreeing_ports_are_silent():
    xml = cib(resources=remote() + guest("3122"))
    env = {"node1": port_env("3121"), "remote1": port_env("3121"), "guest1": port_env("3122")}
    assert lint_text(xml, select=["PCS113"], env=env) == []


def test_one_finding_per_connection_and_port_naming_the_nodes():
    """Cluster nodes that connect to the same wrong port share a finding, whichever file each
    port comes from; a node connecting to another wrong port has its own."""
    xml = cib(resources=remote(), nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/><node id="3" uname="node3"/>')
    env = {"node1": port_env("3121"), "node2": port_env("3121"), "node3": port_env("3123"),
           "remote1": port_env("3122")}
    findings = lint_text(xml, select=["PCS113"], env=env)
    messages = sorted(plain(f.message) for f in findings)
    assert len(findings) == 2
    assert messages[0].startswith("cluster node node3 connects to remote node 'remote1' on port 3123 ")
    assert messages[1].startswith("cluster nodes node1, node2 connect to remote node 'remote1' on port 3121 "
                                  '(from PCMK_remote_port="3121" at node1.env:2 and PCMK_remote_port="3121" at node2.env:2)')
    assert sorted(place.path.rsplit("/", 1)[-1] for place in findings[1].related) == ["node1.env", "node2.env", "remote1.env"]
