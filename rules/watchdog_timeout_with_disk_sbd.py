"""PCS608 watchdog-timeout-with-disk-sbd: every node uses an SBD disk and watchdog fencing is on."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import sbd_nodes, watchdog_timeout
from pcs_lint.sbd import DEVICE


def check(ctx: Context) -> Iterator[Problem]:
    nodes = sbd_nodes(ctx.sbd_files)
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    if not nodes or not all(node.disk for node in nodes) or not swt.positive:
        return
    yield Problem(
        f"{swt.name} is set ({swt.origin}) while every node uses an SBD disk "
        f"({'; '.join(f'{node.node}: {node.at(DEVICE)}' for node in nodes)}): watchdog self-fencing is for "
        "diskless SBD; beside a disk it lets the cluster assume a node dead after this timeout without the "
        "poison pill having been delivered",
        element=swt.pair.element,
        object_id=swt.pair.id,
        hint=f"pcs property unset {swt.name} --force (pcs judges SBD by the machine it runs on: on a node "
             "whose SBD uses devices it needs no --force, elsewhere it may refuse)",
        related=tuple(node.file.location(DEVICE) for node in nodes),
        # --force: pcs 0.11.5 refuses the unset on a machine whose own SBD has no device
        # ("cannot be unset or set to 0 while SBD is enabled without devices"), measured with pcs -f.
        fix=Fix.of(f"pcs property unset {swt.name} --force"),
    )


RULE = Rule(
    code="PCS608",
    name="watchdog-timeout-with-disk-sbd",
    severity=Severity.WARNING,
    summary="stonith-watchdog-timeout > 0 while every node's SBD file has SBD_DEVICE",
    check=check,
    doc=rule_doc(__name__),
)
