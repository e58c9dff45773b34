"""House style as data: the rules that report what the style engine finds.

How the rules reach ``newslint rules``: ``newslint_add_rules`` runs before any
configuration is read, so it returns one :class:`DataRule` per rule of the
starter style (each with its own stable code, NL550-NL589) plus one
:class:`HouseStyleRule`, ``house-style`` (NL590), which runs, at check time,
every rule that the configured house and desk files add. A house file that
overrides a starter rule changes that starter rule's object, which keeps its
code. Reading, layering and matching the style files is
:mod:`newslint.housestyle`'s work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newslint.article import Article
from newslint.diagnostic import Diagnostic, Edit, Fix
from newslint.hookspecs import hookimpl
from newslint.housestyle import (
    HOUSE_CODE,
    HOUSE_NAME,
    SCOPES,
    StyleRule,
    build_style,
    starter_style,
    style_for,
)
from newslint.rule import Rule, RuleContext
from newslint.spelling.variety import article_variety

if TYPE_CHECKING:
    from newslint.session import SessionInfo


# -- the rule objects --------------------------------------------------------------------------


def applies(srule: StyleRule, article: Article, ctx: RuleContext) -> bool:
    """Does ``srule`` run on ``article``: by the configured language, or under "en" by the copy's variety."""
    if srule.applies_to(ctx.language):
        return True
    return ctx.language == "en" and srule.applies_to("en", article_variety(article, ctx.cache))


def _diagnostics(rule: Rule, srule: StyleRule, article: Article, *, code: str, name: str) -> Iterator[Diagnostic]:
    for hit in srule.find(article):
        src_start, src_end = hit.block.source_span(hit.start, hit.end)
        fix = None
        suggestions: tuple[str, ...] = ()
        if hit.replacement is not None:
            suggestions = (hit.replacement,)
            # readable text: the fix engine writes it as the file's format needs ("&" as "&amp;")
            fix = Fix((Edit(src_start, src_end, hit.replacement),), srule.applicability)
        data: dict[str, Any] = {"style_rule": srule.name, "style_file": srule.source, "kind": srule.kind}
        yield Diagnostic(
            code=code,
            rule=name,
            message=srule.format_message(hit),
            severity=srule.severity,
            path=article.path,
            start=article.position(src_start),
            end=article.position(src_end),
            field=hit.block.field,
            suggestions=suggestions,
            fix=fix,
            url=srule.link or rule.url,
            data=data,
        )


class DataRule(Rule):
    """A rule of the starter house style, defined as data in ``newslint/data/style/``.

    What it does
        Reports the words, phrases or forms the rule's style entry names. A
        substitution offers its replacement, a consistency rule the form the
        article uses most, and a capitalisation rule checks headline case.

    Why it matters
        House style makes a publication read as one voice; editors, not
        programmers, keep it, so it is written as data.

    Example
        Each rule's own good and bad examples are listed by ``newslint rules``
        and in ``docs/rules/<name>.md``; they are checked whenever the rule loads.

    Options
        None in ``[rules.<name>]`` besides ``severity`` and ``enabled``; a house
        or desk style file can change any key of the rule by naming it.

    Fix safety
        Safe when the rule says ``safe = true`` (applied by ``--fix``), unsafe
        otherwise (applied only with ``--unsafe-fixes``). Words inside direct
        quotations are never matched unless the rule sets ``quotes = true``.
    """

    def __init__(self, srule: StyleRule):
        assert srule.code is not None
        self.code = srule.code  # type: ignore[misc]
        self.name = srule.name  # type: ignore[misc]
        self.summary = srule.summary or _summary(srule)  # type: ignore[misc]
        self.default_severity = srule.severity  # type: ignore[misc]
        self.default_enabled = srule.enabled  # type: ignore[misc]
        self.varieties = tuple(lang for lang in srule.languages if lang != "en")  # type: ignore[misc]
        self.starter = srule

    @property
    def doc(self) -> str:
        return rule_doc(self.starter)

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        srule = style_for(ctx).rules.get(self.name, self.starter)
        if not (srule.enabled or ctx.audit) or not applies(srule, article, ctx):
            return
        yield from _diagnostics(self, srule, article, code=self.code, name=self.name)


