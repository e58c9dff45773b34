"""The library API: check text, files and folders from Python.

Each function runs a :class:`~newslint.session.Session`, as the command line
does (plugins' ``newslint_session_start`` and ``newslint_session_finish``
hooks included), and returns the diagnostics, sorted. Rule resources (dictionaries,
name indexes) are cached for the life of the process, so checking many texts
one after another is cheap after the first.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from newslint.article import Article
from newslint.config import Config, ConfigError, ConfigResolver
from newslint.diagnostic import Applicability, Diagnostic
from newslint.manager import make_manager, writes_fixes
from newslint.rule import Rule
from newslint.session import Session

if TYPE_CHECKING:
    import pluggy


class _Resolver(ConfigResolver):
    """The configuration of a library call or a checker: a given one, a given file, or found
    as the CLI finds it, with the current call's changes (``select``, ``language``) laid over."""

    def __init__(self, config: Config | None, config_file: Path | None, root: Path | None = None):
        super().__init__(explicit=config_file, root=root)
        self._config = config
        self.changes: dict[str, object] = {}

    def _changed(self, cfg: Config) -> Config:
        return replace(cfg, **self.changes) if self.changes else cfg  # type: ignore[arg-type]

    def run_config(self) -> Config:
        return self._changed(self._config if self._config is not None else super().run_config())

    def for_path(self, path: str) -> Config:
        if self._config is None:
            return self._changed(super().for_path(path))
        cfg = self._config.for_path(path) if path != "-" and self._config.overrides else self._config
        return self._changed(cfg)


def _session(config: Config | None, plugins: Sequence[object], **kw: object) -> Session:
    resolver = _Resolver(config, None)
    manager = _manager(resolver.run_config(), tuple(plugins))
    return Session(resolver=resolver, manager=manager, extra_plugins=tuple(plugins), **kw)  # type: ignore[arg-type]


#: plugin settings and extra plugins -> (the extra plugins, their plugin manager)
_MANAGERS: dict[tuple[object, ...], tuple[tuple[object, ...], pluggy.PluginManager]] = {}


def _manager(config: Config, plugins: tuple[object, ...]) -> pluggy.PluginManager:
    """The plugin manager for these plugin settings, built once a process.

    Finding and registering the plugins costs far more than checking a short
    article, and it comes out the same every time: the one-call functions
    share it (each call still gets its own :class:`Session`, with its hooks).
    """
    autoload = config.plugins_autoload and not os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")
    key = (autoload, config.plugins_disable, config.plugins_require, tuple(id(p) for p in plugins))
    hit = _MANAGERS.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], plugins, strict=True)):
        if len(_MANAGERS) >= 16:
            _MANAGERS.clear()
        manager = make_manager(
            autoload=autoload, disable=config.plugins_disable, require=config.plugins_require, extra=plugins
        )
        hit = _MANAGERS[key] = (plugins, manager)
    return hit[1]


#: the session each thread's last ``check_text`` / ``load_article`` ran, with what it was made for
_TEXT_SESSIONS = threading.local()
_DEFAULTS = Config()


def _text_session(config: Config | None, plugins: Sequence[object]) -> Session:
    """The session ``check_text`` and ``load_article`` run: the thread's last one when nothing changed.

    Making a session (collecting every plugin's rules, working out which of them
    run under the configuration) costs more than checking a short article, and
    comes out the same for the same configuration object, plugins, plugin
    manager, ``NEWSLINT_*`` environment and working folder; each call still enters
    the session, so the plugins' session hooks run once a call.
    """
    config = config or _DEFAULTS
    plugins = tuple(plugins)
    manager = _manager(config, plugins)
    env = (os.getcwd(), sorted((k, v) for k, v in os.environ.items() if k.startswith("NEWSLINT_")))
    held = getattr(_TEXT_SESSIONS, "held", None)
    if held is not None:
        cfg, plugs, session, was = held
        same_plugins = len(plugs) == len(plugins) and all(a is b for a, b in zip(plugs, plugins, strict=True))
        if cfg is config and same_plugins and session.manager is manager and was == env:
            return session
    session = _session(config, plugins)
    _TEXT_SESSIONS.held = (config, plugins, session, env)
    return session


def check_text(
    text: str,
    path: str = "<text>",
    *,
    config: Config | None = None,
    plugins: Sequence[object] = (),
) -> list[Diagnostic]:
    """Check one article given as text; ``path`` only names it (and picks the loader by suffix).

    With ``config`` None, the defaults are used (no configuration file is read).
    """
    with _text_session(config, plugins) as session:
        return session.check_text(text, path)


