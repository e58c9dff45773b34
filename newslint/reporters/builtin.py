"""The built-in output formats: ``text``, ``json``, ``sarif`` and ``github``.

Each is a :class:`~newslint.reporters.Reporter` returned from the
``newslint_add_reporters`` hook, the same way a plugin adds its own format.
Every renderer is deterministic: the same report gives the same bytes, which
is what the golden tests in ``tests/golden/`` pin.
"""

from __future__ import annotations

import hashlib
import json
import os
import textwrap
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from newslint.diagnostic import Severity
from newslint.hookspecs import hookimpl
from newslint.regex import compile_re
from newslint.reporters import Report, Reporter, printable

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.diagnostic import Diagnostic, Edit
    from newslint.rule import Rule

#: The version of the JSON envelope; bump it only when a key changes meaning or goes away.
JSON_VERSION = 1

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://newslint.readthedocs.io/"

TAB_WIDTH = 4
#: Lines longer than this (in display columns) are cut to a window around the span.
MAX_LINE_WIDTH = 160


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _files_count(report: Report) -> int:
    if report.files:
        return len(report.files)
    return len({d.path for d in report.diagnostics})


# -- text ----------------------------------------------------------------------------


class _Style:
    """ANSI colours, or nothing: one place decides so no escape leaks into plain output."""

    CODES = {
        "bold": "1",
        "dim": "2",
        "red": "31",
        "green": "32",
        "yellow": "33",
        "blue": "34",
        "cyan": "36",
    }
    SEVERITY = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles or not text:
            return text
        seq = ";".join(self.CODES[s] for s in styles)
        return f"\x1b[{seq}m{text}\x1b[0m"


