"""What the plugin guards cost: the BBC corpus checked with them and without them, interleaved.

    python benchmarks/bench_guards.py [--corpus DIR] [--rounds 5] [--passes 3] [--against DIR] [--no-peers]

The guards are what stands between a run and a misbehaving rule (``newslint/guard.py`` and
``Session.check_article``): the watchdog (a deadline set and cleared around every rule on
every article, and the process's ``SIGALRM`` timer), the checks on every diagnostic a rule
yields, and catching ``BaseException`` instead of ``Exception``. Two measurements, each in
child processes, CPU seconds (user + system):

1. Whole runs (``--rounds``): ``newslint check --format json --quiet --jobs 1`` on the
   corpus, once as shipped and once without the guards, in alternating order, so that the
   load of a shared machine falls on both alike; the medians over the rounds. Both variants
   must report the same findings.
2. Paired, in one process (``--passes``): every file is checked (``Session.check_path``)
   with and without the guards by turns, in blocks of 25 files whose order alternates, after
   a warm-up pass; the totals per pass. Interleaving every few tenths of a second cancels the
   drift of a busy machine that whole runs a minute apart cannot, so this is the figure to
   trust at the level of one per cent. It leaves out process start-up, which the guards do
   not touch, so it overstates their share of a run, if anything.
3. Counted (with ``--passes``): the rule-article pairs of one pass times what the watchdog
   adds to one rule call (``timeit``: an empty check with and without it, best of seven), as
   a share of the paired unguarded time. Immune to a busy machine; it leaves out the checks
   on yielded diagnostics (a few microseconds for each of the few hundred findings).

"Without the guards" is, by default, the same code with them switched off in the child
before the run (the watchdog's arm and disarm do nothing and start no timer, every
diagnostic passes unchecked); nothing in newslint itself knows about it. ``--against DIR``
uses another checkout for the whole runs instead (put first on ``PYTHONPATH``), e.g. an
export of this commit with the guard code removed from ``Session.check_article``, which also
drops the ``BaseException`` handlers (free in CPython 3.11 and later until something is
raised).

Codespell and proselint run once on the same folder, for scale (``--no-peers`` skips them).
Needs ``../shared``; skips (exit 0, with the reason) without the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench_corpus import ENV, PEERS, SHARED, Run, run

#: Run in the child before the command line, to take the guards out of the run.
UNGUARDED = """
import newslint.guard, newslint.session
for name in ("arm", "disarm"):
    assert hasattr(newslint.guard.Watchdog, name), name
    setattr(newslint.guard.Watchdog, name, lambda self: None)
assert newslint.session.problem is newslint.guard.problem
newslint.session.problem = lambda d, article: None
"""

#: With ``--against``: make sure the child runs that checkout, not this one.
CHECK_AGAINST = """
import os, newslint
assert newslint.__file__.startswith(os.environ["PYTHONPATH"]), newslint.__file__
"""

MAIN = """
import sys
from newslint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def variants(corpus: Path, against: Path | None) -> dict[str, list[str]]:
    args = ["check", "--format", "json", "--quiet", "--jobs", "1", str(corpus)]
    guarded = [sys.executable, "-c", MAIN, *args]
    if against is None:
        unguarded = [sys.executable, "-c", UNGUARDED + MAIN, *args]
    else:
        unguarded = ["env", f"PYTHONPATH={against.resolve()}", *guarded[:2], CHECK_AGAINST + MAIN, *args]
    return {"guarded": guarded, "unguarded": unguarded}


#: Files checked with one setting before switching to the other, in the paired measurement.
BLOCK = 25


def paired_child(corpus: Path, passes: int) -> None:
    """In this process: the corpus checked with and without the guards by turns; prints the CPU totals as JSON."""
    import time

    import newslint.guard as guard
    import newslint.session as session

    on = (guard.Watchdog.arm, guard.Watchdog.disarm, session.problem)
    off = (lambda self: None, lambda self: None, lambda d, article: None)

    def guards(enabled: bool) -> None:
        if not enabled:
            guard.stop()  # no ticking timer either; the next arm starts it again
        guard.Watchdog.arm, guard.Watchdog.disarm, session.problem = on if enabled else off

    with session.Session(jobs=1) as s:
        files = s.expand([str(corpus)])
        for f in files:  # warm-up: the rules' resources loaded, caches filled
            s.check_path(f)
        blocks = [files[i : i + BLOCK] for i in range(0, len(files), BLOCK)]
        out = []
        for p in range(passes):
            cpu = {"guarded": 0.0, "unguarded": 0.0}
            for i, block in enumerate(blocks):
                for name in ("guarded", "unguarded") if (i + p) % 2 == 0 else ("unguarded", "guarded"):
                    guards(name == "guarded")
                    t = time.process_time()
                    for f in block:
                        s.check_path(f)
                    cpu[name] += time.process_time() - t
            out.append(cpu)
        guards(True)
        pairs = sum(len(s._plan(s.resolver.for_path(f))) for f in files)
    print(json.dumps({"passes": out, "pairs": pairs, "per_pair": per_pair_cost()}))


def per_pair_cost() -> float:
    """Seconds the guards add to one rule on one article: the watchdog around an empty check, less the bare check."""
    import timeit

    from newslint.guard import Watchdog, stop

    w = Watchdog(60.0)

    def guarded() -> None:
        try:
            w.arm()
            try:
                list(())
            finally:
                w.disarm()
        except KeyboardInterrupt:
            raise
        except BaseException:
            pass

    def bare() -> None:
        try:
            list(())
        except Exception:
            pass

    n = 100_000
    cost = min(timeit.repeat(guarded, number=n, repeat=7)) - min(timeit.repeat(bare, number=n, repeat=7))
    stop()
    return cost / n


