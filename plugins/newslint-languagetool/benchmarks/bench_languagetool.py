"""What the grammar plugin costs a run, measured on the BBC corpus.

1. With no LanguageTool reachable: ``newslint check`` on the corpus with the
   plugin loaded and with it blocked (``--disable-plugin languagetool``, which
   skips even importing it, as if it were not installed). Wall time, best and
   median of ``--repeat`` runs.
2. With a stand-in LanguageTool on loopback that answers at once: the
   plugin's own cost per article (batching, HTTP, offset mapping), requests
   sent, and a second pass served from the cache. LanguageTool's own checking
   time is not in this figure: it needs a real server.

    python plugins/newslint-languagetool/benchmarks/bench_languagetool.py [--corpus DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[2].parent / "shared" / "corpora" / "bbc"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_cli(corpus: Path, extra: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time, CPU time (all processes of the run) and standard error of one run."""
    cpu = _cpu()
    start = time.perf_counter()
    p = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "json", *extra, str(corpus)],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if p.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({p.returncode}): {p.stderr[-2000:]}")
    return elapsed, _cpu() - cpu, p.stderr


def bench_cli(corpus: Path, repeat: int, jobs: str | None) -> None:
    with tempfile.TemporaryDirectory() as empty:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
        env["LTP_PATH"] = empty  # no local LanguageTool download, as on this machine
        extra = ["--jobs", jobs] if jobs else []
        variants = (("without plugin", ["--disable-plugin", "languagetool"]), ("with plugin", []))
        figures: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in variants}
        notices: dict[str, int] = {}
        # interleaved, so that load from other work on the machine hits both alike
        for _ in range(repeat):
            for label, flags in variants:
                wall, cpu, err = run_cli(corpus, [*extra, *flags], env)
                figures[label].append((wall, cpu))
                notices[label] = err.count("grammar checks (NL401) are off")
        for label, runs in figures.items():
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(
                f"  {label:15} wall best {min(walls):6.2f} s median {statistics.median(walls):6.2f} s;"
                f" CPU best {min(cpus):6.2f} s median {statistics.median(cpus):6.2f} s"
                f"  (notice printed {notices[label]}x)"
            )
        w = [statistics.median([x[i] for x in figures[label]]) for label, _ in variants for i in (0, 1)]
        print(f"  difference (median, with - without): wall {w[2] - w[0]:+.2f} s, CPU {w[3] - w[1]:+.2f} s")


def load_corpus(corpus: Path) -> list:
    from newslint.loaders.text import parse_text

    articles = []
    for path in sorted(corpus.rglob("*.txt")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        articles.append(parse_text(str(path), text))
    return articles


def bench_unreachable(articles: list) -> None:
    from newslint_languagetool import GrammarRule, Runtime

    import newslint

    with tempfile.TemporaryDirectory() as empty:
        os.environ["LTP_PATH"] = empty
        runtime = Runtime(share=False)
        rule = GrammarRule(runtime)
        config = newslint.Config()

        def ctx() -> newslint.RuleContext:
            return newslint.RuleContext(config=config, options=config.rule_options(rule))

        start = time.perf_counter()
        runtime.resolve(rule.settings(ctx()).connection)
        decide = time.perf_counter() - start
        start = time.perf_counter()
        for a in articles:
            rule.check(a, ctx())
        elapsed = time.perf_counter() - start
        print(
            f"  deciding there is none: {1000 * decide:.0f} ms once (runs `java -version`); then "
            f"{len(articles)} articles in {1000 * elapsed:.1f} ms ({1e6 * elapsed / len(articles):.1f} us/article)"
        )


def bench_plugin(articles: list) -> None:
    sys.path.insert(0, str(HERE.parent / "tests"))
    from http.server import ThreadingHTTPServer

    from conftest import FakeLanguageTool, FakeRule, _handler  # the tests' stand-in server
    from newslint_languagetool import GrammarRule, Runtime

    import newslint

    fake = FakeLanguageTool(rules=[FakeRule(r"\b(less) \w+s\b", "LESS_COMPARATIVE", "Did you mean fewer?", ("fewer",))])
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    runtime = Runtime(share=False)
    rule = GrammarRule(runtime)
    ctx = newslint.RuleContext(config=newslint.Config(), options={**rule.options, "server_url": url})
    try:
        for label in ("first pass", "cached pass"):
            before = fake.checks
            start = time.perf_counter()
            found = sum(len(list(rule.check(a, ctx))) for a in articles)
            elapsed = time.perf_counter() - start
            print(
                f"  {label:12} {len(articles)} articles in {elapsed:5.2f} s "
                f"({1000 * elapsed / len(articles):.2f} ms/article), {fake.checks - before} requests, "
                f"{found} findings"
            )
    finally:
        runtime.close()
        server.shutdown()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="runs of newslint check per variant (0: skip)")
    ap.add_argument("--jobs", default=None, help="passed to newslint check --jobs")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"corpus not found: {args.corpus}")
    n = sum(1 for _ in args.corpus.rglob("*.txt"))
    print(f"BBC corpus: {n} files in {args.corpus}")
    if args.repeat:
        print("newslint check, no LanguageTool reachable:")
        bench_cli(args.corpus, args.repeat, args.jobs)
    articles = load_corpus(args.corpus)
    print("grammar rule alone, no LanguageTool reachable:")
    bench_unreachable(articles)
    print("grammar rule alone, stand-in LanguageTool on loopback (no checking time of its own):")
    bench_plugin(articles)


if __name__ == "__main__":
    main()
