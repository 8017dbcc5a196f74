"""Reader for corosync.conf: sections, keys, values, line numbers and comments, as corosync reads them.

corosync 3.1.7's parser is line based and is followed here, never run: a line whose first
non-blank character is ``#`` is a comment (there are no comments after a value: the text
becomes part of the value); a line holding ``{`` opens a section named by what is before it
(a trailing ``:`` dropped), and nothing may follow the ``{``; otherwise a line holding ``:`` is
``key: value``, split at the first ``:``; otherwise a line holding ``}`` must be exactly ``}``.
Blanks are spaces and tabs. A line is at most 510 bytes (corosync reads it into
a 512-byte buffer), a NUL byte ends what corosync sees of it, and a key's whole dotted path
(``totem.token``) must be 3 to 255 characters from ``[A-Za-z0-9._/:-]``.

Each byte is one character here (the file is decoded as Latin-1, which cannot fail and keeps
byte offsets), so lengths and columns are corosync's; names and values are then re-read as
UTF-8 for display. The reader is one pass over the lines with an explicit stack: linear time,
no recursion, and nesting is bounded by the path length as corosync bounds it.

Later keys override earlier ones and sections of the same path merge, as in corosync's map:
``CorosyncConf.value`` gives the key corosync uses.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from pcs_lint.findings import SourceLocation
from pcs_lint.values import scan_c_integer, unsigned_decimal

MAX_LINE_BYTES = 510  # corosync's fgets buffer is 512 bytes: the line, its "\n" and the NUL
MAX_PATH = 255  # ICMAP_KEYNAME_MAXLEN
MIN_PATH = 3  # ICMAP_KEYNAME_MINLEN
MAX_ISSUES = 100  # per file; corosync stops at its first, a flood of one mistake is reported as one
_BLANKS = " \t"  # 3.1.7 trims only these (later releases also the byte 0xA0, a no-break space)
_NAME_CHARS = re.compile(r"[A-Za-z0-9._/:-]*")
_RING_ADDR = re.compile(r"ring([0-9]+)_addr")


@dataclass(frozen=True)
class CorosyncKey:
    """One ``key: value`` line of corosync.conf, where it stands."""

    path: str  # the section path, "" at top level: "totem", "nodelist.node"
    name: str
    value: str
    line: int
    column: int  # of the key's first character
    # Where a '#' in the value starts: corosync has no comment after a value, the text is part of it.
    comment_column: int | None = None

    @property
    def dotted(self) -> str:
        return f"{self.path}.{self.name}" if self.path else self.name

    def as_int(self) -> int | None:
        """The value as corosync's integer reader (strtoll, then nothing may follow) takes it;
        None when corosync refuses it for an integer key (no digits, text after them, overflow)."""
        read = scan_c_integer(self.value)
        if read is None or read.clipped or read.end != len(self.value):
            return None
        return read.value


@dataclass(frozen=True)
class CorosyncSection:
    """One ``name {`` ... ``}`` section of corosync.conf, its keys and sections in file order."""

    path: str  # dotted, "totem" or "nodelist.node"
    name: str
    line: int
    keys: tuple[CorosyncKey, ...] = ()
    sections: tuple[CorosyncSection, ...] = ()
    end_line: int | None = None  # None: never closed

    def get(self, name: str) -> CorosyncKey | None:
        """The last key ``name`` directly in this section (the one corosync keeps)."""
        found = None
        for key in self.keys:
            if key.name == name:
                found = key
        return found


@dataclass(frozen=True)
class CorosyncSyntaxIssue:
    """A line corosync refuses, or reads otherwise than its author meant."""

    line: int
    column: int
    message: str
    kind: str  # see _KINDS: what corosync does with it
    refused: bool = True  # False: corosync reads the line, but not as its author meant


@dataclass(frozen=True)
class NodelistEntry:
    """One ``node { }`` of the nodelist, as the node model will take it."""

    line: int
    name: str | None
    nodeid: int | None
    nodeid_text: str | None
    addresses: tuple[tuple[int, str], ...]  # (N, value of ringN_addr), in N order
    section: CorosyncSection = field(compare=False, repr=False)

    def address(self, link: int) -> str | None:
        return next((value for number, value in self.addresses if number == link), None)

    @property
    def label(self) -> str:
        """How Pacemaker names the node: ``name``, else ``ring0_addr``."""
        return self.name or self.address(0) or f"the node at line {self.line}"


@dataclass(frozen=True)
class ModelEntry:
    """A nodelist entry as the node model reads it (lint.nodes.CorosyncNodeEntry)."""

    name: str | None
    ring0_addr: str | None
    nodeid: str | None
    location: SourceLocation | None


@dataclass(frozen=True)
class CorosyncConf:
    """One corosync.conf as read: its section tree, syntax issues and comments."""

    node: str | None  # the node this copy belongs to; None: one copy for every node
    path: str
    root: CorosyncSection
    issues: tuple[CorosyncSyntaxIssue, ...] = ()
    comments: tuple[tuple[int, str], ...] = ()
    line_count: int = 0

    def model_entries(self) -> tuple[ModelEntry, ...]:
        """The nodelist for the node model: each entry with where it is written."""
        return tuple(ModelEntry(entry.name, entry.address(0), entry.nodeid_text,
                                SourceLocation(self.path, entry.line))
                     for entry in self.nodelist)

    @cached_property
    def _by_path(self) -> dict[str, list[CorosyncKey]]:
        keys: dict[str, list[CorosyncKey]] = {}
        for section in self.walk():
            for key in section.keys:
                keys.setdefault(key.dotted, []).append(key)
        return keys

    @cached_property
    def _sections_by_path(self) -> dict[str, list[CorosyncSection]]:
        sections: dict[str, list[CorosyncSection]] = {}
        for section in self.walk():
            sections.setdefault(section.path, []).append(section)
        return sections

    def walk(self) -> Iterator[CorosyncSection]:
        """Every section, the root first, in file order (iteratively: no recursion limit)."""
        stack = [self.root]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.sections))

    def key(self, dotted: str) -> CorosyncKey | None:
        """The key corosync uses for ``totem.token``: the last one, sections of one path merged.
        Not for keys inside repeated sections (``nodelist.node``): read those per section."""
        found = self._by_path.get(dotted)
        return found[-1] if found else None

    def value(self, dotted: str) -> str | None:
        key = self.key(dotted)
        return key.value if key is not None else None

    def keys(self, dotted: str) -> tuple[CorosyncKey, ...]:
        return tuple(self._by_path.get(dotted, ()))

    def sections(self, path: str) -> tuple[CorosyncSection, ...]:
        return tuple(self._sections_by_path.get(path, ()))

    def has_section(self, path: str) -> bool:
        return path in self._sections_by_path

    @cached_property
    def nodelist(self) -> tuple[NodelistEntry, ...]:
        return tuple(_entry(section) for section in self.sections("nodelist.node"))

    def location_line(self, dotted: str) -> int | None:
        key = self.key(dotted)
        return key.line if key is not None else None


def _entry(section: CorosyncSection) -> NodelistEntry:
    addresses: dict[int, str] = {}
    for key in section.keys:
        match = _RING_ADDR.fullmatch(key.name)
        number = unsigned_decimal(match.group(1)) if match else None
        if number is not None and number < 1000:
            addresses[number] = key.value
    name = section.get("name")
    nodeid = section.get("nodeid")
    return NodelistEntry(
        line=section.line,
        name=name.value if name is not None else None,
        nodeid=nodeid.as_int() if nodeid is not None else None,
        nodeid_text=nodeid.value if nodeid is not None else None,
        addresses=tuple(sorted(addresses.items())),
        section=section,
    )


def ip_version(text: str) -> int | None:
    """4 or 6 when ``text`` is an IP address literal, None for a host name."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0]).version
    except ValueError:
        return None


