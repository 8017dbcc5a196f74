"""The pipeline: read -> parse -> index -> run rules -> enrich -> filter -> sort.

Rules never parse, render or exit; this module never formats output. A rule that raises becomes
finding PCS000 naming it, and every other rule still runs.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pcs_lint import suppressions
from pcs_lint.findings import Finding, Problem, Severity
from pcs_lint.locate import SiblingPositions, SourceLines, element_object_id, element_xpath
from pcs_lint.plugins import RuleRegistry
from pcs_lint.rule import AuthKey, Context, Rule, Settings
from pcs_lint.sysconfig import EnvFile, parse_env_bytes

INTERNAL_ERROR = "PCS000"
PLUGIN_PATH = "<plugins>"


class InputError(Exception):
    """A file that cannot be read at all: a one-line error and exit code 2, not a finding."""


@dataclass(frozen=True)
class RunPlan:
    """What to run and with what: built once per invocation, shared by every file."""

    registry: RuleRegistry
    rules: tuple[Rule, ...]
    severities: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    env_files: Mapping[str, EnvFile] = field(default_factory=dict)
    authkeys: Mapping[str, AuthKey] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    debug: bool = False
    suppress: tuple[Mapping[str, str], ...] = ()  # [[suppress]] entries of the config file
    config_path: str | None = None

    def rule(self, code: str) -> Rule | None:
        return next((r for r in self.registry.rules if r.code == code), None)


def read_input(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def display_path(path: str) -> str:
    """Paths under the current directory are shown relative to it, as users typed them."""
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative


def load_env_files(mapping: Mapping[str, str]) -> dict[str, EnvFile]:
    return {
        node: parse_env_bytes(read_input(path), node=node, path=display_path(path))
        for node, path in mapping.items()
    }


def load_authkeys(mapping: Mapping[str, str]) -> dict[str, AuthKey]:
    keys = {}
    for node, path in mapping.items():
        data = read_input(path)
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None
        keys[node] = AuthKey(node=node, path=display_path(path), digest=hashlib.sha256(data).hexdigest(), mode=mode)
    return keys


# ---------------------------------------------------------------- running


def lint_bytes(data: bytes, path: str, plan: RunPlan) -> list[Finding]:
    """Every finding for one CIB document (not the environment-scoped rules)."""
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlRejection, parse_xml

    parsed = parse_xml(data)
    if isinstance(parsed, XmlRejection):
        rule = plan.rule(parsed.code)
        if rule is None or rule not in plan.rules:
            return []
        return [_finding(rule, plan, path, parsed.message, parsed.line, parsed.column)]

    try:
        cib = build_index(parsed.root)
    except Exception as error:  # an index bug must not hide the file: report it, lint nothing more
        return [_internal_error(path, "building the CIB index", error, plan)]
    source = SourceLines(data)
    positions = SiblingPositions()  # shared by every finding of this document
    located: list[tuple[Finding, Any]] = []
    for rule in plan.rules:
        if rule.check is None or rule.scope != "cib":
            continue
        located.extend(_run_rule(rule, _context(rule, plan, cib, path), plan, path, source, positions))
    return _suppress_in_document(located, parsed.comments, path, plan)


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
    env_found, notices = suppressions.from_env_files(plan.env_files, names)
    config_found, config_notices = suppressions.from_config(plan.suppress, plan.config_path or "<config>", names)
    notices.extend(config_notices)
    found = env_found + config_found
    kept, used = suppressions.apply(((f, None) for f in findings), found)
    notices.extend(suppressions.unused_notices(found, used, {rule.code for rule in plan.rules}))
    return kept + notice_findings(notices, plan)


def lint_environment(plan: RunPlan) -> list[Finding]:
    """Findings of the rules that read only environment and key files: once per invocation."""
    findings: list[Finding] = []
    for rule in plan.rules:
        if rule.check is not None and rule.scope == "environment":
            findings.extend(f for f, _ in _run_rule(rule, _context(rule, plan, None, ""), plan, "", None))
    return findings


def load_error_findings(plan: RunPlan) -> list[Finding]:
    rule = plan.rule(INTERNAL_ERROR)
    return [
        Finding(PLUGIN_PATH, None, None, INTERNAL_ERROR, rule.name if rule else "internal-error",
                Severity.ERROR, f"plugin {error.plugin!r} failed to load: {error.message}",
                object_id=error.plugin)
        for error in plan.registry.errors
    ]


def _context(rule: Rule, plan: RunPlan, cib: Any, path: str) -> Context:
    return Context(
        cib=cib,
        path=path,
        env_files=plan.env_files,
        authkeys=plan.authkeys,
        options=plan.options.get(rule.code) or rule.default_options(),
        settings=plan.settings,
    )


def _run_rule(rule: Rule, ctx: Context, plan: RunPlan, path: str, source: SourceLines | None,
              positions: SiblingPositions | None = None) -> list[tuple[Finding, Any]]:
    """The rule's findings, each with the element it is about (for suppressions)."""
    try:
        problems = list(rule.check(ctx))  # type: ignore[misc]
        return [(_enrich(rule, problem, plan, path, source, positions), problem.element) for problem in problems]
    except Exception as error:
        return [(_internal_error(path, f"rule {rule.code} ({rule.name}) from plugin {rule.plugin!r}", error, plan), None)]


def _internal_error(path: str, what: str, error: Exception, plan: RunPlan) -> Finding:
    if plan.debug:
        traceback.print_exc(file=sys.stderr)
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    detail = f"{type(error).__name__}: {text}" if text else type(error).__name__
    rule = plan.rule(INTERNAL_ERROR)
    return Finding(path or PLUGIN_PATH, None, None, INTERNAL_ERROR, rule.name if rule else "internal-error",
                   Severity.ERROR, f"{what} crashed with {detail}; other rules still ran "
                   "(run with --debug for the traceback, and please report it)")


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
                   object_id=object_id, xpath=xpath, hint=problem.hint_text,
                   fix=problem.fix if problem.fix is None or problem.fix.is_plain() else None)


def _finding(rule: Rule, plan: RunPlan, path: str, message: str, line: int | None, column: int | None) -> Finding:
    severity = plan.severities.get(rule.code) or rule.severity
    return Finding(path, line, column, rule.code, rule.name, severity, message)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings), key=Finding.sort_key)
