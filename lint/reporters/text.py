"""``--format text``: ``path:line:col: CODE message [name]``, one finding per line."""

from __future__ import annotations

from pcs_lint.findings import Finding, Severity
from pcs_lint.report import RenderOptions, Report

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def location(finding: Finding) -> str:
    parts = [finding.path]
    if finding.line is not None:
        parts.append(str(finding.line))
        if finding.column is not None:
            parts.append(str(finding.column))
    return ":".join(parts)


def format_finding(finding: Finding, color: bool) -> str:
    where = location(finding) + ":"
    code = finding.rule
    name = f"[{finding.name}]"
    if color:
        where = f"{_BOLD}{where}{_RESET}"
        code = f"{_COLORS[finding.severity]}{code}{_RESET}"
        name = f"{_DIM}{name}{_RESET}"
    line = f"{where} {code} {finding.message} {name}"
    if finding.hint:
        line += f"\n    hint: {finding.hint}"
    return line


def render(report: Report, options: RenderOptions) -> str:
    source = _SourceCache() if options.show_source else None
    lines = []
    for finding in report.findings:
        lines.append(format_finding(finding, options.color))
        if source is not None:
            lines.extend(source.excerpt(finding))
    if options.statistics and report.findings:
        lines.append("")
        names = {f.rule: f.name for f in report.findings}
        for code, count in report.counts_by_rule().items():
            lines.append(f"{count:6d}  {code}  {names[code]}")
    if not options.quiet:
        lines.append(_summary_line(report))
        if options.verbose:
            lines.extend(_release_lines(report))
        if "baseline" in report.extra:
            known = report.extra["baseline"]
            lines.append(f"Baseline {known['file']}: {known['matched']} known findings not shown; "
                         f"{known['fixed']} baseline entries are fixed now (rewrite it with --write-baseline).")
    return "\n".join(lines) + "\n" if lines else ""


def _summary_line(report: Report) -> str:
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if not report.findings:
        return f"No problems found in {files} {noun}."
    counts = report.counts_by_severity()
    parts = [f"{n} {label}{'' if n == 1 else 's'}" for label, n in counts.items() if n]
    total = len(report.findings)
    return f"Found {total} problem{'' if total == 1 else 's'} ({', '.join(parts)}) in {files} {noun}."


def _release_lines(report: Report) -> list[str]:
    """--verbose: the release each file was judged for, and where that choice came from."""
    lines = []
    for path, release in report.file_releases():
        if release is None:
            continue
        data = "" if release["data"] == release["version"] else f", judged with {release['data']}'s data"
        lines.append(f"{path}: target Pacemaker {release['version']} ({release['source']}{data})")
    return lines


class _SourceCache:
    """Reads each reported file once, only for --show-source; never the linted stdin."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def _lines(self, path: str) -> list[str] | None:
        if path not in self._files:
            try:
                with open(path, "rb") as handle:
                    self._files[path] = handle.read().decode("utf-8", errors="replace").splitlines()
            except OSError:
                self._files[path] = None
        return self._files[path]

    def excerpt(self, finding: Finding) -> list[str]:
        if finding.line is None or finding.path in ("-", "") or finding.path.startswith("<"):
            return []
        lines = self._lines(finding.path)
        if not lines or finding.line > len(lines):
            return []
        text = lines[finding.line - 1].expandtabs(8).rstrip()
        gutter = f"{finding.line:>6} | "
        out = [gutter + text]
        if finding.column:
            out.append(" " * (len(gutter) + finding.column - 1) + "^")
        return out
