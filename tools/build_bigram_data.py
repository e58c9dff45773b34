#!/usr/bin/env python3
"""Regenerate ``newslint/data/spelling/bigrams-en.tsv.gz``: which words stand together in English.

Source: symspellpy 6.10.1 (https://pypi.org/project/symspellpy/, MIT), its
``frequency_bigramdictionary_en_243_342.txt``: the 242,342 commonest word pairs of the
Google Books Ngram corpus (data CC BY 3.0, Google), each with its count. symspellpy is
needed only here, never at run time.

The spelling check reads it to rank the corrections of a misspelt word by its neighbours:
"the fild was wet" is "field" and "she fild a claim" is "filed". Pairs of lower-case ASCII
words only, sorted, one ``first second<TAB>log10(count)*100`` line each, so that newslint
can look a pair up by binary search in the text without building a dictionary. Run from
the repository root::

    pip install symspellpy==6.10.1   # needed only here
    python tools/build_bigram_data.py
"""

from __future__ import annotations

import gzip
import math
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newslint" / "data" / "spelling" / "bigrams-en.tsv.gz"
_ROW = re.compile(r"([a-z]+) ([a-z]+) (\d+)")


def main() -> int:
    try:
        import symspellpy  # type: ignore[import-untyped]
    except ImportError:
        print("pip install symspellpy==6.10.1 first (it is needed only to build this file)", file=sys.stderr)
        return 2
    src = Path(symspellpy.__file__).parent / "frequency_bigramdictionary_en_243_342.txt"
    rows: dict[str, int] = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        m = _ROW.fullmatch(line.strip())
        if m:
            key = f"{m.group(1)} {m.group(2)}"
            rows[key] = max(rows.get(key, 0), round(100 * math.log10(int(m.group(3)))))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        version = metadata.version("symspellpy")
        raw.write(f"# symspellpy {version} bigrams (Google Books Ngram), log10(count)*100\n".encode())
        raw.write("".join(f"{k}\t{v}\n" for k, v in sorted(rows.items())).encode("utf-8"))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} pairs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
