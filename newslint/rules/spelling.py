"""Spelling: misspelt words, and British and American spellings in their place.

Three rules share one reading of each article (see :mod:`newslint.spelling`):

* ``spelling`` (NL301): a word no list knows, with corrections best first;
* ``wrong-spelling-variant`` (NL302): with ``language = "en-GB"`` or
  ``"en-US"``, the other variety's spelling ("color" in British copy);
* ``mixed-spelling-variants`` (NL303): with ``language = "en"``, both
  varieties in one article; the minority form is reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newslint.config import ConfigError
from newslint.diagnostic import Applicability, Diagnostic, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Option, Options, Rule, RuleContext
from newslint.spelling import DEFAULT_MIN_DOCUMENTS, DictionaryError, VariantUse, analyse

if TYPE_CHECKING:
    from newslint.article import Article, Block

_ARCHIVE_MIN = Option(
    int, DEFAULT_MIN_DOCUMENTS, "archive articles that must use a word before a --names archive makes it accepted"
)
_SHARED_OPTIONS = Options(archive_min_documents=_ARCHIVE_MIN)
_SPELLING_OPTIONS = Options(
    archive_min_documents=_ARCHIVE_MIN,
    report_unsuggested=Option(bool, False, "also report unknown words that no correction comes near"),
)


def _analyse(article: Article, ctx: RuleContext):  # type: ignore[no-untyped-def]
    try:
        return analyse(article, ctx)
    except DictionaryError as e:
        raise ConfigError(str(e)) from None


class SpellingRule(Rule):
    """Reports misspelt words, with corrections best first.

    What it does
        Checks every word of the headline, standfirst, body and captions
        against pyspellchecker's English word list, the current words of
        wordfreq's English frequencies, British and American
        spellings, newslint's list of newsroom words, the house
        dictionaries (``dictionary`` in the configuration) and the
        vocabulary the archive taught ``newslint names build`` (the
        ``--names`` file). Compounds, plurals and derived forms of known
        words count as words unless they are one keystroke slip from a
        common word or from a word the article uses. Capitalised words inside a sentence are names
        and are left to the name checks; a capitalised word that starts a
        sentence is checked when it is one slip away from an everyday word
        ("Teh"). Acronyms, numbers with units (£600m, 1990s, 21st), URLs,
        e-mail addresses, hashtags and @handles are skipped; hyphenated
        compounds are checked part by part (de-nuclearisation, co-ordinate,
        wi-fi); contractions and possessives are understood. Words in a
        quotation are checked unless the quotation is not in English; a run
        of French, Spanish, German, Italian or Portuguese words is not a run
        of misspellings, and a loanword is never "corrected" to an English
        word that does not sound like it. The markup says so too: words in
        an element whose ``lang`` is not English are not checked, and a run
        in italics (``<i>``, ``<em>``, Markdown ``*...*`` or ``_..._``) is
        taken for another language when it holds two unknown words, or one
        that is no slip of English ("*mens rea*", "*cacio e pepe*"). A short
        consonant-only word after a number is a unit ("2 tsp", "70 mph").
        Credits and boilerplate are not checked. Words a house dictionary
        rejects are reported with the house spelling.

    Why it matters
        A typo is the error readers notice first and forgive last.
        A plain dictionary checker drowns an editor in names and British
        spellings; this check is meant to be quiet on clean copy.

    Example
        ``They will seperate the two companies`` gives
        ``"seperate" may be a misspelling of "separate"``. Suggestions come
        from codespell's list of common misspellings first, then from
        words one or two edits away, ranked by how likely the slip is
        (swapped, doubled, dropped letters and neighbouring keys), how
        common the word is in written English, whether it sounds like the
        misspelling, how well it fits the words beside it, and whether the
        article uses it elsewhere.

    Options
        ``archive-min-documents`` (default 2): how many archive articles must
        use a word before the archive vocabulary in a ``--names`` file makes
        it accepted (one use may itself be a typo).
        ``report-unsuggested`` (default false): also report unknown words
        that no correction comes near. On the BBC corpus nearly all of them
        are technical terms, drug names and foreign words (desmoteplase,
        petaflop, latifundios), so they are left out by default; two words
        run together ("radicallyimproved") are still reported, with the space.

    Fix safety
        The fix replaces the word with the first suggestion. It is unsafe
        (a person should confirm it) when one candidate is far ahead of the
        rest, and display-only when several are close or none was found.
    """

    code = "NL301"
    name = "spelling"
    summary = "A misspelt word"
    default_severity = Severity.WARNING
    options = _SPELLING_OPTIONS

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        findings, _variants = _analyse(article, ctx)
        unsuggested = bool(ctx.options.get("report_unsuggested", False))
        for block, f in findings:
            if f.source == "none" and not unsuggested:
                continue
            if f.source == "house":
                if f.suggestions:
                    msg = f'"{f.word}" is not the house spelling: use "{f.suggestions[0]}"'
                else:
                    msg = f'"{f.word}" is on the house list of words not to use'
            elif f.source == "article":
                msg = f'"{f.word}" may be a misspelling of "{f.suggestions[0]}", as written elsewhere in the article'
            elif f.source == "split":
                msg = f'"{f.word}" may be two words run together: "{f.suggestions[0]}"'
            elif f.source == "entity":
                msg = f'"{f.word}" has an HTML entity in it: write "{f.suggestions[0]}"'
            elif f.suggestions:
                msg = f'"{f.word}" may be a misspelling of "{f.suggestions[0]}"'
            else:
                msg = f'"{f.word}" may be misspelt'
            applicability = None
            if f.suggestions:
                applicability = Applicability.UNSAFE if f.strong else Applicability.DISPLAY_ONLY
            yield self.diagnostic(
                article,
                block,
                f.start,
                f.end,
                msg,
                suggestions=f.suggestions,
                applicability=applicability,
                data={"source": f.source},
            )


class WrongVariantRule(Rule):
    """Reports American spellings in British copy, and British spellings in American copy.

    What it does
        With ``language = "en-GB"`` reports American spellings such as
        "color", "organize", "defense" and "traveled" and offers the British
        spelling; with ``"en-US"`` the reverse ("programme", "colour").
        Pairs whose two spellings are both British with different meanings
        (program/programme, check/cheque, tire/tyre, meter/metre) are never
        reported. With ``language = "en"`` this rule is silent:
        ``mixed-spelling-variants`` checks consistency instead.

    Why it matters
        A publication spells one way; readers notice a stray "color" in a
        British paper as surely as a typo.

    Example
        In British copy, ``The defense ministry`` gives
        ``"defense" is the American spelling: use "defence"``.

    Options
        ``oxford-spelling`` (default false): with ``en-GB``, accept -ize
        (organize, realize) as Oxford spelling does, while still reporting
        color, center and defense. ``archive-min-documents`` as for
        ``spelling``.

    Fix safety
        Unsafe: the other spelling is right for the variety, but a proper
        name or a quotation from a published title may keep its own.
    """

    code = "NL302"
    name = "wrong-spelling-variant"
    summary = "A spelling of the other variety of English (color in British copy)"
    default_severity = Severity.WARNING
    options = Options(
        archive_min_documents=_ARCHIVE_MIN,
        oxford_spelling=Option(bool, False, "with en-GB, accept -ize (organize) as Oxford spelling does"),
    )

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        lang = ctx.language
        if lang not in ("en-GB", "en-US"):
            return
        want = "gb" if lang == "en-GB" else "us"
        oxford = bool(ctx.options.get("oxford_spelling", False))
        _findings, variants = _analyse(article, ctx)
        for block, v in variants:
            if v.variant == want or (oxford and want == "gb" and v.ize):
                continue
            label = "American" if v.variant == "us" else "British"
            yield self.diagnostic(
                article,
                block,
                v.start,
                v.end,
                f'"{v.word}" is the {label} spelling: use "{v.twin}"',
                suggestions=(v.twin,),
                applicability=Applicability.UNSAFE,
                data={"variant": v.variant},
            )


class MixedVariantsRule(Rule):
    """Reports British and American spellings mixed in one article.

    What it does
        With ``language = "en"`` (either variety accepted) counts the
        article's British spellings (colour, defence, organise) and American
        ones (color, defense, organize) and reports the spellings of the
        variety used less, with the other variety's form as the fix. -ize
        beside British -our/-re spellings is Oxford spelling, not a mix, and
        is not reported; -ise beside -ize is. With ``en-GB`` or ``en-US``
        the rule is silent (``wrong-spelling-variant`` reports instead).

    Why it matters
        Copy assembled from agency wires and several writers drifts between
        varieties; one article should read as one voice.

    Example
        An article with "colour", "centre" and "defense" gives
        ``"defense" is the American spelling; this article otherwise uses British spelling ("defence")``.

    Options
        ``archive-min-documents`` as for ``spelling``.

    Fix safety
        Unsafe: the majority is usually right, but a person should confirm.
    """

    code = "NL303"
    name = "mixed-spelling-variants"
    summary = "British and American spellings mixed in one article"
    default_severity = Severity.INFO
    options = _SHARED_OPTIONS

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        if ctx.language not in ("en", "", None):
            return
        _findings, variants = _analyse(article, ctx)
        for block, v, majority in minority_forms(variants):
            label = "American" if v.variant == "us" else "British"
            other = "British" if majority == "gb" else "American"
            yield self.diagnostic(
                article,
                block,
                v.start,
                v.end,
                f'"{v.word}" is the {label} spelling; this article otherwise uses {other} spelling ("{v.twin}")',
                suggestions=(v.twin,),
                applicability=Applicability.UNSAFE,
                data={"variant": v.variant},
            )


def minority_forms(
    variants: list[tuple[Block, VariantUse]],
) -> Iterator[tuple[Block, VariantUse, str]]:
    """The uses of the less used variety, when an article mixes them, with the majority's name.

    -ize is allowed beside British -our/-re spellings (Oxford spelling), so
    American evidence is the -ize forms only when the article also has -ise
    forms, and otherwise the non-ize American forms. A tie goes to the
    variety the article used first.
    """
    if not variants:
        return
    gb_ise = [x for x in variants if x[1].variant == "gb" and x[1].ize]
    gb_other = [x for x in variants if x[1].variant == "gb" and not x[1].ize]
    us_ize = [x for x in variants if x[1].variant == "us" and x[1].ize]
    us_other = [x for x in variants if x[1].variant == "us" and not x[1].ize]
    gb = gb_ise + gb_other
    us = us_other + (us_ize if gb_ise else [])
    if not gb or not us:
        return
    if len(gb) != len(us):
        majority = "gb" if len(gb) > len(us) else "us"
    else:
        majority = variants[0][1].variant
    if majority == "gb":
        minority = us
    else:
        minority = gb_ise + (gb_other if us_other else [])
    for block, v in sorted(minority, key=lambda x: (x[0].start, x[1].start)):
        yield block, v, majority


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [SpellingRule(), WrongVariantRule(), MixedVariantsRule()]
