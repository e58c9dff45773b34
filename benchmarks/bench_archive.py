"""Benchmark archive-scale ``names build`` and ``check`` on Dask: throughput, scaling, memory per worker.

    .venv/bin/python benchmarks/bench_archive.py [--sizes 50000,200000] [--check-sizes 4000,16000]

Builds a synthetic archive at run time from ``../shared/corpora`` (BBC and the
other publications): the real articles repeated, each copy with its people's
given names and its captions varied, written as JSON Lines to a temporary
folder (nothing is kept). Then prints, per archive size:

* ``names build`` on one machine in one process (the default path);
* ``names build --dask`` on a local cluster (as ``--dask local:N`` starts
  one) of 1 and of 2 worker processes: articles per second, the speed-up of 2
  workers over 1, the peak resident memory of each worker (it must stay flat
  as the archive grows), and the CPU seconds of the command and the scheduler;
* the projected time for 10 million articles on 10 machines of 16 cores,
  from the measured rate per worker and the measured 2-worker efficiency;

and checks that every run wrote the same names file, byte for byte. The one
process and every cluster size run at the first size; the larger sizes run
on the largest cluster only (``--every-size``: everything everywhere). Then
the same for ``check`` (every default rule, the batch rules shuffled by key)
on archives of ``--check-sizes`` articles, checking that every run reported
the same findings. On a quiet two-core machine the defaults take about 11
minutes.
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


def _names(archive: Path, out: Path, *dask: str) -> float:
    return _cli("names", "build", "-q", *dask, "--out", str(out), str(archive))


def _check(archive: Path, out: Path, *dask: str) -> float:
    t0 = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        r = subprocess.run([sys.executable, "-m", "newslint", "check", "-q", "--format", "json", *dask, str(archive)],
                           stdout=f)
    if r.returncode not in (0, 1):
        raise SystemExit(f"newslint check failed with status {r.returncode}")
    return time.perf_counter() - t0


def _same(a: Path, b: Path, command: str) -> bool:
    if command == "names":
        return a.read_bytes() == b.read_bytes()
    return json.loads(a.read_text(encoding="utf-8"))["diagnostics"] == json.loads(b.read_text(encoding="utf-8"))[
        "diagnostics"
    ]


def on_dask(run, workers: int, archive: Path, out: Path) -> tuple[float, float, list[float], float, float]:
    """``run`` on a local cluster of ``workers`` processes (as ``--dask local:N`` starts one).

    Returns the wall seconds, the workers' CPU seconds together, each worker's
    peak RSS in MiB, the CPU seconds of the command (the Dask client, which
    adds the partial results up) and those of this process (the scheduler and
    the nannies, whose periodic work grows with the wall time, not the archive).
    """
    from distributed import Client

    from newslint.cluster import local_cluster

    with local_cluster(workers) as cluster, Client(cluster) as client:
        before = client.run(_usage)  # workers up before the clock starts
        sched0, command0 = _usage()[0], _child_cpu()
        wall = run(archive, out, "--dask", cluster.scheduler_address)
        sched, command = _usage()[0] - sched0, _child_cpu() - command0
        after = client.run(_usage)
    cpu = sum(after[w][0] - before[w][0] for w in after)
    return wall, cpu, sorted(a[1] for a in after.values()), command, sched


def table(
    command: str, sizes: list[int], tmp: str, workers: list[int], single: bool, every: bool
) -> tuple[float, float]:
    """One row per archive size; 1 worker's articles per CPU second, and the 2-worker efficiency.

    The first size runs in one process and on every cluster size (the
    speed-up); the others only on the largest cluster unless ``every`` (memory
    per worker as the archive grows, each worker reading more partitions).
    """
    run = _names if command == "names" else _check
    print(f"newslint {command}" + (" build" if command == "names" else "") + ":")
    head = f"{'articles':>9} {'MB':>5} | {'1 process wall/CPU':>19} |"
    for w in workers:
        head += f" {f'dask {w} worker(s) wall/CPU':>26} {'RSS':>9} {'client/sched':>12} |"
    print(head + f" {'2w/1w wall':>10}")
    rate_1w = efficiency = 0.0
    for k, n in enumerate(sizes):
        archive = Path(tmp) / f"archive-{n}.jsonl"
        mb = write_archive(n, archive) / 1e6
        line = f"{n:>9,} {mb:>5.0f} | "
        outs = []
        if single and (every or k == 0):
            here = Path(tmp) / "here.json"
            cpu0 = _child_cpu()
            t_here = run(archive, here)
            cpu_here = _child_cpu() - cpu0
            outs.append(here)
            line += f"{n / t_here:>7.0f} / {n / cpu_here:>5.0f} a/s |"
        else:
            line += f"{'-':>19} |"
        walls = {}
        for w in workers:
            if not (every or k == 0 or w == max(workers)):
                line += f" {'-':>26} {'':>9} {'':>12} |"
                continue
            out = Path(tmp) / f"dask-{w}.json"
            outs.append(out)
            wall, cpu, rss, client, sched = on_dask(run, w, archive, out)
            walls[w] = wall
            if w == 1:
                rate_1w = n / cpu
            peaks, shares = "/".join(f"{p:.0f}" for p in rss), f"{client:.1f}/{sched:.1f}s"
            line += f" {n / wall:>14.0f} / {n / cpu:>5.0f} a/s {peaks:>9} {shares:>12} |"
        if 1 in walls and 2 in walls:
            efficiency = min(1.0, (walls[1] / walls[2]) / 2)
            line += f" {walls[1] / walls[2]:>9.2f}x"
        else:
            line += f" {'-':>10}"
        same = "yes" if all(_same(o, outs[0], command) for o in outs[1:]) else "NO"
        what = "names file" if command == "names" else "findings"
        # the load average beside the row: wall figures (and CPU ones, less) move with it
        load = "/".join(f"{x:.1f}" for x in os.getloadavg())
        print(line + f"   same {what}: {same if outs[1:] else '-'}   load {load}")
        archive.unlink()
    return rate_1w, efficiency or 1.0


def projection(rate_1w: float, efficiency: float) -> str:
    cores = 10 * 16
    projected = 10_000_000 / (rate_1w * cores * efficiency)
    return (
        f"projected: 10 million articles on 10 machines of 16 cores: {projected / 60:.1f} min "
        f"({rate_1w:.0f} articles per CPU second per worker x {cores} workers x {efficiency:.0%} "
        "efficiency, the measured 2-worker wall speed-up over 2)"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="50000,200000", help="names build: archive sizes, comma-separated ('' none)")
    ap.add_argument("--check-sizes", default="4000,16000", help="check: archive sizes, comma-separated ('' none)")
    ap.add_argument("--workers", default="1,2", help="Dask cluster sizes to run, comma-separated")
    ap.add_argument("--no-single", action="store_true", help="leave out the one-process run")
    ap.add_argument("--every-size", action="store_true",
                    help="run one process and every cluster size at every archive size, not only the first")
    ns = ap.parse_args()
    if not (SHARED / "corpora" / "bbc").is_dir():
        print(f"skipped: {SHARED / 'corpora'} is not here")
        return 0
    try:
        import distributed  # noqa: F401
    except ImportError:
        print("skipped: Dask is not installed (pip install 'newslint[dask]')")
        return 0
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    workers = [int(w) for w in ns.workers.split(",")]
    print("wall: articles per second of wall time; CPU: articles per CPU second (user+sys) of the")
    print("process or of all Dask workers together; RSS: peak resident memory of each worker, MiB;")
    print("client/sched: CPU seconds of the command (the Dask client, adding the results up) and of the")
    print("scheduler with the nannies (their periodic work grows with the wall time, not the archive);")
    print("load: the machine's load average (1, 5, 15 minutes) when the row was done")
    with tempfile.TemporaryDirectory() as tmp:
        for command, sizes in (("names", ns.sizes), ("check", ns.check_sizes)):
            if sizes:
                rate, efficiency = table(
                    command, [int(s) for s in sizes.split(",")], tmp, workers, not ns.no_single, ns.every_size
                )
                if rate:
                    print(projection(rate, efficiency))
    print(f"(this machine: {os.cpu_count()} cores, shared with other work: wall figures vary)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