def paired(corpus: Path, passes: int) -> None:
    r = run([sys.executable, str(Path(__file__).resolve()), "--paired-child", str(passes), "--corpus", str(corpus)])
    got = json.loads(r.stdout)
    per_pass = got["passes"]
    print(f"\n2. paired, in one process: {passes} passes over the corpus, blocks of {BLOCK} files by turns")
    print(f"{'pass':>5} {'guarded CPU':>12} {'unguarded CPU':>14} {'guards':>8}")
    for i, cpu in enumerate(per_pass):
        share = 100 * (cpu["guarded"] / cpu["unguarded"] - 1)
        print(f"{i + 1:>5} {cpu['guarded']:>11.2f}s {cpu['unguarded']:>13.2f}s {share:>+7.1f}%")
    g = sum(c["guarded"] for c in per_pass)
    u = sum(c["unguarded"] for c in per_pass)
    print(f"total: guarded {g:.2f} s, unguarded {u:.2f} s: the guards cost {100 * (g / u - 1):+.1f} % "
          f"({r.cpu:.1f} CPU s for the whole child, warm-up included)")
    direct = got["pairs"] * got["per_pair"]
    print(f"\n3. counted: {got['pairs']} rule-article pairs a pass x {1e6 * got['per_pair']:.2f} us the watchdog adds "
          f"to each = {direct:.3f} s a pass, {100 * direct * passes / u:.1f} % of the unguarded checking above")


def findings(r: Run) -> list[tuple[str, int, int, str, str]]:
    report = json.loads(r.stdout)
    return sorted((d["path"], d["line"], d["column"], d["code"], d["message"]) for d in report["diagnostics"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved whole runs of each variant (default 5; 0: none)")
    ap.add_argument("--passes", type=int, default=3, help="paired passes in one process (default 3; 0: none)")
    ap.add_argument("--against", type=Path, help="a checkout without the guards, for the whole runs")
    ap.add_argument("--no-peers", action="store_true", help="skip the codespell and proselint runs")
    ap.add_argument("--paired-child", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.paired_child is not None:
        paired_child(a.corpus, a.paired_child)
        return 0
    if not a.corpus.is_dir():
        print(f"skipped: no corpus at {a.corpus}")
        return 0
    corpus = a.corpus.resolve()
    with tempfile.TemporaryDirectory(prefix="newslint-guards-") as cache:
        # a cache of its own: the shared one holds other checkouts' entries and may evict this one's
        ENV["NEWSLINT_CACHE_DIR"] = cache
        os.chdir(cache)  # ``python -c`` puts the working folder first on sys.path, before --against
        if a.rounds:
            status = whole_runs(corpus, a.rounds, a.against, peers=not a.no_peers)
            if status:
                return status
        if a.passes:
            paired(corpus, a.passes)
    return 0


def whole_runs(corpus: Path, rounds: int, against: Path | None, *, peers: bool) -> int:
    cmds = variants(corpus, against)
    first = {name: run(cmd) for name, cmd in cmds.items()}  # writes bytecode and the data cache
    if findings(first["guarded"]) != findings(first["unguarded"]):
        print("the two variants report different findings: not the same build apart from the guards")
        return 1
    runs: dict[str, list[Run]] = {name: [] for name in cmds}
    print(f"{corpus}, jobs=1\n\n1. whole runs, {rounds} interleaved rounds"
          + (f", unguarded = {against}" if against else ""))
    print(f"{'round':>5} {'guarded CPU':>12} {'unguarded CPU':>14} {'guarded wall':>13} {'unguarded wall':>15}")
    for i in range(rounds):
        for name in list(cmds) if i % 2 == 0 else list(reversed(cmds)):
            runs[name].append(run(cmds[name]))
        g, u = runs["guarded"][-1], runs["unguarded"][-1]
        print(f"{i + 1:>5} {g.cpu:>11.2f}s {u.cpu:>13.2f}s {g.wall:>12.2f}s {u.wall:>14.2f}s")
    cpu = {name: statistics.median(r.cpu for r in rs) for name, rs in runs.items()}
    wall = {name: statistics.median(r.wall for r in rs) for name, rs in runs.items()}
    print(f"median CPU: guarded {cpu['guarded']:.2f} s, unguarded {cpu['unguarded']:.2f} s: "
          f"the guards cost {100 * (cpu['guarded'] / cpu['unguarded'] - 1):+.1f} %")
    print(f"median wall: guarded {wall['guarded']:.2f} s, unguarded {wall['unguarded']:.2f} s "
          f"({100 * (wall['guarded'] / wall['unguarded'] - 1):+.1f} %; the clock of a shared machine)")
    spread = {name: (min(r.cpu for r in rs), max(r.cpu for r in rs)) for name, rs in runs.items()}
    print("CPU range: " + ", ".join(f"{n} {lo:.2f}-{hi:.2f} s" for n, (lo, hi) in spread.items()))
    if peers:
        for name, peer in PEERS.items():
            r = run(peer(corpus))
            print(f"{name} on the same folder: {r.cpu:.2f} CPU s, {r.wall:.2f} s wall "
                  f"(newslint guarded / {name}: {cpu['guarded'] / r.cpu:.2f}x CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
