"""Benchmark the name checks: speed, and the default authority against world leaders.

    .venv/bin/python benchmarks/bench_names.py [--corpus DIR] [--leaders CSV]

Prints:

* the founding article's name findings with the default authority alone;
* with the default authority alone, how often a head of state or government
  with one letter changed is caught with the right name first, and how often
  a correctly spelt one is flagged (``../shared/data/world-leaders-wikidata.csv``;
  skipped when absent). The same for an adjacent-letter swap and an added "s";
* ``names build`` time over the BBC corpus (``../shared/corpora/bbc``), and
  the check's cost per article once the authority is loaded.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import string
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


def speed(corpus: Path) -> None:
    if not corpus.exists():
        print(f"speed: skipped ({corpus} not found)")
        return
    t0 = time.perf_counter()
    doc = build_archive([corpus], warn=sys.stderr)
    t1 = time.perf_counter()
    print(f"names build: {doc['articles']} articles in {t1 - t0:.2f} s "
          f"({len(doc['names'])} names, {len(doc['vocabulary'])} words)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "names.json"
        write_archive(doc, out)
        t2 = time.perf_counter()
        auth = load_authority([out])
        t3 = time.perf_counter()
        print(f"authority load (default + archive): {1000 * (t3 - t2):.0f} ms, {len(auth.people)} people")
    files = sorted(corpus.glob("*/*.txt"))[:600]
    arts = []
    for p in files:
        try:
            arts.append(parse_text(str(p), p.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    for label in ("first pass", "second pass"):
        t = time.perf_counter()
        for a in arts:
            analyse(a, auth)
        dt = time.perf_counter() - t
        print(f"check ({label}): {1000 * dt / len(arts):.2f} ms per article over {len(arts)} articles")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "bbc")
    ap.add_argument("--leaders", type=Path, default=SHARED / "data" / "world-leaders-wikidata.csv")
    a = ap.parse_args()
    ctx = RuleContext(config=Config(), options=dict(NameConsistency.options))
    founding(ctx)
    leaders(ctx, a.leaders)
    speed(a.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
