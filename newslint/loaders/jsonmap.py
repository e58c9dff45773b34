"""JSON decoded with every string value remembering where it stands in the file.

The JSON loader reads article records with it, and the HTML loader reads a
page's JSON-LD with it, so a finding in a JSON string points at its place
in the file, escapes and all.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newslint.loaders.offsets import MappedText, TextBuilder
from newslint.regex import compile_re

_ESCAPE = compile_re(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
_SIMPLE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class _Str(str):
    """A JSON string value that remembers where its contents start in the file."""

    pos: int
    raw_end: int


def _decoder() -> json.JSONDecoder:
    """A decoder whose string values are :class:`_Str` (the pure-Python scanner allows the hook)."""
    dec = json.JSONDecoder()
    scan = json.decoder.scanstring  # type: ignore[attr-defined]

    def parse_string(s: str, end: int, strict: bool = True) -> tuple[str, int]:
        value, new_end = scan(s, end, strict)
        out = _Str(value)
        out.pos, out.raw_end = end, new_end - 1
        return out, new_end

    dec.parse_string = parse_string  # type: ignore[attr-defined]
    dec.scan_once = json.scanner.py_make_scanner(dec)  # type: ignore[attr-defined]
    return dec


def decode_mapped(text: str) -> Any:
    """Decode JSON ``text`` with every string value remembering its place (for :func:`mapped`).

    Raises ``ValueError`` with a one-line message for invalid JSON.
    """
    try:
        return _decoder().decode(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None


def mapped(source: str, value: _Str) -> MappedText:
    """A string value's text, each character mapped to its place inside the quotes."""
    b = TextBuilder()
    pos, end = value.pos, value.raw_end
    i = pos
    pending_high: tuple[int, int] | None = None  # a \\uD8xx waiting for its low half
    for m in _ESCAPE.finditer(source, pos, end):
        if m.start() > i:
            b.add(source[i : m.start()], i)
        if m.group(1):
            code = int(m.group(1), 16)
            if 0xD800 <= code < 0xDC00:
                pending_high = (code, m.start())
                i = m.end()
                continue
            if 0xDC00 <= code < 0xE000 and pending_high is not None and pending_high[1] + 6 == m.start():
                code = 0x10000 + ((pending_high[0] - 0xD800) << 10) + (code - 0xDC00)
                b.add_replacement(chr(code), pending_high[1])
            else:
                b.add_replacement(chr(code), m.start())
        else:
            b.add_replacement(_SIMPLE.get(m.group(2), m.group(2)), m.start())
        pending_high = None
        i = m.end()
    if i < end:
        b.add(source[i:end], i)
    mt = b.raw()
    if mt.text != value:  # never expected; keep the text right even if the map is rough
        return MappedText(str(value), ((0, pos),))
    return mt