# ---------------------------------------------------------------- parsing


class _OpenSection:
    """A section being read: lists while it is open, frozen when it closes."""

    __slots__ = ("path", "name", "line", "keys", "sections", "too_deep")

    def __init__(self, path: str, name: str, line: int, *, too_deep: bool = False) -> None:
        self.path, self.name, self.line, self.too_deep = path, name, line, too_deep
        self.keys: list[CorosyncKey] = []
        self.sections: list[CorosyncSection] = []

    def freeze(self, end_line: int | None) -> CorosyncSection:
        return CorosyncSection(self.path, self.name, self.line, tuple(self.keys), tuple(self.sections), end_line)


def _shown(text: str) -> str:
    """A name or value read byte for byte, shown as the UTF-8 text it most likely is."""
    return text.encode("latin-1").decode("utf-8", errors="replace")


def _strip_name(text: str) -> str:
    """corosync's remove_whitespace for names: blanks around, then trailing ':' and '{'."""
    text = text.lstrip(_BLANKS)
    end = len(text)
    while end > 1 and text[end - 1] in " \t:{":
        end -= 1
    return text[:end]


def _valid_path(path: str) -> bool:
    return MIN_PATH <= len(path) <= MAX_PATH and _NAME_CHARS.fullmatch(path) is not None


