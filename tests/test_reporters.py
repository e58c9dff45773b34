"""Golden tests for the built-in output formats (text, json, sarif, github).

The report is built by hand from a small article written for these tests and
diagnostics made here, so the renderings do not move when a rule changes.
Regenerate the golden files on purpose with ``NEWSLINT_REGEN_GOLDEN=1 pytest
tests/test_reporters.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from conftest import RulePlugin, write

from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Position, Severity
from newslint.loaders.text import parse_text
from newslint.manager import collect_reporters, make_manager
from newslint.reporters import Report
from newslint.reporters import builtin as rb
from newslint.rule import Rule

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("NEWSLINT_REGEN_GOLDEN") == "1"

STORY = (
    "Kim Jong-on meets Moon in Seoul\n"
    "Leaders agree to more talks after a day of meetings\n"
    "\n"
    "Kim Jong-un and Moon Jae-in shake hands. Photograph: Getty Images\n"
    "\n"
    "By Jane Smith\n"
    "\n"
    'The North Korean leader, Kim Jong-on, said "we will meet again" on Friday.\n'
    "\t日本語 visitors called it historic, teh papers agreed.\n"
    "\n"
    "Kim Jong-un and Moon Jae-in shake hands. Photograph: Getty Images\n"
)
STORY_PATH = "stories/korea.txt"
BROKEN_PATH = "stories/odd: name,1.txt"


class NameConsistency(Rule):
    """Stand-in for the real rule, so SARIF has rule metadata to describe.

    What it does
        Flags a name spelt two ways.
    Why it matters
        Readers notice.
    Example
        Kim Jong-on / Kim Jong-un.
    Options
        None.
    Fix safety
        Unsafe.
    """

    code = "NL101"
    name = "name-consistency"
    summary = "A name is spelt two ways in one article"
    default_severity = Severity.WARNING


class DuplicateCaption(Rule):
    code = "NL201"
    name = "duplicate-caption"
    summary = "Two captions in one article say the same thing"
    default_severity = Severity.WARNING


def _diag(article, code, rule, needle, message, *, nth=0, severity=Severity.WARNING, **kw):
    start = -1
    for _ in range(nth + 1):
        start = article.source.index(needle, start + 1)
    end = start + len(needle)
    return Diagnostic(
        code=code,
        rule=rule,
        message=message,
        severity=severity,
        path=article.path,
        start=article.position(start),
        end=article.position(end),
        url=f"https://newslint.readthedocs.io/en/latest/rules/{rule}.html",
        **kw,
    )


NOTICE = "LanguageTool is not configured: the grammar rule was skipped"
NOTICE_MORE = "  set NEWSLINT_LANGUAGETOOL_URL to turn it on"


def make_report(*, notices=(NOTICE, NOTICE_MORE)) -> Report:
    article = parse_text(STORY_PATH, STORY)
    name_start = article.source.index("Kim Jong-on", 40)
    diagnostics = [
        _diag(
            article, "NL101", "name-consistency", "Kim Jong-on",
            '"Kim Jong-on" may be a misspelling of "Kim Jong-un"',
            field="headline", suggestions=("Kim Jong-un",),
            fix=Fix((Edit(0, 11, "Kim Jong-un"),), Applicability.UNSAFE),
            data={"count": 2},
        ),
        _diag(
            article, "NL101", "name-consistency", "Kim Jong-on",
            '"Kim Jong-on" may be a misspelling of "Kim Jong-un"', nth=1,
            field="body", suggestions=("Kim Jong-un",),
            fix=Fix((Edit(name_start, name_start + 11, "Kim Jong-un"),), Applicability.UNSAFE),
        ),
        _diag(
            article, "NL301", "spelling", "teh", '"teh" may be a misspelling of "the"',
            severity=Severity.INFO, field="body", suggestions=("the", "tea", "ten"),
        ),
        _diag(
            article, "NL201", "duplicate-caption",
            "Kim Jong-un and Moon Jae-in shake hands. Photograph: Getty Images",
            "Caption repeats caption 1 (line 4)", nth=1, field="caption[2]",
        ),
    ]
    broken = Diagnostic(
        code="NL003", rule="unreadable-file",
        message='Cannot decode: 100% of "bytes" are\nnot text, skipped',
        severity=Severity.ERROR, path=BROKEN_PATH,
        start=article.position(0), end=article.position(0),
    )
    diagnostics.append(broken)
    diagnostics.sort(key=lambda d: d.sort_key)
    rules = {r.code: r for r in (NameConsistency(), DuplicateCaption())}
    return Report(
        diagnostics=diagnostics,
        files=(STORY_PATH, BROKEN_PATH),
        articles={STORY_PATH: article},
        notices=notices,
        rules=rules,
        version="0.1.0",
    )


def render(name: str, report: Report, *, color: bool = False) -> str:
    # straight from the module's hook, so a rule module being edited cannot break these tests
    reporter = {r.name: r for r in rb.newslint_add_reporters()}[name]
    out = io.StringIO()
    reporter.render(report, out, color=color)
    return out.getvalue()


def check_golden(filename: str, got: str) -> None:
    path = GOLDEN / filename
    if REGEN:
        path.write_text(got, encoding="utf-8", newline="\n")
        pytest.skip(f"regenerated {path.name}: review the diff")
    assert path.exists(), f"no golden file {path}; run with NEWSLINT_REGEN_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"{filename} changed; regenerate on purpose"


@pytest.mark.parametrize(
    ("fmt", "filename", "color"),
    [
        ("text", "report.txt", False),
        ("text", "report.color.txt", True),
        ("json", "report.json", False),
        ("sarif", "report.sarif", False),
        ("github", "report.github.txt", False),
    ],
)
def test_golden(fmt, filename, color):
    check_golden(filename, render(fmt, make_report(), color=color))


def test_builtin_reporters_are_registered_through_the_hook():
    reporters = collect_reporters(make_manager(autoload=False))
    assert {"text", "json", "sarif", "github"} <= set(reporters)
    assert all(r.description for r in reporters.values())


# -- behaviour the golden files do not spell out ----------------------------------------


def test_text_caret_accounts_for_tabs_and_wide_characters():
    shown, marks = rb.render_source_line("\t日本 teh", 5, 8)
    assert shown == "    日本 teh"
    # the tab is 4 columns and each wide character 2: "teh" starts at display column 9
    assert marks == " " * 9 + "^^^"
    assert shown.index("teh") == 7  # two wide characters take 4 columns but 2 str positions


def test_text_caret_points_at_an_empty_span():
    shown, marks = rb.render_source_line("A missing word", 3, 3)
    assert shown == "A missing word"
    assert marks == "  ^"


def test_text_cuts_a_very_long_line_around_the_span():
    line = "word " * 2000 + "teh " + "word " * 2000
    col = line.index("teh") + 1
    shown, marks = rb.render_source_line(line, col, col + 3)
    assert len(shown) <= rb.MAX_LINE_WIDTH + 10
    assert shown.startswith("...") and shown.endswith("...")
    assert shown[marks.index("^") : marks.index("^") + 3] == "teh"


def test_text_multi_line_span_underlines_to_end_of_first_line():
    article = parse_text("a.txt", "Headline here\n\nFirst line of\na paragraph.\n")
    start = article.source.index("line of")
    end = article.source.index("a paragraph") + 1
    d = Diagnostic("NL999", "x-rule", "Spans two lines", Severity.WARNING, "a.txt",
                   article.position(start), article.position(end))
    out = render("text", Report([d], files=("a.txt",), articles={"a.txt": article}))
    assert "3 | First line of\n  |       ^^^^^^^\n" in out


def test_text_summary_and_no_findings():
    report = make_report(notices=())
    assert rb.summary_line(report) == (
        "5 findings (unreadable-file 1, name-consistency 2, duplicate-caption 1, spelling 1)"
        " in 2 files"
    )
    out = render("text", Report([], files=("a.txt", "b.txt")))
    assert out == "No findings in 2 files\n"
    assert rb.summary_line(Report([], files=("a.txt",))) == "No findings in 1 file"


def test_text_shows_notices_once_and_fixed_count():
    report = make_report()
    report.fixed = 2
    out = render("text", report)
    assert out.count(NOTICE) == 1 and out.startswith(f"note: {NOTICE}\nnote: {NOTICE_MORE}\n\n")
    # a whole-file finding has no source line to quote
    assert "unreadable-file] Cannot decode: 100% of \"bytes\" are not text, skipped\n\n" in out
    assert "Fixed 2 findings.\n" in out
    assert "\x1b[" not in out
    assert "\x1b[" in render("text", report, color=True)


def test_suggestion_wording():
    assert rb.format_suggestions(()) is None
    assert rb.format_suggestions(("the",)) == 'suggestion: "the"'
    assert rb.format_suggestions(("the", "tea")) == 'did you mean: "the" or "tea"?'


def test_json_envelope_round_trips():
    report = make_report()
    doc = json.loads(render("json", report))
    assert list(doc)[:2] == ["version", "diagnostics"]
    assert doc["version"] == 1 and doc["files"] == 2 and doc["notices"] == [NOTICE, NOTICE_MORE]
    back = [Diagnostic.from_dict(d) for d in doc["diagnostics"]]
    assert back == list(report.diagnostics)
    assert "notices" not in json.loads(render("json", make_report(notices=())))


def test_sarif_structure_is_consistent():
    log = json.loads(render("sarif", make_report()))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["NL003", "NL101", "NL201", "NL301"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels == {"NL003": "error", "NL101": "warning", "NL201": "warning", "NL301": "note"}
    where = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    # ":" is quoted too, or a bare "odd: name.txt" would read as a URI scheme
    assert {w["artifactLocation"]["uri"] for w in where} == {
        "stories/korea.txt",
        "stories/odd%3A%20name%2C1.txt",
    }
    prints = [r["partialFingerprints"]["newslintHash/v1"] for r in run["results"]]
    assert len(set(prints)) == len(prints)


def test_sarif_fingerprint_ignores_lines_added_above():
    article = parse_text("a.txt", "Headline\n\nKim Jong-on spoke.\n")
    moved = parse_text("a.txt", "Headline\n\nA new paragraph.\n\nKim Jong-on spoke.\n")

    def diag(a):
        i = a.source.index("Kim Jong-on")
        return Diagnostic("NL101", "name-consistency", "m", Severity.WARNING, "a.txt",
                          a.position(i), a.position(i + 11))

    assert diag(article).start.line != diag(moved).start.line
    assert rb.fingerprint(diag(article), article) == rb.fingerprint(diag(moved), moved)


def test_sarif_uri_is_relative_with_forward_slashes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert rb.artifact_uri(str(tmp_path / "news" / "a b.txt")) == "news/a%20b.txt"
    assert rb.artifact_uri("./news/a.txt") == "news/a.txt"
    assert rb.artifact_uri("-") == "stdin"
    assert rb.artifact_uri("/elsewhere/a.txt").startswith("file:///")


def test_github_escaping():
    assert rb.escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert rb.escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    out = render("github", make_report())
    assert out.splitlines()[0] == f"::notice title=newslint::{NOTICE}%0A{NOTICE_MORE}"
    assert out.splitlines()[-1].startswith("::error file=stories/odd%3A name%2C1.txt,line=1,")
    assert "::notice file=stories/korea.txt,line=9,col=35,endLine=9,endColumn=38," in out


def test_text_quotes_a_window_of_a_huge_one_line_article():
    line = "word " * 50_000 + "teh end"
    article = parse_text("big.txt", f"Headline\n\n{line}\n")
    i = article.source.index("teh")
    d = Diagnostic("NL301", "spelling", '"teh" may be a misspelling of "the"', Severity.INFO,
                   "big.txt", article.position(i), article.position(i + 3))
    text, start_col, end_col = rb.source_excerpt(article, d)
    assert len(text) < 4 * rb.MAX_LINE_WIDTH
    assert text[start_col - 1 : end_col - 1] == "teh"
    out = render("text", Report([d], files=("big.txt",), articles={"big.txt": article}))
    shown, marks = out.splitlines()[1:3]
    assert shown.startswith("3 | ...") and shown.endswith("teh end")
    assert shown[marks.index("^") : marks.index("^") + 3] == "teh"


def test_text_goes_by_line_number_when_offsets_are_missing():
    article = parse_text("a.txt", "Headline\n\nKim Jong-on spoke.\n")
    # as read back from JSON written by an older version, without offsets
    d = Diagnostic("NL101", "name-consistency", "m", Severity.WARNING, "a.txt",
                   Position(3, 1, 0), Position(3, 12, 0), field="body")
    assert rb.source_excerpt(article, d) == ("Kim Jong-on spoke.", 1, 12)


def test_sarif_fingerprint_ignores_edits_elsewhere_in_the_paragraph():
    tail = " The talks went on late into the night and resumed on Tuesday morning."
    before = parse_text("a.txt", "Headline\n\nKim Jong-on spoke at length." + tail + "\n")
    after = parse_text("a.txt", "Headline\n\nKim Jong-on spoke at length." + tail * 3 + "\n")
    changed = parse_text("a.txt", "Headline\n\nKim Jong-on spoke briefly." + tail + "\n")

    def fp(a):
        i = a.source.index("Kim Jong-on")
        d = Diagnostic("NL101", "name-consistency", "m", Severity.WARNING, "a.txt",
                       a.position(i), a.position(i + 11))
        return rb.fingerprint(d, a)

    assert fp(before) == fp(after)
    assert fp(before) != fp(changed)  # the words right beside it did change


def test_github_paths_are_relative_to_the_checkout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert rb.github_path(str(tmp_path / "news" / "a.txt")) == "news/a.txt"
    assert rb.github_path("news\\a.txt") == "news/a.txt"
    assert rb.github_path("/elsewhere/a.txt") == "/elsewhere/a.txt"


def test_rule_doc_as_markdown_for_code_scanning():
    md = rb.doc_markdown(NameConsistency().doc)
    assert md.startswith("Stand-in for the real rule")
    assert "### What it does\n\nFlags a name spelt two ways.\n\n### Why it matters" in md
    assert "    " not in md  # no indented (code block) text left


# -- through the command line ------------------------------------------------------------

CLI_STORY = "A headline about teh news\n\nThe first paragraph says teh thing.\n"


def test_cli_sarif_and_github_from_a_real_run(run_cli, tmp_path):
    p = write(tmp_path / "news" / "story.txt", CLI_STORY)
    r = run_cli("check", "--format", "sarif", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    assert r.status == 1
    (run,) = json.loads(r.out)["runs"]
    results = [
        (x["ruleId"], x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
         x["locations"][0]["physicalLocation"]["region"]["startLine"])
        for x in run["results"]
    ]
    assert results == [("XT101", "news/story.txt", 1), ("XT101", "news/story.txt", 3)]
    assert results[0][0] in [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert all(x["fixes"][0]["artifactChanges"][0]["replacements"] for x in run["results"])

    r = run_cli("check", "--format", "github", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    lines = [line for line in r.out.splitlines() if line.startswith("::warning")]
    assert lines == [
        "::warning file=news/story.txt,line=1,col=18,endLine=1,endColumn=21,title=XT101 teh::"
        '"teh" should be "the"',
        "::warning file=news/story.txt,line=3,col=26,endLine=3,endColumn=29,title=XT101 teh::"
        '"teh" should be "the"',
    ]


def test_cli_format_auto_picks_github_inside_actions(run_cli, tmp_path, monkeypatch):
    p = write(tmp_path / "story.txt", CLI_STORY)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    r = run_cli("check", "--format", "auto", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    assert r.out.count("::warning file=") == 2
    monkeypatch.delenv("GITHUB_ACTIONS")
    r = run_cli("check", "--format", "auto", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    assert "::warning" not in r.out and "2 findings (teh 2) in 1 file" in r.out


def test_cli_text_colour_only_when_asked(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", CLI_STORY)
    plain = run_cli("check", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    assert "\x1b[" not in plain.out  # captured output is not a terminal
    coloured = run_cli("check", "--color", "always", "--select", "teh", "-j", "1", p, plugins=[RulePlugin()])
    assert "\x1b[" in coloured.out
    assert coloured.out.replace("\x1b[0m", "").count("teh") == plain.out.count("teh")


def test_text_neutralises_control_and_format_characters():
    line = "Kim\u202e Jong-on\u2028said\x85 teh"
    shown, marks = rb.render_source_line(line, line.index("teh") + 1, line.index("teh") + 4)
    assert "\u202e" not in shown and "\u2028" not in shown and "\x85" not in shown
    assert shown == "Kim Jong-on said  teh"
    assert shown[marks.index("^") : marks.index("^") + 3] == "teh"
