"""Output formats that CI systems and editors read: ``junit``, ``gitlab``, ``rdjson``,
``checkstyle``, ``concise`` and ``jsonl``.

Each is a :class:`~newslint.reporters.Reporter` from the ``newslint_add_reporters``
hook, like the formats in :mod:`newslint.reporters.builtin`, and as deterministic:
the golden tests in ``tests/golden/`` pin their bytes, and each is also read back by
its consumer's parser or validated against its consumer's schema.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO

from newslint.diagnostic import Severity
from newslint.hookspecs import hookimpl
from newslint.reporters import Report, Reporter
from newslint.reporters.builtin import INFORMATION_URI, fingerprint, format_suggestions, github_path

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

    from newslint.article import Article
    from newslint.diagnostic import Diagnostic, Position


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _by_path(report: Report) -> dict[str, list[Diagnostic]]:
    """Every file of the run, in order, with its findings (files without any too)."""
    out: dict[str, list[Diagnostic]] = {p: [] for p in report.files}
    for d in report.diagnostics:
        out.setdefault(d.path, []).append(d)
    return out


def _xml(root: ET.Element, stream: TextIO) -> None:
    import xml.etree.ElementTree as ET

    ET.indent(root, space="  ")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


# -- concise -------------------------------------------------------------------------


def concise_line(d: Diagnostic) -> str:
    """``path:line:col: severity CODE [name] message`` on one line, as editors' problem matchers read."""
    return f"{d.path}:{d.start.line}:{d.start.column}: {d.severity.value} {d.code} [{d.rule}] {_one_line(d.message)}"


class ConciseReporter(Reporter):
    """One line per finding and nothing else: no source lines, no summary."""

    name = "concise"
    description = "one line per finding (path:line:col: severity CODE [name] message)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        for d in report.diagnostics:
            stream.write(concise_line(d) + "\n")


# -- jsonl ---------------------------------------------------------------------------


class JsonLinesReporter(Reporter):
    """One JSON object per finding per line: the JSON format's diagnostics, streamable."""

    name = "jsonl"
    description = "JSON Lines: one diagnostic object a line, the same fields as --format json"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        for d in report.diagnostics:
            stream.write(json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


# -- junit ---------------------------------------------------------------------------


class JUnitReporter(Reporter):
    """JUnit XML: a test suite per file, a failing test case per finding at error or warning.

    An information finding is a passing test case whose ``system-out`` says
    what it is; a file without findings is one passing test case.
    """

    name = "junit"
    description = "JUnit XML, for CI test reports (GitLab, Jenkins, Azure, CircleCI)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        import xml.etree.ElementTree as ET  # only for the XML formats: not every run's import

        files = _by_path(report)
        root = ET.Element("testsuites", name="newslint")
        total = failures = 0
        for path, diags in files.items():
            suite = ET.SubElement(root, "testsuite", name=path)
            cases = 0
            failed = 0
            if not diags:
                ET.SubElement(suite, "testcase", classname="newslint", name=path)
                cases = 1
            for d in diags:
                cases += 1
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=f"newslint.{d.rule}",
                    name=f"{d.path}:{d.start.line}:{d.start.column} {d.code}",
                    file=d.path,
                    line=str(d.start.line),
                )
                text = f"{concise_line(d)}\n"
                hint = format_suggestions(d.suggestions)
                if hint:
                    text += f"{hint}\n"
                if d.severity is Severity.INFO:
                    ET.SubElement(case, "system-out").text = text
                    continue
                failed += 1
                failure = ET.SubElement(case, "failure", message=_one_line(d.message), type=f"{d.code} {d.rule}")
                failure.text = text
            suite.set("tests", str(cases))
            suite.set("failures", str(failed))
            suite.set("errors", "0")
            suite.set("skipped", "0")
            total += cases
            failures += failed
        root.set("tests", str(total))
        root.set("failures", str(failures))
        root.set("errors", "0")
        _xml(root, stream)


# -- checkstyle ----------------------------------------------------------------------

_CHECKSTYLE_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


