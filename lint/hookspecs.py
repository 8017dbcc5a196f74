"""The hooks a pcs-lint plugin implements (pluggy project name ``pcs_lint``).

A plugin is a module or object with ``@hookimpl``-decorated functions, registered through the
``pcs_lint`` entry-point group::

    [project.entry-points.pcs_lint]
    my_rules = "my_package.pcs_lint_plugin"
"""

from __future__ import annotations

import pluggy

PROJECT = "pcs_lint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def pcs_lint_rules() -> list:  # type: ignore[empty-body]
    """Return the plugin's rules: a list of ``pcs_lint.rule.Rule`` records."""
