"""PCS309 priority-fencing-delay-small: priority-fencing-delay > 0 but below twice the largest
random or static delay a fence device adds (pcmk_delay_base + pcmk_delay_max)."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import PRIORITY_DELAY as OPTION
from pcs_lint.rules._sbd import delay_ms, format_seconds, place, priority_delay

DELAYS = ("pcmk_delay_base", "pcmk_delay_max")


def check(ctx: Context) -> Iterator[Problem]:
    pair, delay = priority_delay(ctx.cib)
    if not delay:
        return
    worst, worst_parts, worst_device = 0, [], None
    for device in ctx.cib.fence_devices:
        params = ctx.cib.params(device)
        parts = [(params[name], delay_ms(params[name].value)) for name in DELAYS if name in params]
        total = sum(ms for _, ms in parts)
        if total > worst:
            worst, worst_parts, worst_device = total, parts, device
    if worst_device is None or delay >= 2 * worst:
        return
    setting = f"pcs property set {OPTION}={-(-2 * worst // 1000)}s"
    inputs = " + ".join(f"{format_seconds(ms)} ({place(ctx.path, p)})" for p, ms in worst_parts)
    yield Problem(
        f"{OPTION} {format_seconds(delay)} ({place(ctx.path, pair)}) is below twice the largest delay of fence "
        f"device {worst_device.id}, {inputs} = {format_seconds(worst)}: the node with fewer resources can "
        "fence the one with more before the priority delay protects it",
        element=pair.element,
        object_id=pair.id,
        hint=f"{setting}, or lower the device's delays",
        fix=Fix.of(setting),
    )


RULE = Rule(
    code="PCS309",
    name="priority-fencing-delay-small",
    severity=Severity.WARNING,
    summary="priority-fencing-delay > 0 and below twice a fence device's pcmk_delay_base + pcmk_delay_max",
    check=check,
    doc=rule_doc(__name__),
)
