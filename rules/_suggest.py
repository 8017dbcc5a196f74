"""Did-you-mean: the one place pcs-lint guesses which known name a mistyped one meant.

The policy, for every suggestion in every rule (option names, node names, the attributes and
values of Pacemaker's schema):

1. Case never counts. A known name that differs from the given one only in case and in "_"
   against "-" is the answer (``IS_MANAGED``: is-managed).
2. Otherwise the known name difflib rates closest, both in lower case, is the answer when the
   ratio is at least ``SUGGESTION_CUTOFF`` (0.8: one or two letters dropped, doubled, swapped or
   changed in a typical option or node name, and little else); "_" and "-" count as different
   letters here, so ``can_fail`` does not turn into ``on-fail``. Ties go to difflib's choice.
3. Otherwise there is no suggestion: a wrong guess sends the user after the wrong fix.

Only this module may use difflib (``tests/test_one_suggestion.py`` fails on another use).
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SUGGESTION_CUTOFF = 0.8


def suggest_name(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` was probably meant to be (see the module's policy), or None."""
    if isinstance(known, frozenset):
        return _cached_suggestion(name, known)
    return _KnownNames.of(known).suggest(name)


def same_name_form(name: str) -> str:
    """The form in which two names count as the same (step 1 of the policy)."""
    return name.casefold().replace("_", "-")


# Name lists passed frozen are prepared once and their answers kept: the same user-defined names
# recur in every resource of a CIB and every CIB of a run.
@functools.lru_cache(maxsize=4096)
def _cached_suggestion(name: str, known: frozenset[str]) -> str | None:
    return _known_names(known).suggest(name)


@functools.lru_cache(maxsize=32)
def _known_names(known: frozenset[str]) -> _KnownNames:
    return _KnownNames.of(known)


@dataclass(frozen=True)
class _KnownNames:
    """Known names prepared for suggestions: difflib costs ~0.3 ms a name against a whole
    option schema, which a CIB with thousands of user-defined meta attributes (pcs's
    cib-large.xml) turns into seconds; most candidates are ruled out far more cheaply first."""

    same: Mapping[str, str]  # same_name_form -> the first known name of that form, sorted
    folded: Mapping[str, str]  # lower case -> the first known name of that spelling, sorted
    letters: tuple[tuple[str, frozenset[str]], ...]  # (lower-case name, the letters it uses), sorted
    alphabet: frozenset[str]  # every letter any known name uses

    @classmethod
    def of(cls, known: Iterable[str]) -> _KnownNames:
        same: dict[str, str] = {}
        folded: dict[str, str] = {}
        for candidate in sorted(known):
            same.setdefault(same_name_form(candidate), candidate)
            folded.setdefault(candidate.casefold(), candidate)
        letters = tuple((form, frozenset(form)) for form in sorted(folded))
        return cls(same, folded, letters, frozenset().union(*(used for _, used in letters)))

    def suggest(self, name: str) -> str | None:
        found = self.same.get(same_name_form(name))
        if found is not None:
            return found
        form = name.casefold()
        close = difflib.get_close_matches(form, self._within_reach(form), n=1, cutoff=SUGGESTION_CUTOFF)
        return self.folded[close[0]] if close else None

    def _within_reach(self, form: str) -> list[str]:
        """The lower-case names whose similarity to ``form`` may reach the cutoff. difflib's ratio
        is 2*M/T, T the two lengths added, M the letters matched: at most the shorter length,
        and at most the letters of ``form`` whose letter the candidate uses at all. A candidate
        that fails even that bound scores below the cutoff, so dropping it leaves the answer."""
        mine = Counter(form)
        # Letters no known name uses (the digits of "foo-17") match nowhere: with M at most
        # the rest, the best any candidate can score is 2*M/(len(form)+M).
        best = len(form) - sum(mine[letter] for letter in mine.keys() - self.alphabet)
        if form and 2.0 * best / (len(form) + best) < SUGGESTION_CUTOFF:
            return []
        reachable = []
        for candidate, letters in self.letters:
            total = len(form) + len(candidate)
            if total and 2.0 * min(len(form), len(candidate)) / total < SUGGESTION_CUTOFF:
                continue
            unmatched = sum(mine[letter] for letter in mine.keys() - letters)
            bound = min(len(form) - unmatched, len(candidate))
            if not total or 2.0 * bound / total >= SUGGESTION_CUTOFF:
                reachable.append(candidate)
        return reachable
