"""One reading of each Pacemaker value: numbers are read only by pcs_lint.values.

Four private copies of Pacemaker's C integer reading once disagreed (for '٣', one returned 3 and
another 0) and crashed on numbers over 4,300 digits. This test greps the engine and the rules for
the ways Python reads a number, so a new private copy fails here and goes to lint/values.py (or
lint/durations.py, which reads through values) instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
SEARCHED = ("lint", "rules")
# The one home of number reading.
HOMES = {"lint/values.py"}
# Ways Python reads numbers: int()/float()/Decimal()/Fraction() on text, the str digit tests
# (true for '٣' and '²' too) and the regex class \d (Unicode digits as well).
PRIVATE_READING = re.compile(r"\b(int|float|Decimal|Fraction)\(|\.?\b(isdigit|isdecimal|isnumeric)\b|\\\\?d")
# Lines that match but read no Pacemaker value, each with the reason. A changed line fails the
# test until someone judges it again.
ALLOWED = {
    ("lint/parse.py", '_SYNTAX_POSITION = re.compile(r",? line \\d+, column \\d+$")'):
        "strips libxml2's own position suffix from a message",
    ("lint/baseline.py", '_NUMBERS = re.compile(r"\\d+")'):
        "blurs numbers in finding messages for baseline matching",
    ("lint/reporters/_common.py", '_NUMBERS = re.compile(r"\\d+")'):
        "blurs numbers in finding messages for fingerprints",
    ("rules/_posix_regex.py", 'unmatched ")", "{,3}", "a**", "\\\\d"...), so a pattern is never judged with re directly: this module'):
        "a docstring",
    ("rules/_posix_regex.py", "number = int(char)"): "one ASCII digit 1-9 of a back-reference",
    ("rules/_posix_regex.py", 'char = escaped if escaped.isdigit() and escaped.isascii() else "\\x00"'):
        "POSIX regex syntax, ASCII only",
    ("rules/_posix_regex.py", "number = min(RE_DUP_MAX + 1, int(char) if number == -1 else number * 10 + int(char))"):
        "one digit at a time, capped at RE_DUP_MAX + 1",
    ("rules/_posix_regex.py", "return int(high) - int(low) + 1, int(high)"):
        "repeat counts the translator wrote itself, at most RE_DUP_MAX + 1",
    ("rules/rsc_pattern.py", 'hint="write it in POSIX extended syntax: [[:digit:]] for \\\\d, "'):
        "a hint's text",
    ("rules/guest_name_invalid.py", "(lambda name: name[0].isdigit(),"):
        "judges a name's first character, reads no number",
}


def _matching_lines() -> list[tuple[str, str]]:
    found = []
    for folder in SEARCHED:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            relative = path.relative_to(PACKAGE).as_posix()
            if relative in HOMES:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if PRIVATE_READING.search(line):
                    found.append((relative, line.strip()))
    return found


def test_numbers_are_read_only_by_pcs_lint_values():
    private = [entry for entry in _matching_lines() if entry not in ALLOWED]
    assert private == [], (
        "read Pacemaker numbers with pcs_lint.values (scan_c_integer, c_atoi, scan_min_int, "
        f"parse_score, exact_integer...) or durations, not privately: {private}")


def test_every_allowed_line_still_exists():
    # An allowance outliving its line would let the next private copy in unnoticed.
    assert set(ALLOWED) <= set(_matching_lines())


@pytest.mark.parametrize("line", [
    "value = int(text)", "return float(match.group(1))", "if char.isdigit():", "ok = str.isdecimal(x)",
    '_N = re.compile(r"\\d+")', "amount = Decimal(text)",
])
def test_the_pattern_catches_private_readings(line):
    assert PRIVATE_READING.search(line)


@pytest.mark.parametrize("line", ["print(x)", "hint(x)", "yield Problem(", "points = 3"])
def test_the_pattern_spares_other_calls(line):
    assert not PRIVATE_READING.search(line)
