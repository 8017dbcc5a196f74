"""``--format json``: one JSON object, described by schemas/report.schema.json."""

from __future__ import annotations

import json

from pcs_lint.report import RenderOptions, Report


def render(report: Report, options: RenderOptions) -> str:
    document = {
        "version": report.version,
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": report.summary(),
        "files": [{"path": path, "pacemaker": release} for path, release in report.file_releases()],
    }
    return json.dumps(document, indent=2, sort_keys=False) + "\n"
