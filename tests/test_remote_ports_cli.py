"""End to end: the real CLI with several nodes' environment files reports PCS113 with every field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

CIB = """<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config/>
    <nodes>
      <node id="1" uname="node1"/>
      <node id="2" uname="node2"/>
    </nodes>
    <resources>
      <primitive id="fence-all" class="stonith" type="fence_ipmilan"/>
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-ia-server" name="server" value="192.0.2.21"/>
        </instance_attributes>
      </primitive>
    </resources>
    <constraints/>
  </configuration>
</cib>
"""


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pcs_lint", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)


def test_port_mismatch_through_the_cli(tmp_path):
    (tmp_path / "cib.xml").write_text(CIB)
    (tmp_path / "node1.sysconfig").write_text("PCMK_logfacility=daemon\nPCMK_remote_port=3121\n")
    (tmp_path / "node2.sysconfig").write_text("# node2\nPCMK_logfacility=daemon\nPCMK_remote_port=3121\n")
    (tmp_path / "remote1.sysconfig").write_text("# remote1 listens elsewhere\nexport PCMK_remote_port=3122\n")
    result = run_cli(tmp_path, "--isolated", "--format", "json", "--select", "PCS112,PCS113,PCS114,PCS115",
                     "--sysconfig", "node1=node1.sysconfig", "--sysconfig", "node2=node2.sysconfig",
                     "--sysconfig", "remote1=remote1.sysconfig", "cib.xml")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    # One finding for the connection and the port connected to, naming both cluster nodes.
    assert [(f["rule"], f["object_id"]) for f in findings] == [("PCS113", "remote1")]
    first = findings[0]
    assert {k: first[k] for k in ("rule", "name", "severity", "path", "line", "column", "object_id")} == {
        "rule": "PCS113", "name": "remote-port-mismatch", "severity": "error", "path": "cib.xml",
        "line": 10, "column": 7, "object_id": "remote1"}
    assert first["xpath"].endswith("/primitive[@id='remote1']")
    assert first["message"] == (
        "cluster nodes node1, node2 connect to remote node 'remote1' on port 3121 (from PCMK_remote_port=\"3121\" "
        "at node1.sysconfig:2 and PCMK_remote_port=\"3121\" at node2.sysconfig:3), but remote1 listens on port "
        "3122 (from PCMK_remote_port=\"3122\" at remote1.sysconfig:2); the connection fails, so remote1 stays "
        "offline and its resources cannot run there")
    assert first["hint"].startswith("pcs resource update remote1 port=3122, so that every cluster node")
    assert first["hint"].endswith("on node1, node2 and restart pacemaker")


def test_agreeing_files_through_the_cli_exit_clean(tmp_path):
    (tmp_path / "cib.xml").write_text(CIB.replace('value="192.0.2.21"/>', 'value="192.0.2.21"/>\n'
                                                  '          <nvpair id="remote1-ia-port" name="port" value="3122"/>'))
    for node in ("node1", "node2"):
        (tmp_path / f"{node}.sysconfig").write_text("PCMK_logfacility=daemon\n")
    (tmp_path / "remote1.sysconfig").write_text("PCMK_remote_port=3122\n")
    result = run_cli(tmp_path, "--isolated", "--format", "json", "--select", "PCS112,PCS113,PCS114,PCS115",
                     "--sysconfig", "node1=node1.sysconfig", "--sysconfig", "node2=node2.sysconfig",
                     "--sysconfig", "remote1=remote1.sysconfig", "cib.xml")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []
