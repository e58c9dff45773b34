"""Word documents (``.docx``), as much copy still arrives, read with python-docx.

Install the extra: ``pip install 'newslint[docx]'``. Without it a ``.docx``
file is an NL003 saying so.

A Word file has no lines and columns, so the article's source is the
document's text with **one line per paragraph**: a finding at line 12,
column 30 is in the twelfth paragraph of the document body (counting empty
paragraphs, as Word's navigation does), at its thirtieth character. Table
cells, headers and footers are not read. What becomes what, by paragraph
style:

* ``Title``, or the first ``Heading 1``: the headline; later ``Heading``
  styles: subheadings;
* ``Subtitle``: the standfirst;
* ``Caption``: a caption (its trailing "Photograph: ..." is the credit);
* ``Quote`` / ``Intense Quote``: blockquotes;
* any other paragraph: body copy, with the plain-text loader's rules for a
  short first line (the headline when no style says so), "By Jane Smith"
  bylines, one-line captions ending in a credit and copyright lines.

Fixes are never written back into a ``.docx``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from newslint.article import Article, BlockKind, find_credit
from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import BOILERPLATE, BYLINE, BlockCollector, MappedText, read_only
from newslint.loaders.text import is_short_title

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.hookspecs import Escape

SUFFIXES = (".docx",)

_STYLES = {
    "title": "headline",
    "subtitle": "standfirst",
    "caption": "caption",
    "quote": "blockquote",
    "intense quote": "blockquote",
}


def _kind(style: str, text: str, c: BlockCollector, first: bool) -> str:
    style = style.lower()
    if style in _STYLES:
        kind = _STYLES[style]
        # a second title or dek is body copy: an article has one of each
        return "paragraph" if kind in (BlockKind.HEADLINE, BlockKind.STANDFIRST) and c.has(kind) else kind
    if style.startswith("heading"):
        return "subheading" if c.has("headline") else "headline"
    single = len(text) < 150
    if first and not c.has("headline") and is_short_title(text):
        return "headline"
    if single and BYLINE.match(text):
        return "byline"
    if BOILERPLATE.match(text):
        return "boilerplate"
    if len(text) < 400 and find_credit(text) is not None:
        return "caption"
    return "paragraph"


def parse_docx(path: str, data: bytes) -> Article:
    """Build an :class:`Article` from a ``.docx`` file's bytes; ``ValueError`` when it cannot be read."""
    try:
        import docx
    except ImportError:
        raise ValueError("reading .docx files needs python-docx: pip install 'newslint[docx]'") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # a zip that is not a Word document, or a broken one
        raise ValueError(f"not a readable Word document: {type(e).__name__}: {e}") from None
    lines: list[str] = []
    c = BlockCollector()
    offset = 0
    for para in document.paragraphs:
        # a paragraph's own line breaks would shift the line numbers: one line each
        text = para.text.replace("\r", " ").replace("\n", " ").replace("\v", " ")
        lines.append(text)
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            kind = _kind(para.style.name if para.style is not None else "", stripped, c, not c.blocks)
            mt = MappedText.verbatim(stripped, offset + lead)
            credit = find_credit(stripped) if kind == "caption" else None
            c.add(kind, mt, credit=credit)
        offset += len(text) + 1
    source = "\n".join(lines) + "\n"
    if not c.blocks:
        raise ValueError("the Word document has no text")
    props = document.core_properties
    metadata = {k: v for k, v in (("title", props.title), ("author", props.author)) if v}
    return Article(path=path, source=source, blocks=c.ordered(), format="docx", metadata=metadata)


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl
def newslint_load_document(path: str, data: bytes, config: Config) -> Article | None:
    """Read ``.docx`` files (a ZIP package; standard input is never taken for one)."""
    if path.lower().endswith(SUFFIXES):
        return parse_docx(path, data)
    return None


@hookimpl
def newslint_fix_escape(format: str) -> Escape | None:
    """No fix is written into a docx file: a Word file is not its text."""
    return read_only if format == "docx" else None
