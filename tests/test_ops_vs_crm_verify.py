"""PCS404 duplicate-operation against crm_verify 2.1.5 on the Pacemaker regression corpus.

crm_verify reports "Operation X is duplicate of Y" only while scheduling recurring actions, so
only for CIBs with a status section. On every such file of ../shared/corpus/pacemaker-cts,
PCS404's recurring duplicates must be exactly the ops crm_verify names (the manifest keeps
crm_verify's output). Justified differences:

* duplicates with interval 0 (two ``start`` ops, say): Pacemaker silently uses the first and
  crm_verify never says so; PCS404 reports them, and they never appear in crm_verify's output;
* files whose crm_verify output was cut at 40 lines: crm_verify's list may be incomplete there,
  so only "everything crm_verify names is found" is checked;
* ``JUSTIFIED``: files where the two may differ for a stated reason (none at present).

At the time of writing: 857 files with a status section, recurring duplicates identical on all
857 (48 PCS404 findings over 45 files, of which 7 are interval-0 duplicates).
"""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from pcs_lint.config import Config
from pcs_lint.engine import lint_bytes
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry

# slow: lints the whole corpus against the verdicts crm_verify recorded (the inner loop skips it)
pytestmark = pytest.mark.slow

DUPLICATE = re.compile(r"Operation (\S+) is duplicate of (\S+)")
JUSTIFIED: dict[str, str] = {}


def _files_with_status(corpus):
    manifest = corpus / "pacemaker-cts.manifest.jsonl"
    for line in manifest.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        data = (corpus / "pacemaker-cts" / record["file"]).read_bytes()
        if record["root_element"] != "cib" or b"<status" not in data:
            continue
        status = etree.fromstring(data).find("status")
        if status is not None and len(status):
            yield record, data


def test_duplicate_operations_agree_with_crm_verify(corpus_dir):
    plan = build_plan(load_registry(autoload=False), Config(), CliOptions(select=("PCS404",)))
    compared = agreed = named = 0
    for record, data in _files_with_status(corpus_dir):
        name = record["file"]
        theirs = {m.group(1) for text in record["crm_verify"] for m in [DUPLICATE.search(text)] if m}
        findings = [f for f in lint_bytes(data, name, plan) if f.rule == "PCS404"]
        recurring = {f.object_id for f in findings if " every " in f.message}
        non_recurring = {f.object_id for f in findings if "with interval 0" in f.message}
        assert not (non_recurring & theirs), name
        compared += 1
        named += bool(theirs)
        if name in JUSTIFIED:
            continue
        if record["crm_verify_lines_total"] > len(record["crm_verify"]):
            assert theirs <= recurring, name  # output cut: crm_verify may have said more
        else:
            assert recurring == theirs, name
        agreed += recurring == theirs
    # Guards the comparison itself: without crm_verify duplicates it would prove nothing.
    assert compared > 0 and named > 0
    print(f"PCS404 vs crm_verify: {agreed}/{compared} files with a status section agree")

