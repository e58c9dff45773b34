"""Grammar (NL401) against a real LanguageTool, on the corpora: noise, planted slips, speed.

Needs a LanguageTool: ``newslint languagetool download`` (a local server is
started on loopback for the run and stopped after), or ``--server-url``.
Reads ``../shared/corpora`` and skips with the reason without it.

    python plugins/newslint-languagetool/benchmarks/bench_grammar.py survey [--every 4]
        hits per LanguageTool rule id per 1,000 words with LanguageTool's own defaults
        (spelling off), and samples to read: the evidence behind the shipped selection
    python plugins/newslint-languagetool/benchmarks/bench_grammar.py slips --half held-out --seed 1 --seed 2
        plants common newsroom slips into real corpus sentences (at run time; ``planting.py``,
        only where the result is wrong English) and prints
        recall and right-suggestion-first per kind and seed, on the ``tune`` or ``held-out``
        half of the sentences (split by a hash of each) or ``all``: LanguageTool with the shipped selection
        and newslint's own word-level checks (NL410-NL413, NL501) together
    python plugins/newslint-languagetool/benchmarks/bench_grammar.py noise [--every 4]
        false alarms per 1,000 words on the clean (published) articles of each corpus
    python plugins/newslint-languagetool/benchmarks/bench_grammar.py speed [--jobs 2]
        the whole BBC corpus through ``newslint check``'s pipeline (every rule, one
        request per article, ``--jobs`` worker processes), grammar off and then on: articles a second, the share of
        the run spent waiting on LanguageTool, the server's start time and memory,
        whether the other rules' findings and newslint's CPU time change, and grammar's
        findings per 1,000 words on the whole corpus
    python plugins/newslint-languagetool/benchmarks/bench_grammar.py clients
        language-tool-python's ``LanguageTool(remote_server=...).check`` beside
        newslint's client on the same server and articles

``--every N`` takes every N-th article (sorted by path), for a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import multiprocessing
import os
import random
import re
import resource
import shutil
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint_languagetool import GrammarRule, Runtime
from newslint_languagetool.client import Client
from newslint_languagetool.runtime import LocalServer, installed_languagetool
from planting import SLIPS, plant

import newslint
from newslint.loaders.text import parse_text
from newslint.rules.newsroom import DoubledWord
from newslint.rules.usage import ConfusedWords, MissingArticle, MissingTo, SubjectVerbAgreement

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2].parent / "shared" / "corpora"
#: corpus -> (folder, newslint language): the variety decides the rule selection
CORPORA = {
    "bbc": (SHARED / "bbc", "en-GB"),
    "reuters": (SHARED / "ext" / "reuters", "en-US"),
    "thetimes": (SHARED / "ext" / "thetimes", "en-GB"),
}


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of ``pid`` in MiB (Linux; ``field="VmHWM"`` for its peak), or 0."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def jvm_cpu(pid: int) -> float:
    """CPU seconds the JVM has used (Linux), or 0."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


#: the first article of each sample (``--start``): the selection was read off samples starting
#: at 0, so its false alarms are measured on others
START = 0


