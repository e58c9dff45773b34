"""The diagnostic record: immutable, ordered, and a lossless JSON round trip."""

from __future__ import annotations

import dataclasses
import json

import pytest

from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Position, Severity


def make(**kw) -> Diagnostic:
    fields = dict(
        code="NL101",
        rule="name-consistency",
        message='"Kim Jong-on" may be a misspelling of "Kim Jong-un"',
        severity=Severity.WARNING,
        path="news/korea.txt",
        start=Position(10, 5, 301),
        end=Position(10, 16, 312),
        field="body",
        suggestions=("Kim Jong-un", "Kim Jong-il"),
        fix=Fix((Edit(301, 312, "Kim Jong-un"),), Applicability.UNSAFE, "Use the usual spelling"),
        url="https://newslint.readthedocs.io/en/latest/rules/name-consistency.html",
        data={"counts": {"Kim Jong-un": 12, "Kim Jong-on": 1}, "source": "archive"},
    )
    fields.update(kw)
    return Diagnostic(**fields)


def test_json_round_trip_is_lossless():
    d = make()
    text = json.dumps(d.to_dict())
    back = Diagnostic.from_dict(json.loads(text))
    assert back == d
    assert back.severity is Severity.WARNING
    assert back.fix is not None and back.fix.applicability is Applicability.UNSAFE
    assert back.suggestions == ("Kim Jong-un", "Kim Jong-il")


def test_round_trip_of_a_minimal_diagnostic():
    d = make(field=None, suggestions=(), fix=None, url=None, data={})
    assert Diagnostic.from_dict(json.loads(json.dumps(d.to_dict()))) == d


def test_json_keys_and_values_are_the_documented_envelope_fields():
    doc = make().to_dict()
    assert list(doc) == [
        "path", "line", "column", "end_line", "end_column", "offset", "end_offset",
        "rule", "code", "severity", "message", "field", "suggestions", "fix", "url", "data",
    ]
    assert (doc["line"], doc["column"], doc["end_line"], doc["end_column"]) == (10, 5, 10, 16)
    assert (doc["offset"], doc["end_offset"]) == (301, 312)
    assert doc["severity"] == "warning"
    assert doc["fix"] == {
        "applicability": "unsafe",
        "message": "Use the usual spelling",
        "edits": [{"start": 301, "end": 312, "text": "Kim Jong-un"}],
    }


def test_from_dict_tolerates_missing_optional_keys():
    d = Diagnostic.from_dict(
        {"code": "NL301", "rule": "spelling", "message": "m", "severity": "info", "path": "a.txt",
         "line": 2, "column": 3, "end_line": 2, "end_column": 6}
    )
    assert d.start == Position(2, 3, 0) and d.end == Position(2, 6, 0)
    assert d.severity is Severity.INFO and d.fix is None and d.suggestions == () and d.data == {}


def test_severity_order_and_text():
    assert Severity.INFO.rank < Severity.WARNING.rank < Severity.ERROR.rank
    assert str(Severity.ERROR) == "error" and str(Applicability.DISPLAY_ONLY) == "display-only"
    with pytest.raises(ValueError):
        Severity("fatal")


def test_frozen_and_with_severity_copies():
    d = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.message = "changed"  # type: ignore[misc]
    e = d.with_severity(Severity.ERROR)
    assert e.severity is Severity.ERROR and d.severity is Severity.WARNING
    assert e == dataclasses.replace(d, severity=Severity.ERROR)


def test_sort_key_orders_by_path_then_position():
    a = make(path="a.txt", start=Position(3, 1, 40), end=Position(3, 4, 43))
    b = make(path="a.txt", start=Position(1, 1, 0), end=Position(1, 4, 3))
    c = make(path="B.txt", start=Position(1, 1, 0), end=Position(1, 4, 3))
    assert sorted([a, b, c], key=lambda d: d.sort_key) == [c, b, a]
