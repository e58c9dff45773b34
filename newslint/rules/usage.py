"""Word-level grammar slips that a pattern can tell for certain, without LanguageTool.

LanguageTool's open rules miss some of the commonest newsroom slips (see the
grammar plugin's README: planted "loosing", "who's brands", "is expected be"
and "it have" pass it). These checks catch them by their shape alone: a
confusable word in a position where only its twin is grammatical ("there own",
"will loose the"), "be" straight after a word that needs "to" before it
("expected be"), and a subject whose verb does not agree ("it have"). Each
pattern is written so that good copy does not match it: precision first.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.article import BlockKind
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.hookspecs import hookimpl
from newslint.regex import compile_re
from newslint.rule import Rule, RuleContext
from newslint.spelling.suggest import bigrams

if TYPE_CHECKING:
    from newslint.article import Article, Block

_APOS = "['\u2019]"


def _copy(article: Article) -> Iterator[tuple[Block, int]]:
    """Each block of copy with where its own words end (a caption's credit is the agency's)."""
    for b in article.blocks:
        if b.kind in BlockKind.COPY:
            yield b, b.credit[0] if b.credit is not None else len(b.text)


def _words_before(text: str, end: int, n: int) -> int:
    """Where the ``n`` whitespace-separated words before offset ``end`` begin (a word cut by ``end`` counts)."""
    i = end
    for _ in range(n):
        while i and text[i - 1].isspace():
            i -= 1
        while i and not text[i - 1].isspace():
            i -= 1
    return i


class _Tail:
    """A pattern tried only where the rare words that end every match of it stand.

    Python's ``re`` tries a pattern that opens with a long alternation of words
    ("expected|going|able|...") at every word boundary of a block, which costs
    more than all the other usage checks together; the words that end it ("be",
    "start of") are rare and a plain scan finds them. ``anchor`` matches those
    last words (with every condition the pattern puts on them, lookaheads
    included), and a match of ``pattern`` ending there begins within the
    ``words`` whitespace-separated words before the anchor's start, so
    ``pattern`` is searched only over that stretch. When the anchor's words
    stand nowhere in a match but at its end, :meth:`finditer` gives exactly the
    matches of ``pattern.finditer(text, pos, endpos)``, and takes the same arguments.
    """

    def __init__(self, pattern: re.Pattern[str], anchor: str, words: int):
        self.pattern = pattern
        self.anchor = compile_re(anchor)
        self.words = words

    def finditer(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        for a in self.anchor.finditer(text, pos, endpos):
            if a.start() < pos:
                continue
            # ending the search at the anchor's end: the anchor has checked what follows it
            m = self.pattern.search(text, max(pos, _words_before(text, a.start(), self.words)), a.end())
            if m is not None:
                yield m
                pos = m.end()


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _apostrophe(word: str, like: str) -> str:
    """``word``'s straight apostrophe written as ``like`` writes it (curly in curly copy)."""
    return word.replace("'", "\u2019") if "\u2019" in like else word


# -- NL410 confused-words ----------------------------------------------------------------------

#: What stands after "it's", "you're", "they're" ("it is", "you are") and never after a
#: possessive: "its not", "your not allowed", "their going to" (an adverb before an adjective,
#: "their already strong lead", is a noun phrase, so only adverbs that cannot start one are here).
_AFTER_CONTRACTION = (
    r"not|a|an|the|been|got|going\s+to|gonna|also|never|always|about\s+to|because|what|how|"
    r"supposed\s+to|meant\s+to|entitled\s+to|allowed\s+to|unable\s+to|"
    r"no\s+(?:good|use|wonder|surprise|secret|longer|doubt|coincidence|exaggeration|accident|joke|different)"
)
#: Modals, "to", negations and subjects after which "loose" can only be the verb "lose".
_BEFORE_VERB = (
    r"to|can|cannot|could|would|will|shall|should|may|might|must|did|didn't|don't|doesn't|won't|wouldn't|"
    r"couldn't|can't|shouldn't|never|we|they|I|[a-z]+['\u2019]ll"
)
#: Words after which "loose" is the adjective: of release ("let loose a volley", "cut loose",
#: "the dogs were running loose") or of a noun phrase ("a loose one", "too loose").
_RELEASE = (
    r"let|lets|cut|cuts|set|sets|break|breaks|broke|broken|turn|turned|turns|shake|shook|came|come|comes|tear|"
    r"tore|run|ran|runs|running|hang|hanging|work|worked|works|prise|prised|pry|pried|is|are|was|were|be|been|"
    r"being|a|an|the|very|too|so|quite|more|less|bit|as|how"
)
#: What "lose" takes as its object and the adjective "loose" does not stand before.
_OBJECT = (
    r"a|an|the|their|his|her|its|our|my|your|these|those|some|no|more|both|them|him|us|me|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,.]*"
)
#: Words ending like a rank or role ("-er", "-ant") that are not one.
_NOT_A_ROLE = (
    r"however|whatever|whenever|wherever|whether|either|neither|rather|together|other|another|further|"
    r"never|ever|over|under|after|per|later|former|sooner|her|matters|meant|went|sent|spent|present|"
    r"important|necessary|contrary|different|apparent|evident|consistent|inherent|relevant|recent|current"
)
_H = r"(?![-\u2010\u2011])"  # not the first part of a hyphenated compound
#: Prepositions, after which a clause ("it's", "there are") cannot start but a possessive can.
_BEFORE_POSSESSIVE = (
    r"of|in|on|with|by|from|into|onto|at|to|about|under|through|throughout|within|against|among|towards|upon|"
    r"during|across|behind|beyond|despite|via|including"
)
#: Adverbs that qualify a statement ("its probably", "its really"), never a noun after "its".
_SENTENCE_ADVERB = r"so(?!\s+(?:far|much|many)\b)|probably|definitely|certainly|actually|basically|really"
#: Adjectives that take a clause after "it's" ("it's true that", "it's good to see"), and the
#: words that start that clause; "its likely economic impact", "its true form" stay possessive.
_CLAUSE_ADJECTIVE = (
    r"(?:true|clear|likely|unlikely|possible|impossible|obvious|amazing|sad|ridiculous|vital|crucial|essential|"
    r"important|necessary|hard|difficult|great|good|nice|interesting|strange|odd|funny|tough)"
    r"\s+(?:to|that|if|when|because|how|whether)"
)

