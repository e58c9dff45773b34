"""The packed word tables behind the spelling lists answer as the dicts and sets they replace."""

from __future__ import annotations

import pickle

import pytest

from newslint.spelling import packed
from newslint.spelling.packed import PackedMap, PackedStrings, WordCounts

COUNTS = {
    "the": 5_000_000, "colour": 9_000, "color": 12_000, "café": 700, "cafe": 650, "naïve": 300,
    "résumé": 120, "rock'n'roll": 40, "a": 4_000_000, "zeitgeist": 55, "x": 1, "über": 20,
    "programme": 30_000, "program": 30_000,  # a tie: ordered by the word
}
ABSENT = ["", "The", "colours", "cafe\u0301", "\ud800", "naive", "programmes", "zzz", "ü"]


@pytest.fixture(params=[(2, 1), (1000, 1), (1000, 10**9)], ids=["few-hot", "all-hot", "not-yet-hot"])
def hot(request, monkeypatch):
    # the commonest words are also in a dict, made after HEAT_AFTER look-ups; every path answers alike
    monkeypatch.setattr(packed, "HOT_WORDS", request.param[0])
    monkeypatch.setattr(packed, "HEAT_AFTER", request.param[1])
    return request.param[0]


def test_word_counts_answer_as_the_dict(hot):
    wc = WordCounts(COUNTS)
    for table in (wc, pickle.loads(pickle.dumps(wc))):
        assert len(table) == len(COUNTS)
        assert sorted(table) == sorted(COUNTS)
        for w, c in COUNTS.items():
            assert w in table and table[w] == c and table.get(w) == c
        for w in ABSENT:
            assert w not in table and table.get(w) is None and table.get(w, 0) == 0
            with pytest.raises(KeyError):
                table[w]
        assert dict(table.pairs()) == COUNTS
        assert table == wc and dict(table) == COUNTS
        # commonest first, ties by the word
        assert [w for w, _ in table.pairs()][:3] == ["the", "a", "program"]


def test_missing_is_the_set_difference(hot):
    wc = WordCounts(COUNTS)
    runs = {"the", "The", "colour", "Colour", "cafe", "naive", "zeitgeist", "über", "\ud800", ""}
    assert wc.missing(runs) == runs - COUNTS.keys()
    assert wc.missing(frozenset(runs)) == runs - COUNTS.keys()
    assert wc.missing(set()) == set()


def test_flagged_subset_is_a_set(hot):
    flagged = {"colour", "café", "programme", "the"}
    sub = WordCounts(COUNTS, flagged=flagged).subset()
    assert len(sub) == 4 and set(sub) == flagged
    assert all(w in sub for w in flagged)
    assert "color" not in sub and "nothing" not in sub
    edits = {"colour", "color", "colours", "café", "thee"}
    assert sub & edits == {"colour", "café"}
    assert dict(sub.counted()) == {w: COUNTS[w] for w in flagged}
    assert pickle.loads(pickle.dumps(sub)) & edits == {"colour", "café"}


def test_packed_strings_index_and_refuse_bad_lists():
    ps = PackedStrings(["b", "a", "ü", ""])
    assert [ps.index(w) for w in ["b", "a", "ü", "", "c", 3, None]] == [0, 1, 2, 3, -1, -1, -1]
    assert list(ps) == ["b", "a", "ü", ""] and ps[2] == "ü" and ps[-1] == ""
    assert PackedStrings([]).index("a") == -1 and list(PackedStrings([])) == []
    with pytest.raises(ValueError, match="twice"):
        PackedStrings(["a", "b", "a"])
    with pytest.raises(ValueError, match="newline"):
        PackedStrings(["a\nb"])


def test_packed_map_answers_as_the_dict():
    items = {"recieve": "receive", "teh": "the", "сontains": "contains", "abotu": "about, abbot"}
    pm = pickle.loads(pickle.dumps(PackedMap(items)))
    assert dict(pm) == items and len(pm) == 4
    assert pm["abotu"] == "about, abbot" and pm.get("teh") == "the"
    assert pm.get("receive") is None and "receive" not in pm and "сontains" in pm
    with pytest.raises(KeyError):
        pm["nope"]


def test_the_shipped_lexicon_packs_every_word():
    from newslint.spelling.lexicon import base_lexicon

    lex = base_lexicon({})
    words = list(lex.freq)
    assert len(words) == len(lex.freq) > 150_000
    # every word found again, through the dict of the commonest or through the table
    sample = words[:: max(1, len(words) // 5000)]
    assert all(lex.freq.get(w, 0) >= 1 for w in sample)
    assert lex.freq["the"] > lex.freq["colour"] > 0
    assert "colour" in lex.suggestable and "recieve" not in lex.freq
    assert lex.misspellings.get("recieve") == ("receive",)


def test_the_hot_words_dict_is_made_after_enough_look_ups(monkeypatch):
    monkeypatch.setattr(packed, "HEAT_AFTER", 5)
    wc = pickle.loads(pickle.dumps(WordCounts(COUNTS)))
    assert not wc._hot  # a fresh load answers from the packed table alone
    assert "the" in wc and "zzz" not in wc and not wc._hot
    assert wc.missing({"the", "zzz", "colour"}) == {"zzz"}  # the fifth look-up makes the dict
    assert wc._hot and "the" in wc and "zzz" not in wc and wc.get("colour") == COUNTS["colour"]
