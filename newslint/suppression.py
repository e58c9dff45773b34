"""Inline suppression comments and the baseline file.

In an article (any format; an HTML comment is invisible to readers)::

    <!-- newslint: disable-next-line NL101 -->      the next non-blank line
    <!-- newslint: disable-line spelling -->        the line the comment is on
    <!-- newslint: disable NL3 -->                  from here ...
    <!-- newslint: enable NL3 -->                   ... to here
    <!-- newslint: disable-file -->                 the whole file

Codes are code prefixes or rule names, separated by commas or spaces; none
means every rule.

The baseline records existing findings keyed on content (path, code and the
text the finding covers), not line numbers, so CI can adopt newslint on an
archive and fail only on new findings even as the old copy is edited around them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config import ConfigError
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic

_COMMENT = compile_re(
    r"<!--\s*newslint\s*:\s*(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->",
    re.IGNORECASE,
)
_ALL = ("*",)


def _selectors(raw: str) -> tuple[str, ...]:
    parts = tuple(p for p in re.split(r"[\s,]+", raw.strip()) if p)
    return parts or _ALL


def _hits(selectors: Sequence[str], d: Diagnostic) -> bool:
    for s in selectors:
        if s == "*" or s == d.rule or d.code.upper().startswith(s.upper()):
            return True
        if s == d.data.get("style_rule"):  # a house style rule, reported under house-style, by its name
            return True
    return False


@dataclass(frozen=True)
class Comment:
    """One suppression comment: the rules it names and the lines it covers."""

    selectors: tuple[str, ...]
    #: the lines covered, 1-based and inclusive
    first: int
    last: int
    #: where the comment itself stands in the source (offsets), for findings about it
    start: int
    end: int
    #: "line" (disable-line, disable-next-line), "range" (disable ... enable) or "file"
    kind: str

    def covers(self, d: Diagnostic) -> bool:
        if not _hits(self.selectors, d):
            return False
        if self.kind == "file":
            return True
        if self.kind == "range":
            return self.first <= d.start.line <= self.last
        return d.start.line <= self.last and self.first <= d.end.line


@dataclass
class Suppressions:
    """The suppression comments of one article."""

    comments: list[Comment] = field(default_factory=list)

    @classmethod
    def parse(cls, article: Article) -> Suppressions:
        sup = cls()
        source = article.source
        if "newslint" not in source:
            return sup
        open_: list[tuple[int, tuple[str, ...], int, int]] = []
        for m in _COMMENT.finditer(source):
            kind = m.group(1).lower()
            sels = _selectors(m.group(2))
            line = article.position(m.start()).line
            where = (m.start(), m.end())
            if kind == "disable-line":
                sup.comments.append(Comment(sels, line, line, *where, "line"))
            elif kind == "disable-next-line":
                target = line + 1
                while article.line_text(target).strip() == "" and target < line + 50:
                    target += 1
                sup.comments.append(Comment(sels, target, target, *where, "line"))
            elif kind == "disable-file":
                sup.comments.append(Comment(sels, 1, 10**9, *where, "file"))
            elif kind == "disable":
                open_.append((line, sels, *where))
            else:  # enable closes the matching open ranges (all of them when no codes)
                enable = set(sels)
                still = []
                for start, s, cs, ce in open_:
                    if enable == {"*"} or set(s) <= enable:
                        sup.comments.append(Comment(s, start, line, cs, ce, "range"))
                    else:
                        still.append((start, s, cs, ce))
                open_ = still
        for start, s, cs, ce in open_:
            sup.comments.append(Comment(s, start, 10**9, cs, ce, "range"))
        return sup

    def hit(self, d: Diagnostic) -> int | None:
        """The index of the first comment that suppresses ``d``, or None."""
        for i, c in enumerate(self.comments):
            if c.covers(d):
                return i
        return None

    def suppressed(self, d: Diagnostic) -> bool:
        return self.hit(d) is not None

    def split(self, diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], set[int]]:
        """The diagnostics no comment suppresses, and the indices of the comments that suppressed some."""
        kept: list[Diagnostic] = []
        used: set[int] = set()
        if not self.comments:
            return list(diagnostics), used
        for d in diagnostics:
            i = self.hit(d)
            if i is None:
                kept.append(d)
            else:
                used.add(i)
        return kept, used


def covered_text(article: Article | None, d: Diagnostic) -> str:
    if article is None:
        return ""
    return article.source[d.start.offset : d.end.offset]


def _key(d: Diagnostic, text: str) -> tuple[str, str, str]:
    return (Path(d.path).as_posix(), d.code, text)


class Baseline:
    """Known findings to leave out of a run's report."""

    VERSION = 1

    def __init__(self, counts: Counter[tuple[str, str, str]]):
        self.counts = counts

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["findings"]
            counts: Counter[tuple[str, str, str]] = Counter()
            for e in entries:
                counts[(e["path"], e["code"], e["text"])] += int(e.get("count", 1))
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as e:
            # the user's file to mend: exit status 2, naming it
            raise ConfigError(f"cannot read baseline {path}: {type(e).__name__}: {e}") from None
        return cls(counts)

    @staticmethod
    def write(path: Path, items: Iterable[tuple[Diagnostic, str]]) -> int:
        counts: Counter[tuple[str, str, str]] = Counter(_key(d, t) for d, t in items)
        findings = [{"path": p, "code": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())]
        data = {"version": Baseline.VERSION, "findings": findings}
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return sum(counts.values())

    def filter(self, items: Iterable[tuple[Diagnostic, str]]) -> list[Diagnostic]:
        left = Counter(self.counts)
        out = []
        for d, text in items:
            k = _key(d, text)
            if left[k] > 0:
                left[k] -= 1
            else:
                out.append(d)
        return out
