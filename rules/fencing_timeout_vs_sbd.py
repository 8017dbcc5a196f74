"""PCS602 fencing-timeout-vs-sbd: the time fencing may take is not above the time SBD needs to
fence (msgwait with a disk, stonith-watchdog-timeout without one): fencing never completes
(error); or it leaves no margin for corosync to notice the loss first (warning, only with
corosync.conf's facts: see lint/quorum_facts.py)."""

from collections.abc import Iterator

from pcs_lint.durations import parse_timeout
from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._sbd import (
    fencing_timeout,
    format_seconds,
    place,
    sbd_devices,
    sbd_nodes,
    watchdog_timeout,
)
from pcs_lint.sbd import WATCHDOG_TIMEOUT

ACTION_TIMEOUT = "pcmk_reboot_timeout"  # the device's own limit for the reboot it is asked for
MARGIN_FLOOR_MS = 60_000  # the catalogue's floor for the margin: max(1.2 x wait, 60 s)


def check(ctx: Context) -> Iterator[Problem]:
    nodes = sbd_nodes(ctx.sbd_files)
    st = fencing_timeout(ctx.cib, ctx.release, ctx.path)
    yield from _disk(ctx, nodes, st)
    yield from _diskless(ctx, nodes, st)


def _disk(ctx, nodes, st) -> Iterator[Problem]:
    used = {device for node in nodes for device in node.devices} if nodes else set(ctx.sbd_dumps)
    waits = []
    for device in sorted(used & set(ctx.sbd_dumps)):
        dump = ctx.sbd_dumps[device]
        header = dump.header()
        msgwait = header.timeout("msgwait") if header is not None else None
        if msgwait is not None:
            waits.append((msgwait.seconds, device, dump.where(msgwait)))
    if not waits:
        return
    seconds, device, where = max(waits)
    for resource in sbd_devices(ctx.cib):
        own = ctx.cib.params(resource).get(ACTION_TIMEOUT)
        limit, origin, element = st.ms, st.origin, (st.pair.element if st.pair is not None else resource.element)
        if own is not None:
            read = parse_timeout(own.value)
            if read.valid:
                limit, origin, element = read.ms, place(ctx.path, own), own.element
        if limit > seconds * 1000:
            margin = _margin(ctx, seconds * 1000, f"msgwait {seconds} s ({where})")
            if margin is not None and limit < margin[0]:
                yield Problem(
                    f"fence device {resource.id} may take {format_seconds(limit)} ({origin}), less than "
                    f"{margin[1]}: a fencing request may time out while the victim is still being declared lost",
                    element=element, object_id=resource.id, severity=Severity.WARNING,
                    hint=f"pcs property set {st.name}={-(-margin[0] // 1000)}s" if own is None else
                    f"pcs stonith update {resource.id} {ACTION_TIMEOUT}={-(-margin[0] // 1000)}s",
                )
            continue
        yield Problem(
            f"fence device {resource.id} may take {format_seconds(limit)} ({origin}), which is not above "
            f"msgwait {seconds} s of SBD device {device} ({where}): fencing through the disk times out "
            "before the victim is known to be dead, so it never completes and the cluster fences again",
            element=element,
            object_id=resource.id,
            hint=f"pcs property set {st.name}={_suggest(seconds)}s (msgwait + 20%, at least 60 s)"
            if own is None else f"pcs stonith update {resource.id} {ACTION_TIMEOUT}={_suggest(seconds)}s",
        )


def _diskless(ctx, nodes, st) -> Iterator[Problem]:
    diskless = [node for node in nodes if not node.disk]
    if not diskless:
        return
    swt = watchdog_timeout(ctx.cib, ctx.release, ctx.path)
    if swt.positive:
        wait, origin = swt.ms, swt.origin
    elif swt.automatic:
        node = max(diskless, key=lambda n: n.watchdog_timeout.value)
        wait = 2 * node.watchdog_timeout.value * 1000
        origin = (f"{swt.origin}, i.e. twice {node.node}'s {WATCHDOG_TIMEOUT} "
                  f"{node.watchdog_timeout.value} s ({node.watchdog_timeout.origin})")
    else:
        return  # watchdog fencing is off: diskless SBD does not fence (PCS301 and others say so)
    if st.ms > wait:
        base = wait if swt.positive else 0
        swdt = max(node.watchdog_timeout.value for node in diskless) * 1000
        margin = _margin(ctx, max(base, 2 * swdt), f"the larger of the watchdog fencing wait {format_seconds(wait)} "
                         f"({origin}) and twice the largest diskless {WATCHDOG_TIMEOUT} {format_seconds(swdt)}")
        if margin is not None and st.ms < margin[0]:
            yield Problem(
                f"{st.name} {format_seconds(st.ms)} ({st.origin}) is less than {margin[1]}: a fencing request may "
                "time out while the victim is still being declared lost",
                element=st.pair.element if st.pair is not None else swt.pair.element if swt.pair is not None
                else ctx.cib.root,
                object_id=st.pair.id if st.pair is not None else None, severity=Severity.WARNING,
                hint=f"pcs property set {st.name}={-(-margin[0] // 1000)}s",
            )
        return
    yield Problem(
        f"{st.name} {format_seconds(st.ms)} ({st.origin}) is not above the watchdog fencing wait "
        f"{format_seconds(wait)} ({origin}): a fencing request times out before the victim's watchdog "
        "is known to have reset it, so watchdog fencing never completes",
        element=(st.pair.element if st.pair is not None
                 else swt.pair.element if swt.pair is not None else ctx.cib.root),
        object_id=st.pair.id if st.pair is not None else None,
        hint=f"pcs property set {st.name}={_suggest(wait // 1000)}s",
    )


def _margin(ctx, wait_ms: int, wait_words: str) -> tuple[int, str] | None:
    """The catalogue's safe fencing timeout, max(1.2 x wait, 60 s) + token + consensus, and the
    sum written out with its inputs; None without corosync.conf's facts."""
    quorum = ctx.quorum or quorum_facts(ctx.corosync)
    if quorum is None:
        return None
    scaled = max(wait_ms * 6 // 5, MARGIN_FLOOR_MS)
    total = scaled + quorum.token.ms + quorum.consensus.ms
    words = (f"{format_seconds(total)} = max(1.2 x {wait_words}, 60 s) + the effective corosync token "
             f"{format_seconds(quorum.token.ms)} ({quorum.token.origin}) + consensus "
             f"{format_seconds(quorum.consensus.ms)} ({quorum.consensus.origin})")
    return total, words


def _suggest(seconds: int) -> int:
    return max(60, -(-seconds * 12 // 10))


RULE = Rule(
    code="PCS602",
    name="fencing-timeout-vs-sbd",
    severity=Severity.ERROR,
    summary="stonith-timeout (or the SBD fence device's timeout) not above msgwait or stonith-watchdog-timeout",
    check=check,
    doc=rule_doc(__name__),
)
