"""The corosync.conf reader (lint/corosync.py): structure, lines, and corosync 3.1.7's own verdicts."""

from __future__ import annotations

import pytest

from pcs_lint.corosync import looks_like_corosync_conf, parse_corosync_bytes

CONF = b"""# the cluster
totem {
    version: 2
    cluster_name: web
    token: 3000
}
nodelist {
    node {
        ring0_addr: 10.0.0.1
        ring1_addr: 10.1.0.1
        name: node1
        nodeid: 1
    }
    node {
        ring0_addr: node2.example.com
        nodeid: 2
    }
}
quorum {
    provider: corosync_votequorum
    two_node: 1
}
totem {
    token: 5000
}
"""


def parse(data: bytes):
    return parse_corosync_bytes(data, path="corosync.conf")


def test_sections_keys_lines_and_comments():
    conf = parse(CONF)
    assert conf.issues == ()
    assert conf.comments == ((1, "the cluster"),)
    assert [s.name for s in conf.root.sections] == ["totem", "nodelist", "quorum", "totem"]
    assert conf.value("totem.cluster_name") == "web"
    # Later keys win and sections of one path merge, as in corosync's map.
    assert conf.key("totem.token").value == "5000" and conf.key("totem.token").line == 24
    assert [k.line for k in conf.keys("totem.token")] == [5, 24]
    assert conf.value("quorum.two_node") == "1"


def test_nodelist_entries():
    first, second = parse(CONF).nodelist
    assert (first.line, first.name, first.nodeid, first.addresses) == (8, "node1", 1, ((0, "10.0.0.1"), (1, "10.1.0.1")))
    assert (second.line, second.name, second.nodeid, second.label) == (14, None, 2, "node2.example.com")


@pytest.mark.parametrize(("line", "kind"), [
    ("version 2", "not-a-line"),
    ("foo { bar", "after-brace"),
    ("} foo", "around-brace"),
    ("{", "no-section-name"),
    ("a b: 1", "key-name"),
    ("a=b: 1", "key-name"),
    ("k: " + "x" * 508, "too-long"),
])
def test_syntax_issues(line, kind):
    issues = parse(b"totem {\n" + line.encode() + b"\n    version: 2\n}\n").issues
    assert [(i.line, i.kind) for i in issues] == [(2, kind)]


def test_unbalanced_braces():
    assert [(i.line, i.kind) for i in parse(b"totem {\n version: 2\n}\n}\n").issues] == [(4, "unexpected-close")]
    unclosed = parse(b"totem {\n version: 2\nnodelist {\n}\n").issues
    assert [(i.line, i.kind) for i in unclosed] == [(1, "unclosed")]
    assert "line 4" in unclosed[0].message


def test_what_corosync_takes_as_it_is():
    # A section name may end with ':' (dropped), a value may hold ':' and '}', a comment
    # needs '#' first on its line, CRLF ends lines, and a value keeps a '#'.
    conf = parse(b"totem: {\r\n  a:b: 1\r\n  x: y }\r\n  token: 3000 # three seconds\r\n\t# c\r\n}\r\n")
    assert conf.issues == ()
    assert conf.value("totem.a") == "b: 1" and conf.value("totem.x") == "y }"
    token = conf.key("totem.token")
    assert (token.value, token.comment_column) == ("3000 # three seconds", 15)
    assert conf.comments == ((5, "c"),)


def test_key_path_limits():
    assert [i.kind for i in parse(b"ab: 1\n").issues] == ["key-name"]  # shorter than 3
    assert parse(b"abc: 1\n").issues == ()
    deep = b"abc {\n" * 200 + b"}\n" * 200
    issues = parse(deep).issues
    assert issues[0].kind == "path-too-long" and issues[0].line == 64


def test_nul_byte_is_refused_like_a_long_line():
    assert [(i.line, i.kind) for i in parse(b"totem {\n version: 2\x00x\n}\n").issues] == [(2, "nul")]


def test_recognised_by_content():
    assert looks_like_corosync_conf(CONF)
    assert looks_like_corosync_conf(b"compatibility: whitetank\ntotem {\n}\n")
    assert not looks_like_corosync_conf(b"<?xml version='1.0'?>\n<cib/>\n")
    assert not looks_like_corosync_conf(b"PCMK_remote_port=3121\n")
    assert not looks_like_corosync_conf(b"frobnicate {\n}\n")


def test_hostile_input_is_linear():
    # Many lines, many sections, a long line: one pass, no recursion.
    data = b"totem {\n" + b"k: v\n" * 200_000 + b"}\n" + b"abc {\n}\n" * 50_000 + b"x" * 1_000_000 + b"\n"
    conf = parse(data)
    assert conf.issues[-1].kind == "too-long"
    assert len(conf.keys("totem.k")) == 200_000
