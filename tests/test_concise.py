"""--format concise (one short line per finding), --statistics (the table instead of the
findings) and `pcs-lint rules` within 100 columns."""

from __future__ import annotations

import pytest

from pcs_lint.cli import main
from pcs_lint.findings import Finding, Severity
from pcs_lint.reporters.concise import LINE_LIMIT, first_clause, format_concise

from .conftest import ROOT, SAMPLES


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", *args])
    return exit_info.value.code, capsys.readouterr().out


def test_one_short_line_per_finding_on_every_bad_sample(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, full = run(capsys, "--format", "json", "samples/bad")
    code, out = run(capsys, "--format", "concise", "samples/bad")
    import json

    findings = json.loads(full)["findings"]
    lines = out.splitlines()
    assert code == 1 and len(lines) == len(findings) + 1 and lines[-1].startswith("Found ")
    for line, finding in zip(lines, findings, strict=False):
        assert len(line) <= LINE_LIMIT, line
        assert line.startswith(f"{finding['path']}:{finding['line']}") and f": {finding['rule']} " in line
        assert "hint:" not in line and "[" + finding["name"] + "]" not in line
    assert sorted(map(len, lines))[len(lines) // 2] <= 140  # the median; the long ones are the paths


def test_the_first_clause():
    assert first_clause("remote connection 'a: b' is inside group 'g': Pacemaker creates no node") == \
        "remote connection 'a: b' is inside group 'g'"
    # Too short on its own: the next clause is kept too.
    assert first_clause("location constraint 'x': fence device 'f' prefers remote node 'r', but no") == \
        "location constraint 'x': fence device 'f' prefers remote node 'r'"
    assert first_clause("no clause end at all") == "no clause end at all"


def test_a_hostile_id_cannot_make_the_line_long_or_two():
    message = "primitive '" + "x\n" * 500 + "' is bad: because"
    finding = Finding("cib.xml", 3, 5, "PCS201", "duplicate-id", Severity.ERROR, message)
    line = format_concise(finding, color=False)
    assert "\n" not in line and len(line) <= LINE_LIMIT and line.startswith("cib.xml:3:5: PCS201 primitive")


def test_statistics_replace_the_findings(capsys):
    code, out = run(capsys, "--statistics", "--format", "concise", str(SAMPLES / "bad" / "PCS201-duplicate-id.xml"))
    assert code == 1 and out.splitlines() == ["     1  PCS201  duplicate-id", "Found 1 problem (1 error) in 1 file."]


def test_rules_fit_100_columns(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["rules"])
    code, out = exit_info.value.code, capsys.readouterr().out
    lines = out.splitlines()
    assert code == 0 and max(map(len, lines)) <= 100
    # Every rule is still there with its whole summary (continued lines joined).
    from pcs_lint.plugins import load_registry

    text = " ".join(line.strip() for line in lines)
    for rule in load_registry().rules:
        assert rule.code in text and " ".join(rule.summary.split()) in text
