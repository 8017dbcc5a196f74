"""PCS601 watchdog-timeout-vs-sbd: a positive stonith-watchdog-timeout not above a diskless SBD
node's SBD_WATCHDOG_TIMEOUT.

Pacemaker's start-up check (pcmk__valid_sbd_timeout in lib/common/watchdog.c, 2.1 and later)
shuts the node down when the timeout is below SBD_WATCHDOG_TIMEOUT; equal passes that check
although its own message asks for "more than". Below is therefore an error, equal a warning.
"""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import format_seconds, sbd_nodes, watchdog_timeout
from pcs_lint.rules._sbd_timing import watchdog_timeout_fix
from pcs_lint.sbd import WATCHDOG_TIMEOUT


def check(ctx: Context) -> Iterator[Problem]:
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    if not swt.positive:
        return
    nodes = sbd_nodes(ctx.sbd_files)
    # One value for the whole cluster: twice the largest diskless watchdog timeout, so the fix
    # for one node does not leave another below.
    largest = max((node.watchdog_timeout.value for node in nodes if not node.disk), default=0)
    for node in nodes:
        swdt = node.watchdog_timeout
        if node.disk or swt.ms > swdt.value * 1000:
            continue
        below = swt.ms < swdt.value * 1000
        fix = watchdog_timeout_fix(ctx, swt.name, 2 * largest, largest)
        consequence = (f"Pacemaker refuses to start on {node.node}" if below else
                       f"Pacemaker's start-up check lets equal values pass, but {node.node} may be declared "
                       "fenced at the very moment its watchdog fires, with no margin")
        yield Problem(
            f"{swt.name} {format_seconds(swt.ms)} ({swt.origin}) is not above the SBD watchdog timeout "
            f"{swdt.value} s of diskless SBD node {node.node} ({swdt.origin}): {consequence}, because a node "
            "must not be declared fenced before its watchdog has reset it",
            element=swt.pair.element,
            object_id=node.node,
            severity=None if below else Severity.WARNING,
            hint=f"{fix.text()} (twice the largest diskless watchdog timeout, as Pacemaker chooses when it is "
                 f"negative), or lower {WATCHDOG_TIMEOUT} in {node.file.path} on {node.node} (pcs stonith sbd "
                 f"enable {WATCHDOG_TIMEOUT}=N writes it on every node; a cluster restart applies it)",
            related=(node.file.location(WATCHDOG_TIMEOUT),),
            fix=fix,
        )


RULE = Rule(
    code="PCS601",
    name="watchdog-timeout-vs-sbd",
    severity=Severity.ERROR,
    summary="stonith-watchdog-timeout > 0 and not above a diskless SBD node's SBD_WATCHDOG_TIMEOUT",
    check=check,
    doc=rule_doc(__name__),
)
