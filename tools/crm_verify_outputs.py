#!/usr/bin/env python3
"""What crm_verify says about each corpus CIB, per reference release.

- 2.1.5 (Debian 12, the host): the corpus manifests hold it (``crm_verify -x FILE -VV``,
  stdout and stderr merged, cut at 40 lines; for the pacemaker-3.10 files, which 2.1.5 only
  refuses, the manifest's retry as pacemaker-3.9 is kept too).
- 3.0.0 (Debian 13, the root tools/reference-root.sh makes): run here, the same way
  (``crm_verify -VV -x SET/FILE`` from a copy of the corpus inside the root, ``LC_ALL=C``, 20 s,
  merged, cut at 40 lines), and stored in tests/data/crm_verify-3.0.0.json, so the fidelity
  report and its test need neither the root nor root rights.

Usage:
    tools/crm_verify_outputs.py [--root ROOT] [--corpus DIR]   # rewrite tests/data/crm_verify-3.0.0.json

Only crm_verify's own lines are stored (with the ids it names), never corpus content.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT.parent / "shared" / "corpus"
SETS = ("pacemaker-cts", "pcs-tests", "crmsh-tests")
STORED_3_0_0 = PROJECT / "tests" / "data" / "crm_verify-3.0.0.json"
DEFAULT_ROOT = "/var/cache/pcs-lint/debian13-root"
ROOT_ENV = "PCS_LINT_DEBIAN13_ROOT"
# The manifests' measurement, kept for 3.0.0 so both releases are read the same way.
VERBOSITY = "-VV"
MAX_LINES = 40
TIMEOUT = 20


@dataclass(frozen=True)
class Output:
    """crm_verify's verdict on one file: exit code and (at most MAX_LINES) trimmed lines."""

    rc: int | None
    lines: tuple[str, ...]


def corpus_files(corpus: Path = CORPUS) -> list[tuple[str, Path]]:
    """("SET/NAME", path) of every corpus CIB candidate, sorted."""
    return [(f"{name}/{path.name}", path) for name in SETS
            for path in sorted((corpus / name).glob("*.xml"))]


def _manifest_records(corpus: Path) -> Iterator[tuple[str, dict]]:
    for name in SETS:
        with open(corpus / f"{name}.manifest.jsonl", encoding="utf-8") as manifest:
            for line in manifest:
                if line.strip():
                    record = json.loads(line)
                    yield f"{name}/{record['file']}", record


def outputs_2_1_5(corpus: Path = CORPUS) -> dict[str, Output]:
    """The manifests' crm_verify 2.1.5 output per file.

    2.1.5 has no pacemaker-3.10 schema and only says the CIB does not validate; what it says
    about the same configuration declared as pacemaker-3.9 (the manifest's retry) is appended,
    because that is what a user of 2.1.5 sees once the schema is one it ships.
    """
    outputs = {}
    for key, record in _manifest_records(corpus):
        lines = list(record.get("crm_verify") or ())
        retry = record.get("crm_verify_retry_newest_schema") or {}
        lines += retry.get("crm_verify") or ()
        outputs[key] = Output(record.get("crm_verify_rc"), tuple(lines))
    return outputs


def outputs_3_0_0(path: Path = STORED_3_0_0) -> dict[str, Output]:
    stored = json.loads(path.read_text(encoding="utf-8"))
    table = stored["lines"]
    # Each file is [exit code, index of each line in "lines"...].
    return {key: Output(value[0], tuple(table[i] for i in value[1:])) for key, value in stored["files"].items()}


def reference_root() -> Path:
    return Path(os.environ.get(ROOT_ENV) or DEFAULT_ROOT)


def root_is_usable(root: Path) -> bool:
    return (root / "usr/sbin/crm_verify").exists() and os.geteuid() == 0


def run_3_0_0(root: Path, files: Iterable[tuple[str, Path]]) -> dict[str, Output]:
    """crm_verify of the root on copies of FILES (keys "SET/NAME"), measured as the manifests were."""
    outputs = {}
    with tempfile.TemporaryDirectory(dir=root / "tmp", prefix="pcs-lint-fidelity-") as work:
        inside = "/tmp/" + Path(work).name
        for key, path in files:
            copy = Path(work) / key
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
            command = ["chroot", str(root), "env", "-i", "-C", inside, "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                       "LC_ALL=C", "crm_verify", VERBOSITY, "-x", key]
            try:
                done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True, errors="replace", timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                outputs[key] = Output(None, ("(timed out)",))
                continue
            lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
            outputs[key] = Output(done.returncode, tuple(lines[:MAX_LINES]))
            copy.unlink()
    return outputs


def stored_form(outputs: dict[str, Output]) -> str:
    """JSON with each distinct line once (most files share their lines), one entry per text line."""
    table = sorted({line for out in outputs.values() for line in out.lines})
    index = {line: i for i, line in enumerate(table)}
    dump = functools.partial(json.dumps, ensure_ascii=False, sort_keys=True)
    command = (f"crm_verify {VERBOSITY} -x SET/FILE, LC_ALL=C, stdout and stderr merged, "
               f"first {MAX_LINES} trimmed non-empty lines; files: [exit code, index into lines...]")
    parts = ["{", f'"crm_verify": {dump("3.0.0 (Debian 13 pacemaker-cli-utils)")},',
             f'"command": {dump(command)},', '"lines": [']
    parts += [dump(line) + ("," if i < len(table) - 1 else "") for i, line in enumerate(table)]
    parts += ["],", '"files": {']
    keys = sorted(outputs)
    for n, key in enumerate(keys):
        value = [outputs[key].rc, *(index[line] for line in outputs[key].lines)]
        parts.append(f"{dump(key)}: {dump(value)}" + ("," if n < len(keys) - 1 else ""))
    parts += ["}", "}"]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path, default=STORED_3_0_0)
    args = parser.parse_args(argv)
    root = args.root or reference_root()
    if not root_is_usable(root):
        print(f"crm_verify_outputs: needs root and the Debian 13 root at {root} "
              "(tools/reference-root.sh)", file=sys.stderr)
        return 2
    outputs = run_3_0_0(root, corpus_files(args.corpus))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(stored_form(outputs), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
