"""Reading article files: bytes to text, and what makes a file unreadable.

News copy that is not UTF-8 is nearly always Windows-1252 or Latin-1 (a
pound sign pasted from an old CMS), so after UTF-8 and any declared charset
those are tried before a statistical guess, which tends to mistake a short
Latin-1 story for a Japanese code page.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

#: Files larger than this are reported and skipped, not checked (config: ``max-file-size``).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+))""",
    re.IGNORECASE,
)


class UnreadableFile(Exception):
    """A file that cannot be checked; the message is one clear sentence."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    #: a sentence for an info diagnostic when a fallback encoding was used
    note: str | None = None
    #: where in ``text`` the first byte that was not UTF-8 landed, with a fallback
    bad_offset: int | None = None


#: Byte-order marks of the wide encodings, longest first (UTF-32LE's begins with UTF-16LE's).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean not text."""
    head = data[:8192]
    if head.startswith(tuple(bom for bom, _ in _WIDE_BOMS)):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return len(head) > 0 and controls / len(head) > 0.05


def _where(data: bytes, pos: int) -> str:
    line = data.count(b"\n", 0, pos) + 1
    col = pos - (data.rfind(b"\n", 0, pos) + 1) + 1
    return f"byte 0x{data[pos]:02X} at line {line}, column {col}"


def decode(data: bytes) -> Decoded:
    """Decode file bytes: UTF-8 (with or without BOM), a declared charset, UTF-16, then fallbacks."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            pass
    for bom, enc in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError:
                if enc == "utf-32" and bom == codecs.BOM_UTF32_LE:
                    continue  # UTF-16LE whose first character is U+0000: try that
                label = enc.upper()
                raise UnreadableFile(f"file has a {label} byte-order mark but is not valid {label}") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        where = _where(data, e.start)
        bad_at = e.start
    candidates: list[str] = []
    m = _DECLARED.search(data[:4096])
    if m:
        declared = (m.group(1) or m.group(2)).decode("ascii", "replace")
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        # a declaration read as ASCII cannot be true of a wide encoding: the file is not UTF-16
        if name and not name.startswith(("utf-16", "utf-32")):
            candidates.append(name)
    candidates += ["cp1252"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        offset = len(data[:bad_at].decode(enc, errors="replace"))
        return Decoded(text, enc, f"file is not valid UTF-8 ({where}); read as {_label(enc)}", offset)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # the guess is a nicety; Latin-1 below always works
        best = None
    enc = best.encoding if best is not None else "latin-1"
    text = data.decode(enc, errors="replace")
    offset = len(data[:bad_at].decode(enc, errors="replace"))
    return Decoded(text, enc, f"file is not valid UTF-8 ({where}); read as {_label(enc)} (a guess)", offset)


def _label(enc: str) -> str:
    return {"cp1252": "Windows-1252", "latin_1": "Latin-1", "iso8859-1": "Latin-1"}.get(enc, enc)


def too_large(size: int, max_bytes: int) -> str:
    return (
        f"file is {size / 1048576:.1f} MiB, larger than the {max_bytes / 1048576:g} MiB limit "
        "for one article; skipped (--max-file-size changes the limit)"
    )


def read_source(path: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode a file's bytes or raise :class:`UnreadableFile` saying why it cannot be checked."""
    if len(data) > max_bytes:
        raise UnreadableFile(too_large(len(data), max_bytes))
    if looks_binary(data):
        raise UnreadableFile("file is binary, not text; skipped")
    return decode(data)
