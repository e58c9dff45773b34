"""The one way in: which files a run reads, their bytes, their text, and what makes one unreadable.

``newslint check``, ``newslint audit`` and ``newslint names build`` all find
files with :func:`find_files` (a folder is walked for the suffixes the loaders
declare, through ``newslint_article_suffixes``), read them with
:func:`read_bytes` and decode them with :func:`read_source`, by way of the
session.

News copy that is not UTF-8 is nearly always Windows-1252 or Latin-1 (a
pound sign pasted from an old CMS), so after UTF-8 and any declared charset
those are tried before a statistical guess, which tends to mistake a short
Latin-1 story for a Japanese code page.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from newslint.regex import compile_re

#: Files larger than this are reported and skipped, not checked (config: ``max-file-size``).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_DECLARED = compile_re(
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


#: Every byte but the control characters that do not occur in text (tab, line feed, form feed,
#: carriage return and escape do).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean not text."""
    head = data[:8192]
    if head.startswith(tuple(bom for bom, _ in _WIDE_BOMS)):
        return False
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))  # deleting the rest: no Python call a byte
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


#: Files and folders that are never articles: left out of folder walks, and with
#: ``--force-exclude`` out of files named one by one too (as pre-commit names them).
DEFAULT_EXCLUDE = (
    "README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS.md", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*",
    "AUTHORS*", "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "SUPPORT*", "CODEOWNERS",
    "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig*.json", "jsconfig.json",
    "requirements*.txt", "constraints*.txt", "robots.txt", "humans.txt", "CMakeLists.txt",
    "*baseline*.json", "node_modules", "venv", "__pycache__", "site-packages",
)


def find_files(
    paths: Iterable[str],
    suffixes: Collection[str],
    exclude: Iterable[str] = (),
    *,
    force_exclude: bool = False,
    root: str | None = None,
    stdin_names: Collection[str] = ("-",),
) -> list[str]:
    """The files to read for ``paths``: a file (or standard input) as given, a folder walked.

    A folder is walked in sorted order for files whose suffix (lower-cased) is
    in ``suffixes``, leaving out hidden entries, :data:`DEFAULT_EXCLUDE` and
    those matching an ``exclude`` pattern (by path, by path relative to
    ``root``, or by name). With ``force_exclude`` a file named in ``paths`` is
    left out by the same patterns. Each file is listed once.
    """
    patterns = (*exclude, *DEFAULT_EXCLUDE)
    wanted = {s.lower() for s in suffixes}
    base = os.path.abspath(root) if root else None
    # fnmatch.fnmatch for every pattern at once: one regex, not thirty calls a name
    anyof = compile_re("|".join(f"(?:{fnmatch.translate(os.path.normcase(pat))})" for pat in patterns)).match

    def excluded(p: str) -> bool:
        full = os.path.abspath(p)
        names = [p, full, os.path.basename(p.rstrip("/\\")) or p]
        if base is not None:
            rel = os.path.relpath(full, base)
            if not rel.startswith(os.pardir):
                names.append(rel.replace(os.sep, "/"))
        return any(anyof(os.path.normcase(n)) for n in names)

    out: list[str] = []
    for p in paths:
        if p in stdin_names or not os.path.isdir(p):
            if not (force_exclude and p not in stdin_names and excluded(p)):
                out.append(p)
            continue
        if force_exclude and excluded(p):
            continue
        for walk_root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(walk_root, d)))
            for f in sorted(files):
                full = os.path.join(walk_root, f)
                if not f.startswith(".") and not excluded(full) and os.path.splitext(f)[1].lower() in wanted:
                    out.append(full)
    return list(dict.fromkeys(out))


#: What a file that is not a regular file is, for the NL003 message.
_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def read_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES, stdin: Any = None) -> tuple[bytes, os.stat_result | None]:
    """A file's bytes and its ``os.stat`` as read (``-``: standard input, or ``stdin``, with no stat).

    Raises :class:`UnreadableFile` saying why not: not a regular file, larger
    than ``max_bytes`` (then not even read), or an error from the system.
    """
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        return (data.encode("utf-8") if isinstance(data, str) else data), None
    try:
        # never blocks: a FIFO or a device is opened without waiting, then turned away
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise UnreadableFile(f"cannot read file: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                kind = _SPECIAL.get(stat.S_IFMT(st.st_mode), "not a regular file")
                raise UnreadableFile(f"file is {kind}, not text; skipped")
            if st.st_size > max_bytes:
                raise UnreadableFile(too_large(st.st_size, max_bytes))
            return f.read(max_bytes + 1), st
        except OSError as e:
            raise UnreadableFile(f"cannot read file: {e.strerror or e}") from None


def read_source(path: str, data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode a file's bytes or raise :class:`UnreadableFile` saying why it cannot be checked."""
    if len(data) > max_bytes:
        raise UnreadableFile(too_large(len(data), max_bytes))
    if looks_binary(data):
        raise UnreadableFile("file is binary, not text; skipped")
    return decode(data)
