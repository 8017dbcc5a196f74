"""pcs-lint: a linter for Pacemaker cluster configuration.

What a plugin author needs is importable from here::

    from pcs_lint import Context, Problem, Rule, Severity, hookimpl, rule_doc

Loaded on first use (module ``__getattr__``), so that ``import pcs_lint`` stays light: the
command line's start-up imports only what the command runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it
_EXPORTS = {
    "Context": "pcs_lint.rule",
    "Rule": "pcs_lint.rule",
    "rule_doc": "pcs_lint.rule",
    "Problem": "pcs_lint.findings",
    "Severity": "pcs_lint.findings",
    "SourceLocation": "pcs_lint.findings",
    "hookimpl": "pcs_lint.hookspecs",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:
    # "X as X": re-exported names, for type checkers and linters (the run-time path is below)
    from pcs_lint.findings import Problem as Problem
    from pcs_lint.findings import Severity as Severity
    from pcs_lint.findings import SourceLocation as SourceLocation
    from pcs_lint.hookspecs import hookimpl as hookimpl
    from pcs_lint.rule import Context as Context
    from pcs_lint.rule import Rule as Rule
    from pcs_lint.rule import rule_doc as rule_doc


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pcs_lint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
