"""Which variety of English an article is written in, read from the copy itself.

With ``language = "en"`` (either variety) a rule that belongs to one variety
(British "per cent", American "percent") applies to an article only when the
article reads as that variety. The evidence is what separates the two in
news copy:

* spellings of a British/American pair (colour/color, defence/defense,
  organise/organize), each word counted once; -ize counts for neither side,
  since Oxford spelling is British too;
* "per cent" against "percent";
* "Mr Kim" against "Mr. Kim" (and Mrs, Ms, Dr).

Each kind of evidence the article shows counts once per form, and the side
with more wins; an article with none, or as much of each, has no variety
(:data:`None`), and variety rules stay quiet on it.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import TYPE_CHECKING, Any

from newslint.regex import compile_re
from newslint.spelling.lexicon import BaseLexicon, base_lexicon

if TYPE_CHECKING:
    from newslint.article import Article

_LETTERS = compile_re(r"[a-z]+")
_PER_CENT = compile_re(r"\bper[ \u00a0]cent\b", re.IGNORECASE)
_PERCENT = compile_re(r"\bpercent\b", re.IGNORECASE)
_HONORIFIC_STOP = compile_re(r"\b(?:Mr|Mrs|Ms|Dr)\.[ \u00a0]+[A-Z]")
_HONORIFIC_BARE = compile_re(r"\b(?:Mr|Mrs|Ms|Dr)[ \u00a0]+[A-Z]")


def variety_evidence(source: str, base: BaseLexicon) -> tuple[int, int]:
    """``(british, american)``: how many distinct signs of each variety ``source`` holds."""
    low = source.lower()
    words = set(_LETTERS.findall(low))
    # intersections look the article's words up in C; a few of them are variants at all
    gb = (base.gb_to_us.keys() & words) - base.ambiguous
    # -ize is Oxford spelling as well as American: only the other pairs say American
    us = {w for w in (base.us_to_gb.keys() & words) - base.ambiguous if not base.is_ize(w)}
    british, american = len(gb), len(us)
    # each pattern searched only in copy that holds its words (a substring test, in C)
    if "cent" in low:
        british += bool(_PER_CENT.search(source))
        american += "percent" in low and bool(_PERCENT.search(source))
    if "Mr" in source or "Ms" in source or "Dr" in source:
        british += bool(_HONORIFIC_BARE.search(source))
        american += bool(_HONORIFIC_STOP.search(source))
    return british, american


def decide(british: int, american: int) -> str | None:
    """The variety the evidence points to: ``"en-GB"``, ``"en-US"`` or None for none or a tie."""
    if british > american:
        return "en-GB"
    if american > british:
        return "en-US"
    return None


def article_variety(article: Article, cache: MutableMapping[Any, Any]) -> str | None:
    """The variety ``article`` is written in (see the module's docstring); the last answer is kept."""
    key = ("newslint.spelling", "variety")
    last = cache.get(key)
    if last is not None and last[0] is article:
        return last[1]  # type: ignore[no-any-return]
    found = decide(*variety_evidence(article.source, base_lexicon(cache)))
    cache[key] = (article, found)
    return found
