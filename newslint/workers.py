"""Worker processes that check files, and notice when one dies.

``multiprocessing.Pool`` waits for ever for the result of a worker the
kernel killed (out of memory, a segfault in a plugin's C extension). Here
each worker is given a few files at a time over its own pipe, so when its
process ends without answering the parent knows exactly which files it held:
it starts another worker, gives those files back one at a time, and a file
that kills a worker on its own is reported instead of checked.

Workers ignore Ctrl-C: the parent, which the user interrupted, stops them,
so an interrupt prints no tracebacks from workers.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

#: How a worker ended, for the message about the files it held.
_SIGNALS = {getattr(signal, n): n for n in ("SIGKILL", "SIGSEGV", "SIGABRT", "SIGTERM", "SIGBUS") if hasattr(signal, n)}


def _serve(conn: Connection, work: Callable[[str], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            paths = conn.recv()
        except (EOFError, OSError):
            return
        if paths is None:
            return
        try:
            conn.send(("done", [work(p) for p in paths]))
        except Exception as e:  # a configuration error found in a worker: the parent raises it
            conn.send(("raise", e))


class _Worker:
    def __init__(self, ctx: Any, work: Callable[[str], Any]) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.held: list[str] = []

    def give(self, paths: list[str]) -> None:
        self.held = paths
        self.conn.send(paths)

    def how_it_ended(self) -> str:
        self.process.join(1)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"killed by {_SIGNALS.get(-code, f'signal {-code}')}"
        return f"exited with status {code}" if code is not None else "stopped answering"

    def stop(self, *, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run(
    paths: Sequence[str],
    work: Callable[[str], Any],
    died: Callable[[str, str], Any],
    jobs: int,
    chunk: int,
) -> Iterator[Any]:
    """Yield ``work(path)`` for every path, from ``jobs`` forked workers, in no set order.

    A path whose worker died holding it alone yields ``died(path, how)`` instead.
    """
    ctx = multiprocessing.get_context("fork")
    todo = [list(paths[i : i + chunk]) for i in range(0, len(paths), chunk)]
    todo.reverse()  # popped from the end: first chunks first
    workers = [_Worker(ctx, work) for _ in range(min(jobs, len(todo)))]
    idle = list(workers)
    try:
        while todo or len(idle) < len(workers):
            while todo and idle:
                w = idle.pop()
                if not w.process.is_alive():  # it died after its last answer
                    workers.remove(w)
                    w.stop(kill=True)
                    w = _Worker(ctx, work)
                    workers.append(w)
                w.give(todo.pop())
            busy = {w.conn: w for w in workers if w not in idle}
            sentinels = {w.process.sentinel: w for w in busy.values()}
            ready_all: list[Any] = wait([*busy, *sentinels])
            for ready in ready_all:
                w = busy[ready] if isinstance(ready, Connection) else sentinels[ready]
                if w in idle or w not in workers:
                    continue  # its pipe and its end were both ready: handled once
                try:
                    answer = w.conn.recv() if w.conn.poll() else None
                except (EOFError, OSError):
                    answer = None
                if answer is not None:
                    tag, value = answer
                    if tag == "raise":
                        raise value
                    idle.append(w)
                    yield from value
                    continue
                how = w.how_it_ended()
                if len(w.held) == 1:
                    yield died(w.held[0], how)
                else:  # one of these killed it: try each alone
                    todo.extend([p] for p in reversed(w.held))
                workers.remove(w)
                w.stop(kill=True)
                fresh = _Worker(ctx, work)
                workers.append(fresh)
                idle.append(fresh)
    finally:
        interrupted = not (not todo and len(idle) == len(workers))
        for w in workers:
            w.stop(kill=interrupted)


__all__ = ["run"]

