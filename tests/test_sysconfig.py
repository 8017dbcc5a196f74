"""The environment-file parser (lint/sysconfig.py) and its findings (PCS003 sysconfig-syntax)."""

from __future__ import annotations

import pytest

from pcs_lint.config import Config
from pcs_lint.findings import Severity
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run
from pcs_lint.sysconfig import EnvFile, parse_env_bytes, parse_env_text
from pcs_lint.testing import cib, lint_text


def parsed(text: str) -> EnvFile:
    return parse_env_text(text, node="node1", path="node1.env")


def values(env: EnvFile) -> list[tuple[str, str, int, int]]:
    return [(v.name, v.value, v.line, v.column) for v in env.assignments]


def issues(env: EnvFile) -> list[tuple[int, int]]:
    return [(i.line, i.column) for i in env.issues]


# ------------------------------------------------------------------ what is accepted


def test_comments_blank_lines_and_assignments():
    env = parsed("# /etc/sysconfig/pacemaker\n\n   \n\t\nPCMK_logfacility=daemon\n  # indented comment\nPCMK_remote_port=3121\n")
    assert values(env) == [("PCMK_logfacility", "daemon", 5, 1), ("PCMK_remote_port", "3121", 7, 1)]
    assert env.issues == ()
    assert env.comments == ((1, "/etc/sysconfig/pacemaker"), (6, "indented comment"))


def test_export_prefix_and_indentation_give_the_name_column():
    env = parsed("export PCMK_a=1\nexport\t PCMK_b=2\n  PCMK_c=3\n")
    assert values(env) == [("PCMK_a", "1", 1, 8), ("PCMK_b", "2", 2, 9), ("PCMK_c", "3", 3, 3)]


def test_names_that_merely_start_with_export():
    env = parsed("exported=1\nexport=2\n")
    assert values(env) == [("exported", "1", 1, 1), ("export", "2", 2, 1)]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("A='x y'", "x y"),
        ("A='a \"b\" \\n $HOME'", 'a "b" \\n $HOME'),  # nothing is special in single quotes
        ('A="x y"', "x y"),
        ('A="a \\"q\\" \\$HOME \\\\ \\` \\n"', 'a "q" $HOME \\ ` \\n'),  # only " \\ $ ` escape
        ("A=a'b c'\"d e\"f", "ab cd ef"),  # one word made of several parts
        ("A=a\\ b", "a b"),  # an escaped space outside quotes
        ("A=", ""),
        ("A=''", ""),
        ("A=x#y", "x#y"),  # '#' inside a word is not a comment
        ("A=${X}", "${X}"),  # kept literally, never expanded
    ],
)
def test_quoting_and_escapes(line, value):
    env = parsed(line + "\n")
    assert env.issues == ()
    assert [(v.name, v.value) for v in env.assignments] == [("A", value)]


def test_trailing_comments_are_kept_apart_from_the_value():
    env = parsed("PCMK_remote_port=3122   # moved off the default\nB='x' #c\n")
    assert values(env) == [("PCMK_remote_port", "3122", 1, 1), ("B", "x", 2, 1)]
    assert [v.comment for v in env.assignments] == ["moved off the default", "c"]
    assert env.comments == ((1, "moved off the default"), (2, "c"))


def test_the_later_assignment_wins():
    env = parsed("PCMK_remote_port=3121\nOTHER=1\nPCMK_remote_port=3122\n")
    found = env.get("PCMK_remote_port")
    assert (found.value, found.line) == ("3122", 3)
    assert env.get("PCMK_missing") is None


def test_crlf_line_endings():
    env = parse_env_bytes(b"# c\r\nA=1\r\nB='2 3'\r\nC=\"4\" # x\r\n", node="n", path="p")
    assert values(env) == [("A", "1", 2, 1), ("B", "2 3", 3, 1), ("C", "4", 4, 1)]
    assert env.issues == ()


