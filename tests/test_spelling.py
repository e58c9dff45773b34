"""Spelling checks: spelling (NL301), wrong-spelling-variant (NL302), mixed-spelling-variants (NL303)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslint.api import check_text
from newslint.config import Config, ConfigError
from newslint.diagnostic import Applicability
from newslint.loaders.text import parse_text
from newslint.rule import DOC_SECTIONS, RuleContext
from newslint.rules.spelling import MixedVariantsRule, SpellingRule, WrongVariantRule
from newslint.spelling import DictionaryError, parse_dictionary

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# one cache for the module: the word lists load once, as they do in a real run
CACHE: dict = {}


def run(rule, text, *, language="en", dictionary=(), names=(), cache=None, **options):
    article = parse_text("a.txt", text)
    cfg = Config(language=language, dictionary=tuple(dictionary), names=tuple(names))
    ctx = RuleContext(config=cfg, options={**rule.options, **options}, cache=CACHE if cache is None else cache)
    return list(rule.check(article, ctx))


def spell(text, **kw):
    return run(SpellingRule(), text, **kw)


def words(diags):
    return [d.message.split('"')[1] for d in diags]


HEAD = "Headline here\n\n"


# -- misspellings and suggestions ----------------------------------------------------


def test_common_misspelling_position_message_and_fix():
    (d,) = spell(HEAD + "They will seperate the two companies.")
    assert (d.code, d.rule) == ("NL301", "spelling")
    assert (d.start.line, d.start.column, d.end.column) == (3, 11, 19)
    assert d.message == '"seperate" may be a misspelling of "separate"'
    assert d.suggestions[0] == "separate"
    assert d.fix is not None and d.fix.applicability == Applicability.UNSAFE
    assert d.fix.edits[0].text == "separate"
    assert d.field == "body"


@pytest.mark.parametrize(
    "wrong, right",
    [
        ("seperate", "separate"),
        ("definately", "definitely"),
        ("accomodation", "accommodation"),
        ("cufrent", "current"),
        ("effficient", "efficient"),
        ("recieve", "receive"),
        ("goverment", "government"),
    ],
)
def test_intended_word_first(wrong, right):
    # no neighbour that favours one candidate: the slip model and the words' frequencies decide
    (d,) = spell(HEAD + f"The report said {wrong} rose.")
    assert d.suggestions[0] == right


def test_article_context_ranks_a_word_used_elsewhere_first():
    # "rsising" is one slip from both "raising" and "rising"; the article uses "raising"
    text = HEAD + "The bank is raising rates. It is rsising them again."
    (d,) = spell(text)
    assert d.suggestions[0] == "raising"


def test_several_close_candidates_are_display_only():
    (d,) = spell(HEAD + "The man said he would bsd the plan.")
    assert len(d.suggestions) > 1
    assert d.fix is not None and d.fix.applicability == Applicability.DISPLAY_ONLY


def test_missing_space_suggests_two_words():
    (d,) = spell(HEAD + "It was, hesaid, a good day.")
    assert d.suggestions[0] == "he said"


def test_capitals_of_the_misspelling_are_kept_in_the_suggestion():
    (d,) = spell(HEAD + "Teh minister spoke.")
    assert d.suggestions[0] == "The"
    assert (d.start.line, d.start.column) == (3, 1)


def test_a_character_reference_in_plain_text_is_reported_once_with_the_word_it_stands_for():
    # plain text shows "&#233;" as written: the word is reported, once, decoded as its fix
    diags = spell(HEAD + "The film was clich&#233;d, the caf&eacute; dull, S&#xE3;o Paulo far.")
    assert [(d.message, d.suggestions) for d in diags] == [
        ('"clich&#233;d" has an HTML character reference in it: write "clichéd"', ("clichéd",)),
        ('"caf&eacute;" has an HTML character reference in it: write "café"', ("café",)),
        ('"S&#xE3;o" has an HTML character reference in it: write "São"', ("São",)),
    ]
    d = diags[0]
    assert (d.start.line, d.start.column, d.end.column) == (3, 14, 26)


def test_a_word_with_a_character_reference_is_checked_as_the_word_it_stands_for():
    diags = sorted(spell(HEAD + "They met at the caf&#233; and recieved the communiqu&#233; there."),
                   key=lambda d: d.start.column)
    assert words(diags) == ["caf&#233;", "recieved", "communiqu&#233;"]
    assert diags[1].suggestions[0] == "received"
    assert (diags[1].start.line, diags[1].start.column, diags[1].end.column) == (3, 31, 39)


def test_a_reference_that_is_no_letter_of_a_word_is_left_alone():
    # "&#191;" (an inverted question mark) is mojibake for an apostrophe, not a spelling to suggest
    assert spell(HEAD + "It was Blair&#191;s day and R&D spending rose at AT&T.") == []


# -- what is not checked -------------------------------------------------------------


def test_proper_nouns_inside_a_sentence_are_not_checked():
    assert spell(HEAD + "Visitors went to Imjingak and Pyeongchang with Mr Xyzzqr.") == []


def test_capitalised_name_at_sentence_start_is_not_a_typo():
    assert spell(HEAD + "Pyeongchang hosts the games. Imjingak is a park.") == []


def test_capitalised_typo_at_sentence_start_is_checked():
    assert words(spell(HEAD + "The plan failed. Teh minister resigned.")) == ["Teh"]


def test_acronyms_numbers_units_urls_addresses_tags_and_handles_are_skipped():
    text = HEAD + (
        "The BBC and NATO spent £600m on 4x4s in the 1990s, the 21st time, at 5pm. "
        "See https://example.com/qwzx or www.qwzx.co.uk, write to qwzx@example.org, "
        "follow @qwzxhandle and #qwzxtag."
    )
    assert spell(text) == []


def test_hyphenated_compounds_prefixes_and_affixes():
    text = HEAD + (
        "Talks on de-nuclearisation will co-ordinate a pre-election deal for the "
        "12-year-old and his wi-fi, an e-mail and a mis-transcription."
    )
    assert spell(text) == []


def test_misspelt_part_of_a_compound_is_reported_alone():
    (d,) = spell(HEAD + "He is a well-knwon figure.")
    assert words([d]) == ["knwon"]
    assert (d.start.column, d.end.column) == (14, 19)
    assert d.suggestions[0] == "known"


def test_contractions_and_possessives():
    text = HEAD + "The women\u2019s team didn't lose and Kim's aides won't say they'd seen it."
    assert spell(text) == []


def test_british_spellings_and_modern_compounds_are_words():
    text = HEAD + "The programme criticised the organisation's motorsport chatrooms and its joypad."
    assert spell(text) == []


def test_misspelling_in_english_quote_is_reported_but_foreign_quote_is_not():
    text = HEAD + 'He said: "We will definately win." The sign read "Vive la liberté, mes amis."'
    assert words(spell(text)) == ["definately"]


def test_credit_and_boilerplate_are_not_checked():
    text = HEAD + "A plain caption line Photograph: Qwzx Pictrues\n\nCopyright Qwzx Limted 2018"
    assert spell(text) == []


def test_caption_words_are_checked():
    (d,) = spell(HEAD + "Visitors look throuhg binoculars. Photograph: Getty Images")
    assert d.field == "caption[1]"
    assert d.suggestions[0] == "through"


def test_title_case_headline_words_are_checked_like_sentence_starts():
    ds = spell("South Korea Proposes Tlaks With North\n\nBody text.")
    assert words(ds) == ["Tlaks"]
    assert ds[0].suggestions[0] == "Talks"


def test_founding_article_has_no_spelling_findings():
    path = SHARED / "corpora" / "ft-korea-talks.txt"
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path}")
    ds = spell(path.read_text(encoding="utf-8"))
    assert ds == []


# -- British and American ------------------------------------------------------------


def test_en_gb_reports_american_spellings_with_british_fix():
    ds = run(WrongVariantRule(), HEAD + "The defense ministry chose a new color.", language="en-GB")
    assert [(d.code, d.suggestions[0]) for d in ds] == [("NL302", "defence"), ("NL302", "colour")]
    assert ds[0].message == '"defense" is the American spelling: use "defence"'
    assert ds[0].fix is not None and ds[0].fix.applicability == Applicability.UNSAFE


def test_en_us_reports_british_spellings_with_american_fix():
    ds = run(WrongVariantRule(), HEAD + "They travelled to organise the programme.", language="en-US")
    assert [d.suggestions[0] for d in ds] == ["traveled", "organize", "program"]


def test_en_gb_keeps_words_right_in_both_and_names():
    text = HEAD + "The computer program will check the tire pressure at the Lincoln Center."
    assert run(WrongVariantRule(), text, language="en-GB") == []


def test_a_variant_in_a_proper_name_keeps_its_spelling_in_british_copy():
    # after an elision ("Dunkin'"), and at a sentence start before "of"/"for" and a capital
    text = HEAD + (
        "Chains such as Dunkin' Donuts were sold. Organization of American States envoys met. "
        "Center for Strategic Studies staff agreed. Defense lawyers said the color was wrong."
    )
    assert words(run(WrongVariantRule(), text, language="en-GB")) == ["Defense", "color"]
    # an apostrophe after a space still opens a quotation: the word starts a sentence
    assert words(run(WrongVariantRule(), HEAD + "She said: 'Color was the key.'", language="en-GB")) == ["Color"]


def test_spellings_the_other_dictionary_takes_are_right_in_both():
    # Hunspell's en_US takes "dialogue" and "doughnuts"; en_GB takes "focused"
    text = HEAD + "The dialogue over doughnuts focused on the theatre and the colour."
    ds = run(WrongVariantRule(), text, language="en-US")
    assert [d.suggestions[0] for d in ds] == ["theater", "color"]
    assert run(WrongVariantRule(), HEAD + "Talks focused on the color.", language="en-GB")[0].suggestions == ("colour",)
    # nor are they a British sign in American copy
    assert run(MixedVariantsRule(), HEAD + "The dialogue on labor and the color of the center.") == []


def test_oxford_spelling_accepts_ize_but_not_color():
    text = HEAD + "They organize a color show."
    ds = run(WrongVariantRule(), text, language="en-GB", oxford_spelling=True)
    assert [d.suggestions[0] for d in ds] == ["colour"]


def test_en_gb_suggestions_are_british():
    (d,) = spell(HEAD + "The favourkte team won.", language="en-GB")
    assert d.suggestions[0] == "favourite"
    (d,) = spell(HEAD + "The colr of the sky.", language="en-US")
    assert "colour" not in d.suggestions


def test_variant_rule_is_silent_for_plain_en():
    assert run(WrongVariantRule(), HEAD + "The defense ministry chose a new color.") == []


def test_mixed_variants_reports_minority_form():
    text = HEAD + "The colour of the centre was a favourite. The color faded."
    ds = run(MixedVariantsRule(), text)
    assert [(d.code, words([d])[0], d.suggestions[0]) for d in ds] == [("NL303", "color", "colour")]
    assert "this article otherwise uses British spelling" in ds[0].message


def test_oxford_spelling_is_not_a_mix_but_ise_with_ize_is():
    assert run(MixedVariantsRule(), HEAD + "They organize the colour show and realize it.") == []
    ds = run(MixedVariantsRule(), HEAD + "They organise the colour show and realize it.")
    assert words(ds) == ["realize"]


def test_mixed_variants_is_silent_with_a_set_language():
    assert run(MixedVariantsRule(), HEAD + "The colour and the color.", language="en-GB") == []


def test_both_variants_are_words_for_plain_en():
    assert spell(HEAD + "The color and the colour, the center and the centre.") == []


# -- house dictionaries and archive vocabulary -----------------------------------------


def test_parse_dictionary_forms_and_errors():
    accepted, exact, rejected = parse_dictionary(
        "# house words\ngloopy\nImjingak   # a place\nfocussed -> focused\n!irregardless\n"
    )
    assert accepted == {"gloopy", "focused"}
    assert exact == {"Imjingak"}
    assert rejected == {"focussed": "focused", "irregardless": None}
    with pytest.raises(DictionaryError, match=r"x\.txt:1"):
        parse_dictionary("two words\n", "x.txt")


def test_house_dictionary_accepts_and_rejects(tmp_path):
    house = tmp_path / "house.txt"
    house.write_text("zorbing\nfocussed -> focused\n!irregardless\n", encoding="utf-8")
    ds = spell(HEAD + "They went zorbing, focussed and irregardless.", dictionary=[house])
    assert [(words([d])[0], d.suggestions) for d in ds] == [("focussed", ("focused",)), ("irregardless", ())]
    assert ds[0].message == '"focussed" is not the house spelling: use "focused"'
    assert ds[0].fix is not None and ds[0].fix.applicability == Applicability.UNSAFE
    assert ds[1].fix is None


def test_house_dictionary_is_reloaded_when_it_changes(tmp_path):
    house = tmp_path / "house.txt"
    house.write_text("# nothing yet\n", encoding="utf-8")
    cache: dict = {}
    assert words(spell(HEAD + "They went zorbing.", dictionary=[house], cache=cache)) == ["zorbing"]
    house.write_text("zorbing\n", encoding="utf-8")
    st = house.stat()
    os.utime(house, (st.st_atime, st.st_mtime + 5))
    assert spell(HEAD + "They went zorbing.", dictionary=[house], cache=cache) == []


def test_bad_house_dictionary_is_a_config_error(tmp_path):
    house = tmp_path / "house.txt"
    house.write_text("a -> b -> c\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="house.txt:1"):
        spell(HEAD + "Text.", dictionary=[house], cache={})


def _names_file(tmp_path, vocabulary):
    path = tmp_path / "names.json"
    data = {"version": 1, "kind": "newslint-names", "names": [{"name": "Qwzx Blorp", "count": 3}],
            "vocabulary": vocabulary}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_archive_vocabulary_accepts_words_used_often_enough(tmp_path):
    names = _names_file(tmp_path, {"zorbing": 2, "gloopy": 1})
    ds = spell(HEAD + "They went zorbing in gloopy mud.", names=[names], cache={})
    assert words(ds) == ["gloopy"]
    ds = spell(HEAD + "They went zorbing in gloopy mud.", names=[names], cache={}, archive_min_documents=1)
    assert ds == []


def test_names_from_names_file_are_not_checked_at_sentence_start(tmp_path):
    names = _names_file(tmp_path, {})
    assert spell(HEAD + "Blorp said no.", names=[names], cache={}) == []


def test_archive_capitalised_tokens_are_names_at_sentence_start(tmp_path):
    text = HEAD + "The vote was held. Wnter said no."
    assert words(spell(text, cache={})) == ["Wnter"]
    path = tmp_path / "names.json"
    path.write_text(json.dumps({"version": 1, "kind": "newslint-names", "names": [],
                                "tokens": {"wnter": 4}, "vocabulary": {}}), encoding="utf-8")
    assert spell(text, names=[path], cache={}) == []


def test_toml_names_files_are_ignored(tmp_path):
    toml = tmp_path / "names.toml"
    toml.write_text('[names]\n"Qwzx" = []\n', encoding="utf-8")
    assert words(spell(HEAD + "They went zorbing.", names=[toml], cache={})) == ["zorbing"]


# -- plumbing ------------------------------------------------------------------------


def test_word_lists_load_lazily_and_once():
    cache: dict = {}
    import newslint.rules.spelling  # noqa: F401  importing loads nothing

    assert cache == {}
    spell(HEAD + "Text.", cache=cache)
    first = {k: v for k, v in cache.items() if k[1] == "base"}
    spell(HEAD + "More text.", cache=cache)
    assert {k: v for k, v in cache.items() if k[1] == "base"} == first and len(first) == 1


@pytest.mark.parametrize("rule", [SpellingRule(), WrongVariantRule(), MixedVariantsRule()])
def test_rule_docs_have_every_section(rule):
    for section in DOC_SECTIONS:
        assert f"\n{section}\n" in f"\n{rule.doc}\n"
    assert rule.code.startswith("NL3")


# -- compounds and forms that look like words ------------------------------------------


@pytest.mark.parametrize(
    "text, word, fix",
    [
        ("The Oscar-nominatwd film won.", "nominatwd", "nominated"),
        ("They paid for T-shirs for all.", "shirs", "shirts"),
        ("He said it coudn't happen.", "coudn't", "couldn't"),
        ("You are wellcome to stay.", "wellcome", "welcome"),  # well + come, but a typo
        ("It was a publick meeting.", "publick", "public"),  # codespell's, never a compound
        ("The internation deal held.", "internation", "international"),  # not inter + nation
        ("Queen basssit John Deacon.", "basssit", "bassist"),  # no word has a letter three times
    ],
)
def test_typos_that_look_like_compounds_or_names_are_found(text, word, fix):
    (d,) = spell(HEAD + text)
    assert words([d]) == [word]
    assert d.suggestions[0] == fix


def test_syllables_of_hyphenated_names_are_not_checked():
    assert spell(HEAD + "Cho Myoung-gyon met Bong Young-shik and Kim Jong-un.") == []


def test_compounds_plurals_and_adverbs_of_known_words_are_accepted():
    assert spell(HEAD + "The bookshop sold dizzyingly many webcasts and hotdogs.") == []


def test_words_after_a_slash_are_checked():
    assert words(spell(HEAD + "Best salsa/merenngue album.")) == ["merenngue"]


def test_british_form_that_codespell_corrects_is_a_misspelling():
    (d,) = spell(HEAD + "They kept a good connexion.")
    assert d.suggestions[0] == "connection"


def test_short_quote_with_a_typo_is_english():
    assert words(spell(HEAD + 'Its "one-click shoppin" patent.')) == ["shoppin"]


def test_ise_on_a_noun_is_a_typo_not_a_word():
    (d,) = spell(HEAD + "Blunt beats under streetise lyrics.")
    assert d.suggestions[0] == "streetwise"


def test_variant_part_of_a_compound_is_reported_in_british_copy():
    ds = run(WrongVariantRule(), HEAD + "A well-organized team.", language="en-GB")
    assert [(words([d])[0], d.suggestions[0], d.start.column) for d in ds] == [("organized", "organised", 8)]


def test_compound_one_slip_from_a_word_of_the_article_is_a_typo():
    # "hans" + "sets" would pass as a compound, but the article says "handsets"
    ds = spell(HEAD + "They sold handsets. The new hanssets are cheap.")
    assert words(ds) == ["hanssets"]
    assert ds[0].suggestions[0] == "handsets"


def test_codespell_misspelling_with_a_look_alike_letter():
    (d,) = spell(HEAD + "The attachment \u0441ontains a virus.")
    assert d.suggestions[0] == "contains"


def test_hyphenated_and_repeated_names_at_sentence_start_are_not_typos():
    text = "Winn-Dixie files for bankruptcy\n\nWinn-Dixie, a grocer, said so. Winn-Dixie agreed."
    assert spell(text) == []


def test_a_place_spelt_with_an_entity_is_a_name():
    # reported for its reference alone: the letters after it are not a word of their own
    assert words(spell(HEAD + "They played at B&#233;ziers on Sunday.")) == ["B&#233;ziers"]


def test_archive_does_not_make_a_common_misspelling_right_but_a_house_dictionary_can(tmp_path):
    names = _names_file(tmp_path, {"targetting": 9})
    text = HEAD + "They are targetting voters."
    (d,) = spell(text, names=[names], cache={})
    assert d.suggestions[0] == "targeting"
    house = tmp_path / "house.txt"
    house.write_text("targetting\n", encoding="utf-8")
    assert spell(text, names=[names], dictionary=[house], cache={}) == []


def test_compound_with_its_last_two_letters_swapped_is_a_typo():
    (d,) = spell(HEAD + "Laws in many countrise differ.")
    assert d.suggestions[0] == "countries"


def test_misspelt_negative_contraction():
    (d,) = spell(HEAD + "I assure you I woldn't let anyone down.")
    assert d.suggestions[0] == "wouldn't"
    assert spell(HEAD + "They daren't and mightn't, and it isn\u2019t so.") == []


def test_a_word_the_article_uses_three_times_is_its_jargon_not_a_typo():
    text = (
        "Piracy groups raided\n\nPolice raided so-called warez groups on Tuesday. The warez scene trades"
        " copied games, and warez sites were shut.\n"
    )
    assert not [d for d in check_text(text, path="a.txt") if d.rule == "spelling"]
    once = "Piracy groups raided\n\nPolice raided so-called warez groups on Tuesday.\n"
    assert [d.message for d in check_text(once, path="a.txt") if d.rule == "spelling"]


def test_a_word_quoted_on_its_own_is_mentioned_not_used():
    text = 'Coined words\n\nShe coined the phrase "liberati" last year, and "glitterati" before it.\n'
    assert not [d for d in check_text(text, path="a.txt") if d.rule == "spelling"]
    typo = 'Coined words\n\nShe said "we will definately go" last year.\n'
    assert [d.suggestions[0] for d in check_text(typo, path="a.txt") if d.rule == "spelling"] == ["definitely"]


def test_unknown_words_no_correction_comes_near_are_left_out_unless_asked_for():
    text = "Trial halted\n\nPatients were given desmoteplase within nine hours of a stroke.\n"
    assert not [d for d in check_text(text, path="a.txt") if d.rule == "spelling"]
    cfg = Config(rules={"spelling": {"report-unsuggested": True}})
    assert [d.message for d in check_text(text, path="a.txt", config=cfg) if d.rule == "spelling"] == [
        '"desmoteplase" may be misspelt'
    ]


def test_two_words_run_together_get_the_space_back():
    text = "New chips\n\nThe firm said its radicallyimproved chips would ship next year.\n"
    (d,) = [d for d in check_text(text, path="a.txt") if d.rule == "spelling"]
    assert d.suggestions == ("radically improved",) and "run together" in d.message


def test_a_word_no_list_knows_is_corrected_from_the_article_itself():
    text = "Net crime\n\nThe rise of cybercime worries police, who say cybercrime costs billions.\n"
    (d,) = [d for d in check_text(text, path="a.txt") if d.rule == "spelling"]
    assert (d.start.column, d.suggestions, d.fix.applicability.value) == (13, ("cybercrime",), "unsafe")
    assert "elsewhere in the article" in d.message


# -- any newsroom's copy: current words, units, foreign words, real misspellings -------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Teens vape more, deepfake videos spread and the hijab protests grew.",  # current words (wordfreq)
        "Add 2 tsp of salt and 1 tbsp of oil, then drive at 70 mph.",  # units after their numbers
        "The skeptic was honoring a civilization.",  # American forms under language = "en"
        "Fans filled the all-seater stadium and the 60,000-seater arena.",  # a word inside a compound
        "She ordered the pulpo a la gallega.",  # a phrase in another language
        "Details are at reut.rs/2Asabau for readers.",  # a short link without its scheme
    ],
)
def test_quiet_on_words_of_any_newsroom(sentence):
    assert spell(HEAD + sentence) == []


# -- SCOWL's dictionary words (scowl-en.tsv.gz) ------------------------------------------


def test_scowl_words_are_accepted_but_never_suggested():
    # "stat" and "intro": wordfreq's guard kept them for compounds (near "state", "into"),
    # SCOWL lists them; "apeman": only SCOWL has it
    assert spell(HEAD + "One stat stood out in the intro, and the apeman costume.") == []
    # SCOWL's size 80 where wordfreq has seen the word: real, current, rare
    assert spell(HEAD + "He copied out Buddhist sutras and put the compostable waste out.") == []
    # a slip of a common word is still caught, and no SCOWL-only word is offered for it
    (d,) = spell(HEAD + "The goverment said so.")
    assert d.suggestions[0] == "government"
    (d,) = spell(HEAD + "He met the apemn there.")
    assert "apeman" not in d.suggestions


def test_scowl_words_of_one_variety_follow_the_language():
    # "amenorrhoea" is only in SCOWL's British list: a word in British and in any-variety
    # copy, not in American
    text = HEAD + "She had amenorrhoea for a year."
    assert spell(text) == []
    assert spell(text, language="en-GB") == []
    assert words(spell(text, language="en-US")) == ["amenorrhoea"]


@pytest.mark.parametrize(
    ("sentence", "column", "right"),
    [
        # sounded out, two or more letters away: the word that sounds the same wins
        ("The plane was definatly late.", 15, "definitely"),
        ("They spent the munny on food.", 16, "money"),
        ("She sed it was over.", 5, "said"),
        ("He was sentanced to ten years.", 8, "sentenced"),
        # the neighbours decide between two words one edit away
        ("The river flooded the vilage.", 23, "village"),
        # a contraction without its apostrophe
        ("I dont think so.", 3, "don't"),
    ],
)
def test_real_misspellings_ranked_right(sentence, column, right):
    (d,) = spell(HEAD + sentence)
    assert (d.code, d.start.line, d.start.column) == ("NL301", 3, column)
    assert d.suggestions[0] == right


def test_neighbouring_words_rank_the_candidates():
    # "tird" is one letter from "third" and "tired": the words beside it decide
    (d,) = spell(HEAD + "It was the tird time.")
    assert (d.start.column, d.suggestions[:2]) == (12, ("third", "tired"))
    (d,) = spell(HEAD + "He was very tird and hungry.")
    assert (d.start.column, d.suggestions[:2]) == (13, ("tired", "third"))


def test_foreign_word_is_not_corrected_to_an_unrelated_english_word():
    # "gallega" alone: Spanish, and no English word near it sounds like it
    assert spell(HEAD + "The gallega recipe won.") == []
    # an English misspelling codespell knows is still reported inside foreign-looking copy
    assert words(spell(HEAD + "The recieve a la carte.")) == ["recieve"]


def test_phonetic_key():
    from newslint.spelling.phonetic import metaphone

    assert metaphone("wich") == metaphone("which") == "WX"
    assert metaphone("litl") == metaphone("little")
    assert metaphone("fizziks") == metaphone("physics")
    assert metaphone("knight") == metaphone("night")
    assert metaphone("cat") != metaphone("cap")
    # as Philips wrote it: an initial h is sounded, and only letters side by side merge,
    # so a word's syllables are not folded together ("baby" is not "bay")
    assert metaphone("heart") == "HRT"
    assert metaphone("baby") == "BB"
    assert metaphone("purchases") != metaphone("purchase")


def test_codespell_order_breaks_a_near_tie():
    # "provied" is "provided" less a letter and "provide" with its end swapped: codespell
    # lists "provide" first, and the article says nothing either way
    (d,) = spell(HEAD + "The report said provied rose.")
    assert d.suggestions[:2] == ("provide", "provided")


def test_a_correction_codespell_gives_that_no_edit_reaches_is_offered():
    (d,) = spell(HEAD + "The report said folling rose.")
    assert "following" in d.suggestions


# -- other languages the markup marks -------------------------------------------------


def spell_as(text, path):
    return [d for d in check_text(text, path=path, config=Config(select=("spelling",)))]


def test_italic_foreign_phrases_are_not_misspellings():
    # "mens rea" is reported in plain text: the italics are what tells ("cacio e pepe" has
    # its glue word, see test_a_phrase_joined_by_another_languages_glue_word_is_not_misspelt)
    plain = "# Court report\n\nThe judge found no mens rea, and the cafe served cacio e pepe.\n"
    assert words(spell_as(plain, "a.md")) == ["mens", "rea"]
    md = "# Court report\n\nThe judge found no *mens rea*, and the cafe served _cacio e pepe_.\n"
    assert spell_as(md, "a.md") == []
    html = "<h1>Court report</h1><p>The judge found no <i>mens rea</i>, and the cafe served <em>cacio e pepe</em>.</p>"
    assert spell_as(html, "a.html") == []


def test_a_lang_element_is_not_checked_and_an_english_one_is():
    html = (
        "<h1>Rome diary</h1><p>The motto, <span lang=\"la\">ubi sunt</span>, was carved above a door; "
        "the guide said it was <span lang=\"en\">realy</span> old.</p>"
    )
    assert words(spell_as(html, "a.html")) == ["realy"]


def test_a_slip_in_italics_is_still_a_slip():
    md = "# Review\n\nThe film is *realy* long, and the sequel is *definately* worse.\n"
    assert words(spell_as(md, "a.md")) == ["realy", "definately"]
    html = "<h1>Review</h1><p>The film is <em>realy</em> long.</p>"
    assert words(spell_as(html, "a.html")) == ["realy"]


# -- false alarms on other publications' copy, by pattern ------------------------------


def test_plural_of_a_word_commoner_than_its_slips_is_that_plural():
    # "memes" is one vowel from "memos", but "meme" is the commoner word
    assert spell(HEAD + "Intro.\n\nThere will be memes.") == []
    # "coms" is "com" + s, but "comes" is far commoner than "com": a slip
    assert words(spell(HEAD + "Intro.\n\nHe coms home late.")) == ["coms"]


def test_a_word_said_twice_is_no_slip():
    assert spell(HEAD + "Intro.\n\nHe wanted to host a bunga bunga party.") == []
    # codespell's misspellings stay misspellings, twice over
    assert words(spell(HEAD + "Intro.\n\nIt was a teh teh moment.")) == ["teh", "teh"]


def test_short_quotation_in_latin_with_a_short_word_like_a_slip():
    # "est" is one letter from "east", but at three letters a slip is not told from a Latin word
    assert spell(HEAD + "Intro.\n\nA sword with the words \u201cNihil timendum est\u201d was shown.") == []
    # a short English quotation with a long slip is still English: "one-click shoppin"
    assert words(spell(HEAD + "Intro.\n\nHe called it \u201cone-click shoppin\u201d at the time.")) == ["shoppin"]


def test_a_phrase_joined_by_another_languages_glue_word_is_not_misspelt():
    # "masse" is counted by wordfreq but kept out of English as a slip of "mass"; "cacio" no list has
    assert spell(HEAD + "Intro.\n\nThey resigned en masse and ate cacio e pepe at noon.\n") == []
    # an English glue word ("in") marks no phrase, and a slip beside a foreign glue word is still one
    assert words(spell(HEAD + "Intro.\n\nThe masse in the hall went to la goverment.\n")) == ["masse", "goverment"]


def test_unknown_word_between_two_foreign_words_is_of_their_phrase():
    text = HEAD + "Intro.\n\nTheir anthem, Muchachos, ahora nos volvimos a ilusionar, was sung.\n"
    assert spell(text) == []


def test_a_word_marked_sic_is_as_written_on_purpose():
    text = HEAD + (
        'The sign read "Stuednts welcome" [sic]. His letter said he had recieved (sic) it, '
        'and "definately [SIC]" was underlined. He recieved another.\n'
    )
    assert words(spell(text)) == ["recieved"]
    assert spell(HEAD + 'The sign said "Stuednts" (sic).\n') == []


def test_two_corrections_that_score_alike_make_a_suspect_not_a_correction():
    # "fiand" is one letter from find and found alike, and nothing beside it picks one
    (d,) = spell(HEAD + "His old fiand John came.\n")
    assert d.message == '"fiand" is not a known word: perhaps "find" or "found"'
    assert d.suggestions[:2] == ("find", "found") and d.data["tied"] is True
    assert d.fix is not None and d.fix.applicability is Applicability.DISPLAY_ONLY
    # where the words beside it do pick one, the slip is a misspelling of that word
    (d,) = spell(HEAD + "The papers were fild by noon.\n")
    assert d.message == '"fild" may be a misspelling of "filed"' and "tied" not in d.data
