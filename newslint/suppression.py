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

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic

_COMMENT = re.compile(
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
    return False


@dataclass
class Suppressions:
    """The suppression comments of one article."""

    lines: dict[int, list[tuple[str, ...]]] = field(default_factory=dict)
    ranges: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    file: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def parse(cls, article: Article) -> Suppressions:
        sup = cls()
        source = article.source
        if "newslint" not in source:
            return sup
        open_: list[tuple[int, tuple[str, ...]]] = []
        for m in _COMMENT.finditer(source):
            kind = m.group(1).lower()
            sels = _selectors(m.group(2))
            line = article.position(m.start()).line
            if kind == "disable-line":
                sup.lines.setdefault(line, []).append(sels)
            elif kind == "disable-next-line":
                target = line + 1
                while article.line_text(target).strip() == "" and target < line + 50:
                    target += 1
                sup.lines.setdefault(target, []).append(sels)
            elif kind == "disable-file":
                sup.file.append(sels)
            elif kind == "disable":
                open_.append((line, sels))
            else:  # enable closes the matching open ranges (all of them when no codes)
                enable = set(sels)
                still = []
                for start, s in open_:
                    if enable == {"*"} or set(s) <= enable:
                        sup.ranges.append((start, line, s))
                    else:
                        still.append((start, s))
                open_ = still
        for start, s in open_:
            sup.ranges.append((start, 10**9, s))
        return sup

    def suppressed(self, d: Diagnostic) -> bool:
        if any(_hits(s, d) for s in self.file):
            return True
        for line in range(d.start.line, d.end.line + 1):
            if any(_hits(s, d) for s in self.lines.get(line, ())):
                return True
        return any(a <= d.start.line <= b and _hits(s, d) for a, b, s in self.ranges)


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
