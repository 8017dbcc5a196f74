"""One file named twice is linted once; the JUnit failures are the findings the exit code counts."""

from __future__ import annotations

import os
import shutil

import pytest
from lxml import etree

from pcs_lint.cli import main

from .conftest import SAMPLES


def run(capsys, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", *args])
    return exit_info.value.code, capsys.readouterr().out


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "cluster").mkdir()
    shutil.copy(SAMPLES / "bad" / "PCS201-duplicate-id.xml", tmp_path / "cluster" / "cib.xml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("names", [
    (".", "cluster/cib.xml"),
    ("cluster/cib.xml", "./cluster/cib.xml", "cluster/../cluster/cib.xml"),
    ("cluster/cib.xml", "link.xml"),
])
def test_a_file_named_twice_is_linted_once(capsys, project, names):
    os.symlink("cluster/cib.xml", "link.xml")
    code, out = run(capsys, *names)
    assert code == 1
    assert out.count(" PCS201 ") == 1 and out.splitlines()[-1].endswith("in 1 file.")


def test_junit_fails_exactly_what_the_exit_code_counts(capsys, project):
    shutil.copy(SAMPLES / "bad" / "PCS305-no-quorum-policy.xml", "cluster/warn.xml")  # a warning
    code, out = run(capsys, "--format", "junit", "--fail-on", "error", "cluster/warn.xml")
    root = etree.fromstring(out.encode())
    assert code == 0 and root.get("failures") == "0" and not root.findall(".//failure")
    cases = [case for case in root.iter("testcase") if case.find("system-out") is not None]
    assert len(cases) == 1 and "PCS305" in cases[0].get("name") and "PCS305" in cases[0].findtext("system-out")
    code, out = run(capsys, "--format", "junit", "cluster/warn.xml")  # --fail-on warning: it fails
    root = etree.fromstring(out.encode())
    assert code == 1 and root.get("failures") == "1" and root.find(".//failure").get("type") == "warning"
