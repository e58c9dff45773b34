#!/usr/bin/env python3
"""False alarms per 1,000 words on each publication's clean copy, per rule; prints figures.

    .venv/bin/python benchmarks/bench_false_alarms.py [--pub bbc,reuters,thetimes] [--show N] [--jobs N]

The corpora in ``../shared/corpora`` are published, edited copy: every finding on them is a
false alarm unless it covers a real error listed in ``../shared/eval/errata*.tsv`` (found by
reading, not planted). For each publication (the BBC, Reuters, The Times) this runs
``newslint check --format json`` over its whole corpus twice, with the default configuration
(``language = "en"``) and with the publication's own variety (``--language en-GB`` or
``en-US``), and prints per rule the false alarms per 1,000 words:

* **tuned**: the articles in the development sets' pools (``../shared/eval/devset*``), whose
  false alarms were read while tuning;
* **held-out**: the rest of the corpus, never in a development set;
* **all**: the whole corpus.

The Times' articles are excerpts (the free opening of each story, its last, cut-off sentence
removed: ``../shared/corpora/ext/README.md``), so a quotation left open in an article's last
paragraph there lost its closing mark with that sentence: such findings are counted apart,
as "cut off", not as false alarms.

A word spelt in the plain text with an HTML character reference ("caf&#233;", a CMS export's
leftover that the page shows as written) is the kind of real error ``errata.tsv`` lists
("clich&#233;d"), wherever it is: such spelling findings are counted apart, as "references",
not as false alarms, whether or not the errata list that one.

The issue's targets: spelling (NL301-NL303) <= 0.3 and all rules together <= 0.5 per 1,000
words, on each publication separately, in both configurations. ``--show N`` also prints the N
commonest false-alarm texts of each rule (to read, not to add to a word list).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newslint.loaders.offsets import CHAR_REF  # a character reference, as the plain-text loader reads one
from newslint.source import decode

SHARED = Path(__file__).resolve().parents[2] / "shared"
SPELLING = ("spelling", "wrong-spelling-variant", "mixed-spelling-variants")

# publication -> (corpus folder, prefix of its files in the errata and dev-set labels, variety,
# whether its articles are excerpts cut after a sentence: The Times' are the free openings of
# paywalled stories, so a quotation still open in the last paragraph was closed in the cut text)
PUBLICATIONS = {
    "bbc": (SHARED / "corpora" / "bbc", "", "en-GB", False),
    "reuters": (SHARED / "corpora" / "ext" / "reuters", "reuters/", "en-US", False),
    "thetimes": (SHARED / "corpora" / "ext" / "thetimes", "thetimes/", "en-GB", True),
}
DEV_SETS = ("devset", "devset-ext")
ERRATA = ("errata.tsv", "errata-ext.tsv")
COLUMNS = (("tuned", 8), ("held-out", 9), ("all", 8))  # the parts of a corpus, and their columns' widths


def read(path: Path) -> str:
    """The article's text as newslint reads it (UTF-8, or the encoding newslint falls back to)."""
    return decode(path.read_bytes()).text


def tuned_sources() -> set[str]:
    """Corpus keys ('business/014.txt', 'reuters/x.txt') of every article in a dev set's pool."""
    out: set[str] = set()
    for name in DEV_SETS:
        labels = SHARED / "eval" / name / "labels.json"
        if labels.exists():
            out |= {e["source"] for e in json.loads(labels.read_text())["articles"]}
    return out


def errata() -> dict[str, set[str]]:
    """Corpus key -> texts of the real errors in it."""
    out: dict[str, set[str]] = defaultdict(set)
    for name in ERRATA:
        path = SHARED / "eval" / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                source, _rule, text = line.split("\t")[:3]
                out[source].add(text)
    return out


def covered(lines: list[str], d: dict) -> str:
    line, col = int(d["line"]), int(d["column"])
    end_line, end_col = int(d.get("end_line", line)), int(d.get("end_column", col + 1))
    if not 1 <= line <= len(lines):
        return ""
    if end_line != line:
        return lines[line - 1][col - 1:]
    return lines[line - 1][col - 1:end_col - 1]


