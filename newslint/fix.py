"""The fix engine: apply the fixes an editor may trust, write files safely, show diffs.

``newslint check --fix`` applies only :attr:`Applicability.SAFE` fixes (typography,
house substitutions marked safe); ``--unsafe-fixes`` opts in to unsafe ones. A
display-only fix (``name-consistency``'s: a name is confirmed by an editor) is
never applied, and whatever the flags, an edit inside a direct quotation is
never made: quoted words are what someone said. Which fix is which is the
diagnostic's to say (:class:`Applicability`), not a list in this module; how a
replacement is escaped in HTML, JSON or Markdown is the loader's of that format
(the ``newslint_fix_escape`` hook), not a table here.

Edits are source offsets, so a fix keeps everything it does not touch, line
endings and all. Writes go to a temporary file in the same folder which then
replaces the original, so an interrupted write never leaves half an article.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newslint.diagnostic import Applicability, Edit
from newslint.regex import compile_re

try:
    import fcntl
except ImportError:  # Windows: no locks, so stale temporary files are never swept
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic
    from newslint.hookspecs import Escape

__all__ = ["FixNotWritten", "apply_fixes", "as_is", "encode_like", "sweep_stale", "unified_diff", "write_atomic"]

#: How :func:`write_atomic` names the file it writes before the rename: ``.NAME.XXXXXXXX.newslint-tmp``
#: in the article's folder (``XXXXXXXX`` as :func:`tempfile.mkstemp` makes them).
TEMP_SUFFIX = ".newslint-tmp"
_TEMP_NAME = compile_re(r"\.(?P<name>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"\Z", re.S)


def _quote_spans(article: Article) -> list[tuple[int, int]]:
    """Source spans ``[start, end)`` of the words inside direct quotations.

    The loaders mark them (:func:`newslint.find_quotes`), reading straight
    marks by what stands beside them so a run-on quotation stays quoted.
    """
    spans = []
    for block in article.blocks:
        for qs, qe in block.quotes:
            spans.append(block.source_span(qs, qe))
    return spans


def _in_quote(edit: Edit, quotes: Sequence[tuple[int, int]]) -> bool:
    for qs, qe in quotes:
        if edit.start == edit.end:
            # an insertion anywhere from just after the opening mark to just
            # before the closing one changes the quoted words
            if qs <= edit.start <= qe and qs < qe:
                return True
        elif edit.start < qe and qs < edit.end:
            return True
    return False


def as_is(original: str, replacement: str) -> str:
    """The fix escape of plain text: the replacement is written as it is."""
    return replacement


def _conflict(a: Edit, b: Edit) -> bool:
    """True when two edits cannot both be applied with a well-defined result."""
    if a.start == b.start:
        # two insertions (or an insertion and a replacement) at one point: order unknown
        return True
    if a.start < b.end and b.start < a.end:
        return True
    if a.start == a.end and b.start < a.start < b.end:
        return True
    return b.start == b.end and a.start < b.start < a.end


def _written(escape: Escape, source: str, edits: Sequence[Edit]) -> list[Edit] | None:
    """The edits with their words written as the file's format needs them, or None to refuse the fix."""
    out = []
    for e in edits:
        text = escape(source[e.start : e.end], e.text)
        if text is None:
            return None
        out.append(e if text == e.text else Edit(e.start, e.end, text))
    return out


