"""newslint-example: the smallest useful third-party newslint plugin.

It adds one rule, ``EX101`` (``qualified-absolute``), which flags an absolute
adjective under a degree word: "very unique", "most unique", "rather
unprecedented". Something is unique or it is not.

It uses only names from ``import newslint``: a plugin that needs more than the
public API has found a gap in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import newslint

#: Words that only make sense with a comparative when misused as absolutes.
DEFAULT_ABSOLUTES = ("unique", "unprecedented", "infinite", "perfect")
#: Degree words that cannot qualify an absolute.
QUALIFIERS = (
    "very", "most", "more", "quite", "rather", "somewhat", "so", "really",
    "extremely", "fairly", "pretty", "totally", "truly", "incredibly", "highly",
)


class QualifiedAbsolute(newslint.Rule):
    """Flags an absolute adjective with a degree word: "very unique", "most unprecedented".

    What it does
        Finds a degree word ("very", "most", "rather", "so", ...) directly before
        an absolute adjective such as "unique", "unprecedented", "infinite" or
        "perfect", in every part of the article except direct quotations.

    Why it matters
        An absolute has no degrees: a thing is unique or it is not. Subs cut
        the qualifier; leaving it in reads as hype.

    Example
        "The deal is a very unique opportunity" is flagged at "very unique",
        with the suggestion "unique". "He called it 'a very unique day'" in
        quotation marks is left alone: a source's words are not ours to edit.

    Options
        ``absolutes`` (list of words, default unique, unprecedented, infinite,
        perfect): the adjectives that take no degree word.

    Fix safety
        The fix (drop the qualifier) is unsafe: "more perfect union" is a
        quotation everyone knows, and "almost unique" is fine, so an editor
        should look before accepting it.
    """

    code = "EX101"
    name = "qualified-absolute"
    summary = 'An absolute adjective with a degree word, such as "very unique"'
    default_severity = newslint.Severity.WARNING
    options = {"absolutes": DEFAULT_ABSOLUTES}

    def check(
        self, article: newslint.Article, ctx: newslint.RuleContext
    ) -> Iterable[newslint.Diagnostic]:
        pattern = _pattern(tuple(ctx.options.get("absolutes", DEFAULT_ABSOLUTES)))
        for block in article.prose_blocks():
            for m in pattern.finditer(block.text):
                if block.in_quote(m.start(), m.end()):
                    continue
                yield self.diagnostic(
                    article,
                    block,
                    m.start(),
                    m.end(),
                    f'"{m.group(0)}" qualifies an absolute; use "{m.group("word")}"',
                    suggestions=[m.group("word")],
                    applicability=newslint.Applicability.UNSAFE,
                )


def _pattern(absolutes: tuple[str, ...]) -> re.Pattern[str]:
    qualifiers = "|".join(QUALIFIERS)
    words = "|".join(re.escape(w) for w in absolutes)
    # the qualifiers' first letters, looked at first: Python's regex engine then passes over
    # every other word at once instead of trying each qualifier on it (twice as fast)
    first = "".join(sorted({q[0] for q in QUALIFIERS}))
    return re.compile(rf"\b(?=[{first}])(?:{qualifiers})\s+(?P<word>(?:{words}))\b", re.IGNORECASE)


@newslint.hookimpl
def newslint_add_rules() -> list[newslint.Rule]:
    """Give newslint the plugin's rule; called once, before any article is read."""
    return [QualifiedAbsolute()]