class CheckstyleReporter(Reporter):
    """Checkstyle XML, which Jenkins' warnings plugin, reviewdog and many dashboards read."""

    name = "checkstyle"
    description = "Checkstyle XML, for Jenkins, reviewdog and other dashboards"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        import xml.etree.ElementTree as ET

        from newslint.version import __version__

        root = ET.Element("checkstyle", version=report.version or __version__)
        for path, diags in _by_path(report).items():
            f = ET.SubElement(root, "file", name=path)
            for d in diags:
                ET.SubElement(
                    f,
                    "error",
                    line=str(d.start.line),
                    column=str(d.start.column),
                    severity=_CHECKSTYLE_SEVERITY[d.severity],
                    message=_one_line(d.message),
                    source=f"newslint.{d.code}.{d.rule}",
                )
        _xml(root, stream)


# -- gitlab --------------------------------------------------------------------------

#: GitLab's code quality scale is info, minor, major, critical, blocker.
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabReporter(Reporter):
    """GitLab code quality (a subset of the Code Climate issue format), for merge request widgets.

    Each issue's ``fingerprint`` is the content hash SARIF uses plus an
    occurrence count, so it is unique in the report and survives lines moving.
    """

    name = "gitlab"
    description = "GitLab code quality JSON (artifacts:reports:codequality)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        issues = []
        seen: Counter[str] = Counter()
        for d in report.diagnostics:
            fp = fingerprint(d, report.articles.get(d.path))
            seen[fp] += 1
            unique = hashlib.md5(f"{fp}:{seen[fp]}".encode(), usedforsecurity=False).hexdigest()
            issues.append(
                {
                    "description": f"{d.code} [{d.rule}] {_one_line(d.message)}",
                    "check_name": d.rule,
                    "fingerprint": unique,
                    "severity": _GITLAB_SEVERITY[d.severity],
                    "location": {
                        "path": github_path(d.path),
                        "lines": {"begin": d.start.line, "end": max(d.end.line, d.start.line)},
                    },
                }
            )
        json.dump(issues, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


# -- rdjson --------------------------------------------------------------------------

_RD_SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _byte_column(article: Article | None, pos: Position) -> int:
    """reviewdog counts columns in UTF-8 bytes; ours count characters."""
    if article is None:
        return pos.column
    line = article.line_text(pos.line)
    return len(line[: pos.column - 1].encode("utf-8", "surrogatepass")) + 1 + max(0, pos.column - 1 - len(line))


def _rd_range(article: Article | None, start: Position, end: Position) -> dict[str, Any]:
    return {
        "start": {"line": start.line, "column": _byte_column(article, start)},
        "end": {"line": end.line, "column": _byte_column(article, end)},
    }


class RdjsonReporter(Reporter):
    """reviewdog's Diagnostic Format (rdjson), so reviewdog can comment on a pull request."""

    name = "rdjson"
    description = "reviewdog diagnostic format (reviewdog -f=rdjson)"

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        diagnostics = []
        for d in report.diagnostics:
            article = report.articles.get(d.path)
            item: dict[str, Any] = {
                "message": d.message,
                "location": {"path": github_path(d.path), "range": _rd_range(article, d.start, d.end)},
                "severity": _RD_SEVERITY[d.severity],
                "source": {"name": "newslint", "url": INFORMATION_URI},
                "code": {"value": d.code, **({"url": d.url} if d.url else {})},
            }
            if d.fix is not None and d.fix.edits and article is not None:
                item["suggestions"] = [
                    {
                        "range": _rd_range(article, article.position(e.start), article.position(e.end)),
                        "text": e.text,
                    }
                    for e in d.fix.edits
                ]
            diagnostics.append(item)
        doc = {"source": {"name": "newslint", "url": INFORMATION_URI}, "diagnostics": diagnostics}
        json.dump(doc, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


@hookimpl
def newslint_add_reporters() -> list[Reporter]:
    return [
        ConciseReporter(),
        JsonLinesReporter(),
        JUnitReporter(),
        CheckstyleReporter(),
        GitlabReporter(),
        RdjsonReporter(),
    ]
