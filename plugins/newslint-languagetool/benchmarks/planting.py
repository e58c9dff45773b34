"""The grammar benchmark's planter: one newsroom slip put into a real, correct sentence.

``bench_grammar.py slips`` finds, in a corpus sentence, a spot where a slip of a kind can
be made (a pattern of :data:`SLIPS`), makes it, and counts whether newslint and
LanguageTool find it. A planted sentence must be wrong English, or a miss is no miss: so
two kinds, whose patterns alone can make good English, are planted only where a rule of
grammar says the result is wrong.

- **Agreement across a clause.** A verb after "who", "which" or "that" is changed to the
  other number ("are" -> "is"). Good English results when the changed verb's subject can
  take either number (a collective, "the government are"; a name, "Vivendi were"; "stop and
  search were"), when the subject is not what stands before the verb ("the people who
  watched the film are"), or in a subjunctive ("if there were a goal"). So the verb is
  changed only where its subject can be told from the words between the relative and the
  verb, and is unambiguous: a personal pronoun ("that he were"), an indefinite one ("that
  someone have"), a person with a title ("that Mr Sullivan are"), or a common noun phrase
  ("that the website were", "that confirmation of the findings were") whose head is a plural
  in -s or an irregular plural, or a singular that is no collective or quantity noun
  (``newslint/data/grammar/group-nouns.txt``, from WordNet) and that agreed with the verb
  as written; and "there" before "a", "an", "nothing" and the like. "Have" after a modal
  ("will has") is always wrong. Not after "if", "as though" or "wish" for "were", nor after
  "insist", "demand" and the like for "have" (a subjunctive).
- **Missing word.** Dropping "to" before "be" is always wrong ("is expected be"); dropping
  "the" before "X of" is wrong only before a singular noun that is no apposition or role:
  "cuts number of" is wrong, "delays to releases of new albums" (a bare plural), "Salam Pax,
  author of the weblog" (an apposition) and "as capital of Israel" are not.
"""

from __future__ import annotations

import random
import re

from newslint.rules.usage import is_plural, noun_phrase_number

#: kind -> patterns finding a correct spot in a real sentence, each with the group ``w`` to
#: change and what to put there (backreferences allowed). Applied to corpus sentences at run time.
SLIPS: dict[str, list[tuple[str, str]]] = {
    "its/it's": [
        (r"\b(?P<w>it's)\b", "its"),
        (r"\b(?P<w>It's)\b", "Its"),
        (r"\b(?P<w>its) (?:own|first|last|new|biggest|main)\b", "it's"),
    ],
    "their/there/they're": [
        (r"\b(?P<w>there) (?:is|are|was|were|have|has)\b", "their"),
        (r"\b(?P<w>their) own\b", "there"),
        (r"\b(?P<w>they're)\b", "their"),
        (r"\b(?P<w>their) [a-z]+s\b", "there"),
    ],
    "your/you're": [(r"\b(?P<w>you're)\b", "your"), (r"\b(?P<w>your) own\b", "you're")],
    "who's/whose": [(r"\b(?P<w>whose)\b", "who's"), (r"\b(?P<w>who's)\b", "whose")],
    "than/then": [(r"\b(?:more|less|better|worse|higher|lower|greater|fewer|rather|[a-z]+er) (?P<w>than)\b", "then")],
    "affect/effect": [
        (r"\b(?:an|the|no|any|an adverse) (?P<w>effect)\b", "affect"),
        (r"\b(?:will|could|would|may|might|to|can|not) (?P<w>affect)\b", "effect"),
    ],
    "lose/loose": [(r"\b(?P<w>lose)\b", "loose"), (r"\b(?P<w>losing)\b", "loosing")],
    "a/an": [(r"\b(?P<w>an) [aeio][a-z]+\b", "a"), (r"\b(?P<w>a) [bcdfgjklmnprstvwz][a-z]+\b", "an")],
    "principal/principle": [(r"\b(?P<w>principal)\b", "principle"), (r"\bin (?P<w>principle)\b", "principal")],
    "complement/compliment": [
        (r"\b(?P<w>compliment)(?:s|ed)?\b", "complement"),
        (r"\b(?P<w>complement)(?:s|ed)?\b", "compliment"),
    ],
    "could of": [(r"\b(?:could|would|should|might|must) (?P<w>have) [a-z]+(?:ed|en|ne)\b", "of")],
    "agreement across a clause": [
        (r"\b[a-z]+s,? (?P<r>who|which|that) (?P<mid>(?:[\w'-]+ ){1,5})(?P<w>are|were|have)\b", "{agree}"),
        (r"\b[a-z]+[^s\W],? (?P<r>who|which|that) (?P<mid>(?:[\w'-]+ ){1,5})(?P<w>is|was|has)\b", "{agree}"),
    ],
    "doubled word": [(r"\b(?P<w>the|a|to|of|in|and|for) [a-z]", "\\g<w> \\g<w>")],
    "missing word": [(r"\b(?P<w>to )be\b", ""), (r"\b(?P<w>the )(?P<n>[a-z]+) of\b", "")],
}

AGREE = {"are": "is", "were": "was", "have": "has", "is": "are", "was": "were", "has": "have"}

