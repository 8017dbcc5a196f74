"""Files that are not CIBs but recognisably something else get PCS002 saying what they look like
and what to do, not PCS001 "Start tag expected"; an environment file's values are never quoted."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest
from lxml import etree

from pcs_lint.sniffing import HEAD_BYTES, FileKind, sniff

from .conftest import SAMPLES
from .hostile import run_hostile


def test_a_node_environment_file():
    assert sniff(b"export PCMK_logfacility=daemon\n").kind is FileKind.NODE_ENVIRONMENT
    found = sniff(b"# remote node\n\nPCMK_remote_port=3121\n")
    assert found.kind is FileKind.NODE_ENVIRONMENT and found.line == 3


def test_a_distribution_default_with_every_setting_commented_out():
    text = b"# Pacemaker settings\n#\n# PCMK_logfacility=daemon\n#PCMK_remote_port=3121\n"
    assert sniff(text).kind is FileKind.NODE_ENVIRONMENT and sniff(text).line == 3


def test_an_sbd_file_and_a_long_header_cut_at_the_head():
    assert sniff(b"SBD_DEVICE=/dev/sdb1\nSBD_PACEMAKER=yes\n").kind is FileKind.SBD
    # The head ends inside a line: that partial line must not make the file unrecognisable.
    header = b"# " + b"x" * 70 + b"\n"
    text = header * ((HEAD_BYTES - 40) // len(header)) + b"SBD_PACEMAKER=yes\n" + b"SBD_WATCHDOG_TIMEOUT=5\n" * 10
    assert len(text) > HEAD_BYTES and sniff(text).kind is FileKind.SBD


def test_crm_shell_text():
    text = b"node 1: node1\nprimitive web ocf:heartbeat:nginx \\\n\top monitor interval=10s\n"
    assert sniff(text).kind is FileKind.CRM_SHELL


@pytest.mark.parametrize("text", [
    b"<cib/>", b"\xef\xbb\xbf  <cib>", b"FOO=1\nBAR=2\n", b"hello world\n", b"", b"\x00\xff" * 100,
    b"PCMK_remote_port=3121\nthis is prose\n", b"primitive\n", b"# just a comment\n",
])
def test_nothing_else_is_recognised(text):
    assert sniff(text) is None


def test_crm_configure_show_output_is_recognised(tmp_path):
    """The real crmsh's output for the clean sample (comments removed: crmsh warns about them
    on stdout), so the keyword list follows what crmsh writes."""
    crm = shutil.which("crm")
    if crm is None:
        pytest.skip("crmsh is not installed")
    tree = etree.parse(str(SAMPLES / "clean" / "cib.xml"), etree.XMLParser(remove_comments=True))
    tree.write(str(tmp_path / "cib.xml"))
    shown = subprocess.run([crm, "configure", "show"], env={"CIB_file": str(tmp_path / "cib.xml"), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
                           capture_output=True, timeout=60).stdout
    assert b"primitive" in shown
    assert sniff(shown).kind is FileKind.CRM_SHELL


def _environment_file(rng: random.Random) -> tuple[bytes, list[str]]:
    secrets = [f"s3cret{rng.randrange(10**9)}" for _ in range(3)]
    lines = ["# /etc/sysconfig/pacemaker"] * rng.randrange(3)
    lines += [f"PCMK_{name}={value}" for name, value in zip(("authkey_location", "remote_port", "logfile"), secrets, strict=False)]
    return ("\n".join(lines) + "\n").encode(), secrets


@pytest.mark.parametrize("seed", range(3))
def test_a_node_file_passed_as_a_cib_is_reported_without_its_values(tmp_path, seed):
    """What pre-commit does when a node file changed and the config does not list it."""
    data, secrets = _environment_file(random.Random(seed))
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "node1.sysconfig").write_bytes(data)
    run = run_hostile(["env/node1.sysconfig"], cwd=tmp_path, expect=1)
    assert "PCS002 not a CIB: this looks like a node environment file" in run.stdout
    assert "--sysconfig NODE=PATH" in run.stdout and "[sysconfig]" in run.stdout
    assert "PCS001" not in run.stdout
    for secret in secrets:
        assert secret not in run.stdout + run.stderr
    shown = run_hostile(["--show-source", "--format", "json", "env/node1.sysconfig"], cwd=tmp_path, expect=1)
    assert not any(secret in shown.stdout for secret in secrets)


def test_crm_text_and_sbd_file_say_what_to_do(tmp_path):
    (tmp_path / "crm.txt").write_text("node 1: node1\nproperty cib-bootstrap-options: \\\n\tstonith-enabled=false\n")
    (tmp_path / "sbd").write_text("SBD_DEVICE=/dev/disk/by-id/x\n")
    run = run_hostile(["crm.txt", "sbd"], cwd=tmp_path, expect=1)
    assert "crm.txt:1: PCS002 not a CIB: this looks like crmsh configuration text" in run.stdout
    assert "crm configure show xml > cib.xml" in run.stdout
    assert "sbd:1: PCS002 not a CIB: this looks like an sbd configuration file" in run.stdout
    assert "[sbd]" in run.stdout


def test_corosync_conf_is_the_corosync_readers_verdict():
    text = b"# corosync.conf\ntotem {\n    version: 2\n}\nnodelist {\n}\n"
    assert sniff(text).kind is FileKind.COROSYNC and "--corosync" in FileKind.COROSYNC.message()
    assert sniff(b"totem is not a section\n") is None
