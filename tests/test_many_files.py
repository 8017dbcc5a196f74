"""Many files at once: directories, --exclude, --force-exclude, stdin naming, --jobs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pcs_lint.cli import main
from pcs_lint.discovery import discover_files, is_excluded

from .conftest import SAMPLES

BAD = (SAMPLES / "bad" / "PCS201-duplicate-id.xml").read_bytes()
CLEAN = (SAMPLES / "clean" / "cib.xml").read_bytes()


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, data in {
        "clusters/prod/cib.xml": CLEAN, "clusters/prod/old/cib.xml": BAD,
        "clusters/lab/cib.xml": BAD, "clusters/lab/notes.txt": b"x", ".git/cib.xml": BAD,
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_directories_are_searched_for_xml_skipping_hidden_ones(tree):
    assert discover_files(["clusters"]).files == ("clusters/lab/cib.xml", "clusters/prod/cib.xml", "clusters/prod/old/cib.xml")


def test_exclude_globs_match_paths_names_and_directories(tree):
    assert discover_files(["clusters"], ["old"]).files == ("clusters/lab/cib.xml", "clusters/prod/cib.xml")
    assert discover_files(["clusters"], ["clusters/lab/*"]).files == ("clusters/prod/cib.xml", "clusters/prod/old/cib.xml")
    assert is_excluded("clusters/prod/old/cib.xml", ["*/old/*"])
    assert not is_excluded("clusters/prod/cib.xml", ["old"])


def test_explicit_files_are_linted_unless_force_exclude(tree):
    assert discover_files(["clusters/lab/cib.xml"], ["lab"]).files == ("clusters/lab/cib.xml",)
    assert discover_files(["clusters/lab/cib.xml"], ["lab"], force_exclude=True).files == ()


def run_cli(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", *args])
    return exit_info.value.code, capsys.readouterr().out


def test_cli_exclude_and_force_exclude(capsys, tree):
    code, out = run_cli(capsys, "--exclude", "lab", "--exclude", "old", "clusters")
    assert code == 0 and "in 1 file" in out
    code, out = run_cli(capsys, "--exclude", "lab", "--force-exclude", "clusters/lab/cib.xml")
    assert code == 0 and "in 0 files" in out


def test_stdin_filename_names_stdin_input(tree):
    result = subprocess.run([sys.executable, "-m", "pcs_lint", "--isolated", "--format", "json",
                             "--stdin-filename", "clusters/lab/cib.xml", "-"], input=BAD, capture_output=True, check=False)
    assert result.returncode == 1
    assert {f["path"] for f in json.loads(result.stdout)["findings"]} == {"clusters/lab/cib.xml"}


def test_jobs_gives_the_same_output_as_a_serial_run(capsys, tree):
    _, serial = run_cli(capsys, "--format", "json", "clusters")
    _, parallel = run_cli(capsys, "--format", "json", "--jobs", "2", "clusters")
    assert serial == parallel and json.loads(serial)["summary"]["files"] == 3


@pytest.mark.slow
def test_jobs_over_the_corpus_is_byte_identical(corpus_dir):
    command = [sys.executable, "-m", "pcs_lint", "--isolated", "--format", "json", str(corpus_dir / "pacemaker-cts")]
    serial = subprocess.run([*command, "--jobs", "1"], capture_output=True, check=False)
    parallel = subprocess.run([*command, "--jobs", "2"], capture_output=True, check=False)
    assert serial.returncode in (0, 1) and serial.returncode == parallel.returncode
    assert serial.stdout == parallel.stdout
    assert json.loads(serial.stdout)["summary"]["files"] == 922


def test_a_changed_environment_file_relints_the_configured_cibs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cib.xml").write_bytes(BAD)
    (tmp_path / "node1.env").write_text("PCMK_remote_port=3121\n")
    (tmp_path / ".pcs-lint.toml").write_text('files = ["cib.xml"]\n[sysconfig]\nnode1 = "node1.env"\n')
    with pytest.raises(SystemExit) as exit_info:
        main(["--format", "json", "node1.env"])  # what pre-commit passes when only node1.env changed
    report = json.loads(capsys.readouterr().out)
    assert exit_info.value.code == 1
    assert report["summary"]["files"] == 1
    # (PCS706 adds that only node1 has a file: a statement about the run, on node1.env.)
    assert {f["path"] for f in report["findings"] if f["rule"] != "PCS706"} == {"cib.xml"}


def test_without_paths_or_configured_files_it_is_a_usage_error(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated"])
    assert exit_info.value.code == 2
    assert "no files given" in capsys.readouterr().err
