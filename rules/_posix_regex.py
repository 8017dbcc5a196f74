"""A POSIX extended regular expression (ERE) reader, as glibc's regcomp(REG_EXTENDED) reads one.

Pacemaker compiles rsc-pattern with regcomp(..., REG_EXTENDED) and matches resource ids with
regexec. Python's re module reads many patterns differently (a backslash inside brackets, an
unmatched ")", "{,3}", "a**", "\\d"...), so a pattern is never judged with re directly: this module
validates it with glibc's rules, reports the PCRE idioms that POSIX reads otherwise, and translates
a valid ERE into an equivalent Python pattern, used only to ask "does it match this id?".

Documented limits: bracket ranges and equivalence classes are read as in the C locale (byte
order, single characters); the GNU extensions glibc accepts (\\w, \\s, \\b, \\<...) are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RE_DUP_MAX = 0x7FFF  # glibc's largest repetition count
BRACKET_NAME_MAX = 32  # glibc gives up on a [:name:] / [.name.] / [=name=] this long

# glibc's regerror() texts, so that users recognise Pacemaker's own wording.
EBRACK = "Unmatched [, [^, [:, [., or [="
BADRPT = "Invalid preceding regular expression"
EBRACE = "Unmatched \\{"
BADBR = "Invalid content of \\{\\}"
ESIZE = "Regular expression too big"
ECTYPE = "Invalid character class name"
ERANGE = "Invalid range end"
EESCAPE = "Trailing backslash"
ESUBREG = "Invalid back reference"
EPAREN = "Unmatched ( or \\("
ECOLLATE = "Invalid collation character"

QUANTIFIERS = "*+?{"
# POSIX character classes as ASCII sets (the C locale), written for a Python [...] class.
CHARACTER_CLASSES = {
    "alpha": "a-zA-Z",
    "upper": "A-Z",
    "lower": "a-z",
    "digit": "0-9",
    "xdigit": "0-9A-Fa-f",
    "alnum": "0-9A-Za-z",
    "space": " \\t\\n\\r\\f\\v",
    "blank": " \\t",
    "punct": "!-/:-@\\[-`{-~",
    "print": " -~",
    "graph": "!-~",
    "cntrl": "\\x00-\\x1f\\x7f",
}
# glibc's GNU escapes outside brackets: (python translation, is an anchor).
GNU_ESCAPES = {
    "w": ("[0-9A-Za-z_]", False),
    "W": ("[^0-9A-Za-z_]", False),
    "s": ("[ \\t\\n\\r\\f\\v]", False),
    "S": ("[^ \\t\\n\\r\\f\\v]", False),
    "b": ("\\b", True),
    "B": ("\\B", True),
    "<": ("\\b(?=[0-9A-Za-z_])", True),
    ">": ("\\b(?<=[0-9A-Za-z_])", True),
    "`": ("\\A", True),
    "'": ("\\Z", True),
}
GNU_ESCAPE_MEANING = {
    "w": "a word character", "W": "a non-word character", "s": "a space", "S": "a non-space",
    "b": "a word boundary", "B": "not a word boundary", "<": "a word start", ">": "a word end",
    "`": "the start of the text", "'": "the end of the text",
}


class EreError(ValueError):
    """The pattern is not an ERE glibc accepts: ``reason`` is regerror()'s text."""

    def __init__(self, reason: str, position: int, note: str = "") -> None:
        super().__init__(f"{reason} at offset {position}{note}")
        self.reason = reason
        self.position = position
        self.note = note


@dataclass(frozen=True)
class Idiom:
    """A piece of PCRE (or GNU-only) syntax that a POSIX ERE reads differently."""

    text: str
    position: int
    meaning: str  # what POSIX / glibc makes of it


