"""NODE= names (--sysconfig, --authkey, the config's [sysconfig] and [authkey] tables) must name a
node of the linted CIBs whenever they name any: a misspelt one is a usage error, exit 2, with a
did-you-mean, instead of a cluster node invented from the file and wrong PCS113/PCS114 findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pcs_lint.testing import cib

from .hostile import run_hostile

REMOTE = '<primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>'
EMPTY_NODES = ""


def files(tmp_path: Path, resources: str = REMOTE, nodes: str | None = None, name: str = "cib.xml") -> Path:
    xml = cib(resources) if nodes is None else cib(resources, nodes=nodes)
    (tmp_path / name).write_text(xml)
    (tmp_path / "remote.env").write_text("PCMK_remote_port=3122\n")
    (tmp_path / "authkey").write_bytes(b"k" * 256)
    return tmp_path / name


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("pcs-lint: error:")]


def test_a_misspelt_sysconfig_node_is_a_usage_error_with_a_suggestion(tmp_path):
    files(tmp_path)
    run = run_hostile(["--isolated", "--sysconfig", "remote-1=remote.env", "cib.xml"], cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sysconfig remote-1=remote.env: 'remote-1' is not a node of the linted CIB; "
        "did you mean 'remote1'?"]
    assert run.stdout == ""  # no report built on a node that does not exist
    # Spelt right, the file is the remote host's and PCS113 judges its port.
    right = run_hostile(["--isolated", "--format", "json", "--sysconfig", "remote1=remote.env", "cib.xml"],
                        cwd=tmp_path, expect=1)
    # (PCS706, info: the cluster nodes have no file, so the check is partial.)
    assert [f["rule"] for f in json.loads(right.stdout)["findings"]] == ["PCS113", "PCS706"]


def test_names_are_matched_exactly_and_authkey_names_too(tmp_path):
    files(tmp_path)
    run = run_hostile(["--isolated", "--authkey", "Node1=authkey", "--authkey", "zzz=authkey", "cib.xml"],
                      cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --authkey Node1=authkey: 'Node1' is not a node of the linted CIB; did you mean 'node1'?",
        "pcs-lint: error: --authkey zzz=authkey: 'zzz' is not a node of the linted CIB",
    ]


def test_the_config_tables_are_checked_too(tmp_path):
    files(tmp_path)
    (tmp_path / "pcs-lint.toml").write_text('[sysconfig]\nremote-1 = "remote.env"\n[authkey]\nnode1 = "authkey"\n')
    run = run_hostile(["--config", "pcs-lint.toml", "cib.xml"], cwd=tmp_path, expect=2)
    [line] = error_lines(run.stderr)
    assert line.endswith("pcs-lint.toml: [sysconfig] remote-1: 'remote-1' is not a node of the linted CIB; "
                         "did you mean 'remote1'?")


def test_a_cib_that_names_no_node_judges_no_node_argument(tmp_path):
    files(tmp_path, resources="", nodes=EMPTY_NODES)
    run_hostile(["--isolated", "--select", "PCS204", "--sysconfig", "whatever=remote.env", "cib.xml"],
                cwd=tmp_path, expect=0)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_name_one_linted_cib_knows_is_known(tmp_path, jobs):
    files(tmp_path, name="a.xml")
    files(tmp_path, resources="", nodes='<node id="9" uname="other"/>', name="b.xml")
    run_hostile(["--isolated", "--jobs", jobs, "--sysconfig", "remote1=remote.env", "a.xml", "b.xml"],
                cwd=tmp_path, expect=1)
    run = run_hostile(["--isolated", "--jobs", jobs, "--sysconfig", "othr=remote.env", "a.xml", "b.xml"],
                      cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sysconfig othr=remote.env: 'othr' is not a node of the linted CIBs; "
        "did you mean 'other'?"]


def test_suggestions_stay_bounded_with_a_huge_bundle(tmp_path):
    # Generated: a bundle of INT_MAX replicas, whose node names are never listed.
    bundle = ('<bundle id="b"><docker image="x" replicas="2147483647"/>'
              '<primitive id="p" class="ocf" provider="heartbeat" type="apache"/></bundle>')
    files(tmp_path, resources=bundle)
    run = run_hostile(["--isolated", "--sysconfig", "b-2147483647=remote.env", "cib.xml"], cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sysconfig b-2147483647=remote.env: 'b-2147483647' is not a node of the linted CIB"]
    run_hostile(["--isolated", "--select", "PCS113", "--sysconfig", "b-2147483646=remote.env", "cib.xml"],
                cwd=tmp_path, expect=0)
