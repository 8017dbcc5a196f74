"""The command line: inputs, selection, exit codes, formats, colour, sub-commands, and no traceback
for any bad input. In-process through pcs_lint.cli.main (it calls sys.exit), plus a few real
subprocesses end to end."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pcs_lint import __version__
from pcs_lint.cli import _color_wanted, main
from pcs_lint.testing import cib, line_of

from .conftest import SAMPLES

BAD = SAMPLES / "bad" / "PCS201-duplicate-id.xml"
SYNTAX = SAMPLES / "bad" / "PCS001-xml-syntax.xml"
NOT_CIB = SAMPLES / "bad" / "PCS002-not-a-cib.xml"
CLEAN = SAMPLES / "clean" / "cib.xml"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TEXT_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+)(:(?P<col>\d+))?: (?P<code>[A-Z]+\d{3}) (?P<message>.+) \[(?P<name>[a-z0-9-]+)\]$")
INSTALLED = Path(sys.executable).with_name("pcs-lint")
DUPLICATE_FENCE_ID = cib(resources='      <primitive id="fence-all" class="ocf" provider="heartbeat" type="Dummy"/>')
DUPLICATE_LINE = line_of(DUPLICATE_FENCE_ID, 'type="Dummy"')


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return exited.value.code, out, err


def lint(capsys, *args: str) -> tuple[int, str, str]:
    """Lint with no config file and no colour, whatever the caller's environment."""
    return cli(capsys, "--isolated", "--color", "never", *args)


def finding_lines(out: str) -> list[re.Match]:
    return [m for m in map(TEXT_LINE.match, out.splitlines()) if m]


def json_findings(out: str) -> list[tuple[str, str, int | None]]:
    return [(f["path"], f["rule"], f["line"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def two_cibs(tmp_path) -> tuple[Path, Path]:
    """Two small CIBs: one with a duplicate id (PCS201), one clean."""
    bad = tmp_path / "b-bad.xml"
    bad.write_text(DUPLICATE_FENCE_ID)
    good = tmp_path / "a-good.xml"
    good.write_text(cib())
    return bad, good


# ------------------------------------------------------------------ inputs


def test_one_file_text_format(capsys):
    code, out, err = lint(capsys, str(BAD))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == (f"{BAD}:28:7: PCS201 id 'web' of this <primitive> is already used by the <primitive> on "
                        "line 22; ids must be unique in the whole configuration, or Pacemaker may act on the wrong "
                        "element [duplicate-id]")
    assert lines[1].startswith("    hint: rename one of them")
    assert lines[-1] == "Found 1 problem (1 error) in 1 file."


def test_clean_file(capsys):
    # Every node's environment file: with only some, PCS706 says the checks across nodes are partial.
    env = [arg for node in ("node1", "node2", "remote1", "guest1")
           for arg in ("--sysconfig", f"{node}={SAMPLES / 'clean' / 'env' / f'{node}.sysconfig'}")]
    code, out, err = lint(capsys, *env, str(CLEAN))
    assert (code, out, err) == (0, "No problems found in 1 file.\n", "")


def test_stdin_with_and_without_a_name(capsys, monkeypatch):
    for name, shown in ((None, "-"), ("cluster/cib.xml", "cluster/cib.xml")):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.read_bytes())))
        args = ["--format", "json", "-"] + (["--stdin-filename", name] if name else [])
        code, out, _ = lint(capsys, *args)
        assert code == 1
        assert json_findings(out) == [(shown, "PCS201", 28)]
        assert json.loads(out)["summary"]["files"] == 1


def test_several_files_are_sorted_by_path_then_line(capsys, two_cibs):
    bad, good = two_cibs
    code, out, _ = lint(capsys, str(bad), str(SYNTAX), str(good), str(NOT_CIB))
    assert code == 1
    found = [(m["path"], m["code"]) for m in finding_lines(out)]
    assert found == sorted(found)
    assert found == sorted([(str(bad), "PCS201"), (str(SYNTAX), "PCS001"), (str(NOT_CIB), "PCS002")])
    assert out.splitlines()[-1] == "Found 3 problems (3 errors) in 4 files."


