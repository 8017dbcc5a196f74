"""The syntax of Pacemaker's option values, and which values are harmless to print.

The option schemas in schemas/options/ name each property's value syntax as a custom ``format``
(``pcmk-boolean``, ``pcmk-score``, ``pcmk-duration``...) or as ``x-pcmk-enum``, a list of words
Pacemaker compares case-insensitively. This module holds the checker of each format (a function
that returns True or raises ValueError saying why, as jsonschema's format checkers do), reads
the schema documents, and decides which values findings and --show-source may print
(``harmless_value``): the engine needs that to redact environment files, so it lives here while
compiling and validating whole option sets is the rules' (``rules/_option_schemas.py``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from typing import Any

from pcs_lint import package_data
from pcs_lint.durations import parse_interval, parse_timeout
from pcs_lint.values import (
    C_SPACE,
    HEALTH_COLOURS,
    INFINITY_WORDS,
    LLONG_MAX,
    exact_integer,
    parse_boolean,
    scan_c_integer,
)

SCHEMA_NAMES = ("cluster-options", "resource-meta", "operation", "remote-params", "guest-meta", "pcmk-environment",
                "sbd-environment")
ENUM_KEYWORD = "x-pcmk-enum"

_ZERO_FRACTION = re.compile(r"\.0*")
_PERCENTAGE = re.compile(r"[0-9]+(\.[0-9]+)?%?")
_FILE_MODE = re.compile(r"0?[0-7]{3,4}")
_SUBSYSTEMS = frozenset({"pacemakerd", "pacemaker-attrd", "pacemaker-based", "pacemaker-controld",
                         "pacemaker-execd", "pacemaker-fenced", "pacemaker-schedulerd",
                         # the daemons' pre-2.0 names, still matched by Pacemaker's logging code
                         "attrd", "cib", "crmd", "lrmd", "stonithd", "pengine", "pacemaker-remoted"})
# ISO 8601 date/times as crm_time_new() reads them: calendar, ordinal or week date, optional time
# (after T or a space) with optional seconds and zone.
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-([0-9]{2}-[0-9]{2}|[0-9]{3}|W[0-9]{2}-[0-9])"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?"
)
# Pacemaker's score aliases: exact case for the INFINITY forms, any case for the health colours.
_INFINITIES = frozenset(INFINITY_WORDS)
_HEALTH_COLOURS = frozenset(HEALTH_COLOURS)


def _fail(reason: str) -> bool:
    raise ValueError(reason)


def check_boolean(value: str) -> bool:
    return parse_boolean(value) is not None or _fail(
        "not a Pacemaker boolean (true/false, yes/no, on/off, y/n, 1/0)")


def _leading_integer(value: str) -> bool:
    """Pacemaker's pcmk__scan_ll (strtoll): leading white space, a sign and digits are read and
    anything after them is ignored with a log warning; an exact ".0" tail changes nothing, any
    other tail is reported because the value read is not the value written."""
    read = scan_c_integer(value)
    if read is None:
        return False
    if read.clipped:
        return _fail("too large: Pacemaker rejects an integer outside -2**63..2**63-1")
    rest = value[read.end:]
    if rest and not _ZERO_FRACTION.fullmatch(rest):
        return _fail(f"Pacemaker reads only the leading {value[:read.end].strip(C_SPACE)} and ignores {rest!r}")
    return True


def _whole_number(text: str, *, signed: bool, minimum: int, maximum: int = LLONG_MAX) -> bool:
    """``text`` is an optional sign ("+" only unless ``signed``) and ASCII digits, nothing else,
    and its value lies in ``minimum``..``maximum`` (pcmk__scan_ll rejects what overflows)."""
    read = exact_integer(text)
    if read is None or read.clipped or (not signed and text[0] == "-"):
        return False
    return minimum <= read.value <= maximum


def check_score(value: str) -> bool:
    if value in _INFINITIES or value.lower() in _HEALTH_COLOURS:
        return True
    if value.upper().lstrip("+-") == "INFINITY":
        return _fail("INFINITY must be written in capitals: Pacemaker reads any other spelling as 0")
    return _leading_integer(value) or _fail(
        "not a score (an integer, INFINITY, +INFINITY, -INFINITY, red, yellow or green): "
        "Pacemaker reads it as 0")


def check_integer(value: str) -> bool:
    if value in _INFINITIES:
        return True
    return _leading_integer(value) or _fail("not an integer")


def check_positive_integer(value: str) -> bool:
    if value in ("INFINITY", "+INFINITY") or _whole_number(value.strip(), signed=True, minimum=1):
        return True
    return _fail("not a positive integer")


def check_nonnegative_integer(value: str) -> bool:
    return _whole_number(value.strip(), signed=False, minimum=0) or _fail("not a whole number 0 or more")


def check_duration(value: str) -> bool:
    duration = parse_interval(value)
    return duration.valid or _fail(f"not a duration ({duration.problem})")


def check_timeout(value: str) -> bool:
    duration = parse_timeout(value)
    return duration.valid or _fail(f"not a timeout ({duration.problem})")


def check_watchdog_timeout(value: str) -> bool:
    # A negative value asks the controller to derive the timeout from SBD_WATCHDOG_TIMEOUT.
    text = value.strip()
    return check_timeout(text[1:] if text.startswith("-") else text)


def check_port(value: str) -> bool:
    text = value.strip()
    if _whole_number(text, signed=False, minimum=1, maximum=65535):
        return True
    return _fail("not a TCP port (a whole number from 1 to 65535)")


def check_percentage(value: str) -> bool:
    return bool(_PERCENTAGE.fullmatch(value.strip())) or _fail("not a percentage such as 80%")


def check_iso8601(value: str) -> bool:
    return bool(_ISO_DATETIME.fullmatch(value.strip())) or _fail(
        "not an ISO 8601 date/time such as 2024-01-01T02:00:00")


def check_file_mode(value: str) -> bool:
    return bool(_FILE_MODE.fullmatch(value.strip())) or _fail("not an octal file mode such as 0660")


def check_subsystems(value: str) -> bool:
    if parse_boolean(value) is not None:
        return True
    unknown = [s for s in (part.strip() for part in value.split(",")) if s not in _SUBSYSTEMS]
    return not unknown or _fail(f"not yes, no or a list of Pacemaker subsystems (unknown: {', '.join(unknown)})")


def check_node_name(value: str) -> bool:
    return bool(value.strip()) or _fail("an empty name")


# sbd's values (see lint/sbd.py for how sbd reads each one). These checkers accept only digits,
# unit words, known words and path characters, so a value that passes cannot be a password.
_SBD_TIMEOUT = re.compile(r"[ \t]*[0-9]{1,9}[ \t]*(ms|msec|us|usec|s|sec|m|min|h|hr)?[ \t]*", re.IGNORECASE)
_SBD_DEVICE = re.compile(r"/[A-Za-z0-9._:@+=/-]{1,1023}")
_SBD_TIMEOUT_ACTION = re.compile(r"(flush|noflush|reboot|crashdump|off)(,(flush|noflush|reboot|crashdump|off))?")


def check_sbd_boolean(value: str) -> bool:
    return parse_boolean(value) is not None or _fail("not a boolean (sbd reads any other word as no)")


def check_sbd_timeout(value: str) -> bool:
    if not _SBD_TIMEOUT.fullmatch(value):
        return _fail("not a whole number of seconds, optionally with a unit such as s or min")
    duration = parse_timeout(value)
    return (duration.ms or 0) >= 1000 or _fail("less than one second (sbd truncates it to 0 s)")


def check_sbd_delay_start(value: str) -> bool:
    return parse_boolean(value) is not None or check_sbd_timeout(value)


def check_sbd_timeout_action(value: str) -> bool:
    return bool(_SBD_TIMEOUT_ACTION.fullmatch(value)) or _fail(
        "not one or two of flush, noflush, reboot, crashdump, off separated by a comma")


def check_sbd_start_mode(value: str) -> bool:
    # Compared exactly: "Clean" or "clean " silently keeps the default, always.
    return value in ("always", "clean") or _fail("not exactly always or clean (sbd then uses always)")


def check_sbd_cgroup(value: str) -> bool:
    return value == "auto" or check_sbd_boolean(value)


def check_sbd_device_list(value: str) -> bool:
    entries = [entry.strip() for entry in value.split(";")]
    return all(not entry or _SBD_DEVICE.fullmatch(entry) for entry in entries) or _fail(
        "not a ';'-separated list of absolute device paths")


FORMATS = {
    "pcmk-boolean": check_boolean,
    "pcmk-score": check_score,
    "pcmk-integer": check_integer,
    "pcmk-positive-integer": check_positive_integer,
    "pcmk-nonnegative-integer": check_nonnegative_integer,
    "pcmk-duration": check_duration,
    "pcmk-timeout": check_timeout,
    "pcmk-watchdog-timeout": check_watchdog_timeout,
    "pcmk-port": check_port,
    "pcmk-percentage": check_percentage,
    "pcmk-iso8601": check_iso8601,
    "pcmk-file-mode": check_file_mode,
    "pcmk-subsystems": check_subsystems,
    "pcmk-node-name": check_node_name,
    "sbd-boolean": check_sbd_boolean,
    "sbd-timeout": check_sbd_timeout,
    "sbd-delay-start": check_sbd_delay_start,
    "sbd-timeout-action": check_sbd_timeout_action,
    "sbd-cgroup": check_sbd_cgroup,
    "sbd-start-mode": check_sbd_start_mode,
    "sbd-device-list": check_sbd_device_list,
}

# What each format accepts, in words that quote nothing of a value (for findings about values
# that must not be printed: environment variables that are not known harmless).
EXPECTED = {
    "pcmk-boolean": "a Pacemaker boolean (true/false, yes/no, on/off, y/n, 1/0)",
    "pcmk-score": "a score (an integer, INFINITY, +INFINITY, -INFINITY, red, yellow or green)",
    "pcmk-integer": "an integer",
    "pcmk-positive-integer": "a positive integer",
    "pcmk-nonnegative-integer": "a whole number 0 or more",
    "pcmk-duration": "a duration such as 30s or PT30S",
    "pcmk-timeout": "a timeout such as 30s",
    "pcmk-watchdog-timeout": "a timeout such as 10s, or a negative one",
    "pcmk-port": "a TCP port (a whole number from 1 to 65535)",
    "pcmk-percentage": "a percentage such as 80%",
    "pcmk-iso8601": "an ISO 8601 date/time such as 2024-01-01T02:00:00",
    "pcmk-file-mode": "an octal file mode such as 0660",
    "pcmk-subsystems": "yes, no or a comma-separated list of Pacemaker subsystems",
    "pcmk-node-name": "a node name",
    "sbd-boolean": "a boolean (yes/no, true/false, on/off, y/n, 1/0)",
    "sbd-timeout": "a whole number of seconds such as 10 or 10s",
    "sbd-delay-start": "yes, no or a delay in seconds",
    "sbd-timeout-action": "one or two of flush|noflush and reboot|crashdump|off, such as flush,reboot",
    "sbd-cgroup": "yes, no or auto",
    "sbd-start-mode": "exactly always or clean",
    "sbd-device-list": "a ';'-separated list of absolute device paths",
}

# A property marked with this keyword has values safe to print when they validate: the formats
# below and x-pcmk-enum accept only digits and known words, so a value that passes them cannot
# be a password. Durations are not among them (an ISO duration's reader stops at a blank).
HARMLESS_KEYWORD = "x-pcmk-harmless"
HARMLESS_FORMATS = frozenset({"pcmk-boolean", "pcmk-port", "pcmk-nonnegative-integer", "pcmk-file-mode",
                              "sbd-boolean", "sbd-timeout", "sbd-delay-start", "sbd-timeout-action", "sbd-cgroup",
                              "sbd-start-mode", "sbd-device-list",
                              "pcmk-subsystems"})


def load_schema(name: str) -> dict[str, Any]:
    """The schema document ``schemas/options/<name>.schema.json``."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no option schema named {name!r}")
    text = package_data.read_text("pcs_lint.schemas", f"options/{name}.schema.json")
    return json.loads(text)


@functools.lru_cache(maxsize=len(SCHEMA_NAMES))
def _properties(schema_name: str) -> dict[str, Any]:
    return load_schema(schema_name).get("properties", {})


def enum_allows(allowed: Iterable[str], value: str) -> bool:
    """Whether ``value`` is one of an ``x-pcmk-enum``'s words, compared as Pacemaker does."""
    return value.lower() in {word.lower() for word in allowed}


def harmless_value(schema_name: str, name: str, value: str) -> bool:
    """Whether this value of ``name`` may be printed: the schema marks the property harmless
    (``x-pcmk-harmless``) and the value is one its enumeration or format accepts. A harmless
    property has no other constraint (tests/test_secrets_never_printed.py checks), so this is
    the schema's own verdict, reached without compiling the schema."""
    spec = _properties(schema_name).get(name, {})
    if not spec.get(HARMLESS_KEYWORD):
        return False
    allowed = spec.get(ENUM_KEYWORD)
    if allowed:
        return enum_allows(allowed, value)
    try:
        return FORMATS[spec["format"]](value)
    except ValueError:
        return False
