"""Parser for Pacemaker's environment file (/etc/sysconfig/pacemaker, /etc/default/pacemaker),
also used for SBD's (/etc/sysconfig/sbd, /etc/default/sbd), which has the same syntax.

The file is read both by systemd (EnvironmentFile=) and by shell init scripts, so only the common
subset is accepted: comments, blank lines and ``[export] KEY=VALUE`` where VALUE is a shell word
made of unquoted, 'single-quoted' and "double-quoted" parts, optionally followed by a comment.
Anything else is kept as a syntax issue (finding PCS003) with its line and column.

Values may be secrets (a proxy password, a token for another program), so what findings and
--show-source may print of them is decided here, once: a value is shown only when the
environment schema marks its variable harmless (``x-pcmk-harmless``: ports, booleans, log
levels, enumerations) and the value reads as such; otherwise only the variable's name is. Each
file is judged against its own schema (``EnvFile.schema``: Pacemaker's or SBD's variables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pcs_lint.findings import SourceLocation
from pcs_lint.value_formats import harmless_value

ENVIRONMENT_SCHEMA = "pcmk-environment"
SBD_SCHEMA = "sbd-environment"
VALUE_NOT_SHOWN = "<value not shown>"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# "NAME=" at the start of a line, as the parser reads it: what may be shown of any such line.
_ASSIGNMENT_HEAD = re.compile(r"[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*=")
_DOUBLE_QUOTE_ESCAPES = {'"', "\\", "$", "`"}
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class EnvVar:
    """One assignment of an environment file, as the line wrote it."""

    name: str
    value: str
    line: int
    column: int
    comment: str | None = None  # a trailing "# ..." (the shell drops it; systemd keeps it)
    comment_column: int | None = None
    head: str = ""  # the line up to and including "=" ("export NAME="): never any of the value


@dataclass(frozen=True)
class EnvSyntaxIssue:
    """A line of an environment file that is not an assignment the service manager reads."""

    line: int
    column: int
    message: str  # names no part of a value: a malformed line may hold a secret
    head: str = ""  # "NAME=" when the line starts like an assignment, else ""


@dataclass(frozen=True)
class EnvFile:
    """A parsed environment file. Later assignments override earlier ones, as in the shell."""

    node: str
    path: str
    assignments: tuple[EnvVar, ...]
    issues: tuple[EnvSyntaxIssue, ...]
    comments: tuple[tuple[int, str], ...] = ()
    schema: str = ENVIRONMENT_SCHEMA  # the option schema its variables are judged against

    def get(self, name: str) -> EnvVar | None:
        return self._latest.get(name)

    @cached_property
    def _latest(self) -> dict[str, EnvVar]:
        # Each name's last assignment, found once: rules look up a name per finding, and a
        # scan per lookup was quadratic in a file of many variables (minutes for 50,000).
        return {var.name: var for var in self.assignments}

    def location(self, name: str) -> SourceLocation:
        """Where a finding about variable ``name`` points: its assignment, else the file itself."""
        var = self.get(name)
        return SourceLocation(self.path, var.line if var else None, var.column if var else None)

    def shown_line(self, number: int) -> str | None:
        """What --show-source may print of line ``number``: the "NAME=" of an assignment (or of
        a malformed line that starts like one) followed by the value only when it is known
        harmless; nothing of any other line (comments, text that is no assignment)."""
        return self._shown_lines.get(number)

    @cached_property
    def _shown_lines(self) -> dict[int, str]:
        # Built once: thousands of findings in one file must not each scan every line.
        shown = {issue.line: issue.head + VALUE_NOT_SHOWN for issue in self.issues if issue.head}
        for var in self.assignments:
            shown[var.line] = var.head + (var.value if shows_value(var, self.schema) else VALUE_NOT_SHOWN)
        return shown


def shows_value(var: EnvVar, schema: str = ENVIRONMENT_SCHEMA) -> bool:
    """Whether findings and --show-source may print this assignment's value (see the module doc)."""
    return harmless_value(schema, var.name, var.value)


def describe(var: EnvVar, schema: str = ENVIRONMENT_SCHEMA) -> str:
    """How a finding names an assignment: NAME="value" when the value may be shown, else NAME."""
    return f'{var.name}="{var.value}"' if shows_value(var, schema) else var.name


