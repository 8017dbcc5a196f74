"""Lint a list of paths: find the files, run the pipeline (lint/pipeline.py), decide the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pcs_lint.bundle_inputs import read_bundles, with_bundle_files
from pcs_lint.discovery import discover_files, is_excluded
from pcs_lint.engine import INTERNAL_ERROR, RunPlan
from pcs_lint.findings import Severity
from pcs_lint.inputs import InputError, read_input
from pcs_lint.pipeline import CibInput, RunResult, lint_inputs

if TYPE_CHECKING:
    from pcs_lint.corosync import CorosyncConf

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
    """Read the report bundles among the paths, find the other files (directories searched,
    exclusions applied), then lint them all with the pipeline."""
    bundles = read_bundles([p for p in paths if not (force_exclude and is_excluded(p, exclude))])
    plan = with_bundle_files(plan, bundles)
    found = discover_files(bundles.others, exclude, force_exclude=force_exclude)
    cibs, confs = _recognise_corosync(found.files, stdin_name)
    if confs:
        plan = replace(plan, corosync=(*plan.corosync, *confs))
    if bundles.cib is not None:
        cibs.insert(0, CibInput(bundles.cib.name, bundles.cib.name, bundles.cib.data))
    result = lint_inputs(cibs, plan, jobs=jobs, baseline=baseline)
    return replace(result, errors=(*bundles.errors, *found.errors, *result.errors),
                   skipped=(*bundles.skipped, *found.skipped), inputs=(*bundles.bundles, *found.files))


def _recognise_corosync(files: Sequence[str], stdin_name: str) -> tuple[list[CibInput], list[CorosyncConf]]:
    """Split the files into CIBs and corosync.conf files, recognised by their content.

    Stdin and named files not ending in .xml are read here, once: those that are corosync.conf
    are parsed, the others keep their bytes (or read error) so that they are not read twice.
    A directory search finds only *.xml files, which are CIBs."""
    cibs: list[CibInput] = []
    confs: list[CorosyncConf] = []
    for path in files:
        name = stdin_name if path == "-" else path  # as given, like a CIB's
        if path != "-" and path.lower().endswith(".xml"):
            cibs.append(CibInput(path, name))
            continue
        try:
            data = read_input(path)
        except InputError as error:
            cibs.append(CibInput(path, name, error))
            continue
        from pcs_lint.corosync import looks_like_corosync_conf, parse_corosync_bytes  # for such files only

        if looks_like_corosync_conf(data):
            confs.append(parse_corosync_bytes(data, path=name))
        else:
            cibs.append(CibInput(path, name, data))
    return cibs, confs


def exit_code(result: RunResult, fail_on: Severity, *, exit_zero: bool = False) -> int:
    if result.errors or any(f.rule == INTERNAL_ERROR for f in result.findings):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    if any(f.severity >= fail_on for f in result.findings):
        return EXIT_FINDINGS
    return EXIT_CLEAN

