"""Which rules run: --select / --ignore by code, code prefix or name (and ALL), read as
rule_codes.selects reads them."""

from __future__ import annotations

from collections.abc import Iterable

from pcs_lint.rule import Rule
from pcs_lint.rule_codes import ALL, INTERNAL_ERROR, selects

ALWAYS_ON = frozenset({INTERNAL_ERROR})  # an internal error is never silenced


class SelectorError(ValueError):
    pass


def check_selectors(selectors: Iterable[str], rules: Iterable[Rule], origin: str, *, selecting: bool = False) -> None:
    """Every selector names a rule; ``selecting``: these choose what runs, so none is an error."""
    rules, selectors = tuple(rules), tuple(selectors)
    if selecting and not selectors:
        raise SelectorError(f"{origin}: no rule given; an empty selection would check nothing (ALL selects every rule)")
    for selector in selectors:
        if not selector.strip():
            raise SelectorError(f"{origin}: an empty rule selector")
        if not any(selects(selector, rule) for rule in rules):
            raise SelectorError(f"{origin}: {selector!r} matches no rule (see 'pcs-lint rules')")


def select_rules(rules: Iterable[Rule], select: Iterable[str] | None, ignore: Iterable[str]) -> tuple[Rule, ...]:
    select = tuple(select) if select is not None else (ALL,)
    ignore = tuple(ignore)
    chosen = []
    for rule in rules:
        if rule.code in ALWAYS_ON:
            chosen.append(rule)
            continue
        if any(selects(s, rule) for s in select) and not any(selects(i, rule) for i in ignore):
            chosen.append(rule)
    return tuple(chosen)

