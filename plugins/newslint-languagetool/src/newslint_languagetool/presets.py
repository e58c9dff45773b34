"""The shipped rule selection: which of LanguageTool's rules a newsroom wants, per variety.

LanguageTool's defaults are tuned for general writing; many of its rules fire on
good, edited news copy. The ``newsroom`` preset keeps the categories where
LanguageTool finds real slips (grammar, confused words, typos such as "could
of" and "Its a shame") and drops the rest, and within those drops the rules
that fire on good copy (accuracy over volume, the principle of the Guardian's
Typerighter), so a finding is worth an editor's look. The evidence is in the
plugin's README: hits per LanguageTool rule per 1,000 words on the BBC corpus
(en-GB), Reuters (en-US) and The Times (en-GB), counted with
``benchmarks/bench_grammar.py survey``, with samples read for each rule.
``languagetool`` is LanguageTool's own defaults (spelling and the rules
newslint's core owns stay off in both).

A house tunes further with ``enabled-rules`` / ``enabled-categories`` (which
win over the preset) and ``disabled-rules`` / ``disabled-categories``;
``newslint audit --rule grammar`` shows what each LanguageTool rule finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """Which LanguageTool matches to keep: by category, then by rule id."""

    #: categories whose rules are kept (None: every category)
    kept_categories: frozenset[str] | None = None
    #: rules kept (and switched on at the server) whatever their category
    kept_rules: tuple[str, ...] = ()
    #: categories and rules switched off at the server (it then spends no time on them)
    disabled_categories: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    #: rule id patterns dropped from the answers (families LanguageTool names rule by rule)
    dropped: tuple[str, ...] = ()

    def keeps(self, rule_id: str, category: str) -> bool:
        if rule_id in self.kept_rules:
            return True
        if self.kept_categories is not None and category not in self.kept_categories:
            return False
        if category in self.disabled_categories:
            return False
        return not (rule_id in self.disabled_rules or any(re.fullmatch(p, rule_id) for p in self.dropped))


NEWSROOM = Selection(
    kept_categories=frozenset({"GRAMMAR", "CONFUSED_WORDS", "TYPOS", "NONSTANDARD_PHRASES"}),
    # "a honour", "an big deal" (LanguageTool files it under MISC)
    kept_rules=("EN_A_VS_AN",),
    disabled_categories=(
        "PUNCTUATION", "CASING", "TYPOGRAPHY", "STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "COMPOUNDING",
        "BRE_STYLE_OXFORD_SPELLING", "AMERICAN_ENGLISH_STYLE", "MULTITOKEN_SPELLING", "PROPER_NOUNS",
        "REPETITIONS_STYLE", "REPETITIONS", "SEMANTICS", "COLLOCATIONS", "GENDER_NEUTRALITY",
        "REGIONALISMS", "COLLOQUIALISMS", "WIKIPEDIA", "CREATIVE_WRITING", "TEXT_ANALYSIS", "MISC",
    ),  # fmt: skip
    disabled_rules=(
        # "hardest hit", "won best actor": headline and awards English, not an error
        "THE_SUPERLATIVE",
        # "from Ivory Coast", "five million lira", "a potentially regime changing": house style or wrong
        "DETERMINER_GEOGRAPHICAL_WORD", "CD_NN", "A_RB_NN", "A_LOT_OF_NN", "CD_OF_MY_FRIEND",
        # "parts maker", "pensions crisis": attributive nouns read as missing apostrophes
        "POSSESSIVE_APOSTROPHE",
        # names and titles read as words: "Bayern", "Halo 2", "DOS compatible", "Number One"
        "BAYERN", "HALO_HALLO", "PRP_DOS", "SHOULD_BE_DO", "NOUN_VERB_CONFUSION", "BU", "WRONG_PRP_AT_SENT_START",
        # "first pick", "a vocal biofuels backer", "Lack of women's rights means", "a wave of women have"
        "HAVE_PART_AGREEMENT", "A_NNS", "NNS_IN_NNP_VBZ", "COLLECTIVE_NOUN_VERB_AGREEMENT_VBD",
        # "an ally of", "a gadget a gadget", "French animated feature", "the next couple days":
        # right as written; "one of the only", "myself": usage advice, not errors
        "ALLY_ALLAY", "PHRASE_REPETITION", "ADVERB_OR_HYPHENATED_ADJECTIVE", "IF_OF", "ONE_OF_THE_ONLY",
        "CONFUSION_OF_ME_I",
    ),  # fmt: skip
    dropped=(
        r"EN_DIACRITICS_REPLACE_.*",  # "Guantanamo", "Jose Mourinho": English spellings of names
        r".*_COMPOUNDS?",  # "parts maker", "hard working families": hyphenation is house style
        r".*_HYPHEN",
        # read off every finding on the whole BBC corpus and the ext corpora (bench_grammar.py noise).
        # Hyphens and closed compounds of compound modifiers, house style too: "duty free stores",
        # "on-going", "key words", "first person shooter", "four star petrol"
        r"CA_.*", "ON-GOING", "FIRST_PERSON_SHOOTER", "STARS_AND_STEPS",
        # names and titles restyled or read as words: "Blu-Ray", "Spiderman 2", "WiFi", "Bit
        # Torrent", "Freedom2surf", "IT Safe", "former Shell boss", "Downing injury mars"
        "BLU_RAY", "SPIDERMAN", "WIFI", "A_BIT", "NUMBERS_IN_WORDS", "SAVE_SAFE", "HELL", "CONFUSION_OF_MARS_MARS",
        # usage advice and house choices, not errors: "the Ukraine", "In January", "none the less",
        # "is comprised of", "chomping at the bit", "to the manor born", "et al", "discussions around"
        "UKRAINE_NO_THE", "IN_JANUARY", "NONE_THE_LESS", "COMPRISED_OF", "CHOMPING_AT_THE_BIT",
        "TO_THE_MANOR_BORN", "ET_AL", "DISCUSSIONS_AROUND", "IF_WOULD_HAVE_VBN",
        # right as written, every hit: "artists to sign", "a Telegraph poll", "fell into a coma",
        # "what looks like", "a more active role", "a rebrand", "Band Aid's", "a freedom of
        # expression event", "producers axed him", "emigrated to Canada", "the US complaint", "a
        # sound economic basis", "last week" in a past sentence, "concerns that doctors ...",
        # "helped the world champions", "much higher-quality", "can't afford not to pay", "used to
        # build up", "if Mr Blair won't", "pose the question which", "one of the few who has"
        "ENGLISH_WRONG_WORD_IN_CONTEXT_SIGN_SING", "TELEPHONE_POLL", "COMA_COMMA", "LOOK_WATCH", "MORE_NN",
        "PREPOSITION_VERB", "APOSTROPHE_PLURAL_", "A_UNCOUNTABLE", "AXED_ASKED", "EMIGRATE_IMMIGRATE_CONFUSION",
        "COMPLAINT_COMPLAINED", "ECONOMIC_ECONOMICAL", "MISSING_PAST_TENSE", "NNS_THAT_AGREEMENT", "HELP_NP_VBZ",
        "MUCH_COUNTABLE", "DOUBLE_NEGATIVE", "ADMIT_ENJOY_VB", "CONDITIONAL_CLAUSE", "THE_QUESTION_WH",
        "RELATIVE_CLAUSE_AGREEMENT",
        # sentence-start agreement reads titles and bodies as singular subjects: "The Producers has
        # beaten", "Angels is", "The makers of computer programs", "The Commons questions session"
        "AGREEMENT_SENT_START",
    ),  # fmt: skip
)

#: British English treats collective nouns and teams as plural ("England are", "the trio are",
#: "Madrid do not want me"): LanguageTool's agreement rules for them fire on good en-GB copy.
BRITISH_COLLECTIVES = (
    "HE_VERB_AGR", "SINGULAR_AGREEMENT_SENT_START", "NNP_AGREEMENT", "CC_NNP_VBP",
    "COLLECTIVE_NOUN_VERB_AGREEMENT_VBP", "MASS_AGREEMENT", "PCT_SINGULAR_NOUN_PLURAL_VERB_AGREEMENT",
)  # fmt: skip

#: ... and "the Manchester United duo have" (dropped from the answers, as it is rare)
BRITISH_DROPPED = ("SUBJECT_VERB_AGREEMENT",)

#: Rules that judge "a"/"an" by the next word's first character, which misreads a figure or
#: a currency sign ("an $11bn deal", "an 82nd-minute penalty" are right), an initialism with
#: an H ("a HD set": "haitch" is a house's choice), a web address or a lower-case brand ("an
#: fbi.gov address", "an ntl spokesman") and a starred word ("a f***ing final").
READ_ALOUD_RULES = frozenset({"EN_A_VS_AN"})
READ_ALOUD_NEXT = re.compile(r"\s*(?:[0-9$£€¥]|[\"'\u201c\u2018]?H[A-Z]|[a-z]+\.[a-z]|[b-df-hj-np-tv-z]{2,4}\b|\w*\*)")
#: "its"/"it's" rules misread "its" before a name or an adverb ("with its Everybody Online
#: project", "its recently unveiled phone"), and "it" before an adjective ("think it inappropriate").
ITS_RULES = frozenset({"ITS_TO_IT_S", "IT_IS_2"})
ITS_NEXT = re.compile(r"\s+(?:[A-Z]|\w+ly\b)")
#: "50 Cent's G-Unit": a possessive after a number is a name's when it is capitalised.
NAME_RULES = frozenset({"INCORRECT_POSSESSIVE_FORM_AFTER_A_NUMBER"})
_ALL_CAPS = re.compile(r"[^a-z]*[A-Z]{2}[^a-z]*")

PRESETS = ("newsroom", "languagetool")


def misreads(preset: str, rule_id: str, category: str, text: str, start: int, end: int, headline: bool) -> bool:
    """Whether the newsroom preset drops this match of ``rule_id`` on ``text[start:end]`` as a misreading.

    Besides the cases above: grammar in a headline (headline English drops articles and
    verbs on purpose: "Barcelona title hopes hit by loss", "More reforms ahead says
    Milburn"), a match on text in capitals (a title: "TOO FAST TOO FURIOUS"), and a
    hyphenated word read as a confusion ("side-effect").
    """
    if preset != "newsroom":
        return False
    covered = text[start:end]
    if rule_id in READ_ALOUD_RULES:
        return READ_ALOUD_NEXT.match(text, end) is not None
    if rule_id in ITS_RULES:
        return covered.lower() == "it" or covered.lower() == "its" and ITS_NEXT.match(text, end) is not None
    if rule_id in NAME_RULES:
        return covered[:1].isupper()
    if headline and category == "GRAMMAR":
        return True
    return _ALL_CAPS.fullmatch(covered) is not None or category == "CONFUSED_WORDS" and "-" in covered


def selection(preset: str, language: str) -> Selection:
    """The selection ``preset`` makes for ``language`` (a LanguageTool code: en, en-GB, en-US)."""
    if preset != "newsroom":
        return Selection()
    if language in ("en-GB", "en"):  # "en": either variety, so British plurals are not errors
        return Selection(
            NEWSROOM.kept_categories,
            NEWSROOM.kept_rules,
            NEWSROOM.disabled_categories,
            NEWSROOM.disabled_rules + BRITISH_COLLECTIVES,
            NEWSROOM.dropped + BRITISH_DROPPED,
        )
    return NEWSROOM
