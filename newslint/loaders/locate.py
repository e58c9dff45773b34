"""Finding the article in a web page: content, not chrome.

A page saved from a news site holds far more than the story: a menu, a
cookie banner, share buttons, advertising, related links, "Most read". Only
the story is checked. :func:`locate` reads the page once and answers the
source range of the article, in this order of preference:

1. the element a configured selector names (``html-selector``: ``tag``,
   ``.class``, ``#id``, ``tag.class`` or ``[attr=value]``);
2. an ``<article>`` (the one holding ``itemprop="articleBody"``, else the one
   with the most paragraph text, so a related-story card loses to the story);
3. the element with ``itemprop="articleBody"``;
4. ``<main>`` (or ``role="main"``);
5. a JSON-LD ``articleBody`` (``<script type="application/ld+json">``), read
   as a JSON string mapped back into the page.

Inside whatever is read, :func:`is_chrome` marks the elements that are never
copy (navigation, share bars, ad slots, cookie banners, related and
most-read lists) so the HTML loader skips them wherever they stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from newslint.regex import compile_re

__all__ = ["Located", "Selector", "is_chrome", "locate"]

#: Class / id words that mark page furniture, never the story's copy.
CHROME_WORDS = frozenset(
    """share sharing sharebar social advert advertisement advertising ad ads adslot dfp promo promotion
    newsletter signup subscribe paywall cookie cookies consent gdpr related recommended trending popular
    mostread breadcrumb breadcrumbs outbrain taboola comments skip skiplink menu masthead sidebar toolbar
    sponsored""".split()
)
_CHROME_ROLES = frozenset("navigation banner complementary search dialog alertdialog menu menubar toolbar".split())
_MOST = frozenset("read viewed popular shared commented".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _class_words(attrs: dict[str, str | None]) -> set[str]:
    raw = " ".join(attrs.get(k) or "" for k in ("class", "id"))
    return {w for w in re.split(r"[\s_-]+", raw.lower()) if w}


def is_chrome(tag: str, attrs: dict[str, str | None]) -> bool:
    """True for an element that is page furniture: skipped with everything inside it."""
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    if (attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag in ("article", "main", "body", "html", "figure", "figcaption", "p", "h1"):
        return False  # the story itself, whatever its classes say
    words = _class_words(attrs)
    if words & CHROME_WORDS:
        return True
    return "most" in words and bool(words & _MOST)


@dataclass(frozen=True)
class Selector:
    """A simple CSS selector: ``tag``, ``.class``, ``#id``, ``tag.class``, ``tag#id`` or ``[attr=value]``."""

    tag: str | None = None
    classes: tuple[str, ...] = ()
    id: str | None = None
    attr: tuple[str, str | None] | None = None

    _FORM = compile_re(
        r"""^(?P<tag>[a-zA-Z][\w-]*)?(?P<rest>(?:[.#][\w-]+)*)
        (?:\[\s*(?P<attr>[\w:-]+)\s*(?:=\s*["']?(?P<value>[^"'\]]*)["']?\s*)?\])?$""",
        re.VERBOSE,
    )

    @classmethod
    def parse(cls, text: str) -> Selector:
        """Read ``text``; raise ``ValueError`` naming the forms understood."""
        m = cls._FORM.match(text.strip())
        if not m or not text.strip():
            raise ValueError(
                f"html-selector {text!r} is not understood (use tag, .class, #id, tag.class or [attr=value])"
            )
        rest = re.findall(r"([.#])([\w-]+)", m.group("rest") or "")
        return cls(
            tag=(m.group("tag") or "").lower() or None,
            classes=tuple(v for k, v in rest if k == "."),
            id=next((v for k, v in rest if k == "#"), None),
            attr=(m.group("attr").lower(), m.group("value")) if m.group("attr") else None,
        )

    def matches(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if self.tag and tag != self.tag:
            return False
        if self.classes and not set(self.classes) <= set((attrs.get("class") or "").split()):
            return False
        if self.id and attrs.get("id") != self.id:
            return False
        if self.attr is not None:
            name, value = self.attr
            if name not in attrs or (value is not None and attrs.get(name) != value):
                return False
        return True


@dataclass(frozen=True)
class Located:
    """Where the article is: ``start``/``end`` of its element, or a JSON-LD record, and how it was found."""

    how: str
    start: int = 0
    end: int = 0
    #: for a JSON-LD find: the decoded record, its strings mapped (see ``newslint.loaders.json``)
    record: dict[str, Any] | None = None
    #: the JSON-LD script's content and where it starts in the page
    script: tuple[str, int] | None = None
    #: the page's first ``<h1>`` outside the region, for a headline the region lacks
    headline: tuple[int, int] | None = None


@dataclass
class _Open:
    tag: str
    start: int
    kind: str | None  # what the element is a candidate for, if anything
    attrs: dict[str, str | None]
    chrome: bool
    text: int = 0  # characters of paragraph text inside
    holds_body: bool = False


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    text: int
    holds_body: bool


@dataclass
class _Locator(HTMLParser):
    source: str
    selector: Selector | None
    stack: list[_Open] = field(default_factory=list)
    found: list[_Found] = field(default_factory=list)
    scripts: list[tuple[str, int]] = field(default_factory=list)
    h1s: list[tuple[int, int]] = field(default_factory=list)
    chrome: int = 0
    para: int = 0
    _script_at: int | None = None
    _h1_at: int | None = None

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.source))]

    def _here(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _candidate(self, tag: str, attrs: dict[str, str | None]) -> str | None:
        if self.selector is not None and self.selector.matches(tag, attrs):
            return "selector"
        if tag == "article":
            return "article"
        if (attrs.get("itemprop") or "").lower() == "articlebody":
            return "articleBody"
        if tag == "main" or (attrs.get("role") or "").lower() == "main":
            return "main"
        return None

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attrs_list)
        if tag == "script" and (attrs.get("type") or "").lower() == "application/ld+json":
            self._script_at = -1  # content starts after this tag; set on the first data
        if tag in _VOID:
            return
        chrome = is_chrome(tag, attrs)
        el = _Open(tag, self._here(), self._candidate(tag, attrs), attrs, chrome)
        if el.kind == "articleBody":
            for outer in self.stack:
                outer.holds_body = True
        self.stack.append(el)
        self.chrome += chrome
        if tag == "p":
            self.para += 1
        if tag == "h1" and not self.chrome and self._h1_at is None:
            self._h1_at = el.start

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                while len(self.stack) > i:
                    self._close(self.stack.pop(), self._here())
                return

    def _close(self, el: _Open, at: int) -> None:
        self.chrome -= el.chrome
        if el.tag == "p":
            self.para -= 1
        if el.tag == "h1" and self._h1_at == el.start:
            self.h1s.append((el.start, self.source.find(">", at) + 1 or at))
            self._h1_at = None
        if el.kind is not None and not self.chrome:
            self.found.append(_Found(el.kind, el.start, at, el.text, el.holds_body))
        if self.stack and not el.chrome:
            self.stack[-1].text += el.text

    def handle_data(self, data: str) -> None:
        if self._script_at == -1:
            self.scripts.append((data, self._here()))
            self._script_at = None
            return
        if self.para and not self.chrome and self.stack:
            self.stack[-1].text += len(data.strip())

    def finish(self) -> None:
        try:
            self.close()
        except Exception:  # broken markup: what was found so far still counts
            pass
        end = len(self.source)
        while self.stack:
            self._close(self.stack.pop(), end)


