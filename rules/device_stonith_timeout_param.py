"""PCS310 device-stonith-timeout-param: stonith-timeout set as a fence device parameter, where
Pacemaker ignores it."""

from collections.abc import Iterator

from pcs_lint.durations import parse_timeout
from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import FENCING_TIMEOUT_NAMES

OWN_LIMITS = ("pcmk_reboot_timeout", "pcmk_off_timeout")  # a device's own limits on how long fencing takes


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
                fix=Fix.of(_update(device.id, name, pair.value, params)),
            )


def _update(device: str, name: str, value: str | None, params) -> str:
    """Remove the parameter; carry its value over to pcmk_reboot_timeout when it is a positive
    timeout and the device sets neither of its own limits (an explicit one is left as it is)."""
    command = f"pcs stonith update {device} {name}="
    if any(own in params for own in OWN_LIMITS) or not parse_timeout(value).ms:
        return command
    return f"{command} {OWN_LIMITS[0]}={value}"


RULE = Rule(
    code="PCS310",
    name="device-stonith-timeout-param",
    severity=Severity.INFO,
    summary="stonith-timeout set as a fence device parameter, where Pacemaker ignores it",
    check=check,
    doc=rule_doc(__name__),
)
