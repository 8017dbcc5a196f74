"""What rules report (Problem) and what the engine reports (Finding)."""

from __future__ import annotations

import enum
import re
import shlex
from dataclasses import dataclass
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
    ``fix`` holds the pcs commands that remove the problem; when ``hint`` is None the hint is
    rendered from them, so a hint that is just the commands has one source.
    """

    message: str
    element: Any = None
    object_id: str | None = None
    hint: str | None = None
    severity: Severity | None = None
    location: SourceLocation | None = None
    fix: Fix | None = None

    @property
    def hint_text(self) -> str | None:
        if self.hint is not None:
            return self.hint
        return self.fix.text() if self.fix is not None else None


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
    fix: Fix | None = None

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
            "fix": self.fix.to_dict() if self.fix is not None else None,
        }


def remedy(proposal: Fix | str | None, note: str = "") -> dict[str, Any]:
    """``Problem`` keyword arguments for what a helper proposes: pcs commands (their hint is
    rendered from them, followed by ``note``) or, where pcs cannot do it, advice text."""
    if isinstance(proposal, Fix):
        return {"fix": proposal, "hint": proposal.text() + note if note else None}
    return {"hint": proposal + note if proposal else None}
