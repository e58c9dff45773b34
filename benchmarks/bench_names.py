"""Benchmark the name checks: speed, and the default authority against world leaders.

    .venv/bin/python benchmarks/bench_names.py [--corpus DIR] [--leaders CSV]

Prints:

* the founding article's name findings with the default authority alone;
* with the default authority alone, how often a head of state or government
  with one letter changed is caught with the right name first, and how often
  a correctly spelt one is flagged (``../shared/data/world-leaders-wikidata.csv``;
  skipped when absent). The same for an adjacent-letter swap and an added "s";
* ``names build`` time over the BBC corpus (``../shared/corpora/bbc``), the
  authority's cold and cached load, the check's cost per article once the
  authority is loaded, and one long article (1 and 5 MB of corpus paragraphs)
  to show the check is linear in its size; CPU seconds beside wall time;
* with ``--eval``, name-consistency on the two development sets
  (``../shared/eval/devset`` and ``devset-ext``, per publication): recall,
  right fix first and false alarms per 1,000 clean words, with the archive and
  with the shipped authority alone.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newslint.commands.names import build_archive
from newslint.config import Config
from newslint.loaders.text import parse_text
from newslint.names.archive import write_archive
from newslint.names.authority import load_authority
from newslint.names.check import analyse
from newslint.names.text import compact_key
from newslint.rule import RuleContext
from newslint.rules.names import NameConsistency

SHARED = Path(__file__).resolve().parents[2] / "shared"


def check(text: str, ctx: RuleContext) -> list:
    rule = NameConsistency()
    return list(rule.check(parse_text("bench.txt", text), ctx))


def founding(ctx: RuleContext) -> None:
    path = SHARED / "corpora" / "ft-korea-talks.txt"
    if not path.exists():
        print(f"founding article: skipped ({path} not found)")
        return
    found = check(path.read_text(encoding="utf-8"), ctx)
    print(f"founding article: {len(found)} NL101 finding(s)")
    for d in found:
        print(f"  line {d.start.line} col {d.start.column}: {d.message} -> {list(d.suggestions)}")


def _misspell(name: str, rng: random.Random, how: str) -> str | None:
    words = name.split()
    # misspell a name word: capitalised, three letters or more, not a regnal number
    idx = [
        i for i, w in enumerate(words)
        if len(w) >= 3 and w.isalpha() and w[0].isupper() and not re.fullmatch(r"[IVXL]+", w)
    ]
    if not idx:
        return None
    i = rng.choice(idx)
    w = words[i]
    if how == "substitute":
        j = rng.randrange(1, len(w))
        c = rng.choice([c for c in string.ascii_lowercase if c != w[j].lower()])
        w = w[:j] + c + w[j + 1 :]
    elif how == "swap":
        cands = [j for j in range(1, len(w) - 1) if w[j] != w[j + 1]]
        if not cands:
            return None
        j = rng.choice(cands)
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    else:  # an added "s"
        if w.endswith("s"):
            return None
        w = w + "s"
    words[i] = w
    return " ".join(words)


def leaders(ctx: RuleContext, csv_path: Path) -> None:
    if not csv_path.exists():
        print(f"world leaders: skipped ({csv_path} not found)")
        return
    names = set()
    with csv_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            label = (row.get("officeholderLabel") or "").strip()
            if not label or re.fullmatch(r"Q\d+", label):
                continue
            # regnal labels: "Felipe VI of Spain" is written "Felipe VI" in copy
            label = re.sub(r"^(.* [IVX]+) of .*$", r"\1", label)
            names.add(label)
    names_l = sorted(names)
    template = "Talks resume\n\n{} said on Tuesday that the talks would continue next week.\n"
    flagged = sum(1 for n in names_l if check(template.format(n), ctx))
    print(f"world leaders: {len(names_l)} names; correctly spelt ones flagged: "
          f"{flagged} ({100 * flagged / len(names_l):.1f} %)")
    for how in ("substitute", "swap", "add-s"):
        rng = random.Random(f"leaders-{how}")
        total = caught = right = 0
        for n in names_l:
            bad = _misspell(n, rng, how)
            if bad is None or compact_key(bad) == compact_key(n):
                continue
            total += 1
            found = check(template.format(bad), ctx)
            if found:
                caught += 1
                if compact_key(found[0].suggestions[0]) == compact_key(n):
                    right += 1
        print(f"  one letter {how:10s}: {total} misspelt, caught {100 * caught / max(total, 1):.1f} %, "
              f"right name first {100 * right / max(total, 1):.1f} %")


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(t: tuple[float, float]) -> str:
    cpu, wall = time.process_time() - t[0], time.perf_counter() - t[1]
    return f"{cpu:.2f} s CPU, {wall:.2f} s wall"


def speed(corpus: Path) -> None:
    if not corpus.exists():
        print(f"speed: skipped ({corpus} not found)")
        return
    t = _clock()
    doc = build_archive([corpus], warn=sys.stderr)
    print(f"names build: {doc['articles']} articles in {_since(t)} "
          f"({len(doc['names'])} names, {len(doc['vocabulary'])} words)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "names.json"
        write_archive(doc, out)
        os.environ["NEWSLINT_CACHE_DIR"] = "off"
        t = _clock()
        load_authority([])
        print(f"authority load, default list, built: {_since(t)}")
        os.environ["NEWSLINT_CACHE_DIR"] = str(Path(tmp) / "cache")
        load_authority([])
        t = _clock()
        load_authority([])
        print(f"authority load, default list, from the cache: {_since(t)}")
        del os.environ["NEWSLINT_CACHE_DIR"]
        auth = load_authority([out])
        print(f"authority (default + archive): {len(auth.people)} people")
    files = sorted(corpus.glob("*/*.txt"))
    arts = []
    for p in files:
        try:
            arts.append(parse_text(str(p), p.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    is_word = _word_test()
    for label in ("first pass", "second pass"):
        t = _clock()
        for a in arts:
            analyse(a, auth, is_word)
        cpu = time.process_time() - t[0]
        print(f"check ({label}): {_since(t)} over {len(arts)} articles, {1000 * cpu / len(arts):.2f} ms CPU each")
    paras = [p for a in arts for b in a.blocks if b.kind == "paragraph" for p in [b.text]]
    for mb in (1, 5):
        body: list[str] = []
        n = 0
        while n < mb * 1_000_000:
            para = paras[len(body) % len(paras)]
            body.append(para)
            n += len(para) + 2
        big = parse_text("big.txt", "A long story\n\n" + "\n\n".join(body) + "\n")
        t = _clock()
        analyse(big, auth, is_word)
        cpu = time.process_time() - t[0]
        print(f"one {mb} MB article: {_since(t)} ({cpu / mb:.2f} s CPU per MB)")


def _word_test():
    from newslint.spelling.lexicon import base_lexicon

    freq = base_lexicon({}).freq
    return lambda w: w.lower() in freq


def dev_sets() -> None:
    """Name-consistency on the development sets, with the archive and with the shipped list alone."""
    evaluator = SHARED / "eval" / "newslint_eval.py"
    if not evaluator.exists():
        print(f"dev sets: skipped ({evaluator} not found)")
        return
    sys.path.insert(0, str(evaluator.parent))
    import newslint_eval as ev  # type: ignore[import-not-found]

    exe = [sys.executable, "-m", "newslint"]
    for name, corpus, errata in (
        ("devset", "bbc", "errata.tsv"), ("devset-ext", "ext", "errata-ext.tsv")
    ):
        sd = SHARED / "eval" / name
        if not sd.exists():
            print(f"{name}: skipped ({sd} not found)")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            archive = ev.make_archive(sd, SHARED / "corpora" / corpus, Path(tmp) / "archive")
            names = Path(tmp) / "names.json"
            subprocess.run([*exe, "names", "build", "-q", "--out", str(names), str(archive)], check=True)
            labels = json.loads((sd / "labels.json").read_text())
            pubs = sorted({e.get("publication", corpus) for e in labels["articles"]})
            for mode, extra in (("with archive", ["--names", str(names)]), ("shipped list alone", [])):
                p = subprocess.run(
                    [*exe, "check", "-q", "--format", "json", "--select", "NL101", *extra, str(sd / "articles")],
                    capture_output=True, text=True,
                )
                report = json.loads(p.stdout)
                parts = []
                for pub in [*pubs, "all"] if len(pubs) > 1 else ["all"]:
                    one = Path(tmp) / f"set-{pub}"
                    one.mkdir(exist_ok=True)
                    if not (one / "articles").exists():
                        (one / "articles").symlink_to(sd / "articles")
                    keep = [e for e in labels["articles"] if pub == "all" or e.get("publication") == pub]
                    (one / "labels.json").write_text(json.dumps({**labels, "articles": keep}))
                    res = ev.score(one, report, [SHARED / "eval" / errata])
                    nc = res.get("name-consistency", {})
                    fa = res["false_alarms_per_1000_words_clean"].get("name-consistency", 0)
                    parts.append(f"{pub}: recall {nc.get('recall')} %, right first {nc.get('top1_fix')} %, "
                                 f"{fa} false alarms / 1,000 words")
                print(f"{name} ({mode}): " + "; ".join(parts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    ap.add_argument("--leaders", type=Path, default=SHARED / "data" / "world-leaders-wikidata.csv")
    ap.add_argument("--eval", action="store_true", help="also score the development sets (about a minute)")
    a = ap.parse_args()
    ctx = RuleContext(config=Config(), options=dict(NameConsistency.options))
    founding(ctx)
    leaders(ctx, a.leaders)
    speed(a.corpus)
    if a.eval:
        dev_sets()
    return 0


if __name__ == "__main__":
    sys.exit(main())
