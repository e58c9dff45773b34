"""One run: load -> check -> filter -> report, and the exit status.

Files are read and checked in worker processes when there are many of them;
each process builds its rules once and keeps their expensive resources in a
per-process cache. Batch rules (cross-article checks) then see every article
in the parent process. A file that cannot be read, or a plugin that raises,
becomes a diagnostic; nothing stops the other files from being checked.
"""

from __future__ import annotations

import gc
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint import guard
from newslint.article import Article
from newslint.config import Config, ConfigError, ConfigResolver
from newslint.diagnostic import Diagnostic, Position, Severity
from newslint.guard import RuleTimeLimit, Watchdog, problem
from newslint.manager import collect_rules, fix_escape, make_manager, plugin_name_of
from newslint.reporters import Report
from newslint.rule import Rule, RuleContext, run_groups
from newslint.selection import known_selector, matches
from newslint.source import DEFAULT_MAX_BYTES, UnreadableFile, find_files, read_bytes, read_source
from newslint.suppression import Baseline, Comment, Suppressions, covered_text

if TYPE_CHECKING:
    import pluggy

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Resources rules keep between articles, for the life of the process.
PROCESS_CACHE: dict[Any, Any] = {}

#: Fewer files than this are checked in-process: worker start-up would cost more than it saves.
PARALLEL_THRESHOLD = 24


class UsageError(Exception):
    """A problem with what the user asked for: exit status 2, one line."""


@dataclass
class FileResult:
    path: str
    article: Article | None
    diagnostics: list[Diagnostic]
    internal_error: bool = False
    fixed: int = 0
    diff: str = ""
    #: rule code -> what the rule kept about this article for its batch check
    kept: dict[str, Any] = field(default_factory=dict)
    #: the indices of the article's suppression comments that suppressed a finding
    used_suppressions: set[int] = field(default_factory=set)
    #: the file's further articles, when it holds several (a WordPress export)
    more: list[FileResult] = field(default_factory=list)
    #: rule code -> the keyed batch rule's ``(key, record)`` pairs for this article, worked out
    #: where it was checked (a worker process) so that the parent only groups them
    records: dict[str, list[tuple[Any, Any]]] = field(default_factory=dict)

    def each(self) -> list[FileResult]:
        """This result and those of the file's further articles."""
        return [self, *self.more]


@dataclass(frozen=True)
class SessionInfo:
    """What ``newslint_session_start`` and ``newslint_session_finish`` see of a run."""

    #: the run-wide configuration (per-path overrides are in ``config.overrides``)
    config: Config
    #: every rule the run knows, enabled or not
    rules: tuple[Rule, ...]


