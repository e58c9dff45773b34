"""Reporters: output formats for ``--format``, provided by plugins.

A reporter is an object with a ``name`` (what ``--format`` takes), a
one-line ``description`` and a ``render(report, stream, color=...)`` method.
Plugins return reporters from the ``newslint_add_reporters`` hook.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO

from newslint.regex import compile_re

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


#: Lone surrogates (a file name's bytes that are not UTF-8, as ``os.fsdecode`` keeps them) and
#: control characters other than tab and line breaks (ESC in a file name would drive the terminal).
_UNPRINTABLE = compile_re("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_UNPRINTABLE_KEEP_ESC = compile_re("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def printable(text: str, *, keep_ansi: bool = False) -> str:
    """A rendered report made safe to write as UTF-8 to a terminal or a file.

    Each unprintable character becomes a ``\\uXXXX`` escape: inside a JSON string
    that is the character itself (a file name with a byte that is not UTF-8
    reads back, through ``os.fsencode``, as the same bytes); elsewhere it is a
    visible, unambiguous stand-in. ``keep_ansi`` leaves ESC alone for a text
    report coloured on purpose (its file names are escaped by the reporter).
    """
    pattern = _UNPRINTABLE_KEEP_ESC if keep_ansi else _UNPRINTABLE
    return pattern.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
