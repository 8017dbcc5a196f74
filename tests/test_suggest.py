"""The one did-you-mean helper (rules/_suggest.py): its policy, its speed-up, and that no other
module guesses names its own way."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from pcs_lint.rules import _option_schemas as options
from pcs_lint.rules._suggest import SUGGESTION_CUTOFF, same_name_form, suggest_name
from pcs_lint.value_formats import SCHEMA_NAMES

ROOT = Path(__file__).resolve().parent.parent


def test_the_policy():
    known = frozenset({"migration-threshold", "resource-stickiness", "is-managed"})
    assert suggest_name("migation-threshold", known) == "migration-threshold"  # a letter dropped
    assert suggest_name("IS_MANAGED", known) == "is-managed"  # case and "_" do not count
    assert suggest_name("Resource_Stickines", known) == "resource-stickiness"
    assert suggest_name("department", known) is None  # nothing close: no guess
    # "_" for "-" makes a name the same, but counts as a letter changed when judging closeness
    assert suggest_name("can_fail", frozenset({"on-fail"})) is None
    assert suggest_name("", known) is None


def test_the_cutoff_is_the_same_for_node_names():
    # ratio("node-a", "node-b") = 10/12 passes; ratio("web", "db1") = 2/6 does not
    assert suggest_name("node-a", frozenset({"node-b", "db1"})) == "node-b"
    assert suggest_name("web", frozenset({"node-b", "db1"})) is None
    assert suggest_name("NODE1", frozenset({"node1", "Node1x"})) == "node1"


def reference_suggestion(name: str, known) -> str | None:
    """The policy written plainly: compare every known name with difflib."""
    for candidate in sorted(known):
        if same_name_form(candidate) == same_name_form(name):
            return candidate
    forms = {}
    for candidate in sorted(known):
        forms.setdefault(candidate.casefold(), candidate)
    close = difflib.get_close_matches(name.casefold(), sorted(forms), n=1, cutoff=SUGGESTION_CUTOFF)
    return forms[close[0]] if close else None


@pytest.mark.parametrize("schema", SCHEMA_NAMES)
def test_ruling_out_names_first_changes_no_suggestion(schema):
    known = options.option_set(schema).known
    names = ["foo-17", "", "x", "-", "Resource_Stickiness", "resource-stickines", "migration-treshold",
             "target_role", "is-managed2", "multiple-actve", "stonith-enbled", "no-quorum-polcy",
             "interval-orgin", "PCMK_remote_prot", "PCMK_debugg", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"]
    names += [name[:-1] for name in sorted(known)] + [name.upper() + "s" for name in sorted(known)]
    for name in names:
        expected = reference_suggestion(name, known)
        assert suggest_name(name, known) == expected, name
        assert suggest_name(name, set(known)) == expected, name  # the uncached path


def test_a_name_using_letters_no_known_name_uses_gets_no_suggestion():
    assert suggest_name("foo-17", frozenset({"foo-bar", "foo"})) is None
    assert suggest_name("foo-b", frozenset({"foo-bar", "foo"})) == "foo-bar"


def test_no_module_guesses_names_its_own_way():
    """difflib (or another close-match library) appears only in the helper."""
    pattern = re.compile(r"\b(difflib|get_close_matches|SequenceMatcher|rapidfuzz|Levenshtein|jellyfish)\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("lint", "rules")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "_suggest.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == [], "use pcs_lint.rules._suggest.suggest_name"
