"""What rules report (Problem) and what the engine reports (Finding)."""

from __future__ import annotations

import enum
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


@dataclass(frozen=True, order=True)
class Finding:
    """One reported problem, fully resolved. Field order is the report's sort order."""

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
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message, self.object_id or "")

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
