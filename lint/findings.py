"""What rules report (Problem) and what the engine reports (Finding)."""

from __future__ import annotations

import enum
import functools
import re
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


# What a word of a fix command may hold: ids, names, values, scores, '#uname' (quoted).
_PLAIN_WORD = re.compile(r"[\w.:@%+=,/#-]*")
# A command of plain words and single spaces only: no quote, backslash or other character a
# shell (or shlex) treats specially, so its words are what splitting at the spaces gives.
_PLAIN_LINE = re.compile(r"[\w.:@%+=,/#-]+(?: [\w.:@%+=,/#-]+)*")


@dataclass(frozen=True, order=True)
class Fix:
    """The pcs commands that together remove a finding, as data (the JSON report's ``fix``).

    Each command is a complete pcs command line as a user types it on a cluster node (no ``-f``,
    no placeholders): a test applies them with ``pcs -f`` to a copy and lints again. Advice that
    needs the user's choice (a node, a value, an agent) is a hint without a Fix.
    """

    commands: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.commands or not all(c.startswith("pcs ") for c in self.commands):
            raise ValueError(f"a fix is one or more pcs command lines: {self.commands!r}")

    @classmethod
    def of(cls, *commands: str) -> Fix:
        return cls(tuple(commands))

    def is_plain(self) -> bool:
        """Whether every command is plain words a shell passes to pcs unchanged. Ids come from
        the input: a hostile one (``x;reboot``, a quote, a newline) must not turn a fix into
        another command, so the engine reports such a fix as text only."""
        for command in self.commands:
            if _PLAIN_LINE.fullmatch(command):  # most fixes: no need for shlex
                words = command.split(" ")
            else:
                import shlex  # here: importing it costs start-up, and most runs never need it

                try:
                    words = shlex.split(command)
                except ValueError:
                    return False
            if "\n" in command or not all(_PLAIN_WORD.fullmatch(word) for word in words):
                return False
            # A shell reads an unquoted word starting with # as a comment.
            if any(word.startswith("#") and f"'{word}'" not in command for word in words):
                return False
        return True

    def text(self) -> str:
        """The commands as a hint reads them, in the order they are run."""
        return ", then ".join(self.commands)

    def to_dict(self) -> dict[str, Any]:
        return {"commands": list(self.commands)}


@dataclass(frozen=True)
class Problem:
    """What a rule's check yields: the engine stamps code, severity, path, line and xpath on it.

    ``element`` is the CIB element the problem is about; line, XPath and object id come from it.
    ``location`` replaces the CIB position for problems in another file (environment files).
    ``severity`` overrides the rule's default for rules with graded findings (error/warning).
    ``related`` lists the other places the problem comes from (the environment-file assignments
    a CIB finding relies on): a suppression written at any of them covers the finding too.
    ``fix`` holds the pcs commands that remove the problem; when ``hint`` is None the hint is
    rendered from them, so a hint that is just the commands has one source.
    """

    message: str
    element: Any = None
    object_id: str | None = None
    hint: str | None = None
    severity: Severity | None = None
    location: SourceLocation | None = None
    related: tuple[SourceLocation, ...] = ()
    fix: Fix | None = None

    @property
    def hint_text(self) -> str | None:
        if self.hint is not None:
            return self.hint
        return self.fix.text() if self.fix is not None else None


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
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        """File, line, column, rule, message, then every other field of the finding's identity, so
        that no two different findings tie. A finding without a line or column (about a whole
        file, or a plugin) comes before those with one; None never meets an int."""
        return (self.path, _present(self.line, 0), _present(self.column, 0), self.rule, self.message,
                _present(self.object_id, ""), _present(self.xpath, ""), _present(self.hint, ""), self.name,
                self.severity.value, _present(self.fix.commands if self.fix is not None else None, ()))

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
            "fix": self.fix.to_dict() if self.fix is not None else None,
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
    fix = item.fix
    if fix is not None and not (isinstance(fix, Fix) and isinstance(fix.commands, tuple)
                                and all(isinstance(c, str) and c.startswith("pcs ") for c in fix.commands)):
        raise InvalidProblem("fix is not a pcs_lint.findings.Fix of pcs command lines, or None")
    related = item.related
    if not isinstance(related, tuple):
        raise InvalidProblem(f"related is {type(related).__name__}, not a tuple of pcs_lint.findings.SourceLocation")
    return Problem(message, element=element, object_id=object_id, hint=hint, severity=severity,
                   location=_valid_location(location),
                   related=tuple(_valid_location(place, "related location") for place in related),
                   fix=fix)


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


def remedy(proposal: Fix | str | None, note: str = "") -> dict[str, Any]:
    """``Problem`` keyword arguments for what a helper proposes: pcs commands (their hint is
    rendered from them, followed by ``note``) or, where pcs cannot do it, advice text."""
    if isinstance(proposal, Fix):
        return {"fix": proposal, "hint": proposal.text() + note if note else None}
    return {"hint": proposal + note if proposal else None}