def check_file(path: str | Path, *, config: Config | None = None, plugins: Sequence[object] = ()) -> list[Diagnostic]:
    """Check one file. With ``config`` None, configuration is found as the CLI finds it."""
    return check_paths([path], config=config, plugins=plugins, jobs=1)


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    plugins: Sequence[object] = (),
    jobs: int | None = 1,
) -> list[Diagnostic]:
    """Check files and folders (walked) as one batch; returns every diagnostic, sorted."""
    with _session(config, plugins, jobs=jobs) as session:
        session.run([str(p) for p in paths])
    assert session.report is not None
    return list(session.report.diagnostics)


def load_article(text: str, path: str = "<text>", *, config: Config | None = None) -> Article:
    """Parse text into an :class:`~newslint.Article` with the loader its ``path`` suffix selects."""
    with _text_session(config, ()) as session:
        return session.load(path, text, session.resolver.for_path(path))


@dataclass(frozen=True)
class FixResult:
    """What :func:`apply_fixes` did: the new text, the findings it fixed and those it left."""

    #: the text with the fixes applied (the same text when none could be)
    text: str
    #: the findings whose fixes were applied, in source order
    applied: tuple[Diagnostic, ...]
    #: the findings with a fix that was not applied: below ``applicability``, a name the
    #: editor must confirm, inside a quotation, across markup, or overlapping another fix
    left: tuple[Diagnostic, ...]

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def apply_fixes(
    text: str,
    diagnostics: Iterable[Diagnostic],
    applicability: Applicability | str = Applicability.SAFE,
    *,
    path: str | None = None,
    config: Config | None = None,
) -> FixResult:
    """Apply the fixes of ``diagnostics`` (found in ``text``) with the protections ``check --fix`` has.

    ``applicability`` is the least safe kind applied: ``"safe"`` (the default) or
    ``"unsafe"`` (safe and unsafe fixes); display-only fixes are never applied,
    and asking for them raises ``ValueError``. The text is read with the loader
    ``path`` picks (by default the diagnostics' own path), so the fix engine
    knows its quotations and markup: an edit inside a direct quotation, one
    that would cut through a tag or an escape, a ``name-consistency`` fix (an
    editor confirms names) and the later of two overlapping fixes are left, as
    ``newslint check --fix`` leaves them. Diagnostics of another path are ignored.

    ::

        text = "Headline\n\nSales rose 5 percent.\n"
        found = newslint.check_text(text, path="a.txt", config=config)
        result = newslint.apply_fixes(text, found, "safe")
        print(result.text)
    """

    def fix(name: str, found: list[Diagnostic], unsafe: bool) -> tuple[str, list[Diagnostic]]:
        with _session(config or Config(), ()) as session:
            return _fix_in(session, session.resolver, text, name, found, unsafe)

    return _apply_fixes(fix, text, diagnostics, applicability, path)


def _fix_in(
    session: Session, resolver: ConfigResolver, text: str, name: str, found: list[Diagnostic], unsafe: bool
) -> tuple[str, list[Diagnostic]]:
    """Read ``text`` as the article ``name`` with the session's loaders and apply the fixes of ``found``."""
    article = session.load(name, text, resolver.for_path(name))
    return session.apply_fixes(article, found, unsafe=unsafe)


def _apply_fixes(
    fix: Callable[[str, list[Diagnostic], bool], tuple[str, list[Diagnostic]]],
    text: str,
    diagnostics: Iterable[Diagnostic],
    applicability: Applicability | str,
    path: str | None,
) -> FixResult:
    """:func:`apply_fixes` with the fixes applied by ``fix(path, diagnostics, unsafe)``."""
    level = Applicability(applicability)
    if level is Applicability.DISPLAY_ONLY:
        raise ValueError("display-only fixes are never applied: choose safe or unsafe")
    diags = list(diagnostics)
    name = path if path is not None else (diags[0].path if diags else "<text>")
    mine = [d for d in diags if d.path == name]
    with_fix = [d for d in mine if d.fix is not None and d.fix.edits]
    if not with_fix:
        return FixResult(text, (), ())
    new_text, applied = fix(name, with_fix, level is Applicability.UNSAFE)
    done = {id(d) for d in applied}
    return FixResult(new_text, tuple(applied), tuple(d for d in with_fix if id(d) not in done))


_T = TypeVar("_T")

#: What :meth:`Checker.start` checks so that every rule loads its resources.
_WARM_UP_TEXT = (
    "Warm-up headline\n\nA standfirst for the warm-up\n\n"
    'Mr Kim Jong-un said "teh rules load now" on Monday, January 1.\n\n'
    "Leaders shake hands. Photograph: AP\n"
)


