"""Running the rules: one CIB document (parse -> index -> target release -> rules -> enrich ->
its own suppression comments), the per-run environment stage, and the suppressions across files.
``pipeline.lint_inputs`` calls these in order; ``inputs`` reads the bytes.

Rules never parse, render or exit; this module never formats output. A rule that raises (any
exception, SystemExit included; only the user's Ctrl-C stops the run), runs past its time budget,
yields something that is not a valid Problem, or changes the CIB it was given becomes finding
PCS000 naming it and its plugin, and every other rule still runs.

What a rule reads cannot be changed by it: the run's mappings are read-only views, and the CIB
tree, which lxml cannot make read-only, is shared only by the built-in rules (pure functions,
tested not to modify it). Third-party rules read a copy made once per file and compared after
each of them, so that no rule sees another's changes and the result does not depend on the order
or the process the rules run in (``--jobs``).
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pcs_lint import collector, suppressions
from pcs_lint.findings import Finding, InvalidProblem, Problem, Severity, valid_problem
from pcs_lint.guard import DEFAULT_RULE_TIMEOUT, BudgetExceeded, TimeBudget, is_user_interrupt
from pcs_lint.locate import SiblingPositions, SourceLines, element_object_id, element_xpath
from pcs_lint.nodes import NodeNameCheck, check_node_names
from pcs_lint.plugins import BUILTIN, RuleRegistry
from pcs_lint.release import ReleaseSetting, TargetRelease, resolve
from pcs_lint.rule import AuthKey, Context, Rule, Settings, read_only
from pcs_lint.rule_codes import INTERNAL_ERROR
from pcs_lint.sandbox import Sandbox

if TYPE_CHECKING:  # read in the runs that have such files only: their modules stay out of every start-up
    from pcs_lint.corosync import CorosyncConf
    from pcs_lint.report_bundles import NodeFiles, ReportCibs
    from pcs_lint.sbd_dump import SbdDump
    from pcs_lint.sysconfig import EnvFile

PLUGIN_PATH = "<plugins>"


@dataclass(frozen=True)
class RunPlan:
    """What to run and with what: built once per invocation, shared by every file."""

    registry: RuleRegistry
    rules: tuple[Rule, ...]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    env_files: Mapping[str, EnvFile] = field(default_factory=dict)
    authkeys: Mapping[str, AuthKey] = field(default_factory=dict)
    corosync: tuple[CorosyncConf, ...] = ()  # --corosync, the config, positional corosync.conf files
    sbd_files: Mapping[str, EnvFile] = field(default_factory=dict)
    sbd_dumps: Mapping[str, SbdDump] = field(default_factory=dict)
    report_cibs: ReportCibs | None = None  # the report bundles' CIBs, when bundles were given
    report_nodes: tuple[NodeFiles, ...] = ()  # each node's files found in the report bundles
    settings: Settings = field(default_factory=Settings)
    debug: bool = False
    suppress: tuple[Mapping[str, str], ...] = ()  # [[suppress]] entries of the config file
    config_path: str | None = None
    keep_source_lines: bool = False  # --show-source: keep the linted text of each finding's line
    rule_timeout: float | None = DEFAULT_RULE_TIMEOUT  # seconds per rule per file; None: unbounded
    release: ReleaseSetting = field(default_factory=ReleaseSetting)  # --pacemaker-version or config
    # NODE= names of --sysconfig/--authkey and the config's tables -> where each was given, as a
    # usage error names it: each must be a node of the linted CIBs (lint/nodes.py)
    node_arguments: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Rules receive these mappings: read-only views, made once per run, not once per rule.
        for name in ("options", "env_files", "authkeys", "corosync", "sbd_files", "sbd_dumps"):
            object.__setattr__(self, name, read_only(getattr(self, name)))

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.registry.rules if r.code == code), None)


# ---------------------------------------------------------------- running


@dataclass(frozen=True)
class LintedDocument:
    """One document's findings, the release it was judged for (as the report shows it; None: not
    a CIB, and the run chose no release), and the text of the lines the findings point at when the
    plan keeps it. Plain data, so that a --jobs worker can send it back.

    ``source_lines`` is empty for a document that is not a CIB (PCS001, PCS002): bytes that
    failed to parse as what they claimed to be (a symlink to /proc/self/environ, a key file) are
    never shown, not even one line.
    """

    findings: list[Finding]
    release: Mapping[str, str] | None = None
    source_lines: Mapping[int, str] = field(default_factory=dict)
    node_names: NodeNameCheck | None = None  # the run's NODE= names against this CIB's nodes
    judged_corosync: bool = False  # the corosync-scope rules ran with this CIB


def _report_form(release: TargetRelease | None) -> Mapping[str, str] | None:
    return release.to_report() if release is not None else None


def lint_bytes(data: bytes, path: str, plan: RunPlan) -> list[Finding]:
    """Every finding for one CIB document (not the environment-scoped rules)."""
    return lint_document(data, path, plan).findings


def lint_document(data: bytes, path: str, plan: RunPlan) -> LintedDocument:
    """``lint_bytes``, with the target release and (for --show-source) the findings' lines."""
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlRejection, parse_xml

    parsed = parse_xml(data)
    if isinstance(parsed, XmlRejection):
        release = resolve(plan.release, None)
        rule = plan.rule(parsed.code)
        if rule is None or rule not in plan.rules:
            return LintedDocument([], _report_form(release))
        message = without_quoted_content(parsed.message)
        return LintedDocument([_finding(rule, plan, path, message, parsed.line, parsed.column)], _report_form(release))

    try:
        cib = build_index(parsed.root, _extra_nodes(plan))
    except Exception as error:  # an index bug must not hide the file: report it, lint nothing more
        return LintedDocument([_internal_error(path, "building the CIB index", error, plan)],
                              _report_form(resolve(plan.release, None)))
    release = resolve(plan.release, cib)
    node_names = check_node_names(cib.node_model, plan.node_arguments)
    source = SourceLines(data)
    positions = SiblingPositions()  # shared by every finding of this document
    sandbox = Sandbox(parsed.root)
    located: list[tuple[Finding, Any]] = []
    with _budget(plan) as budget:
        for rule in plan.rules:
            if rule.check is None or not _runs_with_cib(rule, plan):
                continue
            if rule.plugin == BUILTIN:
                located.extend(_run_rule(rule, plan, budget, path, source, positions, cib=cib, release=release))
            else:
                located.extend(_run_rule(rule, plan, budget, path, source, positions, sandbox=sandbox,
                                         release=release))
    findings = _suppress_in_document(located, parsed.comments, path, plan)
    lines = source.excerpt(f.line for f in findings if f.path == path) if plan.keep_source_lines else {}
    collector.keep_until_exit(parsed, cib, sandbox)
    return LintedDocument(findings, _report_form(release), lines, node_names, judged_corosync=bool(plan.corosync))


