"""The article model: a news story as a structured record mapped back to its source.

An :class:`Article` holds the source text exactly as read and a tuple of
:class:`Block` objects (headline, standfirst, paragraphs, captions, ...). Every
block knows where each of its characters came from in the source, so a check
that finds something at ``block.text[i:j]`` can report an exact line and
column even when the source was HTML with tags and entities in between.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar

from newslint.diagnostic import Position
from newslint.regex import compile_re


class BlockKind(str, Enum):
    """The kinds of block an article is made of, in reading order of a typical story.

    A member is its string (``BlockKind.CAPTION == "caption"``), so a loader
    may give ``kind="caption"`` and a rule may compare with either. The kinds
    that rules, loaders and plugins treat alike are named groups of the
    enum, frozensets of members, so that no module spells its own set:

    - ``BODY``: the running prose (:attr:`Article.body`, the field ``body``);
    - ``RUNNING``: the blocks of running copy a quotation may go on from one
      to the next (paragraphs and blockquotes);
    - ``COPY``: the story's own words, what the checks of copy read: all but
      bylines, photo credits and boilerplate;
    - ``PROSE``: what a prose check reads (:meth:`Article.prose_blocks`): all
      but photo credits and boilerplate;
    - ``NUMBERED``: the kinds whose field is numbered (``caption[2]``);
    - ``UNQUOTED``: the kinds in which no direct quotation is marked
      (``Block.quotes`` stays empty): captions, credits, boilerplate.
    """

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    BYLINE = "byline"
    SUBHEADING = "subheading"
    PARAGRAPH = "paragraph"
    BLOCKQUOTE = "blockquote"
    CAPTION = "caption"
    CREDIT = "credit"
    BOILERPLATE = "boilerplate"

    BODY: ClassVar[frozenset[BlockKind]]
    RUNNING: ClassVar[frozenset[BlockKind]]
    COPY: ClassVar[frozenset[BlockKind]]
    PROSE: ClassVar[frozenset[BlockKind]]
    NUMBERED: ClassVar[frozenset[BlockKind]]
    UNQUOTED: ClassVar[frozenset[BlockKind]]

    # a member prints as its value on every Python, as the plain string would
    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


BlockKind.BODY = frozenset({BlockKind.PARAGRAPH, BlockKind.SUBHEADING, BlockKind.BLOCKQUOTE})
BlockKind.RUNNING = frozenset({BlockKind.PARAGRAPH, BlockKind.BLOCKQUOTE})
BlockKind.PROSE = frozenset(BlockKind) - {BlockKind.CREDIT, BlockKind.BOILERPLATE}
BlockKind.COPY = BlockKind.PROSE - {BlockKind.BYLINE}
BlockKind.NUMBERED = frozenset({BlockKind.CAPTION, BlockKind.CREDIT})
BlockKind.UNQUOTED = frozenset({BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.BOILERPLATE})

#: Every kind's name, in reading order (``tuple(BlockKind)`` as strings).
BLOCK_KINDS = tuple(k.value for k in BlockKind)

#: The running prose (what ``Article.body`` returns): ``BlockKind.BODY``.
BODY_KINDS = BlockKind.BODY

# Reading an attribute of an Enum class costs a Python-level __getattr__ call (EnumType
# has one), several times a plain lookup: code that asks once a block binds the group first.
_BODY, _NUMBERED, _PROSE = BlockKind.BODY, BlockKind.NUMBERED, BlockKind.PROSE
_HEADLINE, _STANDFIRST, _CAPTION = BlockKind.HEADLINE, BlockKind.STANDFIRST, BlockKind.CAPTION


@dataclass(frozen=True)
class Block:
    """One part of an article: its text, its kind and where it sits in the source.

    ``start`` is the source offset of ``text[0]``. When the text is not a
    contiguous copy of the source (HTML entities, inline tags, a JSON string
    with escapes) ``segments`` holds ``(text_index, source_offset)`` break
    points: text index ``i`` maps to ``source_offset + (i - text_index)`` of
    the last break point at or before ``i``. ``quotes`` holds block-relative
    ``(start, end)`` spans of the words inside direct quotations, in order and
    not overlapping. For a
    caption, ``credit`` is the block-relative span of its photo credit
    ("Photograph: Getty Images"), if it has one. ``languages`` holds
    block-relative ``(start, end, language)`` spans that the markup sets apart
    as perhaps another language, in order (they may nest): ``language`` is the
    tag of a ``lang`` attribute that is not English (``"fr"``, ``"la"``; an
    English one inside such a run makes its words English again), or ``""``
    for italics and emphasis (``<i>``, ``<em>``, Markdown ``*...*`` and
    ``_..._``), which newspapers use for foreign words and for titles and
    stress alike.
    """

    kind: str
    text: str
    start: int
    index: int = 0
    segments: tuple[tuple[int, int], ...] = ()
    quotes: tuple[tuple[int, int], ...] = ()
    credit: tuple[int, int] | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    languages: tuple[tuple[int, int, str], ...] = ()

    def __post_init__(self) -> None:
        if self.quotes and any(a > b for a, b in zip(self.quotes, self.quotes[1:], strict=False)):
            object.__setattr__(self, "quotes", tuple(sorted(self.quotes)))

    @property
    def field(self) -> str:
        """The article field as diagnostics name it: ``headline``, ``body``, ``caption[2]``."""
        if self.kind in _BODY:
            return "body"
        if self.kind in _NUMBERED:
            return f"{self.kind}[{self.index + 1}]"
        return str(self.kind)

    def source_offset(self, i: int) -> int:
        """Map a block-relative index (0..len(text)) to a source offset."""
        if not self.segments:
            return self.start + i
        # the last break point at or before i: (i + 1,) sorts before every (i + 1, offset)
        k = bisect.bisect_left(self.segments, (i + 1,)) - 1
        if k < 0:
            return self.start + i
        t, s = self.segments[k]
        return s + (i - t)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a block-relative ``[start, end)`` to source offsets, end exclusive.

        A span whose last character stands for a longer stretch of source (an
        entity, "caf&#233;") ends where the text's next run starts, past the
        whole entity, so that a fix replaces all of it.
        """
        src_start = self.source_offset(start)
        if end <= start:
            return src_start, src_start
        src_end = self.source_offset(end - 1) + 1
        segments = self.segments
        if segments:
            k = bisect.bisect_left(segments, (end,))  # the first break point at or after end
            # a run of one character, the next starting right after it further on in the source
            if 0 < k < len(segments) and segments[k][0] == end and segments[k - 1][0] == end - 1:
                src_end = max(src_end, segments[k][1])
        return src_start, max(src_end, src_start)

    @property
    def end(self) -> int:
        """Source offset just past the block's last character."""
        return self.source_span(0, len(self.text))[1]

    def in_quote(self, start: int, end: int | None = None) -> bool:
        """True when ``text[start:end]`` lies inside a direct quotation."""
        return self.quote_at(start, end) is not None

    def quote_at(self, start: int, end: int | None = None) -> tuple[int, int] | None:
        """The quotation span holding ``text[start:end]``, or None."""
        end = start + 1 if end is None else end
        if not self.quotes:
            return None
        # quotations are sorted and do not overlap: only the last one starting at or
        # before ``start`` can hold the span (a block of many quotes stays fast)
        k = bisect.bisect_right(self.quotes, (start, float("inf"))) - 1
        if k < 0:
            return None
        qs, qe = self.quotes[k]
        return (qs, qe) if qs <= start and end <= qe else None

    def language_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        """The ``languages`` span holding ``text[start:end]``, or None (see the class docstring)."""
        if not self.languages:
            return None
        k = bisect.bisect_right(self.languages, (start, float("inf"), "")) - 1
        # spans are few and may nest (<em lang="fr"> inside <i>): look back for the innermost
        for ls, le, lang in reversed(self.languages[: k + 1]):
            if ls <= start and end <= le:
                return ls, le, lang
        return None

    @property
    def caption_text(self) -> str:
        """For a caption, its words without the photo credit."""
        if self.credit is None:
            return self.text
        return (self.text[: self.credit[0]] + self.text[self.credit[1] :]).strip()

    @property
    def credit_text(self) -> str | None:
        if self.credit is None:
            return None
        return self.text[self.credit[0] : self.credit[1]]