def test_a_directory_is_searched_for_xml_files(capsys, tmp_path, two_cibs):
    bad, _ = two_cibs
    nested = tmp_path / "sub" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(SYNTAX, nested / "broken.xml")
    (tmp_path / "notes.txt").write_text("<not xml")
    code, out, _ = lint(capsys, "--format", "json", str(tmp_path))
    assert code == 1
    report = json.loads(out)
    assert json_findings(out) == [(str(bad), "PCS201", DUPLICATE_LINE), (str(nested / "broken.xml"), "PCS001", 10)]
    assert report["summary"]["files"] == 3  # two CIBs and broken.xml; notes.txt is not XML


def test_a_missing_file_is_one_line_exit_2_and_the_others_are_still_linted(capsys, tmp_path):
    missing = tmp_path / "nope.xml"
    code, out, err = lint(capsys, str(BAD), str(missing), str(NOT_CIB))
    assert code == 2
    assert err == f"pcs-lint: error: {missing}: no such file\n"
    assert [m["code"] for m in finding_lines(out)] == ["PCS002", "PCS201"]


def test_an_unreadable_file(capsys, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    locked = tmp_path / "locked.xml"
    locked.write_text(cib())
    locked.chmod(0)
    code, _, err = lint(capsys, str(locked))
    assert (code, err) == (2, f"pcs-lint: error: {locked}: permission denied\n")


def test_no_paths_at_all(capsys):
    code, out, err = lint(capsys)
    assert code == 2 and out == ""
    assert err.startswith("pcs-lint: error: no files given")


# ------------------------------------------------------------------ selection


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        ((), ["PCS001", "PCS002", "PCS201"]),
        (("--select", "PCS201"), ["PCS201"]),
        (("--select", "duplicate-id"), ["PCS201"]),
        (("--select", "PCS2"), ["PCS201"]),
        (("--select", "pcs00"), ["PCS001", "PCS002"]),
        (("--select", "PCS001,not-a-cib"), ["PCS001", "PCS002"]),
        (("--select", "PCS001", "--select", "PCS201"), ["PCS001", "PCS201"]),
        (("--select", "ALL", "--ignore", "PCS0"), ["PCS201"]),
        (("--ignore", "xml-syntax,PCS002"), ["PCS201"]),
        (("--ignore", "PCS001", "--ignore", "duplicate-id"), ["PCS002"]),
    ],
)
def test_select_and_ignore(capsys, args, codes):
    code, out, _ = lint(capsys, "--format", "json", *args, str(SYNTAX), str(NOT_CIB), str(BAD))
    assert sorted(f[1] for f in json_findings(out)) == codes
    assert code == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_selector_is_a_usage_error(capsys, option):
    code, out, err = lint(capsys, option, "PCS201,PCS9999", str(BAD))
    assert (code, out) == (2, "")
    assert err == f"pcs-lint: error: {option}: 'PCS9999' matches no rule (see 'pcs-lint rules')\n"


# ------------------------------------------------------------------ exit codes


@pytest.fixture
def warning_only(tmp_path) -> list[str]:
    """A clean CIB and a node file with one PCS003 (a warning)."""
    env = tmp_path / "node1.sysconfig"
    env.write_text("PCMK_logfacility = daemon\n")
    target = tmp_path / "cib.xml"
    target.write_text(cib())
    return ["--select", "PCS003", "--sysconfig", f"node1={env}", str(target)]


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("error", 0), ("warning", 1), ("info", 1), (None, 1)],
)
def test_fail_on_with_a_warning(capsys, warning_only, fail_on, expected):
    args = (["--fail-on", fail_on] if fail_on else []) + warning_only
    code, out, _ = lint(capsys, *args)
    assert code == expected
    assert [m["code"] for m in finding_lines(out)] == ["PCS003"]


def test_fail_on_info_catches_an_info_finding(capsys, tmp_path):
    config = tmp_path / "pcs.toml"
    config.write_text('[rules.PCS201]\nseverity = "info"\n')
    assert cli(capsys, "--config", str(config), str(BAD))[0] == 0
    assert cli(capsys, "--config", str(config), "--fail-on", "info", str(BAD))[0] == 1


