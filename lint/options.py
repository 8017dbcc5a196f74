"""Typed option sets: validate name/value pairs against the JSON Schemas in schemas/options/.

Each schema (``cluster-options``, ``resource-meta``, ``operation``, ``remote-params``,
``guest-meta``, ``pcmk-environment``) lists the names Pacemaker reads, each with its value syntax
as a custom ``format`` (``pcmk-boolean``, ``pcmk-score``, ``pcmk-duration``...) or as
``x-pcmk-enum``, a list of words Pacemaker compares case-insensitively. ``deprecated: true``
marks names Pacemaker still reads but is dropping, with ``x-pcmk-replaced-by`` naming the new
one; ``x-pcmk-legacy`` lists old names that Pacemaker's schema upgrade renames, moves or drops.

``validate("cluster-options", {name: (value, element)})`` returns small frozen ``OptionIssue``
records: unknown names (with a did-you-mean), values Pacemaker cannot read, deprecated names.
Rules decide which of them to report and how.

jsonschema is imported only when a rule first validates (pcs-lint's start-up stays light), and
each schema's validator is compiled once per process, under a lock.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from pcs_lint.durations import parse_interval, parse_timeout
from pcs_lint.values import C_SPACE, HEALTH_COLOURS, INFINITY_WORDS, LLONG_MAX, exact_integer, parse_boolean, scan_c_integer

SCHEMA_NAMES = ("cluster-options", "resource-meta", "operation", "remote-params", "guest-meta", "pcmk-environment",
                "sbd-environment")
UNKNOWN_NAME, BAD_VALUE, DEPRECATED = "unknown-name", "bad-value", "deprecated"
ENUM_KEYWORD = "x-pcmk-enum"
# A name is suggested when difflib rates it this close (1.0 is identical); 0.8 catches one or two
# letters dropped, doubled or swapped in a typical option name and little else.
SUGGESTION_CUTOFF = 0.8


@dataclass(frozen=True)
class OptionIssue:
    name: str
    value: str | None
    element: Any
    kind: str  # unknown-name | bad-value | deprecated
    message: str  # why the value is unreadable / what the deprecation means ("" when unknown)
    suggestion: str | None = None  # a known name the user probably meant, or the replacement


@dataclass(frozen=True)
class OptionSet:
    """One loaded schema with its compiled validator and the lookups rules need."""

    name: str
    schema: Mapping[str, Any]
    validator: Any  # a jsonschema validator instance (a Draft 2020-12 extension)
    known: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    def spec(self, name: str) -> Mapping[str, Any]:
        return self.schema.get("properties", {}).get(name, {})

    def is_known(self, name: str) -> bool:
        return name in self.known or any(p.search(name) for p in self.patterns)

    @property
    def legacy(self) -> Mapping[str, Mapping[str, str]]:
        return self.schema.get("x-pcmk-legacy", {})

    def suggest(self, name: str) -> str | None:
        return suggest_name(name, self.known)


# ---------------------------------------------------------------- value syntax (format checkers)

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


# ---------------------------------------------------------------- loading and compiling

_LOCK = threading.Lock()
_CACHE: dict[str, OptionSet] = {}


def load_schema(name: str) -> dict[str, Any]:
    """The schema document ``schemas/options/<name>.schema.json``."""
    if name not in SCHEMA_NAMES:
        raise KeyError(f"no option schema named {name!r}")
    text = resources.files("pcs_lint.schemas").joinpath("options", f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def option_set(name: str) -> OptionSet:
    """The compiled option set, built on first use and shared by every later caller."""
    cached = _CACHE.get(name)
    if cached is not None:
        return cached
    with _LOCK:
        if name not in _CACHE:
            _CACHE[name] = _compile(name)
        return _CACHE[name]


def _compile(name: str) -> OptionSet:
    import jsonschema  # lazily: only runs when a rule first validates

    schema = load_schema(name)
    checker = jsonschema.FormatChecker(formats=())
    for format_name, function in FORMATS.items():
        checker.checks(format_name, raises=ValueError)(function)

    def enum_ignoring_case(validator, allowed, instance, _schema):
        if isinstance(instance, str) and instance.lower() not in {a.lower() for a in allowed}:
            yield jsonschema.ValidationError(f"not one of {', '.join(allowed)}")

    validator_class = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {ENUM_KEYWORD: enum_ignoring_case}
    )
    return OptionSet(
        name=name,
        schema=schema,
        validator=validator_class(schema, format_checker=checker),
        known=frozenset(schema.get("properties", {})),
        patterns=tuple(re.compile(p) for p in schema.get("patternProperties", {})),
    )


# ---------------------------------------------------------------- validating


def value_reason(issue: OptionIssue, spec: Mapping[str, Any]) -> str:
    """Why the value is wrong and what Pacemaker does instead, as one clause: the checker's own
    words when they already say what Pacemaker reads, else "Pacemaker uses the default"."""
    allowed = spec.get(ENUM_KEYWORD)
    reason = f"not one of {', '.join(allowed)}" if allowed else issue.message
    if "Pacemaker reads" in reason or "Pacemaker uses" in reason:
        return reason
    default = spec.get("default")
    return f"{reason}, so Pacemaker uses the default ({default})" if default is not None else (
        f"{reason}, so Pacemaker uses its default")


def expected_value(spec: Mapping[str, Any]) -> str:
    """What a property's value must be, quoting nothing of the value at hand."""
    allowed = spec.get(ENUM_KEYWORD)
    if allowed:
        return f"one of {', '.join(allowed)}"
    return EXPECTED.get(spec.get("format", ""), "a value Pacemaker reads")


