"""Writing the report to a stdout that goes away (issue 8, item 8): a reader that stops early
(``| head``) does not change the exit code the findings give, and a device that refuses the
report (``/dev/full``) is one line, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pcs_lint.testing import cib

from .hostile import _limit_address_space

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

TIME_LIMIT = 60


def _many_findings_cib(count: int) -> str:
    """A CIB with ``count`` duplicate-id findings: far more text than a pipe buffer holds."""
    primitives = "\n".join(
        f'      <primitive id="dup" class="ocf" provider="heartbeat" type="Dummy{n}"/>' for n in range(count)
    )
    return cib(resources=primitives)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    clean = folder / "clean.xml"
    clean.write_text(cib())
    noisy = folder / "noisy.xml"
    noisy.write_text(_many_findings_cib(2000))
    return {"clean": clean, "noisy": noisy}


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pcs_lint", "--isolated", "--color", "never", *args]


def _closed_stdout_run(args: list[str]) -> tuple[int, str]:
    """Run with a stdout pipe whose reading end is closed before the child writes anything."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        completed = subprocess.run(args, stdout=write_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                   timeout=TIME_LIMIT, preexec_fn=_limit_address_space)
    finally:
        os.close(write_end)
    return completed.returncode, completed.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("name", "extra", "expected"),
    [("clean", (), 0), ("noisy", (), 1), ("noisy", ("--exit-zero",), 0), ("noisy", ("--fail-on", "error"), 1),
     ("noisy", ("--format", "json"), 1), ("clean", ("--format", "sarif"), 0)],
)
def test_a_closed_stdout_keeps_the_exit_code_of_the_findings(inputs, name, extra, expected):
    code, stderr = _closed_stdout_run(_command(*extra, str(inputs[name])))
    assert code == expected, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr


@pytest.mark.parametrize(("name", "expected"), [("clean", 0), ("noisy", 1)])
def test_head_in_a_shell_pipeline(inputs, name, expected):
    command = " ".join(_command(str(inputs[name])))
    completed = subprocess.run(["bash", "-c", f'{command} | head -1; echo "status=${{PIPESTATUS[0]}}"'],
                               capture_output=True, text=True, timeout=TIME_LIMIT)
    assert completed.stdout.splitlines()[-1] == f"status={expected}", completed.stderr
    assert len(completed.stdout.splitlines()) == 2  # head's one line, then the status
    assert completed.stderr == "", completed.stderr


@pytest.mark.parametrize("args", [("rules",), ("explain", "PCS113"), ("--version",)])
def test_other_commands_with_a_closed_stdout_exit_0(args):
    code, stderr = _closed_stdout_run([sys.executable, "-m", "pcs_lint", *args])
    assert (code, stderr) == (0, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("extra", [(), ("--exit-zero",), ("--format", "junit")])
def test_a_full_device_is_one_line_and_exit_2(inputs, extra):
    with open("/dev/full", "w") as full:
        completed = subprocess.run(_command(*extra, str(inputs["noisy"])), stdout=full, stderr=subprocess.PIPE,
                                   text=True, timeout=TIME_LIMIT, preexec_fn=_limit_address_space)
    assert completed.returncode == 2
    assert completed.stderr == "pcs-lint: error: cannot write the report: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_device_fails_even_a_clean_run(inputs):
    with open("/dev/full", "w") as full:
        completed = subprocess.run(_command(str(inputs["clean"])), stdout=full, stderr=subprocess.PIPE,
                                   text=True, timeout=TIME_LIMIT)
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == ["pcs-lint: error: cannot write the report: No space left on device"]


def _no_stdout_run(args: list[str]) -> tuple[int, str]:
    """Run with file descriptor 1 closed before the interpreter starts (the shell's ``>&-``):
    Python then has no sys.stdout at all."""
    completed = subprocess.run(["bash", "-c", '"$@" >&-', "run", *args], stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, timeout=TIME_LIMIT)
    return completed.returncode, completed.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("name", "extra", "expected"),
    [("clean", (), 0), ("noisy", (), 1), ("noisy", ("--exit-zero",), 0), ("noisy", ("--format", "json"), 1)],
)
def test_no_stdout_at_all_keeps_the_exit_code_of_the_findings(inputs, name, extra, expected):
    code, stderr = _no_stdout_run(_command(*extra, str(inputs[name])))
    assert (code, stderr) == (expected, "")
