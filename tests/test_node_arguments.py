"""NODE= names (--sysconfig, --authkey, --sbd, --corosync NODE=, the config's [sysconfig], [authkey], [sbd] and [corosync] tables) must name a
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


SBD_FILE = "SBD_WATCHDOG_TIMEOUT=5\n"
COROSYNC_TWO_NODES = ("totem {\n    version: 2\n    cluster_name: c\n}\nnodelist {\n"
                      "    node {\n        name: alpha\n        nodeid: 1\n        ring0_addr: 10.0.0.1\n    }\n"
                      "    node {\n        name: beta\n        nodeid: 2\n        ring0_addr: 10.0.0.2\n    }\n}\n"
                      "quorum {\n    provider: corosync_votequorum\n    two_node: 1\n}\n")


def test_a_misspelt_sbd_node_is_a_usage_error_with_a_suggestion(tmp_path):
    files(tmp_path)
    (tmp_path / "node1.sbd").write_text(SBD_FILE)
    run = run_hostile(["--isolated", "--sbd", "nod1=node1.sbd", "cib.xml"], cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sbd nod1=node1.sbd: 'nod1' is not a node of the linted CIB; did you mean 'node1'?"]
    assert run.stdout == ""
    run_hostile(["--isolated", "--sbd", "node1=node1.sbd", "cib.xml"], cwd=tmp_path, expect=0)


def test_the_config_sbd_table_is_checked_too(tmp_path):
    files(tmp_path)
    (tmp_path / "node1.sbd").write_text(SBD_FILE)
    (tmp_path / "pcs-lint.toml").write_text('[sbd]\nnode1 = "node1.sbd"\nNODE2 = "node1.sbd"\n')
    run = run_hostile(["--config", "pcs-lint.toml", "cib.xml"], cwd=tmp_path, expect=2)
    [line] = error_lines(run.stderr)
    assert line.endswith("pcs-lint.toml: [sbd] NODE2: 'NODE2' is not a node of the linted CIB; did you mean 'node2'?")


def test_sbd_node_names_are_judged_by_corosync_when_the_cib_names_no_node(tmp_path):
    # A CIB built with pcs -f names no node; corosync.conf's nodelist does.
    files(tmp_path, resources="", nodes=EMPTY_NODES)
    (tmp_path / "corosync.conf").write_text(COROSYNC_TWO_NODES)
    (tmp_path / "a.sbd").write_text(SBD_FILE)
    run = run_hostile(["--isolated", "--corosync", "corosync.conf", "--sbd", "alpah=a.sbd", "cib.xml"],
                      cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sbd alpah=a.sbd: 'alpah' is not a node of the linted CIB; did you mean 'alpha'?"]
    run_hostile(["--isolated", "--select", "PCS603", "--corosync", "corosync.conf", "--sbd", "alpha=a.sbd",
                 "cib.xml"], cwd=tmp_path, expect=0)
    # Without corosync.conf nothing names a node, and no SBD node name is judged.
    run_hostile(["--isolated", "--select", "PCS603", "--sbd", "alpah=a.sbd", "cib.xml"], cwd=tmp_path, expect=0)


@pytest.mark.parametrize("seed", range(3))
def test_generated_sbd_node_names_never_crash_the_check(tmp_path, seed):
    # Generated names: control characters, quotes, shell words, long runs, non-ASCII.
    import random
    rng = random.Random(seed)
    alphabet = "node1-_.'\"$;\\ éß\u202e\x7f"
    names = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300))).strip() or "x" for _ in range(5)}
    files(tmp_path)
    (tmp_path / "a.sbd").write_text(SBD_FILE)
    args = ["--isolated"]
    for name in sorted(n for n in names if "=" not in n and n not in ("node1", "node2")):
        args += ["--sbd", f"{name}=a.sbd"]
    given = [n for n in names if "=" not in n and n not in ("node1", "node2")]
    run = run_hostile([*args, "cib.xml"], cwd=tmp_path, expect=2)
    assert len(error_lines(run.stderr)) == len(given)


def test_without_a_cib_corosync_conf_judges_the_node_names(tmp_path):
    (tmp_path / "corosync.conf").write_text(COROSYNC_TWO_NODES)
    (tmp_path / "a.sbd").write_text(SBD_FILE)
    (tmp_path / "a.env").write_text("PCMK_logfacility=daemon\n")
    run = run_hostile(["--isolated", "--sbd", "alpah=a.sbd", "--sysconfig", "beta=a.env", "corosync.conf"],
                      cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --sbd alpah=a.sbd: 'alpah' is not a node of the linted corosync.conf; did you mean 'alpha'?"]
    run_hostile(["--isolated", "--select", "PCS603", "--sbd", "alpha=a.sbd", "corosync.conf"], cwd=tmp_path, expect=0)


def test_a_misspelt_corosync_node_is_a_usage_error_and_the_config_table_too(tmp_path):
    files(tmp_path)  # its <nodes>: node1, node2
    conf = (Path(__file__).parent.parent / "samples" / "clean" / "corosync.conf").read_text()
    (tmp_path / "corosync.conf").write_text(conf)
    run = run_hostile(["--isolated", "--corosync", "node-1=corosync.conf", "cib.xml"], cwd=tmp_path, expect=2)
    assert error_lines(run.stderr) == [
        "pcs-lint: error: --corosync node-1=corosync.conf: 'node-1' is not a node of the linted CIB; "
        "did you mean 'node1'?"]
    (tmp_path / ".pcs-lint.toml").write_text('[corosync]\nnode1 = "corosync.conf"\nnode3 = "corosync.conf"\n')
    run = run_hostile(["cib.xml"], cwd=tmp_path, expect=2)
    [line] = error_lines(run.stderr)
    assert line.endswith(".pcs-lint.toml: [corosync] node3: 'node3' is not a node of the linted CIB; "
                         "did you mean 'node2'?")
    # One copy for every node names no node.
    (tmp_path / ".pcs-lint.toml").write_text('corosync = "corosync.conf"\n')
    run_hostile(["cib.xml"], cwd=tmp_path, expect=(0, 1))
