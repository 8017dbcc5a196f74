"""Differential tests: pcs-lint's schema verdict agrees with Pacemaker's crm_verify.

On the corpus, crm_verify 2.1.5's verdicts are recorded in the manifests; every CIB whose
validate-with the installed schemas know (or that has none: both then try every schema) is
compared. Live, crm_verify is run on the PCS903 bad sample and on inline CIBs.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pcs_lint.findings import Severity
from pcs_lint.rules._rng_schemas import locate_schema_dir
from pcs_lint.testing import cib, lint_text

from .conftest import SAMPLES

# slow: runs crm_verify for many cases (the inner loop skips it: -m "not slow")
pytestmark = [pytest.mark.corpus, pytest.mark.pacemaker, pytest.mark.slow]
SETS = ("pacemaker-cts", "pcs-tests", "crmsh-tests")
SCHEMA_CODES = ["PCS903", "PCS201"]  # libxml2 counts duplicate ids as schema errors too
# Files where the verdicts justifiably differ, with the reason. None so far: keep it that way
# unless crm_verify is provably wrong or sees something else than the schema.
DIFFERENCES: dict[str, str] = {}


def crm_verify_says_invalid(lines: list[str]) -> bool:
    return any("Relax-NG validity error" in line or "did not pass schema validation" in line
               for line in lines)


def pcs_lint_says_invalid(data: bytes, schema_dir: Path) -> bool:
    findings = lint_text(data, select=SCHEMA_CODES, schema_dir=str(schema_dir))
    return any(f.severity == Severity.ERROR for f in findings)


def comparable_records(corpus_dir: Path, schema_dir: Path):
    directory = locate_schema_dir(str(schema_dir))
    for name in SETS:
        with open(corpus_dir / f"{name}.manifest.jsonl", encoding="utf-8") as manifest:
            for line in manifest:
                record = json.loads(line)
                version = record["validate_with"]
                if record["root_element"] != "cib":
                    continue  # <diff> patchsets: PCS002
                if version is not None and not directory.knows(version):
                    continue  # "none" (PCS901) or newer than the installed schemas
                yield name, record


def test_corpus_verdicts_agree_with_crm_verify(corpus_dir, pacemaker_schema_dir):
    compared, differing = 0, {}
    for name, record in comparable_records(corpus_dir, pacemaker_schema_dir):
        data = (corpus_dir / name / record["file"]).read_bytes()
        expected = crm_verify_says_invalid(record["crm_verify"])
        actual = pcs_lint_says_invalid(data, pacemaker_schema_dir)
        compared += 1
        if expected != actual:
            differing[f"{name}/{record['file']}"] = f"crm_verify invalid={expected}, pcs-lint invalid={actual}"
    assert compared > 900
    assert differing.keys() == DIFFERENCES.keys(), differing


def test_corpus_files_without_validate_with_fail_like_crm_verify(corpus_dir, pacemaker_schema_dir):
    # crmsh's expected-output CIBs have no validate-with and validate against no schema:
    # crm_verify lists Relax-NG errors for each; pcs-lint reports them against the newest.
    undeclared = [(n, r) for n, r in comparable_records(corpus_dir, pacemaker_schema_dir)
                  if r["validate_with"] is None]
    assert len(undeclared) >= 6
    for name, record in undeclared:
        findings = lint_text((corpus_dir / name / record["file"]).read_bytes(), select=["PCS903"],
                             schema_dir=str(pacemaker_schema_dir))
        assert [f for f in findings if f.severity == Severity.ERROR], record["file"]
        assert all("declares no validate-with" in f.message for f in findings)


def run_crm_verify(crm_verify: str, path: Path) -> bool:
    result = subprocess.run([crm_verify, "-V", "--xml-file", str(path)], capture_output=True,
                            text=True, timeout=60, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    return crm_verify_says_invalid((result.stdout + result.stderr).splitlines())


WEB = '      <primitive id="web" class="ocf" provider="heartbeat" type="apache"{}/>'
LIVE_CASES = {
    "valid": cib(resources=WEB.format("")),
    "unknown-attribute": cib(resources=WEB.format(' foo="1"')),
    "bad-score": cib(resources=WEB.format(""),
                     constraints='      <rsc_location id="loc" rsc="web" node="node1" score="lots"/>'),
    "bad-node-type": cib(nodes='<node id="1" uname="node1" type="weird"/>'),
    "old-version-valid": cib(resources=WEB.format(""), validate_with="pacemaker-2.0"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(LIVE_CASES))
def test_live_verdicts_agree_with_crm_verify(case, tmp_path, crm_verify, pacemaker_schema_dir):
    path = tmp_path / "cib.xml"
    path.write_text(LIVE_CASES[case], encoding="utf-8")
    assert run_crm_verify(crm_verify, path) == pcs_lint_says_invalid(path.read_bytes(), pacemaker_schema_dir)


@pytest.mark.slow
def test_bad_sample_is_invalid_for_crm_verify_too(crm_verify, pacemaker_schema_dir):
    sample = SAMPLES / "bad" / "PCS903-schema-invalid.xml"
    assert run_crm_verify(crm_verify, sample) is True
    assert pcs_lint_says_invalid(sample.read_bytes(), pacemaker_schema_dir) is True
