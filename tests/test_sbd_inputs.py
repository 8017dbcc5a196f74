"""--sbd NODE=PATH, --sbd-dump DEVICE=PATH and the [sbd] / [sbd-dump] config tables: read with
the size-capped reader, SBD files' syntax reported by PCS003, a dump that is not one refused."""

from __future__ import annotations

import random
from pathlib import Path

from pcs_lint.config import load
from pcs_lint.testing import cib, codes_lines, lint_text

from .hostile import run_hostile

DUMPS = Path(__file__).parent / "sbd_dumps"


def test_sbd_file_syntax_is_pcs003():
    findings = lint_text(cib(), select=["PCS003"], sbd={"node1": "SBD_PACEMAKER=yes\nSBD_DEVICE=/dev/a # shared\n"})
    assert codes_lines(findings) == [("PCS003", 2)]
    assert findings[0].path == "node1.sbd"
    assert findings[0].message.startswith("SBD file of node 'node1': the comment after the value of SBD_DEVICE")


def test_cli_reads_sbd_files_and_dumps(tmp_path):
    (tmp_path / "cib.xml").write_text(cib())
    (tmp_path / "n1.sbd").write_text("SBD_DEVICE=/dev/a # x\n")
    (tmp_path / "d.txt").write_bytes((DUMPS / "default-5-10.txt").read_bytes())
    run = run_hostile(["--select", "PCS003", "--sbd", "node1=n1.sbd", "--sbd-dump", "/dev/a=d.txt", "cib.xml"],
                      cwd=tmp_path, expect=1)
    assert "n1.sbd:1:" in run.stdout and "PCS003" in run.stdout


def test_config_tables(tmp_path):
    (tmp_path / ".pcs-lint.toml").write_text('[sbd]\nnode1 = "n1.sbd"\n[sbd-dump]\n"/dev/a" = "d.txt"\n')
    config = load(tmp_path / ".pcs-lint.toml")
    assert config.sbd == {"node1": str(tmp_path / "n1.sbd")}
    assert config.sbd_dump == {"/dev/a": str(tmp_path / "d.txt")}


def test_a_file_that_is_no_dump_is_a_usage_error(tmp_path):
    (tmp_path / "cib.xml").write_text(cib())
    (tmp_path / "d.txt").write_text("hello\n")
    run = run_hostile(["--sbd-dump", "/dev/a=d.txt", "cib.xml"], cwd=tmp_path, expect=2)
    assert "not the output of sbd dump" in run.stderr
    run = run_hostile(["--sbd-dump", "d.txt", "cib.xml"], cwd=tmp_path, expect=2)
    assert "--sbd-dump expects DEVICE=PATH" in run.stderr
    run = run_hostile(["--sbd", "node1=/dev/zero", "cib.xml"], cwd=tmp_path, expect=2)
    assert "character device" in run.stderr


def test_hostile_sbd_files_and_dumps(tmp_path):
    (tmp_path / "cib.xml").write_text(cib())
    generator = random.Random(12)
    for _ in range(4):
        lines = [generator.choice(["SBD_DEVICE=", "SBD_WATCHDOG_TIMEOUT=", "SBD_DELAY_START=", "==Dumping header on disk ",
                                   "Timeout (msgwait) : ", "Timeout (watchdog) : ", "SBD_STARTMODE=", ""])
                 + "".join(generator.choice("0123456789;/ :,'\"\\#x\t") for _ in range(generator.randrange(40)))
                 for _ in range(2000)]
        text = "\n".join(lines).encode() + bytes(generator.randrange(1, 256) for _ in range(200))
        (tmp_path / "f.sbd").write_bytes(text)
        (tmp_path / "d.txt").write_bytes(b"==Dumping header on disk /dev/a\nTimeout (msgwait) : 9\n" + text)
        # Read, judged and reported (exit 0 or 1): neither refused as usage (2) nor a crash.
        run_hostile(["--sbd", "node1=f.sbd", "--sbd", "node2=f.sbd", "--sbd-dump", "/dev/a=d.txt", "cib.xml"],
                    cwd=tmp_path, expect=(0, 1))


def test_show_source_prints_sbd_lines_without_values_not_known_harmless(tmp_path):
    (tmp_path / "cib.xml").write_text(cib())
    (tmp_path / "n1.sbd").write_text('SBD_OPTS="-x hunter2" # c\nSBD_STARTMODE=Clean\nSBD_DEVICE="/dev/a;;/dev/b"\n')
    run = run_hostile(["--isolated", "--show-source", "--select", "PCS003,PCS603", "--sbd", "node1=n1.sbd", "cib.xml"],
                      cwd=tmp_path, expect=1)
    assert "hunter2" not in run.stdout and "Clean" not in run.stdout
    assert "1 | SBD_OPTS=<value not shown>" in run.stdout
    assert '3 | SBD_DEVICE=/dev/a;;/dev/b' in run.stdout
