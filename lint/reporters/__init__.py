"""Report formats. Each format is a module with ``render(report, options) -> str``.

Modules are imported only when their format is asked for, to keep start-up light.
"""

from __future__ import annotations

from dataclasses import replace
from importlib import import_module
from typing import Any

from pcs_lint.findings import Finding
from pcs_lint.report import RenderOptions, Report

FORMATS: dict[str, str] = {
    "text": "pcs_lint.reporters.text",
    "json": "pcs_lint.reporters.json_report",
    "sarif": "pcs_lint.reporters.sarif",
    "junit": "pcs_lint.reporters.junit",
    "github": "pcs_lint.reporters.github",
    "gitlab": "pcs_lint.reporters.gitlab",
    "concise": "pcs_lint.reporters.concise",
}


def render(format_name: str, report: Report, options: RenderOptions) -> str:
    module = import_module(FORMATS[format_name])
    return module.render(encodable(report), options)


def encodable(report: Report) -> Report:
    """The report with every text encodable as UTF-8, which every format's output is.

    File names are bytes on POSIX; one that is not UTF-8 reaches Python with its odd bytes as
    lone surrogates (PEP 383), which no UTF-8 writer, XML tree or JSON parser accepts. Such
    bytes are shown as ``\\xNN`` escapes, the same in every format.
    """
    return replace(
        report,
        findings=tuple(_encodable_finding(f) for f in report.findings),
        files=tuple(map(encodable_text, report.files)),
        errors=tuple(map(encodable_text, report.errors)),
        extra=_encodable_value(report.extra),
    )


def encodable_text(text: str) -> str:
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the file name's own bytes
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")  # a surrogate no byte decoded to
    return raw.decode("utf-8", "backslashreplace")


def _encodable_finding(finding: Finding) -> Finding:
    fields = ("path", "message", "hint", "object_id", "xpath")
    changed = {
        name: encodable_text(value)
        for name in fields
        if isinstance(value := getattr(finding, name), str) and encodable_text(value) != value
    }
    return replace(finding, **changed) if changed else finding


def _encodable_value(value: Any) -> Any:
    if isinstance(value, str):
        return encodable_text(value)
    if isinstance(value, dict):
        return {_encodable_value(k): _encodable_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(map(_encodable_value, value))
    return value
