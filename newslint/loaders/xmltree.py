"""A small XML reader that keeps every character's place in the file.

The news XML formats (NITF, NewsML-G2, WordPress's WXR) are read into a tree
of :class:`Element` objects whose text pieces are
:class:`~newslint.loaders.offsets.MappedText`: an entity (``&amp;``,
``&#8217;``) maps to its ``&``, CDATA content to itself. The reader never
fetches anything (no DTDs, no external entities: a DOCTYPE is skipped) and
raises ``ValueError`` with a line and column for markup it cannot read.
Namespaces are kept as written; :attr:`Element.local` drops the prefix, which
is what the loaders match on.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import MappedText, TextBuilder
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.config import Config

__all__ = ["Element", "parse_xml", "root_name"]

#: Suffixes the XML loaders read (the root element says which format it is).
SUFFIXES = (".xml", ".nitf", ".nml")

_NAME = r"[A-Za-z_][\w.:-]*"
_TOKEN = compile_re(
    rf"""<!--.*?-->
    | <!\[CDATA\[(?P<cdata>.*?)\]\]>
    | <\?.*?\?>
    | <!DOCTYPE(?:[^\[>]|\[.*?\])*>
    | <(?P<end>/)?(?P<name>{_NAME})(?P<attrs>(?:\s+{_NAME}\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?P<close>/)?>
    | <""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
_ATTR = compile_re(rf"""({_NAME})\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENTITY = compile_re(r"&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


@dataclass
class Element:
    """One element: its name, attributes, children and text, with source offsets.

    ``start`` is the offset of its ``<``; ``inner_start`` / ``inner_end`` bound
    its content (between the start and end tags); ``content`` holds, in order,
    text pieces (:class:`MappedText`) and child elements.
    """

    name: str
    attrs: dict[str, str]
    start: int
    inner_start: int
    inner_end: int = -1
    parent: Element | None = None
    content: list[MappedText | Element] = field(default_factory=list)

    @property
    def local(self) -> str:
        """The name without its namespace prefix, lower-cased."""
        return self.name.rsplit(":", 1)[-1].lower()

    @property
    def children(self) -> list[Element]:
        return [c for c in self.content if isinstance(c, Element)]

    def iter(self, local: str | None = None) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        if local is None or self.local == local:
            yield self
        for c in self.children:
            yield from c.iter(local)

    def find(self, *path: str) -> Element | None:
        """The first descendant reached by local names, each a child of the one before."""
        el: Element | None = self
        for step in path:
            assert el is not None
            el = next((c for c in el.children if c.local == step), None)
            if el is None:
                return None
        return el

    def findall(self, local: str) -> list[Element]:
        """Every child with this local name."""
        return [c for c in self.children if c.local == local]

    def first(self, local: str) -> Element | None:
        """The first descendant with this local name, at any depth."""
        return next((e for e in self.iter(local) if e is not self), None)

    def attr(self, local: str) -> str | None:
        """An attribute by local name (``xml:lang`` by ``lang``)."""
        for k, v in self.attrs.items():
            if k.rsplit(":", 1)[-1].lower() == local:
                return v
        return None

    def text(self) -> MappedText:
        """All the text inside, whitespace collapsed as in HTML, each character mapped."""
        b = TextBuilder()
        self._collect(b)
        return b.build()

    def _collect(self, b: TextBuilder) -> None:
        for c in self.content:
            if isinstance(c, Element):
                if c.local == "br":
                    b.add_break(c.start)
                else:
                    c._collect(b)
            else:
                # run by run, so a decoded entity keeps pointing at its "&"
                for k, (t, s) in enumerate(c.runs):
                    end = c.runs[k + 1][0] if k + 1 < len(c.runs) else len(c.text)
                    b.add_collapsed(c.text[t:end], s)

    def raw(self, source: str) -> str:
        """The element's content as written in the file."""
        return source[self.inner_start : self.inner_end]


def _decode_text(source: str, start: int, end: int) -> MappedText:
    b = TextBuilder()
    pos = start
    for m in _ENTITY.finditer(source, start, end):
        if m.start() > pos:
            b.add(source[pos : m.start()], pos)
        decoded = html.unescape(m.group())
        if decoded == m.group():
            b.add(m.group(), m.start())
        else:
            b.add_replacement(decoded, m.start())
        pos = m.end()
    if pos < end:
        b.add(source[pos:end], pos)
    return b.raw()


def _where(source: str, offset: int) -> str:
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def parse_xml(source: str) -> Element:
    """Read ``source`` into a tree; raise ``ValueError`` naming where the markup breaks."""
    doc = Element("#document", {}, 0, 0)
    stack = [doc]
    pos = 0
    for m in _TOKEN.finditer(source):
        if m.start() > pos:
            stack[-1].content.append(_decode_text(source, pos, m.start()))
        pos = m.end()
        raw = m.group()
        if raw == "<":
            raise ValueError(f"invalid XML: a '<' that starts no tag at {_where(source, m.start())}")
        if m.group("cdata") is not None:
            stack[-1].content.append(MappedText.verbatim(m.group("cdata"), m.start("cdata")))
            continue
        name = m.group("name")
        if name is None:
            continue  # a comment, a processing instruction or the DOCTYPE
        if m.group("end"):
            if len(stack) == 1 or stack[-1].name != name:
                expected = f"</{stack[-1].name}>" if len(stack) > 1 else "no end tag"
                raise ValueError(f"invalid XML: </{name}> where {expected} was expected at {_where(source, m.start())}")
            el = stack.pop()
            el.inner_end = m.start()
            continue
        attrs = {a.group(1): html.unescape(a.group(2) if a.group(2) is not None else a.group(3))
                 for a in _ATTR.finditer(m.group("attrs") or "")}
        el = Element(name, attrs, m.start(), m.end(), parent=stack[-1])
        stack[-1].content.append(el)
        if m.group("close"):
            el.inner_end = m.end()
        else:
            stack.append(el)
    if len(stack) > 1:
        raise ValueError(f"invalid XML: <{stack[-1].name}> at {_where(source, stack[-1].start)} is never closed")
    if pos < len(source):
        doc.content.append(_decode_text(source, pos, len(source)))
    roots = doc.children
    if not roots:
        raise ValueError("invalid XML: no root element")
    return roots[0]


_ROOT = compile_re(rf"\A(?:\ufeff)?(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*<({_NAME})", re.DOTALL)


def root_name(text: str) -> str | None:
    """The local name of the root element, lower-cased, read cheaply from the top of ``text``."""
    m = _ROOT.match(text[:65536])
    return m.group(1).rsplit(":", 1)[-1].lower() if m else None


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """An XML file no news-format loader claimed: say so rather than read its tags as prose."""
    if path.lower().endswith(SUFFIXES):
        name = root_name(text)
        what = f"<{name}>" if name else "no root element"
        raise ValueError(
            f"an XML file that is not NITF, NewsML-G2 or a WordPress export (WXR): {what} "
            "(see docs/formats.md)"
        )
    return None