def test_only_newline_ends_a_line():
    # Form feeds and vertical tabs are ordinary characters for the shell and systemd.
    env = parsed("A=1\x0bB=2\nC=3\x0c\nD=4")
    assert values(env) == [("A", "1\x0bB=2", 1, 1), ("C", "3\x0c", 2, 1), ("D", "4", 3, 1)]


def test_invalid_utf8_is_read_not_refused():
    env = parse_env_bytes(b"PCMK_logfile=/var/log/\xff.log\n", node="n", path="p")
    assert env.issues == () and env.get("PCMK_logfile").value == "/var/log/\ufffd.log"


def test_an_empty_file():
    env = parse_env_bytes(b"", node="n", path="p")
    assert (env.assignments, env.issues, env.comments) == ((), (), ())


# ------------------------------------------------------------------ what is not


@pytest.mark.parametrize(
    ("line", "column", "message", "head"),
    [
        ("PCMK_a = 1", 7, "spaces around '=' in the assignment to PCMK_a", ""),
        ("PCMK_a =1", 7, "spaces around '=' in the assignment to PCMK_a", ""),
        ("export  PCMK_a  =1", 15, "spaces around '=' in the assignment to PCMK_a", ""),
        ("PCMK_a", 7, "expected KEY=VALUE: the line has no '='", ""),
        ("PCMK_a:1", 7, "expected KEY=VALUE: the line has no '='", ""),
        ("PCMK_a:b=1", 7, "expected '=' after PCMK_a", ""),
        ("1ABC=2", 1, "expected KEY=VALUE, a comment or a blank line", ""),
        ("=3", 1, "expected KEY=VALUE, a comment or a blank line", ""),
        ("  [section]", 3, "expected KEY=VALUE, a comment or a blank line", ""),
        ("export ", 8, "expected KEY=VALUE, a comment or a blank line", ""),
        ("PCMK_a='x", 8, "unterminated single quote", "PCMK_a="),
        ('PCMK_a="x', 8, "unterminated double quote", "PCMK_a="),
        ('PCMK_a=ab"x\\"', 10, "unterminated double quote", "PCMK_a="),
        ("PCMK_a=x y", 10, "unexpected text after the value of PCMK_a (the value ends at the first unquoted blank)",
         "PCMK_a="),
        ("PCMK_a= 1", 9, "unexpected text after the value of PCMK_a (the value ends at the first unquoted blank)",
         "PCMK_a="),
        ('export PCMK_a="x" junk', 19,
         "unexpected text after the value of PCMK_a (the value ends at the first unquoted blank)", "export PCMK_a="),
        ("PCMK_a=x;y", 9, "shell syntax ';' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=$(ls)", 9, "shell syntax '(' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=`id`", 8, "shell syntax '`' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=x|y", 9, "shell syntax '|' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=x&", 9, "shell syntax '&' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=x>y", 9, "shell syntax '>' is not allowed in an environment file", "PCMK_a="),
        ("PCMK_a=x\\", 9, "line continuation with '\\' is not supported here", "PCMK_a="),
    ],
)
def test_each_malformed_kind_gives_an_issue_at_its_column(line, column, message, head):
    env = parsed(f"# first\n{line}\nGOOD=1\n")
    # The issue keeps the line's "NAME=" (what --show-source may print of it), never the rest.
    assert [(i.line, i.column, i.message, i.head) for i in env.issues] == [(2, column, message, head)]
    assert [v.name for v in env.assignments] == ["GOOD"]  # the bad line is skipped, not the file


def test_nul_bytes_refuse_the_file_at_the_first_one():
    env = parse_env_bytes(b"A=1\nB=2\x00\nC=3\n", node="n", path="p")
    assert issues(env) == [(2, 4)]
    assert "NUL bytes" in env.issues[0].message
    assert env.assignments == ()


