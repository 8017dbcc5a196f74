"""The three mistakes pcs-lint exists for, end to end through the CLI with --format json:
a guest name that collides with an id, a remote connection in a group or an order constraint,
and a port mismatch seen only across several nodes' environment files. crm_verify accepts the
same CIB (exit 0), which is why pcs-lint exists."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import SAMPLES

CLEAN = (SAMPLES / "clean" / "cib.xml").read_text()


def broken_cluster() -> str:
    xml = CLEAN.replace('name="remote-node" value="guest1"', 'name="remote-node" value="app-db"')
    xml = xml.replace('rsc="app-db" node="guest1"', 'rsc="app-db" node="app-db"')
    xml = xml.replace(
        "    </constraints>",
        '      <rsc_order id="order-remote1-webserver" first="remote1" then="webserver"/>\n    </constraints>',
    )
    # A second remote connection put in a group with an IP address.
    group = """      <group id="grp-infra">
        <primitive id="remote2" class="ocf" provider="pacemaker" type="remote">
          <instance_attributes id="remote2-ia"><nvpair id="remote2-server" name="server" value="remote2.example.com"/></instance_attributes>
        </primitive>
        <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2">
          <instance_attributes id="vip-ia"><nvpair id="vip-ip" name="ip" value="192.0.2.50"/></instance_attributes>
        </primitive>
      </group>
"""
    return xml.replace("    </resources>", group + "    </resources>")


@pytest.fixture
def cluster(tmp_path):
    (tmp_path / "cib.xml").write_text(broken_cluster())
    (tmp_path / "node1.env").write_text("PCMK_remote_port=3121\n")
    (tmp_path / "node2.env").write_text("# default port\n")
    (tmp_path / "remote1.env").write_text('export PCMK_remote_port="3122"\n')
    return tmp_path


def lint_json(cluster, *more: str) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "pcs_lint", "--isolated", "--format", "json",
         "--sysconfig", "node1=node1.env", "--sysconfig", "node2=node2.env", "--sysconfig", "remote1=remote1.env",
         *more, "cib.xml"],
        cwd=cluster, capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def test_all_three_headline_mistakes_are_reported_with_their_elements(cluster):
    code, report = lint_json(cluster)
    assert code == 1
    by_rule = {}
    for finding in report["findings"]:
        by_rule.setdefault(finding["rule"], []).append(finding)
    assert {"PCS101", "PCS104", "PCS106", "PCS113"} <= set(by_rule)

    [guest] = by_rule["PCS101"]
    assert guest["object_id"] == "vm-guest1"
    assert "app-db" in guest["message"] and guest["severity"] == "error"

    [grouped] = by_rule["PCS104"]
    assert grouped["object_id"] == "remote2" and "grp-infra" in grouped["message"]
    assert "pcs resource group remove grp-infra remote2" in grouped["hint"]

    [ordered] = by_rule["PCS106"]
    assert ordered["object_id"] == "order-remote1-webserver"
    assert "pcs constraint remove order-remote1-webserver" in ordered["hint"]

    ports = by_rule["PCS113"]
    assert all(f["path"] == "cib.xml" and f["line"] for f in ports)
    text = " ".join(f["message"] for f in ports)
    assert "3121" in text and "3122" in text and "remote1.env:1" in text
    assert "node1" in text and "node2" in text


def test_fixing_them_gives_a_clean_report(cluster):
    (cluster / "cib.xml").write_text(CLEAN)
    (cluster / "remote1.env").write_text("PCMK_remote_port=3121\n")
    # The clean cluster's guest node gets its file too: with a node left out, PCS706 says so.
    (cluster / "guest1.env").write_text("# default port\n")
    code, report = lint_json(cluster, "--sysconfig", "guest1=guest1.env")
    assert (code, report["findings"]) == (0, [])


def test_crm_verify_accepts_the_same_cib(cluster, crm_verify):
    result = subprocess.run([crm_verify, "-x", "cib.xml"], cwd=cluster, capture_output=True, text=True, check=False)
    # crm_verify sees neither the name collision nor the placement nor the node files.
    assert result.returncode == 0, result.stdout + result.stderr
