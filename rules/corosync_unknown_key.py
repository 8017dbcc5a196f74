"""PCS504 corosync-unknown-key: a key or section corosync does not know (it ignores it silently),
and deprecated keys or corosync 1/2-era sections (info). The key list is data:
schemas/corosync-keys.json."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, key_at, key_list, key_spec, section_spec, transport, where
from pcs_lint.rules._suggest import suggest_name

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, CorosyncKey, CorosyncSection

# Keys that only mean something with the transports named (corosync.conf(5), interface section).
_UDP_ONLY = {"bindnetaddr", "mcastaddr"}


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        yield from _judge(conf)


def _judge(conf: CorosyncConf) -> Iterator[Problem]:
    ignored = key_list()["ignored_sections"]
    knet = transport(conf) == "knet"
    # Sections are judged top down; below an unknown or ignored section nothing more is said.
    stack: list[CorosyncSection] = [conf.root]
    while stack:
        section = stack.pop()
        spec = section_spec(section.path)
        for key in section.keys:
            found = key_spec(section.path, key.name)
            if found is None:
                if section.path == "" and key.name in ignored:
                    yield _ignored(conf, key.name, key.line, ignored[key.name])
                else:
                    yield _unknown_key(conf, key, spec)
            elif "deprecated" in found and key.name not in _UDP_ONLY:
                yield _deprecated(conf, key, found["deprecated"])
            elif key.name in _UDP_ONLY and knet:
                yield _deprecated(conf, key, found["deprecated"])
        for child in reversed(section.sections):
            if child.name in (spec or {}).get("sections", ()):
                stack.append(child)
            elif key_spec(section.path, child.name) is not None:
                continue  # a key written as a section: PCS500 reports it
            elif section.path == "" and child.name in ignored:
                yield _ignored(conf, child.name, child.line, ignored[child.name])
            else:
                yield _unknown_section(conf, section, child)


def _unknown_key(conf: CorosyncConf, key: CorosyncKey, spec) -> Problem:
    return _unknown(conf, key.name, key.path, frozenset((spec or {}).get("keys", ())), key_at(conf, key),
                    "is not a key corosync knows", "the setting it was meant to make does not apply", key.dotted)


def _unknown_section(conf: CorosyncConf, parent: CorosyncSection, child: CorosyncSection) -> Problem:
    return _unknown(conf, child.name, parent.path, frozenset((section_spec(parent.path) or {}).get("sections", ())),
                    at(conf, child.line), "is not a section corosync knows",
                    "everything in it is ignored too", child.path, section=True)


def _unknown(conf: CorosyncConf, name: str, parent: str, known: frozenset[str], location, what: str,
             consequence: str, object_id: str, *, section: bool = False) -> Problem:
    suggestion = suggest_name(name, known) if known else None
    also = f" (did you mean {suggestion}?)" if suggestion else ""
    where_in = f"section {parent}" if parent else "the top level"
    noun = f"section {name!r}" if section else name
    return Problem(
        f"{where(conf)} line {location.line}: {noun} {what} in {where_in}{also}; corosync ignores it without a "
        f"word, so {consequence}",
        object_id=object_id, location=location,
        hint=f"rename it to {suggestion}" if suggestion else
        "remove it, or correct its name (see corosync.conf(5), votequorum(5))",
    )


def _deprecated(conf: CorosyncConf, key: CorosyncKey, why: str) -> Problem:
    return Problem(
        f"{where(conf)} line {key.line}: {key.dotted} is deprecated or ignored by corosync 3: {why}",
        object_id=key.dotted, location=key_at(conf, key), severity=Severity.INFO,
        hint="remove it, or replace it as its description says",
    )


def _ignored(conf: CorosyncConf, name: str, line: int, why: str) -> Problem:
    return Problem(
        f"{where(conf)} line {line}: {name} is ignored by corosync 3: {why}",
        object_id=name, location=at(conf, line), severity=Severity.INFO,
        hint="remove it (corosync 3 and Pacemaker 2 do not read it)",
    )


RULE = Rule(
    code="PCS504",
    name="corosync-unknown-key",
    severity=Severity.WARNING,
    summary="a corosync.conf key or section corosync does not know (did-you-mean); deprecated keys and corosync "
    "1/2-era sections (info)",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
