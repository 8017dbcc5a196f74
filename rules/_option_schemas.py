"""Typed option sets: validate name/value pairs against the JSON Schemas in schemas/options/.

Each schema (``cluster-options``, ``resource-meta``, ``operation``, ``remote-params``,
``guest-meta``, ``pcmk-environment``) lists the names Pacemaker reads, each with its value syntax
as a custom ``format`` (``pcmk-boolean``, ``pcmk-score``, ``pcmk-duration``...) or as
``x-pcmk-enum``, a list of words Pacemaker compares case-insensitively (the checkers and the
schema reader are the engine's: ``pcs_lint.value_formats``). ``deprecated: true``
marks names Pacemaker still reads but is dropping, with ``x-pcmk-replaced-by`` naming the new
one; ``x-pcmk-legacy`` lists old names that Pacemaker's schema upgrade renames, moves or drops.

``validate("cluster-options", {name: (value, element)})`` returns small frozen ``OptionIssue``
records: unknown names (with a did-you-mean from ``rules/_suggest.py``), values Pacemaker cannot read, deprecated names.
Rules decide which of them to report and how.

Values of the usual properties (a string with one format or enumeration) are judged directly,
with the same checkers and words as the compiled validator; jsonschema is imported, and a
schema's validator compiled (once per process), only for a property that needs more.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pcs_lint.rules._suggest import suggest_name
from pcs_lint.value_formats import ENUM_KEYWORD, EXPECTED, FORMATS, enum_allows, load_schema

UNKNOWN_NAME, BAD_VALUE, DEPRECATED = "unknown-name", "bad-value", "deprecated"


@dataclass(frozen=True)
class OptionIssue:
    """What is wrong with one option (a name, a value, a deprecation), for the rule to report."""

    name: str
    value: str | None
    element: Any
    kind: str  # unknown-name | bad-value | deprecated
    message: str  # why the value is unreadable / what the deprecation means ("" when unknown)
    suggestion: str | None = None  # a known name the user probably meant, or the replacement


@dataclass(frozen=True)
class OptionSet:
    """One loaded schema with the lookups rules need, and its validator compiled on first use."""

    name: str
    schema: Mapping[str, Any]
    known: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]

    @functools.cached_property
    def validator(self) -> Any:
        """A jsonschema validator instance (a Draft 2020-12 extension)."""
        return _compile_validator(self.schema)

    def spec(self, name: str) -> Mapping[str, Any]:
        return self.schema.get("properties", {}).get(name, {})

    def is_known(self, name: str) -> bool:
        return name in self.known or any(p.search(name) for p in self.patterns)

    @property
    def legacy(self) -> Mapping[str, Mapping[str, str]]:
        return self.schema.get("x-pcmk-legacy", {})

    def suggest(self, name: str) -> str | None:
        return suggest_name(name, self.known)


# ---------------------------------------------------------------- loading and compiling

_LOCK = threading.Lock()
_CACHE: dict[str, OptionSet] = {}


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
    schema = load_schema(name)
    return OptionSet(
        name=name,
        schema=schema,
        known=frozenset(schema.get("properties", {})),
        patterns=tuple(re.compile(p) for p in schema.get("patternProperties", {})),
    )


def _compile_validator(schema: Mapping[str, Any]) -> Any:
    import jsonschema  # lazily: only when a property needs more than _direct_error judges

    checker = jsonschema.FormatChecker(formats=())
    for format_name, function in FORMATS.items():
        checker.checks(format_name, raises=ValueError)(function)

    def enum_ignoring_case(validator, allowed, instance, _schema):
        if isinstance(instance, str) and not enum_allows(allowed, instance):
            yield jsonschema.ValidationError(_not_one_of(allowed))

    validator_class = jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {ENUM_KEYWORD: enum_ignoring_case}
    )
    return validator_class(schema, format_checker=checker)


def _not_one_of(allowed: Any) -> str:
    return f"not one of {', '.join(allowed)}"


# ---------------------------------------------------------------- validating


def value_reason(issue: OptionIssue, spec: Mapping[str, Any]) -> str:
    """Why the value is wrong and what Pacemaker does instead, as one clause: the checker's own
    words when they already say what Pacemaker reads, else "Pacemaker uses the default"."""
    allowed = spec.get(ENUM_KEYWORD)
    reason = _not_one_of(allowed) if allowed else issue.message
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
    options = option_set(schema_name)
    spec = options.spec(name)
    if _judged_directly(spec):
        return _direct_error(spec, value)
    return _value_errors(options, {name: value}).get(name)


# Keywords that only describe a property (JSON Schema annotations and pcs-lint's own x-pcmk-*
# notes): they never make a value invalid.
_ANNOTATIONS = frozenset({"description", "default", "deprecated", "readOnly", "title", "x-pcmk-harmless",
                          "x-pcmk-since", "x-pcmk-renamed-to", "x-pcmk-replaced-by", "x-pcmk-alias-before"})


def _judged_directly(spec: Mapping[str, Any]) -> bool:
    """Whether the property's only constraints are a string type and one format or
    enumeration: what almost every property has. Such a value is judged here, with the
    validator's own checkers and words, and importing and compiling jsonschema (a third of a
    small run's start-up) is left to the rare property that needs more."""
    constraints = spec.keys() - _ANNOTATIONS
    if spec.get("type", "string") != "string" or not constraints <= {"type", "format", ENUM_KEYWORD}:
        return False
    format_name = spec.get("format")
    return not ({"format", ENUM_KEYWORD} <= constraints) and (format_name is None or format_name in FORMATS)


def _direct_error(spec: Mapping[str, Any], value: str) -> str | None:
    """What the compiled validator says of a string value for such a property (the first error
    it reports: its format check's words, or the enumeration's)."""
    allowed = spec.get(ENUM_KEYWORD)
    if allowed is not None:
        return None if enum_allows(allowed, value) else _not_one_of(allowed)
    format_name = spec.get("format")
    if format_name is None:
        return None
    try:
        if FORMATS[format_name](value):
            return None
    except ValueError as error:
        return str(error)
    return f"{value!r} is not a {format_name!r}"


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
