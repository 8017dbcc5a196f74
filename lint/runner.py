"""Lint a list of paths: find the files, run the pipeline (lint/pipeline.py), decide the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pcs_lint.discovery import discover_files
from pcs_lint.engine import INTERNAL_ERROR, RunPlan
from pcs_lint.findings import Severity
from pcs_lint.pipeline import CibInput, RunResult, lint_inputs

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "RunResult", "exit_code", "run"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def run(
    paths: Sequence[str],
    plan: RunPlan,
    *,
    stdin_name: str = "-",
    exclude: Sequence[str] = (),
    force_exclude: bool = False,
    jobs: int = 1,
    baseline: Path | None = None,
) -> RunResult:
    """Find the files (directories searched, exclusions applied), then lint them with the pipeline."""
    found = discover_files(paths, exclude, force_exclude=force_exclude)
    cibs = [CibInput(path, stdin_name if path == "-" else path) for path in found.files]
    result = lint_inputs(cibs, plan, jobs=jobs, baseline=baseline)
    return replace(result, errors=(*found.errors, *result.errors), skipped=found.skipped, inputs=found.files)


def exit_code(result: RunResult, fail_on: Severity, *, exit_zero: bool = False) -> int:
    if result.errors or any(f.rule == INTERNAL_ERROR for f in result.findings):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    if any(f.severity >= fail_on for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN

