#!/usr/bin/env python3
"""Benchmark the spelling checks over a corpus of plain-text articles; prints figures.

    python benchmarks/bench_spelling.py [CORPUS_DIR] [--names NAMES.json] [--show N]

CORPUS_DIR defaults to ../shared/corpora/bbc (one article a file, any depth).
Prints: articles and words read, the seconds taken to load the word lists,
to check every article (the spelling share of a run), findings per 1,000
words by rule, the commonest flagged words, and the cost of a suggestion for
a misspelt word (cold, without the cache) measured on one-keystroke typos of
corpus words and on codespell's common misspellings.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from newslint.config import Config
from newslint.loaders.text import parse_text
from newslint.rule import RuleContext
from newslint.rules.spelling import MixedVariantsRule, SpellingRule
from newslint.source import decode
from newslint.spelling import analyse, speller_for
from newslint.spelling.suggest import KEYBOARD

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def read(path: Path) -> str:
    """The article's text as newslint reads it (UTF-8, or the encoding newslint falls back to)."""
    return decode(path.read_bytes()).text


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "key"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice(KEYBOARD.get(word[i], "e")) + word[i + 1 :]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--names", type=Path, action="append", default=[], help="names file with archive vocabulary")
    ap.add_argument("--language", default="en")
    ap.add_argument("--show", type=int, default=25, help="how many of the commonest flagged words to print")
    a = ap.parse_args()
    if not a.corpus.is_dir():
        print(f"bench_spelling: no corpus at {a.corpus}", file=sys.stderr)
        return 2

    paths = sorted(p for p in a.corpus.rglob("*.txt"))
    articles = [parse_text(str(p), read(p)) for p in paths]
    words = sum(x.word_count for x in articles)
    rule = SpellingRule()
    ctx = RuleContext(config=Config(language=a.language, names=tuple(a.names)), options=dict(rule.options))

    c0, t0 = time.process_time(), time.perf_counter()
    speller = speller_for(ctx)
    c1, t1 = time.process_time(), time.perf_counter()
    flagged: Counter[str] = Counter()
    by_rule: Counter[str] = Counter()
    rules = [rule, MixedVariantsRule()]
    for art in articles:
        for r in rules:
            for d in r.check(art, ctx):
                by_rule[d.rule] += 1
                if d.rule == "spelling":
                    flagged[d.message.split('"')[1]] += 1
    c2, t2 = time.process_time(), time.perf_counter()
    # the same run again: the suggestion cache is warm, the rest is not
    for art in articles:
        analyse(art, ctx)
    c3, t3 = time.process_time(), time.perf_counter()

    print(f"corpus            {a.corpus} ({len(articles)} articles, {words:,} words)")
    print(f"archive names     {', '.join(map(str, a.names)) or 'none'}; language {a.language}")
    # wall-clock and this process's CPU time: the CPU figure holds on a busy machine
    print(f"load word lists   {t1 - t0:.3f} s  (cpu {c1 - c0:.3f} s)")
    print(f"check (cold)      {t2 - t1:.3f} s  (cpu {c2 - c1:.3f} s, {1e6 * (t2 - t1) / max(words, 1):.2f} us/word)")
    print(f"check (warm)      {t3 - t2:.3f} s  (cpu {c3 - c2:.3f} s)")
    print(f"spelling share    {t2 - t0:.3f} s  (cpu {c2 - c0:.3f} s): load + cold check of the whole corpus")
    for name, n in sorted(by_rule.items()):
        print(f"findings          {name}: {n} ({1000 * n / max(words, 1):.3f} per 1,000 words)")
    if a.show:
        print("commonest flagged: " + ", ".join(f"{w} {n}" for w, n in flagged.most_common(a.show)))

    # suggestions, cold: a fresh suggester cache
    rng = random.Random(7)
    vocab = sorted(w for w in speller.freq if w.isalpha() and len(w) >= 6 and speller.freq[w] >= 5000)
    typos = []
    while len(typos) < 1000:
        w = rng.choice(vocab)
        t = typo(w, rng)
        if t not in speller.freq:
            typos.append((t, w))
    common = sorted(speller.base.misspellings.items())
    rng.shuffle(common)
    real = [(wrong, fixes[0]) for wrong, fixes in common[:1000]]
    for label, items in (("one-keystroke typos", typos), ("codespell misspellings", real)):
        speller.suggester._cache.clear()
        t = time.perf_counter()
        top1 = 0
        for wrong, right in items:
            f = speller._finding(wrong, 0, set())
            top1 += bool(f.suggestions) and f.suggestions[0] == right
        el = time.perf_counter() - t
        print(f"suggest           {label}: {1000 * el / len(items):.3f} ms per word (cold), "
              f"intended word first {100 * top1 / len(items):.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
