"""The starter newsroom checks NL501-NL506: small articles in, (code, line, column) out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config
from newslint.diagnostic import Applicability
from newslint.fix import apply_fixes
from newslint.loaders.text import parse_text
from newslint.rule import RuleContext
from newslint.rules.newsroom import (
    BoilerplateInBody,
    DoubledWord,
    Placeholder,
    UnbalancedBrackets,
    UnbalancedQuotes,
    WeekdayDate,
)

FOUNDING = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ft-korea-talks.txt"


def run(rule, text, path="story.txt"):
    article = parse_text(path, text)
    ctx = RuleContext(config=Config(), options=dict(rule.options))
    return article, list(rule.check(article, ctx))


def found(rule, text):
    return [(d.code, d.start.line, d.start.column) for d in run(rule, text)[1]]


def story(body: str) -> str:
    return f"A headline for the test\n\n{body}\n"


# -- NL501 doubled-word --------------------------------------------------------------------------


def test_doubled_word_reported_with_safe_fix():
    article, diags = run(DoubledWord(), story("Talks on the the peninsula resumed."))
    (d,) = diags
    assert (d.code, d.rule, d.start.line, d.start.column) == ("NL501", "doubled-word", 3, 10)
    assert d.message == '"the the" repeats a word'
    assert d.fix is not None and d.fix.applicability is Applicability.SAFE
    new, applied = apply_fixes(article, diags)
    assert new == story("Talks on the peninsula resumed.")


def test_doubled_word_and_is_a_slip():
    _, (d,) = run(DoubledWord(), story("Tax cuts and and increased spending were planned."))
    assert (d.start.line, d.start.column, d.message) == (3, 10, '"and and" repeats a word')


def test_doubled_word_across_a_line_break_and_unsafe_for_content_words():
    _, diags = run(DoubledWord(), story("The minister said the plan\nplan was final."))
    (d,) = diags
    assert (d.start.line, d.start.column) == (3, 23)
    assert d.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    "body",
    [
        "He had had enough of it.",
        "What it is is a mess.",
        "She said that that was all.",
        "They flew to Bora Bora last week.",
        "Archbishop Desmond Tutu spoke. The firm Tata grew.",
        "He was there. There was no one else.",
        'He said: "It is really really hard."',
    ],
)
def test_doubled_word_leaves_good_english_and_names(body):
    assert found(DoubledWord(), story(body)) == []


def test_doubled_word_slip_inside_quotation_still_reported_but_not_fixed():
    article, diags = run(DoubledWord(), story('He said: "We went to to the match."'))
    assert [(d.start.line, d.start.column) for d in diags] == [(3, 19)]
    assert apply_fixes(article, diags)[1] == []  # never an edit inside a quotation


def test_doubled_word_that_english_lacks_is_a_reduplication():
    assert found(DoubledWord(), story("He wanted to host a bunga bunga party.")) == []
    assert found(DoubledWord(), story("He went to to the shop.")) == [("NL501", 3, 9)]


def test_a_preposition_ending_a_clause_before_a_phrase_of_time_or_place_is_no_slip():
    body = (
        "They want out of the ditch they are in in Alabama. It is the moment I've been waiting "
        "for for years, a situation that we've been placed in in the past."
    )
    assert found(DoubledWord(), story(body)) == []
    # after a score, with no clause to end, or before a phrase that is neither time nor place: a slip
    body = "Macedonia won 1-0 in in Palermo. The team they were talking about about their goal. He lived in in Leeds."
    assert found(DoubledWord(), story(body)) == [("NL501", 3, 19), ("NL501", 3, 61), ("NL501", 3, 94)]


# -- NL502 placeholder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "word"),
    [
        ("The deal is worth £XXm, sources said.", 20, "XX"),
        ("Talks begin on TK, officials said.", 16, "TK"),
        ("The minister, ???, declined to comment.", 15, "???"),
        ("Sales rose 5% [CHECK with desk] last year.", 15, "[CHECK with desk]"),
        ("Lorem ipsum dolor sit amet.", 1, "Lorem ipsum"),
        ("Full details [link to come] are online.", 14, "[link to come]"),
    ],
)
def test_placeholder_is_an_error(body, column, word):
    _, diags = run(Placeholder(), story(body))
    (d,) = diags
    assert (d.code, d.start.line, d.start.column) == ("NL502", 3, column)
    assert d.severity.value == "error"
    assert d.message == f'Placeholder "{word}" left in copy'
    assert d.fix is None


@pytest.mark.parametrize(
    "body",
    [
        "Super Bowl XX was in New Orleans.",
        "Shoppers queued at TK Maxx.",
        "A proposal to set up a .xxx domain was rejected.",
        "Why not the Brits????",
        "The film XXX opened.",
        "Tickets cost £20 each.",
        "Women have XX chromosomes.",
    ],
)
def test_placeholder_quiet_on_real_words(body):
    assert found(Placeholder(), story(body)) == []


def test_placeholder_in_headline_and_quotation():
    text = "Minister XX resigns\n\nShe said: \"We will spend £XXbn.\"\n"
    assert found(Placeholder(), text) == [("NL502", 1, 10), ("NL502", 3, 27)]


# -- NL503 unbalanced-quotes ---------------------------------------------------------------------


def test_quote_never_closed():
    _, diags = run(UnbalancedQuotes(), story("He said: \u201cWe will talk. Then he left."))
    (d,) = diags
    assert (d.code, d.start.line, d.start.column) == ("NL503", 3, 10)
    assert d.message == 'Quotation opened with "\u201c" is never closed'


def test_stray_closing_straight_quote():
    _, diags = run(UnbalancedQuotes(), story('He called it "a recruiting sergeant" for terrorists". Then left.'))
    (d,) = diags
    assert (d.start.line, d.start.column) == (3, 52)
    assert d.message == 'Closing quotation mark """ has no opening mark'