@dataclass(frozen=True)
class Article:
    """A news article: the source text and the blocks found in it.

    ``path`` is how diagnostics name the file (``-`` for standard input).
    ``encoding`` and ``newline`` record how the file was stored so that a fix
    can write it back the same way.
    """

    path: str
    source: str
    blocks: tuple[Block, ...]
    format: str = "text"
    encoding: str = "utf-8"
    newline: str = "\n"
    metadata: Mapping[str, Any] = field(default_factory=dict)
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", self.source))
        object.__setattr__(self, "_line_starts", tuple(starts))

    # -- positions -------------------------------------------------------------

    def position(self, offset: int) -> Position:
        """The 1-based line and column of a source offset."""
        offset = max(0, min(offset, len(self.source)))
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(line=i + 1, column=offset - self._line_starts[i] + 1, offset=offset)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

    # -- parts -----------------------------------------------------------------

    def blocks_of(self, *kinds: str) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in kinds)

    @property
    def headline(self) -> Block | None:
        found = self.blocks_of(_HEADLINE)
        return found[0] if found else None

    @property
    def standfirst(self) -> Block | None:
        found = self.blocks_of(_STANDFIRST)
        return found[0] if found else None

    @property
    def body(self) -> tuple[Block, ...]:
        """Paragraphs, subheadings and blockquotes, in order."""
        return tuple(b for b in self.blocks if b.kind in _BODY)

    @property
    def captions(self) -> tuple[Block, ...]:
        return self.blocks_of(_CAPTION)

    def prose_blocks(self) -> Iterator[Block]:
        """Every block a prose check reads: all but credits and boilerplate."""
        return (b for b in self.blocks if b.kind in _PROSE)

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.prose_blocks())


