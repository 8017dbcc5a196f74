"""The pcs commands in the corosync.conf findings' hints really fix them: run offline on a copy
with pcs 0.11.5's ``--corosync_conf=FILE`` and lint the copy again.

Only ``pcs quorum update`` and ``pcs cluster config update`` edit a corosync.conf file offline;
the other commands hints name (``pcs cluster reload corosync``, ``pcs quorum device ...``,
``pcs cluster link update``) need a live cluster and are not run here.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from pcs_lint.config import Config
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import SAMPLES

PCS = shutil.which("pcs")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(PCS is None, reason="pcs is not installed (apt-get install pcs)")]
OFFLINE = ("pcs quorum update", "pcs cluster config update")
PLAN = build_plan(load_registry(autoload=False), Config(), CliOptions())


def lint(path: Path):
    return run([str(path)], PLAN).findings


def offline_commands(finding) -> list[str]:
    """The finding's fix, when pcs can apply all of it to a file (no live cluster needed)."""
    commands = list(finding.fix.commands) if finding.fix is not None else []
    return commands if commands and all(c.startswith(OFFLINE) for c in commands) else []


CASES = [(sample, finding) for sample in sorted((SAMPLES / "bad").glob("PCS5*.conf"))
         for finding in lint(sample) if offline_commands(finding)]


def test_some_hints_are_checked_here():
    assert {finding.rule for _, finding in CASES} >= {"PCS503", "PCS509"}


@pytest.mark.parametrize(("sample", "finding"), CASES, ids=[f"{s.name}:{f.line}" for s, f in CASES])
def test_the_hint_fixes_the_finding(sample, finding, tmp_path):
    copy = tmp_path / "corosync.conf"
    copy.write_bytes(sample.read_bytes())
    for command in offline_commands(finding):
        words = shlex.split(command)
        done = subprocess.run([PCS, f"--corosync_conf={copy}", *words[1:]], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, (command, done.stderr)
    assert finding.rule not in {f.rule for f in lint(copy)}, copy.read_text()


SETUPS = {
    "two-nodes": ["c2", "node1", "addr=10.0.0.1", "node2", "addr=10.0.0.2"],
    "three-nodes-two-links-quorum-options": [
        "c3", "node1", "addr=10.0.0.1", "addr=10.1.0.1", "node2", "addr=10.0.0.2", "addr=10.1.0.2",
        "node3", "addr=10.0.0.3", "addr=10.1.0.3", "transport", "knet", "link", "linknumber=0", "link_priority=1",
        "ping_interval=1000", "ping_timeout=2000", "link", "linknumber=1", "compression", "model=zlib",
        "totem", "token=5000", "join=60", "quorum", "auto_tie_breaker=1", "wait_for_all=1",
        "last_man_standing=1", "last_man_standing_window=20000"],
    "udpu": ["cu", "node1", "addr=10.0.0.1", "node2", "addr=10.0.0.2", "transport", "udpu"],
}


@pytest.mark.parametrize("name", sorted(SETUPS))
def test_what_pcs_cluster_setup_writes_is_clean(name, tmp_path):
    """Every key pcs 0.11.5 writes is known (totem.cluster_uuid among them) and its choices are
    not reported, but for the deprecated transport the user asked for."""
    conf = tmp_path / "corosync.conf"
    done = subprocess.run([PCS, "cluster", "setup", *SETUPS[name], "--corosync_conf", str(conf)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "cluster_uuid" in conf.read_text()
    expected = {"PCS507"} if name == "udpu" else set()
    assert {f.rule for f in lint(conf)} == expected
