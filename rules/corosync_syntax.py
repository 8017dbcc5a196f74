"""PCS500 corosync-syntax: a line of corosync.conf that corosync 3.1.7 refuses to read, unbalanced
braces, a value its parser refuses, and a '#' after a value (part of the value for corosync)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, key_at, key_spec, parser_refuses, where

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, CorosyncKey, CorosyncSection

# Names that are both a key and a section somewhere in the key list (logging's logger_subsys).
_ALSO_SECTIONS = {"logger_subsys"}


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        for issue in conf.issues:
            yield Problem(
                f"{where(conf)} line {issue.line}: {issue.message}; corosync refuses to start with this file",
                object_id=conf.path,
                location=at(conf, issue.line, issue.column),
                hint=_HINTS.get(issue.kind, "write 'key: value', 'name {' or '}' on each line; comments start with #"),
            )
        for section in conf.walk():
            for child in section.sections:
                if key_spec(section.path, child.name) is not None and child.name not in _ALSO_SECTIONS:
                    yield _section_for_value(conf, child)
            for key in section.keys:
                if key.comment_column is not None:
                    yield _trailing_comment(conf, key)
                elif (why := parser_refuses(key)) is not None:
                    yield Problem(
                        f"{where(conf)} line {key.line}: {key.dotted} is {key.value!r}, which {why}: corosync refuses "
                        "to start with this file",
                        object_id=key.dotted, location=key_at(conf, key),
                        hint=f"give {key.dotted} a value corosync reads (see corosync.conf(5))",
                    )


def _section_for_value(conf: CorosyncConf, section: CorosyncSection) -> Problem:
    return Problem(
        f"{where(conf)} line {section.line}: {section.name!r} opens a section, but it is a key of "
        f"{section.path.rsplit('.', 1)[0] if '.' in section.path else 'the top level'}: corosync reads the "
        f"section and ignores it, so {section.name} keeps its default",
        object_id=section.path, location=at(conf, section.line),
        hint=f"write it as a key: '{section.name}: VALUE'",
    )


def _trailing_comment(conf: CorosyncConf, key: CorosyncKey) -> Problem:
    why = parser_refuses(key)
    outcome = (f"{why}, so corosync refuses to start with this file" if why is not None
               else "and corosync uses that text as it is")
    secret = (key_spec(key.path, key.name) or {}).get("secret", False)
    value = "the text up to the end of the line, comment included" if secret else repr(key.value)
    return Problem(
        f"{where(conf)} line {key.line}: the '#' after the value of {key.dotted} is not a comment: corosync "
        f"comments only whole lines, so the value is {value}, {outcome}",
        object_id=key.dotted,
        location=at(conf, key.line, key.comment_column),
        hint="move the comment to its own line above the key",
    )


_HINTS = {
    "unclosed": "add the missing '}' where the section ends",
    "unexpected-close": "remove the extra '}' (or add the section it was meant to close)",
    "after-brace": "put what follows '{' on the next line",
    "around-brace": "put '}' alone on its line",
    "no-section-name": "write the section's name before '{' (totem {, nodelist {, node {)",
    "key-name": "key names are letters, digits and _ - . / (and the whole dotted name at least 3 characters)",
    "too-long": "shorten the line to at most 510 bytes",
    "nul": "remove the NUL byte: the file must be text",
    "path-too-long": "nest fewer sections (corosync's paths are at most 255 characters)",
}


RULE = Rule(
    code="PCS500",
    name="corosync-syntax",
    severity=Severity.ERROR,
    summary="a corosync.conf line corosync refuses, unbalanced braces, a value its parser refuses, or a '#' "
    "after a value",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
