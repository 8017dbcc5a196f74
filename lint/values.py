"""Pacemaker's reading of small option values (booleans, scores, schema names), shared by every
rule that reads one so that no two rules read the same text differently."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

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


# ---------------------------------------------------------------- C integers

# Pacemaker reads every integer with a C library function. They all skip C white space (isspace()
# in the C locale: not Unicode spaces), take an optional sign and then ASCII digits only ('٣' is
# no digit to C), and ignore whatever follows. They differ in what happens to a number too large
# for the type: strtol/strtoll saturate (and set ERANGE), glibc's atoi is (int) strtol, which
# wraps the saturated long into an int. ``scan_c_integer`` is the one reading; the callers below
# name which function they mimic and pass its bounds. (glibc on 64-bit Linux: long is 64 bits.)
C_SPACE = " \t\n\v\f\r"
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LLONG_MIN, LLONG_MAX = -(2**63), 2**63 - 1  # also LONG_MIN/LONG_MAX on 64-bit Linux
# A number with more significant digits than ULONG_MAX (20) overflows every C type read here, so
# no more than this many digits are ever converted: Python's int() of an unbounded digit string
# is quadratic and refuses more than 4,300 digits.
_MAX_SIGNIFICANT_DIGITS = 20
_C_INTEGER = re.compile(r"([+-]?)(0*)([0-9]*)")
_C_SPACE_RUN = re.compile(r"[ \t\n\v\f\r]*")


@dataclass(frozen=True)
class CInteger:
    """One integer read from the start of a text the way C's strtol family reads it."""

    value: int  # saturated into the bounds the caller gave
    end: int  # index just past the last digit read: text[end:] is what C ignores
    clipped: bool  # the written number lay outside the bounds (strtol's ERANGE)


def scan_c_integer(text: str, start: int = 0, *, minimum: int = LLONG_MIN, maximum: int = LLONG_MAX,
                   skip_space: bool = True) -> CInteger | None:
    """The integer at ``text[start:]`` as strtoll(…, 10) reads it, saturated to
    [``minimum``, ``maximum``]; None when there are no digits (C returns 0 and reads nothing).

    ``skip_space=False`` reads only from ``start`` (for strict forms and readers that skip white
    space themselves). Work is linear in the digits and no unbounded digit string reaches int().
    """
    if skip_space:
        start = _C_SPACE_RUN.match(text, start).end()
    match = _C_INTEGER.match(text, start)
    sign, zeros, significant = match.groups()
    if not zeros and not significant:
        return None
    if len(significant) > _MAX_SIGNIFICANT_DIGITS:
        magnitude = 10**_MAX_SIGNIFICANT_DIGITS  # beyond every bound a caller can pass (ULONG_MAX)
    else:
        magnitude = int(significant or "0")
    value = -magnitude if sign == "-" else magnitude
    saturated = max(minimum, min(maximum, value))
    return CInteger(saturated, match.end(), saturated != value)


def wrap_c_int(value: int) -> int:
    """A long stored into a C int (glibc, two's complement): the low 32 bits, signed."""
    return (value + 2**31) % 2**32 - 2**31


def c_atoi(text: str) -> int:
    """glibc atoi(text): (int) strtol(text, NULL, 10), so a saturated long wraps ("99999999999999999999"
    is -1, "4294970417" is 3121); 0 when there are no digits."""
    read = scan_c_integer(text)
    return 0 if read is None else wrap_c_int(read.value)


# Every score and many counts go through here, and a CIB repeats the same few numbers in every
# constraint: each distinct text is read once per process (the answer is an int, immutable).
@functools.lru_cache(maxsize=4096)
def pcmk_scan_ll(text: str | None, default: int) -> int:
    """Pacemaker's pcmk__scan_ll: strtoll's leading integer, but ``default`` when there is none
    or it overflows a long long (Pacemaker discards strtoll's clipped value: a score of
    "99999999999999999999" is 0, not INFINITY; measured with libcrmcommon 2.1.5)."""
    read = scan_c_integer(text) if text is not None else None
    return default if read is None or read.clipped else read.value


def scan_min_int(text: str | None, minimum: int) -> int:
    """Pacemaker's pcmk__scan_min_int: pcmk__scan_ll with ``minimum`` as the default, then at
    least ``minimum`` and at most INT_MAX ("9999999999" is INT_MAX, "99999999999999999999" is
    ``minimum``)."""
    return max(minimum, min(INT_MAX, pcmk_scan_ll(text, minimum)))


def scan_iso_int(text: str, start: int = 0, width: int = 10) -> CInteger | None:
    """An amount of an ISO 8601 date or duration as crm_time's parse_int() reads it: an optional
    "-" (or "+" or ":", skipped), then at most ``width`` ASCII digits accumulated into a C int,
    which wraps ("P4294967295S" is -1 s, "P-4294967295S" 1 s: measured with libcrmcommon
    2.1.5); None without digits. ``clipped`` is never set: nothing saturates here."""
    position = start
    sign = text[position:position + 1]
    if sign and sign in "-+:":
        position += 1
    read = scan_c_integer(text[:position + width], position, skip_space=False)
    if read is None or text[position:position + 1] in "+-":
        return None
    value = wrap_c_int(-read.value if sign == "-" else read.value)
    return CInteger(value, read.end, False)


ULONG_MAX = 2**64 - 1
UINT_MAX = 2**32 - 1


def scan_c_unsigned(text: str, start: int = 0) -> CInteger | None:
    """sscanf's %u at ``text[start:]`` (glibc: strtoul into an unsigned int): a minus sign
    negates modulo 2**64, overflow saturates at ULONG_MAX, and the int keeps the low 32 bits
    ("-1" is 4294967295, "4294967297" is 1). None without digits."""
    read = scan_c_integer(text, start, minimum=-ULONG_MAX, maximum=ULONG_MAX)
    if read is None:
        return None
    value = ULONG_MAX if read.clipped else read.value % 2**64
    return CInteger(value & UINT_MAX, read.end, read.clipped)


def exact_integer(text: str | None) -> CInteger | None:
    """``text`` when it is nothing but an optional sign and ASCII digits (no white space, no
    suffix), read like strtoll; None for anything else."""
    read = scan_c_integer(text, skip_space=False) if text else None
    return read if read is not None and read.end == len(text) else None


def unsigned_decimal(text: str | None) -> int | None:
    """The value of a text that is nothing but ASCII digits (the form tools write and check);
    None for anything else (signs, white space, other characters). Saturated at LLONG_MAX."""
    read = exact_integer(text)
    return None if read is None or text[0] in "+-" else read.value


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


def parse_score(text: str | None, health: Mapping[str, int] | None = None) -> int:
    """A score as Pacemaker's char2score reads ``text``.

    Missing text is 0; INFINITY, +INFINITY and -INFINITY (exact case) are ±1000000; red, yellow
    and green (any case) take their value from ``health`` (the colours' scores under the
    cluster's node-health-strategy; 0 when not given, as with the default strategy); anything
    else is read with pcmk__scan_ll (strtoll): the leading integer ("10abc" is 10, "1_000" is 1),
    clamped to ±INFINITY; 0 when there is none or it overflows a long long.
    """
    if text is None:
        return 0
    if text in INFINITY_WORDS:
        return INFINITY_WORDS[text]
    colour = text.lower()
    if colour in HEALTH_COLOURS:
        return (health or {}).get(colour, 0)
    return max(-SCORE_INFINITY, min(SCORE_INFINITY, pcmk_scan_ll(text, 0)))


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