def test_exit_zero_reports_but_exits_0(capsys):
    code, out, _ = lint(capsys, "--exit-zero", str(BAD))
    assert code == 0 and "PCS201" in out


def test_exit_zero_does_not_hide_input_errors(capsys, tmp_path):
    code, _, err = lint(capsys, "--exit-zero", str(BAD), str(tmp_path / "missing.xml"))
    assert code == 2 and "no such file" in err


def test_an_invalid_fail_on(capsys):
    code, _, err = lint(capsys, "--fail-on", "fatal", str(BAD))
    assert (code, err) == (2, "pcs-lint: error: --fail-on: unknown severity 'fatal' (expected error, warning or info)\n")


# ------------------------------------------------------------------ config options


def test_config_and_isolated(capsys, tmp_path, monkeypatch):
    (tmp_path / ".pcs-lint.toml").write_text('ignore = ["PCS201"]\n')
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "--color", "never", str(BAD))[0] == 0  # discovered: PCS201 ignored
    assert cli(capsys, "--isolated", "--color", "never", str(BAD))[0] == 1
    other = tmp_path / "other.toml"
    other.write_text('fail-on = "error"\n')
    code, out, _ = cli(capsys, "--config", str(other), "--color", "never", str(BAD))
    assert code == 1 and "PCS201" in out  # --config replaces the discovered file


# ------------------------------------------------------------------ output


def test_json_format(capsys, two_cibs):
    bad, good = two_cibs
    code, out, _ = lint(capsys, "--format", "json", str(bad), str(good))
    report = json.loads(out)
    assert report["version"] == __version__
    finding = report["findings"][0]
    assert finding == {
        "rule": "PCS201", "name": "duplicate-id", "severity": "error",
        "message": finding["message"], "path": str(bad), "line": DUPLICATE_LINE, "column": 7, "object_id": "fence-all",
        "xpath": "/cib/configuration/resources/primitive[@id='fence-all'][2]", "hint": finding["hint"], "fix": None,
    }
    summary = report["summary"]
    assert (summary["files"], summary["findings"], summary["exit_code"], summary["fail_on"]) == (2, 1, 1, "warning")
    assert summary["by_severity"] == {"error": 1, "warning": 0, "info": 0}
    assert summary["by_rule"] == {"PCS201": 1}
    assert code == 1


