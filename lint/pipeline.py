"""The pipeline: one function, ``lint_inputs``, that every way of running pcs-lint goes through.

The command line (via ``runner.run``, which first finds the files), ``--jobs`` and the plugin
authors' test helper (``testing.lint_text``) all call it, so what one of them reports the others
report too: a plugin that failed to load, the cross-file suppressions, the baseline.

Read ``lint_inputs`` top to bottom for the whole data flow; each stage is one call into the
module that owns it (docs/architecture.md lists them).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pcs_lint import baseline as baselines
from pcs_lint import collector
from pcs_lint.engine import (
    LintedDocument,
    RunPlan,
    lint_corosync,
    lint_document,
    lint_environment,
    load_error_findings,
    node_names_without_cib,
    sort_findings,
    suppress_across_files,
)
from pcs_lint.findings import Finding
from pcs_lint.inputs import InputError, read_input
from pcs_lint.nodes import NodeNameCheck, unknown_node_names


@dataclass(frozen=True)
class CibInput:
    """One CIB document to lint: where to read it, and the name its findings carry."""

    path: str  # a file, or "-" for stdin
    name: str  # what the report calls it (--stdin-filename for stdin)
    # Already read (the test helper's text, a positional file read to tell a corosync.conf from a
    # CIB), or the error reading it gave: not read again (stdin cannot be).
    data: bytes | InputError | None = None


@dataclass(frozen=True)
class RunResult:
    """The outcome of linting every input of a run."""

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
    # With a baseline: {"file", "matched", "fixed"} as the report's summary shows it.
    baseline: Mapping[str, object] | None = None
    # Usage errors found while linting (a NODE= name no linted CIB has): exit 2, no report.
    usage_errors: tuple[str, ...] = ()


def lint_inputs(cibs: Sequence[CibInput], plan: RunPlan, *, jobs: int = 1,
                baseline: Path | None = None) -> RunResult:
    """Lint the CIB documents and the plan's per-run inputs; the findings sorted, as reported.

    Raises ``baseline.BaselineError`` (before linting anything) when the baseline cannot be read.
    """
    known = baselines.read(baseline) if baseline is not None else None
    # 1. Plugins that failed to load (plugins.load_registry): PCS000 at <plugins>.
    findings: list[Finding] = list(load_error_findings(plan))
    # The corosync.conf files (--corosync, the config, positional ones) are linted with each CIB,
    # or once on their own when there is none; they are listed first, judged for no release.
    files: list[str] = [conf.path for conf in plan.corosync]
    releases: list[Mapping[str, str] | None] = [None for _ in plan.corosync]
    errors: list[str] = []
    source_lines: dict[str, Mapping[int, str]] = {}
    node_checks: list[NodeNameCheck] = []
    judged_corosync = False
    # 2. Per CIB, in worker processes with --jobs: read (inputs) -> parse (parse) -> index (model,
    #    nodes) -> target release (release) -> rules (engine, guard, sandbox) -> enrich (engine,
    #    locate) -> the document's own suppression comments (suppressions).
    for cib, outcome in _lint_documents(cibs, plan, jobs):
        if isinstance(outcome, InputError):
            errors.append(str(outcome))
            continue
        files.append(cib.name)
        releases.append(outcome.release)
        findings.extend(outcome.findings)
        judged_corosync = judged_corosync or outcome.judged_corosync
        if outcome.node_names is not None:
            node_checks.append(outcome.node_names)
        if outcome.source_lines:
            source_lines[cib.name] = outcome.source_lines
    # 3. Per run: the rules over inputs that are not one CIB (corosync.conf without a CIB; the
    #    nodes' environment, key and SBD files, read once by planning into the plan). A new input
    #    family plugs in here.
    if not judged_corosync:
        findings.extend(lint_corosync(plan))
    judged_by = "CIB"
    if not node_checks and plan.corosync:
        # No CIB was linted: corosync.conf's nodelist alone judges the NODE= names.
        node_checks.append(node_names_without_cib(plan))
        judged_by = "corosync.conf"
    findings.extend(lint_environment(plan))
    # 4. Suppressions that apply across files: environment-file comments, the config's [[suppress]].
    findings = suppress_across_files(findings, plan)
    # 5. Sorted by Finding.sort_key, duplicates merged (a file named twice).
    ordered = sort_findings(findings)
    # 6. The baseline hides what it records (in report order: of equal keys, the first ones).
    summary = None
    if known is not None:
        applied = baselines.apply(ordered, known)
        ordered = list(applied.findings)
        summary = {"file": str(known.file), "matched": applied.matched, "fixed": applied.fixed}
    if plan.keep_source_lines:
        source_lines.update(_environment_source_lines(ordered, plan))
    return RunResult(tuple(ordered), tuple(files), tuple(errors), source_lines=source_lines,
                     releases=tuple(releases), baseline=summary,
                     usage_errors=_node_argument_errors(node_checks, plan, judged_by))


def _node_argument_errors(checks: Sequence[NodeNameCheck], plan: RunPlan, judged_by: str = "CIB") -> tuple[str, ...]:
    """One line for each NODE= name that no linted CIB (or, without one, corosync.conf) has,
    when any names nodes."""
    return tuple(
        f"{plan.node_arguments[name]}: {name!r} is not a node of the linted "
        f"{judged_by}{'s' if len(checks) > 1 else ''}" + (f"; did you mean {suggestion!r}?" if suggestion else "")
        for name, suggestion in unknown_node_names(checks)
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
    for env_file in (*plan.env_files.values(), *plan.sbd_files.values()):
        numbers = lines_by_path.get(env_file.path, ())
        shown[env_file.path] = {n: text for n in numbers if (text := env_file.shown_line(n)) is not None}
    return shown


def _lint_one(cib: CibInput, plan: RunPlan) -> LintedDocument | InputError:
    collector.collect_if_grown()
    if isinstance(cib.data, InputError):
        return cib.data
    if cib.data is not None:
        return lint_document(cib.data, cib.name, plan)
    try:
        data = read_input(cib.path)
    except InputError as error:
        return error
    return lint_document(data, cib.name, plan)


# The plan and inputs of the current parallel run. Worker processes are forked, so they inherit
# them instead of unpickling them (a plugin's rule may hold a lambda or a closure).
_WORKER_PLAN: RunPlan | None = None
_WORKER_INPUTS: Sequence[CibInput] = ()


def _lint_in_worker(index: int) -> LintedDocument | InputError:
    assert _WORKER_PLAN is not None
    return _lint_one(_WORKER_INPUTS[index], _WORKER_PLAN)


def _lint_documents(cibs: Sequence[CibInput], plan: RunPlan,
                    jobs: int) -> Iterator[tuple[CibInput, LintedDocument | InputError]]:
    """Lint each document, in order; with jobs > 1, files in forked worker processes (same
    results). Stdin and documents already read are linted here."""
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    on_disk = [index for index, cib in enumerate(cibs) if cib.path != "-" and cib.data is None]
    if jobs <= 1 or len(on_disk) < 2 or not _can_fork():
        for cib in cibs:
            yield cib, _lint_one(cib, plan)
        return
    # Imported here: most runs (a pre-commit hook on a few files) never start a worker, and
    # multiprocessing with concurrent.futures costs ~8 ms of every start-up.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER_PLAN, _WORKER_INPUTS
    _WORKER_PLAN, _WORKER_INPUTS = plan, cibs
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(on_disk)), mp_context=context) as pool:
            results = dict(zip(on_disk, pool.map(_lint_in_worker, on_disk, chunksize=8), strict=True))
    finally:
        _WORKER_PLAN, _WORKER_INPUTS = None, ()
    for index, cib in enumerate(cibs):
        yield cib, (results[index] if index in results else _lint_one(cib, plan))


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()
