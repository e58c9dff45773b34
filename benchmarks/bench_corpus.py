"""Time newslint over the whole BBC corpus: articles per second, peak memory, time per rule.

    python benchmarks/bench_corpus.py [--corpus ../shared/corpora/bbc] [--jobs N]

Two measurements:
1. the command line, as CI runs it (``newslint check --format json CORPUS``) in a subprocess:
   wall time, articles per second and the peak resident memory of the largest process;
2. in-process, one worker, each rule's own time summed over the corpus, so a slow rule shows.
Skips (exit 0 with a message) when the corpus is not present.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "bbc"


def cli_run(corpus: Path, jobs: int | None, extra: list[str]) -> dict:
    exe = [sys.executable, "-m", "newslint", "check", "--format", "json", "--quiet", *extra]
    if jobs:
        exe += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    p = subprocess.run([*exe, str(corpus)], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({p.returncode}): {p.stderr[-500:]}")
    report = json.loads(p.stdout)
    n = report.get("files") or len(list(corpus.rglob("*.txt")))
    return {
        "files": n,
        "seconds": round(wall, 2),
        "articles_per_second": round(n / wall, 1),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "findings": len(report["diagnostics"]),
    }


def per_rule(corpus: Path) -> dict:
    from newslint.config import ConfigResolver
    from newslint.session import Session

    session = Session(resolver=ConfigResolver(), jobs=1)
    times: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for rule in session.rules:
        original = rule.check

        def timed(article, ctx, _orig=original, _name=rule.name):
            t = time.perf_counter()
            out = list(_orig(article, ctx))
            times[_name] += time.perf_counter() - t
            counts[_name] += len(out)
            return out

        rule.check = timed  # type: ignore[method-assign]
    files = session.expand([str(corpus)])
    t0 = time.perf_counter()
    load_time = 0.0
    for f in files:
        t = time.perf_counter()
        session.check_path(f)
        load_time += time.perf_counter() - t
    total = time.perf_counter() - t0
    rules_total = sum(times.values())
    return {
        "files": len(files),
        "seconds_total_one_process": round(total, 2),
        "seconds_reading_and_loading": round(total - rules_total, 2),
        "seconds_per_rule": {k: round(v, 3) for k, v in sorted(times.items(), key=lambda kv: -kv[1])},
        "findings_per_rule": dict(sorted(counts.items())),
    }


def huge(megabytes: float) -> dict:
    """Time one very large article, as one paragraph and as many (a pasted archive, a data dump)."""
    import tempfile

    sentence = 'The minister said on Monday that "the talks with Kim Jong-un" would go on, and teh rest. '
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape, sep in (("one_paragraph", ""), ("many_paragraphs", "\n\n")):
            n = int(megabytes * 1024 * 1024 / (len(sentence) + len(sep)))
            path = Path(tmp) / f"{shape}.txt"
            path.write_text("A very large article\n\n" + (sentence + sep) * n, encoding="utf-8")
            t0 = time.perf_counter()
            p = subprocess.run(
                [sys.executable, "-m", "newslint", "check", "--format", "json", "--quiet",
                 "--max-file-size", str(megabytes + 1), str(path)],
                capture_output=True, text=True,
            )
            wall = time.perf_counter() - t0
            findings = len(json.loads(p.stdout)["diagnostics"]) if p.stdout else None
            out[shape] = {"mib": megabytes, "seconds": round(wall, 2), "findings": findings}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--skip-per-rule", action="store_true")
    ap.add_argument("--huge", type=float, default=5.0, metavar="MIB", help="size of the large-article test (0 skips)")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        print(f"skipped: corpus not found at {a.corpus}")
        return 0
    os.environ.setdefault("NO_COLOR", "1")
    out = {"cli": cli_run(a.corpus, a.jobs, [])}
    if not a.skip_per_rule:
        out["in_process"] = per_rule(a.corpus)
    if a.huge:
        out["huge_article"] = huge(a.huge)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