def test_output_file(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, err = lint(capsys, "--format", "json", "--output-file", str(target), str(BAD))
    assert (code, out, err) == (1, "", "")
    assert json_findings(target.read_text()) == [(str(BAD), "PCS201", 28)]


def test_output_file_that_cannot_be_written(capsys, tmp_path):
    target = tmp_path / "no" / "such" / "dir.txt"
    code, _, err = lint(capsys, "-o", str(target), str(BAD))
    assert code == 2 and err == f"pcs-lint: error: cannot write {target}: No such file or directory\n"


def test_quiet_drops_the_summary_line(capsys):
    code, out, _ = lint(capsys, "--quiet", str(BAD))
    assert code == 1
    assert "Found" not in out and out.startswith(f"{BAD}:28:7: PCS201 ")
    assert lint(capsys, "-q", str(CLEAN), "--select", "PCS201") == (0, "", "")


def test_statistics_counts_per_rule(capsys, two_cibs):
    bad, _ = two_cibs
    code, out, _ = lint(capsys, "--statistics", str(bad), str(BAD), str(NOT_CIB))
    assert code == 1
    # The table instead of the findings, as ruff and flake8 print it, then the summary.
    assert out.splitlines() == ["     1  PCS002  not-a-cib", "     2  PCS201  duplicate-id",
                                "Found 3 problems (3 errors) in 3 files."]


def test_an_unknown_format(capsys):
    code, _, err = lint(capsys, "--format", "xml", str(BAD))
    assert code == 2 and err.startswith("pcs-lint: error: --format must be one of text, json")


# ------------------------------------------------------------------ colour


def test_colour_always_and_never(capsys):
    coloured = lint(capsys, "--color", "always", str(BAD))[1]  # the last --color wins
    assert "\x1b[31mPCS201\x1b[0m" in coloured
    assert ANSI.sub("", coloured) == lint(capsys, str(BAD))[1]
    assert not ANSI.search(lint(capsys, "--color", "never", str(BAD))[1])


def test_colour_to_a_file_is_never_coloured(capsys, tmp_path):
    target = tmp_path / "out.txt"
    lint(capsys, "--color", "always", "-o", str(target), str(BAD))
    assert not ANSI.search(target.read_text())


def test_an_invalid_colour_choice(capsys):
    code, _, err = cli(capsys, "--color", "sometimes", str(BAD))
    assert (code, err) == (2, "pcs-lint: error: --color must be auto, always or never, not 'sometimes'\n")


class _Stream:
    def __init__(self, tty: bool) -> None:
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("choice", "tty", "no_color", "expected"),
    [
        ("auto", True, None, True),
        ("auto", False, None, False),
        ("auto", True, "1", False),
        ("auto", True, "", True),  # NO_COLOR counts only when set to something
        ("always", False, "1", True),
        ("never", True, None, False),
    ],
)
def test_colour_choice(monkeypatch, choice, tty, no_color, expected):
    monkeypatch.delenv("NO_COLOR", raising=False)
    if no_color is not None:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert _color_wanted(choice, _Stream(tty)) is expected


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_on_a_real_terminal(no_color, coloured):
    primary, secondary = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    if no_color:
        env["NO_COLOR"] = no_color
    try:
        process = subprocess.Popen([sys.executable, "-m", "pcs_lint", "--isolated", str(BAD)],
                                   stdout=secondary, stderr=subprocess.PIPE, env=env)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 1
    finally:
        os.close(primary)
    output = b"".join(chunks).decode()
    assert bool(ANSI.search(output)) is coloured
    assert "PCS201" in output


# ------------------------------------------------------------------ sub-commands


def test_rules_lists_every_built_in_rule(capsys):
    code, out, _ = cli(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    codes = [line.split()[0] for line in lines if not line.startswith(" ")]  # not a continued summary
    assert codes == sorted(codes) and {"PCS000", "PCS001", "PCS002", "PCS003", "PCS201"} <= set(codes)
    assert any(re.match(r"^PCS201  duplicate-id +error +an id used twice", line) for line in lines)
    as_json = json.loads(cli(capsys, "rules", "--format", "json")[1])
    assert {"code": "PCS003", "name": "sysconfig-syntax", "severity": "warning", "plugin": "builtin",
            "summary": as_json[[r["code"] for r in as_json].index("PCS003")]["summary"]} in as_json


def test_rules_with_an_unknown_format(capsys):
    code, _, err = cli(capsys, "rules", "--format", "yaml")
    assert (code, err) == (2, "pcs-lint: error: --format must be text, json or markdown, not 'yaml'\n")


@pytest.mark.parametrize("key", ["PCS201", "pcs201", "duplicate-id"])
def test_explain_by_code_or_name(capsys, key):
    code, out, _ = cli(capsys, "explain", key)
    assert code == 0
    assert out.startswith("# PCS201 duplicate-id\n") and "## How to fix it with pcs" in out


def test_explain_an_unknown_rule(capsys):
    code, out, err = cli(capsys, "explain", "PCS999")
    assert (code, out) == (2, "")
    assert err == "pcs-lint: error: no rule has the code or name 'PCS999' (see 'pcs-lint rules')\n"


def test_version(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0
    assert out.splitlines()[0] == f"pcs-lint {__version__}"
    assert re.search(r"^  plugin builtin: \d+ rules$", out, re.M)


def test_help(capsys):
    code, out, _ = cli(capsys, "--help")
    assert code == 0 and "short for 'pcs-lint check FILE...'" in out
    code, out, _ = cli(capsys, "check", "--help")
    assert code == 0 and "--select" in out and "--fail-on" in out
    code, out, _ = cli(capsys, "rules", "--help")
    assert code == 0 and "--format" in out


# ------------------------------------------------------------------ no traceback, ever


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus", "x.xml"],
        ["--format"],
        ["--jobs", "many", "x.xml"],
        ["--sysconfig", "no-equals-sign", "x.xml"],
        ["--sysconfig", "node1=/nonexistent/env", "x.xml"],
        ["--authkey", "node1=/nonexistent/key", "x.xml"],
        ["explain"],
        ["rules", "extra-argument"],
    ],
)
def test_bad_usage_is_one_line_exit_2(capsys, args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(capsys, "--isolated", *args) if args[0] not in ("explain", "rules") else cli(capsys, *args)
    assert code == 2
    assert err.startswith("pcs-lint: error: ") and err.count("\n") == 1, err
    assert out == ""


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02", b"<cib", b"<!DOCTYPE x [<!ENTITY a 'b'>]><cib>&a;</cib>", b"<diff/>",
     "<cib>\u00e9</cib>".encode("utf-16"), b"<cib><configuration><resources><primitive/></resources></configuration></cib>",
     b"<cib><configuration><constraints><rsc_colocation/><rsc_order/><rsc_location/></constraints></configuration></cib>",
     b"<cib validate-with='pacemaker-3.9'><configuration><nodes><node/></nodes><tags><tag/></tags></configuration><status/></cib>"],
    ids=["empty", "binary", "truncated", "entity", "diff", "utf16", "bare-primitive", "bare-constraints", "bare-nodes"],
)
def test_bad_input_is_a_finding_never_a_traceback(capsys, tmp_path, content):
    target = tmp_path / "input.xml"
    target.write_bytes(content)
    for output_format in ("text", "json"):
        code, out, err = lint(capsys, "--format", output_format, str(target))
        assert code in (0, 1), err  # 2 would be a crash of some rule (PCS000)
        assert "PCS000" not in out