def _extra_nodes(plan: RunPlan) -> tuple:
    """The nodes other inputs of the run name, for the node model: corosync nodelists (each
    copy; the model merges a name the CIB or another copy already has)."""
    from pcs_lint.nodes import corosync_nodes

    return tuple(node for conf in plan.corosync for node in corosync_nodes(conf.model_entries()))


def node_names_without_cib(plan: RunPlan) -> NodeNameCheck:
    """The run's NODE= names against the nodes corosync.conf names, for a run with no CIB."""
    from pcs_lint.nodes import NodeModel

    return check_node_names(NodeModel.of_extra(_extra_nodes(plan)), plan.node_arguments)


def _runs_with_cib(rule: Rule, plan: RunPlan) -> bool:
    return rule.scope == "cib" or (rule.scope == "corosync" and bool(plan.corosync))


def _budget(plan: RunPlan) -> TimeBudget:
    return TimeBudget(plan.rule_timeout, shielded=(__file__,))


def _suppress_in_document(located: list[tuple[Finding, Any]], comments: Any, path: str, plan: RunPlan) -> list[Finding]:
    """Apply the document's own suppression comments; report invalid and unused ones."""
    if not comments:
        return [finding for finding, _ in located]
    names = suppressions.RuleNames(plan.registry.rules)
    found, notices = suppressions.from_xml_comments(comments, path, names)
    kept, used = suppressions.apply(located, found)
    notices.extend(suppressions.unused_notices(found, used, {rule.code for rule in plan.rules}))
    return kept + notice_findings(notices, plan)


def notice_findings(notices: Iterable[suppressions.Notice], plan: RunPlan) -> list[Finding]:
    selected = {rule.code: rule for rule in plan.rules}
    made = (suppressions.notice_finding(n, selected, plan.severities) for n in notices)
    return [finding for finding in made if finding is not None]


def suppress_across_files(findings: Iterable[Finding], plan: RunPlan) -> list[Finding]:
    """Environment-file and config-file suppressions, which apply across every linted file."""
    names = suppressions.RuleNames(plan.registry.rules)
    env_found, notices = suppressions.from_env_files(_commented_files(plan), names)
    config_found, config_notices = suppressions.from_config(plan.suppress, plan.config_path or "<config>", names)
    notices.extend(config_notices)
    found = env_found + config_found
    kept, used = suppressions.apply(((f, None) for f in findings), found)
    notices.extend(suppressions.unused_notices(found, used, {rule.code for rule in plan.rules}))
    return kept + notice_findings(notices, plan)


