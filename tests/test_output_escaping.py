"""Control characters in ids, file names and plugin messages (issue 8, item 13): text, GitHub and
GitLab show them escaped by one function, so a newline cannot forge a finding and ESC never
reaches the terminal; JSON, SARIF and JUnit stay valid documents."""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest
from lxml import etree

from pcs_lint.findings import Finding, Severity
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters import FORMATS, render
from pcs_lint.reporters._common import escape_control
from pcs_lint.testing import cib

from .hostile import run_hostile, write
from .test_plugins import install

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

# Anything a terminal or a CI page would act on; "\n" is allowed only as the end of a line.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NASTY = ["\n", "\r", "\x1b[2J\x1b]0;pwned\x07", "\x00", "\x08", "\x85", "\u2028", "\u202e", "\x7f", "\x9b31m"]


def forged(seed: int) -> str:
    """A name that tries to end its line and start a finding of its own."""
    rng = random.Random(seed)
    return "".join(rng.choice([*NASTY, "x", ":1:1: PCS201 forged [duplicate-id]", "%0A", ",:"]) for _ in range(6))


def xml_attribute(text: str) -> str:
    """``text`` as an XML attribute value: every character XML can hold, as a character reference."""
    return "".join(f"&#{ord(c)};" if c not in "\x00\x08\x1b\x07\x7f" and ord(c) >= 0x20 or c in "\n\r"
                   else "" for c in text)


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("escape")
    names = []
    for seed in range(3):
        twin = xml_attribute(forged(seed) + "\x1b[31m") or "x"
        resources = (f'      <primitive id="{twin}" class="ocf" provider="heartbeat" type="Dummy"/>\n'
                     f'      <primitive id="{twin}" class="ocf" provider="heartbeat" type="Dummy"/>')
        name = forged(100 + seed).replace("\x00", "").replace("/", "") + ".xml"
        write(root / name, cib(resources=resources).encode())
        names.append(name)
    return root, names


def findings_count(root: Path, names: list[str]) -> int:
    run = run_hostile(["--isolated", "--format", "json", *names], cwd=root, expect=1)
    return len(json.loads(run.stdout)["findings"])


def test_text_shows_one_line_per_finding_and_no_control_character(hostile_tree):
    root, names = hostile_tree
    count = findings_count(root, names)
    run = run_hostile(["--isolated", "--quiet", "--color", "never", "--show-source", *names], cwd=root, expect=1)
    assert RAW_CONTROL.search(run.stdout) is None
    finding_lines = [line for line in run.stdout.splitlines()
                     if not line.startswith(("    hint: ", " " * 6)) and not re.match(r" *\d+ \| ", line)]
    assert len(finding_lines) == count
    escaped = tuple(escape_control(name) + ":" for name in names)
    assert all(line.startswith(escaped) for line in finding_lines)


def test_github_gives_one_command_per_finding_and_no_control_character(hostile_tree):
    root, names = hostile_tree
    count = findings_count(root, names)
    run = run_hostile(["--isolated", "--format", "github", *names], cwd=root, expect=1)
    assert RAW_CONTROL.search(run.stdout) is None
    lines = run.stdout.splitlines()
    assert len(lines) == count and all(line.startswith("::") for line in lines)
    # GitHub's own escaping still applies: the only %0A starts the "Fix:" line.
    assert all(line.count("%0A") <= 1 for line in lines)


@pytest.mark.parametrize("output_format", ["gitlab", "json", "sarif"])
def test_json_formats_stay_valid(hostile_tree, output_format):
    root, names = hostile_tree
    run = run_hostile(["--isolated", "--format", output_format, *names], cwd=root, expect=1)
    document = json.loads(run.stdout)
    if output_format == "gitlab":
        for issue in document:
            for text in (issue["check_name"], issue["description"], issue["location"]["path"]):
                assert RAW_CONTROL.search(text) is None


def test_junit_is_well_formed_xml(hostile_tree):
    root, names = hostile_tree
    run = run_hostile(["--isolated", "--format", "junit", *names], cwd=root, expect=1)
    suites = etree.fromstring(run.stdout.encode())
    assert int(suites.get("failures")) == findings_count(root, names)


PLUGIN = '''
from pcs_lint.findings import Problem, Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.rule import Rule


def check(ctx):
    yield Problem(MESSAGE, element=ctx.cib.root, hint=MESSAGE)


RULE = Rule(code="SITE777", name="forger", severity=Severity.WARNING, summary="forges", check=check)


@hookimpl
def pcs_lint_rules():
    return [RULE]
'''


@pytest.mark.parametrize("seed", range(3))
def test_a_plugin_message_cannot_forge_lines_or_drive_the_terminal(tmp_path, seed):
    message = forged(seed) + "\x1b[2J"
    install(tmp_path / "site", "forger", f"MESSAGE = {message!r}\n" + PLUGIN)
    write(tmp_path / "cib.xml", cib().encode())
    env = dict(os.environ, PCS_LINT_DISABLE_PLUGIN_AUTOLOAD="", PYTHONPATH=os.pathsep.join(
        filter(None, [str(tmp_path / "site"), os.environ.get("PYTHONPATH")])))
    for output_format in ("text", "github"):
        run = run_hostile(["--isolated", "--select", "SITE777", "--quiet", "--format", output_format, "cib.xml"],
                          cwd=tmp_path, env=env, expect=1)
        assert RAW_CONTROL.search(run.stdout) is None
        lines = [line for line in run.stdout.splitlines() if not line.startswith("    hint: ")]
        assert len(lines) == 1, run.stdout


def test_every_format_renders_every_control_character():
    """No character of a message makes a format fail (lxml refuses most C0 characters in XML).
    Undecodable file names (lone surrogates) are item 11's, tested with the file reading."""
    everything = "".join(map(chr, range(0x00, 0xA0))) + "\u2028\u202e\ufffe\uffff"
    finding = Finding(f"a{everything}.xml", 1, 1, "PCS201", "duplicate-id", Severity.ERROR, everything,
                      object_id=everything, xpath="/cib", hint=everything)
    report = Report("0", (finding,), (finding.path,), (), Severity.WARNING, 1)
    for output_format in FORMATS:
        out = render(output_format, report, RenderOptions())
        if output_format in ("text", "github", "gitlab", "junit"):
            assert RAW_CONTROL.search(out.replace("\n", "")) is None, output_format
        if output_format == "junit":
            etree.fromstring(out.encode())


def test_escape_control():
    assert escape_control("a\nb\r\tc\x1b[0m\x00\x85\u2028\u202e\udcff ok é") == (
        "a\\nb\\r\\tc\\x1b[0m\\x00\\x85\\u2028\\u202e\\xff ok é")


def test_errors_on_stderr_are_one_line_without_control_characters(tmp_path):
    name = "gone\x1b[2J\n:1:1: PCS201 forged.xml"
    (tmp_path / name).symlink_to(tmp_path / "nowhere")
    run = run_hostile(["--isolated", name], cwd=tmp_path, expect=2)
    assert RAW_CONTROL.search(run.stderr) is None
    [line] = run.stderr.splitlines()
    assert line.startswith("pcs-lint: error: gone\\x1b[2J\\n:1:1: PCS201 forged.xml")