_IT_S = ("it'", "it\u2019")
_WHO_S = ("who'", "who\u2019")
#: Each confusion with the strings its pattern cannot match without, one of which (in lower
#: case) a block must hold to be searched: most blocks have none of them. The rarer the better:
#: "it's" and not "it", the word before "own" and not "own" (in "down", "known", "town").
_CONFUSIONS: tuple[tuple[tuple[str, ...], re.Pattern[str], str, str], ...] = (
    # "there own", "you're own": only a possessive stands before "own" as an adjective
    (("there", "they'", "they\u2019"), compile_re(rf"\b(?P<w>[Tt]here|[Tt]hey{_APOS}re)\s+own\b{_H}"), "their",
     'before "own"'),
    (("you'", "you\u2019"), compile_re(rf"\b(?P<w>[Yy]ou{_APOS}re)\s+own\b{_H}"), "your", 'before "own"'),
    (_IT_S, compile_re(rf"\b(?P<w>[Ii]t{_APOS}s)\s+own\b{_H}"), "its", 'before "own"'),
    (_WHO_S, compile_re(rf"\b(?P<w>[Ww]ho{_APOS}s)\s+own\b{_H}"), "whose", 'before "own"'),
    # "its not", "your not allowed to", "their going to": a possessive before a verb or a determiner
    (("its",), compile_re(rf"\b(?P<w>[Ii]ts)\s+(?:{_AFTER_CONTRACTION})\b{_H}"), "it's", "before a verb"),
    (("your",), compile_re(rf"\b(?P<w>[Yy]our)\s+(?:{_AFTER_CONTRACTION})\b{_H}"), "you're", "before a verb"),
    (("their",), compile_re(rf"\b(?P<w>[Tt]heir)\s+(?:{_AFTER_CONTRACTION})\b{_H}"), "they're", "before a verb"),
    (("their",),
     compile_re(rf"\b(?P<w>[Tt]heir)\s+(?:is|are|was|were|isn't|aren't|wasn't|weren't|has|have|had)\b{_H}"), "there",
     "before a verb"),
    # "its probably", "its true that": a statement about "it"
    (("its",), compile_re(rf"\b(?P<w>[Ii]ts)\s+(?:{_SENTENCE_ADVERB}|{_CLAUSE_ADJECTIVE})\b{_H}"), "it's",
     "before a clause"),
    # "in it's first", "about there contacts": a preposition takes a possessive, not a clause ("rid of
    # it's a good place" is a clause after a stranded preposition, so "it's a", "it's not" are left)
    (_IT_S, compile_re(rf"\b(?i:{_BEFORE_POSSESSIVE})\s+(?P<w>it{_APOS}s)\s+"
                      rf"(?!(?:{_AFTER_CONTRACTION}|{_SENTENCE_ADVERB}|just|very|too|still|all|only|now|here|there|"
                      r"over|time|like|[a-z]+ly|[a-z]+ing|[a-z]+ed)\b)[a-z]"), "its", "after a preposition"),
    (("there",), compile_re(rf"\b(?i:{_BEFORE_POSSESSIVE})\s+(?P<w>there)\s+(?!(?:is|was|has|does|seems|remains|exists|"
                         rf"appears|goes|comes|lies|stands|follows|needs|means|looks|makes|gets|takes|this|thus|plus)\b)"
                         rf"[a-z]{{2,}}s\b{_H}"), "their", "after a preposition"),
    # "whose been", "whose the favourite": "who's" (who is, who has) is meant
    (("whose",),
     compile_re(rf"\b(?P<w>[Ww]hose)\s+(?:been|going|got|gone|not|never|a|an|the|already|expected|likely|to)\b{_H}"),
     "who's", "before a verb"),
    # "who's five-year blueprint", "who's sold-out shows": a compound adjective and a noun after
    # "who's" are a possessive's ("who's well-known for", "who's part-owner of" are not)
    (_WHO_S,
     compile_re(rf"\b(?P<w>[Ww]ho{_APOS}s)\s+[\w]+-(?!old\b)[a-z]+\s+(?!(?:of|and|or|but|for|to|in|at|with|by|on|from|"
                r"as|than|enough|too|because|when|if)\b)[a-z]{3,}\b"), "whose", "before a noun"),
    # "loosing", "will loose", "operators loose a chunk": the verb is "lose"; "loose" is an adjective
    (("loosing",), compile_re(r"\b(?P<w>[Ll]oosing)\b"), "losing", ""),
    (("loose",), compile_re(rf"\b(?:{_BEFORE_VERB})\s+(?P<w>loose|looses)\b{_H}"), "lose", "as a verb"),
    (("loose",), compile_re(rf"\b(?!(?:{_RELEASE})\s)[\w']+\s+you\s+(?P<w>loose)\b{_H}"), "lose", "as a verb"),
    (("loose",), compile_re(rf"\b(?!(?:{_RELEASE})\s)[\w']+\s+(?P<w>loose|looses)\s+(?:{_OBJECT})\b{_H}"), "lose",
     "before an object"),
    # "agreed in principal", "the principle analyst": "principle" is an idea, "principal" a rank
    (("principal",),
     compile_re(r"\b[Ii]n\s+(?P<w>principal)\b(?=\s*(?:[,.;:)\u2014\u2013]|$|\s(?:to|that|and|but|by|with|at|for|if|as|on)\b))"),
     "principle", 'for "in principle"'),
    (("principle",),
     compile_re(rf"\b(?P<w>principle)\s+(?!(?:{_NOT_A_ROLE})\b)[a-z]{{2,}}(?:er|or|ist|yst|ant|ent|ee|ary)s?\b{_H}"),
     "principal", "before a rank or role"),
)  # fmt: skip

#: "there findings", "who's parents": decided by which pair English uses (below)
_THERE_NOUN = compile_re(
    r"(?P<before>[\w'\u2019]+)\s+(?P<w>there)\s+(?!(?:years|months|weeks|days|hours|minutes|decades|times|ago)\b)(?P<x>[a-z]+)\b(?![-'\u2019])"
)
#: "is there left", "what's there online": "there" after "be" is the adverb
_BE = compile_re(r"(?:is|are|was|were|be|been|being|.*['\u2019]s)$", re.I)
_WHOS_NOUN = compile_re(r"\b(?P<w>[Ww]ho['\u2019]s)\s+(?P<x>[a-z]+)\b(?![-'\u2019])")
#: After "who's" (who is, who has) a participle or an adverb is right: "who's playing", "who's never".
_PARTICIPLE = compile_re(r"(?:ing|ed|en|ly)$")


def _by_usage(text: str, start: int, limit: int, block: Block) -> Iterator[tuple[int, int, str, str]]:
    """Confusions told by Google Books' word pairs (the spelling data's bigram list).

    "there X" is a slip for "their X" when English writes "their X" and never
    "there X" ("there findings", "help there family"; "lived there years ago" is an adverb
    before a time); "who's X" is one for
    "whose X" when neither "is X" nor "has X" is English ("who's parents",
    "who's brands"). Outside quotations only: speech has turns a list does not.
    """
    if "there" not in text and "ho's" not in text and "ho\u2019s" not in text:
        return
    pairs = bigrams()
    for m in _THERE_NOUN.finditer(text, start, limit):
        x = m.group("x")
        if _BE.match(m.group("before")) or block.in_quote(m.start("w")):
            continue
        if pairs.get("their", x) is not None and pairs.get("there", x) is None:
            yield m.start("w"), m.end("w"), "their", f'before "{x}"'
    for m in _WHOS_NOUN.finditer(text, start, limit):
        x = m.group("x")
        if _PARTICIPLE.search(x) or block.in_quote(m.start("w")):
            continue
        if pairs.get("is", x) is None and pairs.get("has", x) is None:
            yield m.start("w"), m.end("w"), "whose", f'before "{x}"'


