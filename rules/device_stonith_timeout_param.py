"""PCS310 device-stonith-timeout-param: stonith-timeout set as a fence device parameter, where
Pacemaker ignores it."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import FENCING_TIMEOUT_NAMES


def check(ctx: Context) -> Iterator[Problem]:
    for device in ctx.cib.fence_devices:
        params = ctx.cib.params(device)
        for name in FENCING_TIMEOUT_NAMES:
            pair = params.get(name)
            if pair is None:
                continue
            yield Problem(
                f"fence device {device.id} has {name} as a parameter (nvpair {pair.id}): Pacemaker ignores it "
                "there; the cluster option of that name, or the device's pcmk_reboot_timeout and "
                "pcmk_off_timeout, limit how long fencing with this device may take",
                element=pair.element,
                object_id=device.id,
                hint=f"pcs stonith update {device.id} {name}= pcmk_reboot_timeout={pair.value}",
            )


RULE = Rule(
    code="PCS310",
    name="device-stonith-timeout-param",
    severity=Severity.INFO,
    summary="stonith-timeout set as a fence device parameter, where Pacemaker ignores it",
    check=check,
    doc=rule_doc(__name__),
)
