"""PCS138: a remote or guest node named like, or pointing at, a corosync cluster node."""

from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .connection_helpers import guest, remote

COROSYNC = """totem {
    version: 2
    cluster_name: web
}
nodelist {
    node {
        ring0_addr: 192.168.122.11
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: 192.168.122.12
        ring1_addr: 10.1.0.12
        name: node2
        nodeid: 2
    }
    node {
        ring0_addr: node3.example.com
        nodeid: 3
    }
}
"""
NODES = '<node id="1" uname="node1"/>\n<node id="2" uname="node2"/>'


def lint(xml: str, corosync: str | None = COROSYNC):
    return lint_text(xml, select=["PCS138", "PCS102", "PCS103"], corosync=corosync)


def test_addresses_and_names_from_corosync_only():
    xml = cib(remote("r1", "192.168.122.12") + remote("r2", "10.1.0.12") + remote("NODE3.example.com")
              + guest("vm1", "g1", "node1") + remote("r4", "192.168.122.99"), nodes=NODES)
    findings = lint(xml)
    assert codes_lines(findings) == [
        ("PCS138", line_of(xml, 'id="r1-server"')),
        ("PCS138", line_of(xml, 'id="r2-server"')),
        ("PCS138", line_of(xml, 'id="NODE3.example.com"')),
        ("PCS138", line_of(xml, 'id="vm1-addr"')),
    ]
    # The finding points into corosync.conf too: the key that names the host.
    assert [f.related[0].line for f in findings] == [12, 13, 18, 8]
    assert "ring1_addr: 10.1.0.12 of corosync node node2" in findings[1].message


def test_a_name_the_cib_nodes_have_is_pcs103s_and_no_crash():
    # Before, PCS102/PCS103 crashed on a node only corosync.conf names (it has no <node> entry).
    xml = cib(remote("node1") + remote("node3.example.com") + guest("vm1", "node2"), nodes=NODES)
    assert sorted(codes_lines(lint(xml))) == sorted([
        ("PCS103", line_of(xml, 'id="node1"')),
        ("PCS138", line_of(xml, 'id="node3.example.com"')),
        ("PCS102", line_of(xml, 'id="vm1-rn"')),
    ])


def test_quiet_without_corosync_or_clash():
    xml = cib(remote("r1", "192.168.122.12"), nodes=NODES)
    assert lint(xml, corosync=None) == []
    assert lint(cib(remote("r1", "192.168.122.21") + guest("vm1", "g1"), nodes=NODES)) == []
