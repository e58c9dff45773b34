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
    int,
    DEFAULT_MIN_DOCUMENTS,
    "how many archive articles must use a word before the names file's vocabulary makes it accepted "
    "(one use may itself be a typo)",
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
    """Related rules:
    [wrong-spelling-variant](wrong-spelling-variant.md) (NL302),
    [mixed-spelling-variants](mixed-spelling-variants.md) (NL303). House words:
    [the house dictionary](../house-dictionary.md).

    What it does
        Checks every word of the headline, standfirst, byline, body and captions (not credits, not
        boilerplate) against:

        - pyspellchecker's English word list (about 160,000 words with frequencies);
        - English as it is written now: about 44,000 more words from wordfreq's English frequencies
          (news, Wikipedia, books, subtitles, web and social media up to 2021: vape, hijab, deepfake,
          originalist), less those one or two edits from a far commoner word, which wordfreq counts
          because people mistype them ("goverment"); such a near-slip is a word only inside a
          hyphenated compound ("all-seater", "tight-fisted");
        - about 6,800 dictionary words of SCOWL that no list above holds: of its size-70 lists (stat,
          intro, apeman), and of size 80 those English as written now uses, that wordfreq has seen
          (sutras, compostable, niggly), accepted but never suggested; a word only SCOWL's British
          list has is not a word with `language = "en-US"` (and one only its American list has,
          with `"en-GB"`);
        - about 3,200 British/American spelling pairs (`newslint/data/spelling/variants.tsv`: breame's
          list, codespell's British list and the British -ise form of every -ize word), so "programme",
          "criticised" and "organisation" are words;
        - newslint's list of newsroom words (motorsport, chatroom, podcaster, eurozone);
        - the house dictionaries named by `dictionary` in the configuration;
        - the archive vocabulary in a names file written by `newslint names build` (`--names FILE`):
          a word used in at least `archive-min-documents` archive articles is accepted.

        What is not a word is skipped: acronyms (NATO), words with capitals inside (iPod, McDonald),
        numbers with units (£600m, 4x4, 1990s, 21st, 5pm, and a short consonant-only word after its
        number: "2 tsp", "1 tbsp", "70 mph"), URLs (with or without a scheme: "reut.rs/2Asabau"),
        e-mail addresses, hashtags and @handles.

        Capitalised words inside a sentence are names and belong to the name checks. A capitalised
        word that starts a sentence (or a quotation, or any word of a Title Case headline) is checked
        as an ordinary word, carefully: "Teh" is reported, "Pyeongchang" is not. It is reported only
        when it is on codespell's list of misspellings, or when it is one keystroke slip (swapped,
        doubled, dropped letter, neighbouring key) from an everyday word and is not a name the
        archive knows, is not repeated in the article and is not followed by another capitalised word.

        Hyphenated compounds are checked part by part, each part with its own capitals: a part may
        be a word, a prefix (co-, de-, pre-, mis-, the "wi" of wi-fi), one or two letters, or make a
        word with the hyphens removed. A misspelt part is reported alone ("well-knwon" reports
        "knwon", "Oscar-nominatwd" reports "nominatwd"); short lower-case parts after a capitalised
        one are the syllables of a name (Kim Jong-un, Cho Myoung-gyon). Contractions and possessives
        (didn't, women's) are understood, and a misspelt possessive is reported without its 's;
        "lovin'" is a word.

        Some words no list has are still words by their form: a compound of two everyday words
        (motorsport), a prefixed word (unfollowed), a plural, an -ly adverb, a -ness or -er noun, or
        an -isation of a known word (nuclearisation). None of these applies to a word on codespell's
        list, nor to a word one keystroke slip from a fairly common word or from a word the article
        itself uses: "wellcome" is "well" + "come", but a typo of "welcome", and "hanssets" beside
        "handsets" is a typo.

        Words in a direct quotation are checked: a misspelt word is wrong anywhere, unless it is
        marked as written on purpose: a word followed by "(sic)" or "[sic]", or a quotation
        followed by one ("the goverment" [sic]), is not reported. A quotation
        whose words are mostly unknown (at least two, and 40 %) is taken to be in another language
        and skipped, as are unknown words with accents.

        Other languages inside English copy: an unknown word that is a common French, Spanish,
        German, Italian or Portuguese word (wordfreq's lists, accents removed) is not reported when a
        word beside it belongs to another language too ("pulpo a la gallega", "plat du jour"), nor
        when the nearest English word does not sound like it: a loanword is never "corrected" to an
        unrelated English word. A word on codespell's list of misspellings is reported all the same.
        wordfreq has no Latin list; a Latin term no English list knows is left to the house dictionary,
        or to the markup, which says where another language is:

        - in HTML (and the HTML inside Markdown, JSON, WordPress exports), an element whose `lang`
          (or `xml:lang`) is not English is not checked: `<span lang="fr">c'est la vie</span>`. An
          English `lang` inside such an element makes its words English again; on `<html>` or
          `<article>` it is what the copy is anyway.
        - italics, `<i>` and `<em>` in HTML, `*...*` and `_..._` in Markdown (not bold), mark foreign
          words in most style books, but titles and stress as well, so the words decide: an italic run
          is another language when it holds two words no list knows ("*mens rea*", "*cacio e pepe*"),
          or one that is no slip of English: not on codespell's list and not, at five letters or more,
          one keystroke from a common word. "*realy*" in italics is still reported; a four-letter slip
          in italics ("*hapy*") is not.

        The loaders carry this to the rules as `Block.languages` (see [the library](../library.md)):
        plain text has no markup, so only the words themselves tell there.

        An HTML character reference left in plain text by a CMS export ("clich&#233;d",
        "S&atilde;o") is read as the letter it stands for, so this and every other check reads
        "clichéd"; but plain text shows the reference as written, so the word is reported once,
        with the word it stands for as its fix. (In HTML, Markdown or JSON a reference is markup,
        and only its letter is seen.) codespell's few misspellings with a look-alike letter
        ("сontains" with a Cyrillic с) are reported.

        British spellings that codespell corrects (connexion, crystalise) are reported as
        misspellings; other British and American spellings are words here, and belong to the
        [variant rules](wrong-spelling-variant.md).

        ### How suggestions are ranked

        1. A word the house dictionary rejects gets the house spelling.
        2. A word on codespell's list of common misspellings gets codespell's corrections.
        3. Otherwise every string one edit away is looked up (a few hundred set look-ups), words two
           edits away are searched (rapidfuzz over words of the same first letter and similar
           length), and each candidate is scored: how common it is in written English (wordfreq,
           damped), how likely the slip is (swapped neighbours, doubled or dropped letters and
           neighbouring keys are likely, any other letter is not; slips at the first or last letter
           are rarer; a second edit costs much more), whether it sounds like the misspelling (the
           same Metaphone key: real people spell by ear, "definatly", "munny", "sed"), how well it
           fits the words beside it (their mutual information in the Google Books word pairs that
           symspellpy ships: "the tird time" is "third", "very tird" is "tired"), and a strong bonus
           when the article uses the candidate elsewhere. A missing space ("hesaid" -> "he said") and
           a missing apostrophe ("dont" -> "don't") are candidates too. codespell's corrections come
           first, in the order this score gives them with a small bonus for the one codespell lists
           first ("provied": provide, provided); one that no edit reaches ("folling" -> "following") is
           offered all the same.

        With `language = "en-GB"` only British spellings are suggested, with `"en-US"` only American.
        Suggestions are cached per word (`benchmarks/bench_spelling.py` measures their cost). The
        word lists behind this are built from wordfreq and symspellpy by the tools in `tools/` and
        shipped compressed (see `newslint/data/spelling/README.md`).

    Why it matters
        A typo is the error readers notice first and forgive last. A plain dictionary checker flags
        37 words in 1,000 of edited BBC copy (names, places, British spellings); this check is meant
        to be quiet on clean copy and still catch the typo.

    Example
        ```text
        They will seperate the two companies.
        ```

        ```text
        a.txt:3:11: warning NL301 [spelling] "seperate" may be a misspelling of "separate"
        ```

    Options
        Unknown words that no correction comes near are left out by default: on the BBC corpus
        nearly all are technical terms, drug names and foreign words (desmoteplase, petaflop,
        latifundios). Two long words run together ("radicallyimproved") are reported either way,
        with the space as the fix.

        Two more things keep the check quiet on real copy: a word the article itself writes three
        times or more is its jargon, not a typo ("warez"), and a word quoted on its own is being
        mentioned, not used (coined the phrase "liberati"). Neither applies to codespell's list of
        common misspellings.

        ```toml
        [tool.newslint.rules.spelling]
        archive-min-documents = 3
        ```

    Fix safety
        The fix replaces the word with the first suggestion. It is **unsafe** (a person should
        confirm) when there is one strong candidate (codespell's only correction, the house
        spelling, or a candidate far ahead of the next), and **display-only** when several are close.
        When the two best score alike (nothing in the slip, the words' commonness or the words
        beside it tells them apart: "fiand" is find or found), the word is reported as not known,
        with both named ("perhaps "find" or "found""), and `data` says `tied`.
        Words with no candidate get no fix.
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
                msg = f'"{f.word}" has an HTML character reference in it: write "{f.suggestions[0]}"'
            elif f.tied:
                # no evidence picks one of the two: a suspect word, not a correction
                msg = f'"{f.word}" is not a known word: perhaps "{f.suggestions[0]}" or "{f.suggestions[1]}"'
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
                data={"source": f.source, **({"tied": True} if f.tied else {})},
            )


class WrongVariantRule(Rule):
    """Active only with `language = "en-GB"` or `"en-US"`. Related:
    [spelling](spelling.md), [mixed-spelling-variants](mixed-spelling-variants.md).

    What it does
        Looks up every word in the British/American pairs of `newslint/data/spelling/variants.tsv`
        (programme/program, organise/organize, defence/defense, travelled/traveled, colour/color, and
        -ise/-ize for every such word) and reports the other variety's spelling with the right one as
        the fix. Pairs whose spellings are both right in British English with another meaning or use
        (program for software, check, tire, meter, disk, practice, jail, focused) are listed in
        `ambiguous.txt` and never reported, and so are the spellings the other variety's dictionary
        also takes (`both-varieties.txt`: "dialogue" and "doughnut" are American too, "focused" and
        "draft" British too). A capitalised word inside a sentence is a name ("Ames Research
        Center", "Dunkin' Donuts") and keeps its spelling, and so is one that starts a sentence
        before another capital or before "of" or "for" and a capital ("Labor Party leaders",
        "Organization of American States officials").

    Why it matters
        A publication spells one way; a stray "color" in a British paper is noticed as surely as a typo.

    Example
        ```toml
        language = "en-GB"
        ```

        ```text
        a.txt:3:5: warning NL302 [wrong-spelling-variant] "defense" is the American spelling: use "defence"
        ```

    Options
        With `oxford-spelling`, color, center and defense are still reported in British copy;
        `archive-min-documents` is as for [spelling](spelling.md).

    Fix safety
        **Unsafe**: the other spelling is right for the variety, but a quoted title or a name may keep
        its own.
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
    """Active only with `language = "en"` (the default: either variety is
    accepted). Related: [wrong-spelling-variant](wrong-spelling-variant.md), [spelling](spelling.md).

    What it does
        Counts the article's British spellings (colour, defence, organise) and American ones (color,
        defense, organize) from the pairs in `variants.tsv` and, when both occur, reports the spellings
        of the variety used less, with the other variety's form as the fix. A tie goes to the variety
        the article used first.

        -ize beside British -our/-re spellings is Oxford spelling and not a mix; -ise beside -ize is.
        Ambiguous pairs (program, check, tire) and capitalised names ("Ames Research Center") never
        count.

    Why it matters
        Copy assembled from agency wires and several writers drifts between varieties; one article
        should read as one voice.

    Example
        ```text
        The colour of the centre was a favourite. The color faded.
        ```

        ```text
        a.txt:3:47: info NL303 [mixed-spelling-variants] "color" is the American spelling; this article otherwise uses British spelling ("colour")
        ```

    Options
        `archive-min-documents` is as for [spelling](spelling.md).

    Fix safety
        **Unsafe**: the majority is usually right, but a person should confirm.
    """  # noqa: E501 (an example output line)

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
