"""Guards around plugin code: a time limit per rule per article, and checks on what a rule yields.

A plugin is code newslint did not write. Whatever it does (raise anything,
``sys.exit``, loop, sleep, backtrack through a house pattern for minutes,
yield something that is not a diagnostic) the run goes on and says which
plugin failed; only an interrupt from the user stops it.
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newslint.diagnostic import Diagnostic, Position, Severity

if TYPE_CHECKING:
    from newslint.article import Article

class RuleTimeLimit(BaseException):
    """Raised inside a rule that ran past its time limit.

    A ``BaseException``, so that a plugin's own ``except Exception`` cannot
    swallow it and carry on.
    """


def _expired(signum: int, frame: Any) -> None:
    raise RuleTimeLimit()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`RuleTimeLimit` in the block after ``seconds`` (CPU-bound, sleeping or in a regex).

    Uses ``SIGALRM``, so it applies in a process's main thread on POSIX (the
    command line and its worker processes); elsewhere the block runs unlimited.
    """
    if (
        not seconds
        or not math.isfinite(seconds)
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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
