"""The grammar benchmark's planter: every slip it plants is wrong English, and it still plants.

Short sentences of our own, each with the one spot a pattern finds: the planter must plant
where the changed word's subject is unambiguous and refuse where the result would be good
English (a collective, a name, a subjunctive, a bare plural after a dropped "the").
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from newslint.rules.usage import noun_number

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import planting  # noqa: E402  (the benchmarks folder is no package)

AGREEMENT = "agreement across a clause"


def planted(kind: str, sentence: str) -> list[str]:
    """Every slipped sentence the planter could make of ``sentence``."""
    out = []
    for m, wrong in planting.candidates(kind, sentence):
        w0, w1 = m.span("w")
        new = planting.AGREE[m.group("w")] if wrong == "{agree}" else m.expand(wrong)
        out.append(sentence[:w0] + new + sentence[w1:])
    return out


@pytest.mark.parametrize(
    ("sentence", "written", "slipped"),
    [
        ("Analysts warned that it was still too early to tell.", "it was", "it were"),
        ("He disclosed last year that he was suffering from diabetes.", "he was", "he were"),
        ("We hummed the tunes that we were singing all night.", "we were", "we was"),
        ("The site was so busy that the website was closed for hours.", "website was", "website were"),
        ("Markets fell on fears that Asian central banks were about to sell.", "banks were", "banks was"),
        ("The rule is that the interests of the child are paramount.", "child are", "child is"),
        ("He has suggested that Mr Sullivan is implicating his former boss.", "Sullivan is", "Sullivan are"),
        ("He warned the fans that the club will have to endure pain.", "will have", "will has"),
        ("A denial came from the family that there was anything wrong.", "there was", "there were"),
        ("Few were aware that someone has paid for the results in advance.", "someone has", "someone have"),
    ],
)
def test_agreement_is_planted_where_the_subject_is_unambiguous(sentence: str, written: str, slipped: str) -> None:
    assert planted(AGREEMENT, sentence) == [sentence.replace(written, slipped)]


@pytest.mark.parametrize(
    "sentence",
    [
        # a collective: "the crowd are" and "the government were" are good British English
        "One thing for certain is that the crowd are roused by the champion.",
        "The report said that the government was wrong to act alone.",
        # a name may be a company, a band or a team ("Vivendi were", "England are")
        "The regulator asked whether the executives knew that Vivendi were selling.",
        "Russia's newspapers claimed that Baikal was a front for the gas monopoly.",
        # two subjects joined, or an "or": either number can be right
        "There was a perception that stop and search were aimed at one community.",
        "The evidence does not prove that persecution or torture are likely for him.",
        # the verb's subject is not what stands before it
        "The ones who suffer are the employers in the end.",
        "The battle scenes which are well done are the best part of the film.",
        "The people who watched the film are happy with the result.",
        # a subjunctive: "if there were a goal"
        "And if you managed to get into that game and there was a goal, you would miss it.",
        "The rules insist that he has a lawyer with him at every interview.",
    ],
)
def test_agreement_is_not_planted_where_the_result_may_be_good_english(sentence: str) -> None:
    assert planted(AGREEMENT, sentence) == []


def test_subject_number_reads_the_words_between_the_relative_and_the_verb() -> None:
    assert planting.subject_number("the senior civil servants ", "now expected") == "pl"
    assert planting.subject_number("confirmation of the findings ", "sent") == "sg"
    assert planting.subject_number("the movie is based ", "sold") is None  # a clause, not a noun phrase
    assert planting.subject_number("he knew accountants ", "doctoring") is None
    assert planting.subject_number("the Fed ", "to") is None
    assert planting.subject_number("they also ", "have") == "pl"
    assert planting.subject_number("there ", "no legal precedent") is None  # "no" takes either number
    assert planting.subject_number("Lionel Messi may ", "hoped") == "bare"


def test_number_of_a_noun() -> None:
    assert noun_number("website") == "sg"
    assert noun_number("banks") == "pl"
    assert noun_number("children") == "pl"
    assert noun_number("findings") == "pl"
    assert noun_number("news") == "sg"  # a singular in -s
    for noun in ("team", "government", "staff", "couple", "majority", "police", "series", "crisis"):
        assert noun_number(noun) is None, noun


@pytest.mark.parametrize(
    ("sentence", "written", "slipped"),
    [
        ("Economic growth this year is expected to be 4% or more.", "expected to be", "expected be"),
        ("Conte, whose deal expires at the end of the season, is staying.", "at the end", "at end"),
        ("Accurate figures for the number of blogs are hard to find.", "for the number", "for number"),
    ],
)
def test_missing_word_is_planted_where_the_word_is_needed(sentence: str, written: str, slipped: str) -> None:
    assert planted("missing word", sentence) == [sentence.replace(written, slipped)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Sales fell after delays to the releases of new albums by several acts.",  # "releases of": a bare plural
        "The film was made by Salam Pax, the author of the weblog about Baghdad.",  # an apposition
        "Washington recognised Jerusalem as the capital of Israel last year.",  # a role after "as"
    ],
)
def test_missing_word_is_not_planted_where_the_rest_is_good_english(sentence: str) -> None:
    assert planted("missing word", sentence) == []


def test_plant_is_reproducible_and_marks_the_slip() -> None:
    sentence = "Analysts warned that it was still too early to draw conclusions."
    one = planting.plant(AGREEMENT, sentence, random.Random(3))
    assert one == planting.plant(AGREEMENT, sentence, random.Random(3))
    assert one is not None
    text, start, end = one
    assert text[start:end] == "were"
    assert planting.plant(AGREEMENT, "Nothing to change here at all, in this one.", random.Random(3)) is None