def _commented_files(plan: RunPlan) -> dict[str, EnvFile]:
    """The node files whose '# pcs-lint:' comments suppress: each node's Pacemaker environment
    file and SBD file (both shell syntax), each once, since one path may be given as both."""
    files: dict[str, EnvFile] = {}
    for env_file in (*plan.env_files.values(), *plan.sbd_files.values()):
        files.setdefault(env_file.path, env_file)
    return files


def lint_environment(plan: RunPlan) -> list[Finding]:
    """Findings of the rules that read only environment and key files: once per invocation."""
    return _lint_without_cib(plan, "environment", _environment_path(plan))


def lint_corosync(plan: RunPlan) -> list[Finding]:
    """The corosync-scope rules without a CIB: when no CIB was linted (``pcs-lint corosync.conf``)."""
    return _lint_without_cib(plan, "corosync", plan.corosync[0].path) if plan.corosync else []


def _lint_without_cib(plan: RunPlan, scope: str, path: str) -> list[Finding]:
    """The rules of one scope, run once with no CIB; ``path`` is where a crash is reported."""
    findings: list[Finding] = []
    release = resolve(plan.release, None)
    with _budget(plan) as budget:
        for rule in plan.rules:
            if rule.check is not None and rule.scope == scope:
                findings.extend(f for f, _ in _run_rule(rule, plan, budget, path, None, release=release))
    return findings


def _environment_path(plan: RunPlan) -> str:
    """Where a finding of an environment-scoped rule goes when it names no file (a crash): the
    first node's environment file, else its key file; <plugins> only when neither was given."""
    files = [plan.env_files[node].path for node in sorted(plan.env_files)]
    files += [plan.authkeys[node].path for node in sorted(plan.authkeys)]
    files += [plan.sbd_files[node].path for node in sorted(plan.sbd_files)]
    files += [plan.sbd_dumps[device].path for device in sorted(plan.sbd_dumps)]
    return files[0] if files else PLUGIN_PATH


def load_error_findings(plan: RunPlan) -> list[Finding]:
    rule = plan.rule(INTERNAL_ERROR)
    return [
        Finding(PLUGIN_PATH, None, None, INTERNAL_ERROR, rule.name if rule else "internal-error",
                Severity.ERROR, f"plugin {error.plugin!r} failed to load: {error.message}",
                object_id=error.plugin)
        for error in plan.registry.errors
    ]


def _context(rule: Rule, plan: RunPlan, cib: Any, path: str, release: TargetRelease | None) -> Context:
    return Context(
        cib=cib,
        path=path,
        env_files=plan.env_files,
        authkeys=plan.authkeys,
        options=_options(rule, plan),
        settings=plan.settings,
        sbd_files=plan.sbd_files,
        sbd_dumps=plan.sbd_dumps,
        report_cibs=plan.report_cibs,
        report_nodes=plan.report_nodes,
        release=release,
        corosync=plan.corosync,
    )


def _options(rule: Rule, plan: RunPlan) -> Mapping[str, Any]:
    options = plan.options.get(rule.code)
    return options if options is not None else read_only(rule.default_options())


def _run_rule(rule: Rule, plan: RunPlan, budget: TimeBudget, path: str, source: SourceLines | None,
              positions: SiblingPositions | None = None, *, cib: Any = None,
              sandbox: Sandbox | None = None, release: TargetRelease | None = None) -> list[tuple[Finding, Any]]:
    """The rule's findings, each with the element it is about (for suppressions); or one PCS000
    saying why there are none: the rule crashed, ran out of time, yielded an invalid Problem or
    changed the CIB."""
    what = f"rule {rule.code} ({rule.name}) from plugin {rule.plugin!r}"
    if sandbox is not None:
        try:
            cib = sandbox.cib()  # the copy's time is not the rule's
        except Exception as error:
            return [(_internal_error(path, f"copying the CIB for {what}", error, plan), None)]
    problems: list[Problem] = []
    failure: str | None = None
    exceeded = False
    budget.start()
    try:
        try:
            problems = _checked_problems(rule, _context(rule, plan, cib, path, release))
        finally:
            exceeded = budget.stop()
    except BudgetExceeded:
        pass
    except InvalidProblem as error:
        failure = _invalid_problem(what, error)
    except BaseException as error:  # SystemExit, GeneratorExit... from the rule: only Ctrl-C stops the run
        if is_user_interrupt(error):
            raise
        failure = _crash(what, error, plan)
    # Checked whatever the outcome, so that the next rule never sees a changed copy.
    changed = sandbox is not None and sandbox.changed()
    if failure is None and changed:
        failure = (f"{what} changed the CIB it was given (rules must only read it); its findings are dropped, "
                   "and other rules saw the CIB unchanged")
    if failure is None and exceeded:
        failure = (f"{what} did not finish within its time budget of {budget.seconds:g} s and was stopped; its "
                   "findings are dropped, other rules still ran (the budget is --rule-timeout or rule-timeout "
                   "in the config file)")
    if failure is None and sandbox is not None:
        try:
            problems = [_in_original(problem, sandbox) for problem in problems]
        except InvalidProblem as error:
            failure = _invalid_problem(what, error)
        except Exception as error:  # a bug of ours: still one finding, not a stopped run
            failure = _crash(f"mapping the findings of {what} to the CIB", error, plan)
    if failure is not None:
        return [(_engine_error(path, failure, plan), None)]
    try:
        return [(_enrich(rule, problem, plan, path, source, positions), problem.element) for problem in problems]
    except Exception as error:
        return [(_internal_error(path, f"reporting {what}", error, plan), None)]


