"""The service and the language server under load: throughput, latency, memory, CPU seconds.

    python benchmarks/bench_service.py [--corpus ../shared/corpora/bbc] [--requests 10000]
                                       [--clients 32] [--workers 2] [--skip-lsp]

Articles: the BBC corpus's articles of 700-900 words (about 100), posted in turn.

1. The library in-process, as the baseline: one ``newslint.Checker`` checking the
   articles in a loop (one core), and two forked processes doing the same (two cores).
   Peers on the same files, side by side: codespell's and proselint's command lines
   (when installed).
2. ``newslint serve --workers N`` on a loopback port, driven by ``--clients`` keep-alive
   clients (one asyncio process, so the load generator costs little CPU):
   a. closed loop: every client posts its next article as soon as the last answer is in,
      for ``--requests`` requests: articles per second, latency p50/p99, and the service's
      memory (proportional set size of the server and its workers) every 1,000 requests;
   b. a newsroom's rate: each client posts once a second (32 checks a second as people
      type), for 20 s: latency p50/p99 when the service is not saturated.
3. ``newslint lsp`` through pygls' client: first diagnostics after opening a 2,000-word
   article, and diagnostics after a keystroke, timed from the end of the debounce pause.
4. The issue's targets, each with the figure above that it is judged on, met or not.

CPU seconds are the processes' own user+system time. The machine may be shared: wall-clock
figures are then pessimistic; the CPU seconds are the steadier measure.
Skips (exit 0 with a message) when the corpus is not present.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc"
TICK = os.sysconf("SC_CLK_TCK")


def articles(corpus: Path) -> list[tuple[Path, str]]:
    out = []
    for f in sorted(corpus.glob("*/*.txt")):
        text = f.read_text(encoding="utf-8", errors="replace")
        if 700 <= len(text.split()) <= 900:
            out.append((f, text))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


# -- processes' CPU and memory ---------------------------------------------------------


def tree(pid: int) -> list[int]:
    out = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for c in children:
        out += tree(int(c))
    return out


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return total


def pss_mib(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


# -- 1. the library in-process -----------------------------------------------------------


def library(texts: list[str], rounds: int) -> dict[str, float]:
    import newslint

    checker = newslint.Checker()
    checker.start()
    todo = texts * rounds
    c0, t0 = time.process_time(), time.perf_counter()
    for t in todo:
        checker.check_text(t, "article.txt")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    one = {"articles": len(todo), "wall": wall, "cpu": cpu, "per_s": len(todo) / wall}
    # two forked processes, each half the work (the warm checker shared as the service shares it)
    t0 = time.perf_counter()
    r0 = os.times()
    pids = []
    for half in (todo[0::2], todo[1::2]):
        pid = os.fork()
        if pid == 0:
            for t in half:
                checker.check_text(t, "article.txt")
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    wall2 = time.perf_counter() - t0
    r1 = os.times()
    cpu2 = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    checker.close()
    return {
        **{f"one_{k}": v for k, v in one.items()},
        "two_wall": wall2,
        "two_cpu": cpu2,
        "two_per_s": len(todo) / wall2,
    }


def peer(cmd: list[str], files: list[Path]) -> dict[str, float] | None:
    exe = Path(sys.executable).parent / cmd[0]  # beside this Python (a virtualenv's bin), else on PATH
    found = str(exe) if exe.exists() else shutil.which(cmd[0])
    if found is None:
        return None
    cmd = [found, *cmd[1:]]
    r0 = os.times()
    t0 = time.perf_counter()
    run = subprocess.run([*cmd, *map(str, files)], capture_output=True, timeout=3600)
    wall = time.perf_counter() - t0
    if run.returncode == 2 or b"usage:" in run.stderr[:200]:  # it did not check anything
        return None
    r1 = os.times()
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    return {"wall": wall, "cpu": cpu, "per_s": len(files) / wall}


# -- 2. the service ------------------------------------------------------------------------


class Service:
    def __init__(self, workers: int, folder: Path):
        (folder / "newslint.toml").write_text("", encoding="utf-8")
        self.log = folder / "server.log"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "newslint",
                    "serve",
                    "--port",
                    "0",
                    "--workers",
                    str(workers),
                    "--no-access-log",
                    "--config",
                    str(folder / "newslint.toml"),
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", self.log.read_text(errors="replace"))
            if m:
                self.port = int(m.group(1))
                time.sleep(0.5)
                return
            time.sleep(0.1)
        raise SystemExit("newslint serve did not start:\n" + self.log.read_text(errors="replace"))

    def pids(self) -> list[int]:
        return tree(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(30)


async def _client(port: int):
    return await asyncio.open_connection("127.0.0.1", port)


async def post(conn, body: bytes) -> tuple[int, bytes]:
    reader, writer = conn
    writer.write(
        b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    return status, await reader.readexactly(length)


async def closed_loop(svc: Service, bodies: list[bytes], clients: int, total: int, every: int = 1000) -> dict:
    latencies: list[float] = []
    memory: list[tuple[int, float]] = [(0, pss_mib(svc.pids()))]
    done = 0
    failures = 0
    lock = asyncio.Lock()

    async def one(i: int) -> None:
        nonlocal done, failures
        conn = await _client(svc.port)
        k = i
        while True:
            async with lock:
                if done >= total:
                    break
                done += 1
                n = done
            t0 = time.perf_counter()
            status, _ = await post(conn, bodies[k % len(bodies)])
            latencies.append(time.perf_counter() - t0)
            failures += status != 200
            k += clients
            if n % every == 0:
                memory.append((n, pss_mib(svc.pids())))
        conn[1].close()

    cpu0 = cpu_seconds(svc.pids())
    c0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(clients)))
    wall = time.perf_counter() - t0
    return {
        "requests": total,
        "wall": wall,
        "per_s": total / wall,
        "failures": failures,
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "server_cpu": cpu_seconds(svc.pids()) - cpu0,
        "client_cpu": time.process_time() - c0,
        "memory": memory,
    }


async def paced(svc: Service, bodies: list[bytes], clients: int, seconds: float, interval: float) -> dict:
    latencies: list[float] = []

    async def one(i: int) -> None:
        conn = await _client(svc.port)
        await asyncio.sleep(interval * i / clients)  # spread the clients over the second
        start = time.perf_counter()
        k = i
        while time.perf_counter() - start < seconds:
            t0 = time.perf_counter()
            await post(conn, bodies[k % len(bodies)])
            latencies.append(time.perf_counter() - t0)
            k += clients
            await asyncio.sleep(max(0.0, interval - (time.perf_counter() - t0)))
        conn[1].close()

    cpu0 = cpu_seconds(svc.pids())
    await asyncio.gather(*(one(i) for i in range(clients)))
    return {
        "requests": len(latencies),
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "server_cpu": cpu_seconds(svc.pids()) - cpu0,
    }


# -- 3. the language server ---------------------------------------------------------------


async def lsp(text: str, folder: Path, keystrokes: int = 10, debounce: float = 0.3) -> dict:
    from lsprotocol import types as t
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue = asyncio.Queue()

    @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on(params: t.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    (folder / "newslint.toml").write_text("", encoding="utf-8")
    await client.start_io(sys.executable, "-m", "newslint", "lsp", "--debounce", str(debounce), cwd=str(folder))
    await client.initialize_async(t.InitializeParams(capabilities=t.ClientCapabilities(), root_uri=folder.as_uri()))
    client.initialized(t.InitializedParams())
    await asyncio.sleep(8)  # let the warm-up finish, as it does while an editor opens its window
    uri = (folder / "long.txt").as_uri()
    server = tree(client._server.pid)  # type: ignore[union-attr]
    cpu0 = cpu_seconds(server)
    t0 = time.perf_counter()
    client.text_document_did_open(t.DidOpenTextDocumentParams(t.TextDocumentItem(uri, "plaintext", 1, text)))
    t1, first = await arrived.get()
    open_ms = (t1 - t0) * 1000
    open_cpu_ms = (cpu_seconds(server) - cpu0) * 1000
    after: list[float] = []
    cpu0 = cpu_seconds(server)
    current = text
    for v in range(2, 2 + keystrokes):
        at = len(current) // 2
        current = current[:at] + "x" + current[at:]
        sent = time.perf_counter()
        client.text_document_did_change(
            t.DidChangeTextDocumentParams(
                t.VersionedTextDocumentIdentifier(uri=uri, version=v),
                [t.TextDocumentContentChangeWholeDocument(text=current)],
            )
        )
        got, params = await arrived.get()
        after.append((got - sent - debounce) * 1000)
        await asyncio.sleep(0.2)
    change_cpu_ms = (cpu_seconds(server) - cpu0) * 1000 / keystrokes
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "open_ms": open_ms,
        "open_cpu_ms": open_cpu_ms,
        "found": len(first.diagnostics),
        "change_ms": after,
        "change_cpu_ms": change_cpu_ms,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--requests", type=int, default=10000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-lsp", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus} (pass --corpus)")
        return 0
    found = articles(args.corpus)
    texts = [t for _, t in found]
    words = statistics.mean(len(t.split()) for t in texts)
    print(f"articles: {len(texts)} of 700-900 words from {args.corpus} (mean {words:.0f} words)")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    lib = library(texts, rounds=5)
    print("\n1. in-process (the library, a warm newslint.Checker), and peers on the same files")
    print(f"   {'':28} {'articles/s':>10} {'wall s':>8} {'CPU s':>8}")
    per_cpu = lib["one_articles"] / lib["one_cpu"]
    print(f"   {'newslint, one process':28} {lib['one_per_s']:>10.1f} {lib['one_wall']:>8.2f} {lib['one_cpu']:>8.2f}")
    print(f"   {'newslint, two processes':28} {lib['two_per_s']:>10.1f} {lib['two_wall']:>8.2f} {lib['two_cpu']:>8.2f}")
    files = [f for f, _ in found]
    for name, cmd in (("codespell (CLI)", ["codespell"]), ("proselint (CLI)", ["proselint", "check"])):
        r = peer(cmd, files)
        if r is None:
            print(f"   {name:28} {'not installed':>10}")
        else:
            print(f"   {name:28} {r['per_s']:>10.1f} {r['wall']:>8.2f} {r['cpu']:>8.2f}")

    with tempfile.TemporaryDirectory() as tmp:
        svc = Service(args.workers, Path(tmp))
        try:
            bodies = [json.dumps({"text": t, "filename": "article.txt"}).encode() for t in texts]
            asyncio.run(closed_loop(svc, bodies, args.clients, 200))  # warm connections and caches
            a = asyncio.run(closed_loop(svc, bodies, args.clients, args.requests))
            b = asyncio.run(paced(svc, bodies, args.clients, 20.0, 1.0))
        finally:
            svc.stop()
    print(f"\n2. newslint serve --workers {args.workers}, {args.clients} keep-alive clients posting JSON")
    print(
        f"   a. closed loop, {a['requests']} requests: {a['per_s']:.1f} articles/s "
        f"({a['per_s'] / lib['two_per_s']:.0%} of two in-process processes, "
        f"{a['per_s'] / lib['one_per_s']:.0%} of one); p50 {a['p50'] * 1000:.1f} ms, p99 {a['p99'] * 1000:.1f} ms; "
        f"{a['failures']} failures"
    )
    print(
        f"      per CPU second: service {a['requests'] / a['server_cpu']:.1f} articles, library {per_cpu:.1f} "
        f"({a['requests'] / a['server_cpu'] / per_cpu:.0%}): the measure that does not depend on other load"
    )
    print(
        f"      CPU s: service {a['server_cpu']:.1f} ({a['server_cpu'] / a['requests'] * 1000:.1f} ms an article), "
        f"load generator {a['client_cpu']:.1f}; wall {a['wall']:.1f} s"
    )
    mem = a["memory"]
    print(
        "      memory (PSS of server + workers, MiB) by requests served: " + ", ".join(f"{n}: {m:.0f}" for n, m in mem)
    )
    print(
        f"   b. paced, each client once a second ({b['requests']} requests in 20 s): "
        f"p50 {b['p50'] * 1000:.1f} ms, p99 {b['p99'] * 1000:.1f} ms; service CPU s {b['server_cpu']:.1f}"
    )

    r = None
    if not args.skip_lsp:
        long_text = "\n\n".join(texts)
        long_text = " ".join(long_text.split(" ")[:2000])
        with tempfile.TemporaryDirectory() as tmp:
            r = asyncio.run(lsp(long_text, Path(tmp)))
        ch = r["change_ms"]
        print(f"\n3. newslint lsp, a {len(long_text.split())}-word article")
        print(
            f"   first diagnostics after didOpen: {r['open_ms']:.0f} ms wall, {r['open_cpu_ms']:.0f} ms CPU "
            f"(findings: {r['found']})"
        )
        print(
            f"   after a keystroke, from the end of the 0.3 s pause: median {statistics.median(ch):.0f} ms, "
            f"max {max(ch):.0f} ms wall over {len(ch)} keystrokes; {r['change_cpu_ms']:.0f} ms CPU a keystroke"
        )
    targets(lib, a, b, r, args.clients)
    print(
        f"\nload average at the end {os.getloadavg()[0]:.1f} (other work on this machine slows the wall-clock figures)"
    )
    return 0


def targets(lib: dict, a: dict, b: dict, r: dict | None, clients: int) -> None:
    """Each target of the service's issue, the figure it is judged on, and whether it is met."""
    per_cpu = (a["requests"] / a["server_cpu"]) / (lib["one_articles"] / lib["one_cpu"])
    mem = a["memory"]
    warm = mem[1] if len(mem) > 2 else mem[0]  # after the first 1,000 requests, once caches are full
    growth = (mem[-1][1] - warm[1]) / warm[1]
    rows = [
        ("throughput >= 80 % of the library's, per CPU second", f"{per_cpu:.0%}", per_cpu >= 0.8),
        (
            "throughput >= 80 % of the library's, wall clock (two processes; the load generator shares the cores)",
            f"{a['per_s'] / lib['two_per_s']:.0%}",
            a["per_s"] / lib["two_per_s"] >= 0.8,
        ),
        (
            f"p50 < 25 ms, p99 < 150 ms: {clients} clients, each posting once a second",
            f"{b['p50'] * 1000:.1f} / {b['p99'] * 1000:.1f} ms",
            b["p50"] < 0.025 and b["p99"] < 0.150,
        ),
        (
            f"p50 < 25 ms, p99 < 150 ms: {clients} clients back to back (closed loop: the queue of {clients} "
            "requests in flight)",
            f"{a['p50'] * 1000:.1f} / {a['p99'] * 1000:.1f} ms",
            a["p50"] < 0.025 and a["p99"] < 0.150,
        ),
        (
            f"memory flat over {a['requests']:,} requests (within 5 % of the size after {warm[0]:,})",
            f"{growth:+.1%}",
            abs(growth) <= 0.05,
        ),
    ]
    if r is not None:
        rows += [
            ("editor: first diagnostics < 300 ms after opening", f"{r['open_ms']:.0f} ms", r["open_ms"] < 300),
            (
                "editor: diagnostics < 100 ms after a keystroke's debounce (median)",
                f"{statistics.median(r['change_ms']):.0f} ms",
                statistics.median(r["change_ms"]) < 100,
            ),
        ]
    print("\n4. targets")
    for name, figure, met in rows:
        print(f"   {'met    ' if met else 'NOT met'}  {figure:>18}  {name}")


if __name__ == "__main__":
    sys.exit(main())
