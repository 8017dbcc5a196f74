"""PCS703: per-node corosync.conf copies compared by parsed content."""

from pcs_lint.testing import cib, lint_text

BASE = """totem {
    version: 2
    cluster_name: web
    config_version: 3
}
nodelist {
    node {
        ring0_addr: 10.0.0.1
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: 10.0.0.2
        name: node2
        nodeid: 2
    }
}
quorum {
    provider: corosync_votequorum
    two_node: 1
}
"""


def lint(**copies: str):
    return [(f.path, f.line, f.message) for f in lint_text(cib(), select=["PCS703"], corosync=copies)]


def test_layout_comments_and_order_do_not_count():
    reordered = ("# edited by hand\nquorum {\n  two_node: 1\n  provider: corosync_votequorum\n}\n\n"
                 + BASE.split("quorum {")[0].replace("    name: node1\n        nodeid: 1", "    nodeid: 1\n        name: node1")
                 .replace("    ", "\t"))
    assert lint(node1=BASE, node2=reordered) == []


def test_the_odd_copy_out_is_reported_at_its_first_extra_key():
    changed = BASE.replace("    two_node: 1\n", "    two_node: 1\n    wait_for_all: 0\n").replace("10.0.0.2", "10.0.0.22")
    findings = lint(node1=BASE, node2=BASE, node3=changed)
    assert [(path, line) for path, line, _ in findings] == [("node3.corosync.conf", 13)]
    message = findings[0][2]
    assert "has nodelist.node[node2].ring0_addr: 10.0.0.22, quorum.wait_for_all: 0" in message
    assert "lacks nodelist.node[node2].ring0_addr: 10.0.0.2" in message


def test_config_version_is_named_separately_on_the_older_copy():
    newer = BASE.replace("config_version: 3", "config_version: 5")
    findings = lint(node1=BASE, node2=newer)
    assert [(path, line) for path, line, _ in findings] == [("node1.corosync.conf", 4)]
    assert "config_version 3, older than 5" in findings[0][2]


def test_one_copy_is_quiet():
    assert lint_text(cib(), select=["PCS703"], corosync=BASE) == []
    assert lint(node1=BASE) == []
