"""PCS706 node-file-missing: per-node files were given for some nodes and not for others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import listed_names

# Which nodes each kind of file concerns: corosync and SBD run on cluster nodes only; the
# Pacemaker environment file is read by pacemaker-remoted on remote and guest hosts too.
HOSTS = (NodeKind.CLUSTER, NodeKind.REMOTE, NodeKind.GUEST)


def _missing(ctx: Context, given: Iterable[str], kinds: tuple[NodeKind, ...]) -> list[str]:
    have = set(given)
    names: dict[str, None] = {}  # in model order, each once
    for record in ctx.cib.node_model.nodes(*kinds):
        if record.kind is not NodeKind.CLUSTER and not record.is_connection:
            continue  # a <node type="remote"> entry without its connection is no host
        if record.name not in have:
            names[record.name] = None
    return list(names)


def _problem(what: str, option: str, files: Mapping[str, str], missing: list[str], checks: str) -> Problem:
    first = files[sorted(files)[0]]
    return Problem(
        f"{what} given for {listed_names(sorted(files), len(files))} but not for "
        f"{listed_names(missing, len(missing))}: {checks} cover only the nodes with a file",
        location=SourceLocation(first), object_id=option,
        hint=f"give every node's file ({option} NODE=PATH for {', '.join(missing[:3])}"
             f"{', ...' if len(missing) > 3 else ''}), or ignore this when they are the same as the others'",
    )


def _crm_report_without_environment(ctx: Context) -> Iterator[Problem]:
    """A crm_report copies no Pacemaker environment file (its collector only sources it,
    Pacemaker 2.1.5's report.collector): say so once, when nothing else gave one."""
    if not ctx.report_nodes:
        return
    from pcs_lint.report_bundles import CRM_REPORT  # here: a run without bundles never needs it

    nodes = [n for n in ctx.report_nodes if n.kind == CRM_REPORT and n.environment is None]
    if not nodes or ctx.env_files:
        return  # with some environment files, the check above names the nodes without one
    reports = list(dict.fromkeys(n.bundle for n in nodes))
    yield Problem(
        f"the crm_report{'s' if len(reports) > 1 else ''} {', '.join(reports)} hold"
        f"{'' if len(reports) > 1 else 's'} no Pacemaker environment file (crm_report only reads "
        f"/etc/sysconfig/pacemaker, it does not copy it): the port, address and key checks "
        f"(PCS113-PCS116, PCS137) had no node's file to judge",
        location=SourceLocation(reports[0]), object_id=reports[0],
        hint="give each node's file with --sysconfig NODE=PATH (or [sysconfig] in the config), or an "
             "sosreport per node, which copies it",
    )


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.cib.node_model:
        return  # no source names nodes: nothing to compare the files with
    yield from _crm_report_without_environment(ctx)
    if ctx.env_files:
        missing = _missing(ctx, ctx.env_files, HOSTS)
        if missing:
            yield _problem("Pacemaker environment files are", "--sysconfig",
                           {node: env.path for node, env in ctx.env_files.items()}, missing,
                           "the port, address and key checks (PCS113-PCS116, PCS137)")
    if ctx.sbd_files:
        missing = _missing(ctx, ctx.sbd_files, (NodeKind.CLUSTER,))
        if missing:
            yield _problem("SBD files are", "--sbd", {node: sbd.path for node, sbd in ctx.sbd_files.items()},
                           missing, "the SBD checks across nodes (PCS601, PCS604, PCS605, PCS608)")
    copies = {conf.node: conf.path for conf in ctx.corosync if conf.node is not None}
    if copies and len(copies) == len(ctx.corosync):  # a copy for every node covers them all
        missing = _missing(ctx, copies, (NodeKind.CLUSTER,))
        if missing:
            yield _problem("corosync.conf copies are", "--corosync", copies, missing,
                           "the comparison of the copies (PCS703)")


RULE = Rule(
    code="PCS706",
    name="node-file-missing",
    severity=Severity.INFO,
    summary="per-node files (environment, SBD, corosync.conf) given for some nodes and not others",
    check=check,
    doc=rule_doc(__name__),
)