@dataclass(frozen=True)
class Ere:
    """A POSIX extended regular expression as glibc reads it, with its Python equivalent."""

    source: str
    python: str  # an equivalent Python pattern (compile with re.DOTALL | re.ASCII)
    idioms: tuple[Idiom, ...]
    # What a backtracking matcher (Python's re) may have to try, worked out while reading:
    # a repeat of something that itself offers choices (``(a+)+``, ``(a|a)*``, ``a**``) can
    # take time exponential in the text's length; otherwise each quantifier and alternation
    # multiplies the paths by at most its number of choices.
    nested_repeat: bool = False
    choices: tuple[int | None, ...] = ()  # per quantifier or alternation; None: one per character

    def search(self, text: str) -> bool:
        """Whether regexec would find a match anywhere in ``text``."""
        return re.compile(self.python, re.DOTALL | re.ASCII).search(text) is not None

    def search_cost(self, length: int, cap: int) -> int:
        """An upper bound on the match paths a backtracking search of a text of ``length``
        characters explores (every start position, every choice of every quantifier and
        alternation), or ``cap`` when it reaches ``cap``. Unbounded for a nested repeat."""
        if self.nested_repeat:
            return cap
        paths = length + 1
        for choices in self.choices:
            paths *= length + 1 if choices is None else choices
            if paths >= cap:
                return cap
        return paths


# The most match paths a search of one text may need before a pattern is judged too costly to
# run with Python's re, which backtracks: (a+)+$ takes exponential time on "aaaa...!" (a hung
# pre-commit hook). Realistic patterns stay far below it: ^(web|db)-[0-9]+$ on a 100-character
# id needs at most 2 * 101 * 101 paths.
SEARCH_PATHS_LIMIT = 1_000_000


def too_costly(ere: Ere, longest: str) -> bool:
    """Whether a backtracking search of ``ere`` could take too long on a text as long as
    ``longest``, the longest of those to be searched (it decides for every shorter one)."""
    return ere.search_cost(len(longest), SEARCH_PATHS_LIMIT) >= SEARCH_PATHS_LIMIT


def compile_ere(pattern: str) -> Ere:
    """Validate ``pattern`` as glibc's regcomp(REG_EXTENDED) does; raise EreError if it refuses it."""
    reader = _Reader(pattern)
    python = reader.regex(nest=0)
    return Ere(pattern, python, tuple(reader.idioms), reader.nested_repeat, tuple(reader.choices))


