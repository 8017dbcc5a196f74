#!/usr/bin/env python3
"""Write docs/fidelity.md: does pcs-lint report what crm_verify 2.1.5 and 3.0.0 report on the corpus?

For every corpus CIB (../shared/corpus: pacemaker-cts, pcs-tests, crmsh-tests), crm_verify's
lines of each reference release (tools/crm_verify_outputs.py: 2.1.5 from the manifests, 3.0.0
from tests/data/crm_verify-3.0.0.json) are reduced to message templates
(tools/crm_verify_templates.py). pcs-lint lints the same file for the same target release
(``--pacemaker-version``). tools/fidelity_groups.toml says, for each template, which rules report
the same thing, or why none does. Per template and release the document counts the files where a
listed rule reports the same element (a finding whose object id, or message, names an id the line
names; for a line that names none, or a group marked ``per_file``, any finding of the rule in that
file), and where none does.

Usage:
    tools/fidelity_report.py            # rewrite docs/fidelity.md
    tools/fidelity_report.py --collect  # first run crm_verify 3.0.0 again (root, Debian 13 root)
    tools/fidelity_report.py --check    # exit 1 when docs/fidelity.md is not what it would write

The output is deterministic: sorted, no timestamps.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crm_verify_outputs  # noqa: E402
from crm_verify_outputs import CORPUS, Output  # noqa: E402
from crm_verify_templates import Message, names_in, templates  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
DOCUMENT = PROJECT / "docs" / "fidelity.md"
GROUPS = Path(__file__).resolve().parent / "fidelity_groups.toml"
RELEASES = ("2.1.5", "3.0.0")
# At most this many disagreeing files are named per row: enough to check one by hand.
EXAMPLES = 3
_WORD = re.compile(r"[A-Za-z0-9_.:@#/+-]+")
_XPATH_ID = re.compile(r"@id='([^']*)'")
# A finding is about its element and the two id-carrying elements around it (an nvpair, its set,
# the set's resource): crm_verify names any of these for the same thing.
XPATH_LEVELS = 3


@dataclass(frozen=True)
class GroupRule:
    """One entry of fidelity_groups.toml: the templates it covers and what answers them."""

    pattern: re.Pattern[str]
    rules: tuple[str, ...]
    reason: str | None
    per_file: bool
    releases: tuple[str, ...]

    def matches(self, release: str, template: str) -> bool:
        return release in self.releases and self.pattern.fullmatch(template) is not None


@dataclass(frozen=True)
class Reported:
    """What pcs-lint said about one file: per rule, the ids and words its findings name."""

    by_rule: Mapping[str, frozenset[str]]
    counts: Mapping[str, int]  # findings per rule

    def covers(self, rules: Sequence[str], message: Message, per_file: bool) -> bool:
        present = [self.by_rule[rule] for rule in rules if rule in self.by_rule]
        if not present:
            return False
        if per_file or not message.names:
            return True
        return any(name in words for words in present for name in message.names)


@dataclass(frozen=True)
class Row:
    template: str
    level: str
    release: str
    files: int
    rules: tuple[str, ...]
    agree: int
    disagree: int
    examples: tuple[str, ...]  # the first files that disagree (rows with rules), else that print it
    reason: str | None


def load_groups(path: Path = GROUPS) -> tuple[dict[str, str], list[GroupRule]]:
    """(reason key -> sentence, the group entries in file order: the first match wins)."""
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    reasons = dict(document["reasons"])
    entries = []
    for entry in document["group"]:
        reason = entry.get("reason")
        if reason is not None and reason not in reasons:
            raise ValueError(f"{path}: group {entry['match']!r} names an unknown reason {reason!r}")
        if not entry.get("rules") and reason is None:
            raise ValueError(f"{path}: group {entry['match']!r} has neither rules nor a reason")
        entries.append(GroupRule(re.compile(entry["match"]), tuple(entry.get("rules", ())), reason,
                                 bool(entry.get("per_file", False)), tuple(entry.get("releases", RELEASES))))
    return reasons, entries


def reported(findings: Iterable) -> Reported:
    by_rule: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for finding in findings:
        counts[finding.rule] += 1
        words = by_rule[finding.rule]
        if finding.object_id:
            words.add(finding.object_id)
        words.update(_XPATH_ID.findall(finding.xpath or "")[-XPATH_LEVELS:])
        words.update(_WORD.findall(finding.message))
        words.update(word.strip("'\"") for word in finding.message.split())
    return Reported({rule: frozenset(words) for rule, words in by_rule.items()}, dict(counts))


def pcs_lint_runner(release: str) -> Callable[[bytes, str], Reported]:
    """Lint one document with pcs-lint for the target RELEASE, as ``--pacemaker-version`` does."""
    from pcs_lint.config import Config
    from pcs_lint.engine import lint_bytes
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry

    plan = build_plan(load_registry(autoload=False), Config(), CliOptions(pacemaker_version=release))
    return lambda data, name: reported(lint_bytes(data, name, plan))


def known_names(data: bytes) -> frozenset[str]:
    from pcs_lint.parse import XmlRejection, parse_xml

    parsed = parse_xml(data)
    return frozenset() if isinstance(parsed, XmlRejection) else names_in(parsed.root)


@dataclass(frozen=True)
class Measured:
    rows: list[Row]
    unmatched: list[Row]  # templates no group entry explains
    findings: Mapping[tuple[str, str], int]  # (release, rule) -> pcs-lint's findings on the corpus


def measure(outputs: Mapping[str, Mapping[str, Output]], groups: list[GroupRule],
            corpus: Path = CORPUS) -> Measured:
    """The rows of the document, the templates no group entry matches, and the findings per rule."""
    files = dict(crm_verify_outputs.corpus_files(corpus))
    runners = {release: pcs_lint_runner(release) for release in outputs}
    # (release, template) -> level, and per file: the messages of that template, what pcs-lint said
    levels: dict[tuple[str, str], str] = {}
    seen: dict[tuple[str, str], dict[str, list[Message]]] = defaultdict(lambda: defaultdict(list))
    said: dict[tuple[str, str], Reported] = {}
    for key, path in files.items():
        data = path.read_bytes()
        known = known_names(data)
        for release, by_file in outputs.items():
            output = by_file.get(key)
            if output is None:
                continue
            for message in templates(output.lines, known):
                levels.setdefault((release, message.template), message.level)
                seen[(release, message.template)][key].append(message)
            said[(release, key)] = runners[release](data, key)
    rows, unmatched = [], []
    for (release, template), by_file in seen.items():
        entry = next((g for g in groups if g.matches(release, template)), None)
        if entry is None:
            unmatched.append(Row(template, levels[(release, template)], release, len(by_file), (), 0, 0,
                                 tuple(sorted(by_file)[:EXAMPLES]), None))
            continue
        agree, disagreeing = 0, []
        if entry.rules:
            for key, messages in sorted(by_file.items()):
                report = said[(release, key)]
                if all(report.covers(entry.rules, m, entry.per_file) for m in messages):
                    agree += 1
                else:
                    disagreeing.append(key)
        examples = disagreeing if entry.rules else sorted(by_file)
        rows.append(Row(template, levels[(release, template)], release, len(by_file), entry.rules, agree,
                        len(disagreeing), tuple(examples[:EXAMPLES]), entry.reason))
    rows.sort(key=lambda r: (-r.files, r.template, r.release))
    unmatched.sort(key=lambda r: (-r.files, r.template, r.release))
    findings: dict[tuple[str, str], int] = defaultdict(int)
    for (release, _), report in said.items():
        for rule, count in report.counts.items():
            findings[(release, rule)] += count
    return Measured(rows, unmatched, dict(findings))


def _cell(text: str) -> str:
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def render(measured: Measured, reasons: Mapping[str, str]) -> str:
    rows, unmatched = measured.rows, measured.unmatched
    out = [
        "# Agreement with crm_verify 2.1.5 and 3.0.0 on the corpus",
        "",
        "Generated by `tools/fidelity_report.py` (do not edit; `tests/test_fidelity.py` checks it is "
        "current). For every CIB of `../shared/corpus` (pacemaker-cts, pcs-tests, crmsh-tests), "
        "crm_verify's lines (`crm_verify -VV -x FILE`; 2.1.5 from the corpus manifests, 3.0.0 from "
        "`tests/data/crm_verify-3.0.0.json`, both cut at 40 lines per file) are reduced to message "
        "templates (ids and node names become `<ID>`, action keys `<ACTION>`, numbers `N`, times "
        "`<TIME>`, recorded operation results `<RESULT>`). pcs-lint lints the same file with "
        "`--pacemaker-version` set to the same release.",
        "",
        "A file **agrees** when, for every line of the template in it, one of the listed rules reports "
        "the element the line names (a finding whose object id or message names that id), or, for a "
        "line that names no element or a row marked *per file*, reports anything in that file. "
        "Templates no rule reports carry a reason (see the last table).",
        "",
        "## Totals",
        "",
        "| release | templates | with a rule | agreeing files | disagreeing files | with a reason | unexplained |",
        "|---|---|---|---|---|---|---|",
    ]
    for release in RELEASES:
        mine = [r for r in rows if r.release == release]
        ruled = [r for r in mine if r.rules]
        unexplained = sum(u.release == release for u in unmatched)
        out.append(f"| {release} | {len(mine) + unexplained} | {len(ruled)} | "
                   f"{sum(r.agree for r in ruled)} | {sum(r.disagree for r in ruled)} | "
                   f"{sum(1 for r in mine if not r.rules)} | {unexplained} |")
    out += ["", "## Templates a rule reports", "",
            "| template | level | release | files | rules | agree | disagree | e.g. disagreeing | note |",
            "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        if not row.rules:
            continue
        note = row.reason or ""
        out.append(f"| {_cell(row.template)} | {row.level} | {row.release} | {row.files} | "
                   f"{', '.join(row.rules)} | {row.agree} | {row.disagree} | "
                   f"{', '.join(row.examples)} | {note} |")
    out += ["", "## Templates no rule reports", "",
            "| template | level | release | files | reason | e.g. |", "|---|---|---|---|---|---|"]
    for row in rows:
        if not row.rules:
            out.append(f"| {_cell(row.template)} | {row.level} | {row.release} | {row.files} | {row.reason} | "
                       f"{', '.join(row.examples)} |")
    if unmatched:
        out += ["", "## Unexplained templates", "", "| template | level | release | files | e.g. |",
                "|---|---|---|---|---|"]
        out += [f"| {_cell(r.template)} | {r.level} | {r.release} | {r.files} | {', '.join(r.examples)} |"
                for r in unmatched]
    out += ["", "## Reasons", "", "| reason | what it means (how to check) |", "|---|---|"]
    out += [f"| {key} | {text} |" for key, text in sorted(reasons.items())]
    out += ["", "## pcs-lint's findings per rule on the corpus", "",
            "Every finding of every file above, by target release.", "",
            "| rule | " + " | ".join(RELEASES) + " |", "|---|" + "---|" * len(RELEASES)]
    for rule in sorted({rule for _, rule in measured.findings}):
        out.append(f"| {rule} | " + " | ".join(str(measured.findings.get((r, rule), 0)) for r in RELEASES) + " |")
    return "\n".join(out) + "\n"


def measure_corpus(corpus: Path = CORPUS, stored_3_0_0: Path = crm_verify_outputs.STORED_3_0_0,
                   ) -> tuple[Measured, dict[str, str]]:
    """What both reference releases and pcs-lint say on the corpus, and the reasons."""
    reasons, groups = load_groups()
    outputs = {"2.1.5": crm_verify_outputs.outputs_2_1_5(corpus),
               "3.0.0": crm_verify_outputs.outputs_3_0_0(stored_3_0_0)}
    return measure(outputs, groups, corpus), reasons


def generate(corpus: Path = CORPUS, stored_3_0_0: Path = crm_verify_outputs.STORED_3_0_0) -> str:
    return render(*measure_corpus(corpus, stored_3_0_0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--collect", action="store_true",
                        help="rewrite tests/data/crm_verify-3.0.0.json first (tools/crm_verify_outputs.py)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if args.collect and crm_verify_outputs.main(["--corpus", str(args.corpus)]) != 0:
        return 2
    text = generate(args.corpus)
    if args.check:
        return 0 if DOCUMENT.exists() and DOCUMENT.read_text(encoding="utf-8") == text else 1
    DOCUMENT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
