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
        r".*_COMPOUNDS",  # "parts maker", "first person shooter": hyphenation is house style
        r".*_HYPHEN",
    ),
)

#: British English treats collective nouns and teams as plural ("England are", "the trio are",
#: "Madrid do not want me"): LanguageTool's agreement rules for them fire on good en-GB copy.
BRITISH_COLLECTIVES = (
    "HE_VERB_AGR", "SINGULAR_AGREEMENT_SENT_START", "NNP_AGREEMENT", "CC_NNP_VBP",
    "COLLECTIVE_NOUN_VERB_AGREEMENT_VBP", "MASS_AGREEMENT", "PCT_SINGULAR_NOUN_PLURAL_VERB_AGREEMENT",
)  # fmt: skip

#: Rules that judge "a"/"an" by the next word's first character, which misreads a figure or
#: a currency sign ("an $11bn deal", "an 82nd-minute penalty" are right): their matches
#: before one are dropped by the newsroom preset.
READ_ALOUD_RULES = frozenset({"EN_A_VS_AN"})
FIGURE_NEXT = re.compile(r"\s*[0-9$£€¥]")

PRESETS = ("newsroom", "languagetool")


def misreads_a_figure(preset: str, rule_id: str, text: str, end: int) -> bool:
    """Whether the match of ``rule_id`` ending at ``end`` of ``text`` is an a/an before a figure."""
    return preset == "newsroom" and rule_id in READ_ALOUD_RULES and FIGURE_NEXT.match(text, end) is not None


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
            NEWSROOM.dropped,
        )
    return NEWSROOM