def _best(found: list[_Found], kind: str) -> _Found | None:
    of_kind = [f for f in found if f.kind == kind]
    if not of_kind:
        return None
    # the story's own container holds the articleBody, or failing that the most copy
    return max(of_kind, key=lambda f: (f.holds_body, f.text, -f.start))


def locate(source: str, selector: str | None = None) -> Located | None:
    """Where the article is in ``source``, or None when the page marks no article (read it all).

    Raises ``ValueError`` for a selector that is not understood or that
    matches nothing.
    """
    sel = Selector.parse(selector) if selector else None
    loc = _Locator(source, sel)
    try:
        loc.feed(source)
    except Exception:  # html.parser on hostile input: keep what was found
        pass
    loc.finish()
    if sel is not None:
        hit = _best(loc.found, "selector")
        if hit is None:
            raise ValueError(f"html-selector {selector!r} matches no element in the page")
        return _region("selector", hit, loc)
    for kind in ("article", "articleBody", "main"):
        hit = _best(loc.found, kind)
        if hit is not None and (hit.text or kind != "main" or not loc.scripts):
            return _region(kind, hit, loc)
    for script, at in loc.scripts:
        record = _json_ld_article(script)
        if record is not None:
            return Located("json-ld", record=record, script=(script, at))
    return None


def _region(how: str, hit: _Found, loc: _Locator) -> Located:
    outside = [h for h in loc.h1s if not (hit.start <= h[0] < hit.end)]
    return Located(how, hit.start, hit.end, headline=outside[0] if outside else None)


def _json_ld_article(script: str) -> dict[str, Any] | None:
    """The first object in a JSON-LD script with a string ``articleBody`` (its strings mapped)."""
    from newslint.loaders.jsonmap import decode_mapped

    try:
        value = decode_mapped(script)
    except ValueError:
        return None
    todo = [value]
    while todo:
        v = todo.pop(0)
        if isinstance(v, dict):
            if isinstance(v.get("articleBody"), str):
                return v
            todo.extend(v.values())
        elif isinstance(v, list):
            todo.extend(v)
    return None
