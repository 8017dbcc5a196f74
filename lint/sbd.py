"""What a node's SBD file (/etc/sysconfig/sbd, /etc/default/sbd) means, read as sbd 1.5.2 reads
its environment.

The file has the Pacemaker environment file's syntax (lint/sysconfig.py parses both; PCS003
reports its syntax); its variables and their value types are schemas/options/sbd-environment.
How sbd reads each value (from sbd's main(); the readings marked "measured" were checked with
the real sbd 1.5.2, ``sbd -d DEV create`` then ``sbd -d DEV dump``, on a loop device):

- An empty value is the same as an unset one (measured for SBD_WATCHDOG_TIMEOUT).
- SBD_WATCHDOG_TIMEOUT: Pacemaker's timeout reader (crm_get_msec), truncated to whole seconds;
  a value it cannot read, or one below a second, is 0 s (measured: 10, 10s, 1min, 15000ms -> 10,
  10, 60, 15; 2.9 -> 2; 500ms, 5x, abc -> 0).
- SBD_DEVICE: split at ';', white space around each entry dropped, empty entries skipped, the
  same device named twice used once (measured); more than three devices, or an entry that is not
  an absolute path, and sbd refuses to start (measured). ',' and blanks do not separate devices.
- Booleans (SBD_PACEMAKER...): crm_is_true, so any word but a true one means no.
- SBD_DELAY_START: a boolean word wins (1 means yes: wait msgwait); otherwise a delay.
- SBD_STARTMODE: exactly ``clean`` or ``always``; anything else keeps the default, always.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pcs_lint.durations import parse_timeout
from pcs_lint.sysconfig import EnvFile, EnvVar, describe, shows_value
from pcs_lint.values import parse_boolean

DEVICE = "SBD_DEVICE"
WATCHDOG_TIMEOUT = "SBD_WATCHDOG_TIMEOUT"
DELAY_START = "SBD_DELAY_START"
PACEMAKER = "SBD_PACEMAKER"
START_MODE = "SBD_STARTMODE"
TIMEOUT_ACTION = "SBD_TIMEOUT_ACTION"
DEFAULT_WATCHDOG_TIMEOUT = 5  # seconds (sbd's built-in default, and its example file's value)
MAX_DEVICES = 3
_C_SPACE = " \t\n\v\f\r"
TIMEOUT_ACTION_WORDS = frozenset({"flush", "noflush", "reboot", "crashdump", "off"})
# sbd reads the action with sscanf("%[a-z],%[a-z]%c"): one lower-case word, optionally a comma
# and a second one; a character after the second word is an error, text after the first word
# that is not a comma is ignored (measured: "flush reboot" is accepted and means flush only).
_TIMEOUT_ACTION = re.compile(r"([a-z]+)(?:,([a-z]+)(.)?)?", re.DOTALL)


@dataclass(frozen=True)
class Seconds:
    """A number of seconds sbd uses, and where it comes from, in words fit for a finding."""

    value: int
    origin: str  # 'SBD_WATCHDOG_TIMEOUT="10" at node1.sbd:3', "sbd's default 5 s (node1.sbd does not set ...)"


@dataclass(frozen=True)
class SbdSettings:
    """One node's SBD file as sbd reads it."""

    node: str
    file: EnvFile
    devices: tuple[str, ...]  # distinct, in the file's order
    device_entries: tuple[str, ...]  # every ';'-separated entry, stripped (empty ones included)
    watchdog_timeout: Seconds
    delay_start: bool | int  # True: wait msgwait (or 2 x the watchdog timeout); an int: seconds
    pacemaker: bool
    start_mode: str  # "always" or "clean"

    @property
    def disk(self) -> bool:
        """Whether the node uses shared disks (else diskless SBD, when watchdog fencing is on)."""
        return bool(self.devices)

    def value(self, name: str) -> EnvVar | None:
        var = self.file.get(name)
        return var if var is not None and var.value != "" else None

    def at(self, name: str) -> str:
        """Where a variable is set ("node1.sbd:3"), or the file when it is not."""
        var = self.value(name)
        return f"{self.file.path}:{var.line}" if var is not None else self.file.path

    def shown_devices(self) -> str | None:
        """The devices, ';'-separated, when SBD_DEVICE's value may be printed; else None."""
        var = self.value(DEVICE)
        return ";".join(self.devices) if var is not None and shows_value(var, self.file.schema) else None

    def shown(self, name: str) -> str:
        """NAME="value" when the value may be printed, else NAME (see lint/sysconfig.py)."""
        var = self.value(name)
        return describe(var, self.file.schema) if var is not None else f"{name} (not set)"


def watchdog_seconds(text: str) -> int:
    """SBD_WATCHDOG_TIMEOUT as sbd reads it: whole seconds, 0 when unreadable (measured)."""
    duration = parse_timeout(text)
    return duration.ms // 1000 if duration.ms is not None else 0


def device_entries(text: str) -> tuple[str, ...]:
    return tuple(entry.strip(_C_SPACE) for entry in text.split(";"))


@functools.lru_cache(maxsize=256)
def sbd_settings(file: EnvFile) -> SbdSettings:
    def value(name: str) -> EnvVar | None:
        var = file.get(name)
        return var if var is not None and var.value != "" else None

    device = value(DEVICE)
    entries = device_entries(device.value) if device is not None else ()
    devices = tuple(dict.fromkeys(entry for entry in entries if entry))

    timeout = value(WATCHDOG_TIMEOUT)
    if timeout is None:
        watchdog = Seconds(DEFAULT_WATCHDOG_TIMEOUT, f"sbd's default {DEFAULT_WATCHDOG_TIMEOUT} s "
                           f"({file.path} does not set {WATCHDOG_TIMEOUT})")
    else:
        seconds = watchdog_seconds(timeout.value)
        watchdog = Seconds(seconds, f"{describe(timeout, file.schema)} at {file.path}:{timeout.line}, "
                           f"read as {seconds} s")

    delay = value(DELAY_START)
    delay_start: bool | int = False
    if delay is not None:
        word = parse_boolean(delay.value)
        if word is not None:
            delay_start = word
        else:
            delay_start = watchdog_seconds(delay.value) or False

    pacemaker = value(PACEMAKER)
    mode = value(START_MODE)
    return SbdSettings(
        node=file.node,
        file=file,
        devices=devices,
        device_entries=entries,
        watchdog_timeout=watchdog,
        delay_start=delay_start,
        pacemaker=True if pacemaker is None else parse_boolean(pacemaker.value) is True,
        start_mode="clean" if mode is not None and mode.value == "clean" else "always",
    )


def timeout_action_words(text: str) -> tuple[str, ...] | None:
    """The words sbd takes from SBD_TIMEOUT_ACTION, or None when sbd refuses the value (and then
    refuses to start; measured: "Reboot", "bogus" and "flush,reboot,off" are refused)."""
    match = _TIMEOUT_ACTION.match(text)
    if match is None or match.group(3) is not None:
        return None
    words = tuple(word for word in match.group(1, 2) if word is not None)
    return words if all(word in TIMEOUT_ACTION_WORDS for word in words) else None
