"""The CI examples in docs/ci/ run: every pcs-lint command line in them is executed for real
against a copy of the bundled sample cluster laid out as those files expect (cluster/)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLES

yaml = pytest.importorskip("yaml")
DOCS = ROOT / "docs" / "ci"


def pcs_lint_steps(document) -> list[tuple[str, str]]:
    """(working directory, command) for each pcs-lint command of a GitHub or GitLab file."""
    steps = []
    if "jobs" in document:  # GitHub Actions
        for job in document["jobs"].values():
            for step in job["steps"]:
                for line in str(step.get("run", "")).splitlines():
                    if line.strip().startswith("pcs-lint"):
                        steps.append((step.get("working-directory", "."), line.strip()))
    else:  # GitLab CI
        for job in document.values():
            directory = "."
            for line in job.get("script", []):
                if line.startswith("cd "):
                    directory = line[3:].strip()
                elif line.startswith("pcs-lint"):
                    steps.append((directory, line))
    return steps


@pytest.fixture
def repository(tmp_path):
    shutil.copytree(SAMPLES / "clean", tmp_path / "cluster")
    return tmp_path


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_every_pcs_lint_command_runs(repository, name):
    document = yaml.safe_load((DOCS / name).read_text())
    steps = pcs_lint_steps(document)
    assert len(steps) >= 2
    for directory, command in steps:
        argv = [sys.executable, "-m", "pcs_lint", *shlex.split(command)[1:]]
        result = subprocess.run(argv, cwd=repository / directory, capture_output=True, text=True, check=False)
        assert result.returncode == 0, (command, result.stderr)
        assert "Traceback" not in result.stderr


def test_github_example_writes_valid_sarif(repository):
    document = yaml.safe_load((DOCS / "github-actions.yml").read_text())
    directory, command = pcs_lint_steps(document)[0]
    subprocess.run([sys.executable, "-m", "pcs_lint", *shlex.split(command)[1:]], cwd=repository / directory, check=True)
    sarif = json.loads((repository / "pcs-lint.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    upload = next(s for s in document["jobs"]["pcs-lint"]["steps"] if "upload-sarif" in str(s.get("uses")))
    assert upload["with"]["sarif_file"] == "pcs-lint.sarif"


def test_gitlab_example_writes_the_reports_it_declares(repository):
    document = yaml.safe_load((DOCS / "gitlab-ci.yml").read_text())
    for directory, command in pcs_lint_steps(document):
        subprocess.run([sys.executable, "-m", "pcs_lint", *shlex.split(command)[1:]], cwd=repository / directory, check=True)
    reports = document["pcs-lint"]["artifacts"]["reports"]
    assert json.loads((repository / reports["codequality"]).read_text()) == []
    assert (repository / reports["junit"]).read_text().startswith("<?xml")


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_the_install_works_before_pcs_lint_is_published(name):
    """`pip install pcs-lint` fails until the package is on PyPI: the examples install from the
    repository, at the revision the README's pre-commit recipe uses, and say so."""
    text = (DOCS / name).read_text()
    installs = [line.strip().lstrip("- ") for line in text.splitlines()
                if "pip install" in line and not line.strip().startswith("#")]
    assert installs == ['pip install "pcs-lint @ git+https://example.invalid/pcs-lint@v0.1.0"']
    assert "not on PyPI yet" in text and "Once published: pip install pcs-lint" in text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "git+https://example.invalid/pcs-lint@v0.1.0" in readme
