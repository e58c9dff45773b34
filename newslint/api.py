"""The library API: check text, files and folders from Python.

These functions build a :class:`~newslint.session.Session` like the command
line does and return the diagnostics, sorted. Rule resources (dictionaries,
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
    session = _session(config or Config(), plugins)
    result = session.check_source(path, text.encode("utf-8"))
    diags = list(result.diagnostics)
    if result.article is not None:
        diags += session._check_batch([result])
    return sorted(diags, key=lambda d: d.sort_key)


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
    session = _session(config, plugins, jobs=jobs)
    session.run([str(p) for p in paths])
    assert session.report is not None
    return list(session.report.diagnostics)


def load_article(text: str, path: str = "<text>", *, config: Config | None = None) -> Article:
    """Parse text into an :class:`~newslint.Article` with the loader its ``path`` suffix selects."""
    session = _session(config or Config(), ())
    return session.load(path, text, config or Config())
