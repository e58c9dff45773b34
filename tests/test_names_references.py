"""Later references to people the article introduced: a surname alone, short surnames,
and a full name whose surname the article writes differently on its own."""

from __future__ import annotations

from pathlib import Path

from newslint.config import Config
from newslint.loaders.text import parse_text
from newslint.rule import RuleContext
from newslint.rules.names import NameConsistency

HEAD = "Budget talks resume\n\n"
CACHE: dict = {}


def run(text: str, names=()):
    rule = NameConsistency()
    ctx = RuleContext(config=Config(names=tuple(Path(n) for n in names)), options=dict(rule.options), cache=CACHE)
    return [
        (d.code, d.start.line, d.start.column, d.end.column, d.suggestions[:1])
        for d in rule.check(parse_text("story.txt", text), ctx)
    ]


def test_bare_surname_near_an_introduced_person_without_archive():
    text = HEAD + (
        "Ministers met Keir Starmer on Monday.\n\n"
        "The talks went on into the night.\n\n"
        "Starmre said the budget would pass.\n"
    )
    assert run(text) == [("NL101", 7, 1, 8, ("Starmer",))]


def test_honorific_surname_near_an_introduced_person():
    text = HEAD + "Joe Biden spoke first.\n\nMr Bidne said he would veto the bill.\n"
    assert run(text) == [("NL101", 5, 4, 9, ("Biden",))]


def test_bare_word_that_is_an_english_word_or_a_place_is_left_alone():
    # "Bald" is a word, "in Kaine" reads as a place, "Kanes" after "the" a family
    text = HEAD + (
        "Harry Kane scored twice. Kane was the captain.\n\n"
        "Bald eagles nest there.\n\n"
        "He grew up in Kaine before moving south.\n\n"
        "The Kanes were delighted.\n"
    )
    assert run(text) == []


def test_short_surname_needs_more_evidence():
    # one mention of someone the authority does not know, then a bare short word: too little
    once = HEAD + "Gavin Tosh arrived late.\n\nTosk spoke to his family.\n"
    twice = HEAD + "Gavin Tosh arrived late. Tosh was tired.\n\nTosk spoke to his family.\n"
    placed = HEAD + "Gavin Tosh arrived late.\n\nA spokeswoman for Tosk said he was tired.\n"
    assert run(once) == []
    assert run(twice) == [("NL101", 5, 1, 5, ("Tosh",))]
    assert run(placed) == [("NL101", 5, 19, 23, ("Tosh",))]


def test_short_surname_of_a_known_person_mentioned_once():
    text = HEAD + "Speaker Paul Ryan arrived late.\n\nRyen called the reports troubling.\n"
    assert run(text) == [("NL101", 5, 1, 5, ("Ryan",))]


def test_bare_word_written_twice_is_meant():
    text = HEAD + (
        "Robert Mueller leads the inquiry.\n\nMeuller said so. Meuller added more.\n"
    )
    assert run(text) == []


def test_a_new_first_letter_is_another_name_when_bare():
    text = HEAD + "Kevin Pollard resigned.\n\nMollard said he would stay.\n"
    assert run(text) == []


def test_doubled_final_s_is_a_slip_not_a_plural():
    text = HEAD + "John Conyers resigned.\n\nConyerss, who had chaired the committee, stepped down.\n"
    assert run(text) == [("NL101", 5, 1, 9, ("Conyers",))]


def test_second_person_introduced_with_the_near_spelling_is_not_flagged():
    text = HEAD + "Karl Jensen met Anna Jenson.\n\nJenson said the talks were good.\n"
    assert run(text) == []


def test_full_name_whose_surname_is_written_differently_alone():
    text = HEAD + (
        "Lleyton Hewit won in three sets.\n\n"
        "Hewitt said he was pleased. Hewitt will play again on Friday.\n"
    )
    assert run(text) == [("NL101", 3, 1, 14, ("Lleyton Hewitt",))]


def test_place_and_its_slip_are_not_a_person():
    text = HEAD + "They flew to Rio de Janeiro.\n\nIn Janeir it rained. Janeir was wet.\n"
    assert run(text) == []


def test_long_bare_slip_after_a_place_word_is_still_a_slip():
    # "in Kaine" may be a place; a seven-letter non-word one letter from the surname is not
    text = HEAD + (
        "Treasury Secretary Steven Mnuchin said on Monday he would act.\n\n"
        "A parcel was left outside Mnucihn\u2019s home.\n"
    )
    assert run(text) == [("NL101", 5, 27, 34, ("Mnuchin",))]


def test_archive_phrase_introduces_a_surname(tmp_path):
    # the archive never wrote "Mr Page", so "Lisa Page" is a phrase in it; it still introduces Page
    arc = tmp_path / "names.json"
    arc.write_text(
        '{"version": 1, "kind": "newslint-names", "articles": 9, "names": [], '
        '"phrases": {"Lisa Page": 4}, "tokens": {"lisa": 5, "page": 6}, "vocabulary": {}}',
        encoding="utf-8",
    )
    text = HEAD + (
        "The lawyer Lisa Page wrote the messages.\n\nLisa Page left the team in July.\n\n"
        "The messages from Pagi were read out.\n"
    )
    assert run(text, [arc]) == [("NL101", 7, 19, 23, ("Page",))]


def test_common_given_name_makes_a_person_without_title_or_honorific():
    # "Graham" is a common given name (the shipped census list), so Graham Arnold introduces Arnold
    text = HEAD + "Graham Arnold, the Australia head coach, watched.\n\nArnol faces Lionel Messi on Saturday.\n"
    assert run(text) == [("NL101", 5, 1, 6, ("Arnold",))]


def test_team_sheet_surnames_are_not_second_references():
    text = HEAD + (
        "Shane Horgan scored the try.\n\n"
        "Replacements: Sheahan, Horan, O'Callaghan, Miller.\n"
    )
    assert run(text) == []


def test_a_title_is_not_the_surname_it_precedes():
    text = HEAD + "Martin Luther King spoke of dreams.\n\nThe films included King Kong and Jaws.\n"
    assert run(text) == []
