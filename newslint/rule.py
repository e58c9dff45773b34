"""Rules: what a check is, and how ``select`` / ``ignore`` pick them.

A rule is an object with a stable ``code`` (``NL101``), a kebab ``name``
(``name-consistency``), a one-line ``summary``, a default severity and a set of
options with their defaults. Its class docstring is its user documentation and
has fixed sections: *What it does*, *Why it matters*, *Example*, *Options* and
*Fix safety*. Plugins return rule objects from ``newslint_add_rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:
    from newslint.article import Article, Block
    from newslint.config import Config

DOCS_URL = "https://newslint.readthedocs.io/en/latest/rules/{name}.html"

#: The headings every rule docstring must have (a meta-test enforces it).
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Options", "Fix safety")


@dataclass
class RuleContext:
    """What a rule sees besides the article: its options and the run's settings.

    ``options`` are the rule's defaults overlaid with the configuration for the
    file being checked. ``cache`` is a per-process dictionary where a rule may
    keep expensive resources (dictionaries, name indexes) between articles;
    key it by everything the resource depends on.
    """

    config: Config
    options: Mapping[str, Any] = field(default_factory=dict)
    cache: dict[Any, Any] = field(default_factory=dict)
    #: what :meth:`keep` stored while checking one article
    kept_value: Any = None
    #: in :meth:`Rule.check_batch`: path -> the value the rule kept for that article
    kept_by_path: Mapping[str, Any] = field(default_factory=dict)
    #: the same, by the article object's ``id`` (a file may hold several articles)
    kept_by_article: Mapping[int, Any] = field(default_factory=dict)
    #: in ``newslint audit``: report as if switched on, where the configuration switched a rule off
    audit: bool = False

    def keep(self, value: Any) -> None:
        """Keep a picklable value about the article being checked, for this rule's batch check.

        Articles may be checked in worker processes while the batch check
        runs in the parent: what a rule learnt about an article in
        :meth:`Rule.check` reaches :meth:`Rule.check_batch` this way instead
        of being worked out again.
        """
        self.kept_value = value

    def kept(self, article: Article) -> Any:
        """In a batch check, the value :meth:`keep` stored for ``article``, or None."""
        if id(article) in self.kept_by_article:
            return self.kept_by_article[id(article)]
        return self.kept_by_path.get(article.path)

    @property
    def language(self) -> str:
        return self.config.language


class Rule:
    """Base class for checks. Override :meth:`check`, :meth:`check_batch`, or both."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    default_severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    #: option name -> default value; configuration may set only these keys
    options: ClassVar[Mapping[str, Any]] = {}
    #: options that send copy somewhere (a server URL, a public API) or name a place outside
    #: the project (a cache folder): they are read only from the run's own configuration
    #: (command line, environment, ``--config`` or the current folder's file), never from a
    #: configuration file found beside a checked article
    run_only_options: ClassVar[frozenset[str]] = frozenset()
    #: the varieties of English the rule belongs to ("en-GB", "en-US"); empty: every variety.
    #: Under ``language = "en"`` such a rule runs on the articles whose copy reads as one of them.
    varieties: ClassVar[tuple[str, ...]] = ()

    #: set by the plugin manager: the name of the plugin that provided the rule
    plugin: str | None = None

    @property
    def url(self) -> str:
        return DOCS_URL.format(name=self.name)

    @property
    def doc(self) -> str:
        import inspect

        return inspect.cleandoc(type(self).__doc__ or "")

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        """Check one article; yield diagnostics."""
        return ()

    def check_batch(self, articles: Sequence[Article], ctx: RuleContext) -> Iterable[Diagnostic]:
        """Check the whole batch of articles of a run (cross-article checks); yield diagnostics."""
        return ()

    @property
    def has_batch(self) -> bool:
        return type(self).check_batch is not Rule.check_batch

    def unavailable(self, config: Config) -> str | None:
        """Why this rule cannot run under ``config``, or None when it can (the default).

        For a rule that needs something outside newslint (a server, a download):
        it answers from the configuration, the environment and the file system
        alone, cheaply (it is asked for every file) and starting nothing. An
        unavailable rule is off, and ``newslint rules`` shows the reason, unless
        the configuration names it (its name or code in ``select`` or
        ``extend-select``, or ``enabled = true``): then it runs and explains itself.
        """
        return None

    # -- helpers for rule authors ---------------------------------------------------

    def diagnostic(
        self,
        article: Article,
        block: Block | None,
        start: int,
        end: int,
        message: str,
        *,
        suggestions: Sequence[str] = (),
        applicability: Applicability | None = None,
        severity: Severity | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Diagnostic:
        """Build a diagnostic for ``block.text[start:end]`` (or source offsets when ``block`` is None).

        With suggestions and an ``applicability``, the first suggestion also
        becomes the fix.
        """
        if block is not None:
            src_start, src_end = block.source_span(start, end)
            fld: str | None = block.field
        else:
            src_start, src_end, fld = start, end, None
        fix = None
        if suggestions and applicability is not None:
            fix = Fix((Edit(src_start, src_end, suggestions[0]),), applicability)
        return Diagnostic(
            code=self.code,
            rule=self.name,
            message=message,
            severity=severity or self.default_severity,
            path=article.path,
            start=article.position(src_start),
            end=article.position(src_end),
            field=fld,
            suggestions=tuple(suggestions),
            fix=fix,
            url=self.url,
            data=dict(data or {}),
        )


def matches(rule: Rule, selector: str) -> int:
    """How specifically ``selector`` names ``rule``: 0 for not at all, else a length.

    A selector is a code prefix (``NL1``, ``NL101``), a rule name, or ``ALL``.
    A full rule name counts as most specific.
    """
    s = selector.strip()
    if s == "ALL":
        return 1
    if s == rule.name:
        return 1000
    if s and rule.code.upper().startswith(s.upper()):
        return len(s) + 1
    return 0


def is_selected(
    rule: Rule,
    select: Sequence[str] | None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> bool:
    """flake8 / ruff semantics: the longest matching selector wins, ignore wins ties.

    With ``select`` unset, rules are on by their ``default_enabled``.
    """
    best_sel = max((matches(rule, s) for s in [*(select or ()), *extend_select]), default=0)
    best_ign = max((matches(rule, s) for s in ignore), default=0)
    if best_sel == 0 and select is None and rule.default_enabled:
        best_sel = 1  # on by default, like an implicit "ALL" of default rules
    if best_sel == 0:
        return False
    return best_sel > best_ign


def known_selector(rules: Iterable[Rule], selector: str) -> bool:
    return any(matches(r, selector) for r in rules)
