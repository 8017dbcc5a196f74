"""Running code that pcs-lint does not control (rule checks, plugins) so that it cannot stop the run.

Two things no ``except Exception`` catches:

* a rule that never returns: ``TimeBudget`` bounds a call with a timer that raises
  ``BudgetExceeded`` in the running code (SIGALRM on POSIX, in the main thread of the process,
  which is where both the serial run and each ``--jobs`` worker run rules). Where no timer can be
  set (another thread, no SIGALRM, an interval timer already in use) the time is measured
  afterwards, so the overrun is still reported, only not cut short;
* ``BaseException``s that are not the user's doing: ``SystemExit`` or ``GeneratorExit`` raised by
  a plugin, or a ``KeyboardInterrupt`` the plugin raised itself. ``is_user_interrupt`` tells the
  user's Ctrl-C (which must still stop the run) from those, once ``watch_user_interrupts`` runs.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType, TracebackType

DEFAULT_RULE_TIMEOUT = 10.0  # seconds per rule per file; --rule-timeout / rule-timeout
# After the first alarm, the timer fires again this often: a check that swallowed the first
# BudgetExceeded (a bare "except:" in a loop) is interrupted again until it gives up.
_REPEAT_SECONDS = 0.05
# Longer budgets (inf included: TOML can write it) mean no limit: setitimer cannot count that far.
MAX_BUDGET_SECONDS = 1e6


class BudgetExceeded(BaseException):
    """Raised into code that ran past its time budget. A BaseException, so that a check's own
    ``except Exception`` does not swallow it."""


_watching_interrupts = False
_user_interrupted = False


def watch_user_interrupts() -> None:
    """Record the user's Ctrl-C before raising KeyboardInterrupt as Python does; called once at
    start-up of the command line, in the main thread, unless someone else handles SIGINT."""
    global _watching_interrupts
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return
    signal.signal(signal.SIGINT, _on_user_interrupt)
    _watching_interrupts = True


def _on_user_interrupt(signum: int, frame: object) -> None:
    global _user_interrupted
    _user_interrupted = True
    raise KeyboardInterrupt


def is_user_interrupt(error: BaseException) -> bool:
    """Whether ``error`` must stop the whole run: a KeyboardInterrupt from the user's Ctrl-C, or any
    KeyboardInterrupt when SIGINT is not watched (then they cannot be told apart)."""
    if not isinstance(error, KeyboardInterrupt):
        return False
    return _user_interrupted or not _watching_interrupts


def user_interrupted() -> bool:
    """Whether the user pressed Ctrl-C during this run (whatever exception it surfaced as: a
    KeyboardInterrupt raised inside an import or a class body can arrive wrapped in another)."""
    return _user_interrupted


class TimeBudget:
    """A time limit for each of a series of calls (the rules run on one file)::

        with TimeBudget(seconds, shielded=(__file__,)) as budget:
            for rule in rules:
                budget.start()
                try:
                    ...  # BudgetExceeded may be raised in here
                finally:
                    exceeded = budget.stop()

    The alarm handler is installed once for the series; each call costs one ``setitimer``.
    BudgetExceeded is raised only in code outside the ``shielded`` files (the caller's own
    bookkeeping, this module): the timer repeats, so the next alarm reaches the timed code.
    """

    def __init__(self, seconds: float | None, *, shielded: tuple[str, ...] = ()) -> None:
        self.seconds = seconds if seconds is not None and 0 < seconds <= MAX_BUDGET_SECONDS else None
        self._shielded = frozenset((__file__, *shielded))
        self._timer = False
        self._armed = False
        self._fired = False
        self._previous: object = None
        self._start = 0.0

    def __enter__(self) -> TimeBudget:
        if self.seconds is not None and _can_set_timer():
            self._previous = signal.signal(signal.SIGALRM, self._on_alarm)
            self._timer = True
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._armed = False
        if self._timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]
            self._timer = False

    def start(self) -> None:
        self._fired = False
        self._start = time.monotonic()
        if self._timer:
            self._armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, _REPEAT_SECONDS)  # type: ignore[arg-type]

    def stop(self) -> bool:
        """Disarm; whether the call ran out of time (stopped, or measured afterwards). The timer
        itself runs on, harmless while disarmed, until the next start() resets it or the series
        ends: one system call per call saved."""
        self._armed = False
        elapsed = time.monotonic() - self._start
        return self._fired or (self.seconds is not None and elapsed > self.seconds)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if not self._armed:
            return
        self._fired = True
        if frame is None or frame.f_code.co_filename not in self._shielded:
            raise BudgetExceeded


def _can_set_timer() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    # Someone else's interval timer or alarm handler: leave them alone, measure afterwards.
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
