"""Name checks: misspelt and inconsistent person names (NL1xx), and ``newslint names build``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostic import Applicability, Diagnostic, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Option, Options, Rule, RuleContext

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Position
    from newslint.names.authority import Authority
    from newslint.names.check import Analysis, BatchFinding, Finding, Mention

_AUTH_KEY = "newslint.names.authority"
_ANALYSIS_KEY = "newslint.names.analysis"
_MAX_ANALYSES = 4096


def get_authority(ctx: RuleContext, include_default: bool = True) -> Authority:
    """The authority for ``ctx.config.names``, loaded once per distinct set of files and mtimes."""
    from newslint.names.authority import NamesFileError, load_authority

    stamps = []
    for p in ctx.config.names:
        try:
            stamps.append((str(p), Path(p).stat().st_mtime_ns))
        except OSError as e:
            raise NamesFileError(f"{p}: cannot read names file: {e.strerror or e}") from None
    key = (_AUTH_KEY, tuple(stamps), include_default)
    auth = ctx.cache.get(key)
    if auth is None:
        auth = load_authority(tuple(Path(p) for p in ctx.config.names), include_default=include_default)
        ctx.cache[key] = auth
    return auth


def get_analysis(article: Article, ctx: RuleContext) -> tuple[Authority, Analysis]:
    """The name analysis of ``article``, shared by the NL1xx rules through ``ctx.cache``."""
    from newslint.names.check import analyse

    include_default = bool(ctx.options.get("default_authority", True))
    auth = get_authority(ctx, include_default)
    store: dict[Any, Analysis] = ctx.cache.setdefault(_ANALYSIS_KEY, {})
    # the blocks' places too: the posts of one WordPress export share a path and a source
    key = (article.path, hash(article.source), hash(tuple((b.start, len(b.text)) for b in article.blocks)), id(auth))
    found = store.get(key)
    if found is None:
        if len(store) >= _MAX_ANALYSES:
            store.clear()
        found = store[key] = analyse(article, auth, _word_test(ctx))
    return auth, found


def _word_test(ctx: RuleContext) -> Callable[[str], bool]:
    """Whether a word is in the shipped English word list, loaded on first use."""

    def is_word(word: str) -> bool:
        from newslint.spelling.lexicon import base_lexicon

        return word.lower() in base_lexicon(ctx.cache).freq

    return is_word


class _NameRule(Rule):
    """Shared conversion of findings to diagnostics."""

    kinds: frozenset[str] = frozenset()
    options = Options(
        default_authority=Option(bool, True, "use the list of prominent people shipped with newslint besides `names`")
    )

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        _auth, analysis = get_analysis(article, ctx)
        if self.has_batch:
            ctx.keep(analysis)  # the batch check in the parent reads it instead of analysing again
        for f in analysis.findings:
            if f.kind in self.kinds:
                yield self.to_diagnostic(article, f)

    def to_diagnostic(self, article: Article, f: Finding) -> Diagnostic:
        raise NotImplementedError


class NameConsistency(_NameRule):
    """What it does
        Finds person names in the headline, standfirst, body and captions (direct quotations
        included; photo credits, bylines and boilerplate left out) and reports:

        - **a near miss of a known person**: a name that is not in the [names authority](../names.md)
          but is one edit (two for long names) from exactly one person who is, keeping each changed
          word's first letter: "Kim Jong-on" for Kim Jong-un, "Tony Balir" (a swap) or "Tony Blairs"
          (an added letter) for Tony Blair;
        - **a house list's known wrong spelling** ("Kim Jong-eun"), and a **variant** the house does
          not use ("Kim Jong-un" where the house writes "Kim Jong Un", at info severity);
        - **one person spelt two ways in the article** ("Cho Myoung-gyon" twice, "Cho Myung-gyon"
          once): the minority spelling is flagged, with the majority as the fix;
        - **a second reference near an introduced name**: "Ms Hamersley" after "Jane Hammersley",
          "Mr Tilerson" after "Rex Tillerson", and a surname alone: "Starmre said" after "Keir
          Starmer". A bare word is compared only when no general English word list (the one the
          spelling check uses), no known name and no archive knows it, when it is written once and
          keeps the surname's first letter, and, when it is short, not after "in", "at" or "near"
          (a place: "in Kaine"; "outside Mnucihn's home" is still a slip). A short surname (three
          or four letters: "Kani" for Harry Kane) also needs more evidence: the surname written at
          least twice in the article, or a person the authority knows ("Paul Ryan" ... "Ryen"), or
          the word where a person stands (after a title, before or after "said": "a spokeswoman
          for Borr said"). A second person introduced with the near spelling ("Anna
          Jenson" beside "Karl Jensen") is never taken for a slip;
        - **a full name whose surname the article writes differently alone**: "Lleyton Hewit" once,
          then "Hewitt said" and "Hewitt will": the introduction is the slip;
        - **one person spelt two ways across a batch** of articles checked together (a day's
          edition): the spelling used in fewer articles is flagged, and the message points at the
          article with the other spelling (`file:line`).

        A name that is itself known is never flagged, so different people with close names
        (Kim Jong-il and Kim Jong-un; Jon Snow and John Snow when both are listed) are not
        confused. The article's own evidence counts too: a full name whose surname it then writes
        alone ("Rick Parry", then "Parry said") is the spelling it means, not a near miss of a known
        "Rick Perry" (a one-off slip of an introduced person, "Keir Starmer" ... "Starmre said", is
        still caught); spellings that differ only as romanisations of Russian, Ukrainian or Greek do
        (Akayev and Akaev, Yanukovych and Yanukovich, Zelenskiy and Zelensky, Stiliyan and Stilian,
        Dimitrios and Dimitris) are one person's variants, not slips of each other, in an article
        and across a batch. When the slip is one half of a double-barrelled surname, the finding
        covers that half and suggests its right spelling ("Kolroy" in "Robert Kolroy-Silk":
        "Kilroy"), with the whole names in `data` (`name`, `suggested_name`). When two spellings
        (an introduction and a second reference, or two full names) are written once each, the
        one whose differing word a word list or the authority knows ("Mr Kilroy-Silk", "Rio de
        Janeiro") is taken as meant and the other reported; when neither is known, the later one
        is the suspect, without a confident fix.

        Names are found by their form (capitalised runs with particles such as "von
        der" and "bin", hyphenated given names, possessives, line breaks inside a name) and by
        their context (titles and honorifics, and a lower-case role word just before them: "the
        England defender Reece James", "spokesman Sean Spicer"); no model is downloaded.

    Why it matters
        Misspelt names are among the corrections newspapers print most often, and spell checkers
        either flag every proper noun or skip them all. A name one letter off reads as right to a
        tired editor, and "Mr Kim" afterwards does not give it away.

    Example
            South Korea has responded to an olive branch from Kim Jong-on by proposing talks.

        gives

            story.txt:1:51: warning NL101 "Kim Jong-on" may be a misspelling of "Kim Jong-un"

        The finding's `data` holds the evidence: `source` (`default`, `house`, `archive`,
        `article` or `batch`), `archive_count` (articles the archive names the person in),
        `distance` (edits), `person` and `role`; a batch finding adds `other_path`,
        `other_line` and `other_column`.

    Options
        House lists and archive files are named with `names` (or `--names FILE`):

        ```toml
        [tool.newslint]
        names = ["house-names.toml", "names.json"]   # house lists and `newslint names build` output

        [tool.newslint.rules.name-consistency]
        default-authority = true
        ```

        See [Names](../names.md) for the house list format and `newslint names build`.

    Fix safety
        Display-only: an editor confirms every name change, because the rarer
        spelling is sometimes the right one. No flag applies it; the suggestion
        is shown best first.
    """

    code = "NL101"
    name = "name-consistency"
    summary = "A person's name is probably misspelt"
    default_severity = Severity.WARNING
    kinds = frozenset({"authority", "wrong", "variant", "article", "reference"})

    def to_diagnostic(self, article: Article, f: Finding) -> Diagnostic:
        block = article.blocks[f.block]
        sugg = f.suggestions
        # one half of a double-barrelled name: "Kolroy" in "Robert Kolroy-Silk"
        shown = f'"{f.written}" in "{f.data["name"]}"' if "name" in f.data else f'"{f.written}"'
        if f.kind == "wrong":
            msg = f'"{f.written}" is a known misspelling of "{sugg[0]}"'
        elif f.kind == "variant":
            msg = f'"{f.written}" is not the house spelling of "{sugg[0]}"'
        elif f.kind == "article":
            msg = f'{shown} may be a misspelling of "{sugg[0]}", as written elsewhere in the article'
        elif f.kind == "reference":
            intro = f.data.get("introduced", sugg[0])
            msg = (
                f'{shown} may be a misspelling of "{sugg[0]}", as in "{intro}" elsewhere in the article'
                if intro != sugg[0]
                else f'{shown} may be a misspelling of "{sugg[0]}", as written elsewhere in the article'
            )
        elif len(sugg) > 1:
            alts = " or ".join(f'"{s}"' for s in sugg)
            msg = f'"{f.written}" may be a misspelling of {alts}'
        else:
            msg = f'{shown} may be a misspelling of "{sugg[0]}"'
        return self.diagnostic(
            article,
            block,
            f.start,
            f.end,
            msg,
            suggestions=sugg,
            # an editor confirms every name: the rarer spelling is sometimes the right one
            applicability=Applicability.DISPLAY_ONLY,
            severity=Severity.INFO if f.kind == "variant" else None,
            data={"kind": f.kind, **f.data},
        )

    # The batch check (one person spelt two ways in different articles), by key: see
    # "across a batch" in newslint.names.check for the rounds.

    #: the batch check pairs names of different articles (one article's are the check's own business)
    compares_articles = True

    def batch_records(self, article: Article, ctx: RuleContext, order: tuple[int, ...]) -> Iterable[tuple[Any, Any]]:
        from newslint.names.check import batch_mentions

        analysis = ctx.kept(article) or get_analysis(article, ctx)[1]

        def place(m: Mention) -> tuple[Position, Position, str | None]:
            block = article.blocks[m.block]
            start, end = block.source_span(m.start, m.end)
            return article.position(start), article.position(end), block.field

        for key, mentions in batch_mentions(article, analysis, order, place).items():
            yield ("name", key), mentions

    def check_group(self, key: Any, records: list[Any], ctx: RuleContext) -> Iterable[Diagnostic | tuple[Any, Any]]:
        from newslint.names import check as names

        if key[0] == "name":
            form = names.name_form(key[1], (m for r in records for m in r))
            yield from ((("similar", *k), form) for k in names.form_keys(form))
        elif key[0] == "similar":
            auth = get_authority(ctx, bool(ctx.options.get("default_authority", True)))
            yield from ((("slips",), c) for c in names.candidates(records, auth))
        else:
            yield from (self._batch_diagnostic(f) for f in names.decide(records))

    def _batch_diagnostic(self, f: BatchFinding) -> Diagnostic:
        m, other = f.mention, f.other
        at = other.span[0]
        return self.diagnostic_at(
            m.path,
            m.span,
            f'"{m.text}" may be a misspelling of "{f.suggestion}", as written in {other.path}:{at.line}',
            suggestions=(f.suggestion,),
            applicability=Applicability.DISPLAY_ONLY,
            data={
                "kind": "batch",
                "source": "batch",
                "other_path": other.path,
                "other_line": at.line,
                "other_column": at.column,
                "count": f.counts[0],
                "other_count": f.counts[1],
                "distance": 1,
            },
        )


class UnintroducedName(_NameRule):
    """What it does
        Reports "Mr X", "Mrs X", "Ms X" or "Miss X" when X matches no word of any full name in
        the article, no one in the [names authority](../names.md) uses it as a surname, the
        archive (when one is given) has never seen it, and X appears nowhere else in the article.
        It stays quiet on peers, doctors and knights ("Lord Hattersley", "Dr Seuss"), who are often
        named without an introduction, and when the article introduces no one by full name.

    Why it matters
        A second reference to someone never introduced is either a misspelt surname with no close
        match, or a missing first reference. It is off by default because edited copy does this
        on purpose often enough ("Mr Raynsford" for a minister the reader is expected to know):
        about once in 15,000 words of clean BBC copy.

    Example
            Jane Hammersley resigned on Monday.

            Mr Quibblewhite said the council would meet.

        gives `NL102 "Quibblewhite" follows an honorific but no one of that name is introduced`.

    Options
        As for [name-consistency](name-consistency.md).

    Fix safety
        No fix is offered.
    """

    code = "NL102"
    name = "unintroduced-name"
    summary = "A surname after Mr/Ms/Dr matches no one introduced in the article"
    default_severity = Severity.INFO
    # off unless selected: news copy often says "Mr Raynsford" for a minister it never
    # introduces, about once in 15,000 words of clean copy
    default_enabled = False
    kinds = frozenset({"unintroduced"})

    def to_diagnostic(self, article: Article, f: Finding) -> Diagnostic:
        return self.diagnostic(
            article,
            article.blocks[f.block],
            f.start,
            f.end,
            f'"{f.written}" follows an honorific but no one of that name is introduced',
            data={"kind": f.kind, **f.data},
        )


class NameOrder(_NameRule):
    """What it does
        For people whose family name comes first (Korean, Chinese and Cambodian names: Kim
        Jong-un, Xi Jinping, Moon Jae-in, Hun Sen), reports a title or honorific followed by the
        given name ("Mr Jong-un", "Chairman Un", "Mr Jinping") where the family name belongs.
        People are recognised as family-name-first from the [names authority](../names.md)
        (`order = "family-first"`) or from the form of the name (a common Korean or Chinese family
        name followed by a hyphenated given name).

    Why it matters
        "Mr Un" for Kim Jong-un is a well-known embarrassment: on second reference he is "Mr Kim".

    Example
            Kim Jong-un fired a missile. Mr Jong-un said more would follow.

        gives `NL103 "Jong-un" is a given name: Kim Jong-un is "Kim" on second reference`.

    Options
        As for [name-consistency](name-consistency.md).

    Fix safety
        Unsafe: the fix replaces the given name with the family name, and an editor confirms it.
    """

    code = "NL103"
    name = "name-order"
    summary = "A given name is used as the surname of a family-name-first person"
    default_severity = Severity.INFO
    kinds = frozenset({"order"})

    def to_diagnostic(self, article: Article, f: Finding) -> Diagnostic:
        return self.diagnostic(
            article,
            article.blocks[f.block],
            f.start,
            f.end,
            f'"{f.written}" is a given name: {f.data["person"]} is "{f.suggestions[0]}" on second reference',
            suggestions=f.suggestions,
            applicability=Applicability.UNSAFE,
            data={"kind": f.kind, **f.data},
        )


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [NameConsistency(), UnintroducedName(), NameOrder()]
