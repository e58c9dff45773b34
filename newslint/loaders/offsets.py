"""Text assembled from pieces of a source, with every character mapped back to it.

The structured loaders (Markdown, HTML, JSON) build a block's readable text
out of pieces: the words between two inline tags, a decoded entity, a JSON
string with its escapes resolved. :class:`TextBuilder` collects the pieces and
:class:`MappedText` keeps, for each run of characters copied verbatim, the
source offset it came from. A :class:`MappedText` becomes a :class:`Block` with
``start`` and ``segments`` filled in, so a diagnostic at ``block.text[i]``
lands on the exact line and column of the source file.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.article import Block, BlockKind, find_quotes
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.hookspecs import Escape

# Shared with the plain-text loader so every format recognises the same bylines
# and copyright lines.

__all__ = [
    "BOILERPLATE",
    "BYLINE",
    "CHAR_REF",
    "BlockCollector",
    "MappedText",
    "TextBuilder",
    "escaper",
    "join_caption",
    "mark_languages",
    "read_only",
]

_BLANK_LINES = compile_re(r"\n[ \t]*\n\s*")
_HTML_SPACE_RUN = compile_re(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")

#: A byline line ("By Jane Smith, Seoul"), as every loader recognises it.
BYLINE = compile_re(r"^By [A-Z][\w'\u2019.-]+(?: (?:[A-Z][\w'\u2019.-]+|and|de|van|von|der|bin|al-\w+))*(?:,.*)?$")
#: Boilerplate lines: copyright and reporting credits.
BOILERPLATE = compile_re(
    r"^(?:Copyright\b|\u00a9|\(c\)\s|All rights reserved|Additional reporting by\b)", re.IGNORECASE
)



@dataclass(frozen=True)
class MappedText:
    """``text`` plus ``runs``: ``(text_index, source_offset)`` break points.

    Character ``i`` comes from ``source_offset + (i - text_index)`` of the
    last run at or before ``i``; ``runs[0]`` is always at text index 0 (for
    empty text ``runs`` may be empty).
    """

    text: str
    runs: tuple[tuple[int, int], ...]

    @classmethod
    def verbatim(cls, text: str, start: int) -> MappedText:
        """A contiguous copy of the source starting at ``start``."""
        return cls(text, ((0, start),))

    def offset(self, i: int) -> int:
        """The source offset of ``text[i]``."""
        k = bisect.bisect_right(self.runs, (i, float("inf"))) - 1
        t, s = self.runs[max(k, 0)]
        return s + (i - t)

    def slice(self, i: int, j: int) -> MappedText:
        """``text[i:j]`` with its mapping."""
        i, j = max(i, 0), min(j, len(self.text))
        if i >= j:
            return MappedText("", ())
        k = max(bisect.bisect_right(self.runs, (i, float("inf"))) - 1, 0)
        runs = [(0, self.offset(i))]
        for t, s in self.runs[k + 1 :]:
            if t >= j:
                break
            runs.append((t - i, s))
        return MappedText(self.text[i:j], tuple(runs))

    def strip(self) -> MappedText:
        """Without leading and trailing whitespace."""
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, right)

    def paragraphs(self) -> list[MappedText]:
        """Split on blank lines (for a JSON body given as one string)."""
        out = []
        pos = 0
        for m in _BLANK_LINES.finditer(self.text):
            out.append(self.slice(pos, m.start()).strip())
            pos = m.end()
        out.append(self.slice(pos, len(self.text)).strip())
        return [p for p in out if p.text]

    def __add__(self, other: MappedText) -> MappedText:
        if not self.text:
            return other
        if not other.text:
            return self
        n = len(self.text)
        runs = list(self.runs)
        for t, s in other.runs:
            if t == 0 and self.offset(n - 1) + 1 == s:
                continue  # continues the last run
            runs.append((t + n, s))
        return MappedText(self.text + other.text, tuple(runs))

    def through(self, outer: MappedText) -> MappedText:
        """This text's offsets read as indices into ``outer.text``, mapped on through ``outer``.

        For text parsed out of text that was itself decoded (HTML inside a
        JSON string): the result maps straight to the file.
        """
        if not self.runs or not outer.runs:
            return self
        n = len(self.text)
        keys = [t for t, _ in outer.runs]
        runs: list[tuple[int, int]] = []
        for k, (t, s) in enumerate(self.runs):
            length = (self.runs[k + 1][0] if k + 1 < len(self.runs) else n) - t
            runs.append((t, outer.offset(s)))
            j = bisect.bisect_right(keys, s)
            while j < len(outer.runs) and outer.runs[j][0] < s + length:
                ot, os_ = outer.runs[j]
                runs.append((t + ot - s, os_))
                j += 1
        return MappedText(self.text, tuple(runs))

    @classmethod
    def of_block(cls, block: Block) -> MappedText:
        """A block's text and map."""
        return cls(block.text, block.segments or ((0, block.start),))

    def block_fields(self) -> dict[str, Any]:
        """``text``, ``start`` and ``segments`` for a :class:`Block`."""
        if not self.runs:
            return {"text": self.text, "start": 0, "segments": ()}
        segments = self.runs if len(self.runs) > 1 else ()
        return {"text": self.text, "start": self.runs[0][1], "segments": segments}


