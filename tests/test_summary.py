"""The summary line and exit code say what happened: unread inputs are counted, a misspelt
command is not taken for a missing file, and a directory with nothing to lint is an error."""

from __future__ import annotations

import shutil

import pytest

from .conftest import SAMPLES
from .hostile import run_hostile


def test_a_missing_file_is_not_a_clean_run(tmp_path):
    run = run_hostile(["nosuch.xml"], cwd=tmp_path, expect=2)
    assert "No problems found" not in run.stdout
    assert run.stdout == "Nothing was linted: 1 input could not be read.\n"
    assert "nosuch.xml: no such file" in run.stderr


def test_unread_inputs_are_counted_beside_the_findings(tmp_path):
    shutil.copy(SAMPLES / "bad" / "PCS201-duplicate-id.xml", tmp_path / "cib.xml")
    shutil.copy(SAMPLES / "clean" / "cib.xml", tmp_path / "clean.xml")
    run = run_hostile(["cib.xml", "gone.xml", "gone2.xml"], cwd=tmp_path, expect=2)
    assert run.stdout.splitlines()[-1].endswith("in 1 file; 2 inputs could not be read.")
    run = run_hostile(["clean.xml", "gone.xml"], cwd=tmp_path, expect=2)
    assert run.stdout.splitlines()[-1] == "No problems found in 1 file; 1 input could not be read."


@pytest.mark.parametrize(("typo", "command"), [("chek", "check"), ("rule", "rules"), ("explian", "explain")])
def test_a_misspelt_command_is_named(tmp_path, typo, command):
    shutil.copy(SAMPLES / "clean" / "cib.xml", tmp_path / "cib.xml")
    run = run_hostile([typo, "cib.xml"], cwd=tmp_path, expect=2)
    assert run.stderr == f"pcs-lint: error: '{typo}' is neither a command nor a file: did you mean '{command}'?\n"
    assert run.stdout == ""


def test_a_file_named_like_a_command_is_still_a_file(tmp_path):
    shutil.copy(SAMPLES / "clean" / "cib.xml", tmp_path / "chek")
    assert run_hostile(["chek"], cwd=tmp_path, expect=0).stdout == "No problems found in 1 file.\n"
    run = run_hostile(["rules.xml"], cwd=tmp_path, expect=2)  # missing, and a file name: no guess
    assert "did you mean" not in run.stderr and "rules.xml: no such file" in run.stderr


def test_a_directory_with_nothing_to_lint_fails(tmp_path):
    (tmp_path / "cluster").mkdir()
    (tmp_path / "cluster" / "notes.txt").write_text("not a CIB")
    run = run_hostile(["cluster"], cwd=tmp_path, expect=2)
    assert run.stderr == "pcs-lint: error: cluster: no *.xml file to lint in this directory\n"
    (tmp_path / "cluster" / "old.xml").write_text("<cib/>")
    run = run_hostile(["--exclude", "old.xml", "cluster"], cwd=tmp_path, expect=2)
    assert "cluster: no *.xml file to lint in this directory (some were skipped or excluded)" in run.stderr
    # A directory holding a CIB beside an empty one: the empty one named is still an error.
    (tmp_path / "empty").mkdir()
    assert run_hostile(["cluster", "empty"], cwd=tmp_path, expect=2).stderr.count("no *.xml file") == 1


@pytest.mark.parametrize("command", ["check", "graph", "explain"])
def test_help_names_what_options_take_not_python_types(tmp_path, command):
    text = run_hostile([command, "--help"], cwd=tmp_path, expect=0, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"}).stdout
    options = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("-"))
    for leak in ("<path>", "<str>", "<int range>"):  # typer shows an argument's type; options name theirs
        assert leak not in options, leak
    assert "[[PATH]" not in text
