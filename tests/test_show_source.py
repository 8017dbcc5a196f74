"""--show-source prints the line the finding is on, from the bytes that were linted (issue 8,
item 14): lines are counted as libxml2 counts them, and stdin is never replaced by a file of the
same name on disk. Also where a crash of an environment-scoped rule is reported (item 15)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from pcs_lint.config import Config
from pcs_lint.findings import Problem, Severity
from pcs_lint.locate import SourceLines
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.rule import Rule
from pcs_lint.runner import run
from pcs_lint.testing import cib, lint_text

from .hostile import run_hostile, write
from .test_plugins import Plugin

# Characters str.splitlines() takes for line ends but libxml2 does not (nor XML: \v and \f are
# not even allowed in a document, so they appear only in rejected files).
NOT_LINE_ENDS = ["\u2028", "\u2029", "\x85", "\x1c", "\x1d", "\x1e", "\r"]


def twin_cib(seed: int) -> tuple[str, int]:
    """A CIB whose comments and attribute values hold characters splitlines() breaks at, before
    a duplicate id; returns the text and the line (counted in b"\\n") of the second twin."""
    rng = random.Random(seed)
    noise = "".join(rng.choice([*NOT_LINE_ENDS, "a", " "]) for _ in range(30)).replace("\r", "\r ")
    noise_xml = noise.replace("\x1c", "").replace("\x1d", "").replace("\x1e", "")  # not XML characters
    resources = (f'      <!-- {noise_xml} -->\n'
                 f'      <primitive id="twin" class="ocf" provider="heartbeat" type="Dummy" description="{noise_xml}"/>\n'
                 f'      <primitive id="twin" class="ocf" provider="heartbeat" type="Dummy"/><!-- {noise_xml} -->')
    text = cib(resources=resources)
    line = text[: text.rindex('<primitive id="twin"')].count("\n") + 1
    return text, line


@pytest.mark.parametrize("seed", range(4))
def test_show_source_prints_the_line_libxml2_reports(tmp_path, seed):
    text, line = twin_cib(seed)
    write(tmp_path / "cib.xml", text.encode())
    run = run_hostile(["--isolated", "--select", "PCS201", "--show-source", "cib.xml"], cwd=tmp_path, expect=1)
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"cib.xml:{line}:7: PCS201") and lines[1].startswith("    hint: ")
    assert lines[2].startswith(f"{line:>6} |       " + '<primitive id="twin" class="ocf" provider="heartbeat" type="Dummy"/><!-- ')
    assert lines[3] == " " * (len(f"{line:>6} | ") + 6) + "^"


def test_source_lines_split_where_libxml2_counts_lines():
    source = SourceLines("one\u2028still one\x85\r\ntwo\rstill two\n\nfour".encode())
    assert [source.line(n) for n in range(1, 6)] == ["one\u2028still one\x85", "two\rstill two", "", "four", None]


def test_stdin_is_shown_from_its_own_bytes_not_from_the_file_it_is_named_after(tmp_path):
    text, line = twin_cib(0)
    on_disk = "\n".join(f"<!-- DISK LINE {n} -->" for n in range(1, 40))
    write(tmp_path / "cib.xml", on_disk.encode())
    run = run_hostile(["--isolated", "--select", "PCS201", "--show-source", "--stdin-filename", "cib.xml", "-"],
                      cwd=tmp_path, stdin=text.encode(), expect=1)
    assert "DISK LINE" not in run.stdout
    assert run.stdout.splitlines()[2].startswith(f"{line:>6} |       <primitive id=\"twin\"")


def test_show_source_reads_no_file_after_the_run(tmp_path):
    """A file replaced between linting and reporting would be shown wrong: nothing is re-read."""
    text, line = twin_cib(1)
    path = write(tmp_path / "cib.xml", text.encode())
    plan = replace(build_plan(load_registry(autoload=False), Config(), CliOptions(select=("PCS201",))),
                   keep_source_lines=True)
    result = run([str(path)], plan)
    path.write_bytes(b"replaced\n" * 100)
    assert result.source_lines[str(path)][line].startswith('      <primitive id="twin"')


def test_a_crashing_environment_rule_is_placed_at_the_environment_file():
    def crashes(ctx):
        raise RuntimeError("boom")
        yield

    rule = Rule("SITE010", "env-crash", Severity.WARNING, "crashes", crashes, scope="environment")
    findings = lint_text(cib(), select=["SITE010"], env={"node2": "A=1\n", "node1": "B=2\n"},
                         extra_plugins=(Plugin("mine", [rule]),))
    assert [(f.rule, f.path) for f in findings] == [("PCS000", "node1.env")]
    assert "rule SITE010 (env-crash) from plugin 'mine' crashed with RuntimeError: boom" in findings[0].message


def test_environment_problems_without_a_location_are_placed_at_the_environment_file():
    def unlocated(ctx):
        yield Problem("about the nodes' files")

    rule = Rule("SITE011", "env-any", Severity.WARNING, "s", unlocated, scope="environment")
    findings = lint_text(cib(), select=["SITE011"], env={"node1": "B=2\n"}, extra_plugins=(Plugin("mine", [rule]),))
    assert [(f.rule, f.path) for f in findings] == [("SITE011", "node1.env")]
