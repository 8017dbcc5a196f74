"""Every real-world CIB in ../shared/corpus lints with exit 0 or 1: no rule crashes (PCS000), no
traceback, and no file is touched. Skipped only when the corpus is absent."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pcs_lint.config import Config
from pcs_lint.engine import lint_bytes
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry

pytestmark = pytest.mark.corpus

SETS = ("pacemaker-cts", "pcs-tests", "crmsh-tests")


def corpus_files(corpus_dir: Path, name: str) -> list[Path]:
    files = sorted((corpus_dir / name).glob("*.xml"))
    assert files, f"corpus set {name} is empty"
    return files


@pytest.fixture(scope="module")
def plan():
    registry = load_registry(autoload=False)
    assert registry.errors == ()
    return build_plan(registry, Config(), CliOptions())


@pytest.mark.parametrize("name", SETS)
def test_every_file_lints_without_an_internal_error(corpus_dir, plan, name):
    crashed: dict[str, list[str]] = {}
    for path in corpus_files(corpus_dir, name):
        findings = lint_bytes(path.read_bytes(), path.name, plan)
        internal = [f.message for f in findings if f.rule == "PCS000"]
        if internal:
            crashed[path.name] = internal
    assert not crashed, f"{len(crashed)} files crash a rule: {dict(list(crashed.items())[:5])}"


def test_the_manifest_counts_match(corpus_dir):
    # The manifest is the corpus's own index: a file missing here would silently shrink the test.
    for name in SETS:
        manifest = corpus_dir / f"{name}.manifest.jsonl"
        listed = {json.loads(line)["file"] for line in manifest.read_text().splitlines() if line.strip()}
        assert listed == {p.name for p in corpus_files(corpus_dir, name)}


def test_patchsets_in_the_corpus_are_not_a_cib(corpus_dir, plan):
    # cts/cli holds two <diff> patchsets: PCS002, and nothing else.
    manifest = corpus_dir / "pacemaker-cts.manifest.jsonl"
    records = [json.loads(line) for line in manifest.read_text().splitlines() if line.strip()]
    diffs = [r["file"] for r in records if r.get("root_element") == "diff"]
    assert diffs
    for name in diffs:
        path = corpus_dir / "pacemaker-cts" / name
        assert [f.rule for f in lint_bytes(path.read_bytes(), name, plan)] == ["PCS002"]


@pytest.mark.slow
def test_the_cli_over_every_file_at_once(corpus_dir):
    files = [str(p) for name in SETS for p in corpus_files(corpus_dir, name)]
    sample = [Path(f) for f in files[:: max(1, len(files) // 25)]]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sample}
    completed = subprocess.run(
        [sys.executable, "-m", "pcs_lint", "--isolated", "--format", "json", *files],
        capture_output=True, text=True, timeout=900,
    )
    assert "Traceback" not in completed.stderr
    assert completed.returncode in (0, 1), completed.stderr[-2000:]
    report = json.loads(completed.stdout)
    assert report["summary"]["files"] == len(files)
    assert report["summary"]["errors"] == []
    assert not [f for f in report["findings"] if f["rule"] == "PCS000"]
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sample}
    assert after == before
