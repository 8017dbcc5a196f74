"""PCS609 msgwait-vs-watchdog: timeouts on an SBD disk header (sbd dump) that cannot work:
msgwait below twice the watchdog timeout, or one node's devices with different timeouts."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import sbd_nodes
from pcs_lint.sbd import DEVICE


def check(ctx: Context) -> Iterator[Problem]:
    headers = {}
    for device in sorted(ctx.sbd_dumps):
        dump = ctx.sbd_dumps[device]
        header = dump.header()
        if header is None:
            continue
        headers[device] = (dump, header)
        watchdog, msgwait = header.timeout("watchdog"), header.timeout("msgwait")
        if watchdog is None or msgwait is None or msgwait.seconds >= 2 * watchdog.seconds:
            continue
        yield Problem(
            f"SBD device {device}: msgwait {msgwait.seconds} s ({dump.where(msgwait)}) is below twice the "
            f"watchdog timeout {watchdog.seconds} s ({dump.where(watchdog)}): a poison pill is taken as delivered "
            "before the victim's watchdog is sure to have reset it",
            object_id=device,
            location=SourceLocation(dump.path, msgwait.line, None),
            hint=f"re-create the header with the cluster stopped: sbd -d {device} -1 {watchdog.seconds} "
                 f"-4 {2 * watchdog.seconds} create",
        )
    for node in sbd_nodes(ctx.sbd_files):
        mine = [(device, *headers[device]) for device in node.devices if device in headers]
        readings = {(h.timeout("watchdog").seconds if h.timeout("watchdog") else None,
                     h.timeout("msgwait").seconds if h.timeout("msgwait") else None) for _, _, h in mine}
        if len(readings) < 2:
            continue
        shown = "; ".join(f"{device}: watchdog {_s(h, 'watchdog')}, msgwait {_s(h, 'msgwait')} ({dump.path})"
                          for device, dump, h in mine)
        yield Problem(
            f"the SBD devices of {node.node} ({node.at(DEVICE)}) have different timeouts ({shown}): sbd uses the "
            "first readable device's, so fencing timing depends on which disk answers first",
            object_id=node.node,
            location=node.file.location(DEVICE),
            hint="re-create every device's header with the same -1 (watchdog) and -4 (msgwait) values",
        )


def _s(header, name: str) -> str:
    value = header.timeout(name)
    return f"{value.seconds} s" if value is not None else "unknown"


RULE = Rule(
    code="PCS609",
    name="msgwait-vs-watchdog",
    severity=Severity.ERROR,
    summary="an SBD disk's msgwait below twice its watchdog timeout, or one node's devices with different timeouts",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
