#!/usr/bin/env python3
"""Regenerate ``newslint/data/spelling/wordfreq-en.tsv.gz``: English as it is written now.

Source: wordfreq 3.1.1 (https://pypi.org/project/wordfreq/, code Apache-2.0, data CC BY-SA 4.0;
© Robyn Speer and contributors), its "large" English list: word frequencies pooled from
Wikipedia, news, books, film subtitles, web text and social media up to 2021. wordfreq is
needed only here, never at run time (its data is 40 MB and loads slowly); newslint reads
the compact file this writes.

What goes in, one ``word<TAB>zipf*100`` line each (Zipf: log10 of uses per billion words):

* every word of pyspellchecker's English list that wordfreq counts, so suggestions are
  ranked by how common a word is in written English, not only in film subtitles;
* the words pyspellchecker lacks (vape, hijab, deepfake, originalist, queueing) with a
  Zipf frequency of at least ``MIN_ZIPF`` (``MIN_ZIPF_SHORT`` for words of four letters or
  fewer) -- unless they look like a slip: a contraction without its apostrophe ("dont"), one edit from a
  word ``ONE_EDIT_GAP`` Zipf points more common, or two edits from one ``TWO_EDIT_GAP``
  points more common (wordfreq counts what people type, misspellings included: "goverment"
  has 2.7; the two-edit test is made for words of ``TWO_EDIT_MIN_LENGTH`` letters or more),
  or that sound just like a word ``ONE_EDIT_GAP`` points more common two edits away (the same
  Metaphone key: "finlay" and "final").
  codespell's misspellings are left out too. The gaps were chosen on codespell's list of
  common misspellings, not on newslint's evaluation sets: with them about nine in ten of
  the misspellings wordfreq counts are kept out. The words kept out as likely slips that
  are at least ``PART_MIN_ZIPF`` common are listed apart, marked ``part``: they are words
  inside a hyphenated compound ("all-seater", "tight-fisted"), where a slip is rarer.

Only lower-case ASCII letter words of 2 to 24 letters are kept. Run from the repository
root after upgrading wordfreq, pyspellchecker or codespell::

    pip install wordfreq==3.1.1   # needed only here
    python tools/build_wordfreq_data.py
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import process  # noqa: E402  (newslint's own dependencies)
from rapidfuzz.distance import OSA  # noqa: E402

from newslint.spelling.phonetic import metaphone  # noqa: E402

OUT = ROOT / "newslint" / "data" / "spelling" / "wordfreq-en.tsv.gz"

MIN_ZIPF = 1.5
#: short words are mostly abbreviations and slips ("teh", "fet"): they need to be commoner
MIN_ZIPF_SHORT = 3.0
ONE_EDIT_GAP = 1.5
TWO_EDIT_GAP = 2.5
#: two edits are a small change only in a long word
TWO_EDIT_MIN_LENGTH = 7
#: a word kept out as a likely slip is still a word as part of a hyphenated compound
#: ("all-seater", "tight-fisted") when it is at least this common
PART_MIN_ZIPF = 2.0
_WORD = re.compile(r"[a-z]{2,24}")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(w)
    return out


def common_by_length(zipf: dict[str, float]) -> dict[int, list[str]]:
    """The words common enough to be what a slip was meant to be, by length."""
    by_len: dict[int, list[str]] = {}
    for w, z in zipf.items():
        if z >= MIN_ZIPF + ONE_EDIT_GAP:
            by_len.setdefault(len(w), []).append(w)
    return by_len


def looks_like_slip(w: str, z: float, zipf: dict[str, float], by_len: dict[int, list[str]]) -> bool:
    """Does ``w`` (Zipf ``z``) look like a slip of a far commoner word (see the module's notes)?

    ``zipf`` is wordfreq's list, ``by_len`` its :func:`common_by_length`. Shared with
    tools/build_scowl_data.py.
    """
    if max((zipf.get(c, 0.0) for c in _edits1(w)), default=0.0) - z >= ONE_EDIT_GAP:
        return True
    if len(w) < 4:
        return False
    near = [
        c
        for n in range(len(w) - 2, len(w) + 3)
        for c, d, _ in process.extract(w, by_len.get(n, ()), scorer=OSA.distance, score_cutoff=2, limit=None)
        if 1 <= d <= 2
    ]
    key = metaphone(w)
    # two edits from a far commoner word, in a long word; or sounding just like one
    return any(
        (len(w) >= TWO_EDIT_MIN_LENGTH and zipf[c] - z >= TWO_EDIT_GAP)
        or (zipf[c] - z >= ONE_EDIT_GAP and metaphone(c) == key)
        for c in near
    )


def write_word_file(out: Path, header: str, rows: list[str], parts: list[str]) -> None:
    """Write a gzipped word list: ``# header``, its rows, then the compound-only rows marked ``part``.

    The same bytes for the same rows on every machine (no time stamp in the gzip header).
    Shared with tools/build_scowl_data.py.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        raw.write(f"{header}\n".encode())
        raw.write("".join(r + "\n" for r in rows).encode("utf-8"))
        raw.write("".join(r + "\tpart\n" for r in parts).encode("utf-8"))


def main() -> int:
    try:
        import wordfreq  # type: ignore[import-untyped]
    except ImportError:
        print("pip install wordfreq==3.1.1 first (it is needed only to build this file)", file=sys.stderr)
        return 2
    import codespell_lib  # type: ignore[import-untyped]
    import spellchecker  # type: ignore[import-untyped]

    with gzip.open(Path(spellchecker.__file__).parent / "resources" / "en.json.gz", "rt", encoding="utf-8") as f:
        pyspell: dict[str, int] = json.load(f)
    codespell_text = (Path(codespell_lib.__file__).parent / "data" / "dictionary.txt").read_text(encoding="utf-8")
    misspelt = {line.split("->", 1)[0] for line in codespell_text.splitlines() if "->" in line}

    freqs = wordfreq.get_frequency_dict("en", "large")
    zipf = {w: math.log10(f) + 9 for w, f in freqs.items() if _WORD.fullmatch(w)}
    # "dont", "youre": a contraction without its apostrophe is a slip, however often it is typed
    apostrophe_less = {w.replace("'", "") for w in freqs if "'" in w}
    known = [w for w in zipf if w in pyspell]
    candidates = [
        w
        for w in zipf
        if w not in pyspell
        and w not in misspelt
        and w not in apostrophe_less
        and zipf[w] >= (MIN_ZIPF_SHORT if len(w) <= 4 else MIN_ZIPF)
    ]

    extras: list[str] = []
    near_slips: list[str] = []
    by_len = common_by_length(zipf)
    for w in candidates:
        if looks_like_slip(w, zipf[w], zipf, by_len):
            near_slips.append(w)
        else:
            extras.append(w)
    parts = [w for w in near_slips if zipf[w] >= PART_MIN_ZIPF]
    rows = sorted(known + extras)
    header = (
        f"# wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'} 'large' English,"
        f" Zipf*100; built by tools/build_wordfreq_data.py (MIN_ZIPF={MIN_ZIPF}, MIN_ZIPF_SHORT={MIN_ZIPF_SHORT},"
        f" ONE_EDIT_GAP={ONE_EDIT_GAP}, TWO_EDIT_GAP={TWO_EDIT_GAP}, TWO_EDIT_MIN_LENGTH={TWO_EDIT_MIN_LENGTH},"
        f" PART_MIN_ZIPF={PART_MIN_ZIPF}); data CC BY-SA 4.0"
    )

    def row(w: str) -> str:
        return f"{w}\t{round(zipf[w] * 100)}"

    write_word_file(OUT, header, [row(w) for w in rows], [row(w) for w in sorted(parts)])
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(known)} words pyspellchecker knows, {len(extras)} more,"
        f" {len(parts)} for compounds only",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
