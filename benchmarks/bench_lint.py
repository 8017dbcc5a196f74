#!/usr/bin/env python3
"""Time pcs-lint: start-up, one small file, and the whole corpus, through the CLI and in-process.

    .venv/bin/python benchmarks/bench_lint.py [--corpus ../shared/corpus/pacemaker-cts] [--repeat 5]

A measurement script, not a test: numbers depend on the machine and its load, so nothing here
asserts a time. Wall-clock medians are printed; run it on an idle machine to compare changes.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pacemaker-cts"
SMALL = ROOT / "samples" / "bad" / "PCS201-duplicate-id.xml"


def timed_process(args: list[str], repeat: int) -> float:
    """Median wall time of ``python -m pcs_lint ARGS`` over ``repeat`` runs (exit code ignored)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pcs_lint", *args], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def import_breakdown() -> list[tuple[int, str]]:
    """The slowest top-level imports of ``pcs-lint --version`` (``python -X importtime``)."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-m", "pcs_lint", "--version"],
                               capture_output=True, text=True, check=False)
    rows = []
    for line in completed.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if not name.startswith("  "):  # top-level imports only (cumulative times)
                rows.append((int(parts[1]), name.strip()))
    return sorted(rows, reverse=True)[:8]


def engine_pass(files: list[Path]) -> dict[str, float]:
    """Parse, index and lint every file in this process; time each stage separately."""
    from pcs_lint.config import Config
    from pcs_lint.engine import lint_bytes
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlDocument, parse_xml
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry

    plan = build_plan(load_registry(autoload=False), Config(), CliOptions())
    data = [path.read_bytes() for path in files]

    started = time.perf_counter()
    documents = [parse_xml(blob) for blob in data]
    parsed = time.perf_counter() - started

    started = time.perf_counter()
    for document in documents:
        if isinstance(document, XmlDocument):
            build_index(document.root)
    indexed = time.perf_counter() - started

    per_file = []
    findings = 0
    started = time.perf_counter()
    for path, blob in zip(files, data):
        one = time.perf_counter()
        findings += len(lint_bytes(blob, path.name, plan))
        per_file.append((time.perf_counter() - one, path.name))
    total = time.perf_counter() - started
    slowest = max(per_file)
    return {
        "files": len(files),
        "megabytes": sum(map(len, data)) / 1e6,
        "parse": parsed,
        "index": indexed,
        "lint": total,
        "median_ms": statistics.median(t for t, _ in per_file) * 1000,
        "slowest_ms": slowest[0] * 1000,
        "slowest": slowest[1],
        "findings": findings,
        "rules": len(plan.rules),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a directory of CIB XML files")
    parser.add_argument("--repeat", type=int, default=5, help="runs per CLI measurement (median)")
    options = parser.parse_args()

    print(f"python {sys.version.split()[0]}, {options.repeat} runs per CLI measurement (median wall time)")
    print(f"  pcs-lint --version              {timed_process(['--version'], options.repeat):7.3f} s")
    print(f"  pcs-lint one small file         {timed_process(['--isolated', str(SMALL)], options.repeat):7.3f} s")
    print("  slowest imports of --version (cumulative):")
    for microseconds, name in import_breakdown():
        print(f"    {microseconds / 1000:7.1f} ms  {name}")

    files = sorted(options.corpus.glob("*.xml"))
    if not files:
        print(f"no corpus at {options.corpus}: skipping the corpus measurements")
        return
    whole = timed_process(["--isolated", "--format", "json", *map(str, files)], max(1, options.repeat // 2))
    print(f"  pcs-lint over {len(files)} corpus files  {whole:7.3f} s  ({whole / len(files) * 1000:.1f} ms per file)")

    stats = engine_pass(files)
    print(f"in-process engine over {stats['files']} files ({stats['megabytes']:.1f} MB), {stats['rules']} rules:")
    print(f"  parse only   {stats['parse']:7.3f} s")
    print(f"  index only   {stats['index']:7.3f} s")
    print(f"  full lint    {stats['lint']:7.3f} s  (parse + index + every rule; {stats['findings']} findings)")
    print(f"  per file     median {stats['median_ms']:.1f} ms, slowest {stats['slowest_ms']:.1f} ms ({stats['slowest']})")


if __name__ == "__main__":
    main()