def is_real(text: str, real: set[str]) -> bool:
    """As the evaluation counts it: the flag covers the error, or most of it."""
    text = text.strip()
    return bool(text) and any(t in text or (text in t and len(text) >= max(3, len(t) // 2)) for t in real)


def run(corpus: Path, language: str | None, jobs: int | None) -> tuple[list[dict], float]:
    cmd = [sys.executable, "-m", "newslint", "check", "-q", "--exit-zero", "--format", "json"]
    if language:
        cmd += ["--language", language]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    before = _children()
    p = subprocess.run([*cmd, str(corpus)], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout)["diagnostics"], _children() - before


def _children() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(pub: str, language: str | None, jobs: int | None, tuned: set[str], real: dict[str, set[str]]):
    """(words by part, false alarms by part and rule, false-alarm texts by rule, real errors found,
    quotations cut off where an excerpt stops, character references left in the text, CPU s)."""
    corpus, prefix, _, excerpts = PUBLICATIONS[pub]
    files = {p.relative_to(corpus).as_posix(): p for p in sorted(corpus.rglob("*.txt")) if p.name != "README.TXT"}
    texts = {k: read(p) for k, p in files.items()}
    part = {k: "tuned" if prefix + k in tuned else "held-out" for k in files}
    words: Counter = Counter()
    for k, t in texts.items():
        words[part[k]] += len(t.split())
    words["all"] = sum(words.values())
    diags, cpu = run(corpus, language, jobs)
    alarms: dict[str, Counter] = {p: Counter() for p in ("tuned", "held-out", "all")}
    shown: dict[str, Counter] = defaultdict(Counter)
    found = cut = refs = 0
    for d in diags:
        key = Path(d["path"]).resolve().relative_to(corpus.resolve()).as_posix()
        lines = texts[key].split("\n")
        text = covered(lines, d)
        if is_real(text, real.get(prefix + key, set())):
            found += 1
            continue
        if excerpts and d["rule"] == "unbalanced-quotes" and "never closed" in d["message"] and not any(
            line.strip() for line in lines[int(d["line"]):]
        ):
            cut += 1  # the quotation's close was in the sentence cut off the excerpt
            continue
        if d["rule"] == "spelling" and CHAR_REF.search(text):
            refs += 1  # the errata's kind of real error, listed or not
            continue
        rule = d["rule"]
        alarms[part[key]][rule] += 1
        alarms["all"][rule] += 1
        shown[rule][text.strip()[:60]] += 1
    return words, alarms, shown, found, cut, refs, cpu


def per_1000(n: int, words: int) -> str:
    return f"{1000 * n / max(words, 1):.3f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pub", default=",".join(PUBLICATIONS), help="publications, comma-separated")
    ap.add_argument("--show", type=int, default=0, help="print the N commonest false-alarm texts of each rule")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--variety-only", action="store_true", help="only with the publication's own variety")
    a = ap.parse_args()
    if not (SHARED / "corpora").exists():
        print(f"skipped: {SHARED / 'corpora'} not found")
        return 0
    tuned, real = tuned_sources(), errata()
    summary = []
    for pub in a.pub.split(","):
        variety = PUBLICATIONS[pub][2]
        for language in ([variety] if a.variety_only else [None, variety]):
            config = f"--language {language}" if language else "default (en)"
            words, alarms, shown, found, cut, refs, cpu = measure(pub, language, a.jobs, tuned, real)
            print(f"\n{pub}, {config}: {words['all']:,} words ({words['tuned']:,} tuned, "
                  f"{words['held-out']:,} held-out); {found} findings are real errors"
                  + (f", {refs} are words spelt with a character reference" if refs else "")
                  + (f", {cut} quotations cut off where the excerpt stops" if cut else "") + f"; {cpu:.1f} CPU s")
            print(f"  {'rule':28} {'tuned':>8} {'held-out':>9} {'all':>8}   (false alarms per 1,000 words)")
            rules = sorted(alarms["all"], key=lambda r: -alarms["all"][r])
            for rule in rules:
                print(f"  {rule:28} " + " ".join(f"{per_1000(alarms[p][rule], words[p]):>{w}}" for p, w in COLUMNS)
                      + f"   ({alarms['all'][rule]})")
            row = {}
            for p in ("tuned", "held-out", "all"):
                row[p] = (per_1000(sum(alarms[p][r] for r in SPELLING), words[p]),
                          per_1000(sum(alarms[p].values()), words[p]))
            for label, i in (("spelling NL301-303", 0), ("all rules", 1)):
                print(f"  {label:28} " + " ".join(f"{row[p][i]:>{w}}" for p, w in COLUMNS))
            summary.append((pub, config, row))
            if a.show:
                for rule in rules:
                    print(f"    {rule}: " + "; ".join(f"{t!r} x{n}" if n > 1 else repr(t)
                                                     for t, n in shown[rule].most_common(a.show)))
    print("\nsummary (false alarms per 1,000 words: spelling / all rules; targets 0.3 / 0.5)")
    print(f"  {'publication':10} {'configuration':18} {'tuned':>13} {'held-out':>13} {'all':>13}")
    for pub, config, row in summary:
        print(f"  {pub:10} {config:18} " + " ".join(f"{row[p][0] + ' / ' + row[p][1]:>13}"
                                                     for p in ("tuned", "held-out", "all")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
