"""PCS505 nodelist-invalid: duplicate node names, addresses or node ids, missing node ids with
knet, uneven links, IPv4 and IPv6 mixed in one link."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, transport, where

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, NodelistEntry


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        if conf.nodelist:
            yield from _judge(conf)


_LISTED = 10  # nodes named in one message; a longer list ends with how many more


def _names(entries: list[NodelistEntry]) -> str:
    named = ", ".join(f"{entry.label} (line {entry.line})" for entry in entries[:_LISTED])
    return named + (f" and {len(entries) - _LISTED} more" if len(entries) > _LISTED else "")


def _problem(conf: CorosyncConf, entry: NodelistEntry, text: str, hint: str, object_id: str) -> Problem:
    return Problem(f"{where(conf)} line {entry.line}: {text}", object_id=object_id,
                   location=at(conf, entry.line), hint=hint)


def _duplicates(entries, value_of) -> Iterator[tuple[str, list[NodelistEntry]]]:
    groups: dict[str, list[NodelistEntry]] = {}
    for entry in entries:
        value = value_of(entry)
        if value is not None:
            groups.setdefault(value, []).append(entry)
    for value, group in groups.items():
        if len(group) > 1:
            yield value, group


def _judge(conf: CorosyncConf) -> Iterator[Problem]:
    from pcs_lint.corosync import ip_version

    entries = list(conf.nodelist)
    for name, group in _duplicates(entries, lambda e: e.name):
        yield _problem(conf, group[1], f"node name {name!r} is used by {len(group)} nodes: {_names(group)}",
                       "give every node its own name", name)
    links = sorted({number for entry in entries for number, _ in entry.addresses})
    for link in links:
        for address, group in _duplicates(entries, lambda e, n=link: e.address(n)):
            yield _problem(conf, group[1], f"ring{link}_addr {address!r} is the address of {len(group)} nodes "
                           f"on link {link}: {_names(group)}", "give every node its own address on each link",
                           f"ring{link}_addr")
        versions = {ip_version(entry.address(link) or "") for entry in entries} - {None}
        if len(versions) > 1:
            v4 = [e for e in entries if ip_version(e.address(link) or "") == 4]
            v6 = [e for e in entries if ip_version(e.address(link) or "") == 6]
            yield _problem(conf, (v6 or v4)[0], f"link {link} mixes IPv4 addresses ({_names(v4)}) and IPv6 "
                           f"addresses ({_names(v6)}): a link is one network, of one IP version",
                           "use addresses of one IP version on each link", f"ring{link}_addr")
    for nodeid, group in _duplicates(entries, lambda e: e.nodeid_text):
        yield _problem(conf, group[1], f"nodeid {nodeid} is used by {len(group)} nodes: {_names(group)}",
                       "give every node its own nodeid (1, 2, 3...)", "nodeid")
    if transport(conf) == "knet":
        for entry in entries:
            if entry.nodeid_text is None or entry.nodeid == 0:
                what = "has no nodeid" if entry.nodeid_text is None else "has nodeid 0"
                yield _problem(conf, entry, f"node {entry.label} {what}: knet needs a non-zero nodeid for every "
                               "node", "add 'nodeid: N' (a number unique in the cluster, not 0) to the node", "nodeid")
    counts = {len(entry.addresses) for entry in entries}
    if len(counts) > 1:
        most = max(counts)
        short = [entry for entry in entries if len(entry.addresses) < most]
        yield _problem(conf, short[0], f"nodes have different numbers of links (ringN_addr): {_names(short)} "
                       f"{'has' if len(short) == 1 else 'have'} fewer than {most}; corosync's own message names "
                       "only the interface", "give every node one ringN_addr per link", "ring_addr")


RULE = Rule(
    code="PCS505",
    name="nodelist-invalid",
    severity=Severity.ERROR,
    summary="duplicate node name, address or nodeid, missing nodeid (knet), uneven links, IPv4 and IPv6 in one link",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