# -- helpers for loaders -----------------------------------------------------------

_QUOTE_MARK = compile_re('["\u201c\u201d\u00ab\u00bb]')
_OPENS = {"\u201c": "\u201d", "\u00ab": "\u00bb"}


def straight_quote_role(text: str, i: int, inside: bool) -> str | None:
    """Whether the straight double quote at ``text[i]`` opens or closes a quotation.

    By its neighbours: after a space (or a bracket or dash) and before a word
    it opens; after a word or punctuation and before a space or punctuation it
    closes. A mark that says neither closes what is open (``inside``); with
    nothing open it opens (``read:"We``, ``be " very``), unless it follows a
    digit, where it is an inch mark (``5' 10" tall``) and ``None`` is returned.
    """
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isdigit() and after.isspace():
        return "close" if inside else None
    if (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014\u2013-'\u2019" or i + 1 == len(text)):
        return "close"
    if inside:
        return "close"
    return None if before.isdigit() else "open"


def find_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of direct quotations in one block, inner text only.

    Curly and straight double quotes and guillemets count. Curly marks and
    guillemets say which way they face; a straight mark opens or closes by
    what stands beside it (:func:`straight_quote_role`), not by taking turns,
    because a quotation run on from a merged paragraph (``said: "One. "Two."``)
    would otherwise turn inside out. An opening mark while a quotation is open
    continues it. A quotation left open at the end of a paragraph runs to the
    paragraph's end, as news style does for a quote continued in the next
    paragraph. Single quotes are left alone: they are far more often
    apostrophes or headline quotes.
    """
    spans: list[tuple[int, int]] = []
    start = -1
    closer = ""
    for m in _QUOTE_MARK.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == '"':
            role = straight_quote_role(text, i, start >= 0)
            if role == "close" and start >= 0 and closer == '"':
                spans.append((start, i))
                start = -1
            elif role == "open" and start < 0:
                start, closer = i + 1, '"'
        elif ch in _OPENS:
            if start < 0:
                start, closer = i + 1, _OPENS[ch]
        elif start >= 0 and ch == closer:
            spans.append((start, i))
            start = -1
    if start >= 0:
        spans.append((start, len(text)))
    return tuple(spans)


CREDIT_RE = compile_re(
    r"""(?:
        \b(?:Photograph|Photographs|Photo|Photos|Picture|Pictures|Pic|Image|Images|Illustration|
           Graphic|Video|Credit|Source)\s*:\s*\S.*
      | \(c\)\s*\S.*
      | \u00a9\s*\S.*
    )$""",
    re.VERBOSE | re.IGNORECASE,
)


#: The longest photo credit :func:`find_credit` recognises, in characters.
MAX_CREDIT_LENGTH = 200


def find_credit(text: str) -> tuple[int, int] | None:
    """The span of a trailing photo credit in a caption-like line, if any.

    Recognises "... Photograph: Getty Images", "Photo: Reuters",
    "Picture: PA", "(c) AFP" and "\u00a9 AFP".
    """
    # a credit is short and trailing: look only at the end, which also keeps a
    # story pasted as one huge line from costing a scan per keyword in it
    pos = max(0, len(text.rstrip()) - MAX_CREDIT_LENGTH)
    # every credit holds a colon, "(c)" or a copyright sign: most paragraphs (single lines, so
    # each one is asked) have none, and a substring test is far cheaper than the search
    tail = text[pos:] if pos else text
    if ":" not in tail and "\u00a9" not in tail and "(c)" not in tail and "(C)" not in tail:
        return None
    while (m := CREDIT_RE.search(text, pos)) is not None:
        start = m.start()
        pos = start + 1
        # the credit must follow the caption's words or stand alone on the line
        if start > 0 and not text[start - 1].isspace() and text[start - 1] not in ".,;-\u2013\u2014(":
            continue
        # prose is not a credit: "the company's image: tarnished", "clause (c) of the deal"
        if text[start].islower():
            continue
        if text[start] in "(\u00a9":
            after = text[start + (3 if text[start] == "(" else 1) :].lstrip()
            if after[:1].islower():
                continue
        end = len(text.rstrip())
        if start > 0 and text[start - 1] == "(" and text[end - 1] == ")":
            start -= 1  # "(Image: Reuters)": the brackets belong to the credit
        return (start, end)
    return None
