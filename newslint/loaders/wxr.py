"""WordPress eXtended RSS (WXR), the file WordPress's Tools > Export writes: one article per post.

Each ``<item>`` whose ``wp:post_type`` is ``post`` or ``page`` becomes an
article, named by the file's path (a finding's line and column say which
post it is in)::

    <item>
      <title>headline</title>
      <dc:creator>jsmith</dc:creator>        byline: the author's wp:author_display_name
      <content:encoded><![CDATA[ body HTML ]]></content:encoded>
      <excerpt:encoded><![CDATA[ standfirst ]]></excerpt:encoded>
      <wp:post_id>101</wp:post_id>  <wp:post_type>post</wp:post_type>  <wp:status>publish</wp:status>
    </item>

The body is HTML as WordPress stores it: paragraphs either in ``<p>`` (the
block editor, with its ``<!-- wp:... -->`` comments) or separated by blank
lines (the classic editor), read by the HTML loader's rules. A
``[caption ...]<img src=...> Caption. Photograph: ...[/caption]`` shortcode is
a caption; a paragraph that is only some other shortcode (``[gallery]``,
``[embed]``) is left out. An attachment item (``wp:post_type``
``attachment``) whose ``wp:post_parent`` is a post, or that a post names as
its ``_thumbnail_id``, gives that post a caption from its excerpt (the
caption WordPress stores), unless the body already shows the same picture.
Every character maps back to the file. Fixes are not written back.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from newslint.article import Article, find_credit
from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import BOILERPLATE, BlockCollector, MappedText, read_only
from newslint.loaders.text import detect_newline
from newslint.loaders.xmltree import SUFFIXES, Element, parse_xml, root_name
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

ARTICLE_TYPES = frozenset({"post", "page"})

_CHUNK = compile_re(r"\n[ \t]*\n\s*")
_CAPTION = compile_re(r"\[caption\b[^\]]*\](?P<inner>.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
_SHORTCODE_ONLY = compile_re(r"\A\s*\[(?P<tag>[\w-]+)\b[^\]]*\](?:.*\[/(?P=tag)\])?\s*\Z", re.DOTALL)
_IMG_SRC = compile_re(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def _content(el: Element | None) -> MappedText:
    """An element's content as one mapped string: CDATA as is, entities decoded."""
    out = MappedText("", ())
    for piece in el.content if el is not None else []:
        if isinstance(piece, MappedText):
            out = out + piece
    return out


def _value(item: Element, local: str) -> str:
    el = item.find(local)
    return _content(el).text.strip() if el is not None else ""


def html_blocks(mt: MappedText, c: BlockCollector) -> None:
    """Body HTML as WordPress stores it, into blocks mapped through ``mt`` to the file."""
    from newslint.loaders.html import extract

    pos = 0
    chunks = []
    for m in _CHUNK.finditer(mt.text):
        chunks.append(mt.slice(pos, m.start()))
        pos = m.end()
    chunks.append(mt.slice(pos, len(mt.text)))
    for chunk in chunks:
        if not chunk.text.strip():
            continue
        at = 0
        for cap in _CAPTION.finditer(chunk.text):
            _read(chunk.slice(at, cap.start()), c, extract)
            inner = chunk.slice(cap.start("inner"), cap.end("inner"))
            _caption(inner, c, extract)
            at = cap.end()
        rest = chunk.slice(at, len(chunk.text))
        if rest.text.strip() and not _SHORTCODE_ONLY.match(rest.text):
            _read(rest, c, extract)


def _read(mt: MappedText, c: BlockCollector, extract: Any) -> None:
    if not mt.text.strip():
        return
    inner = BlockCollector()
    extract(mt.text, 0, inner)
    for b in inner.ordered():
        kind = "subheading" if b.kind == "headline" else b.kind
        if kind == "paragraph" and BOILERPLATE.match(b.text):
            kind = "boilerplate"
        c.add(kind, MappedText.of_block(b).through(mt), credit=b.credit, data=dict(b.data), languages=b.languages)


def _caption(mt: MappedText, c: BlockCollector, extract: Any) -> None:
    inner = BlockCollector()
    extract(mt.text, 0, inner)
    parts = [MappedText.of_block(b).through(mt) for b in inner.ordered()]
    if not parts:
        return
    text = parts[0]
    for p in parts[1:]:
        text = text + MappedText(" ", ((0, text.offset(len(text.text) - 1) + 1),)) + p
    src = _IMG_SRC.search(mt.text)
    data = {"image": src.group(1)} if src else {}
    c.add("caption", text, credit=find_credit(text.text), data=data)


