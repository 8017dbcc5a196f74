"""--write-baseline / --baseline: adopt pcs-lint without fixing every old finding first."""

from __future__ import annotations

import json

import pytest

from pcs_lint.cli import main

from .conftest import SAMPLES

BAD = (SAMPLES / "bad" / "PCS201-duplicate-id.xml").read_text()


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", *args])
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out, captured.err


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cib.xml").write_text(BAD)
    return tmp_path


def test_write_baseline_records_findings_without_lines_and_exits_zero(capsys, project):
    code, _, err = cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    assert code == 0 and "wrote 1 findings" in err
    document = json.loads((project / "baseline.json").read_text())
    assert document == {"pcs-lint-baseline": 1, "findings": [{
        "path": "cib.xml", "rule": "PCS201", "object_id": "web",
        "detail": "/cib/configuration/resources/primitive[@id='web'][2]"}]}


def test_baseline_hides_known_findings_even_when_lines_move(capsys, project):
    cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    (project / "cib.xml").write_text(BAD.replace("<configuration>", "<configuration>\n\n"))
    code, out, _ = cli(capsys, "--baseline", "baseline.json", "--format", "json", "cib.xml")
    assert code == 0
    report = json.loads(out)
    assert report["findings"] == []
    assert report["summary"]["baseline"] == {"file": "baseline.json", "matched": 1, "fixed": 0}


def test_baseline_run_fails_only_on_a_new_problem(capsys, project):
    cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    # A new duplicate: an op reuses the fence device's nvpair id.
    (project / "cib.xml").write_text(BAD.replace('id="web-nginx-monitor-10s"', 'id="fence-ipmi-ia-ip"'))
    code, out, _ = cli(capsys, "--baseline", "baseline.json", "--format", "json", "cib.xml")
    assert code == 1
    assert [(f["rule"], f["object_id"]) for f in json.loads(out)["findings"]] == [("PCS201", "fence-ipmi-ia-ip")]


def test_fixed_entries_are_counted(capsys, project):
    cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    (project / "cib.xml").write_text(BAD.replace('<primitive id="web" class="ocf" provider="heartbeat" type="nginx">',
                                                 '<primitive id="web2" class="ocf" provider="heartbeat" type="nginx">'))
    code, out, _ = cli(capsys, "--baseline", "baseline.json", "cib.xml")
    assert code == 0
    assert "0 known findings not shown; 1 baseline entries are fixed now" in out


def test_baseline_paths_are_relative_to_the_baseline_file(capsys, project, monkeypatch):
    (project / "ci").mkdir()
    cli(capsys, "--write-baseline", "ci/baseline.json", "cib.xml")
    assert json.loads((project / "ci" / "baseline.json").read_text())["findings"][0]["path"] == "../cib.xml"
    monkeypatch.chdir(project / "ci")
    code, _, _ = cli(capsys, "--baseline", "baseline.json", "../cib.xml")
    assert code == 0


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found"),
    ("{not json", "is not valid JSON"),
    ('{"something": 1}', "is not a pcs-lint baseline"),
    ('{"pcs-lint-baseline": 1, "findings": [42]}', "malformed entry"),
])
def test_bad_baseline_file_is_a_one_line_error(capsys, project, content, message):
    if content is not None:
        (project / "baseline.json").write_text(content)
    code, _, err = cli(capsys, "--baseline", "baseline.json", "cib.xml")
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_baseline_from_the_config_file(capsys, project):
    cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    (project / ".pcs-lint.toml").write_text('baseline = "baseline.json"\n')
    with pytest.raises(SystemExit) as exit_info:
        main(["cib.xml"])
    assert exit_info.value.code == 0


def test_baseline_report_validates_against_the_report_schema(capsys, project):
    import jsonschema

    from pcs_lint.config import load_schema

    cli(capsys, "--write-baseline", "baseline.json", "cib.xml")
    _, out, _ = cli(capsys, "--baseline", "baseline.json", "--format", "json", "cib.xml")
    jsonschema.Draft202012Validator(load_schema("report.schema.json")).validate(json.loads(out))
