"""Running the real ``corosync -t`` on a corosync.conf offline, for the differential tests.

corosync refuses a file whose nodelist does not name the local host and reads the key file when
crypto is on: each run gets its own UTS namespace (host name = the file's first node) and mount
namespace (a scratch /etc/corosync with a key), so the file itself is checked unchanged.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pcs_lint.corosync import parse_corosync_bytes

COROSYNC = shutil.which("corosync")
UNSHARE = shutil.which("unshare")
_PARSER_ERROR = re.compile(r"parser error: .*?:(\d+): (.*)")
_CONFIG_ERROR = re.compile(r"parse error in config: (.*)")


@dataclass(frozen=True)
class Verdict:
    refused: bool
    line: int | None  # where a parser error points
    message: str


def available() -> str | None:
    """Why corosync -t cannot run here, or None."""
    if COROSYNC is None:
        return "corosync is not installed (apt install corosync)"
    if UNSHARE is None or os.geteuid() != 0:
        return "running corosync -t offline needs unshare and root (a private host name and /etc/corosync)"
    return None


def corosync_verdict(path: str | Path) -> Verdict:
    data = Path(path).read_bytes()
    conf = parse_corosync_bytes(data, path=str(path))
    host = next((entry.label for entry in conf.nodelist if entry.name or entry.address(0)), "node1")
    with tempfile.TemporaryDirectory() as scratch:
        etc = Path(scratch) / "etc"
        etc.mkdir()
        (etc / "authkey").write_bytes(os.urandom(256))
        os.chmod(etc / "authkey", 0o400)
        script = 'mount --bind "$1" /etc/corosync && hostname "$2" && exec corosync -t -c "$3"'
        done = subprocess.run([UNSHARE, "-um", "sh", "-c", script, "sh", str(etc), host, str(Path(path).resolve())],
                              capture_output=True, text=True, timeout=30, errors="replace")
    output = done.stdout + done.stderr
    match = _PARSER_ERROR.search(output)
    if match:
        return Verdict(done.returncode != 0, int(match.group(1)), match.group(2).strip())
    match = _CONFIG_ERROR.search(output)
    if match:
        return Verdict(done.returncode != 0, None, match.group(1).strip())
    return Verdict(done.returncode != 0, None, output.strip().splitlines()[-1] if output.strip() else "")
