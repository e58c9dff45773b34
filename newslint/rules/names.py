"""Name checks: misspelt and inconsistent person names (NL1xx), and ``newslint names build``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostic import Applicability, Diagnostic, Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Option, Options, Rule, RuleContext

if TYPE_CHECKING:


    from newslint.article import Article
    from newslint.names.authority import Authority
    from newslint.names.check import Analysis, Finding

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
    """Flags a person's name that is probably misspelt.

    What it does
        Finds person names in the headline, standfirst, body and captions
        (direct quotations included) and compares them with a names authority:
        the list shipped with newslint (prominent people in the news), the
        newsroom's house lists and the names learned from its archive with
        ``newslint names build``. It reports a name that is not known but is one
        or two letters from exactly one known person ("Kim Jong-on" for
        "Kim Jong-un"), a house list's known wrong spelling, one person spelt two
        ways in the same article ("Cho Myoung-gyon" then "Cho Myung-gyon"), a
        second reference that nearly matches someone introduced ("Mr Tilerson"
        after "Rex Tillerson", "Starmre said" after "Keir Starmer"), and, when articles are checked together, one
        person spelt two ways in different articles. A name that is itself known
        is never flagged, so different people with close names (Kim Jong-il and
        Kim Jong-un) are not confused.

    Why it matters
        Misspelt names are among the most frequent corrections newspapers
        print, and spell checkers either flag every proper noun or skip them
        all. A name one letter off reads as correct to a tired editor.

    Example
        ``South Korea responded to an olive branch from Kim Jong-on.`` gives
        ``"Kim Jong-on" may be a misspelling of "Kim Jong-un"``; the evidence
        (``source``: default, house, archive or article; ``archive_count``;
        ``distance``) is in the diagnostic's ``data``.

    Options
        ``default-authority`` (default ``true``): use the list of prominent
        people shipped with newslint besides the files in ``names``. House
        lists and archive files are given with ``names = [...]`` in the
        configuration or ``--names FILE`` (see ``docs/names.md``).

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
        if f.kind == "wrong":
            msg = f'"{f.written}" is a known misspelling of "{sugg[0]}"'
        elif f.kind == "variant":
            msg = f'"{f.written}" is not the house spelling of "{sugg[0]}"'
        elif f.kind == "article":
            msg = f'"{f.written}" may be a misspelling of "{sugg[0]}", as written elsewhere in the article'
        elif f.kind == "reference":
            intro = f.data.get("introduced", sugg[0])
            msg = (
                f'"{f.written}" may be a misspelling of "{sugg[0]}", as in "{intro}" elsewhere in the article'
                if intro != sugg[0]
                else f'"{f.written}" may be a misspelling of "{sugg[0]}", as written elsewhere in the article'
            )
        elif len(sugg) > 1:
            alts = " or ".join(f'"{s}"' for s in sugg)
            msg = f'"{f.written}" may be a misspelling of {alts}'
        else:
            msg = f'"{f.written}" may be a misspelling of "{sugg[0]}"'
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

    def check_batch(self, articles: Sequence[Article], ctx: RuleContext) -> Iterable[Diagnostic]:
        from newslint.names.check import analyse_batch

        if len(articles) < 2:
            return
        include_default = bool(ctx.options.get("default_authority", True))
        auth = get_authority(ctx, include_default)
        analyses = [ctx.kept(a) or get_analysis(a, ctx)[1] for a in articles]
        for bf in analyse_batch(articles, analyses, auth):
            art = articles[bf.article]
            other = articles[bf.other_article]
            other_pos = other.position(other.blocks[bf.other_block].source_offset(bf.other_start))
            where = f"{other.path}:{other_pos.line}"
            block = art.blocks[bf.block]
            yield self.diagnostic(
                art,
                block,
                bf.start,
                bf.end,
                f'"{bf.written}" may be a misspelling of "{bf.suggestion}", as written in {where}',
                suggestions=(bf.suggestion,),
                applicability=Applicability.DISPLAY_ONLY,
                data={
                    "kind": "batch",
                    "source": "batch",
                    "other_path": other.path,
                    "other_line": other_pos.line,
                    "other_column": other_pos.column,
                    "count": bf.counts[0],
                    "other_count": bf.counts[1],
                    "distance": 1,
                },
            )


class UnintroducedName(_NameRule):
    """Flags "Mr X" (or Mrs, Ms, Dr ...) when no one called X has been introduced.

    What it does
        Reports an honorific followed by a surname that matches no word of
        any full name in the article and that neither the names authority nor
        the archive knows, when the article does introduce other people by
        full name.

    Why it matters
        A second reference to someone never introduced is either a misspelt
        surname with no close match or a missing first reference.

    Example
        ``Rex Tillerson met officials. Mr Smithers said ...`` gives
        ``"Smithers" follows an honorific but no one of that name is introduced``.

    Options
        ``default-authority`` (default ``true``): as for ``name-consistency``.
        The rule is off by default; turn it on with ``extend-select = ["NL102"]``.

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
    """Flags a given name used as a surname for a family-name-first person ("Mr Un").

    What it does
        For people whose family name comes first (Korean, Chinese and
        Cambodian names: Kim Jong-un, Xi Jinping, Moon Jae-in), reports a title
        or honorific followed by the given name ("Mr Jinping", "Chairman Un")
        instead of the family name.

    Why it matters
        "Mr Un" for Kim Jong-un is a well-known embarrassment: the second
        reference is the family name, "Mr Kim".

    Example
        ``Kim Jong-un spoke. Mr Jong-un said ...`` gives
        ``"Jong-un" is a given name: Kim Jong-un is "Kim" on second reference``.

    Options
        ``default-authority`` (default ``true``): as for ``name-consistency``.

    Fix safety
        Unsafe: an editor confirms the change.
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
