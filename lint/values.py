"""Pacemaker's reading of small option values (booleans, scores, schema names), shared by every
rule that reads one so that no two rules read the same text differently."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Pacemaker's crm_str_to_boolean accepts exactly these spellings, compared case-insensitively and
# without trimming white space; anything else is "not a boolean" (and an option falls back to
# its default).
TRUE_WORDS = frozenset({"true", "on", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "off", "no", "n", "0"})


def parse_boolean(text: str | None) -> bool | None:
    """True or False as Pacemaker reads ``text``; None when it is absent or not a boolean."""
    if text is None:
        return None
    word = text.lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


# ---------------------------------------------------------------- scores

# Pacemaker caps every score here: anything larger is INFINITY.
SCORE_INFINITY = 1_000_000
# char2score compares these exactly (case-sensitively): "infinity" is no infinity but a failed
# integer, read as 0.
INFINITY_WORDS: Mapping[str, int] = {
    "INFINITY": SCORE_INFINITY,
    "+INFINITY": SCORE_INFINITY,
    "-INFINITY": -SCORE_INFINITY,
}
# Node-health colours, compared case-insensitively. Their values depend on the cluster's
# node-health-strategy; with the default strategy (none) every colour is 0.
HEALTH_COLOURS = ("red", "yellow", "green")
# strtoll: C white space, an optional sign, decimal digits; whatever follows is ignored.
_LEADING_INTEGER = re.compile(r"[ \t\n\v\f\r]*([+-]?[0-9]+)")


def parse_score(text: str | None, health: Mapping[str, int] | None = None) -> int:
    """A score as Pacemaker's char2score reads ``text``.

    Missing text is 0; INFINITY, +INFINITY and -INFINITY (exact case) are ±1000000; red, yellow
    and green (any case) take their value from ``health`` (the colours' scores under the
    cluster's node-health-strategy; 0 when not given, as with the default strategy); anything
    else is read like strtoll: the leading integer ("10abc" is 10, "1_000" is 1), 0 when there
    is none, clamped to ±INFINITY.
    """
    if text is None:
        return 0
    if text in INFINITY_WORDS:
        return INFINITY_WORDS[text]
    colour = text.lower()
    if colour in HEALTH_COLOURS:
        return (health or {}).get(colour, 0)
    match = _LEADING_INTEGER.match(text)
    if match is None:
        return 0
    return max(-SCORE_INFINITY, min(SCORE_INFINITY, int(match.group(1))))


# ---------------------------------------------------------------- schema names

SCHEMA_NEXT = "pacemaker-next"  # the experimental schema: newer than every numbered one
SCHEMA_NONE = "none"  # validation switched off: no schema at all
# Pacemaker reads the numbers of its schema files as unsigned chars (0..255).
_SCHEMA_NAME = re.compile(r"pacemaker-([0-9]{1,3})\.([0-9]{1,3})")


def schema_version(text: str | None) -> tuple[int, int] | None:
    """(major, minor) of a numbered schema name "pacemaker-X.Y".

    None for everything else: a missing validate-with, ``SCHEMA_NEXT``, ``SCHEMA_NONE`` and names
    Pacemaker has no schema for. Callers decide what pacemaker-next and none mean for them
    (compare with those constants) rather than guessing from None.
    """
    match = _SCHEMA_NAME.fullmatch(text or "")
    if match is None:
        return None
    major, minor = int(match.group(1)), int(match.group(2))
    if major > 255 or minor > 255:
        return None
    return major, minor
