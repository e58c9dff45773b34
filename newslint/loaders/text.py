"""Plain text as newsrooms paste it: the fallback loader, which reads anything.

Headline on the first line, paragraphs separated by blank lines. A one-line
paragraph ending in a photo credit ("... Photograph: Getty Images",
"Photo: Reuters", "Picture: PA", "(c) AFP", "\u00a9 AFP") is a caption. A short
unpunctuated line after the headline is the standfirst; later ones are
subheadings. "By Jane Smith" is the byline, and a paragraph that is only a
copyright notice is boilerplate.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.article import Article, Block, BlockKind, find_credit, find_quotes
from newslint.hookspecs import hookimpl
from newslint.loaders.offsets import BOILERPLATE, BYLINE, plain_text
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.config import Config

_DIRECTIVE = compile_re(r"^\s*<!--\s*newslint\s*:.*?-->\s*$", re.IGNORECASE)
_END_PUNCT = tuple(".!?:;\"'\u201d\u2019)")


def paragraphs(text: str) -> list[tuple[int, str]]:
    """``(offset, text)`` of each paragraph: runs of lines between blank lines.

    A whole-line ``<!-- newslint: ... -->`` directive counts as a blank line,
    so suppression comments never become part of the copy.
    """
    out: list[tuple[int, str]] = []
    run_start = -1
    run_end = 0
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        line = m.group(0)
        if not line and m.start() == len(text):
            break
        content = line.rstrip("\r\n")
        if not content.strip() or _DIRECTIVE.match(content):
            if run_start >= 0:
                out.append((run_start, text[run_start:run_end]))
                run_start = -1
            continue
        if run_start < 0:
            run_start = m.start() + len(content) - len(content.lstrip())
        run_end = m.start() + len(content.rstrip())
    if run_start >= 0:
        out.append((run_start, text[run_start:run_end]))
    return out


def is_short_title(s: str) -> bool:
    return "\n" not in s and len(s) <= 250 and not s.endswith(_END_PUNCT)


def parse_text(path: str, text: str, *, fmt: str = "text") -> Article:
    """Build an :class:`Article` from plain text (see the module docstring)."""

    blocks: list[Block] = []
    counts: dict[str, int] = {}

    def add(kind: str, offset: int, body: str, **kw: object) -> None:
        idx = counts.get(kind, 0)
        counts[kind] = idx + 1
        mt = plain_text(body, offset)
        if mt.text != body and "credit" in kw:  # the credit was found in the text as written
            kw["credit"] = find_credit(mt.text)
        quotes = find_quotes(mt.text) if kind not in BlockKind.UNQUOTED else ()
        blocks.append(Block(kind=kind, index=idx, quotes=quotes, **mt.block_fields(), **kw))  # type: ignore[arg-type]

    paras = paragraphs(text)
    for n, (offset, body) in enumerate(paras):
        single_line = "\n" not in body and "\r" not in body
        credit = find_credit(body) if single_line else None
        if n == 0 and single_line and len(body) <= 300:
            add("headline", offset, body)
        elif credit is not None:
            add("caption", offset, body, credit=credit)
        elif single_line and BYLINE.match(body) and len(body) < 120:
            add("byline", offset, body)
        elif BOILERPLATE.match(body):
            add("boilerplate", offset, body)
        elif (
            single_line
            and is_short_title(body)
            and n == 1 + counts.get("caption", 0)
            and "standfirst" not in counts
            and "paragraph" not in counts
        ):
            add("standfirst", offset, body)
        elif single_line and is_short_title(body) and len(body.split()) <= 10 and "paragraph" in counts:
            add("subheading", offset, body)
        else:
            add("paragraph", offset, body)
    return Article(path=path, source=text, blocks=tuple(blocks), format=fmt, newline=detect_newline(text))


def detect_newline(text: str) -> str:
    i = text.find("\n")
    if i > 0 and text[i - 1] == "\r":
        return "\r\n"
    if i < 0 and "\r" in text:
        return "\r"
    return "\n"


#: What the plain-text loader is the loader of (it also reads any file named outright).
SUFFIXES = (".txt", ".text")


@hookimpl
def newslint_article_suffixes() -> tuple[str, ...]:
    return SUFFIXES


@hookimpl(trylast=True)
def newslint_load_article(path: str, text: str, config: Config) -> Article | None:
    return parse_text(path, text)
