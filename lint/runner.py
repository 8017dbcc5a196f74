"""Lint a list of paths with a plan: expand directories, read, lint, collect, decide the exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pcs_lint.engine import (
    InputError,
    RunPlan,
    lint_bytes,
    lint_environment,
    load_error_findings,
    read_input,
    sort_findings,
    suppress_across_files,
)
from pcs_lint.findings import Finding, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CIB_SUFFIXES = (".xml",)


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    errors: tuple[str, ...]


def expand_paths(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files as given; directories recursed for *.xml, sorted. Returns (files, errors)."""
    files: list[str] = []
    errors: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
            continue
        candidate = Path(path)
        if candidate.is_dir():
            found = sorted(p for p in candidate.rglob("*") if p.is_file() and p.suffix.lower() in CIB_SUFFIXES)
            files.extend(str(p) for p in found)
        else:
            files.append(path)
    return files, errors


def run(paths: Sequence[str], plan: RunPlan, *, stdin_name: str = "-") -> RunResult:
    files, errors = expand_paths(paths)
    findings: list[Finding] = list(load_error_findings(plan))
    linted: list[str] = []
    for path in files:
        try:
            data = read_input(path)
        except InputError as error:
            errors.append(str(error))
            continue
        display = stdin_name if path == "-" else path
        linted.append(display)
        findings.extend(lint_bytes(data, display, plan))
    findings.extend(lint_environment(plan))
    findings = suppress_across_files(findings, plan)
    return RunResult(tuple(sort_findings(findings)), tuple(linted), tuple(errors))


def exit_code(result: RunResult, fail_on: Severity, *, exit_zero: bool = False) -> int:
    if result.errors or any(f.rule == "PCS000" for f in result.findings):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    if any(f.severity >= fail_on for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def warn(message: str) -> None:
    print(f"pcs-lint: error: {message}", file=sys.stderr)
