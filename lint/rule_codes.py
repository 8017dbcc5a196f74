"""The engine's own rule codes, and the one reading of "a rule's code or name".

The engine emits PCS000-PCS005 itself (their records and docs are modules of rules/ like every
other rule's); PCS003 and PCS006 are ordinary rules over what the engine read from the nodes'
environment files. Each code is written here once, and everything else names the constant.

How a rule is named, wherever a user names one (--select/--ignore, the config's select, ignore
and [rules.X] tables, suppression comments and [[suppress]], ``pcs-lint explain``): a code in any
case (``pcs113`` is PCS113, as pylint reads message ids), or the name exactly as ``pcs-lint
rules`` prints it (``duplicate-id``, not ``Duplicate-ID``: names, like ruff's and flake8's rule
codes and pylint's symbolic names, are matched as written). --select and --ignore also take a
code prefix (``PCS1``) and ``ALL``, as ruff does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pcs_lint.rule import Rule

INTERNAL_ERROR = "PCS000"  # a rule or plugin crashed, timed out or failed to load (engine, plugins)
XML_SYNTAX = "PCS001"  # the document is not well-formed XML (parse)
NOT_A_CIB = "PCS002"  # well-formed, but not a CIB (parse)
SYSCONFIG_SYNTAX = "PCS003"  # a line of an environment file that is not an assignment (sysconfig)
SUPPRESSION_INVALID = "PCS004"  # a suppression that cannot be read or names no rule (suppressions)
SUPPRESSION_UNUSED = "PCS005"  # a suppression that silenced nothing (suppressions)
SYSCONFIG_VARIABLE = "PCS006"  # an environment variable Pacemaker does not read (sysconfig)

ALL = "ALL"


def is_code(text: str, rule: Rule) -> bool:
    return text.strip().upper() == rule.code.upper()


def names(text: str, rule: Rule) -> bool:
    """``text`` is the rule's code (any case) or its name (exactly)."""
    return is_code(text, rule) or text.strip() == rule.name


def selects(selector: str, rule: Rule) -> bool:
    """--select/--ignore: ``ALL``, a code prefix (any case), or the rule's name (exactly)."""
    text = selector.strip()
    return text.upper() == ALL or rule.code.upper().startswith(text.upper()) or text == rule.name


def find(rules: Iterable[Rule], code_or_name: str) -> Rule | None:
    return next((rule for rule in rules if names(code_or_name, rule)), None)
