"""What a file that is not XML looks like, from its first bytes, and what to do with it instead.

Files reach the linter that are not CIBs: ``crm configure show`` text saved as the
configuration, a node's environment file or an sbd file that pre-commit passes because it
changed. Parsing them as XML says only "Start tag expected"; naming what they look like tells
the user what to do. Only the head of the file is read, nothing is decoded beyond it, and the
verdict never quotes the file's text: an environment file may hold secrets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

HEAD_BYTES = 4096  # enough for the comment header of a distribution's environment file


class FileKind(Enum):
    """A kind of file that is not a CIB, with what pcs-lint says about it."""

    CRM_SHELL = ("crmsh configuration text ('crm configure show')",
                 "lint the XML instead: 'crm configure show xml > cib.xml' or 'pcs cluster cib > cib.xml'")
    NODE_ENVIRONMENT = ("a node environment file (PCMK_* variables, /etc/sysconfig/pacemaker)",
                        "list it under [sysconfig] in .pcs-lint.toml (NODE = \"PATH\") or pass "
                        "--sysconfig NODE=PATH, and it is checked against the CIB")
    SBD = ("an sbd configuration file (SBD_* variables, /etc/sysconfig/sbd)",
           "list it under [sbd] in .pcs-lint.toml or pass --sbd NODE=PATH")
    # The test is the corosync.conf reader's (lint/corosync.py owns that format). The runner
    # takes a positional corosync.conf as one before any XML parsing, so this verdict is only
    # seen where a file reaches the XML parser all the same.
    COROSYNC = ("corosync.conf", "pass it with --corosync [NODE=]PATH or list it under [corosync]")

    def __init__(self, looks_like: str, advice: str) -> None:
        self.looks_like = looks_like
        self.advice = advice

    def message(self) -> str:
        """One line for a finding: what the file looks like and what to do; no file content."""
        return f"not a CIB: this looks like {self.looks_like}; {self.advice}"


@dataclass(frozen=True)
class Sniffed:
    """What a file that is not XML was recognised as, and the line that gave it away."""

    kind: FileKind
    line: int  # the first line that gave it away


# The first word of every top-level crmsh configure object (crmsh 4.x 'configure show').
_CRM_KEYWORDS = frozenset("""
    node primitive group clone ms bundle rsc_template location colocation collocation order
    rsc_ticket property rsc_defaults op_defaults fencing_topology tag role acl_target user alert
""".split())
_ASSIGNMENT = re.compile(rb"^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=")
_COMMENTED_ASSIGNMENT = re.compile(rb"^#\s*(?:export\s+)?((?:PCMK|SBD)_[A-Za-z0-9_]*)=")
_CRM_LINE = re.compile(rb"^([a-z_]+)\s+\S")


def sniff(data: bytes) -> Sniffed | None:
    """The kind of a file that is not XML, or None (XML, or nothing recognisable)."""
    head = data[:HEAD_BYTES].removeprefix(b"\xef\xbb\xbf")
    if head.lstrip()[:1] == b"<":
        return None
    from pcs_lint.corosync import looks_like_corosync_conf  # here: an XML file never needs it

    if looks_like_corosync_conf(data):
        return Sniffed(FileKind.COROSYNC, 1)
    if len(data) > HEAD_BYTES:
        head = head[:head.rfind(b"\n") + 1]  # a line cut short says nothing
    first_assignment: int | None = None
    names: list[tuple[bytes, int]] = []  # (variable name, line), assigned or commented out
    for number, raw in enumerate(head.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith(b"#"):
            if (match := _COMMENTED_ASSIGNMENT.match(line)) is not None:
                names.append((match.group(1), number))
            continue
        if (match := _ASSIGNMENT.match(line)) is not None:
            first_assignment = first_assignment or number
            names.append((match.group(1), number))
            continue
        if first_assignment is None and not names:
            crm = _CRM_LINE.match(line)
            if crm is not None and crm.group(1).decode() in _CRM_KEYWORDS:
                return Sniffed(FileKind.CRM_SHELL, number)
        return None  # neither shell assignments nor crmsh text: say nothing
    # Assignments and comments only (a distribution's default file has every setting commented
    # out): the variables' prefixes tell whose file it is; other KEY=VALUE files are no one's.
    for prefix, kind in ((b"SBD_", FileKind.SBD), (b"PCMK_", FileKind.NODE_ENVIRONMENT)):
        found = next((number for name, number in names if name.startswith(prefix)), None)
        if found is not None:
            return Sniffed(kind, found)
    return None
