"""newslint beside codespell and proselint on the BBC corpus, in one run; and the golden report.

    python benchmarks/bench_corpus.py [--corpus DIR] [--ext DIR] [--big 5,20] [--update-golden]

Needs the peers installed (``pip install -e '.[bench]'``) and ``../shared``; skips (exit 0,
with the reason) without the corpus. Every figure is measured on child processes started
from here: CPU seconds are user + system time of the finished children (``getrusage
RUSAGE_CHILDREN`` before and after each one), peak memory is the largest resident set of any
one process of the run (the parent or a worker), wall time is the clock.

1. The whole corpus, every default rule (``newslint check --format json``), against
   ``codespell`` and ``proselint check`` on the same folder, with the ratios.
2. One typical article (the median-sized file) from a cold command line, median of
   ``--cold-repeat`` runs, against the peers on the same file.
3. One article of 5 MB and one of 20 MB, made at run time from the corpus's own paragraphs
   (in a temporary folder, deleted afterwards), with CPU per MB against the corpus's.
4. ``newslint.check_text`` in one process: the first call, then the median of later calls.
   ``newslint names build`` over the corpus (one process, the names file written to a
   temporary folder), median of ``--names-repeat`` runs after a first one; the target is
   under 1.5 s CPU.
5. The golden report: the JSON reports on the BBC corpus and on ``--ext`` are reduced to one
   line per finding (file, line, column, end, rule and a hash of the rest: message,
   suggestions, fix, severity, data) and compared with ``benchmarks/golden/*.tsv``. A speed
   change must leave them alone; a commit that changes findings on purpose regenerates them
   with ``--update-golden`` and says so. Exit status 1 when they differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
GOLDEN = HERE / "golden"
BIN = Path(sys.executable).parent
MIB = 1024 * 1024
#: The children run as a user's shell would run them: compiled bytecode may be written and read.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_COLOR": "1"}


@dataclass
class Run:
    cpu: float  # user + system seconds of the child and everything it waited for
    wall: float
    peak_mib: float  # the largest resident set of any one process of the run
    status: int | None  # None: killed at the timeout
    stdout: bytes


def run(cmd: list[str], timeout: float | None = None, ok: tuple[int, ...] = (0, 1)) -> Run:
    """Run ``cmd`` to the end (or the timeout) and measure it; an exit status not in ``ok`` stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, env=ENV)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            p.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        # wait4, not wait: its rusage is this child's, and ru_maxrss the peak of its biggest process
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if killed.is_set():
        return Run(cpu, wall, usage.ru_maxrss / 1024, None, b"")
    if p.returncode not in ok and not (cmd[0].endswith("codespell") and p.returncode == 65):
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({p.returncode}): {stderr[-800:].decode(errors='replace')}")
    return Run(cpu, wall, usage.ru_maxrss / 1024, p.returncode, stdout)


def newslint_cmd(*paths: Path | str, extra: tuple[str, ...] = ()) -> list[str]:
    return [str(BIN / "newslint"), "check", "--format", "json", "--quiet", *extra, *map(str, paths)]


PEERS = {
    "codespell": lambda *paths: [str(BIN / "codespell"), *map(str, paths)],
    "proselint": lambda *paths: [str(BIN / "proselint"), "check", *map(str, paths)],
}


def articles(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".md"))


# -- the golden report -------------------------------------------------------------------

SHIPPED = re.compile(r'[^"]*?[/\\]+newslint[/\\]+data[/\\]+')


def digest_lines(report: dict, corpus: Path) -> list[str]:
    """One tab-separated line per finding; the text of the articles appears only as a hash."""
    lines = []
    # messages name other files ("as written in politics/125.txt"): as the corpus's own paths
    prefixes = sorted({str(corpus) + os.sep, os.path.relpath(corpus) + os.sep}, key=len, reverse=True)
    for d in report["diagnostics"]:
        path = Path(os.path.relpath(os.path.abspath(d["path"]), corpus)).as_posix()
        rest = json.dumps(
            {k: d.get(k) for k in ("code", "severity", "message", "field", "suggestions", "fix", "data")},
            sort_keys=True,
            ensure_ascii=False,
        )
        for prefix in prefixes:
            rest = rest.replace(json.dumps(prefix)[1:-1], "")
        rest = SHIPPED.sub("<newslint>/data/", rest)  # the starter style's file, wherever installed
        h = hashlib.sha256(rest.encode()).hexdigest()[:16]
        pos = (d["line"], d["column"], d["end_line"], d["end_column"])
        lines.append("\t".join([path, *map(str, pos), d["rule"], h]))
    return sorted(lines)