def _invalid_problem(what: str, error: InvalidProblem) -> str:
    return f"{what} yielded an invalid Problem: {error}; its other findings are dropped, other rules still ran"


def _checked_problems(rule: Rule, ctx: Context) -> list[Problem]:
    """Run the check; each item checked field by field and copied into a plain Problem (so that
    nothing the rule made runs outside its time budget). A generator left unfinished is closed
    here, under the budget too, not later by the garbage collector."""
    problems: list[Problem] = []
    items = iter(rule.check(ctx))  # type: ignore[misc]
    try:
        for item in items:
            problems.append(valid_problem(item))
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()
    return problems


def _in_original(problem: Problem, sandbox: Sandbox) -> Problem:
    if problem.element is None:
        return problem
    original = sandbox.original(problem.element)
    if original is None:
        raise InvalidProblem(f"element <{_tag(problem.element)}> is not an element of the CIB the rule was given")
    return replace(problem, element=original)


def _tag(element: Any) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else type(element).__name__


def _engine_error(path: str, message: str, plan: RunPlan) -> Finding:
    rule = plan.rule(INTERNAL_ERROR)
    return Finding(path or PLUGIN_PATH, None, None, INTERNAL_ERROR, rule.name if rule else "internal-error",
                   Severity.ERROR, message)


def _internal_error(path: str, what: str, error: BaseException, plan: RunPlan) -> Finding:
    return _engine_error(path, _crash(what, error, plan), plan)


def _crash(what: str, error: BaseException, plan: RunPlan) -> str:
    """The message of a crash (called while handling it: --debug prints its traceback)."""
    if plan.debug:
        traceback.print_exc(file=sys.stderr)
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    detail = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return (f"{what} crashed with {detail}; other rules still ran (run with --debug for the traceback, "
            "and please report it)")


def _enrich(rule: Rule, problem: Problem, plan: RunPlan, path: str, source: SourceLines | None,
            positions: SiblingPositions | None = None) -> Finding:
    element = problem.element
    line = column = xpath = None
    object_id = problem.object_id
    if problem.location is not None:
        path = problem.location.path
        line, column = problem.location.line, problem.location.column
    if element is not None:
        if problem.location is None:
            line = element.sourceline
            column = source.column_of(element) if source is not None else None
        xpath = element_xpath(element, positions)
        object_id = object_id or element_object_id(element)
    severity = plan.severities.get(rule.code) or problem.severity or rule.severity
    return Finding(path, line, column, rule.code, rule.name, severity, problem.message,
                   object_id=object_id, xpath=xpath, hint=problem.hint_text, related=problem.related,
                   fix=problem.fix if problem.fix is None or problem.fix.is_plain() else None)


# libxml2 quotes up to 50 bytes of a comment or CDATA section it could not finish, after ": <!--"
# or on a line of their own ("CData section not finished\n<content>").
_QUOTED_CONTENT = re.compile(r"(:\s*<!--|\n).*", re.DOTALL)


def without_quoted_content(message: str) -> str:
    """A parser's message about a rejected document without the document's text in it: what
    failed to parse as a CIB may be anything (a key, the process environment)."""
    return _QUOTED_CONTENT.sub("", message).rstrip()


def _finding(rule: Rule, plan: RunPlan, path: str, message: str, line: int | None, column: int | None) -> Finding:
    severity = plan.severities.get(rule.code) or rule.severity
    return Finding(path, line, column, rule.code, rule.name, severity, message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)
