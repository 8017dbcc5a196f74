"""Suppressions: silence a finding where it is written, and report suppressions that are stale.

Three forms:

* XML comments. ``<!-- pcs-lint: disable=PCS106,guest-name-invalid reason -->`` silences those
  rules on the element that follows the comment and its whole subtree;
  ``<!-- pcs-lint: disable-file=PCS301 reason -->`` anywhere silences them in the whole file.
* Environment files. A trailing ``# pcs-lint: disable=PCS113 reason`` silences findings on that
  line; a whole-line ``# pcs-lint: disable=...`` the next assignment; ``disable-file=`` the file.
  A finding elsewhere (a CIB element) that relies on the assignment (``Finding.related``: PCS113
  on the remote host's PCMK_remote_port) is silenced there too.
* The config file, keyed by element id (pcs and cibadmin rewrite the XML and may drop comments):
  ``[[suppress]]`` with ``rule``, ``id``, optional ``path`` glob and a required ``reason``.

A suppression naming an unknown rule is reported as PCS004; one that silenced nothing, although
every rule it names ran, is reported as PCS005. So a suppression cannot go stale unnoticed.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from pcs_lint import rule_codes
from pcs_lint.findings import Finding, Severity

INVALID = rule_codes.SUPPRESSION_INVALID
UNUSED = rule_codes.SUPPRESSION_UNUSED
_DIRECTIVE = re.compile(r"^\s*pcs-lint\s*:\s*(?P<body>.*?)\s*$", re.S)
_DISABLE = re.compile(
    r"^(?P<kind>disable|disable-file)\s*=\s*(?P<rules>[\w-]+(?:\s*,\s*[\w-]+)*)(?:\s+(?P<reason>.*))?$", re.S
)


@dataclass(frozen=True)
class Suppression:
    """One parsed suppression. ``scope`` is element, file, line or id."""

    rules: frozenset[str]  # rule codes
    scope: str
    origin: str  # the file it is written in
    origin_line: int | None
    text: str
    target: Any = None  # element scope: the element whose subtree it covers
    path: str | None = None  # file and line scopes: the file; id scope: an optional glob
    line: int | None = None  # line scope
    object_id: str | None = None  # id scope

    def covers(self, finding: Finding, element: Any = None) -> bool:
        if finding.rule not in self.rules:
            return False
        if self.scope == "element":
            return element is not None and _within(element, self.target)
        if self.scope == "file":
            return finding.path == self.path or any(place.path == self.path for place in finding.related)
        if self.scope == "line":
            return (finding.path == self.path and finding.line == self.line) or any(
                place.path == self.path and place.line == self.line for place in finding.related)
        if finding.object_id != self.object_id:
            return False
        return self.path is None or _path_matches(finding.path, self.path)


@dataclass(frozen=True)
class Directive:
    """What a comment says, before its rules are resolved."""

    kind: str
    selectors: tuple[str, ...]
    reason: str | None


class RuleNames:
    """The known rules, by code or name as rule_codes reads them (codes in any case, names exactly)."""

    def __init__(self, rules: Iterable[Any]) -> None:
        self._rules = tuple(rules)

    def resolve(self, selector: str) -> str | None:
        rule = rule_codes.find(self._rules, selector)
        return rule.code if rule is not None else None


def parse_directive(comment: str) -> Directive | str | None:
    """None: not for pcs-lint. A Directive, or an error message for a malformed one."""
    match = _DIRECTIVE.match(comment)
    if match is None:
        return None
    body = match.group("body")
    disable = _DISABLE.match(body)
    if disable is None:
        return (f"cannot read suppression {body!r}: write 'pcs-lint: disable=CODE[,CODE...] reason' "
                "or 'pcs-lint: disable-file=CODE[,CODE...] reason'")
    selectors = tuple(s.strip() for s in disable.group("rules").split(","))
    return Directive(disable.group("kind"), selectors, (disable.group("reason") or "").strip() or None)


@dataclass(frozen=True)
class Notice:
    """A finding about a suppression itself (PCS004/PCS005), not yet stamped."""

    code: str
    message: str
    path: str
    line: int | None
    object_id: str | None = None


def resolve(directive: Directive, names: RuleNames) -> tuple[frozenset[str], list[str]]:
    codes, unknown = set(), []
    for selector in directive.selectors:
        code = names.resolve(selector)
        if code is None:
            unknown.append(selector)
        else:
            codes.add(code)
    return frozenset(codes), unknown


def from_xml_comments(comments: Sequence[Any], path: str, names: RuleNames) -> tuple[list[Suppression], list[Notice]]:
    suppressions: list[Suppression] = []
    notices: list[Notice] = []
    for comment in comments:
        parsed = parse_directive(comment.text)
        if parsed is None:
            continue
        target_id = comment.target.get("id") if comment.target is not None else None
        if isinstance(parsed, str):
            notices.append(Notice(INVALID, parsed, path, comment.line, target_id))
            continue
        codes, unknown = resolve(parsed, names)
        notices.extend(_unknown_notices(unknown, path, comment.line, target_id))
        if not codes:
            continue
        if parsed.kind == "disable-file":
            suppressions.append(Suppression(codes, "file", path, comment.line, comment.text.strip(), path=path))
        elif comment.target is None:
            notices.append(Notice(INVALID, "suppression is not followed by an element in the same parent, "
                                  "so it covers nothing; put it right before the element", path, comment.line))
        else:
            suppressions.append(Suppression(codes, "element", path, comment.line, comment.text.strip(),
                                            target=comment.target))
    return suppressions, notices


def from_env_files(env_files: Mapping[str, Any], names: RuleNames) -> tuple[list[Suppression], list[Notice]]:
    suppressions: list[Suppression] = []
    notices: list[Notice] = []
    for env_file in env_files.values():
        assignment_lines = sorted(var.line for var in env_file.assignments)
        trailing = {var.line for var in env_file.assignments if var.comment is not None}
        for line, text in env_file.comments:
            parsed = parse_directive(text)
            if parsed is None:
                continue
            if isinstance(parsed, str):
                notices.append(Notice(INVALID, parsed, env_file.path, line, env_file.node))
                continue
            codes, unknown = resolve(parsed, names)
            notices.extend(_unknown_notices(unknown, env_file.path, line, env_file.node))
            if not codes:
                continue
            if parsed.kind == "disable-file":
                suppressions.append(Suppression(codes, "file", env_file.path, line, text, path=env_file.path))
                continue
            covered = line if line in trailing else next((n for n in assignment_lines if n > line), None)
            if covered is None:
                notices.append(Notice(INVALID, "suppression is not followed by an assignment, so it covers nothing",
                                      env_file.path, line, env_file.node))
                continue
            suppressions.append(Suppression(codes, "line", env_file.path, line, text, path=env_file.path, line=covered))
    return suppressions, notices


def from_config(entries: Sequence[Mapping[str, str]], config_path: str,
                names: RuleNames) -> tuple[list[Suppression], list[Notice]]:
    suppressions: list[Suppression] = []
    notices: list[Notice] = []
    for number, entry in enumerate(entries, start=1):
        code = names.resolve(entry["rule"])
        where = f"[[suppress]] entry {number} (id {entry['id']!r})"
        if code is None:
            notices.append(Notice(INVALID, f"{where} names unknown rule {entry['rule']!r}", config_path, None,
                                  entry["id"]))
            continue
        suppressions.append(Suppression(frozenset({code}), "id", config_path, None, where,
                                        path=entry.get("path"), object_id=entry["id"]))
    return suppressions, notices


def _unknown_notices(unknown: list[str], path: str, line: int | None, object_id: str | None) -> list[Notice]:
    return [Notice(INVALID, f"suppression names unknown rule {selector!r} (see 'pcs-lint rules')", path, line,
                   object_id)
            for selector in unknown]


def apply(
    findings: Iterable[tuple[Finding, Any]], suppressions: Sequence[Suppression]
) -> tuple[list[Finding], set[int]]:
    """Drop covered findings. Returns the rest and the indexes of suppressions that were used."""
    kept: list[Finding] = []
    used: set[int] = set()
    for finding, element in findings:
        hits = [i for i, s in enumerate(suppressions) if s.covers(finding, element)]
        if hits and finding.rule != rule_codes.INTERNAL_ERROR:
            used.update(hits)
        else:
            kept.append(finding)
    return kept, used


def unused_notices(suppressions: Sequence[Suppression], used: set[int], ran: set[str]) -> list[Notice]:
    """Suppressions that silenced nothing although every rule they name ran."""
    notices = []
    for index, suppression in enumerate(suppressions):
        if index in used or not suppression.rules <= ran:
            continue
        codes = ", ".join(sorted(suppression.rules))
        object_id = suppression.object_id or (suppression.target.get("id") if suppression.target is not None else None)
        notices.append(Notice(UNUSED, f"suppression of {codes} silenced nothing: the problem is gone or the "
                              "suppression is misplaced; remove it so it cannot hide a future problem",
                              suppression.origin, suppression.origin_line, object_id))
    return notices


def _within(element: Any, target: Any) -> bool:
    current = element
    while current is not None:
        if current is target:
            return True
        current = current.getparent()
    return False


def _path_matches(path: str, pattern: str) -> bool:
    pure = PurePath(path)
    return fnmatch.fnmatch(path, pattern) or pure.match(pattern) or fnmatch.fnmatch(pure.name, pattern)


def notice_finding(notice: Notice, rules_by_code: Mapping[str, Any],
                   severities: Mapping[str, Severity]) -> Finding | None:
    rule = rules_by_code.get(notice.code)
    if rule is None:
        return None  # the rule is not selected
    severity = severities.get(notice.code) or rule.severity
    return Finding(notice.path, notice.line, None, rule.code, rule.name, severity, notice.message,
                   object_id=notice.object_id)
