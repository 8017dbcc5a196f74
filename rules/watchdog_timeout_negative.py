"""PCS605 watchdog-timeout-negative: a negative stonith-watchdog-timeout (automatic: twice each
node's SBD_WATCHDOG_TIMEOUT), an error when the nodes' watchdog timeouts differ."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import sbd_nodes, watchdog_timeout
from pcs_lint.rules._sbd_timing import watchdog_timeout_fix
from pcs_lint.sbd import WATCHDOG_TIMEOUT


def check(ctx: Context) -> Iterator[Problem]:
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    if not swt.explicitly_negative:
        return
    nodes = sbd_nodes(ctx.sbd_files)
    values = {node.watchdog_timeout.value for node in nodes}
    readings = "; ".join(f"{node.node}: {node.watchdog_timeout.value} s ({node.watchdog_timeout.origin})"
                         for node in nodes)
    # An explicit value every node reads alike: twice the largest watchdog timeout, which is
    # what the automatic value gives on the slowest node.
    fix = watchdog_timeout_fix(ctx, swt.name, 2 * max(values), max(values)) if values else None
    if len(values) > 1:
        yield Problem(
            f"{swt.name} is negative ({swt.origin}), so each node uses twice its own {WATCHDOG_TIMEOUT}, and "
            f"those differ ({readings}): nodes disagree on when a fenced node is dead, which can corrupt or "
            "lose data",
            element=swt.pair.element, object_id=swt.pair.id, severity=Severity.ERROR,
            hint=f"{fix.text()}, and make {WATCHDOG_TIMEOUT} equal on all nodes (pcs stonith sbd enable "
                 f"{WATCHDOG_TIMEOUT}=N writes it on every node; a cluster restart applies it)",
            related=tuple(node.file.location(WATCHDOG_TIMEOUT) for node in nodes),
            fix=fix,
        )
        return
    known = f" (every node's {WATCHDOG_TIMEOUT}: {readings})" if nodes else f" (no SBD file was given, so " \
        f"whether every node's {WATCHDOG_TIMEOUT} is the same cannot be checked)"
    yield Problem(
        f"{swt.name} is negative ({swt.origin}): Pacemaker derives it from each node's own "
        f"{WATCHDOG_TIMEOUT}{known}; it is safe only while those stay equal",
        element=swt.pair.element, object_id=swt.pair.id,
        # Without SBD files the value is a guess: advice, not a fix.
        hint=f"set it explicitly: {fix.text()}" if fix is not None else
        f"set it explicitly to twice the nodes' {WATCHDOG_TIMEOUT}: pcs property set {swt.name}=10s "
        "for the default 5 s",
        fix=fix,
    )


RULE = Rule(
    code="PCS605",
    name="watchdog-timeout-negative",
    severity=Severity.WARNING,
    summary="stonith-watchdog-timeout negative (automatic); an error when nodes' SBD_WATCHDOG_TIMEOUT differ",
    check=check,
    doc=rule_doc(__name__),
)
