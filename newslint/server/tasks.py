"""What a worker does for a request: check, or fix, one article with the warm checker.

Each task takes the worker's :class:`newslint.Checker` and plain arguments and
returns ``(status, body)``, the body ready for JSON. They are module-level
functions so that a task crosses the pipe to a worker as a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import newslint

#: The envelope's version: the same as ``newslint check --format json``.
API_VERSION = 1


#: How an error names the formats that fixes are never written into.
_READ_ONLY_NAMES = {
    "docx": "Word documents (.docx)",
    "nitf": "NITF files",
    "newsml": "NewsML-G2 files",
    "wxr": "WordPress exports",
}


def error(status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
    """An error answer: ``{"version": 1, "error": {"code": ..., "message": ...}}``."""
    return status, {"version": API_VERSION, "error": {"code": code, "message": message}}


def _check(
    checker: newslint.Checker, data: str | bytes, path: str, select: Sequence[str] | None, language: str | None
) -> list[newslint.Diagnostic] | tuple[int, dict[str, Any]]:
    """The findings, or the 422 answer for a bad option or an article that cannot be read at all."""
    try:
        diagnostics = checker.check_text(data, path, select=select, language=language)
    except newslint.ConfigError as e:
        return error(422, "bad-option", str(e))
    problem = _unreadable(diagnostics)
    if problem is not None:
        return error(422, "unreadable-article", problem)
    return diagnostics


def _unreadable(diagnostics: Sequence[newslint.Diagnostic]) -> str | None:
    """The message when the input could not be read as an article at all (NL003)."""
    for d in diagnostics:
        if d.rule == "unreadable-file":
            return d.message
    return None


def _envelope(checker: newslint.Checker, diagnostics: Sequence[newslint.Diagnostic], path: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "version": API_VERSION,
        "diagnostics": [_named(d, path) for d in diagnostics],
        "files": 1,
    }
    notices = checker.notices
    if notices:
        out["notices"] = notices
    return out


def _named(d: newslint.Diagnostic, path: str) -> dict[str, Any]:
    out = d.to_dict()
    out["path"] = path
    return out


def check(
    checker: newslint.Checker,
    *,
    data: str | bytes,
    path: str,
    name: str,
    select: Sequence[str] | None = None,
    language: str | None = None,
    raw: bool = False,
) -> tuple[int, dict[str, Any]]:
    """``POST /v1/check``: the envelope of ``check --format json`` for one article.

    ``path`` picks the loader; ``name`` is what the findings call the article.
    A raw upload's answer also gives ``text``, the article as read (the bytes
    decoded; a Word file's paragraphs, one a line), which the offsets index.
    """
    found = _check(checker, data, path, select, language)
    if isinstance(found, tuple):
        return found
    body = _envelope(checker, found, name)
    if raw:
        body["text"] = checker.load_article(data, path).source
    return 200, body


def fix(
    checker: newslint.Checker,
    *,
    data: str | bytes,
    path: str,
    name: str,
    select: Sequence[str] | None = None,
    language: str | None = None,
    applicability: str = "safe",
    accept: Sequence[dict[str, Any]] | None = None,
) -> tuple[int, dict[str, Any]]:
    """``POST /v1/fix``: the text with the fixes applied, what was applied, and what remains.

    Without ``accept``, every fix at ``applicability`` applies (``safe``, or
    ``unsafe`` for both levels), as ``check --fix`` would. With it, only the
    findings it names (by ``code``, ``offset`` and ``end_offset``, as a check
    returned them) are fixed, each with the ``suggestion`` given or its own
    fix: an editor has accepted them, so their rule's caution no longer holds,
    but the fix engine's protections (markup, quotations, overlaps) still do.
    A format that is never rewritten (a Word file, NITF, NewsML-G2, a WordPress
    export) is a 422, ``fix-not-offered``.
    """
    found = _check(checker, data, path, select, language)
    if isinstance(found, tuple):
        return found
    diagnostics = found
    article = checker.load_article(data, path)
    if not checker.writes_fixes(article.format):
        kind = _READ_ONLY_NAMES.get(article.format, article.format)
        message = f"fixes are not offered for {kind}: /v1/check gives the findings, to correct where it was written"
        return error(422, "fix-not-offered", message)
    data = article.source  # an upload's bytes, decoded as the check decoded them
    if accept is None:
        chosen = list(diagnostics)
        not_found: list[dict[str, Any]] = []
    else:
        chosen, not_found = _accepted(diagnostics, accept)
        applicability = "safe"  # each accepted finding now carries a safe fix of the editor's choice
    fixed = checker.apply_fixes(data, chosen, applicability, path=path)
    text, applied = fixed.text, list(fixed.applied)
    originals = {id(c): o for c, o in _originals(chosen, diagnostics, accept is not None)}
    applied_out = [_named(originals.get(id(d), d), name) for d in applied]
    refused = [_named(originals.get(id(c), c), name) for c in chosen if c not in applied] if accept is not None else []
    remaining = checker.check_text(text, path, select=select, language=language) if applied else diagnostics
    body = _envelope(checker, remaining, name)
    body.update(text=text, changed=text != data, applied=applied_out)
    if accept is not None:
        body.update(refused=refused, not_found=not_found)
    return 200, body


def _accepted(
    diagnostics: Sequence[newslint.Diagnostic], accept: Sequence[dict[str, Any]]
) -> tuple[list[newslint.Diagnostic], list[dict[str, Any]]]:
    """The findings an editor accepted, each turned into a safe fix of the chosen words."""
    by_key = {(d.code, d.start.offset, d.end.offset): d for d in diagnostics}
    chosen: list[newslint.Diagnostic] = []
    not_found: list[dict[str, Any]] = []
    for want in accept:
        d = by_key.get((want["code"], want["offset"], want["end_offset"]))
        suggestion = want.get("suggestion")
        if d is None or (suggestion is None and d.fix is None and not d.suggestions):
            not_found.append(dict(want))
            continue
        if suggestion is None and d.fix is not None:
            edits = d.fix.edits
        else:
            edits = (
                newslint.Edit(d.start.offset, d.end.offset, suggestion if suggestion is not None else d.suggestions[0]),
            )
        fix = newslint.Fix(
            edits=tuple(edits), applicability=newslint.Applicability.SAFE, message="accepted by an editor"
        )
        # a display-only fix (a name) is never applied on its own; an editor's acceptance is the confirmation
        chosen.append(replace(d, fix=fix))
    return chosen, not_found


def _originals(
    chosen: Sequence[newslint.Diagnostic], diagnostics: Sequence[newslint.Diagnostic], accepted: bool
) -> list[tuple[newslint.Diagnostic, newslint.Diagnostic]]:
    """Pairs (what went to the fix engine, the finding as the check reported it)."""
    if not accepted:
        return [(d, d) for d in chosen]
    by_key = {(d.code, d.start.offset, d.end.offset): d for d in diagnostics}
    return [(c, by_key[(c.code, c.start.offset, c.end.offset)]) for c in chosen]
