"""The CI formats: SARIF validated against the official 2.1.0 schema, JUnit, GitHub, GitLab."""

from __future__ import annotations

import json
import os

import pytest
from lxml import etree

from pcs_lint.cli import main

from .conftest import ROOT, SAMPLES

SARIF_SCHEMA = ROOT.parent / "shared" / "external-schemas" / "sarif-schema-2.1.0.json"
BAD = SAMPLES / "bad" / "PCS201-duplicate-id.xml"


def run_cli(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", *args])
    return exit_info.value.code, capsys.readouterr().out


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository root, as CI does, so that URIs are repository-relative."""
    monkeypatch.chdir(ROOT)
    from pcs_lint.reporters import _common

    _common.repository_root.cache_clear()
    yield ROOT
    _common.repository_root.cache_clear()


def sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared/external-schemas/sarif-schema-2.1.0.json is absent")
    import jsonschema

    return jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_of_a_bad_sample_validates_and_locates_the_element(capsys, in_repo):
    code, out = run_cli(capsys, "--format", "sarif", str(BAD.relative_to(ROOT)))
    assert code == 1
    document = json.loads(out)
    errors = sorted(sarif_validator().iter_errors(document), key=str)
    assert errors == []
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pcs-lint"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert "PCS201" in rule_ids and rule_ids == sorted(rule_ids)
    for descriptor in driver["rules"]:
        assert descriptor["shortDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    [result] = [r for r in run["results"] if r["ruleId"] == "PCS201"]
    assert result["level"] == "error"
    assert driver["rules"][result["ruleIndex"]]["id"] == "PCS201"
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "samples/bad/PCS201-duplicate-id.xml", "uriBaseId": "%SRCROOT%"}
    assert location["physicalLocation"]["region"]["startLine"] == 28
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "/cib/configuration/resources/primitive[@id='web'][2]"
    assert "'web'" in result["message"]["text"]


def test_sarif_carries_a_fix_in_the_result_property_bag(capsys, in_repo):
    sample = SAMPLES / "bad" / "PCS303-fence-device-grouped.xml"
    code, out = run_cli(capsys, "--format", "sarif", "--select", "PCS303,PCS301", str(sample.relative_to(ROOT)))
    document = json.loads(out)
    assert sorted(sarif_validator().iter_errors(document), key=str) == []
    by_rule = {r["ruleId"]: r for r in document["runs"][0]["results"]}
    assert by_rule["PCS303"]["properties"] == {"fix": {"commands": ["pcs resource group remove fencing fence-ipmi"]}}
    assert "Fix: pcs resource group remove fencing fence-ipmi" in by_rule["PCS303"]["message"]["text"]


def test_sarif_of_a_clean_run_still_has_an_empty_results_array(capsys, in_repo):
    code, out = run_cli(capsys, "--format", "sarif", "--select", "PCS201", "samples/clean/cib.xml")
    assert code == 0
    document = json.loads(out)
    assert sorted(sarif_validator().iter_errors(document), key=str) == []
    assert document["runs"][0]["results"] == []
    assert [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]] == ["PCS000", "PCS201"]


def sarif_uris(out: str) -> set[str]:
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}


@pytest.fixture
def work_tree(tmp_path, monkeypatch):
    """A git work tree of its own (a ``.git`` directory is what marks one) holding the bad
    sample, so that the test does not depend on how this project was checked out."""
    from pcs_lint.reporters import _common

    tree = tmp_path / "checkout"
    (tree / ".git").mkdir(parents=True)
    (tree / "samples" / "bad").mkdir(parents=True)
    (tree / "samples" / "bad" / BAD.name).write_bytes(BAD.read_bytes())
    _common.repository_root.cache_clear()
    yield tree
    _common.repository_root.cache_clear()


def test_sarif_uri_is_forward_slash_and_relative_from_a_subdirectory(capsys, work_tree, monkeypatch):
    monkeypatch.chdir(work_tree / "samples")
    _, out = run_cli(capsys, "--format", "sarif", os.path.join("bad", BAD.name))
    assert sarif_uris(out) == {"samples/bad/PCS201-duplicate-id.xml"}


def test_sarif_uri_outside_any_work_tree_is_relative_to_the_current_directory(capsys, tmp_path, monkeypatch):
    from pcs_lint.reporters import _common

    if any((directory / ".git").exists() for directory in (tmp_path, *tmp_path.parents)):
        pytest.skip(f"{tmp_path} is inside a git work tree")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / BAD.name).write_bytes(BAD.read_bytes())
    monkeypatch.chdir(tmp_path)
    _common.repository_root.cache_clear()
    try:
        _, out = run_cli(capsys, "--format", "sarif", os.path.join("bad", BAD.name))
    finally:
        _common.repository_root.cache_clear()
    assert sarif_uris(out) == {"bad/PCS201-duplicate-id.xml"}


def test_junit_has_a_testcase_per_file_and_rule_and_a_failure_per_finding(capsys, in_repo):
    code, out = run_cli(capsys, "--format", "junit", "--select", "PCS201,PCS001", str(BAD.relative_to(ROOT)), "samples/clean/cib.xml")
    assert code == 1
    root = etree.fromstring(out.encode())
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"samples/bad/PCS201-duplicate-id.xml", "samples/clean/cib.xml"}
    clean = suites["samples/clean/cib.xml"]
    assert [c.get("name") for c in clean.iter("testcase")] == ["PCS201 duplicate-id"]
    assert clean.find("testcase/failure") is None
    bad = suites["samples/bad/PCS201-duplicate-id.xml"]
    failures = bad.findall("testcase/failure")
    assert len(failures) == 1 and failures[0].get("type") == "error"
    assert bad.get("tests") == "1" and bad.get("failures") == "1"
    assert root.get("tests") == "2" and root.get("failures") == "1"


def test_github_annotations_escape_what_github_requires(capsys, in_repo, tmp_path):
    weird = tmp_path / "a,b:c%.xml"
    weird.write_bytes(BAD.read_bytes())
    _, out = run_cli(capsys, "--format", "github", str(weird))
    [line] = out.splitlines()
    assert line.startswith("::error file=")
    assert "a%2Cb%3Ac%25.xml" in line
    assert ",line=28,col=7,title=PCS201 duplicate-id::" in line
    message = line.split("::", 2)[2]
    assert "\n" not in message and "%0AFix: rename" in message


def test_github_escaping_functions():
    from pcs_lint.reporters.github import escape_data, escape_property

    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_gitlab_fingerprints_are_stable_when_lines_move_and_unique(capsys, in_repo, tmp_path):
    first = tmp_path / "cib.xml"
    text = BAD.read_text()
    first.write_text(text)
    _, out1 = run_cli(capsys, "--format", "gitlab", str(first))
    first.write_text(text.replace("<configuration>", "<configuration>\n\n\n"))
    _, out2 = run_cli(capsys, "--format", "gitlab", str(first))
    issues1, issues2 = json.loads(out1), json.loads(out2)
    assert [i["fingerprint"] for i in issues1] == [i["fingerprint"] for i in issues2]
    assert issues1[0]["location"]["lines"]["begin"] + 3 == issues2[0]["location"]["lines"]["begin"]
    assert issues1[0]["severity"] == "major" and issues1[0]["check_name"] == "PCS201 duplicate-id"


def test_gitlab_identical_findings_get_distinct_fingerprints():
    from pcs_lint.findings import Finding, Severity
    from pcs_lint.report import RenderOptions, Report
    from pcs_lint.reporters import gitlab

    twin = Finding("cib.xml", 3, None, "PCS201", "duplicate-id", Severity.ERROR, "same")
    report = Report("0", (twin, twin), ("cib.xml",), (), Severity.WARNING, 1)
    prints = [i["fingerprint"] for i in json.loads(gitlab.render(report, RenderOptions()))]
    assert len(set(prints)) == 2


def test_text_show_source_prints_the_line_and_a_caret(capsys, in_repo):
    _, out = run_cli(capsys, "--show-source", str(BAD.relative_to(ROOT)))
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    28 | "))
    assert lines[at] == '    28 |       <primitive id="web" class="ocf" provider="heartbeat" type="nginx">'
    assert lines[at + 1] == " " * (len("    28 | ") + 6) + "^"


def test_text_statistics_counts_per_rule(capsys, in_repo):
    _, out = run_cli(capsys, "--statistics", str(BAD.relative_to(ROOT)), "samples/bad/PCS001-xml-syntax.xml")
    assert "     1  PCS001  xml-syntax" in out.splitlines()
    assert "     1  PCS201  duplicate-id" in out.splitlines()


def test_sarif_uri_is_percent_encoded_so_a_colon_is_no_scheme(capsys, work_tree, monkeypatch):
    # A tarball member is reported as "report.tar.bz2:node1/cib.xml"; unencoded, a URI parser
    # reads "report.tar.bz2" as the scheme. Spaces and "#" would break the reference too.
    odd = work_tree / "odd dir" / "a:b #1.xml"
    odd.parent.mkdir()
    odd.write_bytes(BAD.read_bytes())
    monkeypatch.chdir(work_tree)
    _, out = run_cli(capsys, "--format", "sarif", os.path.join("odd dir", "a:b #1.xml"))
    assert sarif_uris(out) == {"odd%20dir/a%3Ab%20%231.xml"}
    assert sorted(sarif_validator().iter_errors(json.loads(out)), key=str) == []