class Checker:
    """A long-lived checker, for services and editors that check text after text.

    It loads the plugins once, runs their ``newslint_session_start`` hooks on
    entering and ``newslint_session_finish`` on leaving, and keeps rule
    resources warm, so each check costs only the checking::

        with newslint.Checker(config_file=Path("newslint.toml")) as checker:
            for text in texts:
                findings = checker.check_text(text, path="story.md")

    ``config`` gives the settings; else ``config_file`` is read; else the
    configuration is found as the command line run in ``root`` (default: the
    current folder) finds it, each article's own by walking up from its path.
    A problem with it raises :class:`~newslint.ConfigError`. One checker serves
    one thread at a time.
    """

    def __init__(
        self,
        *,
        config: Config | None = None,
        config_file: str | Path | None = None,
        root: str | Path | None = None,
        plugins: Sequence[object] = (),
    ):
        self._resolver = _Resolver(
            config, Path(config_file) if config_file else None, Path(root) if root is not None else None
        )
        self._session = Session(resolver=self._resolver, extra_plugins=tuple(plugins))
        self._base_config = self._session.config
        self._started = False

    @property
    def config(self) -> Config:
        """The run-wide settings in force."""
        return self._base_config

    @property
    def rules(self) -> list[Rule]:
        """Every rule the plugins provide, enabled or not (``config.rule_enabled(rule)`` tells)."""
        return list(self._session.rules)

    @property
    def notices(self) -> list[str]:
        """Run-level notices from plugins (a service that is not configured), as reports show them.

        A plugin whose report-header hook fails is named here too, in place of its lines.
        """
        lines, failures = self._session.report_header()
        return lines + failures

    def __enter__(self) -> Checker:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(1 if exc_type else 0)

    def start(self) -> None:
        """Run the plugins' ``newslint_session_start`` hooks and warm the rules' resources."""
        if self._started:
            return
        self._session.__enter__()
        self._started = True
        self.check_text(_WARM_UP_TEXT, "warm-up.txt")

    def close(self, exitstatus: int = 0) -> None:
        """Run the plugins' ``newslint_session_finish`` hooks (stop servers they started)."""
        if self._started:
            self._started = False
            self._session.status = exitstatus
            self._session.__exit__(None, None, None)

    def check_text(
        self,
        text: str | bytes,
        path: str = "<text>",
        *,
        select: Sequence[str] | None = None,
        language: str | None = None,
    ) -> list[Diagnostic]:
        """Check one article; returns its diagnostics, sorted.

        ``text`` may be bytes as read from a file or an upload: bytes that are not
        UTF-8 are decoded with a fallback and reported (``NL002``), as ``check`` does.
        ``path`` names the article and picks the loader by its suffix. ``select``
        (codes, prefixes or names) and ``language`` replace the configured ones for
        this call; an unknown selector or language raises :class:`~newslint.ConfigError`.
        """
        return self._with_changes(select, language, lambda: self._check(text, path))

    def load_article(self, text: str | bytes, path: str = "<text>") -> Article:
        """Parse text into an :class:`~newslint.Article` with the loader its ``path`` selects.

        ``text`` may be bytes, decoded as :meth:`check_text` decodes them (a Word
        file is read by its own loader); bytes that hold no article raise ``ValueError``.
        """
        if isinstance(text, str):
            return self._session.load(path, text, self._resolver.for_path(path))
        result = self._session.read_article(path, text)
        if result.article is None:
            raise ValueError(result.diagnostics[-1].message if result.diagnostics else "the file holds no article")
        return result.article

    def writes_fixes(self, fmt: str) -> bool:
        """Whether a fix is ever written into an article of format ``fmt`` (``Article.format``).

        The loader of the format says so through ``newslint_fix_escape``: a Word
        file, NITF, NewsML-G2 or a WordPress export is never rewritten.
        """
        assert self._session.manager is not None
        return writes_fixes(self._session.manager, fmt)

    def apply_fixes(
        self,
        text: str,
        diagnostics: Iterable[Diagnostic],
        applicability: Applicability | str = Applicability.SAFE,
        *,
        path: str | None = None,
    ) -> FixResult:
        """:func:`newslint.apply_fixes`, with the text read by this checker's loaders and configuration."""

        def fix(name: str, found: list[Diagnostic], unsafe: bool) -> tuple[str, list[Diagnostic]]:
            return _fix_in(self._session, self._resolver, text, name, found, unsafe)

        return _apply_fixes(fix, text, diagnostics, applicability, path)

    def _with_changes(self, select: Sequence[str] | None, language: str | None, run: Callable[[], _T]) -> _T:
        changes: dict[str, object] = {}
        if select is not None:
            changes["select"] = tuple(select)
        if language is not None:
            from newslint.config import LANGUAGES

            if language not in LANGUAGES:
                raise ConfigError(f"language must be one of {', '.join(LANGUAGES)}")
            changes["language"] = language
        if not changes:
            return run()
        self._resolver.changes = changes
        self._session.config = self._resolver.run_config()
        try:
            self._session.config.validate_rules(self._session.rules)
            return run()
        finally:
            self._resolver.changes = {}
            self._session.config = self._base_config

    def _check(self, text: str | bytes, path: str) -> list[Diagnostic]:
        return self._session.check_text(text, path)