def parse_wxr(path: str, text: str) -> list[Article]:
    """The posts and pages of a WordPress export; ``ValueError`` when it has none."""
    root = parse_xml(text)
    channel = root.find("channel")
    if root.local != "rss" or channel is None or not any(k.endswith(":wp") for k in root.attrs):
        raise ValueError("not a WordPress export (WXR): no <rss> with the wp namespace and a <channel>")
    authors: dict[str, Element] = {}
    for a in channel.findall("author"):
        login, name = a.find("author_login"), a.find("author_display_name")
        if login is not None and name is not None:
            authors[_content(login).text.strip()] = name
    items = channel.findall("item")
    by_id = {_value(i, "post_id"): i for i in items}
    attachments: dict[str, list[Element]] = {}
    for i in items:
        if _value(i, "post_type") == "attachment":
            attachments.setdefault(_value(i, "post_parent"), []).append(i)
    newline = detect_newline(text)
    articles = []
    for item in items:
        if _value(item, "post_type") not in ARTICLE_TYPES:
            continue
        articles.append(_post(path, text, item, authors, by_id, attachments, newline))
    if not articles:
        raise ValueError("a WordPress export with no posts or pages")
    return articles


def _post(
    path: str,
    text: str,
    item: Element,
    authors: dict[str, Element],
    by_id: dict[str, Element],
    attachments: dict[str, list[Element]],
    newline: str,
) -> Article:
    c = BlockCollector()
    title = item.find("title")
    if title is not None:
        c.add("headline", _content(title).strip())
    excerpt = _namespaced(item, "excerpt", "encoded")
    if excerpt is not None:
        standfirst = BlockCollector()
        html_blocks(_content(excerpt), standfirst)
        if standfirst.blocks:  # the excerpt's words, tags and entities read as in the body
            c.add("standfirst", MappedText.of_block(standfirst.ordered()[0]))
    creator = _value(item, "creator")
    if creator:
        # the author's display name stands in the channel's header, above every post
        name = authors.get(creator)
        c.add("byline", _content(name).strip() if name is not None else _content(item.find("creator")).strip())
    body = _namespaced(item, "content", "encoded")
    if body is not None:
        html_blocks(_content(body), c)
    post_id = _value(item, "post_id")
    shown = {b.data.get("image") for b in c.blocks if b.kind == "caption"}
    pictures = list(attachments.get(post_id, []))
    for meta in item.findall("postmeta"):
        if _value(meta, "meta_key") == "_thumbnail_id" and _value(meta, "meta_value") in by_id:
            thumb = by_id[_value(meta, "meta_value")]
            if thumb not in pictures:
                pictures.insert(0, thumb)
    for pic in pictures:
        url = _value(pic, "attachment_url") or None
        caption_el = _namespaced(pic, "excerpt", "encoded")
        if url in shown or caption_el is None:
            continue
        caption = _content(caption_el).strip()
        if caption.text:
            c.add("caption", caption, credit=find_credit(caption.text), data={"image": url} if url else {})
    metadata: dict[str, Any] = {
        k: _value(item, k) for k in ("post_id", "post_type", "status", "post_date", "link") if _value(item, k)
    }
    metadata["categories"] = [_content(cat).text for cat in item.findall("category")]
    # in reading order, not file order: the byline's words are in the channel's header
    blocks = tuple(c.blocks)
    return Article(path=path, source=text, blocks=blocks, format="wxr", newline=newline, metadata=metadata)


def _namespaced(item: Element, prefix: str, local: str) -> Element | None:
    """``excerpt:encoded`` or ``content:encoded``: the same local name, told apart by prefix."""
    for child in item.children:
        if child.local == local and child.name.split(":", 1)[0].lower() == prefix:
            return child
    return None


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> list[Article] | None:
    """Read ``.xml`` files (and standard input) that are WordPress exports: ``<rss>`` with the wp namespace."""
    ours = path.lower().endswith(SUFFIXES) or path == "-"
    if ours and root_name(text) == "rss" and "wordpress.org/export" in text[:4096]:
        return parse_wxr(path, text)
    return None


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """No fix is written into a WordPress export: posts' HTML sits in CDATA, which no replacement is escaped for."""
    return read_only if format == "wxr" else None
