"""Rules: what a check is, and how ``select`` / ``ignore`` pick them.

A rule is an object with a stable ``code`` (``NL101``), a kebab ``name``
(``name-consistency``), a one-line ``summary``, a default severity and a set of
options with their defaults. Its class docstring is its user documentation and
has fixed sections: *What it does*, *Why it matters*, *Example*, *Options* and
*Fix safety*. Plugins return rule objects from ``newslint_add_rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Position, Severity
from newslint.selection import is_selected, known_selector, matches

if TYPE_CHECKING:
    from newslint.article import Article, Block
    from newslint.config import Config

DOCS_URL = "https://newslint.readthedocs.io/en/latest/rules/{name}.html"

#: The headings every rule docstring must have (a meta-test enforces it).
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Options", "Fix safety")


_TYPE_WORDS = {bool: "a boolean", int: "a whole number", float: "a number", str: "a string", list: "a list"}


@dataclass(frozen=True)
class Option:
    """One option of a rule, declared once: its type, its default and a line of help.

    The configuration is checked against it when it is read (a wrong type is a
    configuration error naming the file and key, exit status 2), and the
    rule's page in ``docs/rules/`` lists it. ``type`` is ``bool``, ``int``,
    ``float`` (which takes whole numbers too), ``str`` or ``list`` (of strings).
    """

    type: type
    default: Any
    help: str = ""

    @property
    def expected(self) -> str:
        return "a list of strings" if self.type is list else _TYPE_WORDS.get(self.type, f"a {self.type.__name__}")

    def accepts(self, value: Any) -> bool:
        """True when ``value`` (as TOML gives it) is of this option's type."""
        if isinstance(value, bool):
            return self.type is bool
        if self.type is float:
            return isinstance(value, (int, float))
        if self.type is list:
            return isinstance(value, list) and all(isinstance(v, str) for v in value)
        return isinstance(value, self.type)


class Options(Mapping[str, Any]):
    """A rule's options: declared as ``Option`` objects, read as name -> default.

    ``options = Options(threshold=Option(float, 0.8, "..."))`` declares them;
    ``dict(rule.options)`` is still the defaults, as for a plain mapping.
    """

    def __init__(self, **specs: Option) -> None:
        self.specs: dict[str, Option] = dict(specs)

    def __getitem__(self, key: str) -> Any:
        return self.specs[key].default

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def __repr__(self) -> str:
        return f"Options({dict(self)!r})"


