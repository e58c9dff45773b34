#!/usr/bin/env python3
"""Regenerate ``newslint/data/spelling/variants.tsv``: British and American spelling pairs.

Sources (see ``newslint/data/spelling/README.md`` for licences):

* breame (Apache-2.0): about 1,700 hand-listed British/American pairs;
* codespell's ``dictionary_en-GB_to_en-US.txt`` (installed with codespell);
* the -ize/-yze words of pyspellchecker's English word list, turned into their
  British -ise/-yse forms by rule (breame lists only the common ones, and
  newsrooms write "nuclearisation" and "marginalised" too).

It also writes ``newslint/data/spelling/both-varieties.txt``: the spellings of those pairs
that the other variety's spelling dictionary accepts as well (Hunspell's en_US, from SCOWL, and
en_GB, from LibreOffice; Debian's ``hunspell-en-us`` and ``hunspell-en-gb``): "dialogue",
"doughnut" and "aesthetic" are American too, "focused" and "connection" British too, so neither
is reported as the other variety's spelling nor counted as mixing.

Run it from the repository root after upgrading any of them::

    pip install breame                    # needed only here, never at run time
    apt-get install hunspell hunspell-en-us hunspell-en-gb   # needed only here
    python tools/build_spelling_data.py

Pairs whose two spellings are both British with different meanings
(programme/program, cheque/check, tyre/tire) are kept: the list in
``ambiguous.txt`` stops the variant checks from reporting them.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newslint" / "data" / "spelling" / "variants.tsv"
BOTH = OUT.with_name("both-varieties.txt")

# -ize words that are not the -ize suffix (size, seize, prize) or have no -ise form
_NOT_SUFFIX = re.compile(
    r"(size|seiz|priz|maiz|baiz|assiz|beliz|pfizer|wiz|friz|mize$|camiz|capsiz|ioniz|iodiz|^bize|adoniz)"
)
_AE_OE = [
    (re.compile(r"^hem(?=o|a|or)"), "haem"),
    (re.compile(r"^pediatr"), "paediatr"),
    (re.compile(r"^pedophil"), "paedophil"),
    (re.compile(r"orthopedi"), "orthopaedi"),
    (re.compile(r"gynecolog"), "gynaecolog"),
    (re.compile(r"^esophag"), "oesophag"),
    (re.compile(r"^estrogen"), "oestrogen"),
    (re.compile(r"^fet(?=us|al|uses|icide)"), "foet"),
    (re.compile(r"^(an|leuk|septic|isch|hypoglyc|hyperglyc|tox|ur|bacter|vir)emi"), r"\1aemi"),
]
_IZE = re.compile(r"^(.{3,})([iy])z(e|ed|es|ing|ingly|ation|ations|ational|er|ers|able)$")


def _pyspellchecker_words() -> dict[str, int]:
    import spellchecker  # type: ignore[import-untyped]

    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def _codespell_pairs() -> list[tuple[str, str]]:
    import codespell_lib  # type: ignore[import-untyped]

    path = Path(codespell_lib.__file__).parent / "data" / "dictionary_en-GB_to_en-US.txt"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "->" in line:
            gb, us = line.split("->", 1)
            us = us.split(",")[0].strip()
            if gb.strip().isalpha() and us.isalpha():
                out.append((gb.strip().lower(), us.lower()))
    return out


def _breame_pairs() -> list[tuple[str, str]]:
    try:
        from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS  # type: ignore
    except ImportError:
        sys.exit("build_spelling_data: pip install breame first (a build-time source only)")
    return [(gb.lower(), us.lower()) for gb, us in BRITISH_ENGLISH_SPELLINGS.items()
            if gb.isalpha() and us.isalpha()]


def build() -> list[tuple[str, str, str]]:
    words = _pyspellchecker_words()
    pairs: dict[str, tuple[str, str]] = {}  # british -> (american, source)
    for gb, us in _breame_pairs():
        pairs.setdefault(gb, (us, "breame"))
    for gb, us in _codespell_pairs():
        pairs.setdefault(gb, (us, "codespell"))
    american = {us for us, _ in pairs.values()}
    for w in sorted(words):
        m = _IZE.match(w)
        if not m or _NOT_SUFFIX.search(w) or w in american:
            continue
        gb = f"{m.group(1)}{m.group(2)}s{m.group(3)}"
        if gb in words and words[gb] > words[w]:
            continue  # the -s- form is its own, commoner word (a rare -z- spelling of it)
        pairs.setdefault(gb, (w, "rule"))
    # British ae/oe in medical and scientific words (haemorrhage, foetus,
    # paediatric, oestrogen), for the words breame does not list
    for w in sorted(words):
        for us_part, gb_part in _AE_OE:
            if us_part.search(w) and w not in american:
                gb = us_part.sub(gb_part, w, count=1)
                if gb != w and gb not in words:
                    pairs.setdefault(gb, (w, "rule"))
                break
    # a British form that is itself the American form of another pair is no variant
    return sorted((gb, us, src) for gb, (us, src) in pairs.items() if gb != us)


def _accepted(dictionary: str, words: set[str]) -> set[str]:
    """The ``words`` Hunspell's ``dictionary`` (en_US, en_GB) takes as spelt right."""
    try:
        p = subprocess.run(["hunspell", "-d", dictionary, "-l"], input="\n".join(sorted(words)),
                           capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"build_spelling_data: hunspell -d {dictionary} failed ({e}); "
                 "apt-get install hunspell hunspell-en-us hunspell-en-gb")
    return words - set(p.stdout.split())


def _ise_ize(gb: str, us: str) -> bool:
    if len(gb) != len(us):
        return False
    return [(a, b) for a, b in zip(gb, us, strict=True) if a != b] == [("s", "z")]


def both_varieties(rows: list[tuple[str, str, str]]) -> list[str]:
    """The spellings of ``rows`` that the other variety's dictionary accepts too.

    Not -ise/-ize pairs: en_GB takes -ize as Oxford spelling does, which newslint leaves
    to the ``oxford-spelling`` option.
    """
    pairs = [(gb, us) for gb, us, _ in rows if not _ise_ize(gb, us)]
    return sorted(_accepted("en_US", {gb for gb, _ in pairs}) | _accepted("en_GB", {us for _, us in pairs}))


def main() -> int:
    rows = build()
    both = both_varieties(rows)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# british\tamerican\tsource -- generated by tools/build_spelling_data.py; do not edit\n")
        for gb, us, src in rows:
            f.write(f"{gb}\t{us}\t{src}\n")
    with BOTH.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# Spellings of variants.tsv that the other variety's Hunspell dictionary accepts too: right in both.\n"
                "# British forms en_US takes (SCOWL, Kevin Atkinson; MIT-like), American forms en_GB takes\n"
                "# (LibreOffice's en_GB, Marco A.G. Pinto; LGPL). Debian hunspell-en-us, hunspell-en-gb.\n"
                "# Generated by tools/build_spelling_data.py; do not edit.\n")
        f.writelines(f"{w}\n" for w in both)
    print(f"wrote {len(rows)} pairs to {OUT.relative_to(ROOT)}, {len(both)} to {BOTH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
