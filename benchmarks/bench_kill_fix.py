"""The kill-during-``--fix`` trial: SIGKILL at random moments, then every file must be whole.

    python benchmarks/bench_kill_fix.py [--runs 20] [--files 300] [--seed 12] [--jobs 2]

Writes ``--files`` articles (each with fixes ``--fix`` applies: "5 percent", "whilst",
doubled words, in UTF-8, UTF-8 with a BOM and CRLF, UTF-16BE and Windows-1252) into a
temporary folder, learns what each file looks like after a complete ``--fix`` run and how
long that run takes, then ``--runs`` times: puts the originals back, starts
``newslint check --fix`` on the folder, kills its whole process group with SIGKILL at a
random moment within that time, and compares every file with its original and its fixed
version. Then it runs ``--fix`` on the folder again, to the end, as a user would after the
kill: every file must now be its fixed version, and the temporary files the kill left
(hidden, never walked, never an article) must be gone. Prints the counts per run and in
total and CPU seconds; exit status 1 when any file is neither, or the next run leaves a
temporary file or an unfixed file. Needs nothing from ``../shared``.
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STORY = (
    "Sales rise at {n} high street stores\n\n"
    "Sales rose 5 percent in the year to March, the the firm said, whilst costs fell.\n\n"
    "Shop number {n} opened amongst others in the town, and takings rose 7 percent.\n"
)
ENCODINGS = [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
    ("cp1252", b"", "\r\n"),
]


def articles(n: int) -> dict[str, bytes]:
    out = {}
    for i in range(n):
        enc, bom, nl = ENCODINGS[i % len(ENCODINGS)]
        text = STORY.format(n=i).replace("\n", nl)
        if enc == "cp1252":
            text = text.replace("year", "year (\u00a3)")
        out[f"story{i:03}.txt"] = bom + text.encode(enc)
    return out


def newslint_cmd(folder: Path, jobs: int) -> list[str]:
    return [
        sys.executable, "-m", "newslint", "check", "--no-autoload", "--language", "en-GB", "--fix",
        "--format", "json", "-q", "--jobs", str(jobs), str(folder),
    ]


def put(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def trial(runs: int, n_files: int, seed: int, jobs: int) -> int:
    rng = random.Random(seed)
    originals = articles(n_files)
    with tempfile.TemporaryDirectory(prefix="newslint-kill-") as tmp:
        folder = Path(tmp) / "news"
        put(folder, originals)
        t = time.monotonic()
        subprocess.run(newslint_cmd(folder, jobs), capture_output=True, check=False)
        full = time.monotonic() - t
        fixed = {name: (folder / name).read_bytes() for name in originals}
        changed = sum(fixed[k] != originals[k] for k in originals)
        print(f"{n_files} files, {changed} changed by a full --fix run of {full:.2f} s (wall), jobs={jobs}")
        if changed != n_files:
            print("every file should have fixes; the trial would prove little", file=sys.stderr)
            return 1
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = 0.0
        totals = {"original": 0, "fixed": 0, "neither": 0}
        leftovers = after_next = unfixed = 0
        print(f"{'run':>3} {'killed at':>9} {'original':>8} {'fixed':>6} {'neither':>7} {'temp files':>10} "
              f"{'after the next run: temp files':>30} {'unfixed':>7}")
        for run in range(1, runs + 1):
            put(folder, originals)
            at = rng.uniform(0.05, full)
            p = subprocess.Popen(
                newslint_cmd(folder, jobs), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            time.sleep(at)
            try:
                os.killpg(p.pid, signal.SIGKILL)  # the run and its workers, as the OOM killer or CI would
            except ProcessLookupError:
                pass
            p.wait()
            gone(p.pid)
            counts = {"original": 0, "fixed": 0, "neither": 0}
            for name in originals:
                data = (folder / name).read_bytes()
                kind = "original" if data == originals[name] else "fixed" if data == fixed[name] else "neither"
                counts[kind] += 1
                if kind == "neither":
                    print(f"  {name}: neither its original nor its fixed bytes", file=sys.stderr)
            temps = temp_files(folder)
            leftovers += len(temps)
            for k in totals:
                totals[k] += counts[k]
            killed_cpu = cpu_since(before)
            subprocess.run(newslint_cmd(folder, jobs), capture_output=True, check=False)  # the user runs it again
            left = len(temp_files(folder))
            still = sum((folder / name).read_bytes() != fixed[name] for name in originals)
            after_next += left
            unfixed += still
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu += killed_cpu
            print(f"{run:>3} {at:>8.2f}s {counts['original']:>8} {counts['fixed']:>6} {counts['neither']:>7} "
                  f"{len(temps):>10} {left:>30} {still:>7}")
        print(
            f"total: {runs} kills x {n_files} files = {runs * n_files} checks: {totals['original']} original, "
            f"{totals['fixed']} fixed, {totals['neither']} neither; {leftovers} temporary files left by the kills, "
            f"{after_next} after the next --fix run, {unfixed} files it left unfixed; "
            f"{cpu:.1f} CPU s in the killed runs"
        )
        return 1 if totals["neither"] or after_next or unfixed else 0


def temp_files(folder: Path) -> list[str]:
    return [f for f in os.listdir(folder) if f.endswith(".newslint-tmp")]


def cpu_since(before: resource.struct_rusage) -> float:
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def gone(pgid: int, limit: float = 30.0) -> None:
    """Wait until every process of the killed group has exited.

    A worker killed inside ``fsync`` exits only when the disk answers, and
    until then it still holds the lock on its temporary file, so the next run
    rightly leaves that file alone.
    """
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    return trial(args.runs, args.files, args.seed, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