def option_specs(options: Mapping[str, Any]) -> dict[str, Option]:
    """The :class:`Option` of each option; a plain ``{name: default}`` mapping is typed by its defaults."""
    if isinstance(options, Options):
        return dict(options.specs)
    return {k: Option(list if isinstance(v, (list, tuple)) else type(v), v) for k, v in options.items()}


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
    #: the rule's options (:class:`Options`, or a plain name -> default mapping); configuration
    #: may set only these keys, with values of their type
    options: ClassVar[Mapping[str, Any]] = {}
    #: a key of the diagnostics' ``data`` whose value ``newslint audit`` breaks the rule's
    #: findings down by (a rule that wraps another tool's rules: its rule id), or None
    audit_by: ClassVar[str | None] = None
    #: options that send copy somewhere (a server URL, a public API) or name a place outside
    #: the project (a cache folder): they are read only from the run's own configuration
    #: (command line, environment, ``--config`` or the current folder's file), never from a
    #: configuration file found beside a checked article
    run_only_options: ClassVar[frozenset[str]] = frozenset()
    #: the varieties of English the rule belongs to ("en-GB", "en-US"); empty: every variety.
    #: Under ``language = "en"`` such a rule runs on the articles whose copy reads as one of them.
    varieties: ClassVar[tuple[str, ...]] = ()
    #: True for a batch check that only compares articles with one another (a name spelt two
    #: ways in two stories, a caption reused in another article): a batch of one article has
    #: nothing to compare, so its batch check is not run there (``check_text``, a one-file run)
    compares_articles: ClassVar[bool] = False

    #: set by the plugin manager: the name of the plugin that provided the rule
    plugin: str | None = None

    def subrules(self, ctx: RuleContext) -> Sequence[str]:
        """Names of the finer checks this rule runs under its code (a house style file's rules).

        ``--ignore`` and suppression comments take them besides the rule's own
        code and name; their findings carry the name as ``data["style_rule"]``.
        """
        return ()

    @classmethod
    def option_specs(cls) -> dict[str, Option]:
        """Each option's type, default and help."""
        return option_specs(cls.options)

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
        """Check the whole batch of articles of a run (cross-article checks); yield diagnostics.

        A rule that groups articles by key (:meth:`batch_records` and
        :meth:`check_group`) need not override it: here the groups are formed
        in memory, as ``check --dask`` forms them across a cluster.
        """
        if not self.keyed:
            return ()
        records = [kr for n, a in enumerate(articles) for kr in self.batch_records(a, ctx, (n,))]
        return run_groups(self, records, ctx)

    def batch_records(self, article: Article, ctx: RuleContext, order: tuple[int, ...]) -> Iterable[tuple[Any, Any]]:
        """What the batch check needs of one article, as ``(key, record)`` pairs (a keyed batch rule).

        Called right after :meth:`check` on the same article (``ctx.kept``
        answers). ``order`` places the article in the batch (tuples compare in
        the order the articles were given). Records must be small and
        picklable: on Dask they are shuffled between processes by key, and
        the article itself never leaves the worker that read it. Keys are
        strings, numbers or tuples of them.
        """
        return ()

    def check_group(self, key: Any, records: list[Any], ctx: RuleContext) -> Iterable[Diagnostic | tuple[Any, Any]]:
        """Check one key's records (in no set order); yield diagnostics and ``(key, record)`` pairs.

        The pairs are grouped again for a further round, so a check may need
        several shuffles (by name, then by names one word apart). The result
        must not depend on the order groups or records arrive in.
        """
        return ()

    @property
    def keyed(self) -> bool:
        """True when the batch check is stated as records grouped by key (it can run on Dask)."""
        return type(self).batch_records is not Rule.batch_records

    @property
    def has_batch(self) -> bool:
        return type(self).check_batch is not Rule.check_batch or self.keyed


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
        return self.diagnostic_at(
            article.path,
            (article.position(src_start), article.position(src_end), fld),
            message,
            suggestions=suggestions,
            applicability=applicability,
            severity=severity,
            data=data,
        )

    def diagnostic_at(
        self,
        path: str,
        span: tuple[Position, Position, str | None],
        message: str,
        *,
        suggestions: Sequence[str] = (),
        applicability: Applicability | None = None,
        severity: Severity | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> Diagnostic:
        """Build a diagnostic at a span already worked out: ``(start, end, field)``.

        For a keyed batch rule, whose records carry the span instead of the article.
        """
        start, end, fld = span
        fix = None
        if suggestions and applicability is not None:
            fix = Fix((Edit(start.offset, end.offset, suggestions[0]),), applicability)
        return Diagnostic(
            code=self.code,
            rule=self.name,
            message=message,
            severity=severity or self.default_severity,
            path=path,
            start=start,
            end=end,
            field=fld,
            suggestions=tuple(suggestions),
            fix=fix,
            url=self.url,
            data=dict(data or {}),
        )


def run_groups(rule: Rule, records: Iterable[tuple[Any, Any]], ctx: RuleContext) -> list[Diagnostic]:
    """A keyed batch rule's rounds in memory: group the records by key, check each group, repeat."""
    out: list[Diagnostic] = []
    pending = list(records)
    while pending:
        groups: dict[Any, list[Any]] = {}
        for key, record in pending:
            groups.setdefault(key, []).append(record)
        pending = []
        for key, members in groups.items():
            for item in rule.check_group(key, members, ctx):
                if isinstance(item, Diagnostic):
                    out.append(item)
                else:
                    pending.append(item)
    return out


__all__ = [
    "DOCS_URL",
    "DOC_SECTIONS",
    "Option",
    "Options",
    "Rule",
    "RuleContext",
    "is_selected",
    "known_selector",
    "matches",
    "option_specs",
    "run_groups",
]
