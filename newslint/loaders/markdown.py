"""Markdown articles, parsed with markdown-it-py (CommonMark).

* Optional front matter: ``---`` ... ``---`` YAML, read with PyYAML's safe
  loader, or ``+++`` ... ``+++`` TOML. Everything goes into
  ``article.metadata``; ``headline`` / ``title``, ``standfirst`` /
  ``description`` / ``summary`` / ``dek`` / ``subtitle`` and ``byline`` /
  ``author`` / ``authors`` (a name, a list of names, or a list of mappings
  with ``name``) also become blocks (mapped to the value in the front
  matter) when the body has none of its own; ``image`` / ``images``
  mappings with ``caption`` and ``credit`` become captions.
* The first ``#`` heading is the headline; every other heading a subheading,
  except a heading of eight words or more straight after the headline, which
  is the standfirst (a dek set as ``##``).
* The standfirst: the paragraph straight after the headline when it is wholly
  emphasised (``*...*``, ``**...**``), or a single short line without a final
  full stop, as in plain text.
* Paragraphs (list items too); paragraphs inside ``>`` are blockquotes.
  "By Jane Smith" is a byline, a copyright line boilerplate.
* Captions: an image paragraph (``![alt](src "title")``) followed, on the
  next line or in the next paragraph, by a wholly emphasised line
  (``*Visitors in Paju. Photograph: Getty Images*``), or by a line ending in
  a credit when the image has no title. Without one, the image's title, or
  else its alt text, is the caption (as Pandoc makes figures). A one-line paragraph that ends in a
  credit is a caption even without an image. The credit span is found with
  :func:`newslint.article.find_credit`; ``data["image"]`` is the image's
  ``src``.
* Embedded HTML blocks (a ``<figure>`` pasted from the CMS) are read by the
  HTML loader's rules; code blocks are not prose and are skipped.

Inline markup (emphasis, links, code, escapes, entities) is left out of a
block's text, and each character maps back to its place in the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newslint.article import Article, find_credit
from newslint.config import toml
from newslint.hookspecs import hookimpl
from newslint.loaders.html import extract, is_dek, marked_language
from newslint.loaders.offsets import (
    BOILERPLATE,
    BYLINE,
    BlockCollector,
    MappedText,
    TextBuilder,
    escaper,
    join_caption,
)
from newslint.loaders.text import detect_newline, is_short_title
from newslint.regex import compile_re

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from newslint.config import Config
    from newslint.hookspecs import Escape

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

HEADLINE_KEYS = ("headline", "title")
STANDFIRST_KEYS = ("standfirst", "description", "summary", "dek", "subtitle")
BYLINE_KEYS = ("byline", "author", "authors")
IMAGE_KEYS = ("image", "images")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """The parser, made on the first Markdown file: a run over plain text never imports markdown-it."""
    from markdown_it import MarkdownIt

    # text_join would merge escapes and entities into the surrounding text and
    # lose where they were; without it they stay separate tokens we can place.
    return MarkdownIt("commonmark").disable("text_join")


_LINE = compile_re(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MARKERS = frozenset(" \t>#*+-.)0123456789")


# -- front matter ----------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """Metadata from the top of the file, and where each string value sits."""

    metadata: dict[str, Any]
    fields: dict[str, MappedText]
    end: int  # source offset just past the closing fence line
    #: YAML's ``author`` / ``authors``: a name, a list of names or a list of ``{name: ...}``
    bylines: list[MappedText] = field(default_factory=list)
    #: YAML's ``image`` / ``images``: ``(caption, credit, src)`` of each picture
    images: list[tuple[MappedText | None, MappedText | None, str | None]] = field(default_factory=list)


_TOML_STR = compile_re(r'^([A-Za-z_][\w-]*)[ \t]*=[ \t]*(?:"([^"\\\r\n]*)"|\'([^\'\r\n]*)\')[ \t]*(?:#.*)?$')


def _lines(text: str, start: int = 0) -> list[tuple[int, str]]:
    """``(offset, content)`` of each line from ``start``, without line endings."""
    out = []
    for m in _LINE.finditer(text, start):
        if m.start() == len(text) and not m.group():
            break
        out.append((m.start(), m.group().rstrip("\r\n")))
    return out


def front_matter(text: str) -> FrontMatter | None:
    """The ``---`` YAML-like or ``+++`` TOML front matter at the top of ``text``, if any."""
    fence = text[:3]
    if fence not in ("---", "+++") or _lines(text[:200])[0][1].strip() != fence:
        return None
    lines = _lines(text)
    closers = ("---", "...") if fence == "---" else ("+++",)
    for n, (off, content) in enumerate(lines[1:], start=1):
        if content.rstrip() in closers:
            end = off + len(content)
            body = lines[1:n]
            break
    else:
        return None
    if fence == "+++":
        return _toml(text, body, end)
    return _yaml(text, body, end)


def _yaml(text: str, body: list[tuple[int, str]], end: int) -> FrontMatter:
    """YAML front matter, read with PyYAML's safe loader; string values keep their place."""
    import yaml

    if not body:
        return FrontMatter({}, {}, end)
    start = body[0][0]
    stop = body[-1][0] + len(body[-1][1])
    try:
        node = yaml.compose(text[start:stop], Loader=yaml.SafeLoader)
        metadata = yaml.load(text[start:stop], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return FrontMatter({}, {}, end)  # a broken header should not stop the copy being checked
    if not isinstance(node, yaml.MappingNode) or not isinstance(metadata, dict):
        return FrontMatter({}, {}, end)
    fm = FrontMatter({str(k): v for k, v in metadata.items()}, {}, end)
    for key_node, value_node in node.value:
        key = str(key_node.value).lower()
        if key in BYLINE_KEYS:
            fm.bylines.extend(_names(text, start, value_node))
        elif key in IMAGE_KEYS:
            fm.images.extend(_images(text, start, value_node))
        elif isinstance(value_node, yaml.ScalarNode):
            mt = _scalar(text, start, value_node)
            if mt is not None:
                fm.fields[key] = mt
    return fm


def _scalar(text: str, base: int, node: Any) -> MappedText | None:
    """A YAML string scalar's text, mapped to the file when it is written as is (else to its start)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value:
        return None
    a, b = base + node.start_mark.index, base + node.end_mark.index
    value = str(node.value)
    if node.style in ('"', "'"):
        a, b = a + 1, b - 1
    if text[a:b] == value:
        return MappedText.verbatim(value, a)
    found = text.find(value, a, b)
    if found >= 0:
        return MappedText.verbatim(value, found)
    # folded, escaped or multi-line: each character at the value's start (the words are right)
    return MappedText(value, tuple((i, a) for i in range(len(value))))


def _names(text: str, base: int, node: Any) -> list[MappedText]:
    """Bylines from ``author: Jane``, ``authors: [Jane, Sam]`` or ``authors: [{name: Jane}]``."""
    import yaml

    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            item = next((v for k, v in item.value if str(k.value).lower() in ("name", "display_name", "byline")), None)
        mt = _scalar(text, base, item) if item is not None else None
        if mt is not None:
            out.append(mt)
    return out


def _images(text: str, base: int, node: Any) -> list[tuple[MappedText | None, MappedText | None, str | None]]:
    """``(caption, credit, src)`` for each picture in ``image: {...}`` or ``images: [{...}, ...]``."""
    import yaml

    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {str(k.value).lower(): v for k, v in item.value}
        caption = next((_scalar(text, base, fields[k]) for k in ("caption", "alt", "title") if k in fields), None)
        credit = next((_scalar(text, base, fields[k]) for k in ("credit", "copyright") if k in fields), None)
        src_node = next((fields[k] for k in ("src", "url", "file", "path") if k in fields), None)
        src = str(src_node.value) if isinstance(src_node, yaml.ScalarNode) else None
        out.append((caption, credit, src))
    return out


def _toml(text: str, body: list[tuple[int, str]], end: int) -> FrontMatter:
    raw = "\n".join(line for _, line in body)
    tomllib = toml()
    try:
        metadata = tomllib.loads(raw)
    except (tomllib.TOMLDecodeError, RecursionError):  # RecursionError: arrays nested thousands deep
        metadata = {}  # a broken header should not stop the copy being checked
    fields: dict[str, MappedText] = {}
    for off, line in body:
        m = _TOML_STR.match(line)
        if m and m.group(1) in metadata:
            g = 2 if m.group(2) is not None else 3
            if metadata[m.group(1)] == m.group(g):
                fields[m.group(1).lower()] = MappedText.verbatim(m.group(g), off + m.start(g))
    return FrontMatter(metadata, fields, end)


# -- inline content ----------------------------------------------------------------------


@dataclass
class _Image:
    src: str | None
    title: MappedText | None
    alt: MappedText | None


@dataclass
class _Inline:
    text: MappedText
    images: list[_Image]
    starts_with_image: bool
    emphasised: bool  # every word is inside *...* or **...**
    breaks: int  # line breaks inside the paragraph


class _ContentMap:
    """Maps offsets in an inline token's ``content`` back to the source."""

    def __init__(self, source: str, lines: list[tuple[int, int]], tok: Token) -> None:
        self.content = tok.content
        self.starts: list[int] = []
        self.srcs: list[int] = []
        first, last = tok.map if tok.map else (0, len(lines))
        last = min(last, len(lines))
        cur = first
        c = 0
        for cline in self.content.split("\n"):
            # markdown-it strips whitespace (a no-break space too) and may expand tabs,
            # so find each content line in the next source lines rather than assume
            stripped = cline.lstrip()
            lead = len(cline) - len(stripped)
            for n in range(cur, max(last, cur + 1)):
                if n >= len(lines):
                    break
                ls, le = lines[n]
                p = _locate(source[ls:le], stripped)
                if p >= 0:
                    self.starts.append(c)
                    self.srcs.append(ls + p - lead)
                    cur = n + 1
                    break
            else:
                if cur < len(lines):  # not found: align the line ends
                    ls, le = lines[cur]
                    self.starts.append(c)
                    self.srcs.append(ls + max(len(source[ls:le].rstrip()) - len(cline), 0))
                    cur += 1
            c += len(cline) + 1

    def src(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0:
            return self.srcs[0] if self.srcs else 0
        return self.srcs[k] + (i - self.starts[k])

    def mapped(self, i: int, j: int) -> MappedText:
        b = TextBuilder()
        pos = i
        while pos < j:
            nl = self.content.find("\n", pos, j)
            stop = j if nl < 0 else nl
            b.add(self.content[pos:stop], self.src(pos))
            if nl < 0:
                break
            b.add_replacement(" ", self.src(nl))
            pos = nl + 1
        return b.raw()


_TAG = compile_re(r"<(/?)([A-Za-z][\w-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_LANG_ATTR = compile_re(r"""\b(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _html_mark(
    tag: str, at: int, opened: list[tuple[str, int, str]], marks: list[tuple[int, int, str]] | None
) -> None:
    """An inline HTML tag in Markdown: ``<i>``, ``<em>`` or a ``lang`` element opens a mark, its end tag closes it."""
    m = _TAG.fullmatch(tag.strip())
    if m is None:
        return
    name = m.group(2).lower()
    if m.group(1):
        _close_mark(opened, name, at - len(tag), marks)
        return
    lm = _LANG_ATTR.search(m.group(3))
    lang = marked_language(name, {"lang": next(g for g in lm.groups() if g is not None)} if lm else {}, len(opened))
    if lang is not None:
        opened.append((name, at, lang))


def _close_mark(
    opened: list[tuple[str, int, str]], name: str, at: int, marks: list[tuple[int, int, str]] | None
) -> None:
    for k in range(len(opened) - 1, -1, -1):
        if opened[k][0] == name:
            _, start, lang = opened.pop(k)
            if marks is not None and at > start:
                marks.append((start, at, lang))
            return


def _locate(src_line: str, content: str) -> int:
    """Where ``content`` starts in its source line (after ``>``, list markers, ``#``), or -1."""
    if not content:
        return len(src_line)
    best = -1
    p = src_line.find(content)
    while p >= 0:
        if all(ch in _MARKERS or ch.isspace() for ch in src_line[:p]):
            best = p
        p = src_line.find(content, p + 1)
    return best


def _skip_brackets(s: str, i: int) -> int:
    """Index just past the ``]`` matching the ``[`` before ``i``."""
    depth = 1
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(s)


def _skip_link_tail(s: str, i: int) -> int:
    """Index just past a link's ``(destination "title")`` or ``[ref]`` starting at ``i``."""
    if s.startswith("(", i):
        depth, j, quote = 0, i, ""
        while j < len(s):
            ch = s[j]
            if ch == "\\":
                j += 2
                continue
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and s[j - 1] in " \t\n":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return len(s)
    if s.startswith("[", i):
        return _skip_brackets(s, i + 1)
    return i


def _walk_inline(
    source: str, lines: list[tuple[int, int]], tok: Token, marks: list[tuple[int, int, str]] | None = None
) -> _Inline:
    """The readable text of an inline token; the source ranges of its ``*...*``, ``_..._``,
    ``<i>``, ``<em>`` and ``lang`` spans are added to ``marks`` (see :func:`mark_languages`)."""
    cm = _ContentMap(source, lines, tok)
    opened: list[tuple[str, int, str]] = []  # (closing tag or "*", content start, language)
    content = cm.content
    b = TextBuilder()
    images: list[_Image] = []
    starts_with_image = False
    seen_text = False
    emph = 0
    emphasised = True
    breaks = 0
    c = 0  # cursor in content

    def find(needle: str, start: int) -> int:
        p = content.find(needle, start) if needle else -1
        return p

    for child in tok.children or ():
        t = child.type
        if t == "text":
            p = find(child.content, c)
            if p < 0:
                b.add_replacement(child.content, cm.src(c))
            else:
                b.add(child.content, cm.src(p))
                c = p + len(child.content)
            if child.content.strip():
                seen_text = True
                emphasised = emphasised and emph > 0
        elif t == "text_special":  # an escape or entity: map it to where it starts
            p = find(child.markup, c)
            b.add_replacement(child.content, cm.src(p if p >= 0 else c))
            if p >= 0:
                c = p + len(child.markup)
            if child.content.strip():
                seen_text = True
                emphasised = emphasised and emph > 0
        elif t in ("softbreak", "hardbreak"):
            p = find("\n", c)
            at = cm.src(p if p >= 0 else c)
            breaks += 1
            if t == "hardbreak":
                b.add_break(at)
            elif b.last_char not in (" ", "\n", ""):
                b.add_replacement(" ", at)
            if p >= 0:
                c = p + 1
        elif t == "code_inline":
            p = find(child.markup, c)
            start = p + len(child.markup) if p >= 0 else c
            q = find(child.content, start)
            if q >= 0:
                b.add(child.content, cm.src(q))
                c = q + len(child.content)
            else:  # a code span broken over lines: its spaces stand for newlines
                close = find(child.markup, start)
                raw_end = close if close >= 0 else len(content)
                a, z = start, raw_end
                inner = content[a:z].replace("\n", " ")
                if len(inner) > 2 and inner[0] == " " and inner[-1] == " " and inner.strip():
                    a, z = a + 1, z - 1  # CommonMark strips one space from each side
                span = cm.mapped(a, z)
                if span.text == child.content:
                    b.add_mapped(span)
                else:
                    b.add_replacement(child.content, cm.src(start))
                c = raw_end
            close = find(child.markup, c)
            c = close + len(child.markup) if close >= 0 else c
            seen_text = True
            emphasised = emphasised and emph > 0
        elif t in ("em_open", "strong_open"):
            emph += 1
            p = find(child.markup, c)
            c = p + len(child.markup) if p >= 0 else c
            if t == "em_open":  # italics; bold (**...**) is stress, never a language
                opened.append(("*", cm.src(c), ""))
        elif t in ("em_close", "strong_close"):
            emph -= 1
            p = find(child.markup, c)
            if t == "em_close":
                _close_mark(opened, "*", cm.src(p if p >= 0 else c), marks)
            c = p + len(child.markup) if p >= 0 else c
        elif t == "link_open":
            p = find("<" if child.markup == "autolink" else "[", c)
            c = p + 1 if p >= 0 else c
        elif t == "link_close":
            if child.markup == "autolink":
                p = find(">", c)
                c = p + 1 if p >= 0 else c
            else:
                p = find("]", c)
                if p >= 0:
                    c = _skip_link_tail(content, p + 1)
        elif t == "image":
            if not seen_text:
                starts_with_image = True
            p = find("![", c)
            if p < 0:
                src = child.attrGet("src")
                images.append(_Image(str(src) if src else None, None, None))
                continue
            q = _skip_brackets(content, p + 2)  # just past "]"
            end = _skip_link_tail(content, q)
            alt = None
            if content[p + 2 : q - 1] == child.content and child.content.strip():
                alt = cm.mapped(p + 2, q - 1).strip()
            title = None
            raw_title = child.attrGet("title")
            if raw_title:
                tp = content.find(str(raw_title), q, end)
                if tp >= 0:
                    title = cm.mapped(tp, tp + len(str(raw_title))).strip()
            src = child.attrGet("src")
            images.append(_Image(str(src) if src else None, title, alt))
            c = end
        elif t == "html_inline":
            p = find(child.content, c)
            if re.match(r"<br\s*/?>", child.content, re.IGNORECASE):
                b.add_break(cm.src(p if p >= 0 else c))
            c = p + len(child.content) if p >= 0 else c
            _html_mark(child.content, cm.src(c), opened, marks)
    return _Inline(b.build(), images, starts_with_image, emphasised and seen_text, breaks)


# -- blocks ----------------------------------------------------------------------------


class _Builder:
    def __init__(self, source: str, fm: FrontMatter | None) -> None:
        self.source = source
        self.c = BlockCollector()
        self.lines = [(off, off + len(content)) for off, content in _lines(source)] or [(0, 0)]
        self.pending: _Image | None = None  # an image still looking for its caption
        self.headline_expected = fm is not None and any(k in fm.fields for k in HEADLINE_KEYS)
        self.last_kind = "headline" if self.headline_expected else ""

    def add(self, kind: str, mt: MappedText, **kw: Any) -> None:
        if self.c.add(kind, mt, **kw) is not None:
            self.last_kind = kind

    def caption(self, mt: MappedText, image: _Image | None) -> None:
        data = {"image": image.src} if image is not None and image.src else {}
        self.add("caption", mt, credit=find_credit(mt.text), data=data)

    def flush_image(self) -> None:
        """An image with no caption line after it: its title or alt text is the caption."""
        img, self.pending = self.pending, None
        if img is not None:
            mt = img.title or img.alt
            if mt is not None and mt.text:
                self.caption(mt, img)

    def heading(self, level: int, inline: _Inline, quoted: bool) -> None:
        self.flush_image()
        if level == 1 and not quoted and not self.c.has("headline"):
            self.add("headline", inline.text)
        elif level > 1 and self.last_kind == "headline" and is_dek(self.c, inline.text.text):
            self.add("standfirst", inline.text)
        else:
            self.add("subheading", inline.text)

    def paragraph(self, inline: _Inline, quoted: bool) -> None:
        text = inline.text.text
        if quoted:
            self.flush_image()
            self.add("blockquote", inline.text)
            return
        if inline.images and inline.starts_with_image:
            self.flush_image()
            for img in inline.images[:-1]:
                self.pending = img
                self.flush_image()
            if text:
                self.caption(inline.text, inline.images[-1])
            else:
                self.pending = inline.images[-1]
            return
        if self.pending is not None:
            if inline.emphasised or (self.pending.title is None and find_credit(text) is not None):
                img, self.pending = self.pending, None
                self.caption(inline.text, img)
                return
            self.flush_image()
        single = inline.breaks == 0
        if single and len(text) < 120 and BYLINE.match(text):
            self.add("byline", inline.text)
        elif BOILERPLATE.match(text):
            self.add("boilerplate", inline.text)
        elif single and len(text) < 400 and find_credit(text) is not None:
            self.caption(inline.text, None)
        elif self.last_kind == "headline" and not self.c.has("standfirst") and (
            inline.emphasised or (single and is_short_title(text))
        ):
            self.add("standfirst", inline.text)
        else:
            self.add("paragraph", inline.text)

    def html(self, tok: Token) -> None:

        self.flush_image()
        if not tok.map:
            return
        start = self.lines[tok.map[0]][0]
        end = self.lines[min(tok.map[1], len(self.lines)) - 1][1]
        before = len(self.c.blocks)
        extract(self.source[start:end], base=start, collector=self.c)
        if len(self.c.blocks) > before:
            self.last_kind = self.c.blocks[-1].kind

    def front(self, fm: FrontMatter) -> None:
        """Front matter fields become blocks when the body did not supply them."""
        if not self.c.has("byline"):
            for name in fm.bylines:
                self.c.add("byline", name.strip())
        shown = {b.data.get("image") for b in self.c.blocks if b.kind == "caption"}
        for caption, credit, src in fm.images:
            joined = join_caption(caption.strip() if caption else None, credit.strip() if credit else None)
            if joined is not None and (src is None or src not in shown):
                mt, span = joined
                self.c.add("caption" if caption else "credit", mt, credit=span, data={"image": src} if src else {})
        for kind, keys in (("headline", HEADLINE_KEYS), ("standfirst", STANDFIRST_KEYS), ("byline", BYLINE_KEYS)):
            if self.c.has(kind):
                continue
            for key in keys:
                if key in fm.fields:
                    self.c.add(kind, fm.fields[key].strip())
                    break


def parse_markdown(path: str, text: str) -> Article:
    """Build an :class:`Article` from Markdown (see the module docstring)."""
    fm = front_matter(text)
    md_source = text
    if fm is not None:  # blank the front matter out, keeping its line breaks so line numbers agree
        md_source = re.sub(r"[^\r\n]", " ", text[: fm.end]) + text[fm.end :]
    builder = _Builder(text, fm)
    tokens = _markdown().parse(md_source)
    # markdown-it reads NUL as U+FFFD; find content in a copy that does the same
    located = text.replace("\x00", "\ufffd") if "\x00" in text else text
    quoted = 0
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "blockquote_open":
            quoted += 1
        elif t == "blockquote_close":
            quoted -= 1
        elif t == "inline" and i > 0:
            opener = tokens[i - 1]
            inline = _walk_inline(located, builder.lines, tok, builder.c.marks)
            if opener.type == "heading_open":
                builder.heading(int(opener.tag[1:]), inline, quoted > 0)
            elif opener.type == "paragraph_open":
                builder.paragraph(inline, quoted > 0)
        elif t == "html_block":
            builder.html(tok)
        elif t in ("fence", "code_block", "hr"):
            builder.flush_image()
    builder.flush_image()
    if fm is not None:
        builder.front(fm)
    return Article(
        path=path, source=text, blocks=builder.c.ordered(), format="markdown",
        newline=detect_newline(text), metadata=dict(fm.metadata) if fm else {},
    )


_SNIFF = compile_re(r"\A(?:(?:---|\+\+\+)[ \t]*\r?\n|\s*#{1,6}[ \t]+\S)")


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` opens with front matter or an ATX ``#`` heading."""
    if text.startswith(("---", "+++")):
        return front_matter(text) is not None
    return _SNIFF.match(text) is not None


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """Read ``.md`` / ``.markdown`` files, and standard input that opens like Markdown."""
    if path.lower().endswith(SUFFIXES) or (path == "-" and looks_like_markdown(text)):
        return parse_markdown(path, text)
    return None


#: Markdown's escapes, emphasis, code, links and inline HTML
_MARKUP = compile_re(r"[\\*_`<>&\[\]]")
escape_fix = escaper(_MARKUP, lambda text: _MARKUP.sub(r"\\\g<0>", text))


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """A fix in Markdown is backslash-escaped; an edit over emphasis, code or a link is refused."""
    return escape_fix if format == "markdown" else None
