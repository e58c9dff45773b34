"""NITF, the IPTC's News Industry Text Format (3.x), as wire services and archives deliver it.

What becomes what (element names without namespace prefix)::

    <nitf>
      <head><title>...</title><docdata>...</docdata></head>   title and docdata into metadata
      <body>
        <body.head>
          <hedline><hl1>headline</hl1><hl2>standfirst</hl2></hedline>
          <byline>By <person>Jane Smith</person></byline>      byline (each <byline>)
          <dateline>...</dateline>                            metadata["dateline"]
          <abstract><p>...</p></abstract>                     the standfirst when there is no <hl2>
        </body.head>
        <body.content>
          <p>paragraph</p>   <hl2>subheading</hl2>   <block>... (read through)
          <bq><block><p>quoted</p></block><credit>who</credit></bq>   blockquote
          <ul>/<ol><li>paragraph</li>
          <media media-type="image"><media-reference source="..."/>
            <media-caption>caption</media-caption><media-producer>credit</media-producer></media>
        </body.content>
        <body.end><tagline>...</tagline></body.end>          boilerplate
      </body>
    </nitf>

Every character maps back to the file (entities to their ``&``), so findings
land on the right line and column. Fixes are not written back into NITF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.article import Article
from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import BOILERPLATE, BlockCollector, join_caption, read_only
from newslint.loaders.text import detect_newline
from newslint.loaders.xmltree import SUFFIXES, Element, parse_xml, root_name

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

_PROSE = {"p": "paragraph", "hl2": "subheading", "li": "paragraph", "pre": "paragraph", "note": "paragraph"}
_THROUGH = frozenset({"block", "ul", "ol", "dl", "table", "tbody", "tr", "td", "th", "nitf-table"})


def _body(el: Element, c: BlockCollector, kind: str | None = None) -> None:
    for child in el.children:
        tag = child.local
        if tag == "media":
            _media(child, c)
        elif tag == "bq":
            quoted = [p for p in child.iter("p")] or [child]
            for p in quoted:
                c.add("blockquote", p.text())
            credit = child.first("credit")
            if credit is not None:
                c.add("blockquote", credit.text())
        elif tag in _PROSE:
            text = child.text()
            block_kind = kind or _PROSE[tag]
            c.add("boilerplate" if BOILERPLATE.match(text.text) else block_kind, text)
        elif tag in _THROUGH:
            _body(child, c, kind)


def _media(el: Element, c: BlockCollector) -> None:
    caption = el.first("media-caption")
    credit = el.first("media-producer")
    joined = join_caption(caption.text() if caption else None, credit.text() if credit else None)
    if joined is None:
        return
    ref = el.first("media-reference")
    data: dict[str, Any] = {}
    if ref is not None and (ref.attr("source") or ref.attr("data-location")):
        data["image"] = ref.attr("source") or ref.attr("data-location")
    mt, span = joined
    c.add("caption" if caption is not None else "credit", mt, credit=span, data=data)


def parse_nitf(path: str, text: str) -> Article:
    """Build an :class:`Article` from an NITF document; ``ValueError`` when it is not one."""
    root = parse_xml(text)
    if root.local != "nitf":
        raise ValueError(f"not an NITF document: the root element is <{root.name}>")
    c = BlockCollector()
    metadata: dict[str, Any] = {}
    head = root.find("head")
    if head is not None:
        title = head.find("title")
        if title is not None:
            metadata["title"] = title.text().text
        for meta in head.findall("meta"):
            if meta.attr("name"):
                metadata[meta.attr("name") or ""] = meta.attr("content")
        docdata = head.find("docdata")
        if docdata is not None:
            for d in docdata.children:
                value = d.attr("norm") or d.attr("id-string") or d.text().text
                if value:
                    metadata.setdefault(d.local, value)
    body = root.find("body")
    if body is None:
        raise ValueError("not an NITF document: no <body>")
    bhead = body.find("body.head")
    if bhead is not None:
        hedline = bhead.find("hedline")
        hl1 = hedline.find("hl1") if hedline else None
        if hl1 is not None:
            c.add("headline", hl1.text())
        subs = hedline.findall("hl2") if hedline else []
        abstract = bhead.find("abstract")
        if subs:
            c.add("standfirst", subs[0].text())
        elif abstract is not None:
            c.add("standfirst", abstract.text())
        for byline in bhead.findall("byline"):
            c.add("byline", byline.text())
        dateline = bhead.find("dateline")
        if dateline is not None:
            metadata["dateline"] = dateline.text().text
    content = body.find("body.content")
    if content is not None:
        _body(content, c)
    end = body.find("body.end")
    if end is not None:
        for part in end.children:
            c.add("boilerplate", part.text())
    if not c.blocks:
        raise ValueError("an NITF document with no headline or body text")
    return Article(
        path=path, source=text, blocks=c.ordered(), format="nitf", newline=detect_newline(text), metadata=metadata
    )


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """Read ``.xml`` / ``.nitf`` files (and standard input) whose root element is ``<nitf>``."""
    if (path.lower().endswith(SUFFIXES) or path == "-") and root_name(text) == "nitf":
        return parse_nitf(path, text)
    return None


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """No fix is written into a NITF file: its copy sits in CDATA and entity forms no replacement is escaped for."""
    return read_only if format == "nitf" else None
