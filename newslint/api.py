"""The library API: check text, files and folders from Python.

Each function runs a :class:`~newslint.session.Session`, as the command line
does (plugins' ``newslint_session_start`` and ``newslint_session_finish``
hooks included), and returns the diagnostics, sorted. Rule resources (dictionaries,
name indexes) are cached for the life of the process, so checking many texts
one after another is cheap after the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from newslint.article import Article
from newslint.config import Config, ConfigResolver
from newslint.diagnostic import Diagnostic
from newslint.session import Session


class _FixedResolver(ConfigResolver):
    """A resolver that answers one given configuration for every file."""

    def __init__(self, config: Config):
        super().__init__()
        self._config = config

    def run_config(self) -> Config:
        return self._config

    def for_path(self, path: str) -> Config:
        return self._config.for_path(path) if path not in ("-",) and self._config.overrides else self._config


def _session(config: Config | None, plugins: Sequence[object], **kw: object) -> Session:
    resolver = _FixedResolver(config) if config is not None else ConfigResolver()
    return Session(resolver=resolver, extra_plugins=tuple(plugins), **kw)  # type: ignore[arg-type]


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
    with _session(config or Config(), plugins) as session:
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
    with _session(config or Config(), ()) as session:
        return session.load(path, text, session.resolver.for_path(path))
