"""Benchmark archive-scale ``names build`` on Dask: throughput, scaling and memory per worker.

    .venv/bin/python benchmarks/bench_archive.py [--articles 200000] [--sizes 50000,200000]

Builds a synthetic archive at run time from ``../shared/corpora`` (BBC and the
other publications): the real articles repeated, each copy with its people's
given names and its captions varied, written as JSON Lines to a temporary
folder (nothing is kept). Then prints, per archive size:

* ``names build`` on one machine in one process (the default path);
* ``names build --dask`` on a LocalCluster of 1 and of 2 worker processes:
  articles per second, the speed-up of 2 workers over 1, and the peak
  resident memory of each worker (it must stay flat as the archive grows);
* the projected time for 10 million articles on 10 machines of 16 cores,
  from the measured rate per worker and the measured 2-worker efficiency;

and checks that every run wrote the same names file, byte for byte.
Skipped with a reason when ``../shared`` is not there or Dask is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GIVEN = ["John", "Mary", "David", "Sarah", "James", "Anna", "Peter", "Laura", "Michael", "Emma", "Paul", "Kate"]


def _articles() -> list[tuple[str, list[str]]]:
    out = []
    for folder in (SHARED / "corpora" / "bbc", SHARED / "corpora" / "ext"):
        for path in sorted(folder.rglob("*.txt")):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            head, _, rest = text.strip().partition("\n")
            paras = [p.strip() for p in rest.split("\n\n") if p.strip()]
            if paras:
                out.append((head.strip(), paras))
    return out


def write_archive(n: int, out: Path, seed: int = 1) -> int:
    """``n`` article records in JSON Lines, real copy with names and captions varied; the bytes written."""
    rng = random.Random(seed)
    base = _articles()
    with out.open("w", encoding="utf-8") as f:
        for i in range(n):
            head, paras = base[i % len(base)]
            if i >= len(base):  # a copy: vary given names and the caption
                g = GIVEN[(i // len(base)) % len(GIVEN)]
                paras = [p.replace("Mr ", f"{g} ", 1) if rng.random() < 0.3 else p for p in paras]
            caption = f"{paras[0][:60].rsplit(' ', 1)[0]} (picture {i})"
            rec = {"headline": head, "body": paras, "images": [{"caption": caption, "credit": "Photograph: PA"}]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return out.stat().st_size


def _cli(*args: str) -> float:
    """Run newslint; the wall seconds."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newslint", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _usage() -> tuple[float, float]:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss / 1024


def on_dask(workers: int, archive: Path, out: Path) -> tuple[float, float, list[float]]:
    """names build on a LocalCluster of ``workers`` processes: wall s, workers' CPU s, peak RSS MiB each."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster, Client(cluster) as client:
        before = client.run(_usage)  # workers up before the clock starts
        wall = _cli("names", "build", "-q", "--dask", cluster.scheduler_address, "--out", str(out), str(archive))
        after = client.run(_usage)
    cpu = sum(after[w][0] - before[w][0] for w in after)
    return wall, cpu, sorted(a[1] for a in after.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50000,200000", help="archive sizes in articles, comma-separated")
    ns = ap.parse_args()
    if not (SHARED / "corpora" / "bbc").is_dir():
        print(f"skipped: {SHARED / 'corpora'} is not here")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: Dask is not installed (pip install 'newslint[dask]')")
        return 0
    sizes = [int(s) for s in ns.sizes.split(",")]
    print("wall: articles per second of wall time; CPU: articles per CPU second (user+sys) of the")
    print("process or of all Dask workers together; RSS: peak resident memory of each worker")
    print(f"{'articles':>9} {'MB':>5} | {'1 process wall/CPU':>19} | {'dask 1 worker wall/CPU':>23} {'RSS':>5} | "
          f"{'dask 2 workers wall/CPU':>24} {'RSS':>9} | {'2w/1w wall':>10}")
    rate_1w = efficiency = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            archive = Path(tmp) / f"archive-{n}.jsonl"
            mb = write_archive(n, archive) / 1e6
            here = Path(tmp) / "here.json"
            cpu0 = _child_cpu()
            t_here = _cli("names", "build", "-q", "--out", str(here), str(archive))
            cpu_here = _child_cpu() - cpu0
            outs = []
            row = []
            for w in (1, 2):
                out = Path(tmp) / f"dask-{w}.json"
                outs.append(out)
                row.append(on_dask(w, archive, out))
            same = all(o.read_bytes() == here.read_bytes() for o in outs)
            (w1, c1, p1), (w2, c2, p2) = row
            rate_1w, efficiency = n / c1, min(1.0, (w1 / w2) / 2)
            print(
                f"{n:>9,} {mb:>5.0f} | {n / t_here:>7.0f} / {n / cpu_here:>5.0f} a/s | "
                f"{n / w1:>11.0f} / {n / c1:>5.0f} a/s {p1[0]:>5.0f} | "
                f"{n / w2:>12.0f} / {n / c2:>5.0f} a/s {'/'.join(f'{p:.0f}' for p in p2):>9} | {w1 / w2:>9.2f}x"
                f"   same names file: {'yes' if same else 'NO'}"
            )
    cores = 10 * 16
    projected = 10_000_000 / (rate_1w * cores * efficiency)
    print(
        f"projected: 10 million articles on 10 machines of 16 cores: {projected / 60:.1f} min "
        f"({rate_1w:.0f} articles per CPU second per worker x {cores} workers x {efficiency:.0%} "
        "efficiency, the measured 2-worker wall speed-up over 2)"
    )
    print(f"(this machine: {os.cpu_count()} cores; figures are wall time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
