"""Arc XP's ANS (Arc Native Specification) story JSON, as Arc's Content API returns it.

What becomes what::

    {"type": "story",
     "headlines": {"basic": headline},
     "subheadlines": {"basic": standfirst},      # else "description": {"basic": ...}
     "credits": {"by": [{"type": "author", "name": byline}, ...]},
     "promo_items": {"basic": {"type": "image", "url": ..., "caption": ..., "credits": {...}}},
     "content_elements": [
       {"type": "text", "content": paragraph (inline HTML)},
       {"type": "header", "level": 2, "content": subheading},
       {"type": "image", "url": ..., "caption": caption, "credits": {"by": [{"name": ...}],
                                                        "affiliation": [{"name": ...}]}},
       {"type": "quote", "content_elements": [...], "citation": {"content": ...}},   blockquote
       {"type": "list", "items": [...]},  {"type": "raw_html", "content": ...},
       {"type": "correction", "text": ...}, {"type": "interstitial_link", "content": ...}
     ]}

A picture's credit is its photographers' names and then its affiliations,
joined with "/" (``Jung Yeon-je/AFP``), each name mapped to its string; the
caption block is the caption, a space and that credit. Other element types
(video, oembed, gallery references) carry no copy and are skipped. Strings
may hold inline HTML; every character maps back into the JSON file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newslint.article import Article
from newslint.hookspecs import hookimpl
from newslint.loaders.json import _HTMLISH, SUFFIXES, _plain, _Reader, decode_mapped, escape_fix
from newslint.loaders.offsets import MappedText, join_caption
from newslint.loaders.text import detect_newline
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

_SNIFF = compile_re(r'"(?:content_elements|headlines)"\s*:')


def is_ans(value: Any) -> bool:
    """An ANS story: ``type`` story (or no type) with ``headlines`` or ``content_elements``."""
    return (
        isinstance(value, dict)
        and value.get("type", "story") == "story"
        and (isinstance(value.get("headlines"), dict) or isinstance(value.get("content_elements"), list))
    )


class _AnsReader(_Reader):
    def basic(self, record: dict[str, Any], key: str) -> Any:
        value = record.get(key)
        return value.get("basic") if isinstance(value, dict) else None

    def credit(self, credits: Any, where: str) -> MappedText | None:
        """Photographers then affiliations, joined with "/" of our own."""
        if not isinstance(credits, dict):
            return None
        names: list[MappedText] = []
        for group in ("by", "affiliation"):
            for i, person in enumerate(credits.get(group) or []):
                value = person.get("name") or person.get("byline") if isinstance(person, dict) else person
                if isinstance(value, str) and value.strip():
                    names.append(self.text(value, f"{where}.{group}[{i}]").strip())
        if not names:
            return None
        out = names[0]
        for mt in names[1:]:
            out = out + MappedText("/", ((0, out.offset(len(out.text) - 1) + 1),)) + mt
        return out

    def picture(self, el: dict[str, Any], where: str) -> None:
        caption = el.get("caption")
        caption_mt = self.text(caption, f"{where}.caption").strip() if isinstance(caption, str) else None
        if caption_mt is not None and _HTMLISH.search(caption_mt.text):
            caption_mt = self.html_text(caption_mt)
        joined = join_caption(caption_mt, self.credit(el.get("credits"), f"{where}.credits"))
        if joined is None:
            return
        mt, span = joined
        data = {"image": str(el["url"])} if isinstance(el.get("url"), str) else {}
        self.c.add("caption" if caption_mt is not None and caption_mt.text else "credit", mt, credit=span, data=data)

    def elements(self, items: Any, where: str, kind: str = "paragraph") -> None:
        for i, el in enumerate(items if isinstance(items, list) else []):
            here = f"{where}[{i}]"
            if not isinstance(el, dict):
                continue
            t = el.get("type")
            if t == "text" and isinstance(el.get("content"), str):
                self.add(kind, el["content"], f"{here}.content")
            elif t == "header" and isinstance(el.get("content"), str):
                self.add("subheading", el["content"], f"{here}.content")
            elif t == "image":
                self.picture(el, here)
            elif t == "quote":
                self.elements(el.get("content_elements"), f"{here}.content_elements", "blockquote")
                citation = el.get("citation")
                if isinstance(citation, dict) and isinstance(citation.get("content"), str):
                    self.add("blockquote", citation["content"], f"{here}.citation.content")
            elif t == "list":
                self.elements(el.get("items"), f"{here}.items", kind)
            elif t == "raw_html" and isinstance(el.get("content"), str):
                self.html_body(self.text(el["content"], f"{here}.content"), kind)
            elif t == "correction" and isinstance(el.get("text"), str):
                self.add("paragraph", el["text"], f"{here}.text")
            elif t == "interstitial_link" and isinstance(el.get("content"), str):
                self.add("boilerplate", el["content"], f"{here}.content")

    def story(self, record: dict[str, Any]) -> None:
        headline = self.basic(record, "headlines")
        if isinstance(headline, str):
            self.add("headline", headline, '"headlines"."basic"')
        for key in ("subheadlines", "description"):
            standfirst = self.basic(record, key)
            if isinstance(standfirst, str) and standfirst.strip():
                self.add("standfirst", standfirst, f'"{key}"."basic"')
                break
        credits = record.get("credits")
        for i, person in enumerate(credits.get("by") or [] if isinstance(credits, dict) else []):
            name = person.get("name") if isinstance(person, dict) else person
            if isinstance(name, str):
                self.add("byline", name, f'"credits"."by"[{i}]')
        promo = self.basic(record, "promo_items")
        if isinstance(promo, dict) and promo.get("type") == "image":
            self.picture(promo, '"promo_items"."basic"')
        self.elements(record.get("content_elements"), '"content_elements"')


def parse_ans(path: str, text: str) -> Article:
    """Build an :class:`Article` from an ANS story; ``ValueError`` when it is not one."""
    return _article(path, text, decode_mapped(text))


def _article(path: str, text: str, record: Any) -> Article:
    if not is_ans(record):
        raise ValueError('not an ANS story: no "headlines" or "content_elements"')
    reader = _AnsReader(text)
    reader.story(record)
    keep = ("_id", "type", "version", "canonical_url", "display_date", "publish_date", "language", "taxonomy")
    metadata = {k: _plain(record[k]) for k in keep if k in record}
    return Article(
        path=path, source=text, blocks=tuple(reader.c.blocks), format="json", newline=detect_newline(text),
        metadata=metadata,
    )


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """Read ``.json`` files (and standard input) holding an ANS story."""
    if not (path.lower().endswith(SUFFIXES) or path == "-") or not _SNIFF.search(text[:65536]):
        return None
    try:
        record = decode_mapped(text)
    except ValueError:
        return None  # the JSON loader says what is wrong with it
    return _article(path, text, record) if is_ans(record) else None


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """An ANS story is JSON: its fixes are escaped as the JSON loader escapes them."""
    return escape_fix if format == "json" else None
