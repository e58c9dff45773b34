"""A small HTTP client for LanguageTool's ``/v2`` API (standard library only).

newslint talks to the server itself rather than through language-tool-python's
``LanguageTool.check`` so that it controls what is sent (one request per
article, form-encoded), how long it waits (a timeout per request, no retry
loop), and how errors read (HTTP 429 / 5xx / timeouts become
:class:`LanguageToolError` subclasses the rule handles once).

LanguageTool reports ``offset`` and ``length`` in Java ``String`` units, that
is UTF-16 code units: a character outside the Basic Multilingual Plane (an
emoji, a mathematical letter) counts twice. :func:`utf16_to_index` maps them
back to Python string indices.
"""

from __future__ import annotations

import bisect
import json
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import urllib.error
    import urllib.request

USER_AGENT = "newslint-languagetool/0.1.0"

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class LanguageToolError(Exception):
    """A request to LanguageTool failed."""


class Unreachable(LanguageToolError):
    """No answer: connection refused, name not resolved, or the timeout passed."""


class ServerFailure(LanguageToolError):
    """The server answered with an error status (5xx, 4xx) or an unreadable body."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


class RateLimited(LanguageToolError):
    """The server refused the request for now (HTTP 429, or 426 from the public API)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def utf16_to_index(text: str) -> Callable[[int], int]:
    """A function mapping a UTF-16 offset in ``text`` to a Python string index.

    An offset that falls between the two halves of a surrogate pair maps to
    the start of that character.
    """
    if text.isascii() or not _ASTRAL.search(text):
        return lambda u: min(max(u, 0), len(text))
    # UTF-16 offset at which each astral character starts
    starts = [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]

    def convert(u: int) -> int:
        k = bisect.bisect_left(starts, u)  # astral characters starting before u
        return min(max(u - k, 0), len(text))

    return convert


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Java's ``String.length()`` returns)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_ASTRAL.findall(text))


class Throttle:
    """Client-side rate limit: at most ``requests`` and ``chars`` per ``window`` seconds.

    Used for the public API only, so a run stays inside its documented free
    limits instead of collecting 429 answers. The log of recent requests lives
    in shared memory, so the worker processes a run forks after creating it
    keep to one common limit.
    """

    def __init__(
        self,
        requests: int,
        chars: int,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import multiprocessing

        self.requests, self.chars, self.window = requests, chars, window
        self.clock, self.sleep = clock, sleep
        # a ring of the last `requests` requests: start time and size; -inf marks a free slot
        self._times = multiprocessing.RawArray("d", [float("-inf")] * requests)
        self._sizes = multiprocessing.RawArray("q", requests)
        self._next = multiprocessing.RawValue("i", 0)
        self._lock = multiprocessing.Lock()

    def usage(self) -> tuple[int, int]:
        """Requests and characters sent within the current window."""
        now = self.clock()
        live = [n for t, n in zip(self._times, self._sizes, strict=True) if now - t < self.window]
        return len(live), sum(live)

    def wait(self, size: int) -> None:
        """Return when a request of ``size`` characters may be sent, and count it."""
        with self._lock:
            while True:
                now = self.clock()
                live = [(t, n) for t, n in zip(self._times, self._sizes, strict=True) if now - t < self.window]
                used = sum(n for _, n in live)
                if not live or (len(live) < self.requests and used + size <= self.chars):
                    # slots are written in time order, so the next one is the oldest: free or expired
                    i = self._next.value
                    self._times[i], self._sizes[i] = now, size
                    self._next.value = (i + 1) % self.requests
                    return
                oldest = min(t for t, _ in live)
                self.sleep(max(0.05, self.window - (now - oldest)))


@dataclass(frozen=True)
class CheckResult:
    """The answer to one ``/v2/check``: its ``matches``, and whether the server stopped early."""

    matches: list[Mapping[str, Any]]
    #: LanguageTool's ``warnings.incompleteResults``: it hit its time limit, some text went unchecked
    incomplete: bool = False


@dataclass
class Client:
    """One LanguageTool server at ``base_url`` (ending in ``/v2/``)."""

    base_url: str
    timeout: float = 10.0
    throttle: Throttle | None = None
    requests_made: int = 0

    def _open(self, req: urllib.request.Request, timeout: float) -> Any:
        import urllib.error  # imported on first use: a run without LanguageTool never pays for it
        import urllib.request

        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http/https only)
                body = resp.read()
        except urllib.error.HTTPError as e:
            detail = _error_text(e)
            if e.code in (429, 426):
                raise RateLimited(
                    f"LanguageTool at {self.base_url} is rate-limiting requests (HTTP {e.code})",
                    retry_after=_retry_after(e.headers.get("Retry-After") if e.headers else None),
                ) from None
            raise ServerFailure(
                f"LanguageTool at {self.base_url} answered HTTP {e.code}{': ' + detail if detail else ''}",
                status=e.code,
            ) from None
        except TimeoutError:
            raise Unreachable(f"LanguageTool at {self.base_url} did not answer within {timeout:g} s") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            import socket

            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise Unreachable(
                    f"LanguageTool at {self.base_url} did not answer within {timeout:g} s"
                ) from None
            raise Unreachable(f"LanguageTool at {self.base_url} is not reachable: {reason}") from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ServerFailure(f"LanguageTool at {self.base_url} answered with something that is not JSON") from None

    def languages(self, timeout: float | None = None) -> list[Mapping[str, Any]]:
        """``GET /v2/languages``: a cheap probe that sends no copy anywhere."""
        import urllib.request

        req = urllib.request.Request(
            urllib.parse.urljoin(self.base_url, "languages"),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )
        data = self._open(req, self.timeout if timeout is None else timeout)
        if not isinstance(data, list):
            raise ServerFailure(f"{self.base_url}languages did not answer with a list of languages")
        return data

    def check(self, text: str, params: Mapping[str, str]) -> CheckResult:
        """``POST /v2/check`` with ``text`` and ``params``."""
        import urllib.request

        if self.throttle is not None:
            self.throttle.wait(len(text))
        body = urllib.parse.urlencode({"text": text, **params}).encode("utf-8")
        req = urllib.request.Request(
            urllib.parse.urljoin(self.base_url, "check"),
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": "application/json",
                "User-Agent": USER_AGENT,
            },
        )
        self.requests_made += 1
        data = self._open(req, self.timeout)
        matches = data.get("matches") if isinstance(data, dict) else None
        if not isinstance(matches, list):
            raise ServerFailure(f"LanguageTool at {self.base_url} answered without a list of matches")
        warnings = data.get("warnings")
        incomplete = isinstance(warnings, dict) and bool(warnings.get("incompleteResults"))
        return CheckResult(matches, incomplete)


def _error_text(e: urllib.error.HTTPError) -> str:
    try:
        text = e.read().decode("utf-8", "replace").strip()
    except Exception:  # the body of an error is a courtesy; never fail on it
        return ""
    return " ".join(text.split())[:200]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: treat as "not soon"
