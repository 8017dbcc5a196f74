"""PCS301 agrees with crm_verify's "no STONITH resources have been defined" on the corpus.

Each corpus manifest records what crm_verify 2.1.5 (`crm_verify -x FILE -VV`) printed for each
file. For every file whose verdict can be read from the manifest, PCS301 must fire exactly when
crm_verify printed the message, except for these justified differences:

- The file sets `fencing-enabled` (404 pacemaker-cts files, the 6 crmsh files): the development
  branch's name for the switch. No reference release reads it, so pcs-lint now agrees with
  crm_verify there (the exception is kept for a target release that knows the name).

Files whose verdict cannot be read are skipped, with a reason:
- crm_verify stopped at "CIB did not pass schema validation" and never reached the check (the
  pacemaker-3.10 files are judged by the manifest's retry as pacemaker-3.9 instead);
- the recorded output was cut at 40 lines before the message could appear.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pcs_lint.config import Config
from pcs_lint.engine import lint_bytes
from pcs_lint.model import build_index
from pcs_lint.parse import XmlRejection, parse_xml
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry

# slow: lints the whole corpus against the verdicts crm_verify recorded (the inner loop skips it)
pytestmark = pytest.mark.slow

MESSAGE = "no STONITH resources have been defined"
SETS = ("pacemaker-cts", "pcs-tests", "crmsh-tests")


def crm_verify_verdict(record: dict) -> bool | None:
    """True/False when crm_verify's output says whether it asked for a fence device, else None."""
    result = record.get("crm_verify_retry_newest_schema") or record
    output = result["crm_verify"]
    if any(MESSAGE in line for line in output):
        return True
    if any("did not pass schema validation" in line for line in output):
        return None
    if result["crm_verify_lines_total"] > len(output):
        return None
    return False


def sets_fencing_enabled(data: bytes) -> bool:
    parsed = parse_xml(data)
    if isinstance(parsed, XmlRejection):
        return False
    return "fencing-enabled" in build_index(parsed.root).cluster_options


@pytest.fixture(scope="module")
def plan():
    return build_plan(load_registry(autoload=False), Config(), CliOptions(select=("PCS301",)))


@pytest.mark.parametrize("corpus_set", SETS)
def test_pcs301_matches_crm_verify(corpus_dir: Path, plan, corpus_set: str):
    manifest = corpus_dir / f"{corpus_set}.manifest.jsonl"
    outcomes: Counter[str] = Counter()
    unexplained = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        data = (corpus_dir / corpus_set / record["file"]).read_bytes()
        ours = [f.rule for f in lint_bytes(data, record["file"], plan)]
        assert set(ours) <= {"PCS301"}, f"{record['file']}: {ours}"
        fired = bool(ours)
        expected = crm_verify_verdict(record)
        if expected is None:
            outcomes["undecided"] += 1
        elif fired == expected:
            outcomes[f"agree-{fired}"] += 1
        elif expected and sets_fencing_enabled(data):
            outcomes["fencing-enabled"] += 1
        else:
            unexplained.append((record["file"], "crm_verify" if expected else "pcs-lint"))
    assert unexplained == []
    # The comparison must have compared something in each direction where the set allows it.
    assert outcomes["agree-True"] > 0
    if corpus_set != "crmsh-tests":
        assert outcomes["agree-False"] > 0


def test_verdict_reading():
    record = {"crm_verify": ["x", f"error: Resource start-up disabled since {MESSAGE}"], "crm_verify_lines_total": 2}
    assert crm_verify_verdict(record) is True
    assert crm_verify_verdict({"crm_verify": ["ok"], "crm_verify_lines_total": 1}) is False
    assert crm_verify_verdict({"crm_verify": ["ok"], "crm_verify_lines_total": 90}) is None
    schema = {"crm_verify": ["(main) error: CIB did not pass schema validation"], "crm_verify_lines_total": 1}
    assert crm_verify_verdict(schema) is None
    assert crm_verify_verdict({**schema, "crm_verify_retry_newest_schema": record | {"crm_verify_lines_total": 2}}) is True
