"""Guards around plugin code: a time limit per rule per article, and checks on what a rule yields.

A plugin is code newslint did not write. Whatever it does (raise anything,
``sys.exit``, loop, sleep, backtrack through a house pattern for minutes,
yield something that is not a diagnostic) the run goes on and says which
plugin failed; only an interrupt from the user stops it.
"""

from __future__ import annotations

import math
import os
import signal
import threading
import time
from typing import TYPE_CHECKING, Any

from newslint.diagnostic import Diagnostic, Position, Severity

if TYPE_CHECKING:
    from newslint.article import Article

class RuleTimeLimit(BaseException):
    """Raised inside a rule that ran past its time limit.

    A ``BaseException``, so that a plugin's own ``except Exception`` cannot
    swallow it and carry on.
    """


class _Clock:
    """This process's watchdog state: the running rule's deadline, and the timer's period."""

    deadline: float | None = None
    period = 0.0  # 0: no timer in this process yet


def _tick(signum: int, frame: Any) -> None:
    deadline = _Clock.deadline
    if deadline is not None and time.monotonic() > deadline:
        _Clock.deadline = None
        raise RuleTimeLimit()


def _forked() -> None:  # a child process starts with no timer of its own
    _Clock.deadline, _Clock.period = None, 0.0


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)


class Watchdog:
    """Raises :class:`RuleTimeLimit` in the code it guards after ``seconds`` (CPU-bound, asleep or in a regex).

    A ``SIGALRM`` timer ticks a few times per limit and the handler raises
    when the running rule is past its deadline; the signal interrupts Python
    code and ``re``'s backtracking alike. Arming and disarming only set the
    deadline (no system call): they happen once per rule per article. The
    timer runs in a process's main thread on POSIX (the command line and its
    workers); elsewhere :meth:`arm` does nothing. :func:`stop` ends it.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and math.isfinite(seconds) and seconds > 0 else 0.0
        self.period = max(0.05, min(1.0, self.seconds / 4))
        self.usable = bool(self.seconds) and hasattr(signal, "setitimer")

    def arm(self) -> None:
        if not self.usable:
            return
        if not _Clock.period or self.period < _Clock.period:
            if threading.current_thread() is not threading.main_thread():
                self.usable = False
                return
            signal.signal(signal.SIGALRM, _tick)
            signal.setitimer(signal.ITIMER_REAL, self.period, self.period)
            _Clock.period = self.period
        _Clock.deadline = time.monotonic() + self.seconds

    def disarm(self) -> None:
        _Clock.deadline = None


def stop() -> None:
    """Stop this process's watchdog timer (a library caller's process keeps no ticking timer)."""
    if _Clock.period and threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _forked()


def problem(d: object, article: Article) -> str | None:
    """Why ``d``, yielded by a rule for ``article``, is not a usable diagnostic, or None when it is."""
    if not isinstance(d, Diagnostic):
        return f"yielded {type(d).__name__} {_short(d)}, not a Diagnostic"
    for name in ("code", "rule", "message", "path"):
        value = getattr(d, name)
        if not isinstance(value, str) or (name != "path" and not value):
            return f"yielded a diagnostic whose {name} is {_short(value)}, not a non-empty string"
    if not isinstance(d.severity, Severity):
        return f"yielded a diagnostic whose severity is {_short(d.severity)}, not a Severity"
    for name in ("start", "end"):
        pos = getattr(d, name)
        if not isinstance(pos, Position) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in (pos.line, pos.column, pos.offset)
        ):
            return f"yielded a diagnostic whose {name} is {_short(pos)}, not a Position of whole numbers"
        if pos.line < 1 or pos.column < 1 or not 0 <= pos.offset <= len(article.source):
            return f"yielded a diagnostic whose {name} is out of the article ({_short(pos)})"
    if (d.end.line, d.end.column) < (d.start.line, d.start.column) or d.end.offset < d.start.offset:
        return "yielded a diagnostic that ends before it starts"
    if not isinstance(d.suggestions, tuple) or not all(isinstance(s, str) for s in d.suggestions):
        return f"yielded a diagnostic whose suggestions are {_short(d.suggestions)}, not strings"
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
