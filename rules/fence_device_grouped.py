"""PCS303 fence-device-grouped: a fence device inside a group (error) or a clone (info)."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._resources import nearest


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for device in cib.fence_devices:
        group = nearest(cib, device, "group")
        clone = nearest(cib, device, "clone")
        if group is not None:
            yield Problem(
                f"fence device {device.id!r} is inside group {group.id!r}: a group orders and "
                "colocates its members, so the device starts, stops and moves with resources it "
                "has nothing to do with, and a failure among them can leave the cluster unable "
                "to fence (pcs refuses to put a stonith resource into a group)",
                element=device.element,
                object_id=device.id,
                fix=Fix.of(f"pcs resource group remove {group.id} {device.id}"),
            )
        elif clone is not None:
            yield Problem(
                f"fence device {device.id!r} is cloned in {clone.id!r}, which has no effect: any "
                "node can use a fence device whether or not the device resource runs there "
                "(only a ban stops it), so the clone only adds monitor operations",
                element=device.element,
                object_id=device.id,
                severity=Severity.INFO,
                fix=Fix.of(f"pcs resource unclone {clone.id}"),
            )


RULE = Rule(
    code="PCS303",
    name="fence-device-grouped",
    severity=Severity.ERROR,
    summary="stonith resource in a group (error); cloned (info: no effect)",
    check=check,
    doc=rule_doc(__name__),
)
