"""PCS702 two-node-fence-race: a two_node cluster in which nothing decides which node fences
first after a split (needs corosync.conf's facts: lint/quorum_facts.py)."""

from collections.abc import Iterator

from pcs_lint.durations import parse_interval
from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._sbd import delay_ms

PRIORITY_DELAY = "priority-fencing-delay"


def _breaks_ties(params) -> bool:
    """A random delay (pcmk_delay_max > 0), or a static one that differs per node."""
    if delay_ms(params["pcmk_delay_max"].value if "pcmk_delay_max" in params else None) > 0:
        return True
    base = params.get("pcmk_delay_base")
    if base is None or ":" not in (base.value or ""):
        return False
    values = {delay_ms(part) for part in base.value.replace(",", ";").replace(" ", ";").split(";") if part.strip()}
    return len(values) > 1


def check(ctx: Context) -> Iterator[Problem]:
    facts = ctx.quorum or quorum_facts(ctx.corosync)
    if facts is None or facts.nodes != 2 or not facts.two_node or facts.qdevice or not ctx.cib.fence_devices:
        return
    pair = ctx.cib.cluster_options.get(PRIORITY_DELAY)
    if pair is not None and parse_interval(pair.value).ms:
        return
    if any(_breaks_ties(ctx.cib.params(device)) for device in ctx.cib.fence_devices):
        return
    first = ctx.cib.fence_devices[0]
    yield Problem(
        f"two-node cluster with two_node: 1 and no quorum device ({facts.path}), and neither {PRIORITY_DELAY} > 0 "
        f"nor a fence device with pcmk_delay_max or per-node pcmk_delay_base: after a split both nodes keep "
        "quorum and fence each other at the same moment, which can take down both",
        element=first.element,
        object_id=first.id,
        hint=f"pcs stonith update {first.id} pcmk_delay_max=15s, or pcs property set {PRIORITY_DELAY}=30s",
    )


RULE = Rule(
    code="PCS702",
    name="two-node-fence-race",
    severity=Severity.WARNING,
    summary="two_node without a quorum device, priority-fencing-delay or a fence delay: both nodes fence each other",
    check=check,
    doc=rule_doc(__name__),
)
