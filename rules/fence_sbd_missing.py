"""PCS607 fence-sbd-missing: nodes use an SBD disk but no fence device writes the poison pill."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import SBD_AGENTS, priority_delay, sbd_devices, sbd_nodes
from pcs_lint.sbd import DEVICE


def check(ctx: Context) -> Iterator[Problem]:
    disk = [node for node in sbd_nodes(ctx.sbd_files) if node.disk]
    if not disk or sbd_devices(ctx.cib):
        return
    where = "; ".join(f"{node.node} ({node.at(DEVICE)})" for node in disk)
    other = " even though other fence devices exist," if ctx.cib.fence_devices else ""
    section = ctx.cib.configuration.find("resources") if ctx.cib.configuration is not None else None
    devices = next((shown for node in disk if (shown := node.shown_devices()) is not None), None)
    fix = _create(ctx, devices) if devices is not None else None
    yield Problem(
        f"SBD_DEVICE is set on {where} but no fence device of type {' or '.join(SBD_AGENTS)} exists:{other} "
        "nothing writes the poison pill to the disk, so fencing through SBD is lost and a node that "
        "hangs with its watchdog still fed is never fenced by it",
        element=section if section is not None else ctx.cib.root,
        object_id=disk[0].node,
        hint=None if fix is not None else "pcs stonith create fence-sbd fence_sbd devices=DEVICE[,DEVICE...] "
        "pcmk_delay_max=30s, naming the devices of SBD_DEVICE",
        related=tuple(node.file.location(DEVICE) for node in disk),
        fix=fix,
    )


def _create(ctx: Context, devices: str) -> Fix:
    """Create the fence_sbd device with an id no element has. A random delay keeps two nodes from
    fencing each other at once, unless priority-fencing-delay already decides that (a random
    delay beside it would make that delay too small: PCS309)."""
    name = next(candidate for n in range(1, len(ctx.cib.ids) + 2)
                if (candidate := "fence-sbd" if n == 1 else f"fence-sbd-{n}") not in ctx.cib.ids)
    delay = "" if priority_delay(ctx.cib)[1] else " pcmk_delay_max=30s"
    return Fix.of(f"pcs stonith create {name} fence_sbd devices={devices.replace(';', ',')}{delay}")


RULE = Rule(
    code="PCS607",
    name="fence-sbd-missing",
    severity=Severity.ERROR,
    summary="a node's SBD file has SBD_DEVICE and no fence_sbd or external/sbd fence device exists",
    check=check,
    doc=rule_doc(__name__),
)