def apply_fixes(
    article: Article, diagnostics: Sequence[Diagnostic], *, unsafe: bool = False, escape: Escape | None = None
) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes of ``diagnostics`` to ``article.source``.

    Returns the new source text and the diagnostics whose fixes were applied.
    Applies safe fixes, plus unsafe ones when ``unsafe`` is true, never
    display-only ones, and never one with an edit inside a direct quotation.
    ``escape`` writes each replacement as the article's format needs it, or
    refuses an edit that would cut through markup: the loader of the format
    provides it (``newslint_fix_escape``, :func:`newslint.manager.fix_escape`).
    Without it the article must be plain text (``format`` ``"text"``), whose
    replacements are written as they are; in any other format no fix is
    applied. When two fixes overlap,
    the one that comes first in source order (then by code and message) wins
    and the other is left for the next run, so the result does not depend on
    the order rules ran in.
    """
    required = Applicability.UNSAFE if unsafe else Applicability.SAFE
    if escape is None:
        if article.format not in ("text", ""):
            return article.source, []  # how to write into this format is its loader's to say
        escape = as_is
    source = article.source
    quotes = _quote_spans(article)
    accepted: list[Edit] = []
    applied: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=lambda d: d.sort_key):
        fix = diag.fix
        if fix is None or not fix.edits or not fix.applicability.applies(required):
            continue
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(not 0 <= e.start <= e.end <= len(source) for e in edits):
            continue  # a stale fix (the source changed since it was made)
        written = _written(escape, source, edits)
        if written is None:
            continue  # the edit would cut through markup: an editor's job
        edits = written
        if any(_in_quote(e, quotes) for e in edits):
            continue
        if any(_conflict(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :]):
            continue
        if any(_conflict(e, done) for e in edits for done in accepted):
            continue
        accepted.extend(edits)
        applied.append(diag)
    out = source
    for e in sorted(accepted, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.text + out[e.end :]
    return out, applied


class FixNotWritten(Exception):
    """A fixed article that was not written; the message says why, in one sentence."""


_BOMS = (
    # longest first: the UTF-32 little-endian mark begins with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(text: str, encoding: str, original: bytes | None = None) -> bytes:
    """``text`` encoded as the file was: its encoding, byte-order mark and byte order.

    With ``original`` (the file's bytes as read) a file that began with a
    byte-order mark gets the same mark back, so UTF-16BE stays big-endian;
    without it, an encoding with a mark writes the codec's own. Raises
    :class:`UnicodeEncodeError` when the encoding cannot hold a character.
    """
    name = codecs.lookup(encoding).name
    family = "-".join(name.split("-")[:2])  # utf-8-sig -> utf-8, utf-16-be -> utf-16
    if name in ("utf-8-sig", "utf-16", "utf-32") and text.startswith("\ufeff"):
        text = text[1:]  # the mark is the file's, written below, not the article's
    for bom, codec in _BOMS:
        if original is not None and original.startswith(bom) and codec.startswith(family):
            return bom + text.encode(codec)
    return text.encode(encoding)


def _refusal(target: str, st: os.stat_result) -> str | None:
    """Why the file may not be replaced at all, or None."""
    if st.st_nlink > 1:
        return f"it has {st.st_nlink} hard links, which a rewrite would split"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        return "it is read-only"
    return None


def write_atomic(
    path: str,
    text: str,
    *,
    encoding: str,
    original: bytes | None = None,
    stamp: os.stat_result | None = None,
) -> None:
    """Write ``text`` to ``path`` so that the file is either the old one or the new one.

    The text is encoded as the file was (:func:`encode_like`), with no newline
    translation (it already carries the file's own line endings). It goes to a
    temporary file in the same folder, is flushed to disk, given the
    original's mode and owner, and then replaces the original with
    ``os.replace``. A symbolic link is followed, so the file it points to is
    updated and the link kept.

    With ``original`` (the bytes the fix was made from) and ``stamp`` (their
    ``os.stat``), a file edited since it was read is left alone: it is read
    again and compared just before the rename. Raises :class:`FixNotWritten`,
    leaving the original untouched, when the file changed, has hard links, is
    read-only, cannot keep its owner, or its encoding cannot hold the fix; an
    :class:`OSError` (a full disk, a read-only folder) leaves it untouched too.
    """
    target = os.path.realpath(path)
    try:
        data = encode_like(text, encoding, original)
    except UnicodeEncodeError as e:
        raise FixNotWritten(
            f"the fix needs {text[e.start : e.end]!r}, which the file's encoding ({encoding}) cannot hold"
        ) from None
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None:
        refused = _refusal(target, st)
        if refused:
            raise FixNotWritten(refused)
    if stamp is not None and (st is None or _changed(stamp, st)):
        raise FixNotWritten("it changed after it was read; check it again")
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            if fcntl is not None:  # held until the rename: a later run's sweep leaves a live write alone
                fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if st is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            else:
                _keep_owner(tmp, st)
                os.chmod(tmp, st.st_mode & 0o7777)  # after chown, which clears set-id bits
            if original is not None and _reread(target) != original:
                raise FixNotWritten("it changed while it was being fixed; check it again")
            os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)


def sweep_stale(paths: Iterable[str], before: float) -> list[str]:
    """Remove the temporary files that fixes of ``paths`` killed mid-write left behind; return them.

    A run killed between writing a fix and the rename (SIGKILL, a power cut)
    leaves its temporary file beside the article. Only a file that is
    certainly such a leftover is removed: a regular file (not a link) named as
    :func:`write_atomic` names them, for one of ``paths``, last modified
    before ``before`` (the sweeping run's start, a :func:`time.time`), and not
    locked: a live write holds a lock on its file until the rename, and the
    lock dies with its process. Anything that cannot be opened or locked is
    left alone, and so is everything on platforms without ``fcntl``.
    """
    if fcntl is None:
        return []
    names: dict[str, set[str]] = {}
    for path in paths:
        if path != "-":
            target = os.path.realpath(path)  # where write_atomic writes
            names.setdefault(os.path.dirname(target), set()).add(os.path.basename(target))
    removed = []
    for folder, articles in names.items():
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            m = _TEMP_NAME.match(entry)
            if m and m["name"] in articles and _remove_if_stale(os.path.join(folder, entry), before):
                removed.append(os.path.join(folder, entry))
    return removed


def _remove_if_stale(tmp: str, before: float) -> bool:
    try:  # O_NONBLOCK: a FIFO given the name does not hang the run
        fd = os.open(tmp, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_mtime >= before:
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: its writer is alive
        if not os.path.samestat(st, os.lstat(tmp)):
            return False  # the name was given to another file meanwhile
        os.unlink(tmp)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _changed(before: os.stat_result, now: os.stat_result) -> bool:
    return (before.st_ino, before.st_size, before.st_mtime_ns) != (now.st_ino, now.st_size, now.st_mtime_ns)


def _reread(target: str) -> bytes | None:
    try:
        with open(target, "rb") as f:
            return f.read()
    except OSError:
        return None


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    """Give the new file the original's owner and group, or refuse the write."""
    made = os.stat(tmp)
    if (made.st_uid, made.st_gid) == (st.st_uid, st.st_gid):
        return
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except (PermissionError, AttributeError):
        try:  # the group alone may be ours to give
            os.chown(tmp, -1, st.st_gid)
        except (PermissionError, AttributeError):
            pass
        if os.stat(tmp).st_uid != st.st_uid or os.stat(tmp).st_gid != st.st_gid:
            raise FixNotWritten(
                f"it belongs to user {st.st_uid}, group {st.st_gid}, which a rewrite by this user would change"
            ) from None


def _fsync_dir(folder: str) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass  # not supported for directories on some systems
    finally:
        os.close(dfd)


def _lines(text: str) -> list[str]:
    # str.splitlines would also break at form feeds and U+2028, which are not lines in a file
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of ``before`` and ``after`` with ``a/path`` and ``b/path`` headers (as git writes them).

    Returns ``""`` when nothing changed. Line endings are kept as they are in
    the file, and a last line with no line ending is marked the way
    ``diff`` and ``git`` mark it.
    """
    if before == after:
        return ""
    # "a//tmp/x.txt" would read badly; "a/tmp/x.txt" still applies with `patch -p1` from /
    name = path.replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
