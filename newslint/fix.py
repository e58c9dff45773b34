"""The fix engine: apply the fixes an editor may trust, write files safely, show diffs.

``newslint check --fix`` applies only :attr:`Applicability.SAFE` fixes (typography,
house substitutions marked safe); ``--unsafe-fixes`` opts in to the rest.
Whatever the flags, two things are never changed by a machine:

* a fix from ``name-consistency``: a name is confirmed by an editor, because
  the rarer spelling is sometimes the right one;
* an edit inside a direct quotation: quoted words are what someone said.

Edits are source offsets, so a fix keeps everything it does not touch, line
endings and all. Writes go to a temporary file in the same folder which then
replaces the original, so an interrupted write never leaves half an article.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
import tempfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from newslint.diagnostic import Applicability, Edit

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic

__all__ = ["NEVER_FIX_RULES", "apply_fixes", "unified_diff", "write_atomic"]

#: Rules whose fixes are only ever shown, never applied.
NEVER_FIX_RULES = frozenset({"name-consistency"})


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


def _in_format(fmt: str, source: str, edits: Sequence[Edit]) -> list[Edit] | None:
    """The edits with their words written as the file's format needs them, or None.

    A rule's replacement is readable text; in HTML, JSON and Markdown it must be
    escaped ("&" as "&amp;"), and an edit over markup (a tag, an escape,
    emphasis) would break the file, so the whole fix is refused. Deleting text
    that holds only entities, as "&ndash; Copyright ..." does, breaks nothing.
    """
    if fmt in ("text", ""):
        return list(edits)
    try:
        from newslint.loaders.offsets import edit_text
    except ImportError:  # pragma: no cover - the loaders ship with the core
        return list(edits)
    out = []
    for e in edits:
        original = source[e.start : e.end]
        if not e.text and fmt == "html" and not re.search(r"[<>]", original):
            out.append(e)
            continue
        text = edit_text(fmt, original, e.text)
        if text is None:
            return None
        out.append(Edit(e.start, e.end, text))
    return out


def _allowed(applicability: Applicability, unsafe: bool) -> bool:
    if applicability is Applicability.SAFE:
        return True
    return unsafe and applicability is Applicability.UNSAFE


def apply_fixes(
    article: Article, diagnostics: Sequence[Diagnostic], *, unsafe: bool = False
) -> tuple[str, list[Diagnostic]]:
    """Apply the fixes of ``diagnostics`` to ``article.source``.

    Returns the new source text and the diagnostics whose fixes were applied.
    Applies safe fixes, plus unsafe ones when ``unsafe`` is true, never
    display-only ones, never one from a rule in :data:`NEVER_FIX_RULES`, and
    never one with an edit inside a direct quotation, and never one that would
    cut through markup in HTML, JSON or Markdown (replacements are escaped as
    the format needs). When two fixes overlap,
    the one that comes first in source order (then by code and message) wins
    and the other is left for the next run, so the result does not depend on
    the order rules ran in.
    """
    source = article.source
    quotes = _quote_spans(article)
    accepted: list[Edit] = []
    applied: list[Diagnostic] = []
    for diag in sorted(diagnostics, key=lambda d: d.sort_key):
        fix = diag.fix
        if fix is None or not fix.edits or diag.rule in NEVER_FIX_RULES:
            continue
        if not _allowed(fix.applicability, unsafe):
            continue
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if any(not 0 <= e.start <= e.end <= len(source) for e in edits):
            continue  # a stale fix (the source changed since it was made)
        written = _in_format(article.format, source, edits)
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


def _is_bom_encoding(encoding: str) -> bool:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name in ("utf-8-sig", "utf-16", "utf-32")


def write_atomic(path: str, text: str, *, encoding: str) -> None:
    """Write ``text`` to ``path`` so that the file is either the old one or the new one.

    The text is encoded as given, with no newline translation (it already
    carries the file's own line endings). It goes to a temporary file in the
    same folder, is flushed to disk, and then replaces the original with
    ``os.replace``; the original's permissions are kept. On any failure the
    temporary file is removed and the original is untouched. A symbolic link
    is followed, so the file it points to is updated and the link kept.
    """
    target = os.path.realpath(path)
    if _is_bom_encoding(encoding) and text.startswith("\ufeff"):
        text = text[1:]  # the codec writes the byte-order mark itself
    # encode first: a character the encoding cannot hold must fail before any file is made
    data = text.encode(encoding)
    try:
        mode: int | None = os.stat(target).st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".newslint-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(folder)


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
