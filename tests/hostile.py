"""Running pcs-lint on hostile input the way CI would meet it: a separate process under a 2 GiB
address-space limit and a 10 s wall-clock limit, so a hang, a memory blow-up or a traceback is a
test failure and never stalls the suite.

Every issue-8 regression test goes through ``run_hostile``; it asserts the process ended in time,
printed no traceback and returned one of the documented exit codes.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ADDRESS_SPACE_LIMIT = 2 * 1024**3
TIME_LIMIT_SECONDS = 10.0
DOCUMENTED_EXIT_CODES = (0, 1, 2)


@dataclass(frozen=True)
class HostileRun:
    returncode: int
    stdout: str
    stderr: str


def _limit_address_space() -> None:  # runs in the child between fork and exec
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def run_hostile(
    args: list[str],
    *,
    cwd: str | os.PathLike | None = None,
    stdin: bytes | BinaryIO | None = None,
    env: dict[str, str] | None = None,
    expect: int | tuple[int, ...] | None = None,
    timeout: float = TIME_LIMIT_SECONDS,
) -> HostileRun:
    """Run ``pcs-lint ARGS`` in a child process with the limits above and return what it did.

    ``stdin`` is bytes to send, or an open file to read from (``/dev/zero`` for endless input).
    Fails the test on a time-out, a traceback, an undocumented exit code, or (with ``expect``)
    another exit code than the one the documentation gives.
    """
    child_env = dict(os.environ if env is None else env)
    child_env.setdefault("PCS_LINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    feed = {"stdin": stdin} if hasattr(stdin, "fileno") else {"input": stdin if stdin is not None else b""}
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "pcs_lint", *args],
            cwd=cwd,
            **feed,
            capture_output=True,
            env=child_env,
            timeout=timeout,
            preexec_fn=_limit_address_space,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"pcs-lint {args!r} did not finish within {timeout} s") from None
    run = HostileRun(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )
    assert "Traceback" not in run.stdout + run.stderr, run.stderr[-2000:]
    assert run.returncode in DOCUMENTED_EXIT_CODES, (run.returncode, run.stderr[-2000:])
    if expect is not None:
        allowed = (expect,) if isinstance(expect, int) else expect
        assert run.returncode in allowed, (run.returncode, run.stdout[-2000:], run.stderr[-2000:])
    return run


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
