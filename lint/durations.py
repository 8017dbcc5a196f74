"""Pacemaker's reading of intervals, durations and timeouts: the one helper every rule uses.

Pacemaker reads a value two ways:

* ISO 8601 duration, only when the text starts with an upper-case ``P`` (intervals only):
  integer amounts each followed by an upper-case unit Y, M, W, D, H or S, in any order; ``T``
  may appear anywhere and makes a later M mean minutes instead of months; the text ends at
  the end, a ``/`` or white space. Pacemaker 2.1 then converts it to seconds with its calendar
  arithmetic, which gets durations wrong: a month counts as 30 days, but days and weeks count
  one day less than written (P1D is 0, P1W is 6 days) and years count as the days of the
  years *before* year Y (P1Y is 0, P2Y is 365 days). The result is capped at the largest
  unsigned 32-bit number of milliseconds (about 49.7 days). (Measured with
  ``crm_parse_interval_spec`` of libcrmcommon 2.1.5.)
* Otherwise: optional white space, digits (a fraction such as ``1.5`` is truncated to ``1``),
  optional white space, then a unit matched case-insensitively *by prefix*: ``ms``/``msec``,
  ``us``/``usec``, ``s``/``sec``, ``m``/``min``, ``h``/``hr``; no unit means seconds. Anything
  else (a sign, ``d``, a word) is invalid: an interval becomes 0, a timeout its default.

Timeouts (op ``timeout``, ``remote-connect-timeout``) accept only the second form.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pcs_lint.values import scan_c_integer, scan_iso_int, wrap_c_int

MAX_MS = 2**32 - 1  # G_MAXUINT milliseconds
_SECOND, _MINUTE, _HOUR, _DAY = 1000, 60_000, 3_600_000, 86_400_000
_WHITESPACE = " \t\n\r\f"  # Pacemaker's WHITESPACE set
_NUMBER_CHARS = "0123456789."

# (unit prefix Pacemaker tests, milliseconds per unit as a fraction) in Pacemaker's order.
_UNITS: tuple[tuple[str, int, int, str], ...] = (
    ("ms", 1, 1, "milliseconds"),
    ("us", 1, 1000, "microseconds"),
    ("s", _SECOND, 1, "seconds"),
    ("m", _MINUTE, 1, "minutes"),
    ("h", _HOUR, 1, "hours"),
)
# Spellings that mean what Pacemaker reads them as; any other text matched by prefix is a surprise.
_HONEST_UNITS = {
    "ms": {"ms", "msec", "msecs", "millisecond", "milliseconds"},
    "us": {"us", "usec", "usecs", "microsecond", "microseconds"},
    "s": {"s", "sec", "secs", "second", "seconds"},
    "m": {"m", "min", "mins", "minute", "minutes"},
    "h": {"h", "hr", "hrs", "hour", "hours"},
}
_ISO_UNITS = "YMWDHS"
# An ISO 8601 duration ends at a "/" or white space (C isspace()).
_ISO_END = re.compile(r"[/ \t\n\v\f\r]")


@dataclass(frozen=True)
class Duration:
    """How Pacemaker reads one value.

    ``ms`` is None when the value is invalid (Pacemaker then uses 0 for an interval and the
    default for a timeout). ``surprises`` lists why a valid value may not mean what it says
    (fraction truncated, unit matched by prefix, ISO months, capped); ``problem`` says why an
    invalid value is invalid.
    """

    text: str
    ms: int | None
    form: str  # "iso" | "plain" | "invalid"
    surprises: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def valid(self) -> bool:
        return self.ms is not None

    @property
    def seconds(self) -> float | None:
        return None if self.ms is None else self.ms / 1000


# Several rules read the same op's interval and timeout, and a CIB repeats the same few values
# everywhere: a Duration is immutable, so each distinct text is read once per process.
@functools.lru_cache(maxsize=4096)
def parse_interval(text: str | None) -> Duration:
    """An op interval, reconnect_interval, failure-timeout...: ISO 8601 or the plain form."""
    if text is None:
        return Duration("", 0, "plain")
    if text.startswith("P"):
        return _parse_iso(text)
    return _parse_plain(text)


@functools.lru_cache(maxsize=4096)
def parse_timeout(text: str | None) -> Duration:
    """An op timeout or remote-connect-timeout: the plain form only."""
    if text is None:
        return Duration("", None, "invalid", problem="no value")
    result = _parse_plain(text)
    if not result.valid and text.lstrip().upper().startswith("P"):
        return Duration(text, None, "invalid", problem="ISO 8601 durations are not accepted for timeouts")
    return result


@dataclass(frozen=True)
class IsoAmount:
    """One amount of an ISO 8601 duration: ``unit`` is Y, M, W, D, H or S; ``in_time`` says
    whether a T came before it (an M is then minutes, not months)."""

    amount: int
    unit: str
    in_time: bool


def iso_amounts(text: str) -> tuple[IsoAmount, ...] | None:
    """The amounts of an ISO 8601 duration ("P…") in the order written; None when Pacemaker
    rejects the text (an amount that is no integer of at most 10 digits, or lacks a unit)."""
    if not text.startswith("P") or len(text) == 1 or text[1].isspace():
        return None
    body = _ISO_END.split(text[1:], maxsplit=1)[0]
    amounts = []
    in_time = False
    position = 0
    while position < len(body):
        if body[position] == "T":
            in_time = True
            position += 1
            continue
        read = scan_iso_int(body, position)
        if read is None:
            return None
        position = read.end
        unit = body[position] if position < len(body) else ""
        if unit not in _ISO_UNITS or not unit:
            return None
        position += 1
        amounts.append(IsoAmount(read.value, unit, in_time))
    return tuple(amounts)


def _parse_iso(text: str) -> Duration:
    if len(text) == 1 or text[1].isspace():
        return Duration(text, None, "invalid", problem="nothing follows the P")
    amounts = iso_amounts(text)
    if amounts is None:
        return Duration(text, None, "invalid",
                        problem="not a valid ISO 8601 duration (integer amounts with units, e.g. PT5M)")
    body = _ISO_END.split(text[1:], maxsplit=1)[0]
    years = months = days = seconds = 0
    for part in amounts:
        amount, unit, in_time = part.amount, part.unit, part.in_time
        if unit == "Y":
            years = amount  # Y and months-M replace an earlier amount; the rest add up
        elif unit == "M" and not in_time:
            months = amount
        # Days and seconds are C ints in crm_time: sums too large for one wrap around.
        elif unit == "M":
            seconds = wrap_c_int(seconds + amount * 60)
        elif unit == "W":
            days = wrap_c_int(days + amount * 7)
        elif unit == "D":
            days = wrap_c_int(days + amount)
        elif unit == "H":
            seconds = wrap_c_int(seconds + amount * 3600)
        else:
            seconds = wrap_c_int(seconds + amount)
    surprises = []
    if not amounts:
        surprises.append("it gives no amount at all and is read as 0")
    if any(part.amount < 0 for part in amounts) or "-0" in body:
        surprises.append("a negative ISO 8601 amount is subtracted from the others")
    total_days = 0
    if years > 1:
        total_days += sum(366 if _leap(n) else 365 for n in range(1, min(years, 5)))
    if years > 0:
        surprises.append(
            f"Pacemaker 2.1 counts {years} ISO 8601 year(s) as the days of the years before "
            f"year {years} ({'0' if years == 1 else 'at least 365 days'}); write the length in hours"
        )
    if months > 0:
        total_days += 30 * months
        surprises.append("ISO 8601 months are counted as 30 days each (did you mean minutes, PT…M?)")
    if days > 0:
        total_days += days - 1
        surprises.append(
            f"Pacemaker 2.1 counts ISO 8601 days and weeks one day short: {days} day(s) are read "
            f"as {days - 1}; write PT{days * 24}H instead"
        )
    ms = (total_days * _DAY) + seconds * _SECOND
    if ms < 0:
        return Duration(text, None, "invalid", problem="the ISO 8601 amounts add up to less than 0")
    if ms > MAX_MS:
        surprises.append(f"capped at {MAX_MS} ms (about 49.7 days)")
        ms = MAX_MS
    return Duration(text, ms, "iso", tuple(surprises))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _parse_plain(text: str) -> Duration:
    start = len(text) - len(text.lstrip(_WHITESPACE))
    end = start
    while end < len(text) and text[end] in _NUMBER_CHARS:
        end += 1
    number = text[start:end]
    if not number:
        if text.strip().lower().startswith("p"):
            return Duration(text, None, "invalid",
                            problem="ISO 8601 durations must start with an upper-case P")
        return Duration(text, None, "invalid", problem="does not start with a number")
    integer_part = number.split(".", 1)[0]
    if not integer_part:
        return Duration(text, None, "invalid", problem=f"{number!r} is not a whole number")
    unit_text = text[end:].lstrip(_WHITESPACE)
    surprises = []
    if "." in number:
        surprises.append(f"the fraction in {number!r} is dropped: read as {integer_part}")
    unit_ms, divisor = _SECOND, 1
    if unit_text and unit_text[0] not in "\n\r":
        for prefix, per_unit, per_divisor, name in _UNITS:
            if unit_text[: len(prefix)].lower() == prefix:
                unit_ms, divisor = per_unit, per_divisor
                word = unit_text.split()[0].lower() if unit_text.split() else unit_text.lower()
                if word not in _HONEST_UNITS[prefix] or unit_text.strip().lower() != word:
                    surprises.append(f"unit {unit_text.strip()!r} is read as {name} (only its prefix is matched)")
                break
        else:
            return Duration(text, None, "invalid", problem=f"unknown unit {unit_text.strip()!r}")
    # crm_get_msec reads the digits with strtoll (saturating) and caps the product the same way.
    ms = scan_c_integer(integer_part, skip_space=False).value * unit_ms // divisor
    if ms > MAX_MS:
        surprises.append(f"capped at {MAX_MS} ms (about 49.7 days)")
        ms = MAX_MS
    return Duration(text, ms, "plain", tuple(surprises))


# Milliseconds per ISO 8601 unit at face value (what a writer means; months stay 30 days).
_ISO_FACE_VALUE_MS = {"Y": 365 * _DAY, "W": 7 * _DAY, "D": _DAY, "H": _HOUR, "S": _SECOND}
_PLAIN_FRACTION = re.compile(r"[ \t\n\r\f]*([0-9]*)\.([0-9]+)[ \t\n\r\f]*(ms|us|s|m|h)?", re.IGNORECASE)
_PLAIN_UNIT_MS = {"ms": 1, "us": 0.001, "s": _SECOND, "m": _MINUTE, "h": _HOUR}
# Digits of a fraction that can still change a rounded number of milliseconds.
_FRACTION_DIGITS = 12


def face_value_ms(text: str) -> int | None:
    """What the writer most likely meant, when it can be told: a plain number's fraction kept
    ("1.5m" is 90 s), or ISO 8601 days, weeks and years at their calendar length (months stay
    30 days, T-minutes stay minutes). None when there is nothing else to tell (or it is 0)."""
    if text.startswith("P"):
        amounts = iso_amounts(text.split()[0] if text.split() else text)
        total = 0
        for part in amounts or ():
            if part.unit == "M":
                total += part.amount * (_MINUTE if part.in_time else 30 * _DAY)
            else:
                total += part.amount * _ISO_FACE_VALUE_MS[part.unit]
        return total or None
    match = _PLAIN_FRACTION.match(text)
    if match is None:
        return None
    whole = scan_c_integer(match.group(1), skip_space=False) if match.group(1) else None
    fraction = match.group(2)[:_FRACTION_DIGITS]
    number = (whole.value if whole else 0) + scan_c_integer(fraction, skip_space=False).value / 10 ** len(fraction)
    return round(number * _PLAIN_UNIT_MS[(match.group(3) or "s").lower()]) or None


def format_ms(ms: int) -> str:
    """A short human form: 90000 -> '90s', 3600000 -> '1h', 1500 -> '1500ms'."""
    for size, unit in ((_HOUR, "h"), (_MINUTE, "min"), (_SECOND, "s")):
        if ms and ms % size == 0:
            return f"{ms // size}{unit}"
    return f"{ms}ms"
