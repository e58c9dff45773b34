"""Worker processes for the service: checks run in parallel, each under a time limit.

The parent builds one :class:`newslint.Checker`, warms it, freezes the warmed
objects out of the garbage collector's sight and forks the workers, so every
worker shares the rules' dictionaries and indexes with the parent instead of
loading its own. A request goes to an idle worker over a pipe; a worker that
overruns the time limit is killed and a fresh one forked from the same warm
parent, so a pathological article costs one worker for a moment, never the
service. Nothing of the copy is written anywhere: it lives in the pipe and in
the worker's memory for the length of one check.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

#: A task is a function of the checker and keyword arguments, run in a worker;
#: it returns an HTTP status and a JSON-ready body.
Task = Callable[..., "tuple[int, Any]"]


class Busy(Exception):
    """No worker became free before the request's time ran out."""


class TimedOut(Exception):
    """The check itself ran past the time limit (its worker was replaced)."""


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection


def _die_with_parent(parent: int) -> None:
    """Have the kernel end this worker when the server ends, however it ends (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the pipe's end stops it
        pass
    if os.getppid() != parent:  # the server ended before the line above ran
        os._exit(0)


def _serve(checker: Any, conn: Connection, parent: int) -> None:
    """A worker's life: read a task, run it, send back the answer, until the pipe closes."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        signal.set_wakeup_fd(-1)  # the parent's event loop owns that pipe
    except ValueError:  # pragma: no cover - not the main thread
        pass
    while True:
        try:
            func, kwargs = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            answer = func(checker, **kwargs)
        except Exception as e:  # a bug: say which, never what the copy was
            answer = (500, {"error": {"code": "internal-error", "message": f"internal error: {type(e).__name__}"}})
        try:
            conn.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        except (BrokenPipeError, OSError):
            return


class WorkerPool:
    """``size`` forked workers sharing one warmed checker; :meth:`run` is awaited per request."""

    def __init__(self, checker: Any, size: int, timeout: float):
        self.checker = checker
        self.size = max(1, size)
        self.timeout = timeout
        self.restarts = 0
        self._ctx = multiprocessing.get_context("fork")
        self._all: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._pending: list[_Worker] = []

    # -- life -------------------------------------------------------------------------

    def start(self) -> None:
        """Fork the workers. Call before the event loop starts, with the checker warmed."""
        gc.collect()
        gc.freeze()  # the warmed resources stay shared, page for page, with every worker
        for _ in range(self.size):
            self._pending.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(
            target=_serve, args=(self.checker, child, os.getpid()), daemon=True, name="newslint-worker"
        )
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self._all.append(worker)
        return worker

    def _queue(self) -> asyncio.Queue[_Worker]:
        if self._idle is None:  # made inside the running loop it will serve
            self._idle = asyncio.Queue()
            for w in self._pending:
                self._idle.put_nowait(w)
            self._pending = []
        return self._idle

    def alive(self) -> int:
        return sum(1 for w in self._all if w.process.is_alive())

    def close(self) -> None:
        for w in self._all:
            try:
                w.conn.close()
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for w in self._all:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
        self._all = []

    def _replace(self, worker: _Worker) -> _Worker:
        """Kill a worker (stuck or dead) and fork a fresh one from the warm parent."""
        self.restarts += 1
        if worker in self._all:
            self._all.remove(worker)
        try:
            worker.process.kill()
            worker.process.join(1)
        finally:
            worker.conn.close()
        return self._spawn()

    # -- one request ------------------------------------------------------------------

    async def run(self, func: Task, **kwargs: Any) -> tuple[int, Any]:
        """Run ``func(checker, **kwargs)`` in a worker within the time limit.

        Raises :class:`Busy` when no worker was free in time and :class:`TimedOut`
        when the check itself overran (its worker is then replaced).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        queue = self._queue()
        try:
            worker = await asyncio.wait_for(queue.get(), self.timeout)
        except asyncio.TimeoutError:
            raise Busy() from None
        payload = pickle.dumps((func, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
        answer: asyncio.Future[bytes] = loop.create_future()
        fd = worker.conn.fileno()

        def readable() -> None:
            loop.remove_reader(fd)
            if answer.done():
                return
            try:
                answer.set_result(worker.conn.recv_bytes())
            except (EOFError, OSError) as e:
                answer.set_exception(e)

        try:
            worker.conn.send_bytes(payload)
            loop.add_reader(fd, readable)
            data = await asyncio.wait_for(answer, max(0.001, deadline - loop.time()))
        except asyncio.TimeoutError:
            loop.remove_reader(fd)
            queue.put_nowait(self._replace(worker))
            raise TimedOut() from None
        except (EOFError, OSError):  # the worker died under us (killed by the system?)
            loop.remove_reader(fd)
            queue.put_nowait(self._replace(worker))
            return 500, {"error": {"code": "internal-error", "message": "internal error: a worker stopped"}}
        except BaseException:  # the client went away mid-check: the worker's answer is unread, so replace it
            loop.remove_reader(fd)
            queue.put_nowait(self._replace(worker))
            raise
        queue.put_nowait(worker)
        result: tuple[int, Any] = pickle.loads(data)
        return result


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1
