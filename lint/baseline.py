"""Baselines: adopt pcs-lint on an existing cluster without fixing every old finding first.

``--write-baseline FILE`` records the current findings; ``--baseline FILE`` then reports (and
fails on) only findings that are not in it, and counts the baseline entries that are now fixed.
Entries are keyed by file, rule and element (object id and XPath), never by line number, which
shifts with every edit. Paths are stored relative to the baseline file's directory.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pcs_lint.findings import Finding
from pcs_lint.inputs import InputError, read_regular
from pcs_lint.rule_codes import INTERNAL_ERROR

FORMAT_VERSION = 1
_NUMBERS = re.compile(r"\d+")


class BaselineError(Exception):
    """The baseline file cannot be read or written: a one-line error, exit 2."""


@dataclass(frozen=True)
class BaselineResult:
    """The findings left once a baseline is applied, and the counts the summary reports."""

    findings: tuple[Finding, ...]  # what remains to report
    matched: int  # findings hidden because the baseline has them
    fixed: int  # baseline entries no finding matched any more


def _key(finding: Finding, base: Path) -> tuple[str, str, str, str]:
    anchor = finding.object_id or finding.xpath
    # Without an element, fall back on the message's words (numbers shift, words do not).
    detail = (finding.xpath or "") if anchor else _NUMBERS.sub("#", finding.message)
    return (_relative(finding.path, base), finding.rule, finding.object_id or "", detail)


def _relative(path: str, base: Path) -> str:
    if path in ("-", "") or path.startswith("<"):
        return path
    relative = os.path.relpath(os.path.abspath(path), base)
    return str(PurePosixPath(*Path(relative).parts))


def write(findings: Iterable[Finding], file: Path) -> int:
    base = file.resolve().parent
    entries = [
        {"path": k[0], "rule": k[1], "object_id": k[2] or None, "detail": k[3] or None}
        for k in sorted(_key(f, base) for f in findings if f.rule != INTERNAL_ERROR)
    ]
    document = {"pcs-lint-baseline": FORMAT_VERSION, "findings": entries}
    try:
        file.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"cannot write baseline {file}: {error.strerror or error}") from None
    return len(entries)


def load(file: Path) -> Counter[tuple[str, str, str, str]]:
    try:
        data, _ = read_regular(str(file))
    except InputError as error:
        if not os.path.lexists(file):
            raise BaselineError(f"baseline file not found: {file} (create it with --write-baseline)") from None
        raise BaselineError(f"cannot read baseline {error}") from None
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise BaselineError(f"cannot read baseline {file}: not UTF-8 ({error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise BaselineError(f"baseline {file} is not valid JSON: {error}") from None
    except (ValueError, RecursionError) as error:  # a number over Python's digit limit; deep nesting
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error).split(";")[0]
        raise BaselineError(f"baseline {file} is not valid JSON: {reason}") from None
    if not isinstance(document, dict) or document.get("pcs-lint-baseline") != FORMAT_VERSION:
        raise BaselineError(f"{file} is not a pcs-lint baseline (version {FORMAT_VERSION})")
    entries = document.get("findings", [])
    if not isinstance(entries, list):
        raise BaselineError(f"baseline {file}: 'findings' is not a list")
    keys: Counter[tuple[str, str, str, str]] = Counter()
    for number, entry in enumerate(entries, 1):
        keys[_entry_key(entry, file, number)] += 1
    return keys


def _entry_key(entry: object, file: Path, number: int) -> tuple[str, str, str, str]:
    """One entry's key; every field a string (or null where optional), as ``write`` makes them."""
    if isinstance(entry, dict) and {"path", "rule"} <= entry.keys():
        fields = (entry["path"], entry["rule"], entry.get("object_id") or "", entry.get("detail") or "")
        if all(isinstance(value, str) for value in fields):
            return fields  # type: ignore[return-value]
    raise BaselineError(f"baseline {file} has a malformed entry (finding {number}): "
                        "expected path and rule as strings, object_id and detail as strings or null")


@dataclass(frozen=True)
class Baseline:
    """A baseline file as read: its entries' keys, counted."""

    file: Path
    known: Counter[tuple[str, str, str, str]]


def read(file: Path) -> Baseline:
    return Baseline(file, load(file))


def apply(findings: Iterable[Finding], baseline: Baseline) -> BaselineResult:
    """Hide the findings the baseline records, in the order given: of several findings with the
    same key, the first ones are hidden (the pipeline passes them sorted)."""
    known = baseline.known.copy()
    base = baseline.file.resolve().parent
    remaining: list[Finding] = []
    matched = 0
    for finding in findings:
        key = _key(finding, base)
        if finding.rule != INTERNAL_ERROR and known[key] > 0:
            known[key] -= 1
            matched += 1
        else:
            remaining.append(finding)
    return BaselineResult(tuple(remaining), matched, sum(known.values()))
