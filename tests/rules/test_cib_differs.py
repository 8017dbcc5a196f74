"""PCS707 cib-differs: report bundles of one cluster with different CIBs."""

from __future__ import annotations

import shutil

import pytest

from pcs_lint.cli import main
from pcs_lint.testing import line_of

from ..conftest import SAMPLES

SAMPLE = SAMPLES / "bad" / "PCS707-cib-differs"
CIB = "sos_commands/pacemaker/crm_report/{node}/cib.xml"


def lint(capsys, *paths: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["--isolated", "--color", "never", "--select", "PCS707", "-q", *paths])
    # the finding's line (its hint follows on the next)
    return exit_info.value.code, capsys.readouterr().out.split("\n    hint:")[0]


@pytest.fixture
def bundles(tmp_path, monkeypatch):
    for node in ("node1", "node2"):
        shutil.copytree(SAMPLE / f"sosreport-{node}", tmp_path / f"sosreport-{node}", symlinks=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cib_of(directory, node):
    return directory / f"sosreport-{node}" / CIB.format(node=node)


def test_an_older_copy_without_a_constraint_is_reported_on_the_newest(capsys, bundles):
    code, out = lint(capsys, "sosreport-node1", "sosreport-node2")
    newest = "sosreport-node1/" + CIB.format(node="node1")
    assert code == 1
    assert out.startswith(f"{newest}:{line_of(cib_of(bundles, 'node1').read_text(), '<cib')}: PCS707 ")
    assert "node2's copy (sosreport-node2/sos_commands/pacemaker/crm_report/node2/cib.xml, admin_epoch 0, " \
           "epoch 7, num_updates 12) differs in <constraints>" in out
    # The order given does not change which copy is linted.
    assert lint(capsys, "sosreport-node2", "sosreport-node1")[1] == out


def test_counters_status_whitespace_and_comments_do_not_count(capsys, bundles):
    older, newer = cib_of(bundles, "node2"), cib_of(bundles, "node1")
    text = newer.read_text()
    text = text.replace('epoch="9" num_updates="0"', 'epoch="7" num_updates="12" cib-last-written="Fri Nov 27"')
    text = text.replace("<constraints>", "<constraints>\n\n   <!-- a comment -->")
    text = text.replace("</configuration>", "</configuration>\n  <status><node_state id=\"1\"/></status>")
    older.write_text(text)
    assert lint(capsys, "sosreport-node1", "sosreport-node2") == (0, "")


def test_a_schema_change_is_a_difference(capsys, bundles):
    older = cib_of(bundles, "node2")
    older.write_text(cib_of(bundles, "node1").read_text().replace('epoch="9"', 'epoch="8"')
                     .replace('validate-with="pacemaker-3.9"', 'validate-with="pacemaker-3.7"'))
    code, out = lint(capsys, "sosreport-node1", "sosreport-node2")
    assert code == 1 and "differs in the <cib> attributes validate-with;" in out


def test_one_bundle_or_an_unreadable_copy_says_nothing(capsys, bundles):
    assert lint(capsys, "sosreport-node1") == (0, "")
    cib_of(bundles, "node2").write_text("<cib")
    assert lint(capsys, "sosreport-node1", "sosreport-node2") == (0, "")