def parse_corosync_bytes(data: bytes, *, path: str, node: str | None = None) -> CorosyncConf:
    """Read corosync.conf as corosync 3.1.7 does, up to its first refusal and past it: every
    line corosync would refuse is an issue, and reading goes on so that later mistakes show too."""
    text = data.decode("latin-1")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline ends the last line, it does not start one
    issues: list[CorosyncSyntaxIssue] = []
    comments: list[tuple[int, str]] = []
    root = _OpenSection("", "", 0)
    stack: list[_OpenSection] = [root]

    def issue(number: int, column: int, message: str, kind: str, refused: bool = True) -> None:
        issues.append(CorosyncSyntaxIssue(number, column, message, kind, refused))

    for number, raw in enumerate(lines, start=1):
        if "\x00" in raw:
            issue(number, raw.index("\x00") + 1,
                  "the line holds a NUL byte, where corosync stops reading the line ('Line too long')", "nul")
            continue
        if len(raw) > MAX_LINE_BYTES:
            issue(number, MAX_LINE_BYTES + 1,
                  f"the line is {len(raw)} bytes long; corosync reads at most {MAX_LINE_BYTES} ('Line too long')",
                  "too-long")
            continue
        line = raw.removesuffix("\r").rstrip(_BLANKS)
        content = line.lstrip(_BLANKS)
        if not content:
            continue
        column = len(line) - len(content) + 1
        if content.startswith("#"):
            comments.append((number, _shown(content[1:].strip())))
            continue
        current = stack[-1]
        if "{" in line:
            before, _, after = line.partition("{")
            name = _strip_name(before)
            if not name:
                issue(number, column, "a '{' with no section name before it", "no-section-name")
                continue
            if after.strip(_BLANKS):
                issue(number, line.index("{") + 2,
                      f"text after the '{{' that opens section {_shown(name)!r}: corosync allows nothing after it",
                      "after-brace")
                continue
            # A section past the limit is still tracked for its braces, but kept out of the tree
            # (its path does not grow) and reported once: a flood of nested sections is one mistake.
            if current.too_deep:
                stack.append(_OpenSection(current.path, "", number, too_deep=True))
                continue
            dotted = f"{current.path}.{name}" if current.path else name
            too_deep = len(dotted) + 1 > MAX_PATH
            if too_deep:
                issue(number, column, f"section {_shown(name[:40])!r} makes the path {MAX_PATH}+ characters long, "
                      "more than corosync allows (nested too deeply)", "path-too-long")
            stack.append(_OpenSection(current.path if too_deep else dotted, _shown(name), number, too_deep=too_deep))
            continue
        if ":" in line:
            before, _, after = line.partition(":")
            name = _strip_name(before)
            value = after.strip(_BLANKS)
            dotted = f"{current.path}.{name}" if current.path else name
            if current.too_deep:
                continue  # its section was reported
            if not _valid_path(dotted):
                issue(number, column, _bad_key(_shown(dotted)), "key-name")
                continue
            hash_at = line.find("#", len(before) + 1)
            current.keys.append(CorosyncKey(current.path, _shown(name), _shown(value), number, column,
                                            hash_at + 1 if hash_at >= 0 else None))
            continue
        if "}" in line:
            if content != "}":
                issue(number, column, "text before or after a '}': a closing brace must be alone on its line",
                      "around-brace")
                continue
            if len(stack) == 1:
                issue(number, column, "a '}' that closes no section (unbalanced braces)", "unexpected-close")
                continue
            closed = stack.pop()
            if not closed.too_deep:
                stack[-1].sections.append(closed.freeze(number))
            continue
        issue(number, column, "a line that is not 'key: value', 'name {', '}', a comment or blank", "not-a-line")

    if len(stack) > 1:
        innermost = next(section for section in reversed(stack) if section.name)
        issue(innermost.line, 1,
              f"section {innermost.name!r} opened here is never closed: the file ends (line {len(lines)}) "
              f"with {len(stack) - 1} section{'s' if len(stack) > 2 else ''} open (unbalanced braces)",
              "unclosed")
        while len(stack) > 1:
            closed = stack.pop()
            if not closed.too_deep:
                stack[-1].sections.append(closed.freeze(None))
    if len(issues) > MAX_ISSUES:
        rest = issues[MAX_ISSUES:]
        issues[MAX_ISSUES:] = [CorosyncSyntaxIssue(
            rest[0].line, rest[0].column,
            f"this line and {len(rest) - 1} more that corosync refuses are not listed one by one "
            f"(corosync itself stops at the first)", "more")]
    return CorosyncConf(node=node, path=path, root=root.freeze(len(lines)), issues=tuple(issues),
                        comments=tuple(comments), line_count=len(lines))


