"""PCS606 diskless-sbd-quorum: diskless SBD on an even number of corosync nodes without a quorum
device or auto_tie_breaker (needs corosync.conf's facts: lint/quorum_facts.py)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._sbd import sbd_nodes, watchdog_fencing_on, watchdog_timeout


def check(ctx: Context) -> Iterator[Problem]:
    facts = ctx.quorum or quorum_facts(ctx.corosync)
    if facts is None or facts.nodes % 2 or facts.qdevice or facts.auto_tie_breaker:
        return
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    diskless = [node.node for node in sbd_nodes(ctx.sbd_files) if not node.disk]
    if not watchdog_fencing_on(swt) or not diskless:
        return
    two_node = " (two_node: 1 does not help: it lets each half keep quorum alone)" if facts.two_node else ""
    yield Problem(
        f"diskless SBD ({swt.origin}; no SBD_DEVICE on {', '.join(diskless)}) on {facts.nodes} corosync nodes "
        f"({facts.path}) with neither a quorum device nor auto_tie_breaker{two_node}: after an even split both "
        "halves can keep quorum, so neither watchdog resets its node and both run the resources",
        element=swt.pair.element,
        object_id=swt.pair.id,
        hint="pcs quorum update auto_tie_breaker=1 (with the cluster stopped), or add a quorum device: "
             "pcs quorum device add model net host=QNETD-HOST algorithm=ffsplit",
    )


RULE = Rule(
    code="PCS606",
    name="diskless-sbd-quorum",
    severity=Severity.WARNING,
    summary="diskless SBD on an even number of corosync nodes without a quorum device or auto_tie_breaker",
    check=check,
    doc=rule_doc(__name__),
)
