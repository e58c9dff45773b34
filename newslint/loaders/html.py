"""HTML as a CMS exports it, read with the standard library's ``html.parser``.

The parser never fetches anything (no images, stylesheets or DTDs) and never
raises on broken markup: unclosed tags are closed when their parent ends or a
new block begins, stray end tags are ignored. What becomes what:

* ``<h1>``: the headline (a later ``<h1>`` is a subheading); ``<h2>``-``<h6>``:
  subheadings.
* ``<p>``, ``<li>``, ``<td>``, and text directly inside a ``<div>`` or
  ``<section>``: paragraphs. Whitespace collapses as a browser shows it;
  ``<br>`` is a line break.
* A standfirst: any element whose class has one of the words ``standfirst``,
  ``dek``, ``deck``, ``strapline``, ``subtitle``, ``summary``, ``lede``,
  ``intro`` or ``description`` (class names are split on spaces, ``-`` and
  ``_``, so ``article__standfirst`` counts); or a heading of eight words or
  more straight after the headline (a dek set as ``<h2>``).
* A byline: ``<address>``, an element with class ``byline`` / ``author``,
  ``rel="author"`` or ``itemprop="author"`` (also on a link inside the
  paragraph, as in ``By <a rel="author">Jane Smith</a>``), or a short
  paragraph reading "By Jane Smith".
* ``<figure>`` with ``<img>`` and ``<figcaption>``: a caption block. Its
  credit is an element inside the figcaption with class ``credit``,
  ``copyright``, ``photographer`` or ``attribution`` (or a ``<cite>``, a
  ``<small>``, ``itemprop="author"`` / ``"creditText"``); or such an element
  elsewhere in the figure (its text is then appended to the caption after a
  space); or else a trailing "Photograph: ..." found in the text. The block's
  ``data["image"]`` is the image's ``src`` (or ``data-src``, or the ``id`` of
  the image or figure), so the same picture used twice can be recognised.
  An element with class ``caption`` (``wp-caption-text``) outside a figure is
  a caption of the last image seen.
* ``<blockquote>``: blockquote blocks (in a figure with no image, the
  figcaption is the quote's attribution and a blockquote block too).
  ``<footer>``: boilerplate.
* Ignored: ``<head>`` (its ``<title>`` and ``<meta>`` description / author go
  into ``article.metadata``), ``<script>``, ``<style>``, ``<noscript>``,
  ``<template>``, ``<svg>``, ``<math>``, ``<iframe>``, ``<object>``, ``<nav>``,
  ``<aside>``, ``<form>``, ``<button>``, ``<select>``, ``<textarea>`` and
  comments.

Only the article is read, not the page around it: see
:mod:`newslint.loaders.locate` (``<article>``, ``<main>``, ``itemprop=articleBody``,
JSON-LD or the ``html-selector`` setting), and page furniture (share bars, ad
slots, cookie banners) is skipped wherever it stands.

Entities (``&amp;``, ``&#233;``, ``&eacute;``) are decoded, and each decoded
character maps back to the ``&`` that starts it. A file with nothing usable in
it is read as plain text.
"""

from __future__ import annotations

import html
import html.entities
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from newslint.article import Article, BlockKind, find_credit
from newslint.hookspecs import hookimpl
from newslint.loaders.locate import is_chrome, locate
from newslint.loaders.offsets import BOILERPLATE, BYLINE, BlockCollector, MappedText, TextBuilder
from newslint.loaders.text import detect_newline, parse_text
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

SUFFIXES = (".html", ".htm", ".xhtml")

#: Deeper markup than this is not an article (browsers stop nesting at a few hundred levels).
MAX_DEPTH = 1000


class MarkupTooDeep(ValueError):
    """The markup nests deeper than :data:`MAX_DEPTH`; the file is reported, not read."""


_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_SKIP = frozenset(
    "head script style noscript template svg math iframe object nav aside form button select textarea".split()
)
_HEAD_CONTENT = frozenset("title meta link style script base noscript template".split())
_BLOCK = frozenset(
    """address article blockquote body caption dd details dialog div dl dt fieldset figcaption
    figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main ol p pre section summary
    table tbody td tfoot th thead tr ul""".split()
)
#: Inside these a nested block element does not start a new block: their text is one line.
_LEAF = frozenset("h1 h2 h3 h4 h5 h6 figcaption address pre caption dt".split())
#: Block starts that close an open <p>, as browsers do.
_CLOSES_P = _BLOCK - {"body", "html"}
#: An element of these groups closes an open sibling of the same group.
_SIBLINGS = {
    "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "td": ("td", "th"), "th": ("td", "th"),
    "tr": ("tr",), "h1": ("h1", "h2", "h3", "h4", "h5", "h6"), "h2": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "h3": ("h1", "h2", "h3", "h4", "h5", "h6"), "h4": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "h5": ("h1", "h2", "h3", "h4", "h5", "h6"), "h6": ("h1", "h2", "h3", "h4", "h5", "h6"),
}
_SIBLING_SCOPE = frozenset("ul ol dl table tbody thead tfoot figure blockquote body html div section article".split())

