"""What the formats share: repository-relative paths, stable finding fingerprints, and the
escaping of characters that must never reach a terminal or a CI page as they are."""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pcs_lint.findings import Finding

_NUMBERS = re.compile(r"\d+")

# Characters a file name, an element id or a plugin's message may carry but a report must not
# pass on: C0 and C1 controls and DEL (a newline forges a finding line, ESC drives the terminal),
# the line and paragraph separators, the bidirectional overrides that reorder what is shown
# ("Trojan Source"), lone surrogates (undecodable bytes of a file name) and the two
# non-characters XML 1.0 forbids. Tabs too: in a name or a message a tab is never layout.
_UNSHOWABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_control(text: str) -> str:
    """``text`` with every character above shown as a Python-style escape (``\\n``, ``\\x1b``,
    ``\\u2028``; a byte of an undecodable file name as ``\\xff``), so one field stays one field
    on one line. The only escaping function of the text, GitHub, GitLab and JUnit formats."""
    return _UNSHOWABLE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_ESCAPES.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


@lru_cache(maxsize=1)
def repository_root() -> Path:
    """The git work tree containing the current directory, else the current directory."""
    here = Path.cwd().resolve()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def repo_relative(path: str) -> str | None:
    """``path`` relative to the repository root with forward slashes; None when outside it."""
    if path in ("-", "") or path.startswith("<"):
        return None
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(repository_root())
    except ValueError:
        return None
    return str(PurePosixPath(*relative.parts))


def fingerprint(finding: Finding, salt: str = "") -> str:
    """A fingerprint that survives edits elsewhere in the file.

    Lines shift when a CIB is edited; the file, the rule, the element (id or XPath) and the
    message's words do not (numbers are left out: messages quote line numbers and ports).
    ``salt`` separates findings that are otherwise identical.
    """
    path = repo_relative(finding.path) or finding.path
    words = _NUMBERS.sub("#", finding.message)
    key = "\0".join((path, finding.rule, finding.object_id or "", finding.xpath or "", words, salt))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
