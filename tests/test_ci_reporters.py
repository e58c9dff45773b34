"""The CI output formats: golden renderings, and each read back by its consumer's parser or schema.

The report is the one ``test_reporters.py`` builds by hand. Regenerate the golden
files on purpose with ``NEWSLINT_REGEN_GOLDEN=1 pytest tests/test_ci_reporters.py``.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml
from test_reporters import STORY_PATH, check_golden, make_report

from newslint.manager import collect_reporters, make_manager
from newslint.reporters import Report, ci
from newslint.reporters import builtin as rb

SCHEMAS = Path(__file__).parent / "schemas"


def render(name: str, report: Report) -> str:
    reporter = {r.name: r for r in [*ci.newslint_add_reporters(), *rb.newslint_add_reporters()]}[name]
    out = io.StringIO()
    reporter.render(report, out)
    return out.getvalue()


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("fmt", "filename"),
    [
        ("concise", "report.concise.txt"),
        ("jsonl", "report.jsonl"),
        ("junit", "report.junit.xml"),
        ("checkstyle", "report.checkstyle.xml"),
        ("gitlab", "report.gitlab.json"),
        ("rdjson", "report.rdjson"),
    ],
)
def test_golden(fmt, filename):
    check_golden(filename, render(fmt, make_report()))


def test_registered_through_the_hook():
    reporters = collect_reporters(make_manager(autoload=False))
    assert {"concise", "jsonl", "junit", "checkstyle", "gitlab", "rdjson"} <= set(reporters)


def test_concise_is_one_line_a_finding_with_the_severity_in_words():
    report = make_report()
    lines = render("concise", report).splitlines()
    assert len(lines) == len(report.diagnostics)
    assert lines[0] == (
        'stories/korea.txt:1:1: warning NL101 [name-consistency] "Kim Jong-on" may be a misspelling of "Kim Jong-un"'
    )
    assert any(line.startswith("stories/korea.txt:9:35: info NL301 ") for line in lines)
    # the message with a line break in it stays on its line
    assert lines[-1].endswith('Cannot decode: 100% of "bytes" are not text, skipped')


def test_jsonl_lines_are_the_json_format_diagnostics():
    report = make_report()
    rows = [json.loads(line) for line in render("jsonl", report).splitlines()]
    assert rows == json.loads(render("json", report))["diagnostics"]


def test_junit_is_read_by_a_junit_parser(tmp_path):
    report = make_report()
    path = tmp_path / "newslint.xml"
    path.write_text(render("junit", report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = {s.name: s for s in xml}
    assert set(suites) == {STORY_PATH, "stories/odd: name,1.txt"}
    story = suites[STORY_PATH]
    cases = list(story)
    assert len(cases) == 4 and story.tests == 4
    failing = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]
    # the spelling finding is information: a passing case that says what it is
    assert len(failing) == 3 and story.failures == 3
    assert failing[0].classname == "newslint.name-consistency"
    assert failing[0].result[0].message == '"Kim Jong-on" may be a misspelling of "Kim Jong-un"'
    assert xml.failures == 4 and xml.tests == 5


def test_junit_lists_a_clean_file_as_a_passing_case(tmp_path):
    report = Report(diagnostics=[], files=("clean.txt",))
    path = tmp_path / "clean.xml"
    path.write_text(render("junit", report), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    (suite,) = list(xml)
    assert suite.tests == 1 and suite.failures == 0 and list(suite)[0].is_passed


def test_checkstyle_structure():
    root = ET.fromstring(render("checkstyle", make_report()))
    assert root.tag == "checkstyle"
    files = {f.get("name"): f for f in root.findall("file")}
    errors = files[STORY_PATH].findall("error")
    assert [(e.get("line"), e.get("column"), e.get("severity")) for e in errors] == [
        ("1", "1", "warning"), ("8", "26", "warning"), ("9", "35", "info"), ("11", "1", "warning"),
    ]
    assert errors[0].get("source") == "newslint.NL101.name-consistency"
    assert files["stories/odd: name,1.txt"].find("error").get("severity") == "error"


def test_gitlab_validates_and_fingerprints_are_unique():
    issues = json.loads(render("gitlab", make_report()))
    jsonschema.validate(issues, schema("gitlab-codequality.json"))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert [i["severity"] for i in issues if i["check_name"] == "unreadable-file"] == ["major"]


def test_rdjson_validates_against_reviewdogs_schema_with_byte_columns():
    doc = json.loads(render("rdjson", make_report()))
    jsonschema.Draft4Validator(schema("rdjson-DiagnosticResult.json")).validate(doc)
    teh = next(d for d in doc["diagnostics"] if d["code"]["value"] == "NL301")
    # line 9 is "\t日本語 visitors ...": three 3-byte characters before "teh" at character column 35
    assert teh["location"]["range"]["start"] == {"line": 9, "column": 35 + 6}
    assert teh["location"]["range"]["end"] == {"line": 9, "column": 38 + 6}
    name = doc["diagnostics"][0]
    assert name["suggestions"] == [
        {"range": {"start": {"line": 1, "column": 1}, "end": {"line": 1, "column": 12}}, "text": "Kim Jong-un"}
    ]


def test_sarif_validates_against_the_2_1_0_schema():
    doc = json.loads(render("sarif", make_report()))
    jsonschema.Draft4Validator(schema("sarif-schema-2.1.0.json")).validate(doc)


@pytest.mark.parametrize("fmt", ["sarif", "rdjson", "gitlab", "junit", "checkstyle"])
def test_a_real_run_validates(run_cli, tmp_path, fmt):
    story = tmp_path / "story.txt"
    story.write_text(
        "Kim Jong-un visits Seoul\n\nKim Jong-on said the seperate talks would go on.\n", encoding="utf-8"
    )
    r = run_cli("check", "--format", fmt, "--no-autoload", str(story))
    assert r.status == 1, r.err
    if fmt == "sarif":
        jsonschema.Draft4Validator(schema("sarif-schema-2.1.0.json")).validate(json.loads(r.out))
    elif fmt == "rdjson":
        jsonschema.Draft4Validator(schema("rdjson-DiagnosticResult.json")).validate(json.loads(r.out))
        assert len(json.loads(r.out)["diagnostics"]) >= 2
    elif fmt == "gitlab":
        jsonschema.validate(json.loads(r.out), schema("gitlab-codequality.json"))
    elif fmt == "junit":
        out = tmp_path / "j.xml"
        out.write_text(r.out, encoding="utf-8")
        assert JUnitXml.fromfile(str(out)).failures >= 2
    else:
        assert len(ET.fromstring(r.out).find("file").findall("error")) >= 2
