"""The clean SBD samples (samples/sbd-disk, samples/sbd-diskless) are whole clusters: CIB, SBD files,
dump and corosync.conf agree, corosync itself accepts their corosync.conf, and the corosync.conf is
really judged with the rest (changing it to what the CIB and SBD files do not fit is reported)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pcs_lint.config import load
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import SAMPLES
from .corosync_tool import available, corosync_verdict

REGISTRY = load_registry(autoload=False)


def lint_copy(name: str, tmp_path: Path, corosync: str | None = None) -> set[str]:
    copy = tmp_path / name
    shutil.copytree(SAMPLES / name, copy)
    if corosync is not None:
        (copy / "corosync.conf").write_text(corosync)
    plan = build_plan(REGISTRY, load(copy / ".pcs-lint.toml"), CliOptions())
    return {finding.rule for finding in run([str(copy / "cib.xml")], plan).findings}


@pytest.mark.slow  # runs corosync -t
@pytest.mark.skipif(available() is not None, reason=available() or "")
@pytest.mark.parametrize("name", ["sbd-disk", "sbd-diskless"])
def test_corosync_accepts_the_samples_corosync_conf(name):
    verdict = corosync_verdict(SAMPLES / name / "corosync.conf")
    assert not verdict.refused, verdict.message


def test_the_disk_samples_two_nodes_need_two_node(tmp_path):
    text = (SAMPLES / "sbd-disk" / "corosync.conf").read_text()
    assert lint_copy("sbd-disk", tmp_path / "as-is") == set()
    assert "PCS501" in lint_copy("sbd-disk", tmp_path / "no-two-node", text.replace("    two_node: 1\n", ""))


def test_the_diskless_sample_with_a_fourth_node_is_pcs606(tmp_path):
    text = (SAMPLES / "sbd-diskless" / "corosync.conf").read_text()
    fourth = ("    node {\n        ring0_addr: 192.168.122.34\n        name: node4\n        nodeid: 4\n    }\n}\n\nquorum")
    four_nodes = text.replace("}\n\nquorum", fourth, 1)
    assert four_nodes.count("nodeid:") == 4
    assert "PCS606" in lint_copy("sbd-diskless", tmp_path, four_nodes)