class ConfusedWords(Rule):
    """What it does
        Reports the commonest newsroom confusions where the words around settle
        which was meant: "there own", "you're own" and "it's own" (only a
        possessive stands before "own"); "its", "your" or "their" before "not",
        "a", "the", "been", "going to" and the like (the contraction was meant);
        "their is"; "its" before an adverb or an adjective that qualify a
        statement ("its probably", "its true that", "its good to see"; not
        "its likely impact"); "it's" or "there" after a preposition ("in it's
        first", "about there contacts"; not "rid of it's a good place");
        "whose been" and "whose the"; "who's" before a compound adjective and
        a noun ("who's five-year blueprint"); "loosing", and "loose" after a
        modal, "to" or a subject ("will loose") or before an object ("operators
        loose a chunk", but not "let loose a volley"); "agreed in principal";
        "principle" before a rank or role ("principle analyst"). Inside
        quotations too: a confused word is the transcription's, not the speaker's.

    Why it matters
        Spell checkers pass these slips (every word is a word), and readers
        notice them first.

    Example
        "Councils will loose more of the share" gives
        `"loose" may be a slip for "lose" (as a verb)`, suggesting "lose".

    Options
        None.

    Fix safety
        The suggestion is an unsafe fix: the pattern is precise, but an editor
        should read the sentence.

    See also
        [grammar](grammar.md) (NL401), LanguageTool's checks; the grammar plugin's README gives the
        planted-slip recall of both together.
    """

    code = "NL410"
    name = "confused-words"
    summary = 'A confusable word where only its twin fits ("loosing", "there own", "its not")'
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block, limit in _copy(article):
            text = block.text
            seen: set[int] = set()
            found = []
            lowered = text.lower()
            for needles, pattern, twin, why in _CONFUSIONS:
                if not any(n in lowered for n in needles):
                    continue
                for m in pattern.finditer(text, 0, limit):
                    s, e = m.span("w")
                    if s in seen:
                        continue
                    seen.add(s)
                    found.append((s, e, twin, why))
            found += [f for f in _by_usage(text, 0, limit, block) if f[0] not in seen]
            for s, e, twin, why in sorted(found):
                word = text[s:e]
                better = _match_case(_apostrophe(twin, word), word)
                message = f'"{word}" may be a slip for "{better}"' + (f" ({why})" if why else "")
                yield _replacing(self, article, block, s, e, better, message)


def _replacing(rule: Rule, article: Article, block: Block, s: int, e: int, new: str, message: str) -> Diagnostic:
    d = rule.diagnostic(article, block, s, e, message)
    a, b = block.source_span(s, e)
    fix = Fix((Edit(a, b, new),), Applicability.UNSAFE, message=f'Write "{new}"')
    return replace(d, suggestions=(new,), fix=fix)


def _inserting(
    rule: Rule, article: Article, block: Block, s: int, e: int, at: int, word: str, fixed: str, message: str
) -> Diagnostic:
    """A finding over ``s:e`` whose unsafe fix inserts ``word`` before offset ``at``."""
    d = rule.diagnostic(article, block, s, e, message)
    a, b = block.source_span(at, at)
    fix = Fix((Edit(a, b, f"{word} "),), Applicability.UNSAFE, message=f'Insert "{word}"')
    return replace(d, suggestions=(fixed,), fix=fix)


# -- NL411 missing-to --------------------------------------------------------------------------

#: Words that take "to be" and never a bare "be" ("is expected to be", "seems to be").
_NEEDS_TO = (
    r"expected|going|able|unable|about|supposed|due|bound|used|ought|seems|seemed|appears|appeared|tends|"
    r"remains|remained|"
    r"tended|wants|wanted|needed|deserves|deserved|refused|refuses|continues|continued|happens|happened|"
    r"(?:has|have|had)\s+yet|(?:have|has|['\u2019]ve|['\u2019]s)\s+got|"
    r"(?:is|are|was|were|been|seem|seems|seemed)\s+(?:likely|unlikely|set|thought|said|believed|reported|"
    r"understood|known|considered|deemed|scheduled|poised|certain|sure)"
)
#: ... and "be" straight after "has", "is", "was" is never English ("had be made": "had to be"),
#: nor after a reflexive unless "let" comes first ("shown themselves be", but "let itself be").
_REFLEXIVE = r"(?<!\blet\s)(?<!\blets\s)(?:myself|yourself|himself|herself|itself|ourselves|yourselves|themselves)"
_MISSING_TO = _Tail(
    compile_re(rf"\b(?P<before>(?i:{_NEEDS_TO}|has|have|had|is|are|was|were|been|being|am)|{_REFLEXIVE})\s+(?P<w>be)\b{_H}"),
    rf"(?<=\s)be\b{_H}",
    words=2,  # "is expected", "have got"
)