def test_closing_mark_typed_as_an_opening_one_is_one_finding():
    _, diags = run(UnbalancedQuotes(), story("Refugees with \u201dbona fide\u201d ties were exempted."))
    (d,) = diags
    assert (d.start.line, d.start.column) == (3, 15)
    assert d.message == 'Opening quotation mark typed as a closing one "\u201d"'


@pytest.mark.parametrize(
    "text",
    [
        story('He said: "One thing. "Another thing," he added.'),  # a merged continuation
        story("He said: \u201cWe will talk.\n\n\u201cAnd then we will see,\u201d he added."),  # runs on
        story('The intruder was about 5ft 10" tall.'),
        story("He said: \u201cWe will talk.\u201d She agreed \u2018in part\u2019."),
        story('It rose to "2005". It was "R85".'),
    ],
)
def test_quotes_balanced_or_continued(text):
    assert found(UnbalancedQuotes(), text) == []


def test_quote_open_at_end_of_paragraph_without_continuation():
    text = story('He said: "We will talk.\n\nThen he left.')
    assert found(UnbalancedQuotes(), text) == [("NL503", 3, 10)]


def test_quotation_continued_into_the_last_paragraph_of_an_excerpt():
    # each paragraph opens with a mark; the text stops before the quotation closes
    text = story("Pel\u00e9 spoke on Instagram.\n\n\u201cI\u2019m strong, with a lot of hope.\n\n\u201cThank you all.")
    assert found(UnbalancedQuotes(), text) == []
    # paragraphs of one quotation merged into one: "said: “One. “Two." and the text stops
    merged = story("He said: \u201cI\u2019ll say goodbye at Wembley. \u201cI\u2019d like a nice memory.")
    assert found(UnbalancedQuotes(), merged) == []


def test_paragraph_break_inside_a_quotation_is_no_unbalanced_pair():
    # wire copy cut into paragraphs mid-quotation: the next paragraph closes what this one opened
    text = story(
        "The bill passed the House.\n\n"
        "Brady said he had the votes. \u201cI think we are headed - the American people are headed -\n\n"
        "for a big win on Tuesday,\u201d Brady said on Fox News\u2019 \u201cSunday Morning Futures.\u201d"
    )
    assert found(UnbalancedQuotes(), text) == []
    # a stray closing mark after a quotation opened and closed in that paragraph is still one
    text = story("The talks began.\n\nHe said: \u201cWe will talk.\n\nShe said \u201cyes\u201d and then\u201d left.")
    assert found(UnbalancedQuotes(), text) == [("NL503", 5, 10), ("NL503", 7, 24)]


