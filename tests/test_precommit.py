"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit against a temporary git
repository: it fails on a bad CIB, passes once the CIB is fixed, and leaves other XML alone.

pre-commit builds the hook's environment from the committed HEAD of this repository (a clone, so
uncommitted work in the tree never leaks in) and pip-installs it, so this needs PyPI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow

PRE_COMMIT = shutil.which("pre-commit", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
GIT = shutil.which("git")

if not PRE_COMMIT or not GIT:
    pytest.skip("pre-commit or git is not installed", allow_module_level=True)


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run([GIT, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """A clone of this repository's HEAD: what a user's pre-commit would fetch."""
    if not (ROOT / ".git").exists():
        pytest.skip("the project is not a git checkout")
    clone = tmp_path_factory.mktemp("hook") / "pcs-lint"
    subprocess.run([GIT, "clone", "--quiet", str(ROOT), str(clone)], check=True, capture_output=True)
    if not (clone / ".pre-commit-hooks.yaml").exists():
        pytest.skip(".pre-commit-hooks.yaml is not committed yet")
    return clone


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(project: Path, hook_repo: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("PCS_LINT_DISABLE_PLUGIN_AUTOLOAD", None)
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo), "pcs-lint", "--all-files", "--color", "never"],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


def test_the_hook_fails_on_a_bad_cib_and_passes_once_fixed(tmp_path, hook_repo, pre_commit_home):
    project = tmp_path / "cluster-config"
    project.mkdir()
    git("init", "--quiet", cwd=project)
    shutil.copy(SAMPLES / "bad" / "PCS201-duplicate-id.xml", project / "cib.xml")
    (project / "site").mkdir()
    (project / "site" / "notes.xml").write_text("<this is not even XML")  # outside `files`: never linted
    git("add", "-A", cwd=project)

    failed = try_repo(project, hook_repo, pre_commit_home)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert re.search(r"pcs-lint \(Pacemaker CIB\)\.+Failed", output), output
    assert "cib.xml:28:7: PCS201 id 'web'" in output
    assert "notes.xml" not in output
    assert "Traceback" not in output

    fixed = (SAMPLES / "bad" / "PCS201-duplicate-id.xml").read_text().replace(
        '<primitive id="web" class="ocf" provider="heartbeat" type="nginx">',
        '<primitive id="web-nginx" class="ocf" provider="heartbeat" type="nginx">')
    (project / "cib.xml").write_text(fixed)
    git("add", "-A", cwd=project)
    passed = try_repo(project, hook_repo, pre_commit_home)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert re.search(r"pcs-lint \(Pacemaker CIB\)\.+Passed", output), output


def test_the_default_files_pattern():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    pattern = re.search(r"^  files: (.+)$", text, re.M).group(1)
    matches = re.compile(pattern).search
    for name in ("cib.xml", "cluster/cib.xml", "prod.cib.xml", "cib-prod.xml", "x/cluster_cib.xml"):
        assert matches(name), name
    for name in ("notes.xml", "cibadmin.xml", "cib.xml.bak", "fabric.xml", "cib/other.xml"):
        assert not matches(name), name
    assert re.search(r"^  require_serial: true$", text, re.M)
    assert re.search(r"^  entry: pcs-lint --force-exclude$", text, re.M) and re.search(r"^  language: python$", text, re.M)


def test_a_changed_environment_file_reruns_the_cross_file_checks(tmp_path, hook_repo, pre_commit_home):
    """With the node files added to `files`, committing only a node's environment file re-lints
    the CIBs named in the config's `files`, so a port mismatch it introduces is caught."""
    project = tmp_path / "cluster-config"
    shutil.copytree(SAMPLES / "clean", project)
    revision = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    (project / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_repo}\n"
        f"    rev: {revision}\n"
        "    hooks:\n"
        "      - id: pcs-lint\n"
        r"        files: (^|/)(cib\.xml|env/.*\.sysconfig)$" "\n"
    )
    git("init", "--quiet", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "--quiet", "-m", "cluster configuration", cwd=project)

    env_file = project / "env" / "remote1.sysconfig"
    env_file.write_text(env_file.read_text().replace("PCMK_remote_port=3121", "PCMK_remote_port=3122"))
    git("add", "env/remote1.sysconfig", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("PCS_LINT_DISABLE_PLUGIN_AUTOLOAD", None)
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run([PRE_COMMIT, "run", "--color", "never"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "PCS113" in output and "remote1" in output and "3122" in output, output
    assert "Traceback" not in output


README_URL = "https://example.invalid/pcs-lint"


def readme_recipes() -> dict[str, str]:
    """The README's two .pre-commit-config.yaml examples, by the kind of repo they use."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    recipes = re.findall(r"^```yaml\n(.*?)^```", section, re.M | re.S)
    return {("local" if "repo: local" in recipe else "remote"): recipe for recipe in recipes}


@pytest.fixture(scope="module")
def tagged_hook_repo(hook_repo) -> Path:
    """The clone with the tag the README's recipes name, made here only: the project's own
    repository may have no tag yet (the README says which revision to use then)."""
    rev = re.search(r"rev: (\S+)", readme_recipes()["remote"]).group(1)
    if rev not in git("tag", "--list", cwd=hook_repo).split():
        git("tag", rev, cwd=hook_repo)
    return hook_repo


@pytest.mark.parametrize("kind", ["remote", "local"])
def test_the_readme_recipes_run_verbatim(kind, tmp_path, tagged_hook_repo, pre_commit_home):
    recipes = readme_recipes()
    assert set(recipes) == {"remote", "local"}
    # The only substitution the README asks for: this repository's URL.
    url = str(tagged_hook_repo) if kind == "remote" else tagged_hook_repo.as_uri()
    config = recipes[kind].replace(README_URL, url)
    assert README_URL in recipes[kind] and "example.invalid" not in config
    project = tmp_path / "cluster-config"
    project.mkdir()
    git("init", "--quiet", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(config)
    shutil.copy(SAMPLES / "bad" / "PCS201-duplicate-id.xml", project / "cib.xml")
    git("add", "-A", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    env.pop("PCS_LINT_DISABLE_PLUGIN_AUTOLOAD", None)
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run([PRE_COMMIT, "run", "--all-files", "--color", "never"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"pcs-lint \(Pacemaker CIB\)\.+Failed", output), output
    assert "cib.xml:28:7: PCS201 id 'web'" in output
    assert "Traceback" not in output
