"""The JSON article record, for CMS integrations (the schema is in ``docs/formats.md``).

::

    {
      "headline": "South Korea proposes talks with North",
      "standfirst": "Experts say ...",
      "byline": "Jane Smith",
      "body": [
        "South Korea has responded ...",
        {"type": "subheading", "text": "Winter Olympics"},
        {"type": "blockquote", "text": "\\u201cWe expect ...\\u201d"},
        {"type": "image", "id": "img-1"}
      ],
      "images": [
        {"id": "img-1", "src": "https://...", "caption": "Visitors ...", "credit": "Photograph: Getty Images"}
      ]
    }

Every block maps back to the characters inside the JSON strings, escapes
(``\\n``, ``\\"``, ``\\u00e9``) included, so diagnostics point into the file.
Invalid JSON, or JSON that is not an article record, raises ``ValueError``
with a one-line message.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from newslint.article import Article, BlockKind, find_credit
from newslint.hookspecs import hookimpl
from newslint.loaders.jsonmap import _Str, decode_mapped, mapped
from newslint.loaders.offsets import BOILERPLATE, BlockCollector, MappedText, escaper
from newslint.loaders.text import detect_newline
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

SUFFIXES = (".json",)

HEADLINE_KEYS = ("headline", "title")
STANDFIRST_KEYS = ("standfirst", "dek", "summary", "description", "subtitle", "excerpt")
BYLINE_KEYS = ("byline", "author", "authors")
BODY_KEYS = ("body", "content", "paragraphs")
IMAGE_KEYS = ("images", "media")

#: Body item ``type`` values and the block kind each becomes.
BODY_TYPES = {
    "paragraph": "paragraph", "p": "paragraph", "text": "paragraph", "html": "paragraph",
    "subheading": "subheading", "heading": "subheading", "h2": "subheading", "h3": "subheading",
    "blockquote": "blockquote", "quote": "blockquote", "pullquote": "blockquote",
    "standfirst": "standfirst", "byline": "byline", "boilerplate": "boilerplate",
    "caption": "caption", "image": "caption", "figure": "caption", "photo": "caption",
}

#: Markup in a string value: a tag, a comment or a character reference.
_HTMLISH = compile_re(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|/[a-zA-Z]|!--)|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+[0-9]*);")
def _plain(value: Any) -> Any:
    """``value`` with every :class:`_Str` turned back into a plain ``str`` (for metadata)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for k in keys:
        if k in record and record[k] is not None:
            value = record[k]
            if isinstance(value, dict) and isinstance(value.get("rendered"), str):
                value = value["rendered"]  # the WordPress REST API's {"rendered": "<p>...</p>"}
            return k, value
    return None, None


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.c = BlockCollector()

    def text(self, value: Any, where: str) -> MappedText:
        if not isinstance(value, _Str):
            raise ValueError(f"{where} must be a string, not {type(value).__name__}")
        return mapped(self.source, value)

    def add(self, kind: str, value: Any, where: str) -> None:
        mt = self.text(value, where).strip()
        if _HTMLISH.search(mt.text):
            if kind in BlockKind.RUNNING and mt.text.startswith("<"):
                self.html_body(mt, kind)
                return
            mt = self.html_text(mt)  # a headline or caption with entities or inline tags
        if kind == "paragraph" and BOILERPLATE.match(mt.text):
            kind = "boilerplate"
        if kind == "caption":
            self.c.add("caption", mt, credit=find_credit(mt.text))
        else:
            self.c.add(kind, mt)

    def html_body(self, mt: MappedText, kind: str = "paragraph") -> None:
        """Body copy given as HTML: read with the HTML loader's rules, mapped on into the file."""
        from newslint.loaders.html import extract

        inner = BlockCollector()
        extract(mt.text, 0, inner)
        for b in inner.ordered():
            bkind = b.kind
            if bkind == "headline" and self.c.has("headline"):
                bkind = "subheading"
            elif bkind == "paragraph" and kind == "blockquote":
                bkind = kind
            mapped_mt = MappedText.of_block(b).through(mt)
            self.c.add(bkind, mapped_mt, credit=b.credit, data=dict(b.data), languages=b.languages)

    def html_text(self, mt: MappedText) -> MappedText:
        """A one-line field with markup in it: its words, tags dropped and entities decoded."""
        from newslint.loaders.html import extract

        inner = BlockCollector()
        extract(mt.text, 0, inner)
        out = MappedText("", ())
        for b in inner.ordered():
            part = MappedText.of_block(b).through(mt)
            if out.text:
                out = out + MappedText(" ", ((0, out.offset(len(out.text) - 1) + 1),))
            out = out + part
        return out if out.text else mt

    def image(self, img: Any, where: str) -> None:
        """A caption block for one image record."""
        if isinstance(img, str):  # just a caption
            self.add("caption", img, where)
            return
        if not isinstance(img, dict):
            raise ValueError(f"{where} must be an object or a string, not {type(img).__name__}")
        # the picture's address first, as the HTML and Markdown loaders key it, so a
        # picture is recognised across formats; the CMS id when there is no address
        key = img.get("src") or img.get("url") or img.get("id")
        key = None if isinstance(key, (dict, list, bool)) else key
        data: dict[str, Any] = {"image": str(key)} if key is not None else {}
        for k in ("id", "src", "url", "alt"):
            if isinstance(img.get(k), (str, int)) and not isinstance(img.get(k), bool):
                data[k] = str(img[k])
        caption_value = img.get("caption", img.get("text"))
        caption = self.text(caption_value, f"{where}.caption").strip() if caption_value is not None else None
        credit_value = img.get("credit")
        credit_mt = self.text(credit_value, f"{where}.credit").strip() if credit_value is not None else None
        if credit_mt is not None and not credit_mt.text:
            credit_mt = None
        if caption is None or not caption.text:
            if credit_mt is not None:
                self.c.add("credit", credit_mt, credit=(0, len(credit_mt.text)), data=data)
            return
        if credit_mt is None or caption.text.endswith(credit_mt.text):
            span = find_credit(caption.text)
            if credit_mt is not None:
                span = (len(caption.text) - len(credit_mt.text), len(caption.text))
            self.c.add("caption", caption, credit=span, data=data)
            return
        # caption and credit are separate strings: one block, joined by a space of our own
        space = MappedText(" ", ((0, caption.offset(len(caption.text) - 1) + 1),))
        joined = caption + space + credit_mt
        self.c.add("caption", joined, credit=(len(joined.text) - len(credit_mt.text), len(joined.text)), data=data)

    def read(self, record: dict[str, Any]) -> None:
        k, v = _first(record, HEADLINE_KEYS)
        if k:
            self.add("headline", v, f'"{k}"')
        k, v = _first(record, STANDFIRST_KEYS)
        if k:
            self.add("standfirst", v, f'"{k}"')
        k, v = _first(record, BYLINE_KEYS)
        if k:
            for i, item in enumerate(v if isinstance(v, list) else [v]):
                if isinstance(item, dict):
                    item = item.get("name")
                self.add("byline", item, f'"{k}"[{i}]' if isinstance(v, list) else f'"{k}"')
        _, images = _first(record, IMAGE_KEYS)
        images = images if isinstance(images, list) else []
        by_id = {
            str(img["id"]): img for img in images if isinstance(img, dict) and isinstance(img.get("id"), (str, int))
        }
        used: set[str] = set()
        k, body = _first(record, BODY_KEYS)
        if isinstance(body, str) and _HTMLISH.search(body):
            self.html_body(self.text(body, f'"{k}"'))
        elif isinstance(body, str):
            for para in self.text(body, f'"{k}"').paragraphs():
                kind = "boilerplate" if BOILERPLATE.match(para.text) else "paragraph"
                self.c.add(kind, para)
        elif isinstance(body, list):
            for i, item in enumerate(body):
                where = f'"{k}"[{i}]'
                if isinstance(item, str):
                    self.add("paragraph", item, where)
                    continue
                if not isinstance(item, dict):
                    raise ValueError(f"{where} must be a string or an object, not {type(item).__name__}")
                kind = BODY_TYPES.get(str(item.get("type", "paragraph")).lower(), "paragraph")
                if kind == "caption":
                    ref = item.get("id") if "caption" not in item and "text" not in item else None
                    if isinstance(ref, (str, int)) and str(ref) in by_id:
                        used.add(str(ref))
                        self.image(by_id[str(ref)], f'"images" item {str(ref)!r}')
                    else:
                        self.image(item, where)
                elif kind == "paragraph" and isinstance(item.get("html"), str):
                    self.html_body(self.text(item["html"], f"{where}.html"))
                elif "text" in item:
                    self.add(kind, item["text"], f"{where}.text")
        elif body is not None:
            raise ValueError(f'"{k}" must be a string or a list, not {type(body).__name__}')
        for i, img in enumerate(images):
            if isinstance(img, dict) and img.get("id") is not None and str(img["id"]) in used:
                continue
            self.image(img, f'"images"[{i}]')


