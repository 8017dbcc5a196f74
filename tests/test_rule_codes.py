"""One reading of "a rule's code or name" (lint/rule_codes.py) for suppressions, --select and
--ignore, the config's rule tables and ``pcs-lint explain``; the engine's codes written once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pcs_lint import rule_codes
from pcs_lint.plugins import load_registry
from pcs_lint.selection import SelectorError, check_selectors, select_rules
from pcs_lint.suppressions import RuleNames
from pcs_lint.testing import cib, codes_lines, line_of, lint_text

LINT = Path(__file__).resolve().parent.parent / "lint"
REGISTRY = load_registry(autoload=False)



def duplicate(suppression: str) -> str:
    """Two resources with one id, the second (PCS201's) under the suppression comment."""
    return cib(resources='      <primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"/>\n'
                         f"      <!-- pcs-lint: disable={suppression} reason -->\n"
                         '      <primitive id="r1" class="ocf" provider="pacemaker" type="Stateful"/>\n')


@pytest.mark.parametrize(("text", "code"), [
    ("PCS201", "PCS201"), ("pcs201", "PCS201"), (" PCS201 ", "PCS201"), ("duplicate-id", "PCS201"),
    ("Duplicate-ID", None), ("DUPLICATE-ID", None), ("PCS20", None), ("duplicate", None),
])
def test_every_place_reads_a_code_or_name_the_same_way(text, code):
    found = REGISTRY.find(text)
    assert (found.code if found else None) == code
    assert RuleNames(REGISTRY.rules).resolve(text.strip()) == code
    selected = {rule.code for rule in REGISTRY.rules if rule_codes.selects(text, rule)}
    if code is not None:
        assert code in selected
    elif text.strip() != "PCS20":  # a prefix selects, but names no single rule
        assert selected == set()


def test_a_suppression_names_a_rule_exactly_as_it_is_listed():
    exact = duplicate("duplicate-id")
    assert codes_lines(lint_text(exact, select=["PCS201", "PCS004"])) == []
    by_code = duplicate("pcs201")
    assert codes_lines(lint_text(by_code, select=["PCS201", "PCS004"])) == []
    capitalised = duplicate("Duplicate-ID")
    assert codes_lines(lint_text(capitalised, select=["PCS201", "PCS004"])) == [
        ("PCS004", line_of(capitalised, "Duplicate-ID")), ("PCS201", line_of(capitalised, 'type="Stateful"'))]


def test_select_and_ignore_name_rules_exactly_and_codes_in_any_case():
    with pytest.raises(SelectorError, match="'Duplicate-ID' matches no rule"):
        check_selectors(["Duplicate-ID"], REGISTRY.rules, "--select", selecting=True)
    check_selectors(["duplicate-id", "pcs2", "all"], REGISTRY.rules, "--select", selecting=True)
    chosen = {rule.code for rule in select_rules(REGISTRY.rules, ["pcs20"], ["duplicate-id"])}
    assert "PCS201" not in chosen and "PCS202" in chosen and rule_codes.INTERNAL_ERROR in chosen


def test_the_engine_codes_are_written_once():
    """PCS000-PCS006 appear as literals only in lint/rule_codes.py (comments and docs aside)."""
    literal = re.compile(r"""["']PCS00\d["']""")
    offenders = [f"{path.name}:{number}" for path in sorted(LINT.rglob("*.py")) if path.name != "rule_codes.py"
                 for number, line in enumerate(path.read_text().splitlines(), 1) if literal.search(line)]
    assert offenders == []
    rules_dir = LINT.parent / "rules"
    offenders = [path.name for path in sorted(rules_dir.glob("*.py")) if literal.search(path.read_text())]
    assert offenders == []
    assert {code for code in vars(rule_codes).values() if isinstance(code, str) and code.startswith("PCS")} == {
        rule.code for rule in REGISTRY.rules if rule.code <= "PCS006"}