#: What may stand straight before a bare "be": a modal or "to" ("will be", "to be"), do-support
#: and "let" ("don't be", "let it be"), a negation or an adverb after one of them ("will not
#: be", "could well be", "would rather be"), a conjunction after one ("will go and be"),
#: "please" and "so" ("so be it"), and "need" ("if need be").
_BARE_BE_OK = compile_re(
    r"(?:will|would|shall|should|can|could|may|might|must|cannot|to|do|does|did|let|lets|not|never|"
    r"(?:do|does|did|is|are|was|were|has|have|had|could|would|should|must|might|need|ca|wo|sha)n['\u2019]?t|"
    r"[a-z]+['\u2019](?:ll|d)|and|or|nor|but|then|please|so|need|that|also|still|always|ever|just|only|even|"
    r"well|rather|better|now|soon|yet|all|both|each|either|thus|therefore|perhaps|maybe|again|once|longer|"
    r"further|instead|otherwise|indeed|sometimes|often|usually|already|almost|hardly|too|first|later|[a-z]+ly|"
    # a preposition before "be" is a slip, but not of a dropped "to" ("the game with be won": "will")
    r"with|of|in|on|at|for|from|by|about|into|onto|over|under|after|before|without|within|against)$",
    re.I,
)
#: What a dropped "to" leaves after "be": an article, a numeral or a participle ("claims be the
#: most", "judged be $75,000", "allowed the pictures be taken"; irregular participles of
#: English's strong verbs, the -ed and -en forms found by shape).
_AFTER_BARE_BE = compile_re(
    r"\s+(?:a|an|the|one|[$\u00a3\u20ac]?\d[\w,.]*|[a-z]+ed|[a-z]+en|made|done|seen|held|paid|sold|told|shown|"
    r"known|built|found|put|set|cut|hit|kept|left|lost|met|run|sent|spent|won|brought|bought|caught|"
    r"thought|taught|fought|sought|struck|laid|led|read|said|heard|hung|shut|spread|split|sung|sunk|"
    r"understood|withdrawn|overturned)\b(?![-\u2010\u2011])"
)
#: Before the subject of a subjunctive, which takes a bare "be": "that", "whether", "lest", and
#: the words of demanding and proposing ("demanded he be sacked", "insists the law be changed").
_SUBJUNCTIVE_BE = compile_re(
    r"\b(?:that|whether|lest|if|insist\w*|demand\w*|requir\w*|recommend\w*|suggest\w*|propos\w*|request\w*|"
    r"urg\w*|ask\w*|order\w*|essential|vital|important|necessary|crucial|imperative|desirable)\b",
    re.I,
)
#: ... a modal or do-support before the subject asks a question ("would the minister be",
#: "nor would the rush to produce camera phones be"), and "let", "make", "help" and the verbs
#: of seeing take a bare "be" after their object ("let it be known", "help artists be found")
_QUESTION_OR_CAUSE = compile_re(
    r"\b(?:will|would|shall|should|can|could|may|might|must|do|does|did|[a-z]+n['\u2019]?t|let|lets|letting|"
    r"make|makes|made|making|help|helps|helped|helping|see|saw|watch|watched|hear|heard|bid)\b",
    re.I,
)
#: where a clause ends: a full stop not of an initialism ("the U.S. Embassy"), and the like
_CLAUSE_END = compile_re(r"(?<![A-Z])[.!?]\s|[;:\u2014\u2013(\"\u201c]")
_BARE_BE = _Tail(  # the anchor checks what follows
    compile_re(r"(?<![\w'\u2019-])(?P<before>[A-Za-z][\w'\u2019-]*)\s+(?P<w>be)\b"),
    rf"(?<=\s)be\b(?={_AFTER_BARE_BE.pattern})",
    words=1,
)


def _bare_be(block: Block, text: str, limit: int) -> Iterator[re.Match[str]]:
    """Each "be" that lost its "to" after a word that no bare "be" follows ("claims be", "people be forced").

    The word before is no modal, "to", negation or adverb (which may follow a modal); the
    words of the clause before it hold no "that", "whether" or word of demanding (a
    subjunctive: "demanded that the ban be lifted") and no modal, "do" or "let" (a question,
    "would the minister be", or an object's bare infinitive, "let it be known"); and the block
    is no headline. Outside quotations only.
    """
    if block.kind == BlockKind.HEADLINE:
        return
    for m in _BARE_BE.finditer(text, 0, limit):
        before = m.group("before")
        if _BARE_BE_OK.match(before) or _MISSING_TO.pattern.match(text, m.start()) or block.in_quote(m.start("w")):
            continue
        clause = _CLAUSE_END.split(text[max(0, m.start() - 100) : m.start()])[-1]
        if _SUBJUNCTIVE_BE.search(clause) or _QUESTION_OR_CAUSE.search(clause):
            continue
        yield m


class MissingTo(Rule):
    """What it does
        Reports "be" straight after a word that takes "to be" ("expected",
        "going", "able", "about", "supposed", "due", "seems", "appears",
        "wants", "is likely", "has yet", "have got", ...) or after "has",
        "is", "was" and the like, where English never puts a bare "be".
        Also a bare "be" before an article, a numeral or a participle after
        any other word that is no modal, "to", negation or adverb ("claims be
        the most", "tipped be one of", "for it be cancelled"), except in a
        subjunctive ("demanded that the ban be lifted", "insisted the law be
        changed"), a question ("would the minister be"), after "let", "make"
        or "help" ("let it be known") and in a headline.
        "May yet be" and "if need be" are good English and are left alone.

    Why it matters
        A dropped "to" is a typing slip the eye fills in and no spell checker
        sees; LanguageTool's open rules pass most of them.

    Example
        "The utility is expected be available" gives
        `"expected be" may be missing "to": "expected to be"`.

    Options
        None.

    Fix safety
        Inserting "to" is an unsafe fix: after "has" or "is" the slip may be
        another word ("has been") rather than a missing one.

    See also
        [grammar](grammar.md) (NL401), LanguageTool's checks; the grammar plugin's README gives the
        planted-slip recall of both together.
    """

    code = "NL411"
    name = "missing-to"
    summary = 'A "be" that lost its "to" ("is expected be", "had be made")'
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block, limit in _copy(article):
            text = block.text
            found = [*_MISSING_TO.finditer(text, 0, limit), *_bare_be(block, text, limit)]
            for m in sorted(found, key=lambda m: m.start()):
                s, e = m.start(), m.end("w")
                shown = " ".join(text[s:e].split())
                fixed = f"{' '.join(m.group('before').split())} to be"
                message = f'"{shown}" may be missing "to": "{fixed}"'
                yield _inserting(self, article, block, s, e, m.start("w"), "to", fixed, message)


# -- NL413 missing-article -------------------------------------------------------------------

#: Nouns naming a part or a point of something, which take "the" (or another determiner)
#: before "of": "at the start of", "the rest of", "on the eve of". ("On top of" is an idiom
#: and "top" is left out; so are "front", "behalf", "charge", which idioms use bare.)
_PART_NOUNS = (
    r"start|end|beginning|middle|bottom|back|rest|edge|heart|centre|center|eve|outset|brink|verge|"
    r"height|bulk|remainder|majority|final|semi-final|quarter-final|wake|aftermath|midst|run-up|course|"
    r"event|process|absence|hands|interests|month|week|season"
)
_PREPOSITIONS = (
    r"at|in|from|to|on|by|towards|near|until|till|around|with|among|beyond|for|of|into|after|before|since|"
    r"during|over|under|across|through|throughout"
)
#: ... and the position nouns of idioms ("on top of", "in front of", "ahead of"), after the
#: prepositions that no idiom puts before them: "at top of", "to front of".
_POSITION_NOUNS = r"top|front|head|foot"
_MISSING_ARTICLE = (
    _Tail(
        compile_re(rf"\b(?P<p>(?i:{_PREPOSITIONS}))\s+(?P<n>{_PART_NOUNS})\s+of\b"),
        rf"(?<=\s)(?:{_PART_NOUNS})\s+of\b",
        words=1,
    ),
    _Tail(
        compile_re(rf"\b(?P<p>(?i:at|from|near|towards|to))\s+(?P<n>{_POSITION_NOUNS})\s+of\b"),
        rf"(?<=\s)(?:{_POSITION_NOUNS})\s+of\b",
        words=1,
    ),
)


