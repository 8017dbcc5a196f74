"""The result of one invocation, as every reporter sees it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pcs_lint.findings import Finding, Severity
from pcs_lint.rule import Rule


@dataclass(frozen=True)
class Report:
    """What every output format renders: the findings, the files and the outcome of the run."""

    version: str
    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    rules: tuple[Rule, ...]
    fail_on: Severity
    exit_code: int
    errors: tuple[str, ...] = ()  # input errors (unreadable files), already shown on stderr
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. baseline counts
    # --show-source: path -> line -> what may be shown of it (pipeline.RunResult.source_lines)
    source_lines: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    # Per file of ``files``: the target release ({"version", "source", "data"}) or None.
    releases: tuple[dict[str, str] | None, ...] = ()

    def file_releases(self) -> list[tuple[str, dict[str, str] | None]]:
        releases = list(self.releases) + [None] * (len(self.files) - len(self.releases))
        return list(zip(self.files, releases, strict=True))

    def counts_by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.label for f in self.findings)
        return {s.label: counts.get(s.label, 0) for s in sorted(Severity, reverse=True)}

    def counts_by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for f in self.findings).items()))

    def summary(self) -> dict[str, Any]:
        summary = {
            "files": len(self.files),
            "findings": len(self.findings),
            "by_severity": self.counts_by_severity(),
            "by_rule": self.counts_by_rule(),
            "fail_on": self.fail_on.label,
            "exit_code": self.exit_code,
            "errors": list(self.errors),
        }
        summary.update(self.extra)
        return summary


@dataclass(frozen=True)
class RenderOptions:
    """The options that change how a format renders a report (not what it holds)."""

    color: bool = False
    statistics: bool = False
    show_source: bool = False
    quiet: bool = False
    verbose: bool = False
