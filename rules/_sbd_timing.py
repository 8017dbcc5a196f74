"""The fencing timeout SBD needs (PCS602's catalogue formula) and what a fix sets it to, shared by
the rules whose fixes change stonith-timeout or the watchdog wait (PCS601, PCS602, PCS605).

The margin is max(1.2 x wait, 60 s) + the effective corosync token + consensus (RULES.md, PCS602);
it needs corosync.conf's facts (lint/quorum_facts.py). Without them a fix sets the wait + 20 %,
at least 60 s, which is enough to end the fencing loop but says nothing of the margin.
"""

from __future__ import annotations

from typing import Any

from pcs_lint.findings import Fix
from pcs_lint.rules._corosync import quorum_facts
from pcs_lint.rules._sbd import fencing_timeout, format_seconds

MARGIN_FLOOR_MS = 60_000  # the catalogue's floor for the margin: max(1.2 x wait, 60 s)


def fencing_margin(ctx: Any, wait_ms: int, wait_words: str) -> tuple[int, str] | None:
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


def fencing_target(margin: tuple[int, str] | None, wait_seconds: int) -> int:
    """The fencing timeout a fix sets, in whole seconds: the margin when corosync.conf's facts
    are known (so that the margin warning does not follow the fix), else the wait + 20 %, at
    least 60 s."""
    if margin is not None:
        return -(-margin[0] // 1000)
    return max(MARGIN_FLOOR_MS // 1000, -(-wait_seconds * 12 // 10))


def target_words(margin: tuple[int, str] | None, wait: str) -> str:
    """How fencing_target chose its value, for hints."""
    if margin is None:
        return f"{wait} + 20%, at least 60 s"
    return f"max(1.2 x {wait}, 60 s) + the effective corosync token + consensus"


def watchdog_timeout_fix(ctx: Any, name: str, seconds: int, largest_swdt: int) -> Fix:
    """Set the watchdog timeout (option ``name``) to ``seconds``; raise stonith-timeout with it
    when that would otherwise time out before the watchdog wait (PCS602's error), or below the
    margin when corosync.conf is known (its warning): a fix must not trade one finding for another."""
    commands = [f"pcs property set {name}={seconds}s"]
    st = fencing_timeout(ctx.cib, ctx.release, ctx.path)
    margin = fencing_margin(ctx, max(seconds, 2 * largest_swdt) * 1000, "the watchdog fencing wait")
    needed = margin[0] if margin is not None else seconds * 1000 + 1
    if st.ms < needed:
        commands.append(f"pcs property set {st.name}={fencing_target(margin, seconds)}s")
    return Fix(tuple(commands))