def test_quotation_continued_across_a_photo_caption():
    text = story(
        "He said: \u201cWe will talk.\n\nThe talks in May Photograph: Reuters\n\n"
        "\u201cAnd then we will see,\u201d he added."
    )
    assert found(UnbalancedQuotes(), text) == []


def test_quotation_left_open_in_the_last_paragraph_is_still_reported():
    text = story("End of the first paragraph.\n\nHe said: \u201cWe will talk. Then he left.")
    assert found(UnbalancedQuotes(), text) == [("NL503", 5, 10)]


def test_embedded_post_keeps_its_own_punctuation():
    text = story(
        "He wrote: \"It\u2019s over. pic.twitter.com/xyz \u2014 Joe Bloggs (@joebloggs) December 3, 2022\n\nMore."
    )
    assert found(UnbalancedQuotes(), text) == []


@pytest.mark.parametrize(
    "headline",
    [
        "Guardiola: \u201cCrazy\u201d World Cup will hurt players",
        '"We will win," says Starmer',
        "\u2018I won\u2019t watch\u2019: Hornby on Qatar",
        'Record for 6ft 10" centre in "giant" win',
    ],
)
def test_quotes_inside_a_headline(headline):
    assert found(UnbalancedQuotes(), f"{headline}\n\nThe story.\n") == []


def test_a_sentence_broken_over_paragraphs_keeps_its_quotation_open():
    # a phrase set apart on a line of its own (an italic phrase pulled out of a page) splits the sentence
    text = story(
        'The MP spoke.\n\nHe said: "What I am saying is that the role they took was like an\n\n'
        'agent provocateur\n\nand perhaps worse," he added. The programme ended.'
    )
    assert found(UnbalancedQuotes(), text) == []
    # a paragraph that ends its sentence leaves the quotation open
    text = story('The MP spoke.\n\nHe said: "I say that.\n\nagent provocateur\n\nand perhaps worse," he added.')
    assert found(UnbalancedQuotes(), text) == [("NL503", 5, 10), ("NL503", 9, 19)]


# -- NL504 unbalanced-brackets -------------------------------------------------------------------


def test_bracket_never_closed_and_stray_closer():
    text = story("Sales rose (by 5% last year.\n\nProfits fell 2%) in March.")
    assert found(UnbalancedBrackets(), text) == [("NL504", 3, 12), ("NL504", 5, 16)]


def test_bracketed_passage_over_paragraphs():
    text = story("Russia abstained. (Russia is on the council.\n\nIt voted against in 2016.)\n\nThen it ended.")
    assert found(UnbalancedBrackets(), text) == []
    # never closed: reported where it opened
    text = story("Russia abstained. (Russia is on the council.\n\nIt voted against in 2016.")
    assert found(UnbalancedBrackets(), text) == [("NL504", 3, 19)]


def test_bracketed_caption_credit_is_not_an_open_bracket():
    text = story("The talks began.\n\nIt was unclear how much contact they had (Image: Reuters)\n\nThey met.")
    assert found(UnbalancedBrackets(), text) == []


def test_bracket_mismatch_reports_the_open_one():
    _, diags = run(UnbalancedBrackets(), story("Sales rose (by 5%] last year."))
    (d,) = diags
    assert d.start.column == 12 and d.message == 'Bracket "(" is closed by "]"'


@pytest.mark.parametrize(
    "body",
    [
        "The options are a) stay and b) go.",
        "Fans were happy :) and the team (mostly) too.",
        "It was [North Korea's] choice (he said).",
        "Readers wrote :-( after the defeat.",
    ],
)
def test_brackets_quiet(body):
    assert found(UnbalancedBrackets(), story(body)) == []


# -- NL505 boilerplate-in-body -------------------------------------------------------------------