def harmless_value(schema_name: str, name: str, value: str) -> bool:
    """Whether this value of ``name`` may be printed: the schema marks the property harmless
    (``x-pcmk-harmless``) and the value is one Pacemaker reads."""
    spec = option_set(schema_name).spec(name)
    return bool(spec.get(HARMLESS_KEYWORD)) and _value_error(schema_name, name, value) is None


def suggest_name(name: str, known: frozenset[str] | set[str]) -> str | None:
    """The known name ``name`` was probably meant to be: same words in another case or with
    underscores, else the closest spelling (difflib), else None."""
    if isinstance(known, frozenset):
        return _cached_suggestion(name, known)
    return _KnownNames.of(known).suggest(name)


# The option sets' name lists are frozen: their lookups are built once, and answers are kept,
# since the same user-defined names recur in every resource of a CIB and every CIB of a run.
@functools.lru_cache(maxsize=4096)
def _cached_suggestion(name: str, known: frozenset[str]) -> str | None:
    return _known_names(known).suggest(name)


@functools.lru_cache(maxsize=32)
def _known_names(known: frozenset[str]) -> _KnownNames:
    return _KnownNames.of(known)


@dataclass(frozen=True)
class _KnownNames:
    """Known names prepared for suggestions: difflib costs ~0.3 ms a name against a whole
    schema, which a CIB with thousands of user-defined meta attributes (pcs's cib-large.xml)
    turns into seconds; most candidates are ruled out far more cheaply first."""

    ordered: tuple[str, ...]  # sorted, as difflib is given them
    by_normal: Mapping[str, str]  # lower case, "_" as "-" -> first such name in sorted order
    letters: tuple[tuple[str, frozenset[str]], ...]  # (name, the letters it uses), sorted
    alphabet: frozenset[str]  # every letter any known name uses

    @classmethod
    def of(cls, known: frozenset[str] | set[str]) -> _KnownNames:
        ordered = tuple(sorted(known))
        by_normal: dict[str, str] = {}
        for candidate in ordered:
            by_normal.setdefault(candidate.lower().replace("_", "-"), candidate)
        letters = tuple((c, frozenset(c)) for c in ordered)
        return cls(ordered, by_normal, letters, frozenset().union(*(used for _, used in letters)))

    def suggest(self, name: str) -> str | None:
        same = self.by_normal.get(name.lower().replace("_", "-"))
        if same is not None:
            return same
        close = difflib.get_close_matches(name, self._within_reach(name), n=1, cutoff=SUGGESTION_CUTOFF)
        return close[0] if close else None

    def _within_reach(self, name: str) -> list[str]:
        """The names whose similarity to ``name`` may reach the cutoff. difflib's ratio is
        2*M/T, T the two lengths added, M the letters matched: at most the shorter length, and
        at most the letters of ``name`` whose letter the candidate uses at all. A name that
        fails even that bound scores below the cutoff, so dropping it leaves the answer as is."""
        mine = Counter(name)
        # Letters no known name uses (the digits of "foo-17") match nowhere: with M at most
        # the rest, the best any candidate can score is 2*M/(len(name)+M).
        best = len(name) - sum(mine[letter] for letter in mine.keys() - self.alphabet)
        if name and 2.0 * best / (len(name) + best) < SUGGESTION_CUTOFF:
            return []
        reachable = []
        for candidate, letters in self.letters:
            total = len(name) + len(candidate)
            if total and 2.0 * min(len(name), len(candidate)) / total < SUGGESTION_CUTOFF:
                continue
            unmatched = sum(mine[letter] for letter in mine.keys() - letters)
            bound = min(len(name) - unmatched, len(candidate))
            if not total or 2.0 * bound / total >= SUGGESTION_CUTOFF:
                reachable.append(candidate)
        return reachable


def validate(schema_name: str, pairs: Mapping[str, tuple[str | None, Any]]) -> tuple[OptionIssue, ...]:
    """Judge each name -> (value, element) against one option schema, in the mapping's order."""
    options = option_set(schema_name)
    issues: list[OptionIssue] = []
    for name, (value, element) in pairs.items():
        if not options.is_known(name):
            issues.append(OptionIssue(name, value, element, UNKNOWN_NAME, "", options.suggest(name)))
            continue
        spec = options.spec(name)
        if spec.get("deprecated"):
            issues.append(OptionIssue(name, value, element, DEPRECATED, spec.get("description", ""),
                                      spec.get("x-pcmk-replaced-by")))
        reason = _value_error(schema_name, name, value) if value is not None else None
        if reason is not None:
            issues.append(OptionIssue(name, value, element, BAD_VALUE, reason))
    return tuple(issues)


# No schema keyword relates two names (each value is judged by its own property), so a value's
# verdict does not depend on the rest of the set: judged once per run, not once per resource.
@functools.lru_cache(maxsize=8192)
def _value_error(schema_name: str, name: str, value: str) -> str | None:
    """Why this value of ``name`` is unreadable, or None when Pacemaker can read it."""
    return _value_errors(option_set(schema_name), {name: value}).get(name)


def _value_errors(options: OptionSet, values: Mapping[str, str]) -> dict[str, str]:
    """name -> why its value is unreadable, from the compiled validator's errors."""
    reasons: dict[str, str] = {}
    for error in options.validator.iter_errors(dict(values)):
        if not error.path:
            continue  # additionalProperties: unknown names are judged above, with suggestions
        name = str(error.path[0])
        reason = str(error.cause) if error.cause is not None else error.message
        reasons.setdefault(name, reason)
    return reasons
