"""corosync.conf as an input: --corosync [NODE=]PATH, the config file, a positional file recognised
by content, stdin; findings point into corosync.conf in every format; hostile files."""

from __future__ import annotations

import json
import os

import pytest

from pcs_lint.cli import main

from .conftest import SAMPLES
from .hostile import run_hostile

CLEAN_CIB = SAMPLES / "clean" / "cib.xml"
CLEAN_CONF = SAMPLES / "clean" / "corosync.conf"
TWO_NODE = SAMPLES / "bad" / "PCS501-quorum-two-node.conf"
SYNTAX = SAMPLES / "bad" / "PCS500-corosync-syntax.conf"
GFS2_CIB = """<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration>
<crm_config/><nodes/><resources>
<primitive id="dlm" class="ocf" provider="pacemaker" type="controld"/>
</resources><constraints/></configuration><status/></cib>
"""
LONG_NAME = SAMPLES / "bad" / "PCS510-cluster-name-invalid.conf"


def cli(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(["--isolated", "--color", "never", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return exited.value.code, out, err


def findings(out: str) -> list[tuple[str, str, int | None, str]]:
    return [(f["path"], f["rule"], f["line"], f["severity"]) for f in json.loads(out)["findings"]]


def test_corosync_conf_alone(capsys):
    code, out, _ = cli(capsys, "-f", "json", str(TWO_NODE))
    assert code == 1
    assert findings(out) == [(str(TWO_NODE), "PCS501", 22, "error")]
    assert [f["path"] for f in json.loads(out)["files"]] == [str(TWO_NODE)]


def test_clean_corosync_conf_alone(capsys):
    assert cli(capsys, str(CLEAN_CONF))[0] == 0


def test_positional_corosync_conf_with_a_cib_is_not_a_broken_cib(capsys, tmp_path):
    cib = tmp_path / "cib.xml"
    cib.write_text(GFS2_CIB)
    code, out, _ = cli(capsys, "-f", "json", "--select", "PCS510,PCS001,PCS002", str(LONG_NAME), str(cib))
    assert findings(out) == [(str(LONG_NAME), "PCS510", 3, "error")]


def test_option_for_every_node_and_per_node(capsys, tmp_path):
    cib = tmp_path / "cib.xml"
    cib.write_text(GFS2_CIB)
    code, out, _ = cli(capsys, "-f", "json", "--select", "PCS510", "--corosync", str(LONG_NAME), str(cib))
    assert findings(out) == [(os.path.relpath(LONG_NAME), "PCS510", 3, "error")]
    code, out, _ = cli(capsys, "-f", "json", "--select", "PCS510", "--corosync", f"node1={LONG_NAME}",
                       "--corosync", f"node2={CLEAN_CONF}", str(cib))
    [finding] = json.loads(out)["findings"]
    assert "node node1's copy" in finding["message"] and finding["line"] == 3


def test_config_string_and_table(capsys, tmp_path, monkeypatch):
    (tmp_path / "corosync.conf").write_bytes(TWO_NODE.read_bytes())
    (tmp_path / "cib.xml").write_text(GFS2_CIB)
    (tmp_path / ".pcs-lint.toml").write_text('select = ["PCS501"]\ncorosync = "corosync.conf"\nfiles = ["cib.xml"]\n')
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        main(["-f", "json"])
    out = capsys.readouterr().out
    assert exited.value.code == 1 and findings(out) == [("corosync.conf", "PCS501", 22, "error")]
    (tmp_path / ".pcs-lint.toml").write_text('select = ["PCS501"]\nfiles = ["cib.xml"]\n[corosync]\nnode1 = "corosync.conf"\n')
    with pytest.raises(SystemExit):
        main(["-f", "json"])
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert "node node1's copy" in finding["message"]
    (tmp_path / ".pcs-lint.toml").write_text('corosync = 3\n')
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2 and "corosync" in capsys.readouterr().err


def test_missing_corosync_file_is_a_usage_error(capsys, tmp_path):
    code, _, err = cli(capsys, "--corosync", str(tmp_path / "nope.conf"), str(CLEAN_CIB))
    assert code == 2 and "corosync.conf" in err and "no such file" in err


def test_stdin_corosync_conf(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TWO_NODE.read_bytes())))
    code, out, _ = cli(capsys, "-f", "json", "--stdin-filename", "corosync.conf", "-")
    assert findings(out) == [("corosync.conf", "PCS501", 22, "error")]


@pytest.mark.parametrize("output_format", ["sarif", "gitlab", "github"])
def test_locations_point_into_corosync_conf(capsys, output_format):
    code, out, _ = cli(capsys, "-f", output_format, str(SYNTAX))
    assert code == 1
    if output_format == "sarif":
        [result] = json.loads(out)["runs"][0]["results"]
        place = result["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uri"].endswith("samples/bad/PCS500-corosync-syntax.conf")
        assert place["region"]["startLine"] == 7
    elif output_format == "gitlab":
        [issue] = json.loads(out)
        assert issue["location"]["path"].endswith("PCS500-corosync-syntax.conf")
        assert issue["location"]["lines"]["begin"] == 7
    else:
        assert "file=" in out and "PCS500-corosync-syntax.conf,line=7" in out


def test_hostile_corosync_files(tmp_path):
    # Sizes where a quadratic reading (in time or memory: 60,000 nested sections once took
    # gigabytes) passes the hang detector's limits, while a linear one takes about a second.
    cases = {
        "deep.conf": b"totem {\n" + b"abc {\n" * 60_000,
        "braces.conf": b"totem {\n" + b"}\n" * 60_000,
        "long.conf": b"totem {\n" + b"k: " + b"x" * 2_000_000 + b"\n}\n",
        "binary.conf": b"totem {\n" + os.urandom(200_000) + b"\n}\n",
        "keys.conf": b"totem {\n" + b"".join(b"token: %d\n" % n for n in range(40_000)) + b"}\n",
        "unknown.conf": b"totem {\n" + b"".join(b"k%d: %d\n" % (n, n) for n in range(5_000)) + b"}\n",
        "nodes.conf": b"totem {\n}\nnodelist {\n" + b"".join(
            b"node {\nring0_addr: 10.0.0.1\nname: n\nnodeid: 1\n}\n" for _ in range(2_000)) + b"}\n",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        run_hostile(["--isolated", "-f", "json", str(tmp_path / name)], expect=(0, 1))
    # Given with --corosync beside a CIB, the file is read by the same reader and judged with the CIB.
    run_hostile(["--isolated", "--corosync", str(tmp_path / "deep.conf"), "-f", "json", str(CLEAN_CIB)], expect=1)
