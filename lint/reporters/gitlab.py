"""``--format gitlab``: GitLab Code Quality report (a JSON array of issues).

Fingerprints are stable across edits that move lines and unique within a report: identical
findings (same file, rule, element and message) get an occurrence number folded in. Text fields
pass through ``escape_control``: GitLab shows them as they are, control characters included.
"""

from __future__ import annotations

import json
from collections import Counter

from pcs_lint.findings import Severity
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import escape_control, fingerprint, repo_relative

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, options: RenderOptions) -> str:
    issues = []
    seen: Counter[str] = Counter()
    for finding in report.findings:
        base = fingerprint(finding)
        seen[base] += 1
        unique = base if seen[base] == 1 else fingerprint(finding, salt=str(seen[base]))
        description = f"{finding.rule} {finding.message}"
        if finding.hint:
            description += f" Fix: {finding.hint}"
        issues.append({
            "type": "issue",
            "check_name": escape_control(f"{finding.rule} {finding.name}"),
            "description": escape_control(description),
            "categories": ["Bug Risk"],
            "severity": SEVERITIES[finding.severity],
            "fingerprint": unique,
            "location": {
                "path": escape_control(repo_relative(finding.path) or finding.path),
                "lines": {"begin": max(finding.line or 1, 1)},
            },
        })
    return json.dumps(issues, indent=2) + "\n"
