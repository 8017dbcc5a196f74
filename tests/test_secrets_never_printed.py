"""What pcs-lint never prints (issue 8, item 6): values of environment variables that are not
known harmless, lines of files that failed to parse as what they claimed to be, authkey bytes.

A unique marker is planted in every place a secret can hide: values of environment files
(bad values, text after a value, trailing comments, lines without '=', unterminated quotes,
ports that are not ports, key locations), the process environment behind a committed
``x.xml -> /proc/self/environ`` symlink, a key file, files that are not CIBs (plain text, binary,
XML that is not a CIB, XML broken on the marker's line). Every format, with and without
--show-source, must keep it out of stdout and stderr, while still reporting each rule.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pytest

from pcs_lint.reporters import FORMATS
from pcs_lint.sysconfig import parse_env_text
from pcs_lint.testing import cib

from .hostile import run_hostile, write
from .rules.test_remote_port_mismatch import remote


def environment_files(marker: str) -> dict[str, str]:
    """node -> file text, each line hiding the marker where some finding looks."""
    return {
        "node1": (
            f"http_proxy=http://build:{marker}@proxy.example:3128  # corporate proxy\n"
            f"PCMK_logpriority={marker}\n"
            f"PCMK_debug=pacemakerd,{marker}\n"
            f"PCMK_node_action_limit={marker}\n"
            f"PCMK_remote_port=3122{marker}\n"
            f"PCMK_authkey_location=/etc/pacemaker/{marker}\n"
            f"PASSWORD=abc {marker}\n"
            f"{marker}\n"
            f"TOKEN=\"{marker}\n"
            f"API_KEY={marker};\n"
            f"PCMK_tls_priorities={marker} # {marker}\n"
            "PCMK_fail_fast=yes\n"
        ),
        "node2": f"PCMK_remote_port={marker}\nPCMK_logfacility={marker}\n",
        "remote1": f"PCMK_remote_port=-{marker}\n",
    }


def sbd_files(marker: str) -> dict[str, str]:
    """node -> SBD file text, the marker in every SBD value a finding looks at."""
    return {
        "node1": (f'SBD_DEVICE="/dev/a;{marker};;/dev/b;/dev/c"\n'
                  f"SBD_WATCHDOG_TIMEOUT=5{marker}\nSBD_STARTMODE={marker}\nSBD_TIMEOUT_ACTION={marker}\n"
                  f"SBD_DELAY_START={marker}\nSBD_PACEMAKER={marker}\nSBD_WATCHDOG_TIMOUT={marker}\nSBD_OPTS={marker} # {marker}\n"
                  f"SBD_SYNC_RESOURCE_STARTUP={marker}\n"),
        "node2": f"SBD_DEVICE={marker}\nSBD_WATCHDOG_TIMEOUT=9\n",
    }


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, str, list[str]]:
    """A directory of hostile inputs and the arguments that lint them all."""
    marker = "s3cr3t" + secrets.token_hex(12)
    root = tmp_path_factory.mktemp("planted")
    args = []
    for node, text in environment_files(marker).items():
        path = write(root / f"{node}.env", text.encode())
        args += ["--sysconfig", f"{node}={path.name}"]
    key1 = write(root / "node1.authkey", marker.encode() + secrets.token_bytes(256))
    write(root / "node2.authkey", secrets.token_bytes(64) + marker.encode())
    key1.chmod(0o644)  # readable by others: PCS116 reports the file, never its bytes
    args += ["--authkey", "node1=node1.authkey", "--authkey", "node2=node2.authkey"]
    for node, text in sbd_files(marker).items():
        write(root / f"{node}.sbd", text.encode())
        args += ["--sbd", f"{node}={node}.sbd"]
    write(root / "sbd.dump", (f"==Dumping header on disk /dev/a\nUUID : {marker}\nTimeout (watchdog) : 15\n"
                              f"Timeout (msgwait) : 20\n{marker}\n").encode())
    args += ["--sbd-dump", "/dev/a=sbd.dump"]
    write(root / "cib.xml", cib(resources=remote()).encode())
    (root / "environ.xml").symlink_to("/proc/self/environ")
    write(root / "token.xml", f"{marker}\n".encode())
    write(root / "binary.xml", secrets.token_bytes(100) + b"\n" + marker.encode() + b"\x00\n")
    write(root / "settings.xml", f"<settings>\n<password>{marker}</password>\n</settings>\n".encode())
    write(root / "broken.xml", f'<cib><configuration a="{marker}" <\n'.encode())
    # libxml2 quotes the start of a comment or CDATA section it could not finish.
    write(root / "cdata.xml", f"<cib><![CDATA[{marker}\n".encode())
    write(root / "comment.xml", f"<cib><!-- {marker} -- -->\n</cib>\n".encode())
    write(root / "open-comment.xml", f"<cib><!-- {marker}\n".encode())
    # The same environment and key files linted as CIBs too: still nothing of them is shown.
    args += ["cib.xml", "environ.xml", "token.xml", "binary.xml", "settings.xml", "broken.xml",
             "cdata.xml", "comment.xml", "open-comment.xml", "node1.env", "node1.authkey"]
    return root, marker, args


@pytest.mark.parametrize("show_source", [False, True], ids=["plain", "show-source"])
@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_no_planted_secret_reaches_any_format(planted, output_format, show_source):
    root, marker, args = planted
    environment = dict(os.environ, CI_JOB_TOKEN=marker)
    extra = ["--show-source"] if show_source else []
    run = run_hostile(["--isolated", "--format", output_format, *extra, *args], cwd=root, env=environment,
                      expect=(1, 2))
    assert marker not in run.stdout + run.stderr
    assert marker[6:16] not in run.stdout + run.stderr  # not a piece of it either


def test_the_planted_inputs_reach_every_rule_that_reads_them(planted):
    """The test above can fail: every rule that quoted a value before is really triggered."""
    root, marker, args = planted
    run = run_hostile(["--isolated", "--format", "json", *args], cwd=root,
                      env=dict(os.environ, CI_JOB_TOKEN=marker), expect=(1, 2))
    found = {(f["rule"], f["path"]) for f in json.loads(run.stdout)["findings"]}
    rules = {rule for rule, _ in found}
    assert {"PCS001", "PCS002", "PCS003", "PCS006", "PCS113", "PCS114", "PCS115", "PCS116",
            "PCS603", "PCS604", "PCS607", "PCS609"} <= rules
    assert ("PCS001", "environ.xml") in found and ("PCS002", "settings.xml") in found


def test_show_source_prints_names_and_harmless_values_of_environment_files(tmp_path):
    env = write(tmp_path / "node1.env", b"PCMK_remote_port=70000\nexport PCMK_logfacility=local0 # ok\n"
                b"PCMK_logpriority=loud\n")
    xml = write(tmp_path / "cib.xml", cib().encode())
    run = run_hostile(["--isolated", "--show-source", "--sysconfig", f"node1={env.name}", xml.name],
                      cwd=tmp_path, expect=1)
    lines = run.stdout.splitlines()
    assert "     1 | PCMK_remote_port=<value not shown>" in lines  # 70000 is not a port: not harmless
    assert "     2 | export PCMK_logfacility=local0" in lines  # a known facility is shown
    assert "     3 | PCMK_logpriority=<value not shown>" in lines
    assert "loud" not in run.stdout


def test_show_source_shows_nothing_of_a_file_that_is_not_a_cib(tmp_path):
    write(tmp_path / "a.xml", b"<settings>\n<token>abc</token></settings>\n")
    write(tmp_path / "b.xml", b"API_TOKEN=abc\n")
    run = run_hostile(["--isolated", "--show-source", "a.xml", "b.xml"], cwd=tmp_path, expect=1)
    assert [line.split(": ")[0] for line in run.stdout.splitlines()[:2]] == ["a.xml:1", "b.xml:1:1"]
    assert " | " not in run.stdout and "abc" not in run.stdout


@pytest.mark.parametrize("name", ["PCMK_remote_port", "PCMK_stderr", "PCMK_logfacility", "PCMK_debug"])
def test_harmless_values_are_shown_only_when_they_validate(name):
    from pcs_lint.sysconfig import describe

    env = parse_env_text(f"{name}=hunter2\n{name}=yes\n", node="n", path="p")
    first, second = env.assignments
    assert describe(first) == name
    assert describe(second) == (f'{name}="yes"' if name in ("PCMK_stderr", "PCMK_debug") else name)


def test_only_strict_formats_and_enumerations_are_marked_harmless():
    from pcs_lint.value_formats import HARMLESS_FORMATS, HARMLESS_KEYWORD, load_schema

    for schema_name in ("pcmk-environment", "sbd-environment"):
        for name, spec in load_schema(schema_name)["properties"].items():
            if spec.get(HARMLESS_KEYWORD):
                assert spec.get("x-pcmk-enum") or spec.get("format") in HARMLESS_FORMATS, name
                # harmless_value judges the enumeration or format alone: nothing else may constrain
                assert set(spec) <= HARMLESS_SPEC_KEYS, name
    marked = {n for n, s in load_schema("pcmk-environment")["properties"].items() if s.get(HARMLESS_KEYWORD)}
    assert {"PCMK_remote_port", "PCMK_logpriority", "PCMK_stderr"} <= marked
    assert not marked & {"PCMK_authkey_location", "PCMK_tls_priorities", "CIB_pam_service", "PCMK_logfile"}
    sbd = {n for n, s in load_schema("sbd-environment")["properties"].items() if s.get(HARMLESS_KEYWORD)}
    assert {"SBD_WATCHDOG_TIMEOUT", "SBD_STARTMODE", "SBD_DEVICE"} <= sbd
    assert not sbd & {"SBD_OPTS", "SBD_PIDFILE", "SBD_WATCHDOG_DEV"}



HARMLESS_SPEC_KEYS = {"type", "format", "x-pcmk-enum", "default", "description", "x-pcmk-harmless", "deprecated"}


def test_harmless_value_agrees_with_the_compiled_schema():
    from pcs_lint.rules._option_schemas import _value_error
    from pcs_lint.value_formats import HARMLESS_KEYWORD, harmless_value, load_schema

    values = ["yes", "no", "1", "0", "3121", "65536", "0660", "0999", "daemon", "LOCAL7", "info",
              "pacemakerd,cib", "nonsense", "", " 12 ", "-1", "shared-mem", "Full", "hunter2"]
    for name, spec in load_schema("pcmk-environment")["properties"].items():
        if spec.get(HARMLESS_KEYWORD):
            for value in values:
                valid = _value_error("pcmk-environment", name, value) is None
                assert harmless_value("pcmk-environment", name, value) == valid, (name, value)
