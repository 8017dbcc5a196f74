"""The built-in rules, registered through the same pluggy hook as third-party plugins.

Every module in this package whose name does not start with ``_`` defines ``RULE``, one Rule;
its documentation is the ``.md`` file of the same name beside it. Modules starting with ``_`` are
helpers shared by several rules.
"""

from __future__ import annotations

import importlib
import pkgutil

from pcs_lint.hookspecs import hookimpl


def _discover() -> list:
    rules = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        rules.append(module.RULE)
    return rules


@hookimpl
def pcs_lint_rules() -> list:
    return _discover()
