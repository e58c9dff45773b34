"""newslint: an editorial QA linter for news articles.

The public API. Plugins and library users import only these names::

    import newslint

    for d in newslint.check_text("Kim Jong-on said ...", path="story.txt"):
        print(d.start.line, d.rule, d.message, d.suggestions)
"""

from __future__ import annotations

from newslint.article import Article, Block, find_credit, find_quotes
from newslint.config import Config, ConfigError
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Position, Severity
from newslint.manager import hookimpl
from newslint.rule import Rule, RuleContext

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "Article",
    "Block",
    "Checker",
    "Config",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "Position",
    "Rule",
    "RuleContext",
    "Severity",
    "__version__",
    "check_file",
    "check_paths",
    "check_text",
    "find_credit",
    "find_quotes",
    "hookimpl",
    "load_article",
]


def __getattr__(name: str):  # the session API imports the whole core: load it on first use
    if name in ("Checker", "check_text", "check_file", "check_paths", "load_article"):
        from newslint import api

        return getattr(api, name)
    raise AttributeError(f"module 'newslint' has no attribute {name!r}")
