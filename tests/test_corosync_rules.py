"""PCS500-PCS510 on inline corosync.conf text: exact codes, lines and severities."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pcs_lint.config import Config
from pcs_lint.corosync import parse_corosync_bytes
from pcs_lint.engine import lint_corosync, lint_document
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry

REGISTRY = load_registry(autoload=False)


def node(number: int, address: str | None = None, name: str | None = None, extra: str = "") -> str:
    address = address or f"10.0.0.{number}"
    name = name if name is not None else f"node{number}"
    name_line = f"        name: {name}\n" if name else ""
    return f"    node {{\n        ring0_addr: {address}\n{name_line}        nodeid: {number}\n{extra}    }}\n"


def conf(totem: str = "", nodes: str | None = None, quorum: str = "    two_node: 1\n",
         crypto: str = "    crypto_cipher: aes256\n    crypto_hash: sha256\n", after: str = "") -> str:
    nodes = node(1) + node(2) if nodes is None else nodes
    # line 1 totem {, 2 version, 3 cluster_name, 4-5 crypto, then the extra totem lines
    return (f"totem {{\n    version: 2\n    cluster_name: web\n{crypto}{totem}}}\n"
            f"nodelist {{\n{nodes}}}\n"
            f"quorum {{\n    provider: corosync_votequorum\n{quorum}}}\n{after}")


def lint(text: str, code: str, cib: str | None = None) -> list[tuple[str, int | None, str]]:
    plan = build_plan(REGISTRY, Config(), CliOptions(select=(code,)))
    plan = replace(plan, corosync=(parse_corosync_bytes(text.encode(), path="corosync.conf"),))
    findings = lint_document(cib.encode(), "cib.xml", plan).findings if cib else lint_corosync(plan)
    return sorted((f.rule, f.line, f.severity.label) for f in findings)


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


def test_every_base_file_is_clean():
    text = conf()
    for code in [f"PCS5{n:02d}" for n in range(11)]:
        assert lint(text, code) == [], code


# ------------------------------------------------------------------ PCS500

def test_pcs500_lines_corosync_refuses():
    text = "totem {\n    version: 2\n    version 3\n    two_node: yes\n}\n}\nquorum {\n"
    assert lint(text, "PCS500") == [("PCS500", 3, "error"), ("PCS500", 6, "error"), ("PCS500", 7, "error")]


def test_pcs500_typed_value_and_trailing_comment():
    text = conf(totem="    token: 3000 # three seconds\n    consensus: 4s\n", quorum="    two_node: 1\n")
    text = text.replace("cluster_name: web", "cluster_name: web # prod")
    findings = lint(text, "PCS500")
    assert findings == [("PCS500", 3, "error"), ("PCS500", 6, "error"), ("PCS500", 7, "error")]


def test_pcs500_never_shows_the_inline_key():
    text = conf(totem="    key: s3cr3t-k3y # the cluster key\n")
    plan = replace(build_plan(REGISTRY, Config(), CliOptions()),
                   corosync=(parse_corosync_bytes(text.encode(), path="corosync.conf"),))
    findings = lint_corosync(plan)
    assert [f.rule for f in findings] == ["PCS500"]
    assert all("s3cr3t" not in f.message + (f.hint or "") for f in findings)


def test_pcs500_a_key_written_as_a_section():
    text = conf(quorum="    two_node {\n    }\n")
    assert lint(text, "PCS500") == [("PCS500", line_of(text, "two_node {"), "error")]
    assert lint(text, "PCS504") == []


def test_pcs500_message_says_whether_corosync_refuses():
    plan = replace(build_plan(REGISTRY, Config(), CliOptions(select=("PCS500",))),
                   corosync=(parse_corosync_bytes(conf().replace("cluster_name: web", "cluster_name: web # prod")
                                                  .replace("two_node: 1", "two_node: 1 # pair").encode(),
                                                  path="corosync.conf"),))
    name, two_node = sorted(lint_corosync(plan), key=lambda f: f.line)
    assert "uses that text as it is" in name.message and "refuses" not in name.message
    assert "refuses to start" in two_node.message and name.column == 23


# ------------------------------------------------------------------ PCS501

def test_pcs501_two_nodes_without_two_node():
    text = conf(quorum="")
    assert lint(text, "PCS501") == [("PCS501", line_of(text, "quorum {"), "error")]
    assert lint(conf(quorum="    two_node: 0\n"), "PCS501") == [("PCS501", line_of(text, "quorum {") + 2, "error")]
    assert lint(conf(quorum="    auto_tie_breaker: 1\n"), "PCS501") == []


def test_pcs501_names_the_cibs_no_quorum_policy():
    cib = ("<cib validate-with='pacemaker-3.9' epoch='1' num_updates='0' admin_epoch='0'><configuration>"
           "<crm_config><cluster_property_set id='o'><nvpair id='o-q' name='no-quorum-policy' value='freeze'/>"
           "</cluster_property_set></crm_config><nodes/><resources/><constraints/></configuration><status/></cib>")
    plan = replace(build_plan(REGISTRY, Config(), CliOptions(select=("PCS501",))),
                   corosync=(parse_corosync_bytes(conf(quorum="").encode(), path="corosync.conf"),))
    [finding] = lint_document(cib.encode(), "cib.xml", plan).findings
    assert "no-quorum-policy=freeze, set in the CIB" in finding.message
    assert finding.path == "corosync.conf"


def test_pcs501_two_node_where_it_does_not_apply():
    three = node(1) + node(2) + node(3)
    text = conf(nodes=three)
    assert lint(text, "PCS501") == [("PCS501", line_of(text, "two_node"), "warning")]
    text = conf(quorum="    two_node: 1\n    auto_tie_breaker: 1\n")
    assert lint(text, "PCS501") == [("PCS501", line_of(text, "two_node"), "warning")]


# ------------------------------------------------------------------ PCS502

DEVICE = "    device {\n        model: net\n        net {\n            host: qnetd\n        }\n    }\n"


def test_pcs502_device_with_tie_breaker_or_last_man_standing():
    text = conf(nodes=node(1) + node(2) + node(3), quorum="    auto_tie_breaker: 1\n    last_man_standing: 1\n" + DEVICE)
    assert lint(text, "PCS502") == [("PCS502", line_of(text, "auto_tie_breaker"), "error"),
                                    ("PCS502", line_of(text, "last_man_standing:"), "error")]


def test_pcs502_window_without_last_man_standing():
    text = conf(quorum="    two_node: 1\n    last_man_standing_window: 10000\n")
    assert lint(text, "PCS502") == [("PCS502", line_of(text, "window"), "warning")]


# ------------------------------------------------------------------ PCS503

def test_pcs503_effective_token_uses_the_node_count():
    three = node(1) + node(2) + node(3)
    # 3 nodes: effective token 3000 + 650 = 3650; 1.2 x = 4380
    below = conf(nodes=three, quorum="", totem="    token: 3000\n    consensus: 3600\n")
    assert lint(below, "PCS503") == [("PCS503", line_of(below, "consensus"), "error")]
    short = conf(nodes=three, quorum="", totem="    token: 3000\n    consensus: 4000\n")
    assert lint(short, "PCS503") == [("PCS503", line_of(short, "consensus"), "warning")]
    assert lint(conf(nodes=three, quorum="", totem="    token: 3000\n    consensus: 4380\n"), "PCS503") == []
    # two nodes: token is not raised, and only consensus not above join is reported
    assert lint(conf(totem="    token: 3000\n    consensus: 1000\n"), "PCS503") == []
    join = conf(totem="    join: 50\n    consensus: 50\n")
    assert lint(join, "PCS503") == [("PCS503", line_of(join, "consensus"), "error")]


# ------------------------------------------------------------------ PCS504

def test_pcs504_unknown_keys_with_suggestions():
    text = conf(totem="    tokn: 3000\n    cluster_uuid: 1234\n", quorum="    two_nodes: 1\n    two-node: 1\n    two_node: 1\n")
    assert lint(text, "PCS504") == [("PCS504", line_of(text, "tokn"), "warning"),
                                    ("PCS504", line_of(text, "two_nodes"), "warning"),
                                    ("PCS504", line_of(text, "two-node"), "warning")]


def test_pcs504_deprecated_and_ignored_are_info():
    text = conf(totem="    secauth: on\n    interface {\n        bindnetaddr: 10.0.0.0\n    }\n",
                after="service {\n    name: pacemaker\n}\nnodlist {\n}\n")
    assert lint(text, "PCS504") == [("PCS504", line_of(text, "secauth"), "info"),
                                    ("PCS504", line_of(text, "bindnetaddr"), "info"),
                                    ("PCS504", line_of(text, "service {"), "info"),
                                    ("PCS504", line_of(text, "nodlist"), "warning")]


# ------------------------------------------------------------------ PCS505

def test_pcs505_duplicates_missing_ids_uneven_links_and_mixed_versions():
    nodes = (node(1) + node(2, address="10.0.0.1", name="node1")
             + "    node {\n        ring0_addr: fe80::3\n        ring1_addr: 10.1.0.3\n        name: node3\n    }\n")
    text = conf(nodes=nodes, quorum="")
    first, second, third = [n for n, line in enumerate(text.split("\n"), 1) if line.strip() == "node {"]
    assert lint(text, "PCS505") == sorted([
        ("PCS505", second, "error"),  # name node1 twice
        ("PCS505", second, "error"),  # 10.0.0.1 twice on link 0
        ("PCS505", third, "error"),   # IPv4 and IPv6 on link 0
        ("PCS505", third, "error"),   # no nodeid with knet
        ("PCS505", first, "error"),   # node1 and node2 have one link, node3 two
    ])


# ------------------------------------------------------------------ PCS506

def test_pcs506_expected_votes_against_the_nodelist():
    three = node(1) + node(2) + node(3, extra="        quorum_votes: 2\n")
    text = conf(nodes=three, quorum="    expected_votes: 3\n")
    assert lint(text, "PCS506") == [("PCS506", line_of(text, "expected_votes"), "warning")]
    assert lint(conf(nodes=three, quorum="    expected_votes: 4\n"), "PCS506") == []


# ------------------------------------------------------------------ PCS507

def test_pcs507_udpu_and_corosync_2_style():
    text = conf(crypto="    transport: udpu\n")
    assert lint(text, "PCS507") == [("PCS507", line_of(text, "udpu"), "info")]
    old = "totem {\n    version: 2\n    interface {\n        ringnumber: 0\n        bindnetaddr: 10.0.0.0\n    }\n}\n"
    assert lint(old, "PCS507") == [("PCS507", 3, "info")]


# ------------------------------------------------------------------ PCS508

def test_pcs508_knet_links():
    interfaces = "".join(f"    interface {{\n        linknumber: {n}\n    }}\n" for n in range(7))
    text = conf(totem=interfaces + "    interface {\n        linknumber: 9\n        knet_ping_interval: 100\n"
                "        knet_link_priority: 5\n    }\n    interface {\n    }\n    link_mode: active\n")
    assert lint(text, "PCS508") == sorted([
        ("PCS508", line_of(text, "knet_ping_interval"), "warning"),  # without knet_ping_timeout
        ("PCS508", line_of(text, "knet_ping_interval"), "warning"),  # below 200 ms
        ("PCS508", line_of(text, "linknumber: 9"), "warning"),
        ("PCS508", line_of(text, "knet_link_priority"), "warning"),
        ("PCS508", line_of(text, "linknumber: 9") + 4, "warning"),  # the ninth interface
    ])


# ------------------------------------------------------------------ PCS509

@pytest.mark.parametrize(("crypto", "found"), [
    ("", True),
    ("    crypto_cipher: none\n    crypto_hash: sha256\n", True),
    ("    secauth: on\n", False),
    ("    secauth: on\n    crypto_hash: none\n", True),
    ("    transport: udpu\n", False),
])
def test_pcs509_crypto(crypto, found):
    text = conf(crypto=crypto)
    assert lint(text, "PCS509") == ([("PCS509", 1 if "crypto" not in crypto else line_of(text, "crypto_"), "info")]
                                    if found else [])


# ------------------------------------------------------------------ PCS510

GFS2_CIB = ("<cib validate-with='pacemaker-3.9' epoch='1' num_updates='0' admin_epoch='0'><configuration>"
            "<crm_config/><nodes/><resources><primitive id='fs' class='ocf' provider='heartbeat' type='Filesystem'>"
            "<instance_attributes id='fs-a'><nvpair id='fs-t' name='fstype' value='gfs2'/></instance_attributes>"
            "</primitive></resources><constraints/></configuration><status/></cib>")


def test_pcs510_name_warning_and_gfs2_error():
    text = conf().replace("cluster_name: web", "cluster_name: production.web-cluster")
    assert lint(text, "PCS510") == [("PCS510", 3, "warning")]
    assert lint(text, "PCS510", cib=GFS2_CIB) == [("PCS510", 3, "error")]
    long_name = conf().replace("cluster_name: web", "cluster_name: " + "a" * 33)
    assert lint(long_name, "PCS510") == [("PCS510", 3, "warning")]
    assert lint(conf().replace("cluster_name: web", "cluster_name: " + "a" * 32), "PCS510") == []