#: Invisible characters touching a word ("Mich\u200beal"): they hide a misspelling from every check.
_ZERO_WIDTH = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_IN_WORD_ZERO_WIDTH = compile_re(f"(?<=\\w)[{_ZERO_WIDTH}]+|[{_ZERO_WIDTH}]+(?=\\w)")
_ZERO_WIDTH_HINT = compile_re(f"[{_ZERO_WIDTH}]")


#: A character reference as plain text carries it out of a CMS export: numeric
#: (``&#233;``, ``&#xE9;``) or named (``&eacute;``), always with its semicolon
#: (plain text has no HTML parser's leniency: "AT&T" and "R&D" stay as they are).
CHAR_REF = compile_re(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def plain_text(body: str, start: int) -> MappedText:
    """A plain-text paragraph as the checks should read it, mapped back to the source.

    Zero-width characters touching a word are dropped, and HTML character
    references left in the text by a CMS export ("caf&#233;", "S&atilde;o")
    are read as the characters they stand for, each mapped to its ``&``, so
    that every check reads "café" and "São" while a diagnostic still points at
    the text as written. An unknown name ("&foo;") stays as it is.
    """
    refs = "&" in body and CHAR_REF.search(body) is not None
    if not refs and not _ZERO_WIDTH_HINT.search(body):
        return MappedText.verbatim(body, start)
    b = TextBuilder()
    if not refs:
        b.add(body, start)
        return b.raw()
    pos = 0
    for m in CHAR_REF.finditer(body):
        decoded = html.unescape(m.group())
        if decoded == m.group():
            continue
        b.add(body[pos : m.start()], start + pos)
        b.add_replacement(decoded, start + m.start())
        pos = m.end()
    b.add(body[pos:], start + pos)
    return b.raw()


class TextBuilder:
    """Collects pieces of text and where each came from, in linear time.

    ``add`` appends a verbatim copy of the source; ``add_replacement`` appends
    text that stands for a stretch of source (a decoded entity, an escape),
    every character of it mapped to that stretch's start.
    """

    __slots__ = ("_parts", "_runs", "_len", "_next_src", "_last")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[tuple[int, int]] = []
        self._len = 0
        self._next_src: int | None = None
        self._last = ""

    def __len__(self) -> int:
        return self._len

    @property
    def last_char(self) -> str:
        return self._last

    def add(self, piece: str, src: int) -> None:
        """Append ``piece``, a copy of ``source[src:src + len(piece)]``."""
        if not piece:
            return
        if _ZERO_WIDTH_HINT.search(piece):
            self._add_visible(piece, src)
            return
        if self._next_src != src:
            self._runs.append((self._len, src))
        self._parts.append(piece)
        self._len += len(piece)
        self._next_src = src + len(piece)
        self._last = piece[-1]

    def _add_visible(self, piece: str, src: int) -> None:
        pos = 0
        for m in _IN_WORD_ZERO_WIDTH.finditer(piece):
            self.add(piece[pos : m.start()], src + pos)
            pos = m.end()
        if pos == 0:  # zero-width characters, but none inside a word: keep them
            self._parts.append(piece)
            if self._next_src != src:
                self._runs.append((self._len, src))
            self._len += len(piece)
            self._next_src = src + len(piece)
            self._last = piece[-1]
            return
        self.add(piece[pos:], src + pos)

    def add_replacement(self, piece: str, src: int) -> None:
        """Append ``piece`` standing for the source text that starts at ``src``."""
        if not piece or not piece.strip(_ZERO_WIDTH):  # "&#8203;" stands for nothing a check can read
            return
        if len(piece) == 1:
            self._runs.append((self._len, src))
        else:  # rare (an entity for two code points): keep the characters in order
            for k in range(len(piece)):
                self._runs.append((self._len + k, src + k))
        self._parts.append(piece)
        self._len += len(piece)
        self._next_src = None
        self._last = piece[-1]

    def add_mapped(self, mt: MappedText) -> None:
        """Append text that already has its map."""
        n = len(mt.text)
        for k, (t, s) in enumerate(mt.runs):
            end = mt.runs[k + 1][0] if k + 1 < len(mt.runs) else n
            self.add(mt.text[t:end], s)

    def add_collapsed(self, data: str, src: int) -> None:
        """Append HTML character data, each run of whitespace read as one space."""
        pos = 0
        # single spaces stay in the verbatim runs; only other whitespace is replaced
        for m in _HTML_SPACE_RUN.finditer(data):
            if m.start() > pos:
                self._add_spaced(data[pos : m.start()], src + pos)
            if self._len and self._last not in " \n":
                if data[m.start()] == " ":
                    self.add(" ", src + m.start())
                else:
                    self.add_replacement(" ", src + m.start())
            pos = m.end()
        if pos < len(data):
            self._add_spaced(data[pos:], src + pos)

    def _add_spaced(self, piece: str, src: int) -> None:
        if piece[0] == " " and (not self._len or self._last in " \n"):
            piece, src = piece[1:], src + 1
        self.add(piece, src)

    def add_break(self, src: int) -> None:
        """A line break (``<br>``, a Markdown hard break) standing for the source at ``src``."""
        if self._len and self._last == " ":
            # the space before <br> is noise; replace rather than keep both
            self._drop_last_space()
        if self._len:
            self.add_replacement("\n", src)

    def _drop_last_space(self) -> None:
        self._parts[-1] = self._parts[-1][:-1]
        if not self._parts[-1]:
            self._parts.pop()
        self._len -= 1
        if self._runs and self._runs[-1][0] >= self._len:
            self._runs.pop()
        self._next_src = None
        self._last = self._parts[-1][-1] if self._parts else ""

    def raw(self) -> MappedText:
        """The text collected so far, as is."""
        return MappedText("".join(self._parts), tuple(self._runs))

    def build(self) -> MappedText:
        """The text collected so far, stripped of surrounding whitespace."""
        return self.raw().strip()


def join_caption(
    caption: MappedText | None, credit: MappedText | None
) -> tuple[MappedText, tuple[int, int] | None] | None:
    """A caption and a photo credit stored apart, as one caption block's text and its credit span.

    They are joined by a space of our own (mapped just past the caption). A
    credit the caption already ends with is not repeated; with no separate
    credit, a trailing "Photograph: ..." in the caption is found. None when
    there is neither.
    """
    from newslint.article import find_credit

    if credit is not None and not credit.text:
        credit = None
    if caption is None or not caption.text:
        return (credit, (0, len(credit.text))) if credit is not None else None
    if credit is None:
        return caption, find_credit(caption.text)
    if caption.text.endswith(credit.text):
        return caption, (len(caption.text) - len(credit.text), len(caption.text))
    space = MappedText(" ", ((0, caption.offset(len(caption.text) - 1) + 1),))
    joined = caption + space + credit
    return joined, (len(joined.text) - len(credit.text), len(joined.text))


class BlockCollector:
    """Numbers blocks per kind (``caption[1]``, ``caption[2]``) and marks quotations and languages."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.counts: dict[str, int] = {}
        #: source ranges the markup sets apart as perhaps another language (see :func:`mark_languages`)
        self.marks: list[tuple[int, int, str]] = []

    def add(self, kind: str, mt: MappedText, **kw: Any) -> Block | None:
        """Add a block of ``kind`` for ``mt`` (ignored when it is empty)."""
        if not mt.text.strip():
            return None
        idx = self.counts.get(kind, 0)
        self.counts[kind] = idx + 1
        quotes = () if kind in BlockKind.UNQUOTED else find_quotes(mt.text)
        block = Block(kind=kind, index=idx, quotes=quotes, **mt.block_fields(), **kw)
        self.blocks.append(block)
        return block

    def pop(self) -> Block:
        """Take back the last block added (to replace it with a fuller one)."""
        block = self.blocks.pop()
        self.counts[block.kind] -= 1
        return block

    def has(self, kind: str) -> bool:
        return kind in self.counts

    def ordered(self) -> tuple[Block, ...]:
        """The blocks in source order, renumbered per kind in that order, their languages marked."""
        ordered = sorted(self.blocks, key=lambda b: b.start)
        counts: dict[str, int] = {}
        out = []
        for b in ordered:
            idx = counts.get(b.kind, 0)
            counts[b.kind] = idx + 1
            if idx != b.index:
                from dataclasses import replace

                b = replace(b, index=idx)
            out.append(b)
        return mark_languages(tuple(out), self.marks)


def mark_languages(blocks: tuple[Block, ...], marks: list[tuple[int, int, str]]) -> tuple[Block, ...]:
    """``blocks`` with :attr:`Block.languages` filled in from ``marks``.

    ``marks`` are ``(start, end, language)`` ranges of the *source* (the
    content of an ``<i>`` or a ``lang`` element, of a Markdown ``*...*``):
    kept as source offsets while the loader works, they survive whatever it
    does to the text (entities decoded, a caption joined to its credit), and
    each block maps them back through its own segments.
    """
    if not marks:
        return blocks
    from dataclasses import replace

    marks = sorted(marks)
    starts = [m[0] for m in marks]
    out = []
    for b in blocks:
        mt = MappedText.of_block(b)
        n = len(mt.text)
        lo, hi = b.start, b.end
        spans: list[tuple[int, int, str]] = []
        for ms, me, lang in marks[: bisect.bisect_left(starts, hi)]:
            if me <= lo:
                continue
            # the text run by run: each maps a stretch of text onto a stretch of source
            a = z = None
            for k, (t, src) in enumerate(mt.runs):
                t_end = mt.runs[k + 1][0] if k + 1 < len(mt.runs) else n
                s_end = src + (t_end - t)
                if s_end <= ms or src >= me:
                    continue
                first = t + max(ms - src, 0)
                last = t + min(me - src, t_end - t)
                a = first if a is None else min(a, first)
                z = last if z is None else max(z, last)
            if a is not None and z is not None and a < z:
                spans.append((a, z, lang))
        out.append(replace(b, languages=tuple(sorted(spans))) if spans else b)
    return tuple(out)


# -- writing fixes back -------------------------------------------------------------


def read_only(original: str, replacement: str) -> None:
    """The fix escape (``newslint_fix_escape``) of a format no fix is written into."""
    return None


def escaper(markup: re.Pattern[str], escape: Callable[[str], str]) -> Escape:
    """A fix escape: refuse an edit over ``markup`` in the source, else write ``escape(replacement)``."""

    def write(original: str, replacement: str) -> str | None:
        return None if markup.search(original) else escape(replacement)

    return write
