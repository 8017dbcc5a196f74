"""Report formats. Each format is a module with ``render(report, options) -> str``.

Modules are imported only when their format is asked for, to keep start-up light.
"""

from __future__ import annotations

from importlib import import_module

from pcs_lint.report import RenderOptions, Report

FORMATS: dict[str, str] = {
    "text": "pcs_lint.reporters.text",
    "json": "pcs_lint.reporters.json_report",
    "sarif": "pcs_lint.reporters.sarif",
    "junit": "pcs_lint.reporters.junit",
    "github": "pcs_lint.reporters.github",
    "gitlab": "pcs_lint.reporters.gitlab",
}


def render(format_name: str, report: Report, options: RenderOptions) -> str:
    module = import_module(FORMATS[format_name])
    return module.render(report, options)
