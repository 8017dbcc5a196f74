"""``--format text``: ``path:line:col: CODE message [name]``, one finding per line.

Every field is passed through ``escape_control``: a file name or an id with a newline cannot
forge a finding line, and no escape sequence of the input reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pcs_lint.findings import Finding, Severity
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import escape_control

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def location(finding: Finding) -> str:
    parts = [escape_control(finding.path)]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts)


def format_finding(finding: Finding, color: bool) -> str:
    where = location(finding) + ":"
    code = escape_control(finding.rule)
    name = f"[{escape_control(finding.name)}]"
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[finding.severity]}{code}{_RESET}"
        name = f"{_DIM}{name}{_RESET}"
    line = f"{where} {code} {escape_control(finding.message)} {name}"
    if finding.hint:
        line += f"\n    hint: {escape_control(finding.hint)}"
    return line


def render(report: Report, options: RenderOptions) -> str:
    return render_with(format_finding, report, options)


def render_with(format_one: Callable[[Finding, bool], str], report: Report, options: RenderOptions) -> str:
    """The findings formatted by ``format_one`` (or, with --statistics, the count per rule
    instead, as ruff and flake8 print it), then the summary."""
    lines = []
    if options.statistics:
        names = {f.rule: f.name for f in report.findings}
        for code, count in report.counts_by_rule().items():
            lines.append(f"{count:6d}  {escape_control(code)}  {escape_control(names[code])}")
    else:
        for finding in report.findings:
            lines.append(format_one(finding, options.color))
            if options.show_source:
                lines.extend(excerpt(finding, report.source_lines))
    if not options.quiet:
        lines.append(_summary_line(report))
        if options.verbose:
            lines.extend(_release_lines(report))
        if "baseline" in report.extra:
            known = report.extra["baseline"]
            lines.append(f"Baseline {escape_control(str(known['file']))}: {known['matched']} known findings not shown; "
                         f"{known['fixed']} baseline entries are fixed now (rewrite it with --write-baseline).")
    return "\n".join(lines) + "\n" if lines else ""


def _summary_line(report: Report) -> str:
    """What the run did, never contradicting it: inputs that could not be read are counted."""
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    unread = len(report.errors)
    failed = f"{unread} {'input' if unread == 1 else 'inputs'} could not be read" if unread else ""
    if not report.findings:
        if failed and not files:
            return f"Nothing was linted: {failed}."
        return f"No problems found in {files} {noun}{'; ' + failed if failed else ''}."
    counts = report.counts_by_severity()
    parts = [f"{n} {label}{'' if n == 1 else 's'}" for label, n in counts.items() if n]
    total = len(report.findings)
    found = f"Found {total} problem{'' if total == 1 else 's'} ({', '.join(parts)}) in {files} {noun}"
    return f"{found}{'; ' + failed if failed else ''}."


def excerpt(finding: Finding, source_lines: Mapping[str, Mapping[int, str]]) -> list[str]:
    """The finding's line as it was linted, with a caret under its column: only what the run
    kept (nothing of a file that is not a CIB, no value of an environment file), escaped."""
    if finding.line is None:
        return []
    text = source_lines.get(finding.path, {}).get(finding.line)
    if text is None:
        return []
    gutter = f"{finding.line:>6} | "
    out = [gutter + escape_control(text.expandtabs(8).rstrip())]
    if finding.column and finding.column <= len(text) + 1:
        before = escape_control(text[:finding.column - 1].expandtabs(8))
        out.append(" " * (len(gutter) + len(before)) + "^")
    return out


def _release_lines(report: Report) -> list[str]:
    """--verbose: the release each file was judged for, and where that choice came from."""
    lines = []
    for path, release in report.file_releases():
        if release is None:
            continue
        data = "" if release["data"] == release["version"] else f", judged with {release['data']}'s data"
        lines.append(f"{escape_control(path)}: target Pacemaker {release['version']} ({release['source']}{data})")
    return lines

