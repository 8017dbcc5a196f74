"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=F,line=L,col=C,title=T::MESSAGE``. GitHub requires %, CR and LF escaped in the
message, and additionally ':' and ',' in property values. Each field is first passed through
``escape_control`` (a newline in an id or a file name becomes the two characters ``\\n``, ESC
becomes ``\\x1b``), so the only %0A in an annotation is the one that starts its "Fix:" line.
"""

from __future__ import annotations

from pcs_lint.findings import Severity
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import escape_control, repo_relative

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, options: RenderOptions) -> str:
    lines = []
    for finding in report.findings:
        properties = []
        path = repo_relative(finding.path) or finding.path
        if not finding.path.startswith("<"):
            properties.append(f"file={escape_property(escape_control(path))}")
        if finding.line is not None:
            properties.append(f"line={finding.line}")
            if finding.column is not None:
                properties.append(f"col={finding.column}")
        properties.append(f"title={escape_property(escape_control(f'{finding.rule} {finding.name}'))}")
        message = escape_control(finding.message) + (f"\nFix: {escape_control(finding.hint)}" if finding.hint else "")
        lines.append(f"::{COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)
