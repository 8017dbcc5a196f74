"""Pacemaker's reading of small option values (booleans), shared by every rule that reads one."""

from __future__ import annotations

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
