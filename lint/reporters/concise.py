"""``--format concise``: one line per finding, ``path:line:col: CODE what``, for a terminal or a
log where the full messages (250-400 characters, with the why and the fix) would wrap over
several lines. Only the message's first clause is kept; ``pcs-lint explain CODE`` and the text
format give the rest.
"""

from __future__ import annotations

import re

from pcs_lint.findings import Finding
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import escape_control
from pcs_lint.reporters.text import location, render_with

# Whole lines, location included: past the first, parenthesised asides are dropped; past the
# second, the rest is cut (a long id or path).
ASIDE_LIMIT, LINE_LIMIT = 140, 160
_SHORTEST_CLAUSE = 40  # a clause shorter than this ("location constraint 'x'") says too little
# Where a clause ends, outside quotes: a colon or semicolon before a space, a sentence's full
# stop, or a comma before a word that starts a subordinate clause ("..., which is not ...").
_CLAUSE_END = re.compile(
    r"""'[^']*'|"[^"]*"|[:;](?=\s)|\.(?=\s+[A-Z])|,(?=\s+(?:which|so|but|and|because|where|while|the)\b)"""
)


def first_clause(message: str) -> str:
    """The message up to the end of its first clause that says enough on its own."""
    for match in _CLAUSE_END.finditer(message):
        if match.group()[0] in "'\"":
            continue
        if match.start() >= _SHORTEST_CLAUSE:
            return message[:match.start()]
    return message


_ASIDE = re.compile(r"""'[^']*'|"[^"]*"|\s*\([^()]*\)""")


def without_asides(text: str) -> str:
    """``text`` without its parenthesised asides (quoted names are kept whole)."""
    return _ASIDE.sub(lambda m: m.group() if m.group()[0] in "'\"" else "", text)


def format_concise(finding: Finding, color: bool) -> str:
    del color  # one plain line: concise output is for logs and narrow terminals
    head = f"{location(finding)}: {escape_control(finding.rule)} "
    text = escape_control(first_clause(finding.message))
    if len(head) + len(text) > ASIDE_LIMIT:
        text = without_asides(text)
    room = max(LINE_LIMIT - len(head), 40)
    if len(text) > room:
        cut = text[:room - 1]
        text = (cut[:cut.rfind(" ")] if " " in cut[room // 2:] else cut) + "…"
    return head + text


def render(report: Report, options: RenderOptions) -> str:
    return render_with(format_concise, report, options)