class MissingArticle(Rule):
    """What it does
        Reports a preposition followed straight by a noun naming a part, a
        stage or a point of something and "of" ("at start of", "for rest of",
        "on eve of", "in final of", "in wake of", "during process of"), or
        "at", "from", "near", "towards" or "to" before "top", "front",
        "head" or "foot" and "of" ("to top of the table"; "on top of" and
        "in front of" are idioms), where English needs "the". Headlines are left alone:
        headline English drops its articles on purpose ("Man dies on eve of
        wedding").

    Why it matters
        A dropped "the" is the commonest missing word in edited copy, and the
        eye supplies it; LanguageTool's open rules do not look for it.

    Example
        "Thompson scored at start of the second half" gives
        `"at start of" may be missing "the": "at the start of"`.

    Options
        None.

    Fix safety
        Inserting "the" is an unsafe fix: "a" or "its" may be the word that was
        lost.

    See also
        [grammar](grammar.md) (NL401), LanguageTool's checks; the grammar plugin's README gives the
        planted-slip recall of both together.
    """

    code = "NL413"
    name = "missing-article"
    summary = 'A part noun without its "the" ("at start of", "for rest of")'
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block, limit in _copy(article):
            if block.kind == BlockKind.HEADLINE:
                continue
            text = block.text
            found = (m for pattern in _MISSING_ARTICLE for m in pattern.finditer(text, 0, limit))
            for m in sorted(found, key=lambda m: m.start()):
                s, e = m.span()
                fixed = f"{m.group('p')} the {m.group('n')} of"
                message = f'"{" ".join(m.group().split())}" may be missing "the": "{fixed}"'
                yield _inserting(self, article, block, s, e, m.start("n"), "the", fixed, message)


# -- NL412 subject-verb-agreement -------------------------------------------------------------------

#: A singular pronoun with a plural verb, or a plural one with a singular verb ("IT have" is
#: "information technology", so the pronoun is lower case or starts a sentence).
_PLURAL_VERBS = r"are|have|were|aren['\u2019]t|haven['\u2019]t|weren['\u2019]t|don['\u2019]t"
_SINGULAR_VERBS = r"is|was|has|isn['\u2019]t|wasn['\u2019]t|hasn['\u2019]t|doesn['\u2019]t"
_PRONOUN_VERB = _Tail(
    compile_re(
        rf"\b(?P<s>[Hh]e|[Ss]he|[Ii]t|(?:some|any|every|no)(?:one|body|thing)|no-one)\s+(?P<w>{_PLURAL_VERBS})\b{_H}"
        rf"|\b(?P<p>[Ww]e|[Tt]hey)\s+(?P<v>{_SINGULAR_VERBS})\b{_H}"
    ),
    rf"(?<=\s)(?:{_PLURAL_VERBS}|{_SINGULAR_VERBS})\b{_H}",
    words=1,
)
#: Before "does it have", "would she have", "let it have": a question or a modal, where the
#: plain form is right.
_INVERTED = compile_re(
    r"\b(?:do|does|did|doesn't|didn't|don't|will|would|could|should|can|may|might|must|shall|won't|wouldn't|"
    r"couldn't|shouldn't|can't|mustn't|let|lets|make|makes|made|help|helps|helped|see|saw|seen|watch|hear|"
    r"heard|had|['\u2019]d)\s+$",
    re.I,
)
#: Before "he were", "it were": a subjunctive ("if it were", "as though she were", "wish he were"),
#: or "that she have" after "insist", "demand" (a subjunctive too).
_SUBJUNCTIVE = compile_re(
    r"\b(?:if|as|though|wish|wished|wishes|unless|whether|suppose|supposing|imagine|than)\s+$", re.I
)
_THAT = compile_re(r"\bthat\s+$", re.I)
#: ... but "that it have been", "that he have become" is a perfect, never a subjunctive
_PERFECT = compile_re(
    r"\s+(?:(?:not|never|already|also|just|since|yet|[a-z]{3,}ly)\s+){0,2}"
    r"(?:been|become|got|gone|had|done|made|paid|said|told|won|lost|struck|found|brought|bought|thought|kept|"
    r"left|sent|spent|taken|given|written|shown|known|seen|held|[a-z]+ed)\b"
)
#: "it" is a subject only at the start of a clause: "details about it have been released" and
#: "keen to try it were greeted" are right ("it" is an object there).
_CLAUSE_START = compile_re(
    r"(?:^|[.!?;:,(\u2014\u2013\"\u201c\u2018]\s*|\b(?:that|and|but|so|because|when|while|although|though|since|until|"
    r"unless|once|where|said|says|say|added|thinks|think|believes|believe|knew|know|knows|hopes|hope)\s+)$",
    re.I,
)
_CHANGE = {"are": "is", "have": "has", "were": "was", "don't": "doesn't",
           "is": "are", "was": "were", "has": "have", "doesn't": "don't"}  # fmt: skip
#: "I" with a verb of the third person or of the plural ("I were so relieved", "I has"): not
#: after "and" or "or" ("my family and I were"), nor a numeral ("World War I is": not a clause start).
_I_VERB = compile_re(
    r"(?<![\w-])(?P<s>I)\s+"
    rf"(?P<w>is|are|were|has|does|isn['\u2019]t|aren['\u2019]t|weren['\u2019]t|hasn['\u2019]t|doesn['\u2019]t)\b{_H}"
)
_I_CHANGE = {"is": "am", "are": "am", "were": "was", "has": "have", "does": "do", "isn't": "am not",
             "aren't": "am not", "weren't": "wasn't", "hasn't": "haven't", "doesn't": "don't"}  # fmt: skip
#: A person named with a title, and a plural verb: "Mr Sharon were committed". Only at the
#: start of a clause (not "by Lord Dubs were", "of Mrs Hassan have") and not after "and" or
#: "or" ("Mr Brown and Mr Milburn are"); a possessive ("Mr Blair's ministers") never matches.
_TITLED_VERB = compile_re(
    r"\b(?P<s>(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady)\.?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+"
    rf"(?P<w>are|were|have|aren['\u2019]t|weren['\u2019]t|haven['\u2019]t|don['\u2019]t)\b{_H}"
)
_AND = compile_re(r"\b(?:and|or|nor)\s+$|&\s*$", re.I)


#: A plural noun after a determiner at the start of a clause, then a singular verb: "the
#: characters was", "that the figures is". Not after a preposition ("one of the players was",
#: "among the problems is": the head is elsewhere), and not for the nouns in -s that are
#: singular ("the news is", "the series was") or a capitalised title ("The Producers has").
_PLURAL_VERB = _Tail(
    compile_re(
        r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur|[Mm]any|[Ss]everal|[Bb]oth|[Aa]ll)\s+"
        rf"(?:[a-z][\w-]*\s+)?(?P<n>[a-z]{{3,}}s)\s+(?P<v>{_SINGULAR_VERBS})\b{_H}"
    ),
    rf"s\s+(?:{_SINGULAR_VERBS})\b{_H}",
    words=3,  # from inside the noun: the noun, an adjective, the determiner
)
#: Nouns in -s that take a singular verb (general English, not read off any corpus).
_SINGULAR_IN_S = frozenset(
    "news series species means whereabouts headquarters odds diabetes measles crossroads barracks kudos "
    "innings lens gas bus chaos ethos pathos bias atlas canvas alias thanks mumps rabies herpes".split()
)
_NOT_PLURAL = compile_re(r"(?:ss|us|is|ics|ous|ness|less)$")


