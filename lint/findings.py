"""What rules report (Problem) and what the engine reports (Finding)."""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that ``a >= b`` means "a is at least as serious as b"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


@dataclass(frozen=True)
class SourceLocation:
    """A place in a file other than the CIB element (an environment file line, a key file)."""

    path: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Problem:
    """What a rule's check yields: the engine stamps code, severity, path, line and xpath on it.

    ``element`` is the CIB element the problem is about; line, XPath and object id come from it.
    ``location`` replaces the CIB position for problems in another file (environment files).
    ``severity`` overrides the rule's default for rules with graded findings (error/warning).
    ``related`` lists the other places the problem comes from (the environment-file assignments
    a CIB finding relies on): a suppression written at any of them covers the finding too.
    """

    message: str
    element: Any = None
    object_id: str | None = None
    hint: str | None = None
    severity: Severity | None = None
    location: SourceLocation | None = None
    related: tuple[SourceLocation, ...] = ()


@functools.total_ordering
@dataclass(frozen=True)
class Finding:
    """One reported problem, fully resolved. Reports list findings in ``sort_key`` order, which is
    also how findings compare (``sorted(findings)``)."""

    path: str
    line: int | None
    column: int | None
    rule: str
    name: str
    severity: Severity
    message: str
    object_id: str | None = None
    xpath: str | None = None
    hint: str | None = None
    # Where a suppression may also be written (Problem.related); not part of the finding's identity.
    related: tuple[SourceLocation, ...] = field(default=(), compare=False)

    def sort_key(self) -> tuple:
        """File, line, column, rule, message, then every other field of the finding's identity, so
        that no two different findings tie. A finding without a line or column (about a whole
        file, or a plugin) comes before those with one; None never meets an int."""
        return (self.path, _present(self.line, 0), _present(self.column, 0), self.rule, self.message,
                _present(self.object_id, ""), _present(self.xpath, ""), _present(self.hint, ""), self.name,
                self.severity.value)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "object_id": self.object_id,
            "xpath": self.xpath,
            "hint": self.hint,
        }


def _present(value: Any, empty: Any) -> tuple[bool, Any]:
    return (value is not None, value if value is not None else empty)


class InvalidProblem(Exception):
    """A check yielded something the engine cannot report; the message says what."""


def valid_problem(item: Any) -> Problem:
    """What a check yielded, checked field by field (a dataclass checks no types) and copied into
    a plain Problem, so that the engine and the reporters can rely on it."""
    from lxml import etree  # not at import time: plugins and 'pcs-lint rules' import this module

    if not isinstance(item, Problem):
        raise InvalidProblem(f"{type(item).__name__} is not a pcs_lint.findings.Problem")
    message, element, object_id, hint = item.message, item.element, item.object_id, item.hint
    severity, location = item.severity, item.location
    if not isinstance(message, str):
        raise InvalidProblem(f"message is {type(message).__name__}, not str")
    for name, value in (("object_id", object_id), ("hint", hint)):
        if value is not None and not isinstance(value, str):
            raise InvalidProblem(f"{name} is {type(value).__name__}, not str or None")
    if severity is not None and not isinstance(severity, Severity):
        raise InvalidProblem(f"severity {severity!r} is not a pcs_lint.findings.Severity or None")
    if element is not None and not isinstance(element, etree._Element):
        raise InvalidProblem(f"element is {type(element).__name__}, not an element of the CIB or None")
    related = item.related
    if not isinstance(related, tuple):
        raise InvalidProblem(f"related is {type(related).__name__}, not a tuple of pcs_lint.findings.SourceLocation")
    return Problem(message, element=element, object_id=object_id, hint=hint, severity=severity,
                   location=_valid_location(location),
                   related=tuple(_valid_location(place, "related location") for place in related))


def _valid_location(location: Any, what: str = "location") -> SourceLocation | None:
    if location is None and what == "location":
        return None
    if not isinstance(location, SourceLocation):
        raise InvalidProblem(f"{what} is {type(location).__name__}, not a pcs_lint.findings.SourceLocation"
                             f"{' or None' if what == 'location' else ''}")
    path, line, column = location.path, location.line, location.column
    if not isinstance(path, str):
        raise InvalidProblem(f"{what} path is {type(path).__name__}, not str")
    for name, value in (("line", line), ("column", column)):
        if value is not None and (type(value) is not int or value < 1):
            raise InvalidProblem(f"{what} {name} {value!r} is not a positive int or None")
    return SourceLocation(path, line, column)