class _Reader:
    """Recursive descent over the pattern, mirroring glibc's parse_reg_exp/branch/expression."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0
        self.groups = 0
        self.closed_groups: set[int] = set()
        self.idioms: list[Idiom] = []
        self.choices: list[int | None] = []  # see Ere.choices
        self.nested_repeat = False

    # --- helpers
    def peek(self, offset: int = 0) -> str | None:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else None

    def take(self) -> str:
        char = self.text[self.pos]
        self.pos += 1
        return char

    # --- regex := branch ('|' branch)*
    def regex(self, nest: int) -> str:
        # A back reference may name only a group closed earlier in its own alternative (or
        # before this whole alternation), as glibc tracks it.
        before = set(self.closed_groups)
        branches = [self.branch(nest)]
        while self.peek() == "|":
            self.take()
            accumulated = self.closed_groups
            self.closed_groups = set(before)
            branches.append(self.branch(nest))
            self.closed_groups |= accumulated
        if len(branches) > 1:
            self.choices.append(len(branches))
        return "|".join(branches)

    # --- branch := piece*
    def branch(self, nest: int) -> str:
        pieces = []
        while True:
            char = self.peek()
            if char is None or char == "|" or (char == ")" and nest > 0):
                return "".join(pieces)
            pieces.append(self.piece(nest))

    # --- piece := atom quantifier*   (an anchor takes no quantifier)
    def piece(self, nest: int) -> str:
        char = self.peek()
        if char in QUANTIFIERS:
            note = ""
            if char == "?" and self.pos > 0 and self.text[self.pos - 1] == "(":
                note = (": \"(?\" starts a PCRE group (lookaround, inline flag such as (?i), "
                        "non-capturing group), which POSIX does not have")
            raise EreError(BADRPT, self.pos, note)
        choices_before = len(self.choices)
        atom, is_anchor = self.atom(nest)
        if is_anchor:
            return atom
        while self.peek() is not None and self.peek() in QUANTIFIERS:
            start = self.pos
            quantifier = self.quantifier()
            choices, most = _repeat_bounds(quantifier)
            if len(self.choices) > choices_before and (most is None or most > 1):
                self.nested_repeat = True  # what it repeats (a group, or a repeat) has choices
            if choices != 1:
                self.choices.append(choices)
            follower = self.peek()
            if follower in ("?", "+"):
                kind = "lazy" if follower == "?" else "possessive"
                self.idioms.append(Idiom(
                    self.text[start:self.pos + 1], start,
                    f"POSIX has no {kind} quantifiers: it reads this as two repetitions in a row, "
                    "still greedy"))
            atom = f"(?:{atom}){quantifier}"
        return atom

    def atom(self, nest: int) -> tuple[str, bool]:
        start = self.pos
        char = self.take()
        if char == "(":
            self.groups += 1
            number = self.groups
            inner = "" if self.peek() == ")" else self.regex(nest + 1)
            if self.peek() != ")":
                raise EreError(EPAREN, start)
            self.take()
            self.closed_groups.add(number)
            return f"({inner})", False
        if char == "^":
            return "^", True
        if char == "$":
            return "\\Z", True
        if char == ".":
            return ".", False
        if char == "[":
            return self.bracket(start), False
        if char == "\\":
            return self.escape(start)
        # ")" with no open group is an ordinary character in glibc's ERE.
        return re.escape(char), False

    def escape(self, start: int) -> tuple[str, bool]:
        char = self.peek()
        if char is None:
            raise EreError(EESCAPE, start)
        self.take()
        if "1" <= char <= "9":
            number = int(char)
            if number not in self.closed_groups:
                raise EreError(ESUBREG, start)
            return f"(?:\\{number})", False
        if char in GNU_ESCAPES:
            python, is_anchor = GNU_ESCAPES[char]
            self.idioms.append(Idiom(
                "\\" + char, start,
                f"a GNU extension, not POSIX: glibc reads it as {GNU_ESCAPE_MEANING[char]}, "
                "other C libraries as the plain character"))
            return python, is_anchor
        if char.isascii() and char.isalnum():
            self.idioms.append(Idiom(
                "\\" + char, start,
                f"POSIX has no \\{char} escape: it matches the plain character {char!r}"))
        return re.escape(char), False

    # --- quantifiers: * + ? {m} {m,} {,n} {m,n}
    def quantifier(self) -> str:
        start = self.pos
        char = self.take()
        if char != "{":
            return char
        low, stop = self._number()
        if low == -1:
            if stop != ",":
                raise EreError(BADBR, start)  # "{}"
            low = 0
        # _number stops only at "}", "," or the end (where low is -2).
        high = low
        if low != -2 and stop == ",":
            high, stop = self._number()
        if low == -2 or high == -2:
            raise EreError(EBRACE if stop is None else BADBR, start)
        if stop != "}" or (high != -1 and low > high):
            raise EreError(BADBR, start)
        if (low if high == -1 else high) > RE_DUP_MAX:
            raise EreError(ESIZE, start)
        return f"{{{low},}}" if high == -1 else f"{{{low},{high}}}"

    def _number(self) -> tuple[int, str | None]:
        """glibc's fetch_number: digits up to "}" or ","; -1 for none, -2 for anything else.

        Returns the number and the character that stopped it (None at the end of the pattern).
        """
        number = -1
        while True:
            char = self.peek()
            if char is None:
                return -2, None
            self.take()
            if char == "\\" and self.peek() is not None:
                # glibc reads "\c" as the plain character c unless it is a GNU escape or a back
                # reference: "\," separates like ",", "\0" is a digit, "\}" closes nothing.
                escaped = self.take()
                if escaped in GNU_ESCAPES or "1" <= escaped <= "9":
                    number = -2
                    continue
                if escaped == ",":
                    return number, ","
                char = escaped if escaped.isdigit() and escaped.isascii() else "\x00"
            elif char in "},":
                return number, char
            if not ("0" <= char <= "9") or number == -2:
                number = -2
            else:
                number = min(RE_DUP_MAX + 1, int(char) if number == -1 else number * 10 + int(char))

    # --- bracket expressions
    def bracket(self, start: int) -> str:
        negate = self.peek() == "^"
        if negate:
            self.take()
        items: list[str] = []
        first = True
        while True:
            if self.peek() is None:
                raise EreError(EBRACK, start)
            if self.peek() == "]" and not first:
                self.take()
                break
            low = self._bracket_element(start, accept_hyphen=first)
            first = False
            if self.peek() == "-" and self.peek(1) is not None and self.peek(1) != "]":
                self.take()
                high = self._bracket_element(start, accept_hyphen=True)
                items.append(self._range(low, high))
            else:
                items.append(self._single(low))
        return f"[{'^' if negate else ''}{''.join(items)}]"

    def _bracket_element(self, start: int, accept_hyphen: bool) -> tuple[str, str]:
        """One element: ("char", c), ("class", name), ("equiv", c) or ("collate", c).

        The caller has checked that a character is left.
        """
        position = self.pos
        char = self.take()
        if char == "[" and self.peek() in (":", ".", "="):
            delimiter = self.take()
            name = []
            while True:
                if len(name) >= BRACKET_NAME_MAX or self.peek() is None:
                    raise EreError(EBRACK, start)
                if self.peek() == delimiter and self.peek(1) == "]":
                    self.pos += 2
                    break
                name.append(self.take())
            text = "".join(name)
            if delimiter == ":":
                if text not in CHARACTER_CLASSES:
                    raise EreError(ECTYPE, position)
                return "class", text
            if len(text) != 1:
                raise EreError(ECOLLATE, position)
            return ("collate" if delimiter == "." else "equiv"), text
        if char == "-" and not accept_hyphen and self.peek() != "]":
            raise EreError(ERANGE, position)
        if char == "\\" and self.peek() is not None and self.peek().isascii() and self.peek().isalnum():
            self.idioms.append(Idiom(
                f"\\{self.peek()}", position,
                f"inside a POSIX bracket expression a backslash is an ordinary character: this "
                f"matches a backslash or {self.peek()!r}"))
        return "char", char

    def _range(self, low: tuple[str, str], high: tuple[str, str]) -> str:
        if low[0] in ("class", "equiv") or high[0] in ("class", "equiv") or low[1] > high[1]:
            raise EreError(ERANGE, self.pos)
        return f"{_class_char(low[1])}-{_class_char(high[1])}"

    @staticmethod
    def _single(element: tuple[str, str]) -> str:
        kind, value = element
        return CHARACTER_CLASSES[value] if kind == "class" else _class_char(value)


def _repeat_bounds(quantifier: str) -> tuple[int | None, int | None]:
    """(how many repetition counts a translated quantifier allows, its largest count); None
    for no limit."""
    if quantifier in ("*", "+"):
        return None, None
    if quantifier == "?":
        return 2, 1
    low, _, high = quantifier[1:-1].partition(",")
    if not high:
        return None, None
    return int(high) - int(low) + 1, int(high)


def _class_char(char: str) -> str:
    """A character written safely inside a Python [...] class.

    "&", "~" and "|" are escaped too: doubled, Python reserves them for future set operations.
    """
    return "\\" + char if char in "\\]^-[&~|" else re.escape(char) if not char.isprintable() else char
