"""Benchmark: lint the whole shared corpus with the schema rules on (PCS901-PCS903).

    .venv/bin/python benchmarks/bench_schema.py [CORPUS_DIR]

Prints the time to compile the schemas (first use) and to lint every file, cold and warm.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pcs_lint.config import Config
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.rules._rng_schemas import clear_cache, compiled_schema, locate_schema_dir
from pcs_lint.runner import run

CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    files = sorted(str(p) for p in CORPUS.glob("*/*.xml"))
    if not files:
        sys.exit(f"no corpus files under {CORPUS}")
    directory = locate_schema_dir(None)
    plan = build_plan(load_registry(autoload=False), Config(), CliOptions(select=("PCS901", "PCS902", "PCS903")))

    clear_cache()
    start = time.perf_counter()
    for version in directory.versions:
        compiled_schema(directory.path, version)
    compile_all = time.perf_counter() - start

    clear_cache()
    for label in ("cold (compiles on first use)", "warm (schemas cached)"):
        start = time.perf_counter()
        result = run(files, plan)
        elapsed = time.perf_counter() - start
        print(f"{label}: {len(files)} files, {len(result.findings)} findings, "
              f"{elapsed:.2f} s ({1000 * elapsed / len(files):.1f} ms/file)")
    print(f"compiling all {len(directory.versions)} schema versions in {directory.path}: {compile_all:.2f} s")


if __name__ == "__main__":
    main()
