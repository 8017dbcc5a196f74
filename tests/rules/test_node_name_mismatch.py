"""PCS701: CIB cluster nodes against corosync.conf's nodelist, by node id."""

from pcs_lint.testing import cib, line_of, lint_text


def entry(nodeid: str | None, address: str, name: str | None) -> str:
    lines = [f"        ring0_addr: {address}"]
    if name:
        lines.append(f"        name: {name}")
    if nodeid:
        lines.append(f"        nodeid: {nodeid}")
    return "    node {\n" + "\n".join(lines) + "\n    }\n"


def corosync(*entries: str, transport: str = "knet") -> str:
    return f"totem {{\n    version: 2\n    transport: {transport}\n}}\nnodelist {{\n{''.join(entries)}}}\n"


def lint(xml: str, conf: str):
    return [(f.rule, f.line, f.severity.label, f.path) for f in lint_text(xml, select=["PCS701"], corosync=conf)]


NODES = '<node id="1" uname="node1"/>\n      <node id="2" uname="web2"/>\n      <node id="7" uname="node7"/>'


def test_cib_side_name_and_id():
    xml = cib(nodes=NODES)
    conf = corosync(entry("1", "10.0.0.1", "NODE1"), entry("2", "10.0.0.2", "node2"))
    # NODE1 is node1 (case ignored); web2 is node2 by id; node7 has no corosync entry.
    assert lint(xml, conf) == [
        ("PCS701", line_of(xml, 'uname="web2"'), "error", "cib.xml"),
        ("PCS701", line_of(xml, 'uname="node7"'), "error", "cib.xml"),
    ]
    finding = lint_text(xml, select=["PCS701"], corosync=conf)[0]
    assert [(r.path, r.line) for r in finding.related] == [("corosync.conf", 11)]


def test_corosync_side_lines():
    xml = cib(nodes='<node id="1" uname="node1"/>')
    conf = corosync(entry("1", "node1", None), entry(None, "10.0.0.2", None), entry("3", "10.0.0.3", None),
                    transport="udpu")
    # Lines: entry 1 at 6, entry 2 at 10 (no nodeid, nameless IP), entry 3 at 13 (nameless IP, not joined).
    assert sorted(lint(xml, conf)) == [
        ("PCS701", 10, "error", "corosync.conf"),
        ("PCS701", 10, "warning", "corosync.conf"),
        ("PCS701", 13, "info", "corosync.conf"),
        ("PCS701", 13, "warning", "corosync.conf"),
    ]


def test_knet_missing_nodeid_is_pcs505s_and_empty_nodes_say_nothing_about_joining():
    conf = corosync(entry("1", "10.0.0.1", "node1"), entry(None, "10.0.0.2", "node2"))
    assert lint(cib(nodes='<node id="1" uname="node1"/>'), conf) == []
    assert lint(cib(nodes=""), corosync(entry("1", "10.0.0.1", "node1"), entry("2", "10.0.0.2", "node2"))) == []
    assert lint_text(cib(nodes=NODES), select=["PCS701"]) == []


def test_a_non_numeric_id_is_one_finding_per_node():
    # Ids like these come from heartbeat- or plugin-era clusters (many Pacemaker CTS inputs):
    # no corosync nodeid can match them, and the nodelist entry of the same name is not "yet to join".
    xml = cib(nodes='<node id="virt-063" uname="virt-063"/>')
    findings = lint_text(xml, select=["PCS701"], corosync=corosync(entry("1", "10.0.0.1", "virt-063")))
    assert [(f.line, f.severity.label) for f in findings] == [(line_of(xml, 'id="virt-063"'), "error")]
    assert "corosync node ids are numbers and 'virt-063' is none" in findings[0].message
