"""Rendering speed of the built-in output formats on a large, realistic report.

Checks the BBC corpus (../shared/corpora/bbc) once with every default rule,
then renders the resulting report with each format (text, text in colour,
json, sarif, github) into memory and prints diagnostics per second and the
output size. Rendering should never be the slow part of a run: these figures
should sit orders of magnitude above the checking speed.

    .venv/bin/python benchmarks/bench_reporters.py [--corpus DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from newslint.manager import collect_reporters, make_manager
from newslint.session import Session

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="best of N renderings")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    session = Session(manager=make_manager(autoload=False))
    t0 = time.perf_counter()
    session.run([str(args.corpus)])
    checked = time.perf_counter() - t0
    report = session.report
    assert report is not None
    n = len(report.diagnostics)
    print(f"checked {len(report.files)} files in {checked:.1f} s: {n} diagnostics")
    if not n:
        return 0

    reporters = collect_reporters(make_manager(autoload=False))
    print(f"{'format':<14} {'seconds':>8} {'diags/s':>10} {'output':>10}")
    for name, color in (("text", False), ("text", True), ("json", False), ("sarif", False), ("github", False)):
        best, size = float("inf"), 0
        for _ in range(args.repeat):
            out = io.StringIO()
            t = time.perf_counter()
            reporters[name].render(report, out, color=color)
            best = min(best, time.perf_counter() - t)
            size = len(out.getvalue().encode("utf-8"))
        label = f"{name}{' (colour)' if color else ''}"
        print(f"{label:<14} {best:>8.3f} {n / best:>10,.0f} {size / 1e6:>8.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