def test_copyright_trailer_in_paragraph():
    notice = "\u2013 Copyright The Financial Times Limited 2018"
    text = story(f"Coins worth about $25,000 now, according to the institute. {notice}")
    article, diags = run(BoilerplateInBody(), text)
    (d,) = diags
    assert d.code == "NL505" and (d.start.line, d.start.column) == (3, 62)
    assert d.message == 'Copyright notice "Copyright The Financial Times Limited 2018" in the copy'
    assert d.fix is not None and d.fix.applicability is Applicability.UNSAFE
    new, _ = apply_fixes(article, diags, unsafe=True)
    assert new == story("Coins worth about $25,000 now, according to the institute.")


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("Shares rose on Monday. (Reporting by Jane Doe; Editing by John Roe)", "Wire trailer"),
        ("Shares rose. Copyright 2018 Reuters. All rights reserved.", "Copyright notice"),
        ("Shares rose. This article was first published on our sister site.", "Web boilerplate"),
    ],
)
def test_agency_boilerplate(body, what):
    _, diags = run(BoilerplateInBody(), story(body))
    assert len(diags) == 1 and diags[0].message.startswith(what)


@pytest.mark.parametrize(
    "text",
    [
        story("Copyright education has always been important, she said."),
        story("The copyright law changed in 2018."),
        story("It breaches the Copyright, Designs and Patents Act 1988."),
        story("Fines rose. Copyright Licensing Agency Ltd said it would appeal."),
        "Headline\n\nA paragraph.\n\nCopyright The Financial Times Limited 2018\n",  # its own paragraph
        story("WASHINGTON (Reuters) - Shares rose on Monday."),  # a wire dateline is part of the copy
        story("LONDON (AP) \u2014 Shares rose on Monday."),
    ],
)
def test_boilerplate_quiet_on_copyright_as_a_subject(text):
    assert found(BoilerplateInBody(), text) == []


# -- NL506 weekday-date --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "column", "right"),
    [
        ("The summit opens on Tuesday 10 January 2018 in Seoul.", 21, "Wednesday"),
        ("The summit opens on Tuesday, January 10, 2018.", 21, "Wednesday"),
        ("It ends on Thu 12th Jan 2018.", 12, "Fri"),
    ],
)
def test_weekday_contradicts_date(body, column, right):
    _, diags = run(WeekdayDate(), story(body))
    (d,) = diags
    assert (d.code, d.start.line, d.start.column) == ("NL506", 3, column)
    assert d.suggestions == (right,)
    assert d.fix is not None and d.fix.applicability is Applicability.DISPLAY_ONLY
    assert "10 January 2018 is a Wednesday, not a Tuesday" in d.message or right == "Fri"


@pytest.mark.parametrize(
    "body",
    [
        "The summit opens on Tuesday 9 January 2018.",
        "The replay is on Wednesday 19 January, from 1930 on BBC One.",  # no year: not checked
        "On Tuesday he proposed talks. Scheduled for January 10, 2018, they would be the first.",
    ],
)
def test_weekday_quiet(body):
    assert found(WeekdayDate(), story(body)) == []


@pytest.mark.parametrize(
    "metadata",
    [
        {"date": "2018-01-02"},
        {"article:published_time": "2018-01-02T10:00:00Z", "article:modified_time": "2019-05-01"},
        {"published": __import__("datetime").date(2018, 1, 2)},
    ],
)
def test_weekday_year_from_metadata(metadata):
    from dataclasses import replace

    article = parse_text("s.txt", story("It opens on Tuesday 10 January."))
    article = replace(article, metadata=metadata)
    diags = list(WeekdayDate().check(article, RuleContext(config=Config())))
    assert [d.suggestions for d in diags] == [("Wednesday",)]


def test_impossible_day():
    assert found(WeekdayDate(), story("It opens on Monday 31 April.")) == [("NL506", 3, 13)]


# -- the founding article ------------------------------------------------------------------------


@pytest.mark.skipif(not FOUNDING.is_file(), reason="../shared/corpora/ft-korea-talks.txt is not here")
def test_founding_article_boilerplate_reported_and_little_else():
    from newslint.manager import collect_rules, make_manager

    text = FOUNDING.read_text(encoding="utf-8")
    article = parse_text(str(FOUNDING), text)
    mine = [
        r for r in collect_rules(make_manager(autoload=False))
        if r.plugin in ("newslint.rules.newsroom", "newslint.rules.style")
    ]
    diags = [d for r in mine for d in r.check(article, RuleContext(config=Config(), options=dict(r.options)))]
    assert any(d.rule == "boilerplate-in-body" and "Financial Times Limited 2018" in d.message for d in diags)
    assert len(diags) <= 2, [d.message for d in diags]