def load_record(text: str) -> dict[str, Any]:
    """Decode ``text`` as a JSON article record, or raise ``ValueError`` saying why not."""
    value = decode_mapped(text)
    if isinstance(value, dict) and isinstance(value.get("article"), dict) and not _is_record(value):
        value = value["article"]
    if not isinstance(value, dict):
        raise ValueError(f"a JSON article record must be an object, not {type(value).__name__}")
    if not _is_record(value):
        raise ValueError("not an article record: no headline, body or images (see docs/formats.md)")
    return value


def _is_record(value: dict[str, Any]) -> bool:
    return any(k in value for k in HEADLINE_KEYS + BODY_KEYS + IMAGE_KEYS)


def parse_json(path: str, text: str) -> Article:
    """Build an :class:`Article` from a JSON article record."""
    record = load_record(text)
    reader = _Reader(text)
    reader.read(record)
    skip = set(BODY_KEYS + IMAGE_KEYS)
    metadata = {str(k): _plain(v) for k, v in record.items() if k not in skip}
    return Article(
        path=path, source=text, blocks=tuple(reader.c.blocks), format="json",
        newline=detect_newline(text), metadata=metadata,
    )


def looks_like_json(text: str) -> bool:
    """True when ``text`` is a JSON article record (for standard input)."""
    if not text.lstrip().startswith("{"):
        return False
    try:
        load_record(text)
    except ValueError:
        return False
    return True


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    """Read ``.json`` files, and standard input holding a JSON article record."""
    if path.lower().endswith(SUFFIXES) or (path == "-" and looks_like_json(text)):
        return parse_json(path, text)
    return None


#: a JSON string's escapes and the characters it may not hold raw
_MARKUP = compile_re(r'[\\"\x00-\x1f]')
escape_fix = escaper(_MARKUP, lambda text: json.dumps(text, ensure_ascii=False)[1:-1])


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """A fix in a JSON string is escaped as JSON; an edit over an escape is refused."""
    return escape_fix if format == "json" else None