_STANDFIRST_WORDS = frozenset("standfirst dek deck strapline subtitle summary lede intro description".split())
_BYLINE_WORDS = frozenset("byline author authors contributor".split())
_CREDIT_WORDS = frozenset("credit credits copyright photographer attribution credittext copyrightholder".split())
_CAPTION_WORDS = frozenset({"caption"})
#: the kinds an element inside one of them takes from it (a <p> in a <blockquote> is the quote's)
_INHERITED = frozenset({BlockKind.BLOCKQUOTE, BlockKind.BYLINE, BlockKind.STANDFIRST, BlockKind.BOILERPLATE,
                        BlockKind.CREDIT})
#: the kinds an inline element (a <span class="credit">) starts a block of its own for
_OWN_BLOCK = frozenset({BlockKind.CREDIT, BlockKind.CAPTION, BlockKind.STANDFIRST})

_ENTITY = compile_re(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
_TAG_ONLY = compile_re("<")
_HTML_SPACES = frozenset(" \t\n\r\f")


def _words(attrs: dict[str, str | None]) -> frozenset[str]:
    cls = " ".join(attrs.get(k) or "" for k in ("class", "id", "itemprop"))
    return frozenset(w for w in re.split(r"[\s_-]+", cls.lower()) if w)


def marked_language(tag: str, attrs: dict[str, str | None], inside: int) -> str | None:
    """The language an element marks its content as: a ``lang`` tag, ``""`` for italics, or None.

    An English ``lang`` counts only inside another marked element (``<i lang="en">`` in a French
    phrase); on ``<html>`` or ``<article>`` it is what the copy is anyway.
    """
    lang = (attrs.get("lang") or attrs.get("xml:lang") or "").strip()
    if lang and (inside or lang.split("-")[0].lower() != "en"):
        return lang
    return "" if tag in ("i", "em") else None


def _image_key(attrs: dict[str, str | None]) -> str | None:
    for key in ("src", "data-src", "data-original", "id"):
        value = attrs.get(key)
        if value and value.strip():
            return value.strip()
    return None


def is_dek(c: BlockCollector, text: str) -> bool:
    """A heading straight after the headline (the caller knows), too long for a subheading: the standfirst."""
    return not c.has("standfirst") and len(text.split()) >= 8


@dataclass
class _Figure:
    """A ``<figure>`` being read: its picture, caption and separate credit."""

    image: str | None = None
    caption: MappedText | None = None
    credit_span: tuple[int, int] | None = None
    credit: MappedText | None = None
    fallback_id: str | None = None
    quote: bool = False  # a pull quote: its figcaption is the attribution


@dataclass
class _Elem:
    tag: str
    kind: str | None  # the kind of block this element's own text becomes
    builder: TextBuilder | None = None  # set for elements that own a block
    skip: bool = False
    credit_start: int | None = None  # an inline credit element inside a caption
    figure: _Figure | None = None
    byline_mark: bool = False
    credit_spans: list[tuple[int, int]] = field(default_factory=list)
    language: tuple[int, str] | None = None  # where an <i>, <em> or lang= element's content starts, and its language


class _Extractor(HTMLParser):
    """Walks the markup once, building blocks into a :class:`BlockCollector`."""

    def __init__(self, source: str, base: int = 0, collector: BlockCollector | None = None) -> None:
        self.source = source
        self.base = base
        self.collector = collector or BlockCollector()
        self.metadata: dict[str, Any] = {}
        self.elements = 0
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in re.finditer("\n", source))
        self.stack: list[_Elem] = []
        # kept beside the stack so no start tag scans it: linear time however deep the markup
        self._open: Counter[str] = Counter()
        self.root = _Elem("#root", "paragraph", TextBuilder())
        self._owners: list[_Elem] = [self.root]
        self.skip = 0
        self.pre = 0
        self.figures: list[_Figure] = []
        self.last_image: str | None = None
        self.title: TextBuilder | None = None
        self.chrome = 0  # page-furniture elements skipped (menus, share bars, ad slots)
        self._marked = 0  # open elements that mark a language
        super().__init__(convert_charrefs=False)

    # Entities are decoded here, in handle_data, so that each keeps its
    # position: html.parser's own charref handling can swallow the rest of a
    # broken document after a stray "&#".
    def reset(self) -> None:
        super().reset()
        self.interesting = _TAG_ONLY

    def clear_cdata_mode(self) -> None:
        super().clear_cdata_mode()
        self.interesting = _TAG_ONLY

    def parse_html_declaration(self, i: int) -> int:
        # "<![" that is not CDATA makes html.parser give up with an AssertionError;
        # read it as text instead, as a browser shows a bogus comment's neighbours
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return -1

    # -- positions ---------------------------------------------------------------

    def _here(self) -> int:
        line, col = self.getpos()
        return self.base + self._line_starts[line - 1] + col

    # -- tree --------------------------------------------------------------------

    def _owner(self) -> _Elem:
        return self._owners[-1]

    def _leaf_open(self) -> bool:
        return any(self._open[t] for t in _LEAF)

    def _in(self, tag: str) -> bool:
        return self._open[tag] > 0

    def _push(self, el: _Elem) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise MarkupTooDeep(f"markup is nested more than {MAX_DEPTH} elements deep")
        self.stack.append(el)
        self._open[el.tag] += 1
        if el.builder is not None:
            self._owners.append(el)

    def _pop_to(self, i: int) -> None:
        while len(self.stack) > i:
            el = self.stack.pop()
            self._open[el.tag] -= 1
            if el is self._owners[-1]:
                self._owners.pop()
            self._close(el)

    def _find_open(self, tags: tuple[str, ...] | frozenset[str], scope: frozenset[str] = frozenset()) -> int:
        if not any(self._open[t] for t in tags):
            return -1
        for i in range(len(self.stack) - 1, -1, -1):
            tag = self.stack[i].tag
            if tag in tags:
                return i
            if tag in scope:
                return -1
        return -1

    def _kind(self, tag: str, attrs: dict[str, str | None], parent: str | None) -> str | None:
        if tag == "figure":
            return parent
        words = _words(attrs)
        if tag == "figcaption" or (words & _CAPTION_WORDS and parent != "caption"):
            return "caption"
        authorish = "author" in (attrs.get("rel") or "").split() or attrs.get("itemprop") == "author"
        if words & _CREDIT_WORDS and (self.figures or parent == "caption" or "copyright" not in words):
            return "credit"
        if parent == "caption":
            # <cite>, <small> and a schema.org author inside a caption name the photographer
            return "credit" if tag in ("cite", "small") or authorish else "caption"
        if tag == "address" or words & _BYLINE_WORDS or authorish:
            return "byline"
        if words & _STANDFIRST_WORDS:
            return "standfirst"
        if tag == "h1":
            return "headline"
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return "subheading"
        if tag == "blockquote":
            return "blockquote"
        if tag == "footer" or "copyright" in words:
            return "boilerplate"
        if parent in _INHERITED:
            return parent
        return "paragraph"

    # -- handlers ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        at = dict(attrs)
        if tag not in _HEAD_CONTENT and self._in("head"):
            self._pop_to(self._find_open(("head",)))  # a body began without </head>
        if tag in _VOID:
            self._void(tag, at)
            return
        if tag == "title":
            self.title = TextBuilder()
            self._push(_Elem(tag, None, skip=True))
            self.skip += 1
            return
        if self.skip or tag in _SKIP or is_chrome(tag, at):
            self.chrome += not self.skip and (tag in ("nav", "aside") or tag not in _SKIP)
            self._push(_Elem(tag, None, skip=True))
            self.skip += 1
            return
        if tag == "p" or tag in _CLOSES_P:
            i = self._find_open(("p",), _SIBLING_SCOPE)
            if i >= 0 and not self._leaf_open():
                self._pop_to(i)
        if tag in _BLOCK and tag not in _LEAF:
            # body copy inside an unclosed heading: the heading ended
            i = self._find_open(("h1", "h2", "h3", "h4", "h5", "h6"), _SIBLING_SCOPE)
            if i >= 0:
                self._pop_to(i)
        group = _SIBLINGS.get(tag)
        if group:
            i = self._find_open(group, _SIBLING_SCOPE)
            if i >= 0:
                self._pop_to(i)
        parent = self.stack[-1].kind if self.stack else None
        kind = self._kind(tag, at, parent)
        el = _Elem(tag, kind)
        owner = self._owner()
        if kind == "credit" and owner.kind == "caption" and owner.builder is not None:
            el.credit_start = len(owner.builder)  # a credit inside the caption's own text
        elif tag in _BLOCK or (kind != parent and kind in _OWN_BLOCK):
            if self._leaf_open():
                if owner.builder is not None and len(owner.builder):
                    owner.builder.add_collapsed(" ", self._here())
            else:
                self._flush(owner)
                el.builder = TextBuilder()
        if kind == "byline" and el.builder is None:
            owner.byline_mark = True
        if tag == "figure":
            el.figure = _Figure(image=None, fallback_id=at.get("id"))
            self.figures.append(el.figure)
        if tag == "pre":
            self.pre += 1
        if tag == "blockquote" and self.figures:
            self.figures[-1].quote = True
        lang = marked_language(tag, at, self._marked)
        if lang is not None:
            el.language = (self._here() + len(self.get_starttag_text() or ""), lang)
            self._marked += 1
        self._push(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
        else:  # <p/> or <div/>: open and close at once
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def _void(self, tag: str, at: dict[str, str | None]) -> None:
        if tag == "br":
            if not self.skip:
                b = self._owner().builder
                if b is not None:
                    b.add_break(self._here())
        elif tag == "img" and not self.skip:
            key = _image_key(at)
            if self.figures:
                fig = self.figures[-1]
                if fig.image is None:
                    fig.image = key
            else:
                self.last_image = key
        elif tag == "hr":
            if not self.skip and not self._leaf_open():
                self._flush(self._owner())
        elif tag == "meta":
            name = (at.get("name") or at.get("property") or "").lower()
            content = at.get("content")
            if name and content is not None and name not in self.metadata:
                self.metadata[name] = content

    def handle_endtag(self, tag: str) -> None:
        if not self._open[tag]:
            return  # a stray end tag: ignored, as browsers do
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                self._pop_to(i)
                return
        # a stray end tag: ignored, as browsers do

    def handle_data(self, data: str) -> None:
        if self.title is not None and self.stack and self.stack[-1].tag == "title":
            self._add(self.title, data, self._here(), collapse=True)
            return
        if self.skip:
            return
        b = self._owner().builder
        assert b is not None
        self._add(b, data, self._here(), collapse=not self.pre)

    def _add(self, b: TextBuilder, data: str, src: int, *, collapse: bool) -> None:
        put = b.add_collapsed if collapse else b.add
        if "&" not in data:
            put(data, src)
            return
        pos = 0
        for m in _ENTITY.finditer(data):
            raw = m.group()
            if raw.endswith(";") or raw.startswith("&#") or raw[1:] in html.entities.html5:
                decoded = html.unescape(raw)
            else:
                decoded = raw
            if decoded == raw:
                continue
            if m.start() > pos:
                put(data[pos : m.start()], src + pos)
            if collapse and decoded in _HTML_SPACES:
                b.add_collapsed(" ", src + m.start())
            else:
                b.add_replacement(decoded, src + m.start())
            pos = m.end()
        if pos < len(data):
            put(data[pos:], src + pos)

    # -- closing and emitting ----------------------------------------------------------

    def _close(self, el: _Elem) -> None:
        if el.skip:
            self.skip -= 1
            if el.tag == "title" and self.title is not None:
                self.metadata.setdefault("title", self.title.build().text)
                self.title = None
            return
        if el.tag == "pre":
            self.pre -= 1
        if el.language is not None:
            self._marked -= 1
            self.collector.marks.append((el.language[0], self._here(), el.language[1]))
        if el.credit_start is not None:
            owner = self._owner()
            if owner.builder is not None:
                owner.credit_spans.append((el.credit_start, len(owner.builder)))
        if el.builder is not None:
            self._flush(el)
        if el.figure is not None:
            if self.figures and self.figures[-1] is el.figure:
                self.figures.pop()
            self._emit_figure(el.figure)

    def _flush(self, el: _Elem) -> None:
        """Turn the text ``el`` has collected so far into a block."""
        b = el.builder
        if b is None or not len(b):
            el.credit_spans.clear()
            el.byline_mark = False
            return
        raw = b.raw()
        el.builder = TextBuilder()
        spans, el.credit_spans = el.credit_spans, []
        mark, el.byline_mark = el.byline_mark, False
        mt = raw.strip()
        if not mt.text:
            return
        left = len(raw.text) - len(raw.text.lstrip())
        credit = None
        for cs, ce in spans:
            cs, ce = max(cs - left, 0), min(ce - left, len(mt.text))
            while cs < ce and mt.text[cs].isspace():
                cs += 1
            while ce > cs and mt.text[ce - 1].isspace():
                ce -= 1
            if cs < ce:
                credit = (cs, ce) if credit is None else (min(credit[0], cs), max(credit[1], ce))
        self._emit(el.kind or "paragraph", mt, credit, mark)

    def _emit(self, kind: str, mt: MappedText, credit: tuple[int, int] | None, byline_mark: bool) -> None:
        c = self.collector
        text = mt.text
        if kind == "headline" and c.has("headline"):
            kind = "subheading"
        elif kind == "byline" and len(text) > 200:
            kind = "paragraph"
        elif kind == "standfirst" and c.has("standfirst"):
            kind = "paragraph"
        elif kind == "subheading" and c.blocks and c.blocks[-1].kind == "headline" and is_dek(c, text):
            kind = "standfirst"
        elif kind == "paragraph":
            single = "\n" not in text
            if single and len(text) < 150 and (byline_mark or BYLINE.match(text)):
                kind = "byline"
            elif BOILERPLATE.match(text):
                kind = "boilerplate"
            elif single and len(text) < 400 and find_credit(text) is not None:
                kind = "caption"
        if kind == "caption":
            if self.figures:
                fig = self.figures[-1]
                if fig.caption is not None:
                    self._emit_caption(fig.caption, fig.credit_span, fig.image or fig.fallback_id)
                fig.caption, fig.credit_span = mt, credit
                return
            self._emit_caption(mt, credit, self.last_image)
            self.last_image = None
            return
        if kind == "credit":
            if self.figures:
                fig = self.figures[-1]
                fig.credit = mt if fig.credit is None else fig.credit + MappedText(" ", ((0, mt.runs[0][1]),)) + mt
                return
            last = c.blocks[-1] if c.blocks else None
            if last is not None and last.kind == "caption" and last.credit is None:
                c.pop()  # the credit of the caption just before it: one block, as in a figure
                joined = MappedText.of_block(last) + MappedText(" ", ((0, last.end),)) + mt
                span = (len(joined.text) - len(mt.text), len(joined.text))
                c.add("caption", joined, credit=span, data=dict(last.data))
                return
            c.add("credit", mt, credit=(0, len(text)))
            return
        c.add(kind, mt)

    def _emit_caption(self, mt: MappedText, credit: tuple[int, int] | None, image: str | None) -> None:
        if credit is None:
            credit = find_credit(mt.text)
        data = {"image": image} if image else {}
        self.collector.add("caption", mt, credit=credit, data=data)

    def _emit_figure(self, fig: _Figure) -> None:
        image = fig.image or fig.fallback_id
        caption, credit = fig.caption, fig.credit_span
        if fig.quote and fig.image is None:  # <figure><blockquote>...<figcaption>Mr Cho
            if caption is not None:
                self.collector.add("blockquote", caption)
            return
        if fig.credit is not None:
            if caption is None:
                data = {"image": image} if image else {}
                self.collector.add("credit", fig.credit, credit=(0, len(fig.credit.text)), data=data)
                return
            joined = caption + MappedText(" ", ((0, caption.offset(len(caption.text) - 1) + 1),)) + fig.credit
            credit = (len(joined.text) - len(fig.credit.text), len(joined.text))
            caption = joined
        if caption is not None:
            self._emit_caption(caption, credit, image)

    def finish(self) -> None:
        """Close whatever the markup left open."""
        try:
            self.close()
        except Exception:  # as in extract(): what was read so far still counts
            pass
        finally:
            self.skip = 0
            self._pop_to(0)
            self._flush(self.root)
            while self.figures:
                self._emit_figure(self.figures.pop())


def extract(source: str, base: int = 0, collector: BlockCollector | None = None) -> _Extractor:
    """Parse ``source`` (which starts at ``base`` in the file) into ``collector``."""
    ex = _Extractor(source, base, collector)
    try:
        ex.feed(source)
    except MarkupTooDeep:
        raise
    except Exception:  # html.parser on hostile input: keep what was read so far
        ex.rawdata = ""
    ex.finish()
    return ex


def parse_html(path: str, text: str, selector: str | None = None) -> Article:
    """Build an :class:`Article` from HTML (see the module docstring).

    Only the article is read (:func:`newslint.loaders.locate.locate`): the
    element ``selector`` names, an ``<article>``, ``itemprop="articleBody"``,
    ``<main>`` or a JSON-LD ``articleBody``, else the whole page. Raises
    ``ValueError`` for a page that holds only page furniture (menus, banners,
    share bars), and for a selector that matches nothing.
    """
    found = locate(text, selector)
    metadata: dict[str, Any] = {}
    if found is not None and found.record is not None:
        collector = BlockCollector()
        head = extract(text[: text.lower().find("<body")] if "<body" in text.lower() else "")
        metadata.update(head.metadata)
        _json_ld_blocks(found, collector)
        ex = None
    else:
        start, end = (found.start, found.end) if found is not None else (0, len(text))
        try:
            ex = extract(text[start:end], start)
        except MarkupTooDeep:
            raise
        except Exception:  # html.parser on hostile input; plain text still gets checked
            return parse_text(path, text)
        collector = ex.collector
        if found is not None:
            # the page's <head> (title, meta description) lies outside the article
            metadata.update(extract(text[:start]).metadata if start else {})
            if found.headline is not None and not collector.has("headline"):
                h_start, h_end = found.headline
                extract(text[h_start:h_end], h_start, collector)
            metadata["html-article"] = found.how
        metadata.update(ex.metadata)
    blocks = collector.ordered()
    if ex is not None and not ex.elements:
        return parse_text(path, text)
    prose = BlockKind.PROSE
    if not any(b.kind in prose for b in blocks):
        if ex is not None and not blocks and not ex.chrome:
            return parse_text(path, text)
        raise ValueError(
            "no article in the page: only menus, banners and other page furniture "
            "(mark the story with <article> or <main>, or set html-selector)"
        )
    return Article(
        path=path, source=text, blocks=blocks, format="html", newline=detect_newline(text), metadata=metadata
    )


def _json_ld_blocks(found: Any, c: BlockCollector) -> None:
    """Blocks from a JSON-LD ``NewsArticle``: headline, description, author and articleBody."""
    from newslint.loaders.jsonmap import mapped

    script, base = found.script
    record = found.record

    def text_of(value: Any) -> MappedText | None:
        if not isinstance(value, str) or not hasattr(value, "pos"):
            return None
        mt = mapped(script, value)  # type: ignore[arg-type]
        return MappedText(mt.text, tuple((t, s + base) for t, s in mt.runs)).strip()

    for key, kind in (("headline", BlockKind.HEADLINE), ("description", BlockKind.STANDFIRST)):
        mt = text_of(record.get(key))
        if mt is not None:
            c.add(kind, mt)
    authors = record.get("author")
    for author in authors if isinstance(authors, list) else [authors]:
        mt = text_of(author.get("name") if isinstance(author, dict) else author)
        if mt is not None:
            c.add("byline", mt)
    body = text_of(record["articleBody"])
    if body is None:
        return
    paras = body.paragraphs()
    if len(paras) == 1 and "\n" in paras[0].text:  # one paragraph a line, as many sites write it
        lines, pos = [], 0
        for m in re.finditer("\n", paras[0].text):
            lines.append(paras[0].slice(pos, m.start()).strip())
            pos = m.end()
        lines.append(paras[0].slice(pos, len(paras[0].text)).strip())
        paras = [p for p in lines if p.text]
    for p in paras:
        c.add("boilerplate" if BOILERPLATE.match(p.text) else "paragraph", p)


_SNIFF = compile_re(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main|section|div|h[1-6]|p|figure)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` begins like an HTML document or fragment."""
    return _SNIFF.match(text[:4096]) is not None


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """Read ``.html`` / ``.htm`` files, and standard input that starts with an HTML tag."""
    if path.lower().endswith(SUFFIXES) or (path == "-" and looks_like_html(text)):
        return parse_html(path, text, config.html_selector)
    return None


_TAG = compile_re(r"[<>]")
_MARKUP = compile_re(r"[<>&]")


def escape_fix(original: str, replacement: str) -> str | None:
    """A fix written into HTML: the replacement escaped (``&amp;``); never over a tag or an entity.

    Deleting text that holds entities but no tag, as "&ndash; Copyright ..." does, breaks nothing.
    """
    if not replacement and not _TAG.search(original):
        return replacement
    return None if _MARKUP.search(original) else html.escape(replacement, quote=False)


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    return escape_fix if format == "html" else None