@dataclass
class Session:
    """A configured run, used as a context manager by the command line and the library alike::

        with Session(resolver=ConfigResolver()) as session:
            status = session.run(["stories/"])
        print(session.report.diagnostics)

    Entering the block runs the plugins' ``newslint_session_start`` hooks and
    leaving it their ``newslint_session_finish`` hooks, also after an error.
    """

    resolver: ConfigResolver = field(default_factory=ConfigResolver)
    manager: pluggy.PluginManager | None = None
    jobs: int | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin: Any = None
    #: the name standard input is checked under (its suffix picks the loader, its folder the settings)
    stdin_filename: str | None = None
    #: apply ``exclude`` (and the built-in exclusions) to files named on the command line too
    force_exclude: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    progress: Callable[[int, int], None] | None = None
    extra_plugins: Sequence[object] = ()
    #: ``newslint audit``: the codes of the rules to measure; they run whatever the configuration says
    audit: Sequence[str] | None = None

    def __post_init__(self) -> None:
        self.config: Config = self.resolver.run_config()
        if self.manager is None:
            env_no_autoload = bool(os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"))
            self.manager = make_manager(
                autoload=self.config.plugins_autoload and not env_no_autoload,
                disable=self.config.plugins_disable,
                require=self.config.plugins_require,
                extra=self.extra_plugins,
            )
        self.rules: list[Rule] = collect_rules(self.manager)
        self.rules_by_code = {r.code: r for r in self.rules}
        for p in (*self.config.names, *self.config.dictionary, *self.config.style):
            if not Path(p).is_file():
                raise UsageError(f"file not found: {p}")
        #: names a selector or suppression comment may give besides rules' (house style rules)
        self.subrules = frozenset(
            n
            for r in self.rules
            for n in r.subrules(RuleContext(self.config, self.config.rule_options(r), cache=PROCESS_CACHE))
        )
        self.config.validate_rules(self.rules, self.subrules)
        self.internal_error = False
        self._plans: dict[tuple[int, Any], tuple[Config, list[tuple[Rule, RuleContext, Severity | None]]]] = {}
        self._batch: dict[tuple[int, Any], tuple[Config, list[Rule]]] = {}
        self.report: Report | None = None
        self.results: list[FileResult] = []
        #: the exit status of the last run (what ``newslint_session_finish`` is told)
        self.status = EXIT_OK
        self._open = False
        #: paths given to :meth:`run` that do not exist (reported, the rest checked, exit status 2)
        self.missing: list[str] = []
        self._watchdogs: dict[float, Watchdog] = {}
        #: path -> its place among the run's files, which orders the batch rules' records
        self._file_number: dict[str, int] = {}

    # -- the rules for one file ------------------------------------------------------

    def _enabled(self, config: Config) -> list[Rule]:
        if self.audit is not None:
            return [r for r in self.rules if r.code in self.audit]
        return [r for r in self.rules if config.rule_enabled(r)]

    def _plan(self, config: Config) -> list[tuple[Rule, RuleContext, Severity | None]]:
        """The per-article rules for ``config``, each with its context and configured severity.

        Worked out once a configuration, not once an article: the contexts are
        reused, their kept value cleared before each article.
        """
        key = (id(config), self.audit)  # ``newslint audit`` sets which rules run after the session is made
        hit = self._plans.get(key)
        if hit is None or hit[0] is not config:
            if len(self._plans) >= 64:  # per-path overrides make a configuration a file
                self._plans.clear()
            plan = []
            for rule in self._enabled(config):
                if type(rule).check is Rule.check:
                    continue
                ctx = RuleContext(
                    config=config, options=config.rule_options(rule), cache=PROCESS_CACHE, audit=self.audit is not None
                )
                sev = config.rules.get(rule.name, {}).get("severity")
                plan.append((rule, ctx, Severity(sev) if sev else None))
            hit = self._plans[key] = (config, plan)
        return hit[1]

    def _batch_rules(self, config: Config) -> list[Rule]:
        """The enabled rules with a batch check, worked out once a configuration (as :meth:`_plan`)."""
        key = (id(config), self.audit)
        hit = self._batch.get(key)
        if hit is None or hit[0] is not config:
            if len(self._batch) >= 64:
                self._batch.clear()
            hit = self._batch[key] = (config, [r for r in self._enabled(config) if r.has_batch])
        return hit[1]

    def finding(
        self, code: str, path: str, message: str, severity: Severity | None = None, article: Article | None = None
    ) -> Diagnostic:
        """A finding of one of newslint's own rules (NL001 to NL006) about a whole file or row.

        It sits at the start of ``path`` (over the whole ``article`` when one is
        given), at the rule's default severity unless ``severity`` says otherwise:
        ``FileResult(path, None, [session.finding("NL003", path, "cannot read ...")])``
        is how a file or dataset row that is not an article is reported.
        """
        rule = self.rules_by_code[code]
        pos = Position(1, 1, 0)
        return Diagnostic(
            code=code,
            rule=rule.name,
            message=message,
            severity=severity or rule.default_severity,
            path=path,
            start=pos,
            end=article.position(0) if article else pos,
            url=rule.url,
        )

    def check_source(self, path: str, data: bytes, stamp: os.stat_result | None = None) -> FileResult:
        """Decode, load and check one file's bytes. Never raises for bad input.

        ``stamp`` is the file's ``os.stat`` when ``data`` was read: ``--fix``
        leaves the file alone if it no longer matches.
        """
        result = self.read_article(path, data)
        if result.article is None:
            return result
        return self._check_loaded(result, data, stamp)

    def read_article(self, path: str, data: bytes) -> FileResult:
        """Decode and load one file's bytes into the result's article (and :attr:`FileResult.more`), unchecked.

        The result's diagnostics are the NL002 (decoding) note and, when there
        is no article, why (NL003, or NL001 when a loader plugin failed).
        """
        config = self.resolver.for_path(path)
        diags: list[Diagnostic] = []
        if not data.strip():
            empty = self.finding("NL003", path, "file is empty; nothing to check", Severity.INFO)
            return FileResult(path, None, [empty])
        if len(data) <= self.max_bytes:
            try:
                assert self.manager is not None
                document = self.manager.hook.newslint_load_document(path=path, data=data, config=config)
            except ValueError as e:
                return FileResult(path, None, [self.finding("NL003", path, f"cannot read as an article: {e}")])
            except KeyboardInterrupt:
                raise
            except BaseException as e:  # a loader plugin failed: blame it, go on
                failed = self.finding("NL001", path, f"loading failed: {type(e).__name__}: {e}")
                return FileResult(path, None, [failed], True)
            if document is not None:
                return FileResult(path, document, [])
        try:
            decoded = read_source(path, data, self.max_bytes)
        except UnreadableFile as e:
            return FileResult(path, None, [self.finding("NL003", path, str(e))])
        try:
            article, *more = self.load_all(path, decoded.text, config)
        except ValueError as e:
            if decoded.note:
                diags.append(self.finding("NL002", path, decoded.note))
            return FileResult(path, None, [*diags, self.finding("NL003", path, f"cannot read as an article: {e}")])
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # a loader plugin failed: blame it, go on
            if decoded.note:
                diags.append(self.finding("NL002", path, decoded.note))
            return FileResult(
                path, None, [*diags, self.finding("NL001", path, f"loading failed: {type(e).__name__}: {e}")], True
            )
        if article.encoding != decoded.encoding:
            article = replace(article, encoding=decoded.encoding)
        if decoded.note:  # pointed at the character the bad byte became
            at = decoded.bad_offset or 0
            d = self.finding("NL002", path, decoded.note)
            end = article.position(min(at + 1, len(article.source)))
            diags.append(replace(d, start=article.position(at), end=end))
        return FileResult(path, article, diags, more=[FileResult(path, a, []) for a in more])

    def _check_loaded(self, loaded: FileResult, data: bytes, stamp: os.stat_result | None) -> FileResult:
        article = loaded.article
        assert article is not None
        config = self.resolver.for_path(loaded.path)
        result = self.check_article(article, config)
        result.diagnostics[:0] = [d for d in loaded.diagnostics if config.rule_enabled(self.rules_by_code[d.code])]
        result.more = [self.check_article(m.article, config) for m in loaded.more if m.article is not None]
        if (self.fix or self.diff) and article.source and not loaded.more:
            self._fix(result, config, data, stamp)
        return result

    def load(self, path: str, text: str, config: Config) -> Article:
        """The file's article (the first, for a file that holds several)."""
        return self.load_all(path, text, config)[0]

    def load_all(self, path: str, text: str, config: Config) -> list[Article]:
        """Every article the loaders find in the file: one, or several (a WordPress export)."""
        assert self.manager is not None
        loaded = self.manager.hook.newslint_load_article(path=path, text=text, config=config)
        if loaded is None:  # only when the plain-text fallback was disabled
            raise ValueError("no loader accepted the file")
        articles = [loaded] if isinstance(loaded, Article) else list(loaded)
        if not articles:
            raise ValueError("the file holds no article")
        return articles

    def check_article(self, article: Article, config: Config | None = None) -> FileResult:
        """Run every enabled per-article rule; a rule that raises becomes an NL001 finding."""
        config = config or self.resolver.for_path(article.path)
        out: list[Diagnostic] = []
        kept: dict[str, Any] = {}
        internal = False
        watchdog = self._watchdogs.get(config.rule_time_limit)
        if watchdog is None:
            watchdog = self._watchdogs[config.rule_time_limit] = Watchdog(config.rule_time_limit)
        for rule, ctx, sev in self._plan(config):
            ctx.kept_value = None
            try:
                watchdog.arm()
                try:
                    found = list(rule.check(article, ctx))
                finally:
                    watchdog.disarm()
            except (ConfigError, KeyboardInterrupt):
                raise  # a broken house file or option (exit status 2), or the user stopping the run
            except BaseException as e:  # anything a plugin can do, sys.exit and time-outs included
                internal = True
                out.append(self.rule_failure(rule, article.path, e, config.rule_time_limit))
                continue
            problems = [problem(d, article) for d in found]
            if any(problems):  # one NL001 for the rule; its good diagnostics still count
                internal = True
                bad = next(why for why in problems if why)
                out.append(self.finding("NL001", article.path, f'rule "{rule.name}" from plugin "{rule.plugin}" {bad}'))
                found = [d for d, why in zip(found, problems, strict=True) if why is None]
            if sev:
                found = [d.with_severity(sev) for d in found]
            if ctx.kept_value is not None:
                kept[rule.code] = ctx.kept_value
            out.extend(found)
        sup = Suppressions.parse(article)
        out, used = sup.split(out)
        if sup.comments:
            out += self._unknown_suppressions(article, sup, config)
        return FileResult(article.path, article, out, internal, kept=kept, used_suppressions=used)

    def _comment_finding(self, code: str, article: Article, comment: Comment, message: str) -> Diagnostic:
        d = self.finding(code, article.path, message)
        return replace(d, start=article.position(comment.start), end=article.position(comment.end))

    def _unknown_suppressions(self, article: Article, sup: Suppressions, config: Config) -> list[Diagnostic]:
        """NL005 for each suppression comment that names a rule no plugin provides."""
        if not config.rule_enabled(self.rules_by_code["NL005"]):
            return []
        out = []
        for c in sup.comments:
            known = ("*", *self.subrules)
            unknown = [s for s in c.selectors if s not in known and not known_selector(self.rules, s)]
            if unknown:
                names = ", ".join(f'"{s}"' for s in unknown)
                message = f"suppression comment names no known rule: {names}"
                out.append(self._comment_finding("NL005", article, c, message))
        return out

    def _unused_suppressions(self, results: Sequence[FileResult]) -> list[Diagnostic]:
        """NL006 for each suppression comment that suppressed nothing, once every rule has run."""
        used: dict[str, set[int]] = {}
        articles: dict[str, Article] = {}
        for r in results:
            if r.article is not None:
                used.setdefault(r.path, set()).update(r.used_suppressions)
                articles.setdefault(r.path, r.article)
        return [d for path, a in articles.items() for i, d in self.suppression_notes(a) if i not in used[path]]

    def suppression_notes(self, article: Article) -> list[tuple[int, Diagnostic]]:
        """The NL006 finding for each of ``article``'s suppression comments, by the comment's index.

        Each is reported only if its comment suppressed nothing; a comment that
        names a rule that did not run is not judged and has none.
        """
        sup = Suppressions.parse(article)
        if not sup.comments:
            return []
        config = self.resolver.for_path(article.path)
        unused_rule = self.rules_by_code["NL006"]
        if not config.rule_enabled(unused_rule):
            return []
        ran = self._enabled(config)
        house_ran = any(type(r).subrules is not Rule.subrules for r in ran)
        out = []
        for i, c in enumerate(sup.comments):
            if any(matches(unused_rule, s) for s in c.selectors if s != "*"):
                continue
            # judged only when every rule it names ran
            if all(
                s == "*" or (house_ran if s in self.subrules else any(matches(r, s) for r in ran))
                for s in c.selectors
            ):
                what = "every rule" if c.selectors == ("*",) else ", ".join(f'"{s}"' for s in c.selectors)
                d = self._comment_finding("NL006", article, c, f"suppression comment for {what} suppresses nothing")
                if not sup.suppressed(d):
                    out.append((i, d))
        return out

    def rule_failure(self, rule: Rule, path: str, e: BaseException, limit: float | None = None) -> Diagnostic:
        if isinstance(e, RuleTimeLimit):
            return self.finding(
                "NL001",
                path,
                f'rule "{rule.name}" from plugin "{rule.plugin}" was stopped after {limit:g} s on this article '
                "(rule-time-limit)",
            )
        tb = traceback.extract_tb(e.__traceback__)
        where = f" at {Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else ""
        return self.finding(
            "NL001",
            path,
            f'rule "{rule.name}" from plugin "{rule.plugin}" failed: {type(e).__name__}: {e}{where}',
        )

    def apply_fixes(
        self, article: Article, diagnostics: Sequence[Diagnostic], *, unsafe: bool = False
    ) -> tuple[str, list[Diagnostic]]:
        """:func:`newslint.fix.apply_fixes` with replacements escaped by the loader of the article's format."""
        from newslint import fix as fixer

        assert self.manager is not None
        escape = fix_escape(self.manager, article.format)
        return fixer.apply_fixes(article, diagnostics, unsafe=unsafe, escape=escape)

    def _fix(self, result: FileResult, config: Config, original: bytes, stamp: os.stat_result | None) -> None:
        from newslint import fix as fixer

        article = result.article
        assert article is not None
        new_text, applied = self.apply_fixes(article, result.diagnostics, unsafe=self.unsafe_fixes)
        if not applied or new_text == article.source:
            return
        if self.diff:
            result.diff = fixer.unified_diff(article.path, article.source, new_text)
            return
        if article.path not in ("-", self.stdin_filename):
            try:
                fixer.write_atomic(article.path, new_text, encoding=article.encoding, original=original, stamp=stamp)
            except (fixer.FixNotWritten, OSError) as e:  # that file's finding; the run goes on
                why = str(e) if isinstance(e, fixer.FixNotWritten) else f"cannot write it: {e.strerror or e}"
                n = len(applied)
                message = f"{n} fix{'es' if n != 1 else ''} not written: {why}"
                result.diagnostics.insert(0, self.finding("NL004", article.path, message))
                return
        again = self.check_article(self.load(article.path, new_text, config), config)
        result.article, result.diagnostics, result.fixed = again.article, again.diagnostics, len(applied)
        result.kept = again.kept
        result.used_suppressions = again.used_suppressions

    # -- paths -------------------------------------------------------------------------

    @property
    def suffixes(self) -> frozenset[str]:
        """The file suffixes the loaders read, which a folder is walked for."""
        assert self.manager is not None
        return frozenset(s.lower() for group in self.manager.hook.newslint_article_suffixes() for s in group or ())

    def expand(self, paths: Sequence[str], *, missing_ok: bool = False) -> list[str]:
        """Files to check: folders walked (sorted, hidden and excluded entries skipped).

        A path that does not exist is a :class:`UsageError`, or with ``missing_ok``
        is left out and kept in :attr:`missing` (``check`` reports it at the end).
        """
        stdin = ("-", self.stdin_filename or "-")
        missing = [p for p in paths if p not in stdin and not os.path.lexists(p)]
        if missing and not missing_ok:
            raise UsageError(f"no such file or folder: {missing[0]}")
        self.missing = missing
        exclude = self.config.exclude
        if self.config.baseline is not None:
            exclude += (str(self.config.baseline),)
        return find_files(
            [p for p in paths if p not in missing], self.suffixes, exclude, force_exclude=self.force_exclude,
            root=str(self.config.root), stdin_names=stdin,
        )

    def read_path(self, path: str) -> FileResult:
        """Read, decode and load one file without checking it; NL002 and NL003 say what went wrong."""
        try:
            data, _stamp = read_bytes(path, self.max_bytes, self.stdin)
        except UnreadableFile as e:
            return FileResult(path, None, [self.finding("NL003", path, str(e))])
        return self.read_article(path, data)

    def articles(self, paths: Sequence[str]) -> Iterator[FileResult]:
        """Each file under ``paths`` read and loaded, in order, unchecked (``newslint names build``)."""
        for path in self.expand(paths):
            yield self.read_path(path)

    def check_path(self, path: str) -> FileResult:
        """Read, load and check one file (``-`` is standard input). Never raises for bad input."""
        try:
            # standard input checked under a name of its own (--stdin-filename)
            read_as = "-" if self.stdin_filename is not None and path == self.stdin_filename else path
            data, stamp = read_bytes(read_as, self.max_bytes, self.stdin)
        except UnreadableFile as e:
            return FileResult(path, None, [self.finding("NL003", path, str(e))])
        return self.check_source(path, data, stamp)

    # -- the run -----------------------------------------------------------------------

    def __enter__(self) -> Session:
        """Start the run: plugins' ``newslint_session_start`` hooks see :attr:`info`."""
        assert self.manager is not None
        # each entered block is a run of its own (the library enters one session again and again)
        self.internal_error = False
        self.status = EXIT_OK
        self.missing = []
        try:
            self.manager.hook.newslint_session_start(session=self.info)
        except BaseException as e:  # a plugin that set up half of itself still cleans up
            self.manager.hook.newslint_session_finish(session=self.info, exitstatus=_status_of(e))
            raise
        self._open = True
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        """End the run, after an error or Ctrl-C too: ``newslint_session_finish`` releases servers."""
        assert self.manager is not None
        self._open = False
        guard.stop()
        status = self.status if exc is None else _status_of(exc)
        self.manager.hook.newslint_session_finish(session=self.info, exitstatus=status)

    @property
    def info(self) -> SessionInfo:
        """The read-only view of this run that session hooks are given."""
        return SessionInfo(config=self.config, rules=tuple(self.rules))

    def run(self, paths: Sequence[str]) -> int:
        """Check ``paths`` as one batch; set :attr:`report`; return the exit status.

        Called outside a ``with`` block, the session starts and finishes around this one run.
        """
        if not self._open:
            with self:
                return self.run(paths)
        assert self.manager is not None
        started = time.time()
        files = self.expand(paths, missing_ok=True)
        found_notices = self._found_configs(files)
        if self.fix and not self.diff:
            found_notices += self._sweep(files, started)
        self.status = EXIT_INTERNAL
        self._file_number = {f: i for i, f in enumerate(files)}
        results = [part for r in self._check_all(files) for part in r.each()]
        diags = [d for r in results for d in r.diagnostics]
        articles = {r.path: r.article for r in results if r.article is not None}
        diags += self._check_batch([r for r in results if r.article is not None])
        diags += self._unused_suppressions(results)
        self.internal_error = self.internal_error or any(r.internal_error for r in results)
        if self.config.baseline and self.config.baseline.exists():
            base = Baseline.load(self.config.baseline)
            diags = base.filter((d, covered_text(articles.get(d.path), d)) for d in diags)
        header, failures = self.report_header()
        if failures:  # an NL001 like any plugin failure, on the run's first file (a notice when there is none)
            self.internal_error = True
            if files:
                diags += [self.finding("NL001", files[0], why) for why in failures]
            else:
                header += failures
        diags.sort(key=lambda d: d.sort_key)
        notices = found_notices + header
        self.results = results
        self.report = Report(
            diagnostics=diags,
            files=files,
            articles=articles,
            notices=notices,
            rules={r.code: r for r in self.rules},
            fixed=sum(r.fixed for r in results),
            version=_version(),
        )
        self.status = self.exit_status(diags)
        return self.status

    def check_text(self, text: str | bytes, path: str = "<text>") -> list[Diagnostic]:
        """Check one article given as text, batch rules included; the diagnostics, sorted.

        ``path`` names the article and picks its loader by suffix; nothing is read from disk.
        Bytes (an upload) are decoded as a file's are.
        """
        if not self._open:
            with self:
                return self.check_text(text, path)
        result = self.check_source(path, text.encode("utf-8") if isinstance(text, str) else text)
        diags = [d for r in result.each() for d in r.diagnostics]
        parts = [r for r in result.each() if r.article is not None]
        if parts:
            diags += self._check_batch(parts)
            diags += self._unused_suppressions(parts)
        self.internal_error = self.internal_error or result.internal_error
        self.status = self.exit_status(diags)
        return sorted(diags, key=lambda d: d.sort_key)

    def _sweep(self, files: Sequence[str], started: float) -> list[str]:
        """Remove what earlier ``--fix`` runs killed mid-write left beside ``files``; a notice saying so."""
        from newslint import fix as fixer

        n = len(fixer.sweep_stale(files, started))
        if not n:
            return []
        return [f"removed {n} temporary file{'s' if n != 1 else ''} that an interrupted --fix run left behind"]

    def _found_configs(self, files: Sequence[str]) -> list[str]:
        """Validate the configuration files found beside the articles, before any is checked.

        Returns a notice for each one that sets options only the run's own
        configuration may set (where copy is sent, folders outside the project).
        """
        paths = {self.resolver.config_file_for(f) for f in files} - {None, self.resolver.run_config_file()}
        notices = []
        for path in sorted(p for p in paths if p is not None):
            cfg = self.resolver.settings_in(path)
            cfg.validate_rules(self.rules)
            ignored = cfg.ignored_options(self.rules)
            if ignored:
                notices.append(
                    f"{path}: {', '.join(ignored)} ignored: where copy is sent and folders outside the project "
                    "are set only by the run's own configuration (command line, environment, --config or the "
                    "current folder's file)"
                )
        return notices

    def report_header(self) -> tuple[list[str], list[str]]:
        """The plugins' report-header lines, and a message naming each plugin whose hook failed.

        Each hook is called on its own, so one that raises costs only its own lines.
        """
        assert self.manager is not None
        lines: list[str] = []
        failures: list[str] = []
        for impl in reversed(self.manager.hook.newslint_report_header.get_hookimpls()):
            if impl.hookwrapper or getattr(impl, "wrapper", False):
                continue
            try:
                got = impl.function(*[{"config": self.config}[a] for a in impl.argnames])
                lines.extend(str(line) for line in got or ())  # type: ignore[attr-defined]
            except (ConfigError, KeyboardInterrupt):
                raise  # a plugin the configuration requires is missing its service: exit status 2
            except BaseException as e:
                why = f"{type(e).__name__}: {e}"
                plugin = plugin_name_of(self.manager, impl.plugin)  # the distribution, as for a failing rule
                failures.append(f'plugin "{plugin}" failed writing the report header: {why}')
        return lines, failures

    def exit_status(self, diags: Iterable[Diagnostic]) -> int:
        if self.internal_error:
            return EXIT_INTERNAL
        if self.missing:
            return EXIT_USAGE
        fail = self.config.fail_on.rank
        return EXIT_FINDINGS if any(d.severity.rank >= fail for d in diags) else EXIT_OK

    def _check_for_batch(self, path: str) -> FileResult:
        """:meth:`check_path`, and the keyed batch rules' records of the file's articles.

        In a worker process this is where the records are worked out, beside the
        article, so that the parent's batch check only groups them (and what a
        rule kept for its records need not travel back). A rule whose
        ``batch_records`` fails here is left to the parent, which reports it.
        """
        result = self.check_path(path)
        number = self._file_number.get(path, 0)
        alone = len(self._file_number) <= 1 and len(result.each()) == 1  # the run's only article
        for part, r in enumerate(result.each()):
            if r.article is None:
                continue
            for rule, ctx in self._keyed_contexts(r):
                if alone and rule.compares_articles:
                    continue  # the batch check skips it too
                try:
                    r.records[rule.code] = list(rule.batch_records(r.article, ctx, (number, part)))
                except (ConfigError, KeyboardInterrupt):
                    raise
                except BaseException:  # the parent's batch check runs it again and reports it
                    continue
                r.kept.pop(rule.code, None)
        return result

    def _keyed_contexts(self, result: FileResult) -> Iterator[tuple[Rule, RuleContext]]:
        """The keyed batch rules whose records are formed one article at a time, each with its context."""
        config = self.config
        for rule in self._batch_rules(config):
            if _by_records(rule):
                kept = {id(result.article): result.kept[rule.code]} if rule.code in result.kept else {}
                ctx = RuleContext(config=config, options=config.rule_options(rule), cache=PROCESS_CACHE,
                                  kept_by_article=kept, audit=self.audit is not None)
                yield rule, ctx

    def _check_batch(self, results: list[FileResult]) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        articles = [r.article for r in results if r.article is not None]
        if not articles:
            return out
        config = self.config
        parts: dict[str, int] = {}
        for rule in self._batch_rules(config):
            if rule.compares_articles and len(articles) < 2:
                continue  # one article: nothing to compare it with
            ctx = RuleContext(
                config=config,
                options=config.rule_options(rule),
                cache=PROCESS_CACHE,
                kept_by_path={r.path: r.kept[rule.code] for r in results if rule.code in r.kept},
                kept_by_article={id(r.article): r.kept[rule.code] for r in results if rule.code in r.kept},
                audit=self.audit is not None,
            )
            try:
                if _by_records(rule):
                    # the records each article's check formed, in file order; those it did not, here
                    records: list[tuple[Any, Any]] = []
                    parts.clear()
                    for r in results:
                        if r.article is None:
                            continue
                        part = parts[r.path] = parts.get(r.path, -1) + 1
                        got = r.records.get(rule.code)
                        if got is None:
                            got = list(rule.batch_records(r.article, ctx, (self._file_number.get(r.path, 0), part)))
                        records.extend(got)
                    found = run_groups(rule, records, ctx)
                else:
                    found = list(rule.check_batch(articles, ctx))
            except (ConfigError, KeyboardInterrupt):
                raise
            except BaseException as e:
                self.internal_error = True
                out.append(self.rule_failure(rule, articles[0].path, e))
                continue
            by_path = {a.path: a for a in articles}
            for d in found:
                bad = problem(d, by_path.get(str(getattr(d, "path", ""))) or articles[0])
                if bad:
                    self.internal_error = True
                    message = f'rule "{rule.name}" from plugin "{rule.plugin}" {bad}'
                    out.append(self.finding("NL001", articles[0].path, message))
                else:
                    out.append(d)
        sups = {a.path: Suppressions.parse(a) for a in articles}
        first: dict[str, FileResult] = {}
        for r in results:
            first.setdefault(r.path, r)
        kept = []
        for d in out:
            i = sups[d.path].hit(d) if d.path in sups else None
            if i is None:
                kept.append(d)
            else:
                first[d.path].used_suppressions.add(i)
        return kept

    def _jobs(self, n_files: int) -> int:
        jobs = self.jobs if self.jobs is not None else self.config.jobs
        if jobs is None or jobs == 0:
            jobs = os.cpu_count() or 1
        if n_files < PARALLEL_THRESHOLD:
            return 1
        return max(1, min(jobs, n_files))

    def _check_all(self, files: list[str]) -> list[FileResult]:
        jobs = self._jobs(len(files))
        total = len(files)
        if jobs == 1 or not _can_fork():
            results = []
            for i, f in enumerate(files):
                results.append(self._check_for_batch(f))
                if self.progress:
                    self.progress(i + 1, total)
            return results
        from newslint import workers

        # standard input is read here, never in a worker
        stdin_result = self.check_path("-") if "-" in files else None
        todo = [f for f in files if f != "-"]
        loaded_here = not PROCESS_CACHE  # a long-lived session keeps what it had before
        self._warm_up()
        # The rules' dictionaries and indexes are now loaded; freezing them keeps the workers'
        # garbage collector from walking (and copying) them again and again after the fork.
        gc.freeze()
        global _WORKER
        _WORKER = self
        by_path: dict[str, FileResult] = {}
        try:
            chunk = max(1, min(16, len(todo) // (jobs * 8)))
            for i, r in enumerate(workers.run(todo, _work, self._worker_died, jobs, chunk)):
                if i == 0 and loaded_here:
                    # Every worker has forked with the resources. The parent needs few of them (a
                    # batch check loads its own again); kept beside the results, they would make
                    # its peak memory the sum of the two.
                    PROCESS_CACHE.clear()
                by_path[r.path] = r
                if self.progress:
                    self.progress(i + 1, total)
        finally:
            _WORKER = None
            gc.unfreeze()
        if stdin_result is not None:
            by_path["-"] = stdin_result
        return [by_path[f] for f in files]

    def _worker_died(self, path: str, how: str) -> FileResult:
        message = f"the worker process checking this file {how}; the file was not checked"
        return FileResult(path, None, [self.finding("NL001", path, message)], internal_error=True)

    def _warm_up(self) -> None:
        """Load rule resources once in the parent so forked workers share them."""
        sample = "Warm-up headline\n\nA short paragraph, said Mr Smith, for teh rules to load.\n"
        try:
            config = self.resolver.for_path("-")
            self.check_article(self.load("-", sample, config), config)
        except Exception:  # warming up is an optimisation only
            pass


_WORKER: Session | None = None


def _can_fork() -> bool:
    import multiprocessing  # imported only for a run with workers: a one-file run saves 20 ms

    return "fork" in multiprocessing.get_all_start_methods()


def _status_of(e: BaseException) -> int:
    """The exit status a run that ended with ``e`` has."""
    if isinstance(e, KeyboardInterrupt):
        return 130
    if isinstance(e, (UsageError, ConfigError)):
        return EXIT_USAGE
    return EXIT_INTERNAL



def _by_records(rule: Rule) -> bool:
    """A keyed batch rule checked as :meth:`Rule.check_batch` does it: records per article, then groups."""
    return rule.keyed and type(rule).check_batch is Rule.check_batch


def _work(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER._check_for_batch(path)


def _version() -> str:
    from newslint.version import __version__

    return __version__


__all__ = [
    "Session",
    "SessionInfo",
    "UsageError",
    "ConfigError",
    "FileResult",
    "EXIT_OK",
    "EXIT_FINDINGS",
    "EXIT_USAGE",
    "EXIT_INTERNAL",
]
