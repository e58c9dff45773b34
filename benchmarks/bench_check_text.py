"""``newslint.check_text`` in a warm process, over a spread of BBC articles, optionally A/B.

    python benchmarks/bench_check_text.py [--corpus DIR] [--articles 20] [--calls 30] [--fresh 200]
                                          [--rounds 3] [--against DIR] [--profile]

Issue 13's target is a typical article's ``check_text`` after the first call under 2 ms.
``bench_corpus.py`` times one short article; this takes ``--articles`` articles spread evenly
over the corpus's sorted file names (every n-th), checks each once (the first call, which loads
the word lists and compiles the patterns), then checks them all in turn ``--calls`` times, each
call timed in CPU seconds (``time.process_time``) in a child process. It prints the median of
the articles' medians (the typical article), the median and minimum over every call, and the
load average. Checking the same few articles again and again is kind to anything cached by
what the text holds (a block's lower case, a word's number), so a second child checks
``--fresh`` other articles (spread over the corpus the same way) once each, after one first
call, and prints their median and minimum too.

``--against DIR`` times another checkout too (put first on ``PYTHONPATH`` in its children),
``--rounds`` child processes each, in alternating order (A B A B ...), so that the load of a
shared machine falls on both alike; both must report the same findings. ``--profile`` prints a
``cProfile`` of the calls instead (this checkout only). Needs ``../shared``; skips (exit 0, with
the reason) without the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CHILD = """
import json, os, sys, time
if os.environ.get("PYTHONPATH"):
    import newslint
    assert newslint.__file__.startswith(os.environ["PYTHONPATH"]), newslint.__file__
import newslint
paths, calls, profile = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
texts = [open(p, encoding="utf-8", errors="replace").read() for p in paths]
if calls == 0:  # --fresh: each article once, after a first call on the first
    newslint.check_text(texts[0], path="article.txt")
    times, findings = [], []
    for t in texts[1:]:
        s = time.process_time()
        found = newslint.check_text(t, path="article.txt")
        times.append([time.process_time() - s])
        findings.append([(d.code, d.start.offset, d.end.offset, d.message, d.suggestions) for d in found])
    print(json.dumps({"times": times, "findings": findings}))
    sys.exit(0)
findings = [[(d.code, d.start.offset, d.end.offset, d.message, d.suggestions)
             for d in newslint.check_text(t, path="article.txt")] for t in texts]
times = [[] for _ in texts]
if profile:
    import cProfile, pstats
    pr = cProfile.Profile()
    pr.enable()
for _ in range(calls):
    for i, t in enumerate(texts):
        s = time.process_time()
        newslint.check_text(t, path="article.txt")
        times[i].append(time.process_time() - s)
if profile:
    pr.disable()
    pstats.Stats(pr).sort_stats("tottime").print_stats(45)
    pstats.Stats(pr).sort_stats("cumulative").print_stats(45)
else:
    print(json.dumps({"times": times, "findings": findings}))
"""


def articles(corpus: Path, n: int, skip: int = 0) -> list[str]:
    """``n`` of the corpus's files spread evenly over their sorted names, ``skip`` past the first of each step."""
    files = sorted(str(p) for p in corpus.glob("*/*.txt"))
    step = max(1, len(files) // n)
    return files[skip % step :: step][:n]


def child(paths: list[str], calls: int, checkout: Path | None, profile: bool = False) -> dict:
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout.resolve())
    cwd = "/" if checkout is not None else None  # ``-c`` puts the working folder first on sys.path
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(paths), str(calls), "1" if profile else "0"],
                         env=env, cwd=cwd, check=True, stdout=None if profile else subprocess.PIPE, text=True)
    return {} if profile else json.loads(out.stdout)


def summary(runs: list[dict]) -> str:
    per_article = [[t for r in runs for t in r["times"][i]] for i in range(len(runs[0]["times"]))]
    every = [t for ts in per_article for t in ts]
    typical = statistics.median(statistics.median(ts) for ts in per_article)
    return (f"typical article {typical * 1000:.2f} ms, every call median {statistics.median(every) * 1000:.2f} ms, "
            f"min {min(every) * 1000:.2f} ms ({len(every)} calls)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--calls", type=int, default=30, help="timed calls per article per child")
    ap.add_argument("--fresh", type=int, default=200, help="other articles checked once each per child (0: none)")
    ap.add_argument("--rounds", type=int, default=3, help="child processes per checkout")
    ap.add_argument("--against", type=Path, help="another checkout to time by turns with this one")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the calls instead")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        print(f"skipped: no corpus at {a.corpus}")
        return 0
    paths = articles(a.corpus, a.articles)
    fresh = articles(a.corpus, a.fresh + 1, skip=1) if a.fresh else []
    if a.profile:
        child(paths, a.calls, None, profile=True)
        return 0
    names = ["this"] + ([str(a.against)] if a.against else [])
    runs: dict[str, list[dict]] = {n: [] for n in names}
    once: dict[str, list[dict]] = {n: [] for n in names}
    load = [os.getloadavg()[0]]
    for _ in range(a.rounds):
        for n in names:
            checkout = None if n == "this" else a.against
            runs[n].append(child(paths, a.calls, checkout))
            if fresh:
                once[n].append(child(fresh, 0, checkout))
        load.append(os.getloadavg()[0])
    print(f"{a.corpus}: {len(paths)} articles {a.calls} times each, and {len(fresh) - 1} others once each, "
          f"per child; {a.rounds} children of each; load average {min(load):.1f}-{max(load):.1f}")
    for n in names:
        print(f"  {n}: {summary(runs[n])}")
        if fresh:
            every = [t for r in once[n] for ts in r["times"] for t in ts]
            print(f"  {' ' * len(n)}  articles checked once: median {statistics.median(every) * 1000:.2f} ms, "
                  f"min {min(every) * 1000:.2f} ms ({len(every)} calls)")
    if a.against:
        other = str(a.against)
        if runs["this"][0]["findings"] != runs[other][0]["findings"] or (
            fresh and once["this"][0]["findings"] != once[other][0]["findings"]
        ):
            print("  findings differ between the checkouts")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