def char_width(ch: str) -> int:
    """Terminal columns one character takes: 2 for wide East Asian, 0 for combining marks."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def render_source_line(line: str, start_col: int, end_col: int) -> tuple[str, str]:
    """The source line as shown and the underline beneath it.

    ``start_col`` and ``end_col`` are 1-based character columns, end exclusive
    (``end_col`` past the line's end means the span runs on to a later line).
    Tabs become spaces and wide characters get two carets, so the underline
    sits under the span in a terminal. A very long line (a whole article
    pasted as one paragraph) is cut to a window around the span.
    """
    start = max(0, min(start_col - 1, len(line)))
    end = max(start, min(end_col - 1, len(line)))
    lo, hi = 0, len(line)
    if len(line) > MAX_LINE_WIDTH:
        # approximate in characters: the window need not be exact, only bounded
        lo = max(0, start - MAX_LINE_WIDTH // 3)
        hi = min(len(line), max(end, start + 1) + MAX_LINE_WIDTH // 3)
        if end - start > MAX_LINE_WIDTH:
            hi = min(len(line), start + MAX_LINE_WIDTH)
            end = hi
    shown: list[str] = ["..."] if lo > 0 else []
    marks: list[str] = ["   "] if lo > 0 else []
    col = 3 if lo > 0 else 0
    for i in range(lo, hi):
        ch = line[i]
        cat = unicodedata.category(ch)
        if ch == "\t":
            w = TAB_WIDTH - col % TAB_WIDTH
            text = " " * w
        elif cat in ("Cc", "Zl", "Zp"):
            w, text = 1, " "  # a stray control character or line separator would move the cursor
        elif cat == "Cf":
            w, text = 0, ""  # invisible anyway, and a bidi override would reorder the line
        else:
            w, text = char_width(ch), ch
        shown.append(text)
        marks.append(("^" if start <= i < end else " ") * w)
        col += w
    if hi < len(line):
        shown.append("...")
    if end == start:
        # an empty span (something missing): point at the place
        before = sum(len(m) for m in marks[: (1 if lo > 0 else 0) + (start - lo)])
        return "".join(shown), " " * before + "^"
    return "".join(shown), "".join(marks).rstrip()


def source_excerpt(article: Article, d: Diagnostic) -> tuple[str, int, int]:
    """The finding's source line, or enough of it, with the span's columns in that text.

    A story pasted as one 10 MB paragraph is one line; copying it whole for
    each of its findings would make rendering quadratic, so only a stretch
    around the span is taken (wide enough that :func:`render_source_line`
    still marks the cut with "...").
    """
    line_start = d.start.offset - (d.start.column - 1)
    consistent = 0 <= line_start <= d.start.offset <= len(article.source) and (
        article.position(d.start.offset).line == d.start.line
    )
    if not consistent:  # a hand-made diagnostic without offsets: go by line number
        line = article.line_text(d.start.line)
        end_col = d.end.column if d.end.line == d.start.line else len(line) + 1
        return line, d.start.column, end_col
    margin = 2 * MAX_LINE_WIDTH
    lo = max(line_start, d.start.offset - margin)
    span_end = d.end.offset if d.end.line == d.start.line else d.start.offset
    chunk = article.source[lo : max(span_end, d.start.offset + 1) + margin]
    brk = _LINE_BREAK.search(chunk, d.start.offset - lo)
    text = chunk[: brk.start()] if brk else chunk
    start_col = d.start.offset - lo + 1
    end_col = span_end - lo + 1 if d.end.line == d.start.line else len(text) + 1
    return text, start_col, end_col


_LINE_BREAK = compile_re(r"\r|\n")


def format_suggestions(suggestions: tuple[str, ...]) -> str | None:
    """``suggestion: X`` for one candidate, ``did you mean: X, Y or Z?`` for several."""
    if not suggestions:
        return None
    quoted = [f'"{s}"' for s in suggestions[:5]]
    if len(quoted) == 1:
        return f"suggestion: {quoted[0]}"
    return f"did you mean: {', '.join(quoted[:-1])} or {quoted[-1]}?"


def summary_line(report: Report) -> str:
    """``3 findings (name-consistency 1, spelling 2) in 2 files`` or ``No findings in 2 files``."""
    files = _plural(_files_count(report), "file")
    if not report.diagnostics:
        return f"No findings in {files}"
    counts = Counter(d.rule for d in report.diagnostics)
    first_code: dict[str, str] = {}
    for d in report.diagnostics:
        first_code.setdefault(d.rule, d.code)
    # in code order, so the summary reads like `newslint rules`
    ordered = sorted(counts, key=lambda r: (first_code[r], r))
    by_rule = ", ".join(f"{r} {counts[r]}" for r in ordered)
    return f"{_plural(len(report.diagnostics), 'finding')} ({by_rule}) in {files}"


class TextReporter(Reporter):
    """``path:line:col: severity CODE [name] message``, the source line with a caret, and a summary."""

    name = "text"
    description = "human-readable, for editors and terminals (the default)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        style = _Style(color)
        for notice in report.notices:
            stream.write(style("note:", "bold", "cyan") + f" {notice}\n")
        if report.notices:
            stream.write("\n")
        for d in report.diagnostics:
            self._write_one(d, report.articles.get(d.path), stream, style)
        if report.fixed:
            stream.write(style(f"Fixed {_plural(report.fixed, 'finding')}.", "green") + "\n")
        stream.write(style(summary_line(report), "bold") + "\n")

    def _write_one(
        self, d: Diagnostic, article: Article | None, stream: TextIO, style: _Style
    ) -> None:
        where = style(f"{printable(d.path)}:{d.start.line}:{d.start.column}:", "bold")
        sev = style.SEVERITY.get(d.severity, "yellow")
        # one line per finding, whatever the message holds: editors parse these lines
        message = " ".join(d.message.split())
        # the severity in words too: NO_COLOR, a CI log or a screen reader shows no colour
        severity = style(d.severity.value, "bold", sev)
        stream.write(f"{where} {severity} {style(d.code, 'bold', sev)} [{d.rule}] {message}\n")
        # a finding about the whole file (decoding, a failed plugin) points at no text
        whole_file = d.field is None and d.start.offset == d.end.offset == 0
        quoted = source_excerpt(article, d) if article is not None and not whole_file else None
        if quoted is not None and quoted[0].strip():
            shown, marks = render_source_line(*quoted)
            gutter = str(d.start.line)
            pad = " " * len(gutter)
            stream.write(f"{style(gutter + ' |', 'blue')} {shown}\n")
            stream.write(f"{style(pad + ' |', 'blue')} {style(marks, sev)}\n")
        hint = format_suggestions(d.suggestions)
        if hint:
            stream.write(f"  {style(hint, 'green')}\n")
        stream.write("\n")


# -- json ----------------------------------------------------------------------------


def json_envelope(report: Report) -> dict[str, Any]:
    """The versioned JSON document: ``version`` and ``diagnostics`` are the stable keys."""
    out: dict[str, Any] = {
        "version": JSON_VERSION,
        "diagnostics": [d.to_dict() for d in report.diagnostics],
        "files": _files_count(report),
    }
    if report.notices:
        out["notices"] = list(report.notices)
    return out


class JsonReporter(Reporter):
    """The versioned JSON envelope CI scripts parse."""

    name = "json"
    description = "a versioned JSON envelope of every diagnostic, for scripts"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        json.dump(json_envelope(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


# -- sarif ---------------------------------------------------------------------------

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A path as SARIF wants it: relative to the working folder, forward slashes, URI-quoted.

    An absolute path outside the working folder becomes a ``file://`` URI.
    """
    if path == "-":
        return "stdin"
    p = path
    if os.path.isabs(p):
        try:
            rel = os.path.relpath(p)
        except ValueError:  # another drive on Windows
            rel = os.pardir
        if rel.startswith(os.pardir):
            return Path(p).as_uri()
        p = rel
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return quote(os.fsencode(p), safe="/")  # a name's bytes, UTF-8 or not, as the file system has them


def fingerprint(d: Diagnostic, article: Article | None) -> str:
    """A content hash for a finding: the code, the file, the flagged text and the words around it.

    Line numbers are left out, and so is the rest of a long paragraph, so that
    a finding keeps its identity when copy is added above it or elsewhere in
    its paragraph.
    """
    if article is not None:
        flagged = article.source[d.start.offset : d.end.offset]
        text, start_col, end_col = source_excerpt(article, d)
        near = text[max(0, start_col - 1 - FINGERPRINT_CONTEXT) : end_col - 1 + FINGERPRINT_CONTEXT]
        context = " ".join(near.split())
    else:
        flagged, context = "", d.message
    key = "\x00".join((d.code, d.path.replace("\\", "/"), flagged, context))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


#: Characters either side of a finding that count towards its fingerprint.
FINGERPRINT_CONTEXT = 40


def doc_markdown(doc: str) -> str:
    """A rule docstring as Markdown: its section headings as headings, their text unindented.

    Code scanning shows ``help.markdown`` on each alert; the plain docstring
    would render its indented sections as code blocks.
    """
    from newslint.rule import DOC_SECTIONS

    out: list[str] = []
    body: list[str] = []

    def flush() -> None:
        text = textwrap.dedent("\n".join(body)).strip()
        if text:
            out.append(text)
        body.clear()

    for line in doc.splitlines():
        if line.strip() in DOC_SECTIONS:
            flush()
            out.append(f"### {line.strip()}")
        else:
            body.append(line)
    flush()
    return "\n\n".join(out)


def _sarif_rule(code: str, name: str, rule: Rule | None, url: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": code, "name": name}
    if rule is not None:
        out["shortDescription"] = {"text": rule.summary or name}
        if rule.doc:
            out["fullDescription"] = {"text": rule.doc.split("\n\n", 1)[0].strip()}
            out["help"] = {"text": rule.doc, "markdown": doc_markdown(rule.doc)}
        out["helpUri"] = rule.url
        out["defaultConfiguration"] = {"level": _SARIF_LEVEL[rule.default_severity]}
    else:
        out["shortDescription"] = {"text": name}
        if url:
            out["helpUri"] = url
    return out


def _region(article: Article | None, start: int, end: int) -> dict[str, Any]:
    if article is None:
        return {"charOffset": start, "charLength": max(0, end - start)}
    a, b = article.position(start), article.position(end)
    return {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column}


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF 2.1.0 log for a report: one run, rules, results, fixes and fingerprints."""
    from newslint.version import __version__

    codes: dict[str, str] = {code: rule.name for code, rule in report.rules.items()}
    urls: dict[str, str | None] = {}
    for d in report.diagnostics:
        # codes no rule object describes: internal errors, unreadable files
        codes.setdefault(d.code, d.rule)
        urls.setdefault(d.code, d.url)
    order = sorted(codes)
    index = {code: i for i, code in enumerate(order)}
    rules = [_sarif_rule(c, codes[c], report.rules.get(c), urls.get(c)) for c in order]

    results = []
    seen: Counter[str] = Counter()
    for d in report.diagnostics:
        article = report.articles.get(d.path)
        uri = artifact_uri(d.path)
        fp = fingerprint(d, article)
        seen[fp] += 1
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": d.start.line,
                            "startColumn": d.start.column,
                            "endLine": d.end.line,
                            "endColumn": d.end.column,
                        },
                    }
                }
            ],
            # the occurrence count tells apart identical findings in one file
            "partialFingerprints": {"newslintHash/v1": f"{fp}:{seen[fp]}"},
        }
        if d.field:
            result["locations"][0]["logicalLocations"] = [{"name": d.field, "kind": "element"}]
        if d.fix is not None and d.fix.edits:
            result["fixes"] = [_sarif_fix(d, uri, article)]
        props: dict[str, Any] = {}
        if d.suggestions:
            props["suggestions"] = list(d.suggestions)
        if d.data:
            props["data"] = dict(d.data)
        if props:
            result["properties"] = props
        results.append(result)

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "newslint",
                "version": report.version or __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        # our columns count characters, not UTF-16 code units
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.notices:
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "note", "message": {"text": "\n".join(report.notices)}}
                ],
            }
        ]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _sarif_fix(d: Diagnostic, uri: str, article: Article | None) -> dict[str, Any]:
    assert d.fix is not None
    edits: tuple[Edit, ...] = d.fix.edits
    text = d.fix.message or (
        f'Replace with "{edits[0].text}"' if len(edits) == 1 else "Apply the suggested edits"
    )
    return {
        "description": {"text": text},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {
                        "deletedRegion": _region(article, e.start, e.end),
                        "insertedContent": {"text": e.text},
                    }
                    for e in edits
                ],
            }
        ],
    }


class SarifReporter(Reporter):
    """SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards."""

    name = "sarif"
    description = "SARIF 2.1.0, for GitHub code scanning"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        json.dump(sarif_log(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


# -- github --------------------------------------------------------------------------

_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    """Escape a workflow command's message (the part after ``::``)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """Escape a workflow command property value (``file=...``, ``title=...``)."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_path(path: str) -> str:
    """A path for an annotation: relative to the working folder (the checkout) when inside it."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            rel = os.pardir
        if not rel.startswith(os.pardir):
            path = rel
    return path.replace("\\", "/")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

    name = "github"
    description = "GitHub Actions annotations (chosen by --format auto inside Actions)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        if report.notices:
            # the notice lines belong together: one annotation, not one per line
            stream.write(f"::notice title=newslint::{escape_data(chr(10).join(report.notices))}\n")
        for d in report.diagnostics:
            props = [
                ("file", github_path(d.path)),
                ("line", str(d.start.line)),
                ("col", str(d.start.column)),
                ("endLine", str(d.end.line)),
                ("endColumn", str(d.end.column)),
                ("title", f"{d.code} {d.rule}"),
            ]
            head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
            message = d.message
            hint = format_suggestions(d.suggestions)
            # an annotation has room for one line: skip a hint the message already gives
            if hint and f'"{d.suggestions[0]}"' not in message:
                message = f"{message} ({hint})"
            stream.write(f"::{_GITHUB_COMMAND[d.severity]} {head}::{escape_data(message)}\n")


@hookimpl
def newslint_add_reporters() -> list[Reporter]:
    return [TextReporter(), JsonReporter(), SarifReporter(), GithubReporter()]
