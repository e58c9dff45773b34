"""Every hook newslint calls: the plugin author's manual.

A plugin is a module or object with functions marked ``@newslint.hookimpl``
and named after the hooks below. It is found through the ``newslint``
entry-point group::

    [project.entry-points.newslint]
    myplugin = "myplugin"

A hook implementation may take fewer arguments than the spec lists, so new
arguments can be added without breaking plugins. newslint calls every hook
with keyword arguments. The built-in loaders, rules, reporters and commands
are registered through these same hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import argparse

    from newslint.article import Article
    from newslint.config import Config
    from newslint.reporters import Reporter
    from newslint.rule import Rule
    from newslint.session import SessionInfo

#: How a fix's replacement is written into a file of one format: called with the source text
#: the edit replaces and the replacement as readable text, it returns the text to write
#: (escaped as the format escapes it), or ``None`` when the edit cannot be made safely.
Escape = Callable[[str, str], "str | None"]

hookspec = pluggy.HookspecMarker("newslint")

#: Marks a plugin's hook implementations (``@newslint.hookimpl``).
hookimpl = pluggy.HookimplMarker("newslint")


@hookspec
def newslint_add_rules() -> Sequence[Rule]:  # type: ignore[empty-body]
    """Return the rules this plugin provides.

    Called once per plugin manager, before any configuration is read, so that
    ``newslint rules``, ``select`` / ``ignore`` and the generated docs know
    every rule. Do not start servers or load large data here: do that lazily
    in :meth:`Rule.check` (and cache it in ``RuleContext.cache``).
    """


@hookspec(firstresult=True)
def newslint_load_document(path: str, data: bytes, config: Config) -> Article | None:
    """Parse a binary document's ``data`` (a Word ``.docx``) read from ``path``.

    Called before the bytes are decoded as text; return ``None`` for a file
    this loader does not read (then the text loaders see it). Stops at first
    non-None result. Raise ``ValueError`` with a one-line message for a file
    of your format that cannot be read (it becomes an NL003 finding).
    """


@hookspec(firstresult=True)
def newslint_load_article(path: str, text: str, config: Config) -> Article | Sequence[Article] | None:
    """Parse decoded ``text`` read from ``path`` into an :class:`~newslint.Article`.

    A file that holds several articles (a WordPress export, a NewsML-G2
    message) may give a list of them, all with the file's ``path`` and
    ``source``: each is checked as an article of its own.
    Return ``None`` when the text is not in a format this loader reads.
    Stops at first non-None result. The built-in plain-text loader runs last
    and accepts anything, so a plugin loader only has to recognise its own
    format (by the file's suffix, or by sniffing ``text``). ``path`` is ``-``
    for standard input.
    """


@hookspec
def newslint_article_suffixes() -> Sequence[str]:  # type: ignore[empty-body]
    """Return the file suffixes (``".story"``, lower case, with the dot) this plugin's loader reads.

    A folder given to ``newslint check``, ``audit`` or ``names build`` is
    walked for files with these suffixes; a file named on the command line is
    always read, whatever its suffix.
    """


@hookspec(firstresult=True)
def newslint_fix_escape(format: str) -> Escape | None:
    """Return how a fix is written into an article of ``format`` (its ``Article.format``), or ``None``.

    A rule's replacement is readable text ("AT&T"); in an HTML file it must be
    written ``AT&amp;T``, in a JSON string with ``\\"`` for a quote. The loader
    of a format knows its escapes, so it answers for the formats its articles
    carry and returns ``None`` for any other. The function returned gets the
    source text the edit replaces and the replacement, and returns the text to
    write, or ``None`` when the edit cannot be made safely (its span holds a
    tag, an entity or emphasis, which a replacement would destroy): that fix
    is left to an editor. A format no plugin answers for is plain text, written
    as is; a format that is never rewritten (a Word file) answers with a
    function that always returns ``None``. Stops at first non-None result.
    """


@hookspec
def newslint_add_reporters() -> Sequence[Reporter]:  # type: ignore[empty-body]
    """Return output formats (:class:`~newslint.reporters.Reporter` objects) for ``--format``."""


@hookspec
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add subcommands to the ``newslint`` command line.

    Add a parser with ``subparsers.add_parser(name, ...)`` and set its
    ``func`` default to a callable taking ``(args, manager)`` and returning
    the exit status.
    """


@hookspec
def newslint_session_start(session: SessionInfo) -> None:
    """Called after configuration is read and before the first article is loaded.

    ``session`` is a read-only view of the run: its ``config`` and every
    known ``rules``. The library API calls it too, once per call.
    """


@hookspec
def newslint_session_finish(session: SessionInfo, exitstatus: int) -> None:
    """Called when a run ends, also after an error or Ctrl-C: release servers and files here.

    ``exitstatus`` is the run's exit status (130 after Ctrl-C).
    """


@hookspec
def newslint_report_header(config: Config) -> list[str] | None:
    """Return lines for the top of the text report (e.g. a notice about a missing service).

    Return ``None`` for nothing.
    """


__all__: list[str] = [n for n in dir() if n.startswith("newslint_")] + ["Escape", "hookimpl", "hookspec"]