class HouseStyleRule(Rule):
    """See [House style as data](../house-style.md) for the file format and layering.

    What it does
        Runs every rule defined in the files named by ``style = [...]`` in the
        configuration that is not a starter rule: substitutions, words to avoid,
        forms to keep consistent and headline case, as the house wrote them.
        Each finding carries the house rule's message, severity and link; its
        ``data`` names the house rule (``style_rule``) and file (``style_file``).

    Why it matters
        A newsroom's style guide grows with every correction; writing it as data
        lets the editors who own it add a rule without a programmer, and
        ``newslint audit --rule NAME`` shows how often a new rule would fire on
        the archive before it is switched on.

    Example
        A house file with ``[[rule]]`` ``name = "mumbai"``, ``kind = "substitution"``,
        ``swap = { Bombay = "Mumbai" }`` reports "Use "Mumbai" not "Bombay"" in
        "Flights to Bombay resumed".

    Options
        None here; each house rule is switched off in a later (desk) file with
        ``enabled = false``, and ``ignore = ["house-style"]`` turns them all off.

    Fix safety
        As each house rule says with ``safe = true``; unsafe otherwise. Words
        inside direct quotations are never matched unless a rule sets ``quotes = true``.
    """

    code = HOUSE_CODE
    name = HOUSE_NAME
    summary = "Rules added by the house and desk style files named in the configuration"

    def subrules(self, ctx: RuleContext) -> list[str]:
        return [r.name for r in style_for(ctx).house_rules] if ctx.config.style else []

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        if not ctx.config.style:
            return
        ignored = set(ctx.config.ignore)
        for srule in style_for(ctx).house_rules:
            if srule.name in ignored and not ctx.audit:  # --ignore mumbai turns off the one house rule
                continue
            if (srule.enabled or ctx.audit) and applies(srule, article, ctx):
                yield from _diagnostics(self, srule, article, code=self.code, name=self.name)


def _summary(srule: StyleRule) -> str:
    return f"House style: {srule.name.replace('-', ' ')} ({srule.kind})"


def rule_doc(srule: StyleRule) -> str:
    """The user documentation of a data rule, in the fixed sections, built from its data."""
    # indented twice: under its heading, and as a code block on the rule's page
    bad = "\n".join(f"        Bad:  {t}" + (f"\n        Fix:  {f}" if f else "") for t, f in srule.examples_bad)
    good = "\n".join(f"        Good: {t}" for t in srule.examples_good)
    scope = ", ".join(s for s in SCOPES if s in srule.scope)
    fix = (
        "No fix: an editor rewrites the words."
        if srule.kind in ("existence",) or (srule.kind == "capitalisation" and srule.style == "sentence")
        else ("Safe: applied by --fix." if srule.safe else "Unsafe: applied only with --unsafe-fixes.")
    )
    return "\n".join([
        "A rule of the starter house style, defined as data in",
        "`newslint/data/style/starter.toml`; a house or desk style file changes it by",
        f"naming it (`name = \"{srule.name}\"`), see [House style as data](../house-style.md).",
        "",
        "What it does",
        f"    A {srule.kind} rule of the starter house style. Message: {srule.message}",
        *([f"    Entries{' (regular expressions)' if srule.regex else ''}: " + "; ".join(srule.entries)]
          if srule.entries else []),
        *([f"    Headline case: {srule.style} (at least {srule.min_words} long words decide)"]
          if srule.kind == "capitalisation" else []),
        *([f"    Exceptions: {'; '.join(srule.exceptions)}"] if srule.exceptions else []),
        *([f"    Languages: {', '.join(srule.languages)}"] if srule.languages else []),
        f"    Scope: {scope}; quotations {'included' if srule.quotes else 'excluded'}.",
        "",
        "Why it matters",
        f"    {srule.why or 'House style makes a publication read as one voice.'}",
        *(["    Style guide: " + srule.link] if srule.link else []),
        "",
        "Example",
        bad or "        (none)",
        good,
        "",
        "Options",
        "    None besides severity and enabled; a house or desk style file may change any key.",
        "",
        "Fix safety",
        f"    {fix}",
    ])


# -- hooks -----------------------------------------------------------------------------------


@hookimpl
def newslint_add_rules() -> list[Rule]:
    style = starter_style()
    rules: list[Rule] = [DataRule(r) for r in style.rules.values()]
    rules.append(HouseStyleRule())
    return rules


@hookimpl
def newslint_session_start(session: SessionInfo) -> None:
    """Load the configured style files before the first article, so a broken one stops the run."""
    if session.config.style:
        build_style(session.config.style)
