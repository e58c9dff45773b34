"""Rule selection: code prefixes and names, the longest match wins, ignore wins ties."""

from __future__ import annotations

import pytest

import newslint
from newslint.config import Config
from newslint.diagnostic import Applicability, Severity
from newslint.loaders.text import parse_text
from newslint.rule import DOCS_URL, Rule, RuleContext, is_selected, known_selector, matches


class Names(Rule):
    code = "NL101"
    name = "name-consistency"


class NameMisspelt(Rule):
    code = "NL102"
    name = "name-misspelt"


class Grammar(Rule):
    code = "NL401"
    name = "grammar"
    default_enabled = False


NAMES, MISSPELT, GRAMMAR = Names(), NameMisspelt(), Grammar()


def selected(rule, select=None, ignore=(), extend_select=()):
    return is_selected(rule, select, ignore, extend_select)


def test_matches_scores_specificity():
    scores = [matches(NAMES, s) for s in ("NL101", "NL10", "NL1", "ALL")]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4 and scores[-1] > 0
    assert matches(NAMES, "name-consistency") > matches(NAMES, "NL101")
    assert matches(NAMES, "nl1") == matches(NAMES, "NL1")  # codes are case-insensitive
    assert matches(NAMES, "NL2") == 0
    assert matches(NAMES, "name") == 0  # a name must be whole, not a prefix
    assert matches(NAMES, "") == 0


def test_defaults_follow_default_enabled():
    assert selected(NAMES)
    assert not selected(GRAMMAR)


@pytest.mark.parametrize(
    ("select", "ignore", "rule", "expected"),
    [
        (["NL1"], [], NAMES, True),
        (["NL1"], [], GRAMMAR, False),
        (["NL4"], [], GRAMMAR, True),  # selecting turns on a rule that is off by default
        (["NL1"], ["NL101"], NAMES, False),  # longer ignore beats shorter select
        (["NL1"], ["NL101"], MISSPELT, True),
        (["NL101"], ["NL1"], NAMES, True),  # longer select beats shorter ignore
        (["NL10"], ["NL10"], NAMES, False),  # ignore wins a tie
        (["ALL"], ["name-consistency"], NAMES, False),
        (["name-consistency"], ["NL1"], NAMES, True),  # a full name is the most specific
        (["ALL"], [], GRAMMAR, True),
        ([], [], NAMES, False),  # an empty select list selects nothing
    ],
)
def test_longest_match_wins(select, ignore, rule, expected):
    assert selected(rule, select, ignore) is expected


def test_ignore_without_select_switches_off_defaults():
    assert not selected(NAMES, None, ["NL1"])
    assert selected(MISSPELT, None, ["NL101"])
    assert not selected(NAMES, None, ["ALL"])


def test_extend_select_adds_to_select_and_to_defaults():
    assert selected(GRAMMAR, None, (), ["grammar"])
    assert selected(NAMES, None, (), ["grammar"])  # defaults stay on
    assert selected(GRAMMAR, ["NL1"], (), ["NL4"])
    assert not selected(GRAMMAR, ["NL1"], ["NL401"], ["NL4"])


def test_known_selector():
    rules = [NAMES, GRAMMAR]
    assert known_selector(rules, "NL4")
    assert known_selector(rules, "grammar")
    assert not known_selector(rules, "NL9")
    assert not known_selector(rules, "gramar")


def test_config_rule_enabled_uses_the_same_semantics():
    assert Config(select=("NL1",), ignore=("NL102",)).rule_enabled(NAMES)
    assert not Config(select=("NL1",), ignore=("NL102",)).rule_enabled(MISSPELT)
    assert not Config(rules={"name-consistency": {"enabled": False}}).rule_enabled(NAMES)
    assert Config(rules={"grammar": {"enabled": True}}).rule_enabled(GRAMMAR)


class NeedsServer(Rule):
    code = "NL901"
    name = "needs-server"

    def unavailable(self, config):
        return "no server is configured"


def test_an_unavailable_rule_is_off_unless_named():
    rule = NeedsServer()
    assert not Config().rule_enabled(rule) and Config().rule_selected(rule)
    assert not Config(select=("ALL",)).rule_enabled(rule)
    assert not Config(select=("NL9",)).rule_enabled(rule)  # a prefix does not name it
    for named in (Config(select=("needs-server",)), Config(extend_select=("nl901",)),
                  Config(rules={"needs-server": {"enabled": True}})):
        assert named.rule_enabled(rule)  # then it runs and explains itself
    assert not Config(extend_select=("needs-server",), ignore=("needs-server",)).rule_enabled(rule)
    assert Config().rule_enabled(NAMES)  # the default: available


def test_diagnostic_helper_maps_block_offsets_and_builds_the_fix():
    article = parse_text("s.txt", "Kim meets Moon\n\nThe leader, Kim Jong-on, spoke.\n")
    block = article.body[0]
    i = block.text.index("Kim Jong-on")
    d = NAMES.diagnostic(
        article, block, i, i + 11, '"Kim Jong-on" may be a misspelling of "Kim Jong-un"',
        suggestions=["Kim Jong-un", "Kim Jong-il"], applicability=Applicability.UNSAFE,
    )
    assert (d.start.line, d.start.column, d.end.line, d.end.column) == (3, 13, 3, 24)
    assert (d.code, d.rule, d.field) == ("NL101", "name-consistency", "body")
    assert d.severity is Severity.WARNING
    assert d.fix is not None and d.fix.edits[0].text == "Kim Jong-un"
    assert article.source[d.fix.edits[0].start : d.fix.edits[0].end] == "Kim Jong-on"
    assert d.url == DOCS_URL.format(name="name-consistency")
    # without an applicability, suggestions stay suggestions: no fix
    assert NAMES.diagnostic(article, block, i, i + 11, "m", suggestions=["x"]).fix is None


def test_rule_context_language_comes_from_config():
    assert RuleContext(config=Config(language="en-GB")).language == "en-GB"


def test_has_batch_only_when_overridden():
    class Batch(Rule):
        def check_batch(self, articles, ctx):
            return ()

    assert Batch().has_batch and not NAMES.has_batch


class _BatchCounter(Rule):
    """A batch check that says how many articles it was given."""

    code = "XB901"
    name = "batch-counter"
    summary = "Counts the articles of a batch"
    compares_articles = True
    batches: list[int] = []

    def check_batch(self, articles, ctx):
        type(self).batches.append(len(articles))
        return ()


class _BatchCounterOfOne(_BatchCounter):
    code = "XB902"
    name = "batch-counter-of-one"
    compares_articles = False


class _BatchPlugin:
    @newslint.hookimpl
    def newslint_add_rules(self):
        return [_BatchCounter(), _BatchCounterOfOne()]


def test_a_batch_check_that_compares_articles_is_not_run_on_one_article(tmp_path):
    _BatchCounter.batches, _BatchCounterOfOne.batches = [], []
    newslint.check_text("A headline\n\nOne article, alone.\n", path="a.txt", plugins=[_BatchPlugin()])
    assert _BatchCounter.batches == [] and _BatchCounterOfOne.batches == [1]
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("A headline\n\nOne of two articles.\n", encoding="utf-8")
    newslint.check_paths([tmp_path / "a.txt"], plugins=[_BatchPlugin()])  # a one-file run
    newslint.check_paths([tmp_path], plugins=[_BatchPlugin()])
    assert _BatchCounter.batches == [2] and _BatchCounterOfOne.batches == [1, 1, 2]
