"""Lint a list of paths with a plan: expand directories, read, lint, collect, decide the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from pcs_lint.corosync import CorosyncConf, looks_like_corosync_conf, parse_corosync_bytes
from pcs_lint.discovery import discover_files
from pcs_lint.engine import (
    LintedDocument,
    RunPlan,
    lint_document,
    lint_corosync,
    lint_environment,
    load_error_findings,
    sort_findings,
    suppress_across_files,
)
from pcs_lint.findings import Finding, Severity
from pcs_lint.inputs import InputError, read_input

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class RunResult:
    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    errors: tuple[str, ...]
    skipped: tuple[str, ...] = ()  # files a directory search found and did not read, and why
    inputs: tuple[str, ...] = ()  # every CIB path the run read or tried to ("-" for stdin)
    # path -> line -> the linted text of the lines findings point at, when the plan keeps them
    # (--show-source): stdin's own bytes, never a file re-read from disk under the same name.
    source_lines: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    # Per linted file, in ``files`` order: the target release as the report shows it
    # ({"version", "source", "data"}), or None for a file judged for no release.
    releases: tuple[Mapping[str, str] | None, ...] = ()


def run(
    paths: Sequence[str],
    plan: RunPlan,
    *,
    stdin_name: str = "-",
    exclude: Sequence[str] = (),
    force_exclude: bool = False,
    jobs: int = 1,
) -> RunResult:
    found = discover_files(paths, exclude, force_exclude=force_exclude)
    findings: list[Finding] = list(load_error_findings(plan))
    linted: list[str] = []
    errors: list[str] = list(found.errors)
    source_lines: dict[str, Mapping[int, str]] = {}
    releases: list[Mapping[str, str] | None] = []
    preread, confs = _recognise_corosync(found.files, stdin_name)
    if confs:
        plan = replace(plan, corosync=(*plan.corosync, *confs))
    linted.extend(conf.path for conf in plan.corosync)
    releases.extend(None for _ in plan.corosync)
    cibs = [path for path in found.files if path not in preread or not isinstance(preread[path], CorosyncConf)]
    judged_corosync = False
    for path, outcome in _lint_files(cibs, plan, stdin_name, jobs, preread):
        if isinstance(outcome, InputError):
            errors.append(str(outcome))
            continue
        name = stdin_name if path == "-" else path
        linted.append(name)
        releases.append(outcome.release)
        findings.extend(outcome.findings)
        judged_corosync = judged_corosync or outcome.judged_corosync
        if outcome.source_lines:
            source_lines[name] = outcome.source_lines
    if not judged_corosync:
        findings.extend(lint_corosync(plan))
    findings.extend(lint_environment(plan))
    findings = suppress_across_files(findings, plan)
    if plan.keep_source_lines:
        source_lines.update(_environment_source_lines(findings, plan))
    return RunResult(
        tuple(sort_findings(findings)), tuple(linted), tuple(errors), found.skipped, found.files, source_lines,
        tuple(releases),
    )


def _environment_source_lines(findings: Sequence[Finding], plan: RunPlan) -> dict[str, Mapping[int, str]]:
    """What --show-source may print of the environment files' lines that findings point at:
    names, never a value not known harmless. Applied last, so that a file given both as a CIB
    and as an environment file is shown as an environment file."""
    lines_by_path: dict[str, set[int]] = {}
    for finding in findings:
        if finding.line is not None:
            lines_by_path.setdefault(finding.path, set()).add(finding.line)
    shown: dict[str, Mapping[int, str]] = {}
    for env_file in plan.env_files.values():
        numbers = lines_by_path.get(env_file.path, ())
        shown[env_file.path] = {n: text for n in numbers if (text := env_file.shown_line(n)) is not None}
    return shown


def _recognise_corosync(files: Sequence[str], stdin_name: str) -> tuple[dict[str, bytes | InputError | CorosyncConf], list[CorosyncConf]]:
    """Read the inputs that may be corosync.conf (stdin, and named files not ending in .xml) once,
    and parse those that are by their content; the others' bytes (or read error) are kept so that
    they are not read twice. A directory search finds only *.xml files, which are CIBs."""
    preread: dict[str, bytes | InputError | CorosyncConf] = {}
    confs: list[CorosyncConf] = []
    for path in files:
        if path != "-" and path.lower().endswith(".xml"):
            continue
        try:
            data = read_input(path)
        except InputError as error:
            preread[path] = error
            continue
        if looks_like_corosync_conf(data):
            name = stdin_name if path == "-" else path  # as given, like a CIB's
            preread[path] = conf = parse_corosync_bytes(data, path=name)
            confs.append(conf)
        else:
            preread[path] = data
    return preread, confs


def _lint_path(path: str, plan: RunPlan, stdin_name: str, data: bytes | InputError | None = None) -> LintedDocument | InputError:
    if isinstance(data, InputError):
        return data
    try:
        data = read_input(path) if data is None else data
    except InputError as error:
        return error
    return lint_document(data, stdin_name if path == "-" else path, plan)


# The plan of the current parallel run. Worker processes are forked, so they inherit it
# instead of unpickling it (a plugin's rule may hold a lambda or a closure).
_WORKER_PLAN: RunPlan | None = None


def _lint_in_worker(path: str) -> LintedDocument | InputError:
    assert _WORKER_PLAN is not None
    return _lint_path(path, _WORKER_PLAN, "-")


def _lint_files(files: list[str], plan: RunPlan, stdin_name: str, jobs: int,
                preread: Mapping[str, bytes | InputError | CorosyncConf]) -> Iterator[tuple[str, LintedDocument | InputError]]:
    """Lint each file, in order; with jobs > 1, in forked worker processes (same results).
    Files already read (``preread``) are linted here, from their bytes."""
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    on_disk = [f for f in files if f != "-" and f not in preread]
    if jobs <= 1 or len(on_disk) < 2 or not _can_fork():
        for path in files:
            yield path, _lint_path(path, plan, stdin_name, preread.get(path))  # type: ignore[arg-type]
        return
    # Imported here: most runs (a pre-commit hook on a few files) never start a worker, and
    # multiprocessing with concurrent.futures costs ~8 ms of every start-up.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER_PLAN
    _WORKER_PLAN = plan
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(on_disk)), mp_context=context) as pool:
            results = dict(zip(on_disk, pool.map(_lint_in_worker, on_disk, chunksize=8)))
    finally:
        _WORKER_PLAN = None
    for path in files:
        yield path, (results[path] if path in results else _lint_path(path, plan, stdin_name, preread.get(path)))  # type: ignore[arg-type]


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


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
