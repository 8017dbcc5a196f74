"""PCS704: the CIB's cluster-name against corosync.conf's totem.cluster_name."""

from pcs_lint.testing import cib, cluster_properties, codes_lines, line_of, lint_text


def corosync(name: str) -> str:
    return f"totem {{\n    version: 2\n    cluster_name: {name}\n}}\n"


def xml(name: str | None) -> str:
    return cib(crm_config=cluster_properties(("cluster-name", name)) if name else "")


def test_names_differ():
    text = xml("dbcluster")
    findings = lint_text(text, select=["PCS704"], corosync=corosync("webcluster"))
    assert codes_lines(findings) == [("PCS704", line_of(text, 'value="dbcluster"'))]
    assert findings[0].severity.label == "info"
    assert [(r.path, r.line) for r in findings[0].related] == [("corosync.conf", 3)]


def test_each_copy_is_compared():
    text = xml("web")
    findings = lint_text(text, select=["PCS704"], corosync={"node1": corosync("web"), "node2": corosync("web2")})
    assert len(findings) == 1 and "node2.corosync.conf (node node2's copy) line 3" in findings[0].message


def test_same_name_unset_or_no_corosync_is_quiet():
    assert lint_text(xml("web"), select=["PCS704"], corosync=corosync("web")) == []
    assert lint_text(xml(None), select=["PCS704"], corosync=corosync("web")) == []
    assert lint_text(xml("db"), select=["PCS704"]) == []
    assert lint_text(xml("db"), select=["PCS704"], corosync="totem {\n    version: 2\n}\n") == []
