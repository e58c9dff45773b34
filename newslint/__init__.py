"""newslint: an editorial QA linter for news articles.

The public API. Plugins and library users import only these names::

    import newslint

    for d in newslint.check_text("Kim Jong-on said ...", path="story.txt"):
        print(d.start.line, d.rule, d.message, d.suggestions)

    fixed = newslint.apply_fixes(text, findings, "safe", path="story.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.article import Article, Block, BlockKind, find_credit, find_quotes
from newslint.config import Config, ConfigError
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Position, Severity
from newslint.hookspecs import hookimpl
from newslint.reporters import Report, Reporter
from newslint.rule import Option, Options, Rule, RuleContext
from newslint.version import __version__

if TYPE_CHECKING:  # imported on first use at run time (see __getattr__); typed for checkers now
    from newslint.api import Checker, FixResult, apply_fixes, check_file, check_paths, check_text, load_article

#: The names :func:`__getattr__` imports from :mod:`newslint.api` on first use.
_LAZY = ("Checker", "FixResult", "apply_fixes", "check_text", "check_file", "check_paths", "load_article")

__all__ = [
    "Applicability",
    "Article",
    "Block",
    "BlockKind",
    "Checker",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "FixResult",
    "Option",
    "Options",
    "Position",
    "Report",
    "Reporter",
    "Rule",
    "RuleContext",
    "Severity",
    "__version__",
    "apply_fixes",
    "check_file",
    "check_paths",
    "check_text",
    "find_credit",
    "find_quotes",
    "hookimpl",
    "load_article",
]


def __getattr__(name: str) -> Any:  # the session API imports the whole core: load it on first use
    if name in _LAZY:
        from newslint import api

        return getattr(api, name)
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
