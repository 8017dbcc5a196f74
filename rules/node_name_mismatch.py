"""PCS701 node-name-mismatch: the CIB's cluster nodes against corosync.conf's nodelist, linked by
node id as Pacemaker links them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind, fold
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._cluster import first_with_nodelist
from pcs_lint.rules._corosync import at, transport, where
from pcs_lint.values import unsigned_decimal

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, NodelistEntry


def _entry_label(conf: CorosyncConf, entry: NodelistEntry) -> str:
    return f"the nodelist entry at {where(conf)} line {entry.line}"


def check(ctx: Context) -> Iterator[Problem]:
    from pcs_lint.corosync import ip_version

    if ctx.cib is None:
        return
    conf = next(first_with_nodelist(ctx.corosync), None)
    if conf is None:
        return
    by_id = {entry.nodeid: entry for entry in conf.nodelist if entry.nodeid is not None}
    cib_nodes = [record for record in ctx.cib.node_model.nodes(NodeKind.CLUSTER, created=None)
                 if record.entry is not None]
    for record in cib_nodes:
        node = record.entry
        name = node.uname or node.id or ""
        number = unsigned_decimal(node.id or "")
        entry = by_id.get(number) if number is not None else None
        if entry is None:
            reason = (f"no node there has nodeid: {node.id}" if number is not None else
                      f"corosync node ids are numbers and {node.id!r} is none (a CIB written by a heartbeat or "
                      "openais cluster?)")
            yield Problem(
                f"cluster node {name!r} (<node id={node.id!r}>) matches no entry of {where(conf)}'s nodelist: "
                f"{reason}, so this entry belongs to no corosync node (a node removed from corosync, or a CIB "
                "from another cluster)",
                element=node.element, object_id=name,
                hint=f"if {name} left the cluster, remove its entry (pcs cluster node clear {name}); otherwise give "
                     f"its corosync.conf entry the nodeid of its CIB entry",
            )
            continue
        if node.uname is not None and fold(node.uname) != fold(entry.label):
            yield Problem(
                f"cluster node {node.uname!r} (<node id={node.id!r}>) is called {entry.label!r} in corosync.conf "
                f"({_entry_label(conf, entry)}, nodeid: {entry.nodeid}): Pacemaker takes the node's name from "
                "corosync, so constraints and attributes written for this name never apply to it",
                element=node.element, object_id=node.uname,
                related=(at(conf, entry.line),),
                hint=f"use one name: set name: {node.uname} in corosync.conf's entry, or use {entry.label} in the "
                     "CIB (the stale entry goes with pcs cluster node clear)",
            )
    knet = transport(conf) == "knet"  # PCS505 reports a missing nodeid with knet
    for entry in conf.nodelist:
        if entry.nodeid_text is None and not knet:
            yield Problem(
                f"{where(conf)} line {entry.line}: node {entry.label} has no nodeid: Pacemaker finds a node's "
                "corosync.conf entry by nodeid, so it cannot link this node to its entry",
                location=at(conf, entry.line), object_id=entry.label,
                hint="add 'nodeid: N' (a number unique in the cluster) to the node on every node's copy",
            )
        if entry.name is None and ip_version(entry.address(0) or "") is not None:
            yield Problem(
                f"{where(conf)} line {entry.line}: node {entry.label} has no name and its ring0_addr is an IP "
                "address: Pacemaker then names the node after the host's own uname -n, which corosync.conf does "
                "not show, and pcs warns that corosync and pacemaker node names do not match",
                location=at(conf, entry.line), object_id=entry.label, severity=Severity.WARNING,
                hint="add 'name: HOSTNAME' (the node's uname -n) to the node on every node's copy",
            )
    # Before a node first joins, the CIB has no entry for it: worth knowing, not wrong. A CIB
    # with no cluster node at all (made with pcs -f) says nothing about which nodes joined.
    if not cib_nodes:
        return
    known = _cib_ids(cib_nodes)
    named = {fold(record.name) for record in cib_nodes if record.name}
    for entry in conf.nodelist:
        # A node the CIB has under another id is reported above, not as one yet to join.
        if entry.nodeid is not None and entry.nodeid not in known and fold(entry.label) not in named:
            yield Problem(
                f"{where(conf)} line {entry.line}: corosync node {entry.label} (nodeid: {entry.nodeid}) has no "
                "entry in the CIB's <nodes>: normal until it first joins the cluster",
                location=at(conf, entry.line), object_id=entry.label, severity=Severity.INFO,
            )


def _cib_ids(records) -> set[int]:
    return {number for record in records if (number := unsigned_decimal(record.entry.id or "")) is not None}


RULE = Rule(
    code="PCS701",
    name="node-name-mismatch",
    severity=Severity.ERROR,
    summary="a CIB cluster node and corosync's nodelist disagree on its name or id, or cannot be linked",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
