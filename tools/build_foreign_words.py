#!/usr/bin/env python3
"""Regenerate ``newslint/data/spelling/foreign-words.tsv.gz``: common words of other languages.

Source: wordfreq 3.1.1 (https://pypi.org/project/wordfreq/, data CC BY-SA 4.0), its "large"
French, Spanish, German, Italian and Portuguese lists (wordfreq has no Latin). For each
language, the words of at least ``MIN_ZIPF`` (about one use in a hundred thousand words of
that language), accents removed as newslint compares them ("grâce" -> "grace"), that are
not English words (neither in pyspellchecker's English list nor among wordfreq's English
words of at least ``ENGLISH_ZIPF``). One ``word<TAB>languages`` line each; then the
``FUNCTION_WORDS`` commonest words of each language that English has too, ``word<TAB>function``.

The spelling check reads it to leave alone a run of words in another language inside
English copy ("a plat du jour of pulpo a la gallega"), and never to "correct" a foreign word
to an unrelated English one. wordfreq is needed only here. Run from the repository root::

    pip install wordfreq==3.1.1   # needed only here
    python tools/build_foreign_words.py
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newslint" / "data" / "spelling" / "foreign-words.tsv.gz"
LANGUAGES = ("fr", "es", "de", "it", "pt")
MIN_ZIPF = 3.0
ENGLISH_ZIPF = 3.0
#: the commonest words of each language that are English words as well ("de", "la", "con")
#: are listed too, marked ``function``: they join the foreign words of a phrase
FUNCTION_WORDS = 40
_WORD = re.compile(r"[a-z]{2,24}")


def _fold(w: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)).lower()


def main() -> int:
    try:
        import wordfreq  # type: ignore[import-untyped]
    except ImportError:
        print("pip install wordfreq==3.1.1 first (it is needed only to build this file)", file=sys.stderr)
        return 2
    import spellchecker  # type: ignore[import-untyped]

    with gzip.open(Path(spellchecker.__file__).parent / "resources" / "en.json.gz", "rt", encoding="utf-8") as f:
        english = set(json.load(f))
    english |= {
        w for w, fr in wordfreq.get_frequency_dict("en", "large").items() if math.log10(fr) + 9 >= ENGLISH_ZIPF
    }
    langs: dict[str, set[str]] = {}
    function: set[str] = set()
    for lang in LANGUAGES:
        for rank, (w, fr) in enumerate(wordfreq.get_frequency_dict(lang, "large").items()):
            if math.log10(fr) + 9 < MIN_ZIPF:
                continue
            folded = _fold(w)
            if not _WORD.fullmatch(folded) and folded not in ("a", "e", "o", "y"):
                continue
            if folded not in english:
                langs.setdefault(folded, set()).add(lang)
            elif rank < FUNCTION_WORDS:
                function.add(folded)  # "de", "la", "en", "con": English words too, and the glue of a phrase
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(
            f"# wordfreq 3.1.1 'large' {', '.join(LANGUAGES)} words of Zipf >= {MIN_ZIPF} that are not English;"
            " built by tools/build_foreign_words.py; data CC BY-SA 4.0\n".encode()
        )
        raw.write("".join(f"{w}\t{','.join(sorted(ls))}\n" for w, ls in sorted(langs.items())).encode("utf-8"))
        raw.write("".join(f"{w}\tfunction\n" for w in sorted(function - set(langs))).encode("utf-8"))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(langs)} words, {len(function)} function words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