def _other_form(verb: str, table: dict[str, str] = _CHANGE) -> str:
    """The form of ``verb`` that agrees ("are" -> "is", "aren't" -> "isn't"), apostrophe kept."""
    plain = verb.replace("\u2019", "'")
    better = table[plain] if plain in table else table[plain[:-3]] + plain[-3:]
    return _apostrophe(better, verb)


def _singular_stems(word: str) -> list[str]:
    """What ``word`` may be the plural of: less its -s, its -es, or its -ies made -y ("cities")."""
    stems = [word[:-1]]
    stems += [word[:-3] + "y"] if word.endswith("ies") else []
    stems += [word[:-2]] if word.endswith("es") else []
    return stems


def _plural(word: str) -> bool:
    """Whether ``word`` is a plural noun: English writes "a"/"an" before its singular (Google Books' pairs)."""
    if word in _SINGULAR_IN_S or _NOT_PLURAL.search(word):
        return False
    pairs = bigrams()
    return any(pairs.get("a", st) is not None or pairs.get("an", st) is not None for st in _singular_stems(word))


_GROUP_NOUNS_FILE = Path(__file__).resolve().parent.parent / "data" / "grammar" / "group-nouns.txt"


@lru_cache(maxsize=1)
def group_nouns() -> frozenset[str]:
    """Nouns whose verb may be either number ("the government are", "a couple were"): WordNet's
    groups and quantities (``data/grammar/group-nouns.txt``, built by tools/build_number_nouns.py)."""
    lines = _GROUP_NOUNS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _english_words() -> Container[str]:
    # the spelling lists as every rule has them, from the data cache: read only when a noun is
    # weighed, and never built again from the word files in each process
    from newslint.spelling.lexicon import base_lexicon

    return base_lexicon({}).freq



#: English's plurals without an -s
IRREGULAR_PLURALS = frozenset("men women children people feet teeth mice geese oxen lice".split())
#: quantifiers, partitives and fractions: their verb follows what comes after "of" ("one of
#: the", "most of", "a third of", "the kind of")
PARTITIVES = frozenset(
    "one all none some most any each either neither half few many several more less lot lots third fourth fifth "
    "tenth kind sort type".split()
)
_PRONOUN_WORDS = frozenset(
    "i me you he him she her it we us they them my mine your yours his hers its our ours their theirs this that "
    "these those there here who whom which what someone anyone everyone nobody somebody everybody anybody "
    "something anything everything nothing".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your every each no some many several both".split()
)
_AUXILIARIES = frozenset(
    "will would can could may might shall should must to do does did is are was were be been being am has have "
    "had".split()
)


#: Adverbs, which may stand between a subject and its verb ("voters now have")
_ADVERBS = frozenset(
    "however also still now already often usually currently again typically finally simply really normally too "
    "even just only ever never always sometimes perhaps indeed especially particularly exactly then meanwhile "
    "instead together alone".split()
)
#: Words that are no noun and no modifier of one: conjunctions, prepositions, question words
#: and adverbs (with every word in -ly), so "and have", "demand for exports was", "how far are"
#: and "voters now have" hold no noun phrase ending at the verb.
_NOT_IN_NOUN_PHRASE = _ADVERBS | frozenset(
    "and or nor but yet so if than because although though while when whether as in on at for from with "
    "without by about above around among between into onto over under through across after before since until "
    "against within along aboard behind beyond despite during towards toward upon via per like near off out "
    "up down how why what where which who whose such very quite rather here there else not no-one".split()
)
#: Numerals: "five years of work has", "the dozen passengers" count a measure, not a plural
_NUMERALS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand "
    "million billion dozen".split()
)
#: The participles of English's strong verbs, which follow a noun they qualify ("those arrested",
#: "the words written", "the areas hit") and are no noun themselves
_IRREGULAR_PARTICIPLES = frozenset(
    "made done seen held paid sold told shown known built found put set cut hit kept left lost met run sent "
    "spent won brought bought caught thought taught fought sought struck laid led read said heard hung shut "
    "spread split sung sunk understood withdrawn written taken given chosen driven stolen broken spoken "
    "forgotten hidden beaten eaten fallen frozen shaken grown thrown drawn done gone begun become overtaken "
    "undertaken mistaken forbidden ridden risen arisen sworn torn worn".split()
)


def _adverb(word: str) -> bool:
    low = word.lower()
    return low in _ADVERBS or (len(low) > 4 and low.endswith("ly") and low not in group_nouns())


def is_plural(noun: str) -> bool:
    """A plural noun: an irregular one ("children", "businessmen"), or a word in -s that is no
    singular in -s ("news", "crisis", "bus") and whose singular is an English word ("findings",
    "cities", "taxes")."""
    words = _english_words()
    if noun in IRREGULAR_PLURALS or noun.endswith(("children", "women", "people")):
        return True
    if noun.endswith("men") and noun[:-3] + "man" in words:
        return True
    if not noun.endswith("s") or noun in _SINGULAR_IN_S or _NOT_PLURAL.search(noun) or noun in _PRONOUN_WORDS:
        return False
    return any(len(st) > 1 and st in words for st in _singular_stems(noun))


def noun_number(noun: str) -> str | None:
    """"sg" or "pl" for a lower-case common noun whose verb has one number only, else None.

    None for a collective or a quantity, whose verb British English makes plural at will
    ("the crowd are", "the majority were"), a partitive ("most", "a third"), a pronoun, a
    function word or a participle ("those arrested"), a word in -s that is neither a plural
    nor a known singular, and a word English does not write after "the", "a" or "an"
    (Google Books' word pairs): a verb, most likely ("the report sends").
    """
    if not noun.isascii() or not re.fullmatch(r"[a-z][a-z-]*", noun):
        return None
    if noun in PARTITIVES or noun in _PRONOUN_WORDS or noun in _AUXILIARIES or noun in _NUMERALS:
        return None
    if noun in _NOT_IN_NOUN_PHRASE or _adverb(noun):
        return None
    if noun in _IRREGULAR_PARTICIPLES or (len(noun) > 4 and noun.endswith("ed")):
        return None
    pairs = bigrams()
    if is_plural(noun):
        seen = pairs.get("the", noun) is not None or any(
            pairs.get("a", st) is not None or pairs.get("an", st) is not None for st in _singular_stems(noun)
        )
        return "pl" if seen or noun in IRREGULAR_PLURALS else None
    if noun in group_nouns() or (noun.endswith("s") and noun not in _SINGULAR_IN_S):
        return None
    seen = any(pairs.get(d, noun) is not None for d in ("the", "a", "an"))
    return "sg" if seen else None


