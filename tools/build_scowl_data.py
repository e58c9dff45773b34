#!/usr/bin/env python3
"""Regenerate ``newslint/data/spelling/scowl-en.tsv.gz``: dictionary words no other list holds.

Source: SCOWL (Spell Checker Oriented Word Lists, http://wordlist.aspell.net/, © Kevin Atkinson
and others; a permissive licence: "Permission to use, copy, modify, distribute and sell these
word lists ... is hereby granted without fee", see /usr/share/doc/wbritish-large/copyright)
as Debian packages it: ``wbritish-large`` and ``wamerican-large``, SCOWL size 70 ("the largest
size that is reasonable for a spell checker": stat, intro, apeman), and of size 80
(``wbritish-huge``, ``wamerican-huge``: sutras, niggly, compostable, trippy) only the words
English as written now uses, those wordfreq's large list has seen at all (Zipf above 0): size
80's other 117,000 words (SCOWL: "the words most people will not know") are obscure words real
slips land on, and they would hold a sixth of a megabyte more in every process. Size 70 was
measured against the default size 60 of Hunspell's dictionaries, size 80 against 70 (both dev
sets' recall the same, the README says the false alarms).

What goes in, one ``word<TAB>zipf*100<TAB>variety`` line each:

* the lower-case ASCII words of 2 to 24 letters of either size-70 list, and those of either
  size-80 list with a wordfreq frequency (capitalised entries are names, possessives are made
  by the checker), that no shipped list holds already:
  pyspellchecker's, ``wordfreq-en.tsv.gz`` (its compound-only words too), ``variants.tsv``,
  ``extra-words.txt``, and codespell's misspellings;
* less those that look like a slip of a commoner word, by the same test as
  tools/build_wordfreq_data.py (``looks_like_slip``, with the word's wordfreq frequency, 0
  where wordfreq never saw it): listed apart, marked ``part``, as words only inside a
  hyphenated compound;
* the Zipf frequency is wordfreq's (0 when it has none), so the word ranks as rare;
* ``variety``: ``both``, ``gb`` (only in the British list) or ``us`` (only in the American).

Run from the repository root::

    apt-get install -y wbritish-large wamerican-large wbritish-huge wamerican-huge   # needed only here
    pip install wordfreq==3.1.1                          # needed only here
    python tools/build_scowl_data.py
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_wordfreq_data import _WORD, ROOT, common_by_length, looks_like_slip, write_word_file  # noqa: E402

OUT = ROOT / "newslint" / "data" / "spelling" / "scowl-en.tsv.gz"
#: a word wordfreq's guard kept for compounds only is a word when SCOWL lists it and it has
#: at least this many letters
PROMOTE_MIN_LENGTH = 4
DATA = ROOT / "newslint" / "data" / "spelling"
LISTS = {
    "gb": Path("/usr/share/dict/british-english-large"),
    "us": Path("/usr/share/dict/american-english-large"),
}
#: SCOWL size 80: its words are taken when wordfreq has seen them (see the module's notes)
HUGE = {
    "gb": Path("/usr/share/dict/british-english-huge"),
    "us": Path("/usr/share/dict/american-english-huge"),
}


def _words(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return {w for w in text.split() if _WORD.fullmatch(w)}


def _listed(name: str) -> set[str]:
    out = set()
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.update(p.lower() for p in line.split("\t")[:2])
    return out


def main() -> int:
    try:
        import wordfreq  # type: ignore[import-untyped]
    except ImportError:
        print("pip install wordfreq==3.1.1 first (it is needed only to build this file)", file=sys.stderr)
        return 2
    missing = [str(p) for p in (*LISTS.values(), *HUGE.values()) if not p.exists()]
    if missing:
        print(
            "apt-get install -y wbritish-large wamerican-large wbritish-huge wamerican-huge first"
            f" ({', '.join(missing)} missing)",
            file=sys.stderr,
        )
        return 2
    import codespell_lib  # type: ignore[import-untyped]
    import spellchecker  # type: ignore[import-untyped]

    with gzip.open(Path(spellchecker.__file__).parent / "resources" / "en.json.gz", "rt", encoding="utf-8") as f:
        have = set(json.load(f))
    # wordfreq's words, and apart those it keeps for compounds only ("stat", "intro")
    wordfreq_parts: set[str] = set()
    with gzip.open(DATA / "wordfreq-en.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                w, *_, kind = line.rstrip("\n").split("\t")
                (wordfreq_parts if kind == "part" else have).add(w)
    have |= _listed("variants.tsv") | _listed("extra-words.txt")
    codespell_text = (Path(codespell_lib.__file__).parent / "data" / "dictionary.txt").read_text(encoding="utf-8")
    have.update(line.split("->", 1)[0] for line in codespell_text.splitlines() if "->" in line)

    large = {v: _words(p) for v, p in LISTS.items()}
    freqs = wordfreq.get_frequency_dict("en", "large")
    zipf = {w: math.log10(f) + 9 for w, f in freqs.items() if _WORD.fullmatch(w)}
    # size 80 holds size 70; of its own words only those English as written now uses
    lists = {v: _words(p) for v, p in HUGE.items()}
    lists = {v: {w for w in ws if w in large["gb"] or w in large["us"] or w in zipf} for v, ws in lists.items()}
    by_len = common_by_length(zipf)
    rows: list[str] = []
    parts: list[str] = []
    promoted = 0
    for w in sorted((lists["gb"] | lists["us"]) - have):
        variety = "both" if w in lists["gb"] and w in lists["us"] else ("gb" if w in lists["gb"] else "us")
        z = zipf.get(w, 0.0)
        row = f"{w}\t{round(z * 100)}\t{variety}"
        if w in wordfreq_parts:
            # wordfreq's guard kept it for compounds as a likely slip ("stat" of "state"); an
            # edited dictionary listing it says it is a word -- from PROMOTE_MIN_LENGTH letters
            # (SCOWL's short entries are mostly abbreviations: "ff", "tn", "dat")
            if len(w) >= PROMOTE_MIN_LENGTH:
                rows.append(row)
                promoted += 1
            continue
        (parts if looks_like_slip(w, z, zipf, by_len) else rows).append(row)
    write_word_file(
        OUT,
        "# SCOWL size 70 (Debian wbritish-large, wamerican-large) and the size-80 words wordfreq has"
        " seen (wbritish-huge, wamerican-huge) that no other list holds;"
        " word, wordfreq Zipf*100, variety (both/gb/us); 'part' rows look like slips of commoner"
        " words: compounds only. Built by tools/build_scowl_data.py",
        rows,
        parts,
    )
    counts = {v: sum(r.endswith("\t" + v) for r in rows) for v in ("both", "gb", "us")}
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(rows)} words {counts}, {len(parts)} for compounds only;"
        f" {promoted} of the words are wordfreq's compound-only words SCOWL lists",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