#: closed-class words that stand between a subject and its verb ("they also have")
ADVERBS = frozenset(
    "also still now already never always often just only ever even all both each then once soon".split()
)
#: a modal or "to" before "have": "will has" is wrong whatever the subject
BEFORE_BARE = frozenset("will would can could may might shall should must to do does did".split())
SINGULAR_PRONOUNS = frozenset(
    "he she it someone anyone everyone no-one nobody somebody everybody anybody something anything everything "
    "nothing".split()
)
PLURAL_PRONOUNS = frozenset("we they you".split())
TITLES = frozenset("Mr Mrs Ms Dr Sir Lord Lady".split())
#: after "there" + a singular verb: a singular that "there were" cannot take
SINGULAR_AFTER_THERE = frozenset(
    "a an another one anything nothing something nobody someone anyone everything everyone little much".split()
)
_SUBJUNCTIVE_WERE = re.compile(
    r"\b(?:if|as though|though|wish|wished|wishes|whether|unless|suppose|supposing|imagine)\b", re.I
)
_MANDATIVE = re.compile(
    r"\b(?:insist|demand|require|recommend|suggest|propose|request|urge|ask|order|essential|vital|important|"
    r"necessary|crucial|imperative)\w*",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][\w'-]*$")


def subject_number(mid: str, after: str) -> str | None:
    """What the words ``mid`` between a relative ("who", "which", "that") and a verb say of its subject.

    "sg" or "pl" (a subject of one number only), "I", "bare" (the verb follows a modal or
    "to", so no finite form is right), "there-sg" ("there" before a singular noun phrase,
    read from ``after``, the words after the verb), or None when the subject cannot be told
    for certain.
    """
    words = mid.split()
    while words and (words[-1].lower() in ADVERBS or (len(words[-1]) > 6 and words[-1].endswith("ly"))):
        words.pop()
    if not words or not all(_WORD.match(w) for w in words):
        return None
    last = words[-1]
    if last.lower() in BEFORE_BARE:
        return "bare"
    if len(words) == 1:
        low = last.lower() if last != "I" else "I"
        if low == "I":
            return "I"
        if low in SINGULAR_PRONOUNS:
            return "sg"
        if low in PLURAL_PRONOUNS:
            return "pl"
        if low == "there":
            nxt = after.split()[:1]
            return "there-sg" if nxt and nxt[0].lower() in SINGULAR_AFTER_THERE else None
    if last in ("he", "she") and words[-2:-1] not in (["and"], ["or"], ["nor"]):
        return "sg"  # "who said he": a subject, and never an object
    if last in ("they", "we") and words[-2:-1] not in (["and"], ["or"], ["nor"]):
        return "pl"
    if 2 <= len(words) <= 3 and words[0] in TITLES and all(w[:1].isupper() for w in words[1:]):
        return "sg"  # "Mr Sullivan", "Dr Rowan Williams"
    return noun_phrase_number(words)


def agreement_is_error(sentence: str, m: re.Match[str]) -> bool:
    """Whether changing the verb ``m`` found (group ``w``, after ``mid``) makes a real agreement slip."""
    verb = m.group("w")
    new = AGREE[verb]
    subject = subject_number(m.group("mid"), sentence[m.end("w") :])
    before = sentence[: m.start("w")]
    if new == "were" and _SUBJUNCTIVE_WERE.search(before):
        return False  # "if there were a goal", "as though he were"
    if new == "have" and _MANDATIVE.search(before):
        return False  # "they insist that he have a lawyer"
    was_plural = verb in ("are", "were", "have")
    if subject == "bare":
        return verb == "have"
    if subject == "I":
        return verb in ("have", "was")  # "I has", "I were"; "I are" and "I is" are never in the copy
    if subject == "there-sg":
        return not was_plural
    return subject == ("pl" if was_plural else "sg")


def missing_word_is_error(sentence: str, m: re.Match[str]) -> bool:
    """Whether dropping the word ``m`` found leaves wrong English.

    "To" before "be", always; "the" before "X of" only before a singular noun, not after a
    comma (an apposition: "Salam Pax, author of the weblog") or "as" ("as capital of").
    """
    if "n" not in m.groupdict() or m.group("n") is None:
        return True
    noun = m.group("n")
    if is_plural(noun):
        return False
    return not re.search(r"(?:,|\bas|\bAs)\s*$", sentence[: m.start("w")])


#: kinds whose pattern alone can make good English, with the test that keeps only the errors
IS_ERROR = {"agreement across a clause": agreement_is_error, "missing word": missing_word_is_error}


def candidates(kind: str, sentence: str) -> list[tuple[re.Match[str], str]]:
    """Every spot in ``sentence`` where a slip of ``kind`` would be a real error, with what to write."""
    test = IS_ERROR.get(kind)
    return [
        (m, wrong)
        for pattern, wrong in SLIPS[kind]
        for m in re.finditer(pattern, sentence)
        if test is None or test(sentence, m)
    ]


def plant(kind: str, sentence: str, rng: random.Random) -> tuple[str, int, int] | None:
    """The sentence with one slip of ``kind``: (slipped text, start and end of the slip in it)."""
    options = candidates(kind, sentence)
    if not options:
        return None
    m, wrong = rng.choice(options)
    w0, w1 = m.span("w")
    new = AGREE[m.group("w")] if wrong == "{agree}" else m.expand(wrong)
    return sentence[:w0] + new + sentence[w1:], w0, w0 + max(len(new), 1)
