"""Spelling: word lists, the per-article checker and suggestions.

The rules in :mod:`newslint.rules.spelling` are thin; this package does the
work. Nothing is loaded at import: :func:`speller_for` builds (and caches in
``RuleContext.cache``) a :class:`~newslint.spelling.checker.Speller` on the
first article checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from newslint.spelling.checker import Finding, Speller, VariantUse, match_case
from newslint.spelling.lexicon import (
    BaseLexicon,
    DictionaryError,
    HouseWords,
    base_lexicon,
    house_words,
    parse_dictionary,
)

if TYPE_CHECKING:
    from newslint.article import Article, Block
    from newslint.rule import RuleContext

__all__ = [
    "BaseLexicon",
    "DictionaryError",
    "Finding",
    "HouseWords",
    "Speller",
    "VariantUse",
    "analyse",
    "match_case",
    "parse_dictionary",
    "speller_for",
]

#: Options every spelling-family rule reads (they share one speller).
DEFAULT_MIN_DOCUMENTS = 2


def speller_for(ctx: RuleContext, options: Mapping[str, Any] | None = None) -> Speller:
    """The speller for this context's configuration, built once per process."""
    opts = ctx.options if options is None else options
    min_docs = int(opts.get("archive_min_documents", DEFAULT_MIN_DOCUMENTS))
    base = base_lexicon(ctx.cache)
    house = house_words(ctx.cache, ctx.config.dictionary, ctx.config.names, min_docs)
    key = ("newslint.spelling", "speller", id(house), ctx.config.language)
    sp = ctx.cache.get(key)
    if sp is None or sp.house is not house:
        sp = ctx.cache[key] = Speller(base, house, language=ctx.config.language)
    return sp  # type: ignore[no-any-return]


def analyse(
    article: Article, ctx: RuleContext, options: Mapping[str, Any] | None = None
) -> tuple[list[tuple[Block, Finding]], list[tuple[Block, VariantUse]]]:
    """Misspellings and variant spellings of ``article``, shared by the spelling rules.

    The last article's result is kept so that the three rules of the family
    read each article once.
    """
    sp = speller_for(ctx, options)
    key = ("newslint.spelling", "last")
    last = ctx.cache.get(key)
    if last is not None and last[0] is article and last[1] is sp:
        return last[2]  # type: ignore[no-any-return]
    result = sp.check_article(article)
    ctx.cache[key] = (article, sp, result)
    return result
