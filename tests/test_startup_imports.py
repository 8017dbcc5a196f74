"""What a plain lint of one CIB imports (issue 14): the modules only other inputs need (report
bundles, corosync.conf, SBD dumps, config files, authkeys) stay out of its start-up, and the
costly imports the run does not use stay out too. Counted, not timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_FOR_A_PLAIN_CIB = (
    "pydantic",  # typer's coercion (lint/cli_coercion.py)
    "importlib.metadata",  # entry points (lint/entry_points.py)
    "importlib.resources",  # package data (lint/package_data.py)
    "hashlib",  # authkeys
    "tomllib",  # config files (the run is --isolated)
    "pcs_lint.corosync",
    "pcs_lint.quorum_facts",
    "pcs_lint.sbd_dump",
    "pcs_lint.report_bundles",
    "pcs_lint.bundle_archive",
    "pcs_lint.bundle_directory",
)
RUN = ("import sys\nfrom pcs_lint.cli import main\n"
       "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
       f"print(sorted(m for m in {NOT_FOR_A_PLAIN_CIB!r} if m in sys.modules), file=sys.stderr)\n")


def imported(tmp_path, *args):
    run = subprocess.run([sys.executable, "-c", RUN, *args], capture_output=True, text=True, cwd=tmp_path,
                         check=False)
    return run.stderr.strip().splitlines()[-1]


def test_a_plain_cib_lint_imports_only_what_it_uses(tmp_path):
    assert imported(tmp_path, "--isolated", "--format", "json", str(ROOT / "samples" / "clean" / "cib.xml")) == "[]"


def test_the_modules_come_back_with_the_inputs_that_need_them(tmp_path):
    """The check above can fail: given a corosync.conf, the run reads it with its reader."""
    conf = ROOT / "samples" / "sbd-disk" / "corosync.conf"
    found = imported(tmp_path, "--isolated", "--format", "json", "--corosync", str(conf),
                     str(ROOT / "samples" / "clean" / "cib.xml"))
    assert "pcs_lint.corosync" in found and "pcs_lint.quorum_facts" in found
