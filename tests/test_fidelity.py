"""docs/fidelity.md is what tools/fidelity_report.py makes of today's pcs-lint and both crm_verify
releases on the corpus; the stored crm_verify 3.0.0 outputs are what 3.0.0 says; and the reasons
given for templates no rule reports hold when checked the way each reason says."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, crm_verify_in_root

TOOLS = ROOT / "tools"


def _tool(name: str):
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))  # the tools import each other by name
    return importlib.import_module(name)


@pytest.fixture(scope="module")
def measured(corpus_dir):
    report = _tool("fidelity_report")
    return report, report.measure_corpus(corpus_dir)


@pytest.mark.corpus
def test_the_document_is_current(measured):
    report, (result, reasons) = measured
    expected = report.render(result, reasons)
    assert (ROOT / "docs" / "fidelity.md").read_text(encoding="utf-8") == expected, (
        "docs/fidelity.md is stale: run tools/fidelity_report.py")


@pytest.mark.corpus
def test_every_template_of_both_releases_has_a_rule_or_a_reason(measured):
    _, (result, reasons) = measured
    rows = result.rows
    assert [(r.release, r.template) for r in result.unmatched] == []
    assert {r.release for r in rows} == {"2.1.5", "3.0.0"}
    # The counts add up: every file that prints a template either agrees or not.
    assert all(r.agree + r.disagree == r.files for r in rows if r.rules)
    assert {r.reason for r in rows if r.reason} <= set(reasons)


@pytest.mark.corpus
def test_on_2_1_5_every_template_a_rule_owns_is_reported_on_the_same_element(measured):
    rows = measured[1][0].rows
    assert [(r.template, r.examples) for r in rows if r.release == "2.1.5" and r.disagree] == []


def test_templates_replace_ids_numbers_times_and_results():
    templates = _tool("crm_verify_templates")
    known = frozenset({"rsc1", "node1", "httpd-bundle", "grp"})
    line = ("(unpack_rsc_op_failure) \twarning: Unexpected result (error: Simulated failure) was recorded "
            "for monitor of rsc1:0 on node1 at Dec 22 19:58:44 2020 | rc=1 id=rsc1_last_failure_0")
    message = templates.reduce(line, known)
    assert message.level == "warning"
    assert message.template == "Unexpected result (<RESULT>) was recorded for <OPERATION> of <ID> on <ID> at <TIME>"
    assert message.names == ("rsc1", "node1")
    # 3.0.0's shorter form of the same kind of line, a derived name and an action key.
    assert templates.reduce("error: Preventing httpd-bundle-clone from restarting on node1 because of hard "
                            "failure (invalid parameter)", known).template == (
        "Preventing <ID> from restarting on <ID> because of hard failure (<RESULT>)")
    assert templates.reduce("(action_for_ordering) \twarning: Not remapping grp_start_0 to grp_running_0 because "
                            "grp does not have remapped action", known).template == (
        "Not remapping <ACTION> to <ACTION> because <ID> does not have remapped action")
    # A word of the sentence that a CIB also uses as an id stays a word.
    assert templates.reduce("warning: Blind faith: not fencing unseen nodes",
                            frozenset({"fencing"})).template == "Blind faith: not fencing unseen nodes"


@pytest.mark.pacemaker
def test_the_stored_3_0_0_outputs_are_what_crm_verify_3_0_0_says(pacemaker3_root, corpus_dir):
    outputs = _tool("crm_verify_outputs")
    stored = outputs.outputs_3_0_0()
    files = dict(outputs.corpus_files(corpus_dir))
    # A few files of each kind: a schema-upgrade input, a scheduler input with status, pcs's, crmsh's.
    sample = ["pacemaker-cts/001-clu-props.xml", "pacemaker-cts/colocation-influence.xml",
              "pacemaker-cts/nagios.xml", "pacemaker-cts/order-wrong-kind.xml", "pcs-tests/cib1.xml",
              "crmsh-tests/001.exp.xml"]
    live = outputs.run_3_0_0(pacemaker3_root, [(key, files[key]) for key in sample])
    assert {key: live[key] for key in sample} == {key: stored[key] for key in sample}


# How each reason says a user can check it: the change to a copy that makes the message go away.
def _without_status(data: bytes) -> bytes:
    return re.sub(rb"<status\b.*?(</status>|/>)", b"", data, count=1, flags=re.S)


def _with_quorum(data: bytes) -> bytes:
    return re.sub(rb"<cib\b", b'<cib have-quorum="1"', data, count=1)


CHECKS = {"status": _without_status, "scheduler": _without_status, "quorum": _with_quorum}


def _reason_cases(rows, release: str):
    return [(row.template, row.examples[0], CHECKS[row.reason]) for row in rows
            if row.release == release and row.reason in CHECKS and not row.rules]


def _reasons_that_fail(cases, corpus_dir: Path, run) -> list[tuple[str, str, str]]:
    """(template, file, what went wrong) where the unchanged file does not print the template (the
    check could not fail) or the changed copy still does (the reason is wrong)."""
    templates, report = _tool("crm_verify_templates"), _tool("fidelity_report")
    failed = []
    for template, key, change in cases:
        data = (corpus_dir / key).read_bytes()
        known = report.known_names(data)  # the original's names: the change removes some
        before, after = ({m.template for m in templates.templates(run(variant).splitlines(), known)}
                         for variant in (data, change(data)))
        if template not in before:
            failed.append((template, key, "not printed by the unchanged file"))
        elif template in after:
            failed.append((template, key, "still printed after the change"))
    return failed


@pytest.mark.slow
@pytest.mark.pacemaker
def test_the_reasons_hold_for_crm_verify_2_1_5(measured, crm_verify, corpus_dir, tmp_path):
    rows = measured[1][0].rows
    target = tmp_path / "cib.xml"

    def run(data: bytes) -> str:
        # As the manifest's retry: 2.1.5 ships no pacemaker-3.10 schema and checks nothing else.
        target.write_bytes(data.replace(b'validate-with="pacemaker-3.10"', b'validate-with="pacemaker-3.9"'))
        done = subprocess.run([crm_verify, "-VV", "-x", str(target)], capture_output=True, text=True, timeout=60)
        return done.stdout + done.stderr

    cases = _reason_cases(rows, "2.1.5")
    assert len(cases) > 40
    assert _reasons_that_fail(cases, corpus_dir, run) == []


@pytest.mark.slow
@pytest.mark.pacemaker
def test_the_reasons_hold_for_crm_verify_3_0_0(measured, pacemaker3_root, corpus_dir):
    rows = measured[1][0].rows

    def run(data: bytes) -> str:
        done = crm_verify_in_root(pacemaker3_root, data)
        return done.stdout + done.stderr

    cases = _reason_cases(rows, "3.0.0")
    assert len(cases) > 40
    assert _reasons_that_fail(cases, corpus_dir, run) == []
