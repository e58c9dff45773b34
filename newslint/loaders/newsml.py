"""NewsML-G2, the IPTC's news exchange format: a ``<newsItem>`` or a ``<newsMessage>`` of them.

A text item (``itemClass`` ``ninat:text``, or any item with text content)
becomes one article::

    <newsItem guid="..." standard="NewsML-G2">
      <itemMeta><itemClass qcode="ninat:text"/>...</itemMeta>
      <contentMeta>
        <headline>headline</headline>
        <description role="drol:summary">standfirst</description>
        <by>byline</by>   <creditline>...</creditline>   <dateline>...</dateline>
      </contentMeta>
      <contentSet>
        <inlineXML contenttype="application/xhtml+xml"><html><body>...</body></html></inlineXML>
      </contentSet>
    </newsItem>

The body is ``inlineXML`` read by the HTML loader's rules (XHTML), or NITF's
``body.content`` when the inline XML is NITF, or ``inlineData`` text split at
blank lines. A picture item (``ninat:picture``, ``ninat:graphic``) gives a
caption to the text item before it in the message (the first when none is
before): its ``description`` with role ``drol:caption`` (else its
``headline``) with its ``creditline`` as the photo credit. A message with
several text items gives several articles, each named by the file's path.
Every character maps back to the file. Fixes are not written back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.article import Article
from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import BOILERPLATE, BlockCollector, MappedText, join_caption, read_only
from newslint.loaders.text import detect_newline
from newslint.loaders.xmltree import SUFFIXES, Element, parse_xml, root_name

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

_PICTURES = frozenset({"ninat:picture", "ninat:graphic"})
_ROOTS = frozenset({"newsitem", "newsmessage"})


def _item_class(item: Element) -> str:
    cls = item.find("itemmeta", "itemclass")
    return ((cls.attr("qcode") if cls is not None else None) or "").lower()


def _description(meta: Element, role: str) -> Element | None:
    found = [d for d in meta.findall("description") if (d.attr("role") or "").lower() == role]
    return found[0] if found else None


def _text_item(item: Element, source: str) -> tuple[BlockCollector, dict[str, Any]]:
    c = BlockCollector()
    metadata: dict[str, Any] = {"guid": item.attr("guid"), "version": item.attr("version")}
    meta = item.find("contentmeta")
    if meta is not None:
        headline = meta.find("headline")
        if headline is not None:
            c.add("headline", headline.text())
        summary = _description(meta, "drol:summary")
        if summary is None:
            plain = [d for d in meta.findall("description") if not d.attr("role")]
            summary = plain[0] if plain else None
        if summary is not None:
            c.add("standfirst", summary.text())
        for by in meta.findall("by"):
            c.add("byline", by.text())
        for key in ("creditline", "dateline", "slugline"):
            el = meta.find(key)
            if el is not None:
                metadata[key] = el.text().text
        lang = meta.find("language")
        if lang is not None and lang.attr("tag"):
            metadata["language"] = lang.attr("tag")
    content = item.find("contentset")
    for part in content.children if content is not None else []:
        if part.local == "inlinexml":
            inner = part.children[0] if part.children else None
            if inner is not None and inner.local == "nitf":
                from newslint.loaders.nitf import _body

                body = inner.first("body.content")
                if body is not None:
                    _body(body, c)
            else:
                from newslint.loaders.html import extract

                extract(part.raw(source), part.inner_start, c)
            break
        if part.local == "inlinedata":
            whole = MappedText("", ())
            for piece in part.content:  # the text as written, line breaks kept
                if isinstance(piece, MappedText):
                    whole = whole + piece
            for para in whole.paragraphs() if "\n\n" in part.raw(source) else _lines(part):
                c.add("boilerplate" if BOILERPLATE.match(para.text) else "paragraph", para)
            break
    return c, metadata


def _lines(el: Element) -> list[MappedText]:
    """inlineData without blank lines: a paragraph a line."""
    out = []
    for piece in el.content:
        if isinstance(piece, MappedText):
            pos = 0
            for line in piece.text.split("\n"):
                mt = piece.slice(pos, pos + len(line)).strip()
                if mt.text:
                    out.append(mt)
                pos += len(line) + 1
    return out


def _picture(item: Element, c: BlockCollector) -> None:
    meta = item.find("contentmeta")
    if meta is None:
        return
    caption = _description(meta, "drol:caption") or meta.find("headline")
    credit = meta.find("creditline")
    joined = join_caption(caption.text() if caption else None, credit.text() if credit else None)
    if joined is None:
        return
    data: dict[str, Any] = {"image": item.attr("guid")} if item.attr("guid") else {}
    remote = item.first("remotecontent")
    if remote is not None and remote.attr("href"):
        data["image"] = remote.attr("href")
    mt, span = joined
    c.add("caption" if caption is not None else "credit", mt, credit=span, data=data)


def parse_newsml(path: str, text: str) -> list[Article]:
    """The articles in a NewsML-G2 item or message; ``ValueError`` when there are none."""
    root = parse_xml(text)
    if root.local not in _ROOTS:
        raise ValueError(f"not a NewsML-G2 document: the root element is <{root.name}>")
    items = [root] if root.local == "newsitem" else list(root.iter("newsitem"))
    stories: list[tuple[BlockCollector, dict[str, Any]]] = []
    pictures: list[tuple[int, Element]] = []
    for item in items:
        if _item_class(item) in _PICTURES:
            pictures.append((len(stories), item))
        else:
            c, meta = _text_item(item, text)
            if c.blocks:
                stories.append((c, meta))
    if not stories:
        raise ValueError("a NewsML-G2 document with no text item")
    for before, item in pictures:
        _picture(item, stories[max(before - 1, 0)][0])
    newline = detect_newline(text)
    return [
        Article(path=path, source=text, blocks=c.ordered(), format="newsml", newline=newline, metadata=meta)
        for c, meta in stories
    ]


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> list[Article] | None:
    """Read ``.xml`` files (and standard input) whose root is ``<newsItem>`` or ``<newsMessage>``."""
    if (path.lower().endswith(SUFFIXES) or path == "-") and root_name(text) in _ROOTS:
        return parse_newsml(path, text)
    return None


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """No fix is written into NewsML: its copy sits in CDATA and entity forms no replacement is escaped for."""
    return read_only if format == "newsml" else None
