"""Reader for the text of ``sbd -d DEVICE dump``: the header sbd wrote on a shared disk.

What real sbd 1.5.2 prints (stdout), per disk::

    ==Dumping header on disk /dev/loop0
    Header version     : 2.1
    UUID               : c70b8d12-cd74-4b91-bb40-e3dea97f7f95
    Number of slots    : 255
    Sector size        : 512
    Timeout (watchdog) : 5
    Timeout (allocate) : 2
    Timeout (loop)     : 1
    Timeout (msgwait)  : 10
    ==Header on disk /dev/loop0 is dumped

One dump may hold several disks (``sbd -d A -d B dump``); a disk without a valid header gives
"== disk X unreadable!" and "==Header on disk X NOT dumped" instead. The timeouts are whole
seconds (sbd writes them with -1 to -4 at ``create``). The text is untrusted: a line that is not
one of these is ignored, numbers are read only up to a bound, and nothing of it is run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pcs_lint.values import unsigned_decimal

TIMEOUTS = ("watchdog", "allocate", "loop", "msgwait")
_START = re.compile(r"==Dumping header on disk (.*)")
_UNREADABLE = re.compile(r"== disk (.*) unreadable!")
_FIELD = re.compile(r"([A-Za-z][A-Za-z ]*?|Timeout \(([a-z]+)\))[ \t]*:[ \t]*(.*)")
_NUMBER = re.compile(r"[0-9]{1,9}")  # sbd writes 32-bit counts of seconds; longer is no dump of it
HEADER_FIELDS = {"Header version": "version", "UUID": "uuid", "Number of slots": "slots", "Sector size": "sector_size"}


@dataclass(frozen=True)
class DumpValue:
    """A timeout of the dump, in seconds, and the line it is on."""

    seconds: int
    line: int


@dataclass(frozen=True)
class DiskHeader:
    """One disk's header as the dump shows it."""

    disk: str  # the name sbd was given for it
    line: int  # of its "==Dumping header on disk" line
    fields: Mapping[str, str] = field(default_factory=dict)  # version, uuid, slots, sector_size
    timeouts: Mapping[str, DumpValue] = field(default_factory=dict)  # watchdog, allocate, loop, msgwait
    readable: bool = True

    def timeout(self, name: str) -> DumpValue | None:
        return self.timeouts.get(name)


@dataclass(frozen=True)
class SbdDump:
    """One ``--sbd-dump DEVICE=PATH`` file."""

    device: str  # DEVICE as the user named it (the SBD_DEVICE entry it belongs to)
    path: str
    headers: tuple[DiskHeader, ...]

    def header(self) -> DiskHeader | None:
        """The header of ``device``: the one naming it, else the file's only readable one."""
        readable = [h for h in self.headers if h.readable and h.timeouts]
        named = [h for h in readable if h.disk == self.device]
        if named:
            return named[0]
        return readable[0] if len(readable) == 1 else None

    def where(self, value: DumpValue) -> str:
        return f"{self.path}:{value.line}"


class DumpError(ValueError):
    """The text is not the output of ``sbd dump`` at all."""


def parse_dump_text(text: str, *, device: str, path: str) -> SbdDump:
    headers: list[DiskHeader] = []
    current: dict | None = None

    def close() -> None:
        if current is not None:
            headers.append(DiskHeader(current["disk"], current["line"], dict(current["fields"]),
                                      dict(current["timeouts"]), current["readable"]))

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r").strip()
        start = _START.fullmatch(line)
        if start:
            close()
            current = {"disk": start.group(1), "line": number, "fields": {}, "timeouts": {}, "readable": True}
            continue
        if current is None:
            continue
        if _UNREADABLE.fullmatch(line) or (line.startswith("==Header on disk") and line.endswith("NOT dumped")):
            current["readable"] = False
            continue
        match = _FIELD.fullmatch(line)
        if not match:
            continue
        name, timeout, value = match.group(1), match.group(2), match.group(3).strip()
        seconds = unsigned_decimal(value) if _NUMBER.fullmatch(value) else None
        if timeout in TIMEOUTS and seconds is not None and timeout not in current["timeouts"]:
            current["timeouts"][timeout] = DumpValue(seconds, number)
        elif name in HEADER_FIELDS and len(value) <= 64:
            current["fields"].setdefault(HEADER_FIELDS[name], value)
    close()
    if not any(h.timeouts for h in headers):
        raise DumpError(f"{path}: not the output of sbd dump (no 'Timeout (msgwait)' line under a "
                        "'==Dumping header on disk' line)")
    return SbdDump(device=device, path=path, headers=tuple(headers))


def parse_dump_bytes(data: bytes, *, device: str, path: str) -> SbdDump:
    if b"\x00" in data:
        raise DumpError(f"{path}: contains NUL bytes, not the text of sbd dump")
    return parse_dump_text(data.decode("utf-8", errors="replace"), device=device, path=path)