def _bad_key(dotted: str) -> str:
    if len(dotted) < MIN_PATH:
        return (f"key {dotted!r} is too short: corosync needs the whole dotted name to be at least {MIN_PATH} "
                "characters")
    if len(dotted) > MAX_PATH:
        return f"key path {dotted[:40]!r}... is longer than the {MAX_PATH} characters corosync allows"
    return (f"key {dotted!r} has characters corosync refuses in a name: letters, digits and . _ - / only "
            "(a key with a space, '=' or a non-ASCII letter is not stored)")


# corosync's known top-level section names: a file starting with one of these is corosync.conf.
TOP_LEVEL_SECTIONS = frozenset({
    "totem", "nodelist", "quorum", "logging", "system", "resources", "nozzle", "qb", "uidgid",
    "service", "aisexec", "amf", "compatibility", "pload",
})
_FIRST_SECTION = re.compile(rb"[ \t]*([A-Za-z_]+)[ \t]*:?[ \t]*\{[ \t]*\r?$")
_FIRST_KEY = re.compile(rb"[ \t]*compatibility[ \t]*:")  # corosync 1.x files start with it


def looks_like_corosync_conf(data: bytes) -> bool:
    """Whether a file is corosync.conf by its content: its first line that is not blank or a
    '#' comment opens one of corosync's top-level sections (``totem {``). XML never does."""
    for raw in data[:64 * 1024].split(b"\n"):
        stripped = raw.strip(b" \t\r")
        if not stripped or stripped.startswith(b"#"):
            continue
        match = _FIRST_SECTION.match(raw)
        if match:
            return match.group(1).decode("ascii") in TOP_LEVEL_SECTIONS
        return _FIRST_KEY.match(raw) is not None
    return False