def test_a_utf8_byte_order_mark_is_reported_and_the_rest_still_read():
    env = parse_env_bytes(b"\xef\xbb\xbfPCMK_remote_port=3122\nBAD LINE\n", node="n", path="p")
    assert issues(env) == [(1, 1), (2, 4)]
    assert "byte-order mark" in env.issues[0].message
    assert values(env) == [("PCMK_remote_port", "3122", 1, 1)]


# ------------------------------------------------------------------ PCS003 end to end


def test_pcs003_names_the_node_file_line_and_column():
    findings = lint_text(
        cib(),
        select=["PCS003"],
        env={"node1": "PCMK_logfacility=daemon\n", "node2": "# node2\nPCMK_logfacility = daemon\nPCMK_x='open\n"},
    )
    assert [(f.rule, f.path, f.line, f.column, f.object_id) for f in findings] == [
        ("PCS003", "node2.env", 2, 17, "node2"),
        ("PCS003", "node2.env", 3, 8, "node2"),
    ]
    assert all(f.severity is Severity.WARNING and f.xpath is None for f in findings)
    assert "environment file of node 'node2': spaces around '='" in findings[0].message
    assert findings[0].hint.startswith("write plain KEY=VALUE lines")


def test_pcs003_is_reported_once_per_run_not_per_cib(tmp_path):
    env = tmp_path / "node1.sysconfig"
    env.write_text("junk here\n")
    paths = []
    for name in ("a.xml", "b.xml"):
        (tmp_path / name).write_text(cib())
        paths.append(str(tmp_path / name))
    # (node2 has no file: PCS706 says so, once too; left out here.)
    plan = build_plan(load_registry(autoload=False), Config(),
                      CliOptions(sysconfig=(f"node1={env}",), ignore=("PCS706",)))
    result = run(paths, plan)
    assert [(f.rule, f.path, f.line, f.column) for f in result.findings] == [("PCS003", str(env), 1, 5)]
    assert result.files == tuple(paths)


def test_pcs003_silent_on_clean_files_and_with_crlf():
    env = {"node1": "# ok\r\nPCMK_remote_port=3121\r\n", "node2": "# ok\nexport PCMK_logfacility='daemon'\n"}
    assert lint_text(cib(), select=["PCS003"], env=env) == []


def test_pcs003_for_a_trailing_comment_which_systemd_keeps_in_the_value():
    env = {"node1": "PCMK_logfile=/var/log/pacemaker.log  # custom path\nPCMK_logfacility=daemon#x\n"}
    [finding] = lint_text(cib(), select=["PCS003"], env=env)
    assert (finding.path, finding.line, finding.column, finding.object_id) == ("node1.env", 1, 38, "PCMK_logfile")
    assert "the value it reads ends with ' #' and the comment" in finding.message
    assert "/var/log" not in finding.message  # a path is not a value known to be harmless
    assert finding.hint == "move the comment to its own line above the assignment"


def test_pcs003_for_a_trailing_suppression_points_at_the_own_line_form():
    env = {"node1": "PCMK_remote_port=3122  # pcs-lint: disable=PCS113 tunnelled\n"}
    [finding] = lint_text(cib(), select=["PCS003"], env=env)
    assert finding.column == 24 and "own line right above the assignment" in finding.hint


def test_pcs003_for_nul_bytes():
    findings = lint_text(cib(), select=["sysconfig-syntax"], env={"node1": "A=1\n\x00\n"})
    assert [(f.rule, f.line, f.column) for f in findings] == [("PCS003", 2, 1)]


def test_pcs003_can_be_ignored_and_its_severity_changed():
    env = {"node1": "bad line\n", "node2": "# fine\n"}
    assert lint_text(cib(), env=env, ignore=["PCS003"]) == []
    raised = lint_text(cib(), env=env, rules={"sysconfig-syntax": {"severity": "error"}})
    assert [(f.rule, f.severity) for f in raised] == [("PCS003", Severity.ERROR)]