def noun_phrase_number(words: list[str]) -> str | None:
    """The number of ``words`` read as a noun phrase that begins a clause, or None.

    A determiner (or none), at most two modifiers and a head noun ("the banned substance",
    "dance music", "Asian central banks"); or such a phrase, "of" and another ("confirmation
    of the findings": the head is the first; not after "a", "a wave of protests", where the
    head counts; nor when neither phrase has a determiner, "denial of service attacks", which
    may be a compound). Adverbs just before the verb are passed over ("voters now"). No pronoun,
    auxiliary, numeral, conjunction, preposition or adverb inside; without a determiner no
    modifier in -ed or -ing (a verb, maybe: "claimed accountants"); and a plural modifier
    before a singular head ("attorneys general", "agencies say") is no noun phrase to trust.
    """
    words = list(words)
    while len(words) > 1 and _adverb(words[-1]):
        words.pop()
    if "of" in words:
        i = words.index("of")
        head, rest = words[:i], words[i + 1 :]
        if not head or head[0].lower() in ("a", "an") or noun_phrase_number(rest) is None:
            return None
        if head[0].lower() not in _DETERMINERS and rest[0].lower() not in _DETERMINERS:
            return None  # "denial of service attacks": a compound, maybe, whose head is the last
        return noun_phrase_number(head)
    if not words or len(words) > 4:
        return None
    det = words[0].lower() in _DETERMINERS
    mods, noun = words[1 if det else 0 : -1], words[-1]
    if len(mods) > 2:
        return None
    for w in mods:
        low = w.lower()
        if low in _DETERMINERS or low in _PRONOUN_WORDS or low in PARTITIVES or low in _AUXILIARIES:
            return None
        if low in _NUMERALS or low in _NOT_IN_NOUN_PHRASE or _adverb(low) or not re.fullmatch(r"[A-Za-z][a-z-]*", w):
            return None
        if not det and re.search(r"(?:ed|ing)$", low):
            return None
    number = noun_number(noun)
    if number == "sg" and any(w.islower() and is_plural(w) for w in mods):
        return None
    return number


#: A finite "be" or "have", whose subject the words before it may name
_FINITE_VERBS = ("is", "are", "was", "were", "has", "have")
#: (no word character, apostrophe or hyphen before the verb: the lookbehinds come after the
#: words, one a word, so that ``re`` tries the pattern only where their first letters stand,
#: not at every character)
_FINITE = compile_re(
    rf"(?P<v>{'|'.join(_FINITE_VERBS)})" + "".join(rf"(?<![\w'\u2019-]{v})" for v in _FINITE_VERBS) + rf"\b{_H}"
)
#: Where a clause starts, as ``_CLAUSE_START``, but not after "and", "or" and "&", which may join
#: two subjects ("the players and the coach were"), nor "but", which may join two predicates
#: ("are worlds apart, but no doubt have")
_NP_START_WORDS = (
    "that because when while although though since until unless once where said says added believes knew knows hopes"
).split()
_NP_START_WORD = compile_re(rf"\b(?:{'|'.join(_NP_START_WORDS)})\s+$", re.I)
#: A match of either pattern ends at the end of the text searched, after its last word or mark
#: and the whitespace after it, so it starts at most this far before that last word's end (the
#: longest word; a mark is one character): searched from there, not from every character
_NP_START_REACH = max(map(len, _NP_START_WORDS))
#: ... or punctuation (a full stop not of an initialism, "U.S. diplomats"), before a noun phrase
#: with a determiner only: after a quotation mark or a comma a bare word may be anything
_NP_START_MARK = compile_re(r"(?:^|(?<![A-Z])[.!?]\s+|[;:,(\u2014\u2013]\s*)$")
_SUBJUNCTIVE_IN_CLAUSE = compile_re(
    r"\b(?:if|though|wish|wished|wishes|suppose|supposing|imagine|whether|unless|lest)\b", re.I
)
_MANDATIVE = compile_re(
    r"\b(?:insist|demand|requir|recommend|suggest|propos|request|urg|ask|order)\w*|\b(?:essential|vital|important|"
    r"necessary|crucial|imperative)\b",
    re.I,
)
_WORD_TOKEN = compile_re(r"\S+")


def _may_disagree(words: list[str], verb: str) -> bool:
    """Whether a noun phrase ending ``words`` may have the other number from ``verb``.

    What :func:`noun_phrase_number` gives for any run of words ending ``words`` is None
    unless its head, or after "of" the head of what follows, is the last word that is no
    adverb, and a number: without an "of" that word's own. Most verbs fail here, before
    the costlier search for where their clause starts.
    """
    last = next((w for w in reversed(words) if not _adverb(w)), None)
    number = noun_number(last) if last is not None else None
    if number is None:
        return False
    return "of" in words or number != ("pl" if verb in ("are", "were", "have") else "sg")


def _noun_phrase_subjects(block: Block, text: str, limit: int) -> Iterator[tuple[re.Match[str], str, int]]:
    """Each finite "be" or "have" whose subject, the noun phrase that starts its clause, has the other number.

    The subject is read back from the verb to the nearest start of a clause ("that", "because",
    a comma, the start of the sentence): "that the website were", "that confirmation of the
    findings were", "because senior civil servants is". Yields the verb's match, the subject as
    written and where it starts.
    """
    for m in _FINITE.finditer(text, 0, limit):
        lo = max(0, m.start() - 120)
        # the words alone first (str.split's whitespace is re's): most verbs go no further
        if not _may_disagree(text[lo : m.start()].split()[-6:], m.group("v")):
            continue
        tokens = list(_WORD_TOKEN.finditer(text, lo, m.start()))[-6:]
        for k in range(1, len(tokens) + 1):
            start = tokens[-k].start()
            before = text[max(0, start - 40) : start]
            words = [t.group() for t in tokens[-k:]]
            last = len(before.rstrip())  # the end of the last word or mark (re's whitespace is str.isspace's)
            if not _NP_START_WORD.search(before, max(0, last - _NP_START_REACH)):
                if words[0].lower() not in _DETERMINERS or not _NP_START_MARK.search(before, max(0, last - 1)):
                    continue
                if before.rstrip().endswith(",") and re.search(r"\b(?:and|or)\b", text[max(0, start - 60) : start]):
                    continue  # "the group stage and, to a certain extent, the second round are"
            number = noun_phrase_number(words)
            verb = m.group("v")
            if number is None or number == ("pl" if verb in ("are", "were", "have") else "sg"):
                break
            clause = _CLAUSE_END.split(text[max(0, start - 100) : m.start()])[-1]
            if (verb == "were" and _SUBJUNCTIVE_IN_CLAUSE.search(clause)) or (
                verb == "have" and _MANDATIVE.search(clause)
            ):
                break
            if not block.in_quote(start, m.end()):
                yield m, " ".join(text[start : m.start()].split()), start
            break