def articles(name: str, every: int) -> list[newslint.Article]:
    folder, _ = CORPORA[name]
    paths = sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")[START::every]
    return [parse_text(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]


@dataclass
class Server:
    url: str
    local: LocalServer | None = None


def start_server(args: argparse.Namespace) -> Server:
    if args.server_url:
        return Server(args.server_url)
    install = installed_languagetool()
    java, version = Runtime(share=False).java()
    if install is None or java is None or (version or 0) < 17:
        raise SystemExit("no LanguageTool: run `newslint languagetool download` (needs Java 17+), or pass --server-url")
    local = LocalServer(install, java, "en-GB")
    local.start()
    print(
        f"# local LanguageTool {install.name}: listening after {local.listening_after:.1f} s, "
        f"first check answered after {local.ready_after:.1f} s, resident {rss_mib(local.process.pid):.0f} MiB"
        if local.process
        else ""
    )
    return Server(local.url, local)


class TimedClient(Client):
    """A client that adds up the time spent waiting for LanguageTool's answers."""

    waited = 0.0

    def check(self, text: str, params: Any) -> Any:
        t = time.perf_counter()
        try:
            return super().check(text, params)
        finally:
            TimedClient.waited += time.perf_counter() - t


def run_grammar(
    items: Sequence[newslint.Article], url: str, language: str, **options: Any
) -> Iterator[tuple[newslint.Article, list[newslint.Diagnostic]]]:
    """Each article with its grammar diagnostics, as the rule makes them (one request an article)."""
    runtime = Runtime(share=False)
    rule = GrammarRule(runtime)
    opts = {**rule.options, "server_url": url, "local_server": False, "timeout": 120, **options}
    ctx = newslint.RuleContext(config=newslint.Config(language=language), options=opts)
    backend = rule.backend(rule.settings(ctx))
    if backend is None:
        raise SystemExit(f"LanguageTool at {url} does not answer")
    backend.client = TimedClient(backend.client.base_url, backend.client.timeout)
    for a in items:
        yield a, list(rule.check(a, ctx))


def covered(d: newslint.Diagnostic, a: newslint.Article) -> str:
    return a.source[d.start.offset : d.end.offset]


# -- survey ---------------------------------------------------------------------------------


def survey(args: argparse.Namespace, server: Server) -> None:
    for name in args.corpus or CORPORA:
        items = articles(name, args.every)
        words = sum(a.word_count for a in items)
        language = CORPORA[name][1]
        hits: dict[str, list[tuple[newslint.Article, newslint.Diagnostic]]] = collections.defaultdict(list)
        for a, diags in run_grammar(items, server.url, language, preset="languagetool", check_quotes=True):
            for d in diags:
                hits[f"{d.data['category']}/{d.data['rule_id']}"].append((a, d))
        total = sum(len(v) for v in hits.values())
        print(
            f"\n## {name} ({language}): {len(items)} articles (every {args.every} from {args.start}), "
            f"{words:,} words, {total} hits, {1000 * total / words:.2f} per 1,000 words, LanguageTool's defaults"
        )
        for key, found in sorted(hits.items(), key=lambda kv: -len(kv[1])):
            print(f"{len(found):5d} {1000 * len(found) / words:6.3f}  {key}")
            for a, d in found[: args.samples]:
                line = a.line_text(d.start.line)
                s = d.start.column - 1
                e = s + max(1, d.end.column - d.start.column) if d.end.line == d.start.line else len(line)
                snippet = " ".join((line[max(0, s - 50) : s] + "[" + line[s:e] + "]" + line[e : e + 50]).split())
                print(f"         {Path(a.path).name}:{d.start.line}: {snippet}  -> {list(d.suggestions[:2])}")


# -- planted slips ---------------------------------------------------------------------------

#: newslint's own word-level checks, run beside LanguageTool on every planted sentence and
#: counted with it (the doubled word is newslint's: the plugin switches LanguageTool's rule off)
OWN_RULES = (DoubledWord(), ConfusedWords(), MissingTo(), SubjectVerbAgreement(), MissingArticle())


def own_findings(a: newslint.Article, language: str) -> list[newslint.Diagnostic]:
    ctx = newslint.RuleContext(config=newslint.Config(language=language))
    return [d for r in OWN_RULES for d in r.check(a, ctx)]


def _sentences(a: newslint.Article) -> Iterator[tuple[int, str]]:
    for b in a.body:
        for m in re.finditer(r"[A-Z][^.!?\n]{30,220}[.!?]", b.text):
            if "\u201c" not in m.group() and '"' not in m.group():  # a quotation is what was said
                yield b.start, m.group()


def half(sentence: str) -> str:
    """Which half of the corpora's sentences ``sentence`` is in: "tune" or "held-out".

    A hash of the sentence's text, so a sentence stays in its half whatever the
    sample, the seed or the corpus order: patterns are read off the tune half's
    misses, and recall is reported on the held-out half.
    """
    return "tune" if hashlib.sha256(sentence.encode()).digest()[0] % 2 == 0 else "held-out"


#: kind, language, original, slipped, start and end of the slip in the slipped sentence
Planted = tuple[str, str, str, str, int, int]


def plant_all(pool: Sequence[tuple[str, str]], seed: int, per_kind: int) -> list[Planted]:
    """Up to ``per_kind`` slips of each kind, one a sentence, from ``pool`` shuffled by ``seed``."""
    rng = random.Random(seed)
    pool = list(pool)
    rng.shuffle(pool)
    planted: list[Planted] = []
    for kind in SLIPS:
        n = 0
        for language, s in pool:
            if n >= per_kind:
                break
            p = plant(kind, s, rng)
            if p is not None:
                planted.append((kind, language, s, *p))
                n += 1
    return planted


def judge(planted: Sequence[Planted], server: Server) -> dict[Planted, tuple[bool, bool, str]]:
    """Each planted slip: found, right first, and what was said about it (for the misses' samples).

    One article per planted sentence: a headline, then the sentence. Found: a finding of
    LanguageTool or of newslint's own checks touches the slip; right first: its first
    suggestion, put in place, gives back the original sentence.
    """
    verdicts: dict[Planted, tuple[bool, bool, str]] = {}
    for language in sorted({p[1] for p in planted}):
        mine = list(dict.fromkeys(p for p in planted if p[1] == language))
        items = [parse_text(f"planted-{i}.txt", f"Planted slip\n\n{p[3]}\n") for i, p in enumerate(mine)]
        for p, (a, diags) in zip(mine, run_grammar(items, server.url, language), strict=True):
            _, _, original, text, start, end = p
            diags = diags + own_findings(a, language)
            base = a.source.index(text)
            near = [d for d in diags if d.start.offset - base <= end and d.end.offset - base >= start]
            first = any(
                d.suggestions
                and text[: d.start.offset - base] + d.suggestions[0] + text[d.end.offset - base :] == original
                for d in near
            )
            got = [(d.data.get("rule_id", d.code), list(d.suggestions[:2])) for d in near]
            said = f"{text[max(0, start - 40) : start]}[{text[start:end]}]{text[end : end + 30]} -> {got or 'nothing'}"
            verdicts[p] = (bool(near), first, said)
    return verdicts


def slips(args: argparse.Namespace, server: Server) -> None:
    """Recall and right-first per kind, for each seed (and pooled), on one half of the sentences."""
    pool: list[tuple[str, str]] = []  # (language, sentence)
    for name in args.corpus or CORPORA:
        items = articles(name, args.every)
        pool += [(CORPORA[name][1], s) for a in items for _, s in _sentences(a) if args.half in ("all", half(s))]
    seeds = args.seed or [14]
    by_seed = {seed: plant_all(pool, seed, args.per_kind) for seed in seeds}
    verdicts = judge([p for planted in by_seed.values() for p in planted], server)
    print(
        f"\n## planted slips (LanguageTool with the shipped selection, and newslint's NL410-NL413 and NL501): "
        f"{args.half} sentences of {', '.join(args.corpus or CORPORA)} (every {args.every} from {args.start}), "
        f"{args.per_kind} a kind, seeds {', '.join(map(str, seeds))}"
    )
    cols = [*seeds, "all"] if len(seeds) > 1 else seeds
    print(f"{'kind':<28} " + " ".join(f"{'seed ' + str(c) if c != 'all' else 'pooled':>22}" for c in cols))
    print(f"{'':<28} " + " ".join(f"{'found/planted recall 1st':>22}" for _ in cols))

    def row(results: Sequence[tuple[bool, bool, str]]) -> str:
        n, f, r1 = len(results), sum(v[0] for v in results), sum(v[1] for v in results)
        first = f"{100 * r1 / f:3.0f}%" if f else "   -"
        return f"{f:>6}/{n:<4} {100 * f / max(n, 1):4.0f}% {first:>5}" if n else f"{'-':>22}"

    for kind in [*SLIPS, None]:
        cells = []
        for c in cols:
            planted = [p for s in (seeds if c == "all" else [c]) for p in by_seed[s] if kind in (None, p[0])]
            cells.append(f"{row([verdicts[p] for p in planted]):>22}")
        print(f"{kind or 'all':<28} " + " ".join(cells))
    if args.samples:
        for kind in SLIPS:
            missed = [v[2] for v in (verdicts[p] for p in by_seed[seeds[0]] if p[0] == kind) if not v[1]]
            for line in missed[: args.samples]:
                print(f"    {kind}: {line}")


#: the grammar checks counted as false alarms on clean copy: LanguageTool's and newslint's own
GRAMMAR_CODES = ("NL401", "NL410", "NL411", "NL412", "NL413")


def noise(args: argparse.Namespace, server: Server) -> None:
    """Findings on the clean (published) articles, per corpus: each counts as a false alarm.

    Through ``newslint check``'s own pipeline, so that ``--cache-dir`` shares the answers
    ``speed`` kept: after a speed run, the BBC's noise costs no LanguageTool time.
    """
    print("\n## false alarms on the clean articles (every finding counts as one)")
    env = {"NEWSLINT_LANGUAGETOOL_URL": server.url, "NEWSLINT_LANGUAGETOOL_TIMEOUT": "120"}
    if args.cache_dir:
        env["NEWSLINT_LANGUAGETOOL_CACHE_DIR"] = args.cache_dir
    ext = [0, 0, 0]  # words, LanguageTool's findings, newslint's: the ext corpora together
    for name in args.corpus or CORPORA:
        folder, language = CORPORA[name]
        paths = sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")[START :: args.every]
        words = sum(parse_text(str(p), p.read_text(encoding="utf-8", errors="replace")).word_count for p in paths)
        found, _, _ = _check(paths, (), env, language=language, select=GRAMMAR_CODES)
        lt = [d for d in found if d.code == "NL401"]
        own = [d for d in found if d.code != "NL401"]
        rules = collections.Counter(d.data.get("rule_id", "") for d in lt)
        print(
            f"{name:<9} {len(paths):5d} articles {words:8,d} words: LanguageTool {len(lt):4d} "
            f"({1000 * len(lt) / max(words, 1):.2f} per 1,000 words), NL410-NL413 {len(own)} "
            f"({1000 * len(own) / max(words, 1):.3f}); together {1000 * len(found) / max(words, 1):.2f}  "
            f"{dict(rules.most_common(8))}"
        )
        for d in found[: args.samples]:
            print(f"    {d.data.get('rule_id', d.code):<24.24} {Path(d.path).name}:{d.start.line}: {d.message[:110]}")
        if name != "bbc":
            ext = [ext[0] + words, ext[1] + len(lt), ext[2] + len(own)]
    if sum(name != "bbc" for name in args.corpus or CORPORA) > 1:
        print(
            f"{'ext':<9} (reuters and thetimes) {ext[0]:,} words: LanguageTool {1000 * ext[1] / ext[0]:.2f} per "
            f"1,000 words, NL410-NL413 {1000 * ext[2] / ext[0]:.3f}; together {1000 * (ext[1] + ext[2]) / ext[0]:.2f}"
        )


# -- speed -----------------------------------------------------------------------------------


def _bbc_paths(every: int) -> list[Path]:
    folder, _ = CORPORA["bbc"]
    return sorted(p for p in folder.rglob("*.txt") if p.name != "README.TXT")[START::every]


def _check(
    paths: Sequence[Path],
    ignore: tuple[str, ...],
    env: dict[str, str],
    language: str = "en-GB",
    select: tuple[str, ...] | None = None,
    jobs: int = 1,
) -> tuple[list[newslint.Diagnostic], float, float]:
    """``newslint.check_paths`` over ``paths`` (every rule but ``ignore``): findings, wall, CPU.

    CPU is this process's and its finished children's (the worker processes of ``jobs`` > 1).
    """
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        # a busy shared machine can keep one long article waiting past the default minute
        config = newslint.Config(language=language, select=select, ignore=ignore, rule_time_limit=600.0)
        cpu0, t0 = cpu_self() + cpu_children(), time.perf_counter()
        found = newslint.check_paths([str(p) for p in paths], config=config, jobs=jobs)
        return found, time.perf_counter() - t0, cpu_self() + cpu_children() - cpu0
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def speed(args: argparse.Namespace, server: Server) -> None:
    """The BBC corpus through ``newslint check``'s own pipeline, grammar off and then on.

    One request per article (newslint's batching), ``--jobs`` worker processes, against
    the server started for the run. Two sums are kept in shared memory, so the forked
    workers add to them: the time spent waiting for LanguageTool's answers (around the
    client's ``check``) and the CPU time of the grammar rule itself (around its
    ``check``, which does not count the wait). The other rules' findings are compared
    whole (every field of every diagnostic) between the two runs, and newslint's CPU
    time less the grammar rule's own is set beside the grammar-off run's.
    """
    paths = _bbc_paths(args.every)
    items = [parse_text(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    words = sum(a.word_count for a in items)
    pid = server.local.process.pid if server.local and server.local.process else None
    jobs = args.jobs
    no_lt = {"NEWSLINT_LANGUAGETOOL_LOCAL": "0"}
    _check(paths[:20], ("NL401",), no_lt, jobs=jobs)  # word lists loaded before timing
    off, wall_off, cpu_off = _check(paths, ("NL401",), no_lt, jobs=jobs)
    waited = multiprocessing.Value("d", 0.0)
    rule_cpu = multiprocessing.Value("d", 0.0)
    real_request, real_rule = Client.check, GrammarRule.check

    def timed_request(self: Client, text: str, params: Any) -> Any:
        t = time.perf_counter()
        try:
            return real_request(self, text, params)
        finally:
            with waited.get_lock():
                waited.value += time.perf_counter() - t

    def timed_rule(self: GrammarRule, article: newslint.Article, ctx: newslint.RuleContext) -> Any:
        t = time.process_time()
        try:
            return list(real_rule(self, article, ctx))
        finally:
            with rule_cpu.get_lock():
                rule_cpu.value += time.process_time() - t

    env = {"NEWSLINT_LANGUAGETOOL_URL": server.url, "NEWSLINT_LANGUAGETOOL_TIMEOUT": "120"}
    if args.cache_dir:
        env["NEWSLINT_LANGUAGETOOL_CACHE_DIR"] = args.cache_dir
    load0 = os.getloadavg()
    jvm0 = jvm_cpu(pid) if pid else 0.0
    Client.check, GrammarRule.check = timed_request, timed_rule  # type: ignore[method-assign,assignment]
    try:
        on, wall_on, cpu_on = _check(paths, (), env, jobs=jobs)
    finally:
        Client.check, GrammarRule.check = real_request, real_rule  # type: ignore[method-assign]
    jvm = jvm_cpu(pid) - jvm0 if pid else 0.0
    load1 = os.getloadavg()

    def whole(d: newslint.Diagnostic) -> str:
        return json.dumps(d.to_dict(), sort_keys=True)

    grammar = [d for d in on if d.code == "NL401"]
    others_on = sorted(whole(d) for d in on if d.code != "NL401")
    others_off = sorted(whole(d) for d in off)
    print(
        f"\n## the BBC corpus through `newslint check` (every rule, --jobs {jobs}, en-GB): {len(paths)} articles, "
        f"{words:,} words; load average {load0[0]:.1f} before the grammar run, {load1[0]:.1f} after"
    )
    print(
        f"{'run':<12} {'wall s':>8} {'newslint CPU s':>15} {'JVM CPU s':>10} {'articles/s':>11} {'waiting on LT':>14}"
    )
    print(f"{'grammar off':<12} {wall_off:8.1f} {cpu_off:15.1f} {'-':>10} {len(paths) / wall_off:11.1f} {'-':>14}")
    print(
        f"{'grammar on':<12} {wall_on:8.1f} {cpu_on:15.1f} {jvm:10.1f} {len(paths) / wall_on:11.2f} "
        f"{100 * waited.value / (wall_on * jobs):13.0f}%"
    )
    print(
        f"waiting on LanguageTool: {waited.value:.1f} s summed over {jobs} process(es), "
        f"{100 * waited.value / (wall_on * jobs):.0f} % of their {jobs} x {wall_on:.1f} s"
    )
    print(
        f"newslint's CPU with grammar on, less the grammar rule's own {rule_cpu.value:.1f} s: "
        f"{cpu_on - rule_cpu.value:.1f} s (grammar off: {cpu_off:.1f} s)"
    )
    print(
        f"other rules' findings (every field): {len(others_off)} with grammar off, {len(others_on)} with it on, "
        f"{'identical' if others_on == others_off else 'DIFFERENT'}"
    )
    if pid:
        print(f"JVM resident memory after the run: {rss_mib(pid):.0f} MiB (peak {rss_mib(pid, 'VmHWM'):.0f} MiB)")
    rules = collections.Counter(d.data.get("rule_id", "") for d in grammar)
    print(
        f"grammar (NL401) findings: {len(grammar)}, {1000 * len(grammar) / max(words, 1):.2f} per 1,000 words; "
        f"by LanguageTool rule: {dict(rules.most_common(12))}"
    )
    if args.samples:
        for d in grammar[: args.samples]:
            print(f"    {Path(d.path).name}:{d.start.line}: {d.message[:100]}")


def clients(args: argparse.Namespace, server: Server) -> None:
    """language-tool-python's client beside newslint's, on the same server and articles."""
    try:
        import language_tool_python
    except ImportError:
        print("skipped: language-tool-python is not installed")
        return
    sample = articles("bbc", args.every)[:100]
    tool = language_tool_python.LanguageTool("en-GB", remote_server=server.url.removesuffix("v2/"))
    tool.disabled_rules = {"MORFOLOGIK_RULE_EN_GB"}
    texts = ["\n\n".join(b.text for b in a.blocks) for a in sample]
    t0 = time.perf_counter()
    m_ltp = sum(len(tool.check(t)) for t in texts)
    ltp = time.perf_counter() - t0
    t0 = time.perf_counter()
    m_own = sum(len(d) for _, d in run_grammar(sample, server.url, "en-GB", preset="languagetool"))
    own = time.perf_counter() - t0
    print(
        f"language-tool-python LanguageTool(remote_server).check on {len(sample)} articles: {ltp:.1f} s "
        f"({m_ltp} matches); newslint's client on the same, LanguageTool's defaults: {own:.1f} s ({m_own})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("survey", "slips", "noise", "speed", "clients"))
    ap.add_argument("--every", type=int, default=1, help="every N-th article (default: all)")
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: all three")
    ap.add_argument("--samples", type=int, default=3, help="samples to print per rule or kind")
    ap.add_argument("--per-kind", type=int, default=40, help="slips planted per kind")
    ap.add_argument("--start", type=int, default=0, help="the first article of each sample (default 0)")
    ap.add_argument(
        "--seed", type=int, action="append", help="slips: a seed for the planting (repeat for several; default 14)"
    )
    ap.add_argument(
        "--half",
        choices=("all", "tune", "held-out"),
        default="all",
        help="slips: plant only into this half of the sentences (split by a hash of each sentence)",
    )
    ap.add_argument("--jobs", type=int, default=1, help="speed: worker processes (default 1)")
    ap.add_argument("--server-url", default="", help="a running LanguageTool instead of a local one")
    ap.add_argument(
        "--cache-dir", default="", help="speed, noise: keep LanguageTool's answers here (a re-run is then free)"
    )
    args = ap.parse_args(argv)
    global START
    START = args.start
    if not SHARED.is_dir():
        print(f"skipped: the corpora are not at {SHARED}")
        return 0
    if not args.server_url and shutil.which("java") is None:
        print("skipped: no Java for a local LanguageTool (pass --server-url)")
        return 0
    server = start_server(args)
    try:
        {"survey": survey, "slips": slips, "noise": noise, "speed": speed, "clients": clients}[args.what](args, server)
    finally:
        if server.local:
            server.local.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