# ------------------------------------------------------------------ real processes


def run(*args: str, stdin: bytes | None = None, command: list[str] | None = None) -> subprocess.CompletedProcess:
    command = command or [sys.executable, "-m", "pcs_lint"]
    completed = subprocess.run([*command, *args], input=stdin, capture_output=True, timeout=120)
    assert b"Traceback" not in completed.stdout + completed.stderr
    return completed


def test_python_dash_m(tmp_path):
    completed = run("--isolated", str(BAD))
    assert completed.returncode == 1 and completed.stdout.startswith(f"{BAD}:28:7: PCS201 ".encode())
    assert run("--isolated", "--select", "PCS201", str(CLEAN)).returncode == 0


@pytest.mark.skipif(not INSTALLED.exists(), reason="the pcs-lint console script is not installed beside this Python")
def test_the_console_script():
    completed = run("--isolated", "--format", "json", str(BAD), str(NOT_CIB), command=[str(INSTALLED)])
    assert completed.returncode == 1
    assert json_findings(completed.stdout.decode()) == [(str(NOT_CIB), "PCS002", 1), (str(BAD), "PCS201", 28)]
    assert run("--version", command=[str(INSTALLED)]).stdout.startswith(f"pcs-lint {__version__}\n".encode())


def test_stdin_end_to_end():
    completed = run("--isolated", "--stdin-filename", "from-pipe.xml", "-", stdin=BAD.read_bytes())
    assert completed.returncode == 1 and completed.stdout.startswith(b"from-pipe.xml:28:7: PCS201 ")


def test_usage_error_end_to_end():
    completed = run("--isolated", "--select", "NOPE", str(BAD))
    assert (completed.returncode, completed.stdout) == (2, b"")
    assert completed.stderr == b"pcs-lint: error: --select: 'NOPE' matches no rule (see 'pcs-lint rules')\n"


def test_a_closed_stdout_pipe_is_not_a_traceback():
    # `pcs-lint DIR | head -1`: the reader goes away early.
    process = subprocess.Popen([sys.executable, "-m", "pcs_lint", "--isolated", str(SAMPLES / "bad")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(10)
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert b"Traceback" not in err
