"""Tests for the example plugin: the rule itself, and that newslint finds it."""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest

import newslint
from newslint.manager import collect_rules, make_manager, plugin_infos

NOT_INSTALLED = "newslint-example is not installed (pip install -e plugins/newslint-example)"
newslint_example = pytest.importorskip("newslint_example", reason=NOT_INSTALLED)

STORY = (
    "A very unique summit in Singapore\n"
    "\n"
    'Officials called it "a most unique day" for the region.\n'
    "\n"
    "The talks were rather unprecedented, and almost unique in scope.\n"
)


def check(text: str, **options: object) -> list[newslint.Diagnostic]:
    rule = newslint_example.QualifiedAbsolute()
    ctx = newslint.RuleContext(config=newslint.Config(), options={**rule.options, **options})
    return list(rule.check(newslint.load_article(text, "story.txt"), ctx))


def test_flags_qualified_absolutes_with_position_and_suggestion():
    found = check(STORY)
    assert [(d.code, d.start.line, d.start.column, d.end.column) for d in found] == [
        ("EX101", 1, 3, 14),
        ("EX101", 5, 16, 36),
    ]
    first = found[0]
    assert first.message == '"very unique" qualifies an absolute; use "unique"'
    assert first.suggestions == ("unique",)
    assert first.fix is not None and first.fix.applicability is newslint.Applicability.UNSAFE
    assert first.field == "headline"


def test_leaves_quotations_and_unqualified_words_alone():
    found = check(STORY)
    assert all(d.start.line != 3 for d in found)  # "a most unique day" is quoted
    assert check("Headline\n\nIt was almost unique, and unique it stayed.\n") == []


def test_absolutes_option():
    text = "Headline\n\nA very fatal error and a very unique one.\n"
    found = check(text, absolutes=("fatal",))
    assert [text[d.start.offset : d.end.offset] for d in found] == ["very fatal"]


def test_rule_is_documented_like_a_builtin():
    rule = newslint_example.QualifiedAbsolute()
    for heading in ("What it does", "Why it matters", "Example", "Options", "Fix safety"):
        assert f"\n{heading}\n" in f"\n{rule.doc}\n"


def test_registered_by_hand_without_autoload():
    pm = make_manager(autoload=False, extra=[newslint_example])
    assert "EX101" in {r.code for r in collect_rules(pm)}
    assert "EX101" not in {r.code for r in collect_rules(make_manager(autoload=False))}


def _installed() -> bool:
    return any(ep.value == "newslint_example" for ep in entry_points(group="newslint"))


needs_install = pytest.mark.skipif(not _installed(), reason=NOT_INSTALLED)


@needs_install
def test_found_through_the_entry_point():
    pm = make_manager()
    rules = {r.code: r for r in collect_rules(pm)}
    assert rules["EX101"].plugin == "newslint-example"
    info = {p.name: p for p in plugin_infos(pm)}["example"]
    assert (info.distribution, info.builtin) == ("newslint-example", False)
    # the switches CI relies on: no autoload, or blocked by name
    assert "EX101" not in {r.code for r in collect_rules(make_manager(autoload=False))}
    assert "EX101" not in {r.code for r in collect_rules(make_manager(disable=["example"]))}


@needs_install
def test_runs_in_a_whole_check():
    found = newslint.check_text(STORY, "story.txt", config=newslint.Config(select=("EX101",)))
    assert [(d.code, d.start.line, d.start.column) for d in found] == [
        ("EX101", 1, 3),
        ("EX101", 5, 16),
    ]
