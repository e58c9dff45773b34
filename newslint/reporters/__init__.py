"""Reporters: output formats for ``--format``, provided by plugins.

A reporter is an object with a ``name`` (what ``--format`` takes), a
one-line ``description`` and a ``render(report, stream, color=...)`` method.
Plugins return reporters from the ``newslint_add_reporters`` hook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic
    from newslint.rule import Rule


@dataclass
class Report:
    """Everything a reporter may show about one run.

    ``diagnostics`` are sorted (path, then position). ``articles`` maps a path
    to its loaded article, for quoting source lines; a file that could not be
    loaded has no entry. ``notices`` are run-level messages (a service that is
    not configured, files skipped) shown once. ``rules`` maps codes to the
    rules known to the run, for formats that describe rules (SARIF).
    """

    diagnostics: Sequence[Diagnostic]
    files: Sequence[str] = ()
    articles: Mapping[str, Article] = field(default_factory=dict)
    notices: Sequence[str] = ()
    rules: Mapping[str, Rule] = field(default_factory=dict)
    fixed: int = 0
    version: str = ""


class Reporter:
    """Base class for output formats."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        raise NotImplementedError