def golden(name: str, lines: list[str], update: bool) -> tuple[str, bool]:
    """Compare with (or, with ``update``, rewrite) ``golden/NAME.tsv``; a one-line verdict."""
    path = GOLDEN / f"{name}.tsv"
    text = "".join(line + "\n" for line in lines)
    sha = hashlib.sha256(text.encode()).hexdigest()[:12]
    per_rule = Counter(line.split("\t")[5] for line in lines)
    if update:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return f"written: {len(lines)} findings, sha256 {sha}", True
    if not path.exists():
        return f"no {path.relative_to(HERE.parent)} (run with --update-golden)", False
    want = path.read_text(encoding="utf-8").splitlines()
    if want == lines:
        return f"same: {len(lines)} findings, sha256 {sha}", True
    old_rule = Counter(line.split("\t")[5] for line in want)
    gone, new = sorted(set(want) - set(lines)), sorted(set(lines) - set(want))
    rules = ", ".join(
        f"{r} {old_rule[r]}->{per_rule[r]}" for r in sorted(old_rule | per_rule) if old_rule[r] != per_rule[r]
    )
    shown = [f"      - {x}" for x in gone[:8]] + [f"      + {x}" for x in new[:8]]
    return "\n".join([f"DIFFERENT: {len(want)} -> {len(lines)} findings ({rules or 'same counts'})", *shown]), False


# -- the big articles --------------------------------------------------------------------


def big_article(corpus: Path, mib: float, folder: Path) -> Path:
    """One headline, then the corpus's paragraphs in order, again and again, to ``mib`` MB."""
    paras: list[str] = []
    for p in articles(corpus):
        if p.stem.lower() == "readme":
            continue
        text = p.read_bytes().decode("utf-8", errors="replace")
        paras += [x.strip() for x in text.split("\n\n") if x.strip()]
    target = int(mib * MIB)
    out, size, i = ["An archive of paragraphs"], 0, 0
    while size < target:
        para = paras[i % len(paras)]
        out.append(para)
        size += len(para.encode()) + 2
        i += 1
    path = folder / f"big-{mib:g}mb.txt"
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


# -- check_text in one process ------------------------------------------------------------

CHECK_TEXT = """
import json, statistics, sys, time
import newslint
text = open(sys.argv[1], encoding="utf-8").read()
t = time.process_time(); newslint.check_text(text, path="article.txt"); first = time.process_time() - t
times = []
for _ in range(int(sys.argv[2])):
    t = time.process_time(); newslint.check_text(text, path="article.txt"); times.append(time.process_time() - t)
print(json.dumps({"first": first, "median": statistics.median(times), "min": min(times)}))
"""


# -- the table -----------------------------------------------------------------------------


