"""The garbage collector and the interpreter's exit during one command-line run.

pcs-lint frees nearly everything it allocates by reference counting: the index, lxml's proxies
and the findings hold no reference cycles. CPython's cyclic collector still walks the young
objects every 700 net allocations and, now and then, every object: on a 4.8 MB CIB that was
0.2-0.35 s of 2.4 s, and the interpreter's own collection and teardown at exit another ~0.2 s
(issue 14). So a command-line run pauses the collector, collects between documents only once
enough objects have piled up (the bound on what cyclic garbage can hold), and leaves the
process without the final teardown once its output is flushed (holding the last document's
tree and index until then rather than freeing them for nothing).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator

# Objects allocated and not freed since the last collection, past which the next document
# starts with a collection: memory held by cyclic garbage stays bounded however many files a
# run lints (one document's own garbage is bounded by the input size limit).
COLLECT_AFTER = 1_000_000

# Whether this process leaves with exit_now (set by paused(restore=False)), and what it holds
# until then (keep_until_exit).
_leaving = False
_kept: tuple[object, ...] = ()


@contextlib.contextmanager
def paused(*, restore: bool = True) -> Iterator[None]:
    """The collector off while the block runs, and as it was afterwards when ``restore``: a
    process about to leave (``exit_now``) does not restore it, since switched on again it would
    collect at the next allocation, for nothing."""
    global _leaving, _kept
    was_enabled = gc.isenabled()
    gc.disable()
    _leaving, _kept = not restore, ()
    try:
        yield
    finally:
        if restore:
            _leaving, _kept = False, ()
        if was_enabled and restore:
            gc.enable()
            gc.unfreeze()


def collect_if_grown() -> None:
    """Between documents of a paused run: collect once COLLECT_AFTER objects have piled up, and
    keep what survives out of later collections (it is the run's own state: modules, the
    plan, the findings so far)."""
    if not gc.isenabled() and gc.get_count()[0] > COLLECT_AFTER:
        gc.collect()
        gc.freeze()


def keep_until_exit(*objects: object) -> None:
    """In a run that leaves with exit_now: hold a document's tree and index until the process
    ends instead of freeing them as its lint returns. Freeing costs ~14 ms of CPU for a 4.8 MB
    CIB's 40,000 elements and their records, and exit_now makes it unnecessary. Holding replaces
    what was held, so the documents before the last are freed and memory stays bounded by one."""
    global _kept
    if _leaving:
        _kept = objects


def exit_now(code: int) -> None:
    """Leave the process with ``code`` at once when its output is flushed: skips the final
    collection and the teardown of every module. When a stream cannot be flushed, returns, so
    that the caller exits the ordinary way and the interpreter reports it as it always does
    (exit 120 for a standard output that cannot be written)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