class _LineError(Exception):
    def __init__(self, column: int, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def parse_env_text(text: str, *, node: str, path: str, schema: str = ENVIRONMENT_SCHEMA) -> EnvFile:
    assignments: list[EnvVar] = []
    issues: list[EnvSyntaxIssue] = []
    comments: list[tuple[int, str]] = []
    # Only "\n" ends a line for the shell and systemd (str.splitlines would also split on form
    # feeds and Unicode separators, shifting line numbers); a CRLF file loses its "\r".
    for number, raw in enumerate(text.split("\n"), start=1):
        raw = raw.removesuffix("\r")
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            comments.append((number, stripped[1:].strip()))
            continue
        try:
            var = _parse_assignment(raw, number)
        except _LineError as error:
            head = _ASSIGNMENT_HEAD.match(raw)
            issues.append(EnvSyntaxIssue(number, error.column, error.message, head.group() if head else ""))
            continue
        assignments.append(var)
        if var.comment is not None:
            comments.append((number, var.comment))
    return EnvFile(node=node, path=path, assignments=tuple(assignments), issues=tuple(issues),
                   comments=tuple(comments), schema=schema)


def parse_env_bytes(data: bytes, *, node: str, path: str, schema: str = ENVIRONMENT_SCHEMA) -> EnvFile:
    if b"\x00" in data:
        first = data.index(b"\x00")
        line = data.count(b"\n", 0, first) + 1
        column = first - (data.rfind(b"\n", 0, first) + 1) + 1
        issue = EnvSyntaxIssue(line, column, "file contains NUL bytes: not a text environment file")
        return EnvFile(node=node, path=path, assignments=(), issues=(issue,), schema=schema)
    if data.startswith(_UTF8_BOM):
        # The shell takes the mark as part of the first word, so the first line is not an
        # assignment there; report it and read the rest as systemd would.
        parsed = parse_env_text(data[len(_UTF8_BOM):].decode("utf-8", errors="replace"), node=node, path=path,
                                schema=schema)
        issue = EnvSyntaxIssue(1, 1, "file starts with a UTF-8 byte-order mark, which the shell "
                               "reads as part of the first line")
        return EnvFile(node=node, path=path, assignments=parsed.assignments,
                       issues=(issue, *parsed.issues), comments=parsed.comments, schema=schema)
    return parse_env_text(data.decode("utf-8", errors="replace"), node=node, path=path, schema=schema)


def _parse_assignment(raw: str, line: int) -> EnvVar:
    pos = len(raw) - len(raw.lstrip())
    if raw.startswith("export", pos) and raw[pos + 6 : pos + 7] in (" ", "\t"):
        pos += 6
        while pos < len(raw) and raw[pos] in " \t":
            pos += 1
    match = _NAME.match(raw, pos)
    if not match:
        raise _LineError(pos + 1, "expected KEY=VALUE, a comment or a blank line")
    name_column = pos + 1
    pos = match.end()
    if pos >= len(raw) or raw[pos] != "=":
        if "=" not in raw[pos:]:
            # No '=': the word is not known to be a name (a pasted token looks like one).
            raise _LineError(pos + 1, "expected KEY=VALUE: the line has no '='")
        if raw[pos] in " \t":
            raise _LineError(pos + 1, f"spaces around '=' in the assignment to {match.group()}")
        raise _LineError(pos + 1, f"expected '=' after {match.group()}")
    head = raw[:pos + 1]
    value, pos = _parse_word(raw, pos + 1)
    rest = raw[pos:].strip()
    comment = comment_column = None
    if rest.startswith("#"):
        comment = rest[1:].strip()
        comment_column = raw.index("#", pos) + 1
    elif rest:
        raise _LineError(raw.index(rest, pos) + 1,
                         f"unexpected text after the value of {match.group()} (the value ends at the first "
                         "unquoted blank)")
    return EnvVar(match.group(), value, line, name_column, comment, comment_column, head)


def _parse_word(raw: str, pos: int) -> tuple[str, int]:
    """Read one shell word from raw[pos:]; return its value and the position after it."""
    out: list[str] = []
    while pos < len(raw) and raw[pos] not in " \t":
        char = raw[pos]
        if char == "'":
            end = raw.find("'", pos + 1)
            if end < 0:
                raise _LineError(pos + 1, "unterminated single quote")
            out.append(raw[pos + 1 : end])
            pos = end + 1
        elif char == '"':
            opening = pos
            pos += 1
            while True:
                if pos >= len(raw):
                    raise _LineError(opening + 1, "unterminated double quote")
                char = raw[pos]
                if char == '"':
                    pos += 1
                    break
                if char == "\\" and pos + 1 < len(raw) and raw[pos + 1] in _DOUBLE_QUOTE_ESCAPES:
                    out.append(raw[pos + 1])
                    pos += 2
                    continue
                out.append(char)
                pos += 1
        elif char == "\\":
            if pos + 1 >= len(raw):
                raise _LineError(pos + 1, "line continuation with '\\' is not supported here")
            out.append(raw[pos + 1])
            pos += 2
        elif char in ";&|<>()`":
            raise _LineError(pos + 1, f"shell syntax {char!r} is not allowed in an environment file")
        else:
            out.append(char)
            pos += 1
    return "".join(out), pos