def fmt_run(r: Run | None) -> str:
    if r is None:
        return "-"
    if r.status is None:
        return f"killed at {r.wall:.0f} s"
    return f"{r.cpu:.2f} s CPU, {r.wall:.2f} s wall, {r.peak_mib:.0f} MiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    ap.add_argument("--ext", type=Path, default=SHARED / "corpora" / "ext", help="second corpus, for the golden only")
    ap.add_argument("--big", default="5,20", help="sizes in MB of the big articles, comma-separated ('' skips)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a big-article run is stopped")
    ap.add_argument("--cold-repeat", type=int, default=5)
    ap.add_argument("--calls", type=int, default=200, help="check_text calls after the first")
    ap.add_argument("--names-repeat", type=int, default=3, help="names build runs timed after the first")
    ap.add_argument("--no-peers", action="store_true", help="newslint only (the golden and its own figures)")
    ap.add_argument("--update-golden", action="store_true", help="rewrite benchmarks/golden/ from this run")
    ap.add_argument("--golden-only", action="store_true", help="only the two newslint runs and the golden comparison")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        print(f"skipped: corpus not found at {a.corpus}")
        return 0
    peers = {} if a.no_peers or a.golden_only else PEERS
    for name in peers:
        if not (BIN / name).exists():
            print(f"skipped: {name} is not installed beside {sys.executable} (pip install -e '.[bench]')")
            return 0
    corpus = a.corpus.resolve()
    files = articles(corpus)
    corpus_mb = sum(p.stat().st_size for p in files) / MIB
    rows: list[tuple[str, str]] = []
    ok = True

    def row(label: str, value: str) -> None:
        rows.append((label, value))
        print(f"{label:<44} {value}", flush=True)

    print(f"corpus {corpus}: {len(files)} files, {corpus_mb:.1f} MB; {os.cpu_count()} cores\n", flush=True)

    # 1. the whole corpus
    whole = {"newslint": run(newslint_cmd(corpus))}
    for name, cmd in peers.items():
        whole[name] = run(cmd(corpus))
    nl = whole["newslint"]
    for name, r in whole.items():
        row(f"whole corpus: {name}", fmt_run(r))
    for name in peers:
        row(f"  newslint / {name}, CPU", f"{nl.cpu / whole[name].cpu:.2f}x")
    row("  newslint CPU / wall (cores kept busy)", f"{nl.cpu / nl.wall:.2f}")
    per_mb = nl.cpu / corpus_mb

    if a.golden_only:
        a.cold_repeat = a.calls = a.names_repeat = 0
        a.big = ""

    # 2. one article from a cold command line
    by_size = sorted(files, key=lambda p: p.stat().st_size)
    one = by_size[len(by_size) // 2]
    cold: dict[str, float] = {}
    for name, cmd in ({"newslint": newslint_cmd, **peers} if a.cold_repeat else {}).items():
        run(cmd(one))  # a first run may write bytecode and caches; the figures are the runs after it
        runs = [run(cmd(one)) for _ in range(a.cold_repeat)]
        cold[name] = statistics.median(r.cpu for r in runs)
        peak = max(r.peak_mib for r in runs)
        wall = statistics.median(r.wall for r in runs)
        kb = one.stat().st_size / 1024
        row(f"cold article ({kb:.1f} KB): {name}", f"{cold[name]:.3f} s CPU, {wall:.3f} s wall, {peak:.0f} MiB")
    for name in peers:
        row(f"  newslint / {name}, cold CPU", f"{cold['newslint'] / cold[name]:.2f}x")

    # 3. big articles
    sizes = [float(x) for x in a.big.split(",") if x.strip()]
    if sizes:
        with tempfile.TemporaryDirectory() as tmp:
            for mb in sizes:
                path = big_article(corpus, mb, Path(tmp))
                # exit status 3: a rule was stopped at the rule time limit (it finished without it)
                r = run(newslint_cmd(path, extra=("--max-file-size", str(mb + 1))), timeout=a.timeout, ok=(0, 1, 3))
                extra = ""
                if r.status is not None:
                    extra = f"; {r.cpu / mb / per_mb:.2f}x the corpus's CPU per MB"
                    stopped = [d for d in json.loads(r.stdout)["diagnostics"] if d["code"] == "NL001"]
                    if stopped:
                        extra += f"; exit {r.status}: {len(stopped)} rules stopped, e.g. {stopped[0]['message']}"
                row(f"{mb:g} MB article: newslint", fmt_run(r) + extra)
                if "codespell" in peers:
                    row(f"{mb:g} MB article: codespell", fmt_run(run(PEERS["codespell"](path), timeout=a.timeout)))

    # 4. the library, warm
    if a.calls:
        r = run([sys.executable, "-c", CHECK_TEXT, str(one), str(a.calls)])
        ct = json.loads(r.stdout)
        row("check_text, first call", f"{ct['first'] * 1000:.0f} ms CPU")
        later = f"{ct['median'] * 1000:.2f} ms CPU (min {ct['min'] * 1000:.2f})"
        row(f"check_text, median of {a.calls} later calls", later)

    if a.names_repeat:
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "names.json")
            cmd = [str(BIN / "newslint"), "names", "build", "--quiet", "--out", out, str(corpus)]
            run(cmd, ok=(0,))  # bytecode and caches, as for the cold article
            builds = [run(cmd, ok=(0,)) for _ in range(a.names_repeat)]
        cpu = statistics.median(r.cpu for r in builds)
        wall = statistics.median(r.wall for r in builds)
        peak = max(r.peak_mib for r in builds)
        row(f"names build, median of {a.names_repeat}", f"{cpu:.2f} s CPU, {wall:.2f} s wall, {peak:.0f} MiB")

    # 5. the golden report
    reports = {"bbc": (json.loads(nl.stdout), corpus)}
    if a.ext.is_dir():
        ext = a.ext.resolve()
        r = run(newslint_cmd(ext))
        row("ext corpus: newslint", fmt_run(r))
        reports["ext"] = (json.loads(r.stdout), ext)
    for name, (report, root) in reports.items():
        verdict, same = golden(name, digest_lines(report, root), a.update_golden)
        ok = ok and same
        row(f"golden report, {name}", verdict)

    print("\n| measurement | figures |\n|---|---|")
    for label, value in rows:
        print(f"| {label.strip()} | {value.splitlines()[0]} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
