"""The grammar rule against a stand-in LanguageTool: offsets, mapping, filters, cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FakeLanguageTool, FakeRule
from newslint_languagetool import GrammarRule, Runtime

import newslint
from newslint.loaders.text import parse_text

REPEAT = FakeRule(
    r"\bhad has\b", "STANDIN_HAD_HAS", "Two auxiliary verbs in a row.", ("had",), "GRAMMAR", "grammar"
)
LESS = FakeRule(
    r"\b(less) (?:users|people)\b",
    "LESS_COMPARATIVE",
    "Did you mean <suggestion>fewer</suggestion>? The noun is countable.",
    ("fewer",),
    "GRAMMAR",
    "grammar",
)
WORDY = FakeRule(r"\bin order to\b", "IN_ORDER_TO", "Consider a shorter phrase.", ("to",), "STYLE", "style")
SPELL = FakeRule(
    r"\bGoverment\b", "MORFOLOGIK_RULE_EN_GB", "Possible spelling mistake.", ("Government",), "TYPOS", "misspelling"
)


def check(fake: FakeLanguageTool, runtime: Runtime, text: str, lang: str = "en", **options: Any):
    rule = GrammarRule(runtime)
    article = parse_text("story.txt", text)
    opts = {**rule.options, "server_url": fake.url, **options}
    ctx = newslint.RuleContext(config=newslint.Config(language=lang), options=opts)
    return list(rule.check(article, ctx))


def spans(diags):
    return [(d.code, d.start.line, d.start.column, d.end.column) for d in diags]


def test_offsets_in_a_multi_block_article(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [REPEAT, LESS]
    text = (
        "Ad sales boost Time Warner profit\n"
        "\n"
        "Quarterly profits at US media giant TimeWarner jumped 76%.\n"
        "\n"
        "The firm said AOL, had has mixed fortunes. It lost 464,000 subscribers\n"
        "and has less users than a year ago.\n"
    )
    diags = check(languagetool, runtime, text)
    assert spans(diags) == [("NL401", 5, 20, 27), ("NL401", 6, 9, 13)]
    repeat, less = diags
    assert repeat.message == '"had has": Two auxiliary verbs in a row'
    assert repeat.suggestions == ("had",)
    assert repeat.fix is not None and repeat.fix.applicability is newslint.Applicability.UNSAFE
    assert text[repeat.fix.edits[0].start : repeat.fix.edits[0].end] == "had has"
    assert less.message == '"less": Did you mean "fewer"? The noun is countable'
    assert less.field == "body"
    assert less.data["rule_id"] == "LESS_COMPARATIVE"
    assert less.data["category"] == "GRAMMAR"
    assert less.data["message"].startswith("Did you mean <suggestion>fewer")
    assert less.severity is newslint.Severity.WARNING
    # the whole article went in one request, never one per sentence or per block
    assert languagetool.checks == 1
    assert languagetool.requests[0]["text"].count("\n\n") == 2


def test_non_ascii_and_astral_characters(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    text = (
        "Café owners 😀 fret\n"
        "\n"
        "Zoë said 𝒞𝒞 and 😀😀 mean less people — less users, “less people”.\n"
    )
    diags = check(languagetool, runtime, text, check_quotes=True)
    line = text.splitlines()[2]
    expected = [i + 1 for i in range(len(line)) if line.startswith("less", i)]
    assert [(d.start.line, d.start.column) for d in diags] == [(3, c) for c in expected]
    assert all(text[d.start.offset : d.end.offset] == "less" for d in diags)


def test_caption_credit_is_not_sent(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    text = (
        "Headline here\n"
        "\n"
        "A paragraph of copy.\n"
        "\n"
        "Fans queue with less people than expected Photograph: Getty Images\n"
    )
    diags = check(languagetool, runtime, text)
    assert spans(diags) == [("NL401", 5, 17, 21)]
    assert diags[0].field == "caption[1]"
    assert "Getty" not in languagetool.requests[0]["text"]


def test_language_follows_config(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    for newslint_lang, lt_lang in (("en", "en"), ("en-GB", "en-GB"), ("en-US", "en-US")):
        check(languagetool, runtime, f"Headline\n\nCopy in {newslint_lang}.\n", lang=newslint_lang)
        assert languagetool.requests[-1]["language"] == lt_lang
    check(languagetool, runtime, "Headline\n\nCopy in Australia.\n", lang="en-GB", language="en-AU")
    assert languagetool.requests[-1]["language"] == "en-AU"


def test_spelling_rules_are_off_by_default(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [SPELL, LESS]
    text = "Goverment plans\n\nThe Goverment has less people.\n"
    diags = check(languagetool, runtime, text)
    assert [d.data["rule_id"] for d in diags] == ["LESS_COMPARATIVE"]
    assert "MORFOLOGIK_RULE_EN_GB" in languagetool.requests[0]["disabledRules"].split(",")
    on = check(languagetool, runtime, text, spelling=True)
    assert [(d.data["rule_id"], d.start.line, d.start.column) for d in on] == [
        ("MORFOLOGIK_RULE_EN_GB", 1, 1),
        ("MORFOLOGIK_RULE_EN_GB", 3, 5),
        ("LESS_COMPARATIVE", 3, 19),
    ]
    assert "MORFOLOGIK_RULE_EN_GB" not in languagetool.requests[-1]["disabledRules"]


def test_rules_newslint_owns_are_off_unless_enabled(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    repeat = FakeRule(r"\bthe the\b", "ENGLISH_WORD_REPEAT_RULE", "Possible typo: you repeated a word.", ("the",))
    languagetool.rules = [repeat]
    text = "Headline\n\nIt was the the best.\n"
    assert check(languagetool, runtime, text) == []  # newslint's doubled-word reports it
    disabled = languagetool.requests[-1]["disabledRules"].split(",")
    assert {"ENGLISH_WORD_REPEAT_RULE", "EN_UNPAIRED_BRACKETS"} <= set(disabled)
    on = check(languagetool, runtime, text, enabled_rules=["ENGLISH_WORD_REPEAT_RULE"])
    assert spans(on) == [("NL401", 3, 8, 15)]


def test_spelling_matches_are_dropped_even_if_the_server_sends_them(
    languagetool: FakeLanguageTool, runtime: Runtime
) -> None:
    speller = FakeRule(r"Goverment", "MORFOLOGIK_RULE_EN_NZ", "Spelling.", ("Government",), "TYPOS", "misspelling")
    # LanguageTool files "Its a shame" under misspelling too: that one is grammar, and stays
    its = FakeRule(r"\bIts\b", "IT_IS", "Did you mean \"it's\"?", ("It's",), "TYPOS", "misspelling")
    languagetool.rules = [speller, its]
    diags = check(languagetool, runtime, "Headline\n\nThe Goverment said. Its a shame.\n")
    assert [d.data["rule_id"] for d in diags] == ["IT_IS"]


def test_quotes_are_excluded_for_style_and_grammar_rules(
    languagetool: FakeLanguageTool, runtime: Runtime
) -> None:
    its = FakeRule(r"\bIts\b", "IT_IS", "Did you mean \"It's\"?", ("It's",), "TYPOS", "misspelling")
    languagetool.rules = [WORDY, LESS, its]
    text = 'Headline\n\nShe said: "Its in order to win with less people." We did it in order to win.\n'
    diags = check(languagetool, runtime, text, preset="languagetool")  # the newsroom preset drops STYLE
    line = text.splitlines()[2]
    its, less = line.index("Its") + 1, line.index("less") + 1
    wordy, wordy2 = line.index("in order") + 1, line.rindex("in order") + 1
    # inside the quote, the speaker's grammar and style are left alone, a transcription slip is not
    assert [(d.data["rule_id"], d.start.column) for d in diags] == [("IT_IS", its), ("IN_ORDER_TO", wordy2)]
    assert diags[1].severity is newslint.Severity.INFO
    with_quotes = check(languagetool, runtime, text, check_quotes=True, preset="languagetool")
    assert [(d.data["rule_id"], d.start.column) for d in with_quotes] == [
        ("IT_IS", its),
        ("IN_ORDER_TO", wordy),
        ("LESS_COMPARATIVE", less),
        ("IN_ORDER_TO", wordy2),
    ]


def test_rule_and_category_options_are_sent(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    check(
        languagetool,
        runtime,
        "Headline\n\nCopy.\n",
        enabled_rules=["EN_A_VS_AN"],
        disabled_rules=["WHITESPACE_RULE"],
        enabled_categories=["STYLE"],
        disabled_categories=["TYPOGRAPHY", "CASING"],
        picky=True,
        preset="languagetool",
    )
    form = languagetool.requests[-1]
    assert form["enabledRules"] == "EN_A_VS_AN"
    assert form["disabledRules"].split(",")[0] == "WHITESPACE_RULE"
    assert form["enabledCategories"] == "STYLE"
    assert form["disabledCategories"] == "TYPOGRAPHY,CASING"
    assert form["level"] == "picky"


DIACRITICS = "EN_DIACRITICS_REPLACE_ORTHOGRAPHY_GUANTANAMO"


def test_the_newsroom_preset_switches_noise_off_and_options_win(
    languagetool: FakeLanguageTool, runtime: Runtime
) -> None:
    languagetool.rules = [
        WORDY,  # STYLE: a category the preset drops
        LESS,  # GRAMMAR: kept
        FakeRule(r"\bGuantanamo\b", DIACRITICS, "Accent?", ("Guantánamo",), "TYPOS"),
        FakeRule(r"\ba honour\b", "EN_A_VS_AN", "Use an.", ("an honour",), "MISC"),  # MISC, kept by name
    ]
    text = "Headline\n\nThey went in order to win: less people went to Guantanamo, a honour.\n"
    assert [d.data["rule_id"] for d in check(languagetool, runtime, text)] == ["LESS_COMPARATIVE", "EN_A_VS_AN"]
    form = languagetool.requests[-1]
    assert "STYLE" in form["disabledCategories"].split(",") and form["enabledRules"] == "EN_A_VS_AN"
    assert "THE_SUPERLATIVE" in form["disabledRules"].split(",")
    # British plurals ("England are") are not agreement errors in en-GB, but are checked in en-US
    assert "HE_VERB_AGR" in form["disabledRules"].split(",")
    check(languagetool, runtime, text, lang="en-US")
    assert "HE_VERB_AGR" not in languagetool.requests[-1]["disabledRules"].split(",")
    # a house switches a category or a rule back on
    on = check(languagetool, runtime, text, enabled_categories=["STYLE"], enabled_rules=[DIACRITICS])
    assert [d.data["rule_id"] for d in on] == ["IN_ORDER_TO", "LESS_COMPARATIVE", DIACRITICS, "EN_A_VS_AN"]
    assert "STYLE" not in languagetool.requests[-1]["disabledCategories"].split(",")
    every = check(languagetool, runtime, text, preset="languagetool")
    assert len(every) == 4


def test_a_or_an_before_a_figure_is_left_to_the_reader(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    # LanguageTool reads "an $11bn" by its first character; "a honour" it gets right
    languagetool.rules = [FakeRule(r"\b(?:an(?= \$)|a(?= honour))\b", "EN_A_VS_AN", "Use a or an.", ("a",), "MISC")]
    text = "Headline\n\nIt was an $11bn deal and a honour.\n"
    assert [d.start.column for d in check(languagetool, runtime, text)] == [text.splitlines()[2].index("a honour") + 1]
    assert len(check(languagetool, runtime, text, preset="languagetool")) == 2


def test_newsroom_preset_drops_what_languagetool_misreads(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    # what LanguageTool 6.8 answered on the BBC corpus, as the stand-in answers it
    languagetool.rules = [
        FakeRule(r"\b(a)(?= HD set| easy win)", "EN_A_VS_AN", "Use an.", ("an",), "MISC"),
        FakeRule(r"\b(its)(?= Everybody| recently| good)", "ITS_TO_IT_S", "It's?", ("it's",), "CONFUSED_WORDS"),
        FakeRule(r"\b(Cent's)", "INCORRECT_POSSESSIVE_FORM_AFTER_A_NUMBER", "Possessive?", ("Cents",), "GRAMMAR"),
        FakeRule(r"\b(hopes) hit\b", "MISSING_TO_BEFORE_A_VERB", "Missing to?", ("hopes to",), "GRAMMAR"),
        FakeRule(r"\b(on-going)", "ON-GOING", "Write ongoing.", ("ongoing",), "TYPOS"),
        FakeRule(r"\b(side-effect)", "AFFECT_EFFECT", "Affect or effect?", ("side affect",), "CONFUSED_WORDS"),
        FakeRule(r"\b(TOO FAST TOO)", "ADVERB_VERB_ADVERB_REPETITION", "Repetition?", ("TOO FAST",), "GRAMMAR"),
    ]
    text = (
        "Title hopes hit by loss\n\n"
        "You need a HD set. The firm, with its Everybody Online project and its recently unveiled phone, "
        "named 50 Cent's crew in the on-going row; a side-effect of TOO FAST TOO FURIOUS.\n\n"
        "Federer was on course for a easy win and its good to see.\n"
    )
    kept = check(languagetool, runtime, text, lang="en-GB")
    assert [(d.data["rule_id"], d.start.line) for d in kept] == [("EN_A_VS_AN", 5), ("ITS_TO_IT_S", 5)]
    # LanguageTool's own defaults keep every one, and a house may switch a dropped rule back on
    assert len(check(languagetool, runtime, text, lang="en-GB", preset="languagetool")) == 10
    again = check(languagetool, runtime, text, lang="en-GB", enabled_rules=["ON-GOING"])
    assert "ON-GOING" in [d.data["rule_id"] for d in again]


def test_results_are_cached_by_text_and_settings(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    text = "Headline\n\nThere were less people.\n"
    first = check(languagetool, runtime, text)
    second = check(languagetool, runtime, text)
    assert first == second and len(first) == 1
    assert languagetool.checks == 1
    # a changed paragraph is sent alone; the unchanged headline comes from the cache
    check(languagetool, runtime, "Headline\n\nThere were less users.\n")
    assert languagetool.checks == 2
    assert languagetool.requests[-1]["text"] == "There were less users."
    # other settings, another cache entry
    check(languagetool, runtime, text, lang="en-GB")
    assert languagetool.checks == 3


def test_batches_respect_the_size_limit_and_413_splits(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    paras = [f"Paragraph {i} has less people in it." for i in range(4)]
    text = "Headline\n\n" + "\n\n".join(paras) + "\n"
    languagetool.max_chars = 60  # the server refuses long texts with 413
    diags = check(languagetool, runtime, text)
    assert [d.start.line for d in diags] == [3, 5, 7, 9]
    assert languagetool.checks == 1 + 5  # the refused batch, then one block a request


def test_blocks_option_limits_what_is_checked(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    text = "Less people than ever\n\nThere were less people.\n"
    diags = check(languagetool, runtime, text, blocks=["paragraph"])
    assert [d.start.line for d in diags] == [3]
    assert languagetool.requests[0]["text"] == "There were less people."


def test_configured_severity_wins(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [WORDY]
    rule = GrammarRule(runtime)
    article = parse_text("s.txt", "Headline\n\nWe did it in order to win.\n")
    config = newslint.Config(rules={"grammar": {"severity": "error"}})
    opts = {**rule.options, "server_url": languagetool.url, "preset": "languagetool"}
    ctx = newslint.RuleContext(config=config, options=opts)
    assert [d.severity for d in rule.check(article, ctx)] == [newslint.Severity.ERROR]


def test_several_replacements_are_display_only(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [FakeRule(r"\bthere\b", "CONFUSION", "Did you mean?", ("their", "they're", "there", "their"))]
    (d,) = check(languagetool, runtime, "Headline\n\nThe fans and there team.\n")
    assert d.suggestions == ("their", "they're")
    assert d.fix is not None and d.fix.applicability is newslint.Applicability.DISPLAY_ONLY


@pytest.mark.parametrize("bad", [{"timeout": "soon"}, {"local_server": "maybe"}, {"enabled_rules": 3}])
def test_bad_options_are_config_errors(languagetool: FakeLanguageTool, runtime: Runtime, bad: dict) -> None:
    with pytest.raises(newslint.ConfigError, match="rules.grammar"):
        check(languagetool, runtime, "Headline\n\nCopy.\n", **bad)


def test_rule_documentation_sections() -> None:
    doc = GrammarRule().doc
    for heading in ("What it does", "Why it matters", "Example", "Options", "Fix safety"):
        assert f"\n{heading}\n" in f"\n{doc}\n", heading
    assert GrammarRule.code == "NL401" and GrammarRule.name == "grammar"


def test_html_maps_back_through_tags_and_entities(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    html = (
        "<h1>Fewer &amp; fewer</h1>\n"
        "<p>The <b>firm</b> has &ldquo;less users&rdquo; now, <i>less</i> people.</p>\n"
        '<figure><img src="a.jpg"><figcaption>Fans with less people Photograph: AP</figcaption></figure>\n'
    )
    article = newslint.load_article(html, path="story.html")
    rule = GrammarRule(runtime)
    opts = {**rule.options, "server_url": languagetool.url, "check_quotes": True}
    diags = list(rule.check(article, newslint.RuleContext(config=newslint.Config(), options=opts)))
    # every finding points at the words "less" in the HTML source, not at tags or entities
    assert [html[d.start.offset : d.end.offset] for d in diags] == ["less", "less", "less"]
    assert [(d.start.line, d.start.column, d.field) for d in diags] == [
        (2, 31, "body"),
        (2, 57, "body"),
        (3, 48, "caption[1]"),
    ]


def test_long_or_broken_covered_text_is_quoted_on_one_line(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [
        FakeRule(r"less\nusers", "LESS_COMPARATIVE", "Did you mean fewer?", ("fewer users",)),
        FakeRule(r"It is (?:very )+long\.", "TOO_LONG", "This sentence is long.", (), "STYLE", "style"),
    ]
    text = "Headline\n\nThe firm has less\nusers now.\n\nIt is " + "very " * 20 + "long.\n"
    less, long = check(languagetool, runtime, text, preset="languagetool")
    assert less.message == '"less users": Did you mean fewer?'
    assert (less.start.line, less.start.column, less.end.line, less.end.column) == (3, 14, 4, 6)
    assert long.message == '"It is very very very very very very very very...": This sentence is long'
    assert long.suggestions == () and long.fix is None


def test_incomplete_results_are_reported_and_not_cached(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    languagetool.rules = [LESS]
    answer = languagetool.answer
    monkeypatch.setattr(languagetool, "answer", lambda form: {**answer(form), "warnings": {"incompleteResults": True}})
    text = "Headline\n\nThere were less people.\n"
    assert len(check(languagetool, runtime, text)) == 1
    assert "hit its time limit" in caplog.text
    check(languagetool, runtime, text)
    assert languagetool.checks == 2  # asked again: a partial answer is not cached


def test_disk_cache_serves_the_next_run_without_storing_the_copy(
    languagetool: FakeLanguageTool, tmp_path: Path
) -> None:
    languagetool.rules = [LESS]
    text = "Headline\n\nThe embargoed story has less people.\n"
    first_run = Runtime(share=False)
    try:
        first = check(languagetool, first_run, text, cache_dir=str(tmp_path / "cache"))
    finally:
        first_run.reset()
    second_run = Runtime(share=False)  # a new process: nothing in memory
    try:
        second = check(languagetool, second_run, text, cache_dir=str(tmp_path / "cache"))
        assert languagetool.checks == 1
        assert [(d.start.line, d.start.column, d.message, d.suggestions) for d in second] == [
            (d.start.line, d.start.column, d.message, d.suggestions) for d in first
        ]
        check(languagetool, second_run, text, lang="en-GB", cache_dir=str(tmp_path / "cache"))
        assert languagetool.checks == 2  # other settings, not a hit
    finally:
        second_run.reset()
    stored = (tmp_path / "cache" / "languagetool-cache.sqlite3").read_bytes()
    assert b"embargoed" not in stored  # keyed by a hash; the text is not kept


def test_a_broken_disk_cache_is_turned_off_and_checks_go_on(
    languagetool: FakeLanguageTool, runtime: Runtime, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    languagetool.rules = [LESS]
    (tmp_path / "not-a-folder").write_text("")
    text = "Headline\n\nLess people came.\n\nless people\n"
    diags = check(languagetool, runtime, text, cache_dir=str(tmp_path / "not-a-folder"))
    assert [d.start.line for d in diags] == [5]
    assert "cache turned off" in caplog.text