#: "There" before a singular: "there were a problem", "that there were nothing wrong". Not before a
#: quantity ("there are a number of", "a lot of", "a couple", "an estimated 300"), a numeral,
#: "one or two" or "few", whose verb is plural.
_THERE_SINGULAR = compile_re(
    rf"\b(?P<s>[Tt]here)\s+(?P<v>are|were)\s+(?P<n>a|an|another|one|anything|nothing|something|nobody|someone|"
    rf"anyone|everything|everyone|little|much)\b{_H}(?P<rest>(?:\s+[\w'-]+){{0,3}})"
)
_QUANTITY_WORDS = frozenset(
    "few many more most lots estimated further additional extra total record reported mere staggering whopping "
    "great good hundred hundreds thousand thousands million millions billion dozen dozens score two three four "
    "five six seven eight nine ten or and plenty".split()
)


class SubjectVerbAgreement(Rule):
    """What it does
        Reports "he", "she", "it" or "no-one" followed by "are", "have",
        "were" or "don't"; "we" or "they" followed by "is", "was", "has" or
        "doesn't"; "I" followed by "is", "are", "were", "has" or "does"; a
        person named with a title followed by "are", "were" or "have" ("Mr
        Sharon were"), at the start of a clause and not after "and" ("Mr
        Brown and Mr Milburn are", "my family and I were" are right); and a
        plural noun after a determiner at the start of a clause followed by
        "is", "was" or "has" ("that the characters was";
        plural when Google Books' word pairs put "a" before its singular);
        a finite "be" or "have" whose subject, the noun phrase that starts its
        clause, has the other number ("that the website were", "that
        confirmation of the findings were", "that senior civil servants is");
        and "there were" before "a", "an", "anything" and the like ("there
        were a serious problem"; not "there were a number of", "an estimated
        300", "one or two"). Collectives and quantities take either number in
        British English ("the crowd were", "the majority are") and are never
        reported: WordNet's group and quantity nouns
        (``data/grammar/group-nouns.txt``). Nor are two subjects joined by
        "and", a noun followed by a participle ("those arrested are"), or "a
        wave of protests have" (a quantity).
        "One of the players was" (the head is elsewhere), "the news is" and
        titles ("The Producers has") are left alone. Questions and modals before the pronoun ("does it have",
        "would she have", "let it have") and the subjunctive ("if it were",
        "as it were", "I wish he were") are left alone, and so is speech
        inside quotation marks (its grammar is the speaker's).

    Why it matters
        An agreement slip reads as carelessness; in British copy LanguageTool's
        agreement rules are switched off (they take "England are" for an
        error), so this narrow check keeps the cases that are never right.

    Example
        "BMW said it were confident" gives
        `"it were" does not agree: "it was"`, suggesting "was".

    Options
        None.

    Fix safety
        The suggestion is an unsafe fix: the slip may be in the subject.

    See also
        [grammar](grammar.md) (NL401), LanguageTool's checks; the grammar plugin's README gives the
        planted-slip recall of both together.
    """

    code = "NL412"
    name = "subject-verb-agreement"
    summary = 'A subject and its verb that disagree ("it have", "they was", "the characters was")'
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block, limit in _copy(article):
            text = block.text
            for m in _PRONOUN_VERB.finditer(text, 0, limit):
                subject, verb = (m.group("s"), m.group("w")) if m.group("w") else (m.group("p"), m.group("v"))
                head = text[max(0, m.start() - 20) : m.start()]
                if _INVERTED.search(head) or block.in_quote(m.start(), m.end()):
                    continue
                if subject.lower() == "it" and not _CLAUSE_START.search(head):
                    continue
                if verb == "were" and _SUBJUNCTIVE.search(head):
                    continue
                if verb == "have" and _THAT.search(head) and not _PERFECT.match(text, m.end()):
                    continue  # "insisted that she have a chaperone"; "said that it have been" is a slip
                better = _other_form(verb)
                s, e = m.span("w" if m.group("w") else "v")
                shown = " ".join(m.group().split())
                yield _replacing(self, article, block, s, e, better, f'"{shown}" does not agree: "{subject} {better}"')
            plural_spans = set()
            for m in _PLURAL_VERB.finditer(text, 0, limit):
                head = text[max(0, m.start() - 25) : m.start()]
                if not _CLAUSE_START.search(head) or block.in_quote(m.start(), m.end()) or not _plural(m.group("n")):
                    continue
                verb = m.group("v")
                better = _other_form(verb)
                s, e = m.span("v")
                plural_spans.add(s)
                shown = f"{m.group('n')} {verb}"
                yield _replacing(
                    self, article, block, s, e, better, f'"{shown}" does not agree: "{m.group("n")} {better}"'
                )
            if block.kind != BlockKind.HEADLINE:
                for m, subject, _start in _noun_phrase_subjects(block, text, limit):
                    verb = m.group("v")
                    if m.start("v") in plural_spans:
                        continue
                    better = _other_form(verb)
                    message = f'"{subject} {verb}" does not agree: "{subject} {better}"'
                    yield _replacing(self, article, block, m.start("v"), m.end("v"), better, message)
                for m in _THERE_SINGULAR.finditer(text, 0, limit):
                    rest = m.group("rest").lower().split()
                    if any(w in _QUANTITY_WORDS or w in group_nouns() or w[:1].isdigit() for w in rest):
                        continue
                    if m.group("n") == "one" and rest[:1] in (["or"], ["and"]):
                        continue
                    clause = _CLAUSE_END.split(text[max(0, m.start() - 100) : m.start()])[-1]
                    if block.in_quote(m.start(), m.end()):
                        continue
                    if m.group("v") == "were" and _SUBJUNCTIVE_IN_CLAUSE.search(clause):
                        continue
                    verb, better = m.group("v"), _other_form(m.group("v"))
                    shown = f"{m.group('s')} {verb} {m.group('n')}"
                    message = f'"{shown}" does not agree: "{m.group("s")} {better} {m.group("n")}"'
                    yield _replacing(self, article, block, m.start("v"), m.end("v"), better, message)
            for pattern, table in ((_I_VERB, _I_CHANGE), (_TITLED_VERB, _CHANGE)):
                for m in pattern.finditer(text, 0, limit):
                    head = text[max(0, m.start() - 25) : m.start()]
                    if not _CLAUSE_START.search(head) or _AND.search(head) or _INVERTED.search(head):
                        continue
                    verb, subject = m.group("w"), " ".join(m.group("s").split())
                    if verb == "were" and _SUBJUNCTIVE.search(head) or block.in_quote(m.start(), m.end()):
                        continue
                    better = _other_form(verb, table)
                    s, e = m.span("w")
                    shown = " ".join(m.group().split())
                    message = f'"{shown}" does not agree: "{subject} {better}"'
                    yield _replacing(self, article, block, s, e, better, message)


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [ConfusedWords(), MissingTo(), SubjectVerbAgreement(), MissingArticle()]
