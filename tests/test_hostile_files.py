"""Hostile files and devices (issue 8, items 5, 7, 11 and 12): what pcs-lint reads, what it
skips, what it refuses to overwrite, and the one-line errors for the rest.

Every input is made here (FIFOs, device symlinks, sparse oversized files, odd names) and every
run goes through ``run_hostile``: a child under 2 GiB and 10 s, so a hang or an unbounded read
fails the test instead of stalling the suite.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from pathlib import Path

import pytest

from pcs_lint.inputs import MAX_INPUT_BYTES

from .conftest import SAMPLES
from .hostile import run_hostile, write

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

CLEAN = (SAMPLES / "clean" / "cib.xml").read_bytes()
BAD = (SAMPLES / "bad" / "PCS201-duplicate-id.xml").read_bytes()  # one error finding
MIB = 1024 * 1024


def one_error_line(stderr: str, *words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("pcs-lint: error: "), stderr
    for word in words:
        assert word in lines[0], stderr


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` zero bytes that takes no disk space."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


# ------------------------------------------------------------------ item 5: what is read


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_named_on_the_command_line_is_refused_not_read(device):
    run = run_hostile(["--isolated", device], expect=2)
    one_error_line(run.stderr, device, "character device, not a regular file")


def test_a_fifo_named_on_the_command_line_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "cib.xml")
    run = run_hostile(["--isolated", "cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "cib.xml: is a FIFO")


def test_a_symlink_to_a_device_named_on_the_command_line_is_refused(tmp_path):
    (tmp_path / "cib.xml").symlink_to("/dev/zero")
    run = run_hostile(["--isolated", "cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "cib.xml: is a character device")


def test_a_file_over_the_size_cap_is_one_error_and_exit_2(tmp_path):
    sparse(tmp_path / "huge.xml", MAX_INPUT_BYTES + 1)
    run = run_hostile(["--isolated", "huge.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "huge.xml: larger than 64 MiB")


def test_the_readme_states_the_cap_the_reader_enforces():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    limits = readme[readme.index("## Resource limits"):]
    assert f"at most {MAX_INPUT_BYTES // MIB} MiB is read from any one input" in limits


def test_a_file_of_exactly_the_cap_is_read(tmp_path):
    # The cap is inclusive: a CIB padded with whitespace to exactly 64 MiB is linted.
    path = write(tmp_path / "cib.xml", CLEAN)
    with open(path, "ab") as handle:
        handle.write(b"\n" * (MAX_INPUT_BYTES - len(CLEAN)))
    assert path.stat().st_size == MAX_INPUT_BYTES
    run_hostile(["--isolated", "--select", "PCS201", "cib.xml"], cwd=tmp_path, expect=0)


def test_endless_stdin_stops_at_the_cap(tmp_path):
    with open("/dev/zero", "rb") as endless:
        run = run_hostile(["--isolated", "-"], stdin=endless, expect=2)
    one_error_line(run.stderr, "stdin is larger than 64 MiB")


def test_stdin_under_the_cap_is_still_linted():
    run_hostile(["--isolated", "-"], stdin=BAD, expect=1)


def test_a_directory_search_skips_fifos_devices_and_symlinks_leaving_the_tree(tmp_path):
    tree = tmp_path / "clusters"
    write(tree / "prod" / "cib.xml", BAD)
    os.mkfifo(tree / "prod" / "pipe.xml")
    (tree / "prod" / "zero.xml").symlink_to("/dev/zero")
    (tree / "prod" / "random.xml").symlink_to("/dev/urandom")
    outside = write(tmp_path / "secret" / "elsewhere.xml", CLEAN)
    (tree / "prod" / "escape.xml").symlink_to(outside)
    (tree / "prod" / "environ.xml").symlink_to("/proc/self/environ")
    (tree / "prod" / "inside.xml").symlink_to("cib.xml")  # stays in the tree: cib.xml once more
    write(tree / "prod" / "other.xml", BAD)
    (tree / "prod" / "link.xml").symlink_to("other.xml")  # stays in the tree: linted, as link.xml
    run = run_hostile(["--isolated", "-f", "json", "clusters"], cwd=tmp_path, expect=1)
    report = json.loads(run.stdout)
    # A symlink in the tree is read, and a file reached under two names is linted once.
    assert sorted({f["path"] for f in report["findings"]}) == ["clusters/prod/cib.xml", "clusters/prod/link.xml"]
    warnings = sorted(line for line in run.stderr.splitlines() if line.startswith("pcs-lint: warning: skipped "))
    assert warnings == [
        "pcs-lint: warning: skipped clusters/prod/environ.xml: a symlink leading out of clusters",
        "pcs-lint: warning: skipped clusters/prod/escape.xml: a symlink leading out of clusters",
        "pcs-lint: warning: skipped clusters/prod/pipe.xml: is a FIFO, not a regular file",
        "pcs-lint: warning: skipped clusters/prod/random.xml: a symlink leading out of clusters",
        "pcs-lint: warning: skipped clusters/prod/zero.xml: a symlink leading out of clusters",
    ], run.stderr


def test_a_directory_search_skips_a_device_node_inside_the_tree(tmp_path):
    # A FIFO is the special file a test can make without privileges; a device node inside the
    # tree goes through the same check (the mode of what the name leads to).
    tree = tmp_path / "d"
    os.mkfifo(write(tree / "a.xml", CLEAN).with_name("b.xml"))
    (tree / "c.xml").symlink_to("b.xml")  # inside the tree, but leads to the FIFO
    run = run_hostile(["--isolated", "d"], cwd=tmp_path, expect=0)
    assert "skipped d/b.xml: is a FIFO" in run.stderr
    assert "skipped d/c.xml: is a FIFO" in run.stderr


@pytest.mark.parametrize("option", ["--sysconfig", "--authkey", "--baseline", "--config"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "huge"])
def test_environment_key_baseline_and_config_files_use_the_same_reader(tmp_path, option, special):
    write(tmp_path / "cib.xml", CLEAN)
    if special == "fifo":
        os.mkfifo(tmp_path / "fifo")
    elif special == "huge":
        sparse(tmp_path / "huge", MAX_INPUT_BYTES + 1)
    value = f"node1={special}" if option in ("--sysconfig", "--authkey") else special
    run = run_hostile([option, value, "cib.xml"], cwd=tmp_path, expect=2)
    reason = {"fifo": "is a FIFO", "/dev/zero": "is a character device", "huge": "larger than 64 MiB"}[special]
    one_error_line(run.stderr, special, reason)


# ------------------------------------------------------------------ item 7: no input overwritten


@pytest.mark.parametrize("how", ["same name", "other spelling", "symlink", "hard link", "found in a directory"])
@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_an_output_that_is_the_linted_cib_is_refused(tmp_path, how, option):
    cib = write(tmp_path / "conf" / "cib.xml", BAD)
    target = {
        "same name": "conf/cib.xml",
        "other spelling": "./conf/../conf/cib.xml",
        "symlink": "link.xml",
        "hard link": "hard.xml",
        "found in a directory": "conf/cib.xml",
    }[how]
    if how == "symlink":
        (tmp_path / "link.xml").symlink_to(cib)
    if how == "hard link":
        os.link(cib, tmp_path / "hard.xml")
    linted = "conf" if how == "found in a directory" else "conf/cib.xml"
    run = run_hostile(["--isolated", option, target, linted], cwd=tmp_path, expect=2)
    assert run.stderr.strip().splitlines()[-1].endswith("is an input of this run (conf/cib.xml); refusing to overwrite it")
    assert cib.read_bytes() == BAD


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize("which", ["environment file", "authkey", "config file"])
def test_an_output_that_is_an_environment_key_or_config_file_is_refused(tmp_path, option, which):
    write(tmp_path / "cib.xml", CLEAN)
    env = write(tmp_path / "node1.env", b"PCMK_remote_port=3121\n")
    key = write(tmp_path / "authkey", os.urandom(256))
    config = write(tmp_path / ".pcs-lint.toml", b"select = ['PCS2']\n")
    target = {"environment file": env, "authkey": key, "config file": config}[which]
    before = target.read_bytes()
    run = run_hostile(["--sysconfig", "node1=node1.env", "--authkey", "node1=authkey",
                       option, target.name, "cib.xml"], cwd=tmp_path, expect=2)
    assert f"{target.name} is an input of this run" in run.stderr
    assert target.read_bytes() == before


def test_the_report_may_not_overwrite_the_baseline_in_use_but_the_baseline_may_be_rewritten(tmp_path):
    write(tmp_path / "cib.xml", BAD)
    run_hostile(["--isolated", "--write-baseline", "baseline.json", "cib.xml"], cwd=tmp_path, expect=0)
    recorded = (tmp_path / "baseline.json").read_bytes()
    run = run_hostile(["--isolated", "--baseline", "baseline.json", "-o", "baseline.json", "cib.xml"], cwd=tmp_path, expect=2)
    assert "is an input of this run" in run.stderr
    assert (tmp_path / "baseline.json").read_bytes() == recorded
    # Regenerating the configured baseline is what --write-baseline is for.
    write(tmp_path / ".pcs-lint.toml", b'baseline = "baseline.json"\n')
    run_hostile(["--write-baseline", "baseline.json", "cib.xml"], cwd=tmp_path, expect=0)
    run_hostile(["-o", "report.txt", "cib.xml"], cwd=tmp_path, expect=0)


def test_the_report_may_not_overwrite_the_file_stdin_stands_for(tmp_path):
    # Editors pipe the buffer of the file they name with --stdin-filename: that file is the input.
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["--isolated", "--stdin-filename", "cib.xml", "-o", "cib.xml", "-"],
                      cwd=tmp_path, stdin=BAD, expect=2)
    assert "--output-file cib.xml is an input of this run (cib.xml)" in run.stderr
    assert (tmp_path / "cib.xml").read_bytes() == BAD


# ------------------------------------------------------------------ item 11: odd names, odd files


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "gitlab"])
@pytest.mark.parametrize("to_file", [False, True])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(tmp_path, fmt, to_file):
    name = os.fsencode("caf") + b"\xe9-" + bytes([0xff, 0xfe]) + b".xml"
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as handle:
        handle.write(BAD)
    args = ["--isolated", "-f", fmt, *(["-o", "report"] if to_file else []), "."]
    run = run_hostile(args, cwd=tmp_path, expect=1)
    output = (tmp_path / "report").read_bytes() if to_file else run.stdout.encode()
    text = output.decode("utf-8")  # the report is valid UTF-8 in every format
    shown = "caf\\xe9-\\xff\\xfe.xml"
    if fmt == "sarif":  # a URI: the escaped name, percent-encoded
        shown = urllib.parse.quote(shown)
    assert shown in text.replace("\\\\", "\\"), text[:2000]
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)


@pytest.mark.parametrize("tool", ["1", '"pcs-lint"', "[1, 2]", "true"])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_ours_and_is_passed_over(tmp_path, tool):
    write(tmp_path / "pyproject.toml", f"tool = {tool}\n".encode())
    write(tmp_path / "repo" / "deep" / "cib.xml", BAD)
    run_hostile(["cib.xml"], cwd=tmp_path / "repo" / "deep", expect=1)
    # Named with --config it is a pyproject.toml without [tool.pcs-lint]: the defaults.
    run_hostile(["--config", "../../pyproject.toml", "cib.xml"], cwd=tmp_path / "repo" / "deep", expect=1)


def test_a_pyproject_whose_pcs_lint_table_is_not_a_table_is_a_config_error(tmp_path):
    write(tmp_path / "pyproject.toml", b'[tool]\n"pcs-lint" = 3\n')
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["--config", "pyproject.toml", "cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "tool.pcs-lint")


def test_a_config_nested_too_deeply_for_the_toml_parser_is_a_config_error(tmp_path):
    depth = 100_000
    write(tmp_path / ".pcs-lint.toml", b"select = " + b"[" * depth + b"]" * depth + b"\n")
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "invalid TOML", "nested too deeply")


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("document, words", [
    ('{"pcs-lint-baseline": 1, "findings": 7}', "'findings' is not a list"),
    ('{"pcs-lint-baseline": 1, "findings": "abc"}', "'findings' is not a list"),
    ('{"pcs-lint-baseline": 1, "findings": [{"path": [], "rule": "PCS201"}]}', "malformed entry (finding 1)"),
    ('{"pcs-lint-baseline": 1, "findings": [{"path": "a", "rule": {"x": 1}}]}', "malformed entry (finding 1)"),
    ('{"pcs-lint-baseline": 1, "findings": [{"path": "a", "rule": "b", "object_id": [1]}]}', "malformed entry"),
    ('{"pcs-lint-baseline": 1, "findings": ' + _deep(100_000) + "}", "nested too deeply"),
    ('{"pcs-lint-baseline": 1, "findings": [], "n": ' + "9" * 5000 + "}", "Exceeds the limit"),
    ('{"pcs-lint-baseline": ' + "1" * 5000 + "}", "Exceeds the limit"),
    (b'\xff\xfe{}', "not UTF-8"),
])
def test_a_corrupted_baseline_is_the_one_line_baseline_error(tmp_path, document, words):
    write(tmp_path / "cib.xml", BAD)
    write(tmp_path / "baseline.json", document if isinstance(document, bytes) else document.encode())
    run = run_hostile(["--isolated", "--baseline", "baseline.json", "cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "baseline", words)


# ------------------------------------------------------------------ item 12: said, not silent


def test_a_subdirectory_the_search_cannot_list_is_an_error(tmp_path):
    # Tests run as root, which lists a mode-000 directory anyway; a path longer than PATH_MAX
    # is one no user can list by name, so the walk meets the same OSError a locked directory
    # gives anyone else. Built with dir_fd, since the full path cannot be named either.
    write(tmp_path / "tree" / "cib.xml", CLEAN)
    component = "d" * 200
    descriptor = os.open(tmp_path / "tree", os.O_RDONLY)
    try:
        for _ in range(25):  # 25 * 201 > 4096
            os.mkdir(component, dir_fd=descriptor)
            inner = os.open(component, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
        with os.fdopen(os.open("cib.xml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "wb") as handle:
            handle.write(BAD)  # a broken CIB the run must not silently pass over
    finally:
        os.close(descriptor)
    run = run_hostile(["--isolated", "tree"], cwd=tmp_path, expect=2)
    assert "cannot list directory: File name too long" in run.stderr, run.stderr


def test_a_directory_that_cannot_be_listed_is_reported_by_discovery(tmp_path, monkeypatch):
    # The OSError a mode-000 directory gives an unprivileged user, injected (tests run as root).
    from pcs_lint import discovery

    write(tmp_path / "tree" / "ok" / "cib.xml", CLEAN)
    write(tmp_path / "tree" / "locked" / "cib.xml", BAD)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discovery.discover_files([str(tmp_path / "tree")])
    assert found.files == (str(tmp_path / "tree" / "ok" / "cib.xml"),)
    assert found.errors == (f"{tmp_path}/tree/locked: cannot list directory: Permission denied",)


@pytest.mark.parametrize("selection", ["", ",", " , "])
def test_an_empty_selection_is_a_usage_error(tmp_path, selection):
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["--isolated", "--select", selection, "cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "--select: no rule given")


def test_an_empty_select_list_in_the_config_is_a_usage_error(tmp_path):
    write(tmp_path / ".pcs-lint.toml", b"select = []\n")
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["cib.xml"], cwd=tmp_path, expect=2)
    one_error_line(run.stderr, "select: no rule given")


OTHER_UID = 54321


def _owned_by_another_user(path: Path) -> None:
    try:
        os.chown(path, OTHER_UID, OTHER_UID)
    except PermissionError:
        pytest.skip("giving a file to another user needs root (the suite runs as root in CI)")
    assert os.stat(path).st_uid != os.geteuid()


@pytest.mark.parametrize("name, text", [
    (".pcs-lint.toml", b'ignore = ["ALL"]\n'),
    ("pyproject.toml", b'[tool.pcs-lint]\nignore = ["ALL"]\n'),
])
def test_a_config_owned_by_another_user_is_ignored_with_a_warning(tmp_path, name, text):
    config = write(tmp_path / "shared" / name, text)
    _owned_by_another_user(config)
    write(tmp_path / "shared" / "checkout" / "cib.xml", BAD)
    run = run_hostile(["cib.xml"], cwd=tmp_path / "shared" / "checkout", expect=1)
    assert f"pcs-lint: warning: ignoring config file {config}: owned by uid {OTHER_UID}" in run.stderr
    assert "PCS201" in run.stdout
    # Named with --config, it is used: the user chose it.
    run = run_hostile(["--config", str(config), "cib.xml"], cwd=tmp_path / "shared" / "checkout", expect=0)
    assert "warning" not in run.stderr


def test_a_config_owned_by_root_or_by_the_user_is_used(tmp_path):
    from pcs_lint.config import trusted_owner

    assert trusted_owner(0) and trusted_owner(os.geteuid()) and not trusted_owner(OTHER_UID)
    write(tmp_path / ".pcs-lint.toml", b'ignore = ["ALL"]\n')
    write(tmp_path / "cib.xml", BAD)
    run = run_hostile(["cib.xml"], cwd=tmp_path, expect=0)
    assert "warning" not in run.stderr
