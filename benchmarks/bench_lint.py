#!/usr/bin/env python3
"""Time pcs-lint: start-up, one small file, and the whole corpus, through the CLI and in-process.

    .venv/bin/python benchmarks/bench_lint.py [--corpus ../shared/corpus/pacemaker-cts] [--repeat 5]

A measurement script, not a test: numbers depend on the machine and its load, so nothing here
asserts a time. Wall-clock minimum and median are printed (on a shared machine the minimum is
the steadier figure); run it on an idle machine to compare changes. To compare two trees, run it
with PYTHONPATH pointing at a copy laid out as the package (pcs_lint/, pcs_lint/rules/,
pcs_lint/schemas/): the CLI runs and the in-process pass both import pcs_lint from there.

CLI runs use a bytecode cache in a temporary directory (PYTHONPYCACHEPREFIX), even when
PYTHONDONTWRITEBYTECODE is set, because an installed pcs-lint has its .pyc files; without a
cache every start compiles ~100 modules from source (~60 ms here). --no-bytecode-cache measures
that case instead.
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "pacemaker-cts"
SMALL = ROOT / "samples" / "bad" / "PCS201-duplicate-id.xml"


def cli_environment(bytecode_cache: bool, cache_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache_dir
    return env


def timed_process(args: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """(minimum, median) wall time of ``python -m pcs_lint ARGS`` over ``repeat`` runs, after
    one untimed run that fills the bytecode cache (exit codes are ignored)."""
    command = [sys.executable, "-m", "pcs_lint", *args]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def import_breakdown(env: dict[str, str]) -> list[tuple[int, str]]:
    """The slowest top-level imports of ``pcs-lint --version`` (``python -X importtime``).

    importtime sees only ``import`` statements: the rule modules, which discovery loads with
    importlib.import_module, do not appear (see "load_registry" below)."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-m", "pcs_lint", "--version"],
                               capture_output=True, text=True, check=False, env=env)
    rows = []
    for line in completed.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if not name.startswith("  "):  # top-level imports only (cumulative times)
                rows.append((int(parts[1]), name.strip()))
    return sorted(rows, reverse=True)[:8]


def engine_pass(files: list[Path]) -> dict:
    """Parse, index and lint every file in this process; time each stage, each file and each
    rule's check separately."""
    from pcs_lint.config import Config
    from pcs_lint.engine import lint_bytes
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlDocument, parse_xml
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry
    from pcs_lint.rule import Context

    started = time.perf_counter()
    registry = load_registry(autoload=False)
    loaded = time.perf_counter() - started
    plan = build_plan(registry, Config(), CliOptions())
    data = [path.read_bytes() for path in files]

    started = time.perf_counter()
    documents = [parse_xml(blob) for blob in data]
    parsed = time.perf_counter() - started

    started = time.perf_counter()
    indexes = [build_index(d.root) if isinstance(d, XmlDocument) else None for d in documents]
    indexed = time.perf_counter() - started

    per_file = []
    findings = 0
    started = time.perf_counter()
    for path, blob in zip(files, data, strict=True):
        one = time.perf_counter()
        findings += len(lint_bytes(blob, path.name, plan))
        per_file.append((time.perf_counter() - one, path.name))
    total = time.perf_counter() - started

    # Each rule's check alone, on the indexes built above (a second pass: caches are warm, and
    # the engine's own work of locating findings is not counted).
    per_rule: collections.Counter[str] = collections.Counter()
    for path, cib in zip(files, indexes, strict=True):
        if cib is None:
            continue
        for rule in plan.rules:
            if rule.check is None or rule.scope != "cib":
                continue
            context = Context(cib=cib, path=path.name, options=plan.options.get(rule.code) or rule.default_options(),
                              settings=plan.settings)
            one = time.perf_counter()
            try:
                list(rule.check(context))
            except Exception:  # PCS000's business, not the benchmark's
                pass
            per_rule[f"{rule.code} {rule.name}"] += time.perf_counter() - one
    return {
        "files": len(files),
        "megabytes": sum(map(len, data)) / 1e6,
        "load_registry": loaded,
        "parse": parsed,
        "index": indexed,
        "lint": total,
        "median_ms": statistics.median(t for t, _ in per_file) * 1000,
        "slowest": sorted(per_file, reverse=True)[:5],
        "rules": per_rule.most_common(8),
        "rule_total": sum(per_rule.values()),
        "findings": findings,
        "rule_count": len(plan.rules),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append",
                        help=f"a directory of CIB XML files (repeatable; default {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=5, help="runs per CLI measurement")
    parser.add_argument("--no-bytecode-cache", dest="bytecode_cache", action="store_false",
                        help="let CLI runs compile from source when PYTHONDONTWRITEBYTECODE is set")
    options = parser.parse_args()
    corpora = options.corpus or [DEFAULT_CORPUS]

    with tempfile.TemporaryDirectory(prefix="pcs-lint-bench-") as cache_dir:
        env = cli_environment(options.bytecode_cache, cache_dir)
        cache = "with" if options.bytecode_cache else "without"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {options.repeat} runs per CLI "
              f"measurement (min / median wall time), {cache} a bytecode cache")
        for label, args in (("pcs-lint --version", ["--version"]),
                            ("pcs-lint one small file", ["--isolated", str(SMALL)])):
            low, middle = timed_process(args, options.repeat, env)
            print(f"  {label:<32}{low:7.3f} / {middle:.3f} s")
        print("  slowest imports of --version (cumulative):")
        for microseconds, name in import_breakdown(env):
            print(f"    {microseconds / 1000:7.1f} ms  {name}")

        files = sorted(f for corpus in corpora for f in corpus.glob("*.xml"))
        if not files:
            print(f"no corpus at {', '.join(map(str, corpora))}: skipping the corpus measurements")
            return
        low, middle = timed_process(["--isolated", "--format", "json", *map(str, files)],
                                    max(1, options.repeat // 2), env)
        print(f"  pcs-lint over {len(files)} corpus files {low:7.3f} / {middle:.3f} s "
              f"({low / len(files) * 1000:.1f} ms per file)")

    stats = engine_pass(files)
    print(f"in-process engine over {stats['files']} files ({stats['megabytes']:.1f} MB), {stats['rule_count']} rules:")
    print(f"  load_registry {stats['load_registry']:7.3f} s  (imports every rule module)")
    print(f"  parse only    {stats['parse']:7.3f} s")
    print(f"  index only    {stats['index']:7.3f} s")
    print(f"  full lint     {stats['lint']:7.3f} s  (parse + index + every rule; {stats['findings']} findings)")
    print(f"  per file      median {stats['median_ms']:.1f} ms; slowest:")
    for seconds, name in stats["slowest"]:
        print(f"    {seconds * 1000:7.1f} ms  {name}")
    print(f"  rule checks   {stats['rule_total']:7.3f} s in all (warm caches); costliest:")
    for name, seconds in stats["rules"]:
        print(f"    {seconds * 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
