"""The name checks: what is suspicious about the names in one article, and across a batch.

:func:`analyse` reads an article once and returns :class:`Finding` records; the
rules in ``newslint.rules.names`` turn them into diagnostics. The order of the
passes matters, because each finding is reported once, by the most certain
pass that sees it:

1. *Authority, exact*: a run of words that is a known spelling is a known
   person (never flagged, even when close to someone else: Kim Jong-il is
   real); a house list's known wrong spelling or non-house variant is flagged.
2. *Authority, near miss*: two to six words within the edit budget of a
   known name (also around a known alias: "Carlos Alvarado Quesvda"), nearest
   person unique, each changed word keeping its first letter, and either the
   changed word is new to the archive or the article backs the known spelling.
3. *Within the article*: one person spelt two ways; the minority form is flagged.
4. *Second references*: "Mr Tilerson" near an introduced "Rex Tillerson";
   surname-first misuse ("Mr Un"); an honorific with a name never introduced.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import OSA

from newslint.article import BlockKind
from newslint.names.authority import deletion_keys
from newslint.names.text import (
    HONORIFICS,
    PARTICLES,
    PERSON_TITLES,
    STOPWORDS,
    Run,
    Token,
    compact_key,
    find_runs,
    word_key,
)
from newslint.regex import compile_re

if TYPE_CHECKING:
    from newslint.article import Article
    from newslint.names.authority import Authority, Hit, Person


#: Family names that put the family name first (Korean, Chinese, Cambodian names in English copy).
FAMILY_FIRST = frozenset(
    """kim lee yi park pak choi choe jung jeong chung kang cho jo yoon yun jang chang lim im han
    oh seo shin kwon hwang ahn an song jeon hong moon mun yang ko son bae baek ro roh noh ban
    xi li wang zhang liu chen zhou wu hu zhao sun ma zhu guo he lin luo gao deng wen jiang hun""".split()
)

#: Honorifics for a person introduced earlier ("Lord Hattersley" and "Dr Seuss" need no introduction).
PLAIN_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx"})

_SAID_AFTER = compile_re(r"(?:\s+(?:said|says|told|added|asked|wrote|insisted|argued)\b|,\s+\d\d,)")

#: Words before a capitalised word that make it a place, not a person ("in Kano", "near Page").
PLACE_BEFORE = frozenset("in at near outside around across towards inside".split())

#: Lower-case words that join the next word to a name ("Davide dal Maso", "Hamad bin Khalifa").
NAME_PARTS_BEFORE = PARTICLES | frozenset("dal dalla dei degli lo vom zum zur ben abu ap mac st".split())

#: ``is_word(word)``: true when a general English word list knows the word in any case
#: ("Kano", "Paige", "Bald"), so a capitalised word one letter from a surname is not a slip.
WordTest = Callable[[str], bool]

@dataclass(frozen=True)
class Finding:
    """One suspicious name.

    ``kind`` is ``authority`` (near a known name), ``wrong`` (a listed wrong
    spelling), ``variant`` (not the house spelling), ``article`` (minority
    spelling in the article), ``reference`` ("Mr Tilerson"), ``order``
    ("Mr Un") or ``unintroduced`` ("Mr X" never introduced). ``block`` is the
    index into ``article.blocks``; ``start``/``end`` are block-relative.
    """

    kind: str
    block: int
    start: int
    end: int
    written: str
    suggestions: tuple[str, ...]
    confident: bool
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mention:
    """A multi-word name as written in the article."""

    block: int
    start: int
    end: int
    words: tuple[str, ...]
    title: str | None
    known: tuple[int, ...]  # person indexes when the spelling is accepted by the authority
    person: bool = False  # evidence that this is a person (set by analyse for the batch check)

    @property
    def key(self) -> str:
        return compact_key(" ".join(self.words))


@dataclass
class Analysis:
    """Everything the checks learned about one article."""

    findings: list[Finding]
    mentions: list[Mention]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _spelling_for(person: Person, key: str, written: str) -> str:
    """The accepted spelling of ``person`` with compact key ``key``, shaped like ``written``.

    Words the writer got right are kept as written, so a desk that writes
    "Jose Mourinho" without the accent is offered "Jose Mourinho", not "José".
    """
    same = [s for s in person.spellings if compact_key(s) == key] or [person.name]
    hyphen = "-" in written
    best = same[0]
    for s in same:
        if ("-" in s) == hyphen and len(s.split()) == len(written.split()):
            best = s
            break
    ws, bs = written.split(), best.split()
    if len(ws) == len(bs):
        best = " ".join(w if word_key(w) == word_key(b) else b for w, b in zip(ws, bs, strict=True))
    if written.isupper():  # a headline in capitals: "KIM JONG-ON" -> "KIM JONG-UN"
        best = best.upper()
    return best


def _parts(words: Sequence[str]) -> list[tuple[str, bool]]:
    """Name parts compared one to one, each with whether it starts a word.

    Hyphenated words are split ("Sassou-Nguesso" and "Sassou Nguesso" align),
    initials and "Jr" dropped.
    """
    out = []
    for w in words:
        for i, p in enumerate(w.split("-")):
            k = word_key(p)
            if len(k) > 1 and k not in ("jr", "sr"):
                out.append((p, i == 0))
    return out


def _changed_words(written: Sequence[str], target: str) -> list[tuple[str, str | None]]:
    """(written part, target part) pairs that differ; target part None when unaligned."""
    return [(w, t) for w, t, _start in _changed_parts(written, target)]


def _changed_parts(written: Sequence[str], target: str) -> list[tuple[str, str | None, bool]]:
    wp, tp = _parts(written), _parts(target.split())
    if len(wp) == len(tp):
        return [(w, t, s1 or s2) for (w, s1), (t, s2) in zip(wp, tp, strict=True) if word_key(w) != word_key(t)]
    tkeys = {word_key(t) for t, _ in tp}
    return [(w, None, True) for w, _ in wp if word_key(w) not in tkeys]


class _Article:
    """Per-article working state: blocks, runs and a word index."""

    def __init__(self, article: Article, is_word: WordTest | None = None):
        self.article = article
        self.is_word = is_word
        self.runs: list[tuple[int, Run]] = []
        self.word_spans: dict[str, list[tuple[int, int]]] = {}  # word key -> [(block, start)]
        self.honorific_words: set[str] | None = None
        self._person_words: set[str] | None = None
        spans = self.word_spans
        copy = BlockKind.COPY
        for bi, block in enumerate(article.blocks):
            if block.kind not in copy:
                continue  # photo credits, bylines and boilerplate name agency and staff, not the story's people
            limit = block.credit[0] if block.credit else len(block.text)
            for run in find_runs(block.text):
                if run.start >= limit:
                    break
                self.runs.append((bi, run))
                for t in run.tokens:
                    at = (bi, t.start)
                    spans.setdefault(word_key(t.text), []).append(at)
                    if "-" in t.text:
                        for part in set(t.text.split("-")):
                            if part != t.text:
                                spans.setdefault(word_key(part), []).append(at)

    def person_like(self, auth: Authority, m: Mention) -> bool:
        """Evidence that a multi-word mention is a person, not a place or a team."""
        if any(not auth.people[pi].phrase for pi in m.known) or m.title in PERSON_TITLES:
            return True
        caps = [w for w in m.words if w not in PARTICLES]
        if word_key(caps[0]) in auth.given:
            return True
        if self.honorific_words is None:
            self.honorific_words = {
                word_key(run.tokens[0].text)
                for _bi, run in self.runs
                if run.title in HONORIFICS and len(run.tokens) == 1
            }
        return word_key(caps[-1]) in self.honorific_words or word_key(caps[0]) in self.honorific_words

    def known_word(self, auth: Authority, word: str) -> bool:
        """True when ``word`` is in a known name, in published copy, or in a general word list."""
        k = word_key(word)
        return (
            bool(auth.name_words.get(k))
            or k in auth.vocabulary
            or auth.tokens.get(k, 0) > 0
            or (self.is_word is not None and self.is_word(word))
        )

    def person_words(self) -> set[str]:
        """Keys of words the article uses alone as a person: "Mr Hewitt", "Hewitt said",
        "said Hewitt", "Hewitt, 23,"."""
        if self._person_words is None:
            out = set()
            for bi, run in self.runs:
                if len(run.tokens) != 1:
                    continue
                tok = run.tokens[0]
                if (
                    run.title in PERSON_TITLES
                    or run.after_said
                    or _SAID_AFTER.match(self.article.blocks[bi].text, tok.end) is not None
                ):
                    out.add(word_key(tok.text))
            self._person_words = out
        return self._person_words

    def count(self, word: str) -> int:
        """How often a capitalised word (or hyphen part) is written in the article."""
        return len(self.word_spans.get(word_key(word), ()))

    def word_elsewhere(self, word: str, block: int, start: int, end: int) -> bool:
        """True when ``word`` is written (capitalised) outside ``[start, end)`` of ``block``."""
        for bi, s in self.word_spans.get(word_key(word), ()):
            if bi != block or not start <= s < end:
                return True
        return False


def _is_particle(t: Token) -> bool:
    return t.text in PARTICLES


def _exact_pass(
    auth: Authority, ws: _Article, bi: int, run: Run, findings: list[Finding], mentions: list[Mention]
) -> list[list[Token]]:
    """Match known spellings (longest first); return the uncovered stretches of the run."""
    toks = run.tokens
    n = len(toks)
    block = ws.article.blocks[bi]
    segments: list[list[Token]] = []
    cur: list[Token] = []
    i = 0
    while i < n:
        matched = 0
        if not _is_particle(toks[i]):
            for j in range(min(n, i + 6), i, -1):
                if _is_particle(toks[j - 1]):
                    continue
                words = [t.text for t in toks[i:j]]
                key = compact_key(" ".join(words))
                entries = auth.exact.get(key)
                if not entries:
                    if j - i >= 2 and key in auth.phrases:
                        # a phrase in published use: known, but it may still be a person the
                        # archive never called "Mr" ("Lisa Page"), who introduces a surname
                        matched = j - i
                        words = [t.text for t in toks[i:j]]
                        mentions.append(Mention(bi, toks[i].start, toks[j - 1].end, tuple(words), run.title, ()))
                        break
                    continue
                if j - i == 1 and compact_key(words[0]) not in auth.single:
                    continue  # a single word matches only a one-word name ("Lula"), not a surname
                matched = j - i
                start, end = toks[i].start, toks[j - 1].end
                written = block.text[start:end]
                accepted = tuple(pi for pi, kind in entries if kind == "accepted")
                # a listed variant or wrong spelling may share its key with the house
                # spelling ("Kim Jong-un" / "Kim Jong Un"): compare the exact form
                exact_form = " ".join(words).casefold()
                listed = [
                    (pi, kind)
                    for pi in accepted
                    for kind, forms in (("wrong", auth.people[pi].wrong), ("variant", auth.people[pi].variants))
                    if any(" ".join(f.split()).casefold() == exact_form for f in forms)
                ]
                if listed:
                    entries, accepted = listed, ()
                if accepted:
                    mentions.append(Mention(bi, start, end, tuple(words), run.title, accepted))
                else:
                    pi, kind = entries[0]
                    person = auth.people[pi]
                    findings.append(
                        Finding(
                            "wrong" if kind == "wrong" else "variant",
                            bi, start, end, _clean(written), (person.name,), True,
                            {"source": person.sources[0], "person": person.name},
                        )
                    )
                    mentions.append(Mention(bi, start, end, tuple(words), run.title, (pi,)))
                break
        if matched:
            if cur:
                segments.append(cur)
                cur = []
            i += matched
        else:
            cur.append(toks[i])
            i += 1
    if cur:
        segments.append(cur)
    return segments


def _strip(seg: list[Token]) -> list[Token]:
    """Drop sentence-start words ("But", "The") and particles at the ends of a stretch."""
    i, j = 0, len(seg)
    while i < j and (seg[i].text in STOPWORDS or _is_particle(seg[i])):
        i += 1
    while j > i and _is_particle(seg[j - 1]):
        j -= 1
    return seg[i:j]


def _near_pass(
    auth: Authority,
    ws: _Article,
    bi: int,
    run: Run,
    seg: list[Token],
    findings: list[Finding],
    covered: set[int] = frozenset(),  # type: ignore[assignment]
) -> Mention | None:
    """Look for a near miss of a known name in a run; return it as a mention.

    ``covered`` holds the start offsets of words already matched exactly: a
    near miss must include at least one other word, so "Carlos Alvarado
    Quesvda" (where "Carlos Alvarado" is a known alias) is still seen.
    """
    block = ws.article.blocks[bi]
    best: tuple[tuple[int, int], int, int, list[Hit]] | None = None
    n = len(seg)
    for i in range(n):
        if _is_particle(seg[i]) or seg[i].text in STOPWORDS:
            continue
        for j in range(min(n, i + 6), i + 1, -1):
            if _is_particle(seg[j - 1]):
                continue
            if covered and all(t.start in covered for t in seg[i:j]):
                continue
            if sum(1 for t in seg[i:j] if len(word_key(t.text)) > 1) < 2:
                continue  # "C Thomson" is an initial and a surname: too little to judge
            phrase = " ".join(t.text for t in seg[i:j])
            hits = auth.near(phrase)
            if not hits:
                continue
            rank = (hits[0].distance, -(j - i))
            if best is None or rank < best[0]:
                best = (rank, i, j, hits)
    if best is None:
        return None
    _, i, j, hits = best
    toks = seg[i:j]
    words = tuple(t.text for t in toks)
    start, end = toks[0].start, toks[-1].end
    written = block.text[start:end]
    d0 = hits[0].distance
    nearest: dict[int, Hit] = {}
    for h in hits:
        if h.distance == d0:
            nearest.setdefault(h.person, h)
    # typing slips keep a word's first letter: a new first letter is another person
    # ("Hank Williams", "Shane Williams") or a transliteration (Costas, Kostas); two
    # edits in one short word are another person too ("Chris Hawkins", "Chris Hipkins")
    # "We can't all be Wayne Rooneys", "the Tony Blairs of this world": a plural
    plural = _plural_before(block.text, start) or block.text.startswith(" of ", end)
    people = [
        pi for pi, h in nearest.items()
        if _plausible_slip(
            words, _spelling_for(auth.people[pi], h.spelling, written), d0,
            auth.people[pi].phrase or plural,
        )
    ]
    if not people:
        return None

    def corroborated(pi: int) -> bool:
        person = auth.people[pi]
        spelling = _spelling_for(person, nearest[pi].spelling, written)
        words_to_check = [t for _, t in _changed_words(words, spelling) if t] + [person.surname]
        return any(ws.word_elsewhere(w, bi, start, end) for w in words_to_check)

    if len(people) > 1:
        corroborated_people = [pi for pi in people if corroborated(pi)]
        if len(corroborated_people) == 1:
            people = corroborated_people
        else:
            counts = sorted((auth.people[pi].count, pi) for pi in people)
            if counts[-1][0] >= 10 * max(counts[-2][0], 1):
                people = [counts[-1][1]]
    pi = people[0]
    person = auth.people[pi]
    spelling = _spelling_for(person, nearest[pi].spelling, written)
    changed = _changed_words(words, spelling)
    unseen = all(_unseen(auth, w, person) for w, _ in changed)
    # the right spelling of the changed word is written elsewhere in the article
    backed = any(t and ws.word_elsewhere(t, bi, start, end) for _, t in changed)
    if not unseen and not (
        d0 == 1
        and (
            _repeats(ws, spelling.split()) > 0
            or (
                not any(_common(auth, w) for w, _ in changed)
                and all(_distinctive(auth, part, person) for part, _ in _parts(spelling.split())
                        if part not in PARTICLES and all(word_key(part) != word_key(t) for _, t in changed if t))
            )
        )
    ):
        # the changed word is a real name ("John Huston" is not "John Houston"),
        # unless the article spells the known person right elsewhere or the rest of
        # the name is that person's alone ("Mikheil Khodorkovsky")
        return None
    if "archive" in person.sources and len(person.sources) == 1 and not backed:
        # the archive is large and unreviewed: a spelling the article uses again
        # (and never the archive's) is a real, different person ("Michael Rafferty")
        if any(ws.word_elsewhere(w, bi, start, end) for w, _ in changed):
            return None
    if not backed and _repeats(ws, words) >= 3:
        return None
    if not backed and _surname_repeated(ws, words, spelling):
        # "Rick Parry" introduced, then "Parry said", "Parry added": the article spells its
        # person on purpose, and a known "Rick Perry" is someone else
        return None
    if len(people) == 1:
        suggestions: tuple[str, ...] = (spelling,)
        confident = True
    else:
        if not unseen:
            return None
        suggestions = tuple(
            _spelling_for(auth.people[p], nearest[p].spelling, written) for p in people[:3]
        )
        confident = False
    findings.append(
        Finding(
            "authority", bi, start, end, _clean(written), suggestions, confident,
            {
                "source": _source(person),
                "archive_count": person.count,
                "distance": d0,
                "person": person.name,
                **({"role": person.role} if person.role else {}),
            },
        )
    )
    return Mention(bi, start, end, words, run.title, ())


_PLURAL_BEFORE = compile_re(
    r"\b(?:the|be|all|more|other|future|many|two|three|these|those|some|few|several)\s+$", re.IGNORECASE
)


def _plural_before(text: str, start: int) -> bool:
    """True after "the", "all", "many" and the like: "the Tony Blairs of this world"."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == start:
        return False
    # the longest word is seven letters, and \b looks at the character before the window
    return _PLURAL_BEFORE.search(text, max(0, i - 8), start) is not None


#: The systematic differences between romanisations of one name, each rewritten to one form:
#: Cyrillic -ев after a vowel (Akayev, Akaev), -ий and -ый (Zelenskiy, Zelenskyy, Zelensky;
#: Dmitriy, Dmitry), -ич (Yanukovych, Yanukovich, Yanukovitch), й after a vowel (Sergei,
#: Sergey; Nikolai, Nikolay), ия and ья (Yuliya, Yulia; Stiliyan, Stilian; Natalya,
#: Natalia); Greek -ιος (Dimitrios, Dimitris) and -πουλος (Papadopoulos, Papadopulos).
#: A new first letter (Costas, Kostas) is told apart already: the first letter of a slip stays.
_ROMANISATIONS = tuple(
    (compile_re(pattern), form)
    for pattern, form in (
        (r"(?<=[aeiou])ye(?=v)", "e"),
        (r"(?:iy|yy|ii|yi)$", "y"),
        (r"(?<=sk)i$", "y"),
        (r"(?:ych|itch)$", "ich"),
        (r"(?<=[aeiou])y$", "i"),
        (r"(?<=i)y(?=[aeou])", ""),
        (r"(?<=[^aeiou])ya$", "ia"),
        (r"ios$", "is"),
        (r"poulos$", "pulos"),
    )
)


def romanisation_key(word: str) -> str:
    """``word``'s key with the romanisation differences of :data:`_ROMANISATIONS` made one form."""
    k = word_key(word)
    for pattern, form in _ROMANISATIONS:
        k = pattern.sub(form, k)
    return k


def _romanised_alike(w: str, t: str) -> bool:
    """True when two spellings of a name word differ only as romanisations do (Akaev, Akayev)."""
    return word_key(w) != word_key(t) and len(word_key(t)) >= 5 and romanisation_key(w) == romanisation_key(t)


def _plausible_slip(words: Sequence[str], spelling: str, distance: int, phrase: bool = False) -> bool:
    """Could ``words`` be a typing slip for ``spelling``? (see :func:`_near_pass`)."""
    parts = _changed_parts(words, spelling)
    if any(t is None or (starts and word_key(w)[:1] != word_key(t)[:1]) for w, t, starts in parts):
        return False
    if parts and all(t is not None and _romanised_alike(w, t) for w, t, _starts in parts):
        return False  # "Askar Akaev" is Askar Akayev romanised another way, not a slip
    for w, t, _starts in parts:
        kw, kt = word_key(w), word_key(t or "")
        # "Saudi Arabian", "East Anglian", "North Korean": adjectives of places in -a
        if kw == kt + "n" and kt.endswith("a"):
            return False
        # a phrase with a letter more or less at the end is another thing: "Australian
        # Opens" (a plural), "Donkey Konga" (a game, not Donkey Kong); a doubled letter
        # lost at the end ("Terrorism Bil") is still a slip
        if phrase and (
            (len(kw) == len(kt) + 1 and kw.startswith(kt))
            or (len(kt) == len(kw) + 1 and kt.startswith(kw) and kt[-1] != kt[-2:-1])
        ):
            return False
    if distance >= 2:
        for w, t, _starts in parts:
            kt = word_key(t or "")
            if OSA.distance(word_key(w), kt) > 1 and len(kt) < 9:
                return False
    return True


def _source(person: Person) -> str:
    for s in ("house", "default", "archive"):
        if s in person.sources:
            return s
    return person.sources[0] if person.sources else "archive"


def _unseen(auth: Authority, word: str, against: Person | None = None) -> bool:
    """True when a word is in no known name and (with an archive) new to published copy.

    A word seen in one archive article still counts as new next to a person
    the archive names at least five times as often (or a listed person).
    """
    k = word_key(word)
    people_with_word = auth.name_words.get(k, 0)
    if people_with_word:
        # A word of one listed person's name that published copy never wrote does not make a
        # near miss of someone the archive names often a different person: "Micheal Owen" is
        # Michael Owen, even though Ireland's Micheál Martin is listed as "Micheal".
        rare_here = people_with_word == 1 and auth.has_archive and auth.tokens.get(k, 0) == 0
        if not (rare_here and against is not None and against.count >= 5):
            return False
    if not auth.has_archive:
        return True
    if k in auth.vocabulary:
        return False
    seen = auth.tokens.get(k, 0)
    if seen == 0:
        return True
    listed = against is not None and ("default" in against.sources or "house" in against.sources)
    return seen == 1 and against is not None and (listed or against.count >= 5)


def _common(auth: Authority, word: str) -> bool:
    """True for a name word in wide use ("Mohammed", "John"): changing it may mean another person."""
    k = word_key(word)
    if auth.has_archive:
        return auth.tokens.get(k, 0) >= 2
    return auth.name_words.get(k, 0) >= 3


def _distinctive(auth: Authority, word: str, person: Person) -> bool:
    """True when ``word`` is, in practice, only ever part of this person's name."""
    k = word_key(word)
    if auth.has_archive:
        return k not in auth.vocabulary and auth.tokens.get(k, 0) <= 2 * person.count + 2
    return auth.name_words.get(k, 0) <= 1


def _surname_repeated(ws: _Article, words: Sequence[str], spelling: str) -> bool:
    """True when the changed surname of a full name is written alone elsewhere in the article.

    A slip is typed once; a surname the article repeats on its own ("Parry said" after
    "Rick Parry") is the spelling it means.
    """
    target = spelling.split()
    if len(words) < 2 or len(target) != len(words):
        return False
    last, right = words[-1], target[-1]
    if word_key(last) == word_key(right):
        return False
    k = word_key(last)
    return any(len(run.tokens) == 1 and word_key(run.tokens[0].text) == k for _bi, run in ws.runs)


def _repeats(ws: _Article, words: Sequence[str]) -> int:
    key = compact_key(" ".join(words))
    n = 0
    for _bi, run in ws.runs:
        if len(run.tokens) >= len(words) and key in compact_key(" ".join(run.words)):
            n += 1
    return n


def analyse(article: Article, auth: Authority, is_word: WordTest | None = None) -> Analysis:
    """Run every per-article name check over ``article``.

    ``is_word`` tells general English words ("Kano", "Bald") from slips; without
    it (and without an archive) a lone capitalised word is not compared with
    the surnames the article introduced.
    """
    ws = _Article(article, is_word)
    findings: list[Finding] = []
    mentions: list[Mention] = []
    candidates: list[Mention] = []  # unknown multi-word names, for the within-article check
    singles: list[tuple[int, Run]] = []
    for bi, run in ws.runs:
        if len(run.tokens) == 1 and not is_known_single(auth, run):
            if not _one_word_near(auth, ws, bi, run, findings):
                singles.append((bi, run))
            continue
        before = len(mentions)
        segments = _exact_pass(auth, ws, bi, run, findings, mentions)
        segments = [seg for seg in (_strip(s) for s in segments) if seg]
        if not segments:
            continue
        if len(mentions) > before:
            # part of the run is a known spelling: look for a longer near miss around it
            covered = {t.start for m in mentions[before:] for t in run.tokens if m.start <= t.start < m.end}
            whole = _strip(list(run.tokens))
            m = _near_pass(auth, ws, bi, run, whole, findings, covered)
            if m is not None:
                mentions[before:] = [x for x in mentions[before:] if x.end <= m.start or x.start >= m.end]
                continue
        for seg in segments:
            if len(seg) >= 2:
                m = _near_pass(auth, ws, bi, run, seg, findings)
                if m is None and len(seg) <= 4:
                    candidates.append(
                        Mention(bi, seg[0].start, seg[-1].end, tuple(t.text for t in seg), run.title, ())
                    )
    flagged = {(f.block, f.start) for f in findings}
    _within_article(auth, ws, mentions, candidates, findings, flagged)
    _references(auth, ws, mentions + candidates, singles, findings)
    findings = [_narrow_to_part(ws, f) for f in findings]
    findings.sort(key=lambda f: (f.block, f.start))
    names = [replace(m, person=ws.person_like(auth, m)) for m in mentions + candidates]
    return Analysis(findings, names)


_HYPHEN_PARTS = compile_re(r"[^\s-]+")


def _narrow_to_part(ws: _Article, f: Finding) -> Finding:
    """A finding whose only slip is one part of a double-barrelled name, narrowed to that part.

    "Robert Kolroy-Silk" for Robert Kilroy-Silk is reported as "Kolroy" with "Kilroy", so
    the editor sees which half is wrong; the whole names stay in ``data``. Only names whose
    parts are all capitalised are narrowed: "Kim Jong-on" is one given name, reported whole,
    and so is a name in a headline in capitals.
    """
    if f.kind not in ("authority", "article", "reference") or len(f.suggestions) != 1:
        return f
    text = ws.article.blocks[f.block].text
    written = list(_HYPHEN_PARTS.finditer(text, f.start, f.end))
    right = f.suggestions[0].replace("-", " ").split()
    if len(written) != len(right) or not any("-" in w for w in f.suggestions[0].split()):
        return f
    diff = [(m, r) for m, r in zip(written, right, strict=True) if word_key(m.group()) != word_key(r)]
    if len(diff) != 1:
        return f
    m, r = diff[0]
    word = next((w for w in f.suggestions[0].split() if "-" in w and r in w.split("-")), None)
    if word is None or word.isupper() or not all(p[:1].isupper() for p in word.split("-")):
        return f
    return replace(
        f, start=m.start(), end=m.end(), written=m.group(), suggestions=(r,),
        data={**f.data, "name": f.written, "suggested_name": f.suggestions[0]},
    )


def _one_word_near(auth: Authority, ws: _Article, bi: int, run: Run, findings: list[Finding]) -> bool:
    """A one-word run one edit from a known one-word name ("Vajifalongkorn"); long words only."""
    tok = run.tokens[0]
    key = compact_key(tok.text)
    if len(key) < 7 or not _unseen(auth, tok.text):
        return False
    hits = auth.near_single(tok.text)
    people = {h.person for h in hits}
    if len(people) != 1 or key[0] != hits[0].spelling[0]:
        return False
    person = auth.people[hits[0].person]
    right = next((s for s in person.spellings if compact_key(s) == hits[0].spelling), person.name)
    findings.append(
        Finding(
            "authority", bi, tok.start, tok.end, tok.text, (right,), True,
            {"source": _source(person), "archive_count": person.count, "distance": 1, "person": person.name},
        )
    )
    return True


def is_known_single(auth: Authority, run: Run) -> bool:
    """True when a one-word run is a known one-word name ("Lula", "Pelé")."""
    return compact_key(run.tokens[0].text) in auth.single


def _one_word_apart(a: Sequence[str], b: Sequence[str]) -> tuple[int, int] | None:
    """(index, distance) of the only differing word when a and b differ in one word by one edit."""
    if len(a) != len(b):
        return None
    diff = [i for i in range(len(a)) if word_key(a[i]) != word_key(b[i])]
    if len(diff) != 1:
        return None
    i = diff[0]
    ka, kb = word_key(a[i]), word_key(b[i])
    if min(len(ka), len(kb)) < 4 or ka[0] != kb[0]:
        return None  # a new first letter is another name or a transliteration, not a slip
    d = OSA.distance(ka, kb, score_cutoff=1)
    return (i, d) if d <= 1 else None


def _within_article(
    auth: Authority,
    ws: _Article,
    mentions: list[Mention],
    candidates: list[Mention],
    findings: list[Finding],
    flagged: set[tuple[int, int]],
) -> None:
    """One person spelt two ways in the article: flag the minority spelling."""
    forms: dict[str, list[Mention]] = {}
    for m in mentions + candidates:
        forms.setdefault(m.key, []).append(m)
    keys = list(forms)
    if len(keys) < 2:
        return

    def person_like(ms: list[Mention]) -> bool:
        return any(ws.person_like(auth, m) for m in ms)
    done: set[str] = set()
    # two spellings one edit apart share a deletion key: compare only those pairs (in the
    # order of a full double loop), so an article with thousands of names stays linear
    buckets: dict[str, list[int]] = {}
    for x, k in enumerate(keys):
        if len(k) >= 6:
            for d in deletion_keys(k, 1):
                buckets.setdefault(d, []).append(x)
    for x in range(len(keys)):
        if len(keys[x]) < 6:
            continue
        ys = sorted({y for d in deletion_keys(keys[x], 1) for y in buckets[d] if y > x})
        for y in ys:
            ka, kb = keys[x], keys[y]
            if abs(len(ka) - len(kb)) > 1 or min(len(ka), len(kb)) < 6:
                continue
            ma, mb = forms[ka][0], forms[kb][0]
            apart = _one_word_apart(ma.words, mb.words)
            if apart is None:
                continue
            i, _d = apart
            if ma.known and mb.known:
                continue  # two real people (Kim Jong-il, Kim Jong-un)
            wa_k, wb_k = word_key(ma.words[i]), word_key(mb.words[i])
            if wa_k + "s" == wb_k or wb_k + "s" == wa_k:
                continue  # "Grand Slams", "the Wayne Rooneys of this world": plurals
            wa, wb = ma.words[i], mb.words[i]
            score_a = len(forms[ka]) + _single_refs(ws, wa, forms[ka])
            score_b = len(forms[kb]) + _single_refs(ws, wb, forms[kb])
            # once each: the spelling a word list or the authority knows is the one meant
            # ("Rio de Janeir" beside "Rio de Janeiro")
            a_known = score_a == score_b and _better_known(auth, ws, ma.words[i], mb.words[i])
            b_known = score_a == score_b and _better_known(auth, ws, mb.words[i], ma.words[i])
            if ma.known or (score_a > score_b and not mb.known) or a_known:
                minority, majority, wm, wM = kb, ka, wb, wa
            elif mb.known or score_b > score_a or b_known:
                minority, majority, wm, wM = ka, kb, wa, wb
            else:
                # a tie: the later spelling is the suspect, but without a fix
                first_a = min((m.block, m.start) for m in forms[ka])
                first_b = min((m.block, m.start) for m in forms[kb])
                minority, majority, wm, wM = (kb, ka, wb, wa) if first_a < first_b else (ka, kb, wa, wb)
            tied = score_a == score_b and not (ma.known or mb.known or a_known or b_known)
            if minority in done:
                continue
            if not (person_like(forms[ka]) and person_like(forms[kb])) and not (
                not (ws.is_word is None and not auth.has_archive)
                and not ws.known_word(auth, wm)
                and word_key(forms[majority][0].words[-1]) in ws.person_words()
            ):
                continue  # "North Korea" and "North Korean" are not people; "Raehem Sterling" is one
            if auth.has_archive:
                cm, cM = auth.tokens.get(word_key(wm), 0), auth.tokens.get(word_key(wM), 0)
                if cm > 1 and cm * 20 > cM:
                    continue  # both spellings are in published use: two people
            if auth.name_words.get(word_key(wm)) and not auth.name_words.get(word_key(wM)):
                continue
            done.add(minority)
            right = forms[majority][0]
            right_text = _clean(ws.article.blocks[right.block].text[right.start : right.end])
            for m in forms[minority]:
                if (m.block, m.start) in flagged:
                    continue
                flagged.add((m.block, m.start))
                written = _clean(ws.article.blocks[m.block].text[m.start : m.end])
                findings.append(
                    Finding(
                        "article", m.block, m.start, m.end, written, (right_text,), not tied,
                        {
                            "source": "article",
                            "article_count": len(forms[minority]),
                            "other_count": len(forms[majority]),
                            "distance": 1,
                        },
                    )
                )


def _single_refs(ws: _Article, word: str, forms: list[Mention]) -> int:
    """How often ``word`` is written outside the given full-name mentions."""
    spans = ws.word_spans.get(word_key(word), ())
    inside = {(m.block, s) for m in forms for s in range(m.start, m.end)}
    return sum(1 for bi, s in spans if (bi, s) not in inside)


def _references(
    auth: Authority,
    ws: _Article,
    names: list[Mention],
    singles: list[tuple[int, Run]],
    findings: list[Finding],
) -> None:
    """Second references: "Mr Tilerson", "Mr Un", and "Mr X" with no X introduced."""
    introduced: set[str] = set()
    # key -> (surname, full name, weight): 1 for "Mr X" written often, 2 for a full name,
    # 3 for a full name the authority knows as a person
    surnames: dict[str, tuple[str, str, int]] = {}
    where: dict[str, Mention] = {}  # key -> the mention that introduced the surname
    family_first: list[tuple[Mention, tuple[str, ...]]] = []
    for m in names:
        for w in m.words:
            introduced.update(word_key(part) for part in {w, *w.split("-")})
        caps = [w for w in m.words if w not in PARTICLES]
        if not caps or not ws.person_like(auth, m):
            continue
        ff = any(auth.people[pi].family_first for pi in m.known) or (
            word_key(caps[0]) in FAMILY_FIRST and len(caps) >= 2 and len(caps) <= 3
            and ("-" in caps[-1] or len(caps) == 3)
        )
        where.setdefault(word_key(caps[0] if ff else caps[-1]), m)
        weight = 3 if any(not auth.people[pi].phrase for pi in m.known) else 2
        sk = word_key(caps[0] if ff else caps[-1])
        if weight == 3 and surnames.get(sk, ("", "", 3))[2] < 3:
            del surnames[sk]  # a known person outranks an unknown name with the same surname
        if ff:
            surnames.setdefault(sk, (caps[0], " ".join(m.words), weight))
            given_words: list[str] = []
            for w in caps[1:]:
                given_words.append(w)
                if "-" in w:
                    given_words.extend(p for p in w.split("-") if len(p) > 1)
            family_first.append((m, tuple(given_words)))
        else:
            surnames.setdefault(sk, (caps[-1], " ".join(m.words), weight))
    # "Mr Ebbers" five times and "Mr Ebber" once: the frequent form is an introduction too
    honorific_refs = Counter(
        run.tokens[0].text for _bi, run in singles if run.title in HONORIFICS
    )
    for w, c in honorific_refs.items():
        if c >= 3:
            surnames.setdefault(word_key(w), (w, f"{w}", 1))
    flagged = {(f.block, f.start) for f in findings}
    surname_index = _deletion_index(surnames)
    _slipped_introductions(auth, ws, names, singles, introduced, findings, flagged)
    for bi, run in singles:
        tok = run.tokens[0]
        word = tok.text
        k = word_key(word)
        if (bi, tok.start) in flagged or len(k) < 2:
            continue
        titled = run.title is not None
        if k in introduced:
            if titled:
                for m, given in family_first:
                    if word in given and k not in surnames:
                        right = m.words[0]
                        findings.append(
                            Finding(
                                "order", bi, tok.start, tok.end, word, (right,), True,
                                {"source": "article", "family_name": right, "person": " ".join(m.words)},
                            )
                        )
                        break
            continue
        if word in STOPWORDS:
            continue
        if titled:
            if auth.name_words.get(k) or k in auth.vocabulary or auth.tokens.get(k, 0) > 0:
                continue
        elif (ws.is_word is None and not auth.has_archive) or ws.known_word(auth, word):
            continue  # a bare word needs a word list or an archive to say it is no real word
        text = ws.article.blocks[bi].text
        before = _word_before(text, tok.start)
        if not titled and (
            (before in PLACE_BEFORE and len(k) < 6) or before in NAME_PARTS_BEFORE or ws.count(word) > 1
        ):
            # "in Kano" is a place (a long non-word one letter from a surname is not:
            # "outside Mnucihn's home"), "D dal Maso" a name; a bare word written twice is meant
            continue
        placed = titled or run.after_said or _SAID_AFTER.match(text, tok.end) is not None
        if not placed and _in_list(text, tok.start, tok.end):
            continue  # a team sheet: "Replacements: Sheahan, Horan, O'Callaghan" names everyone once
        near = [
            (sw, full)
            for sw, full in _near_surnames(ws, word, titled, before, surnames, surname_index, honorific_refs, placed)
            if sw != run.title  # "King Kong" is no slip for Martin Luther King
        ]
        if len(near) == 1:
            sw, full = near[0]
            ahead = ws.count(word) > ws.count(sw) or (
                # once each: the spelling a word list or the authority knows is the one meant
                # ("Robert Kolroy-Silk", then "Mr Kilroy-Silk")
                ws.count(word) == ws.count(sw) and _better_known(auth, ws, word, sw)
            )
            if ahead and word_key(sw) in where:
                # "Mark Mayerholfer" once, "Mayerhofler" three times: the introduction is the slip
                m = where.pop(word_key(sw))
                if (m.block, m.start) not in flagged:
                    flagged.add((m.block, m.start))
                    fixed = " ".join(word if w == sw else w for w in m.words)
                    findings.append(
                        Finding(
                            "article", m.block, m.start, m.end, " ".join(m.words), (fixed,), True,
                            {"source": "article", "article_count": ws.count(sw),
                             "other_count": ws.count(word), "distance": 1},
                        )
                    )
                continue
            if ahead:
                continue
            findings.append(
                Finding(
                    "reference", bi, tok.start, tok.end, word, (sw,), True,
                    {"source": "article", "introduced": full, "distance": 1},
                )
            )
            continue
        if run.title in PLAIN_HONORIFICS and not near and not auth.surnames.get(k):
            if ws.word_elsewhere(word, bi, tok.start, tok.end) or not names:
                continue
            findings.append(
                Finding("unintroduced", bi, tok.start, tok.end, word, (), False, {"source": "article"})
            )


def _slipped_introductions(
    auth: Authority,
    ws: _Article,
    names: list[Mention],
    singles: list[tuple[int, Run]],
    introduced: set[str],
    findings: list[Finding],
    flagged: set[tuple[int, int]],
) -> None:
    """A full name whose surname is a non-word one edit from the surname written alone
    elsewhere: "Lleyton Hewit" once, then "Hewitt" eight times."""
    if ws.is_word is None and not auth.has_archive:
        return
    alone: Counter[str] = Counter()
    spelt: dict[str, str] = {}
    for _bi, run in singles:
        w = run.tokens[0].text
        k = word_key(w)
        if k not in introduced and w not in STOPWORDS:
            alone[k] += 1
            spelt.setdefault(k, w)
    if not alone:
        return
    alone_index = _deletion_index(alone)
    for m in names:
        if m.known or (m.block, m.start) in flagged:
            continue
        caps = [w for w in m.words if w not in PARTICLES]
        if len(caps) < 2 or word_key(caps[0]) in FAMILY_FIRST:
            continue
        last = caps[-1]
        k = word_key(last)
        if len(k) < 5 or ws.count(last) > 1 or ws.known_word(auth, last):
            continue
        near = [
            a for a in sorted({a for d in deletion_keys(k, 1) for a in alone_index.get(d, ())})
            if a[0] == k[0] and abs(len(a) - len(k)) <= 1
            and k not in (a + "s", a + "n") and a not in (k + "s", k + "n")
            and OSA.distance(a, k, score_cutoff=1) <= 1
        ]
        if len(near) != 1 or alone[near[0]] < 2:
            continue
        if near[0] not in ws.person_words() and not ws.person_like(auth, m):
            continue  # "Rio de Janeiro" and "Janeir" are a place and a slip, not a person
        right = spelt[near[0]]
        flagged.add((m.block, m.start))
        written = _clean(ws.article.blocks[m.block].text[m.start : m.end])
        fixed = " ".join(right if w == last else w for w in m.words)
        findings.append(
            Finding(
                "article", m.block, m.start, m.end, written, (fixed,), True,
                {"source": "article", "article_count": 1, "other_count": alone[near[0]], "distance": 1},
            )
        )


def _better_known(auth: Authority, ws: _Article, word: str, other: str) -> bool:
    """True when the parts in which ``word`` and ``other`` differ are known in ``word`` alone.

    "Kilroy-Silk" against "Kolroy-Silk": "Kilroy" is in the word list, "Kolroy" nowhere.
    """
    a, b = word.split("-"), other.split("-")
    if len(a) != len(b):
        a, b = [word], [other]
    diff = [(x, y) for x, y in zip(a, b, strict=True) if word_key(x) != word_key(y)]
    return bool(diff) and all(ws.known_word(auth, x) and not ws.known_word(auth, y) for x, y in diff)


def _deletion_index(keys: Iterable[str]) -> dict[str, list[str]]:
    """Deletion key -> the keys it comes from: the keys one edit from a word share one."""
    index: dict[str, list[str]] = {}
    for k in keys:
        for d in deletion_keys(k, 1):
            index.setdefault(d, []).append(k)
    return index


_LIST_ITEM = compile_re(r"[,;]\s*$")
_LIST_NEXT = compile_re(r"\s*[,;]\s*[A-Z]")


def _in_list(text: str, start: int, end: int) -> bool:
    """True for a word between commas among capitalised words: "Sheahan, Horan, O'Callaghan"."""
    return _LIST_ITEM.search(text, max(0, start - 3), start) is not None and _LIST_NEXT.match(text, end) is not None


def _word_before(text: str, start: int) -> str:
    """The lower-cased word just before ``start`` in ``text``, across spaces and tabs only."""
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    j = i
    while j > 0 and text[j - 1].isalnum() and not text[j - 1].isdecimal() and text[j - 1] != "_":
        j -= 1
    return text[j:i].lower()


def _near_surnames(
    ws: _Article,
    word: str,
    titled: bool,
    before: str,
    surnames: dict[str, tuple[str, str, int]],
    index: dict[str, list[str]],
    honorific_refs: Counter[str],
    placed: bool = False,
) -> list[tuple[str, str]]:
    """Introduced surnames one edit from a lone ``word``: ``[(surname, full name)]``.

    "Mr Tilerson" after "Rex Tillerson", "Starmre said" after "Keir Starmer".
    A bare word must keep the surname's first letter (typing slips do); short
    surnames (three or four letters: "Kani" for Kane) also need a full-name
    introduction and more evidence, since so many short words are a letter
    apart: the surname written at least twice, or a person the authority knows
    ("Paul Ryan" ... "Ryen"), or the word standing where a person does
    (``placed``: after a title, or before or after "said": "for Borr said").
    """
    k = word_key(word)
    if len(k) < 3:
        return []
    near = []
    for sk in sorted({sk for d in deletion_keys(k, 1) for sk in index.get(d, ())}):
        sw, full, weight = surnames[sk]
        if sk == k or abs(len(sk) - len(k)) > 1 or min(len(sk), len(k)) < 3:
            continue
        if k == sk + "n" or (k in (sk + "s", sk + "es") and (before in ("the", "both") or not sk.endswith("s"))):
            continue  # "the Bryans" after "Bob Bryan" is a family ("Conyerss" is no plural), "Liberian" no slip
        if weight == 1 and honorific_refs.get(word, 0) >= honorific_refs.get(sw, 0):
            continue
        short = min(len(sk), len(k)) < 5
        if (short or not titled) and k[0] != sk[0]:
            continue
        if short and (weight < 2 or (ws.count(sw) < 2 and weight < 3 and not placed)):
            continue
        if OSA.distance(k, sk, score_cutoff=1) <= 1:
            near.append((sw, full))
    return near


# -- across a batch ------------------------------------------------------------------
#
# The same person spelt two ways in different articles: the rarer spelling is
# flagged. Stated as records grouped by key, so that it runs the same in memory
# and shuffled across a Dask cluster, where no process sees every article:
#
# 1. each article gives its names' mentions (:func:`batch_mentions`), grouped by
#    the name's compact key;
# 2. each key's mentions make one :class:`NameForm` (:func:`name_form`), sent on
#    under the name with one word masked (:func:`form_keys`): two names one word
#    apart meet there;
# 3. each such group gives its candidate slips (:func:`candidates`), gathered
#    into one group (they are few: each is a finding to be);
# 4. the candidates in batch order decide the findings (:func:`decide`): a name
#    already flagged as the rarer spelling of one pair is not compared again.


@dataclass(frozen=True)
class BatchMention:
    """One mention of a name, with what the batch check needs of its article."""

    #: the article's place in the batch, and the mention's among the article's mentions
    order: tuple[int, ...]
    index: int
    path: str
    words: tuple[str, ...]
    #: the name as written, spaces made single
    text: str
    known: bool
    person: bool
    #: a per-article finding is already there: the batch leaves it alone
    flagged: bool
    #: how often each word of the article's mentions of this name stands alone in the article
    counts: tuple[tuple[str, int], ...]
    #: where a finding about it goes, as the rule placed it (opaque here)
    span: Any


@dataclass(frozen=True)
class NameForm:
    """Every mention of one name (compact key) in the batch, in batch order."""

    key: str
    mentions: tuple[BatchMention, ...]

    @property
    def first(self) -> BatchMention:
        return self.mentions[0]

    @property
    def articles(self) -> frozenset[tuple[int, ...]]:
        return frozenset(m.order for m in self.mentions)


@dataclass(frozen=True)
class Candidate:
    """Two names one word apart in different articles, the rarer one a possible slip."""

    #: where the pair comes in batch order: the first mention of the lesser key, the first
    #: deletion key the two share, the greater key
    rank: tuple[Any, ...]
    keys: tuple[str, str]
    minority: NameForm
    majority: NameForm
    #: the word of the rarer spelling that differs
    changed: str


@dataclass(frozen=True)
class BatchFinding:
    """A name spelt one way in one article and another way in others."""

    mention: BatchMention
    suggestion: str
    other: BatchMention
    counts: tuple[int, int]


#: names shorter than this (compact key) are not compared across articles
MIN_KEY = 6


_RUN = compile_re(r"[\w-]+")


class _WordCounts:
    """How often a word stands as a whole word in one text, for any number of words in one pass.

    A word made only of word characters and hyphens stands whole exactly where a maximal run
    of them equals it, so one ``findall`` counts them all; any other word (an apostrophe, a
    stop) is searched for on its own. A regex per word over the whole text made the batch
    check quadratic in an article's size.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self._runs: Counter[str] | None = None

    def __call__(self, word: str) -> int:
        if _RUN.fullmatch(word):
            if self._runs is None:
                self._runs = Counter(_RUN.findall(self.source))
            return self._runs[word]
        return len(re.findall(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", self.source))


def batch_mentions(
    article: Article, analysis: Analysis, order: tuple[int, ...], place: Callable[[Mention], Any]
) -> dict[str, tuple[BatchMention, ...]]:
    """An article's name mentions for the batch check, by compact key; ``place(m)`` is a mention's span."""
    flagged = {(f.block, f.start) for f in analysis.findings}
    # a finding narrowed to one half of a double-barrelled name ("Kolroy" of "Kolroy-Silk")
    halves = [(f.block, f.start, f.end) for f in analysis.findings if "name" in f.data]
    by_key: dict[str, list[tuple[int, Mention]]] = {}
    for n, m in enumerate(analysis.mentions):
        if len(m.key) >= MIN_KEY:
            by_key.setdefault(m.key, []).append((n, m))
    out: dict[str, tuple[BatchMention, ...]] = {}
    word_count = _WordCounts(article.source)
    for key, found in by_key.items():
        words = sorted({w for _n, m in found for w in m.words})
        counts = tuple((w, word_count(w)) for w in words)
        out[key] = tuple(
            BatchMention(
                order, n, article.path, m.words, _clean(article.blocks[m.block].text[m.start : m.end]),
                bool(m.known), m.person, (m.block, m.start) in flagged or _overlaps(halves, m), counts, place(m),
            )
            for n, m in found
        )
    return out


def _overlaps(spans: list[tuple[int, int, int]], m: Mention) -> bool:
    return any(b == m.block and s < m.end and m.start < e for b, s, e in spans)


def name_form(key: str, mentions: Iterable[BatchMention]) -> NameForm:
    """One name's mentions from every article, in batch order."""
    return NameForm(key, tuple(sorted(mentions, key=lambda m: (m.order, m.index))))


def form_keys(form: NameForm) -> list[tuple[Any, ...]]:
    """The groups a name is compared in: its first spelling with one word masked, and that word's first letter.

    Two names one word apart (:func:`_one_word_apart`: the same number of words,
    one differing, by one edit, with the same first letter) share one of them.
    """
    wk = [word_key(w) for w in form.first.words]
    return [
        (len(wk), i, tuple(wk[:i] + wk[i + 1 :]), wk[i][0])
        for i in range(len(wk))
        if len(wk[i]) >= 4
    ]


def _deletions(key: str) -> set[str]:
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def candidates(forms: Iterable[NameForm], auth: Authority) -> Iterator[Candidate]:
    """The pairs of names in one group (:func:`form_keys`) that may be one person spelt two ways."""
    ordered = sorted(forms, key=lambda f: f.key)
    dels = [_deletions(f.key) for f in ordered]
    for x, a in enumerate(ordered):
        for y in range(x + 1, len(ordered)):
            b = ordered[y]
            shared = dels[x] & dels[y]
            if not shared or a.key == b.key:
                continue
            arts, arts2 = a.articles, b.articles
            if arts == arts2 and len(arts) == 1:
                continue  # same article: the within-article check's business
            if not any(m.person for m in (*a.mentions, *b.mentions)):
                continue  # "North Korea" and "North Korean" are not people
            ma, mb = a.first, b.first
            apart = _one_word_apart(ma.words, mb.words)
            if apart is None or (ma.known and mb.known):
                continue
            i = apart[0]
            wa, wb = word_key(ma.words[i]), word_key(mb.words[i])
            if wa + "s" == wb or wb + "s" == wa:
                continue  # plurals: "Grand Slam" and "Grand Slams"
            if _romanised_alike(ma.words[i], mb.words[i]):
                continue  # two agencies' romanisations of one name: "Yanukovych", "Yanukovich"
            na, nb = len(a.mentions), len(b.mentions)
            if len(arts) < len(arts2) or (len(arts) == len(arts2) and na < nb):
                minority, majority = a, b
            elif len(arts2) < len(arts) or nb < na:
                minority, majority = b, a
            else:
                continue  # no majority: nothing to say which is right
            mi = minority.first
            if mi.known or not _unseen(auth, mi.words[i]):
                continue
            rank = ((ma.order, ma.index), min(shared), b.key)
            yield Candidate(rank, (a.key, b.key), minority, majority, mi.words[i])


def decide(found: Iterable[Candidate]) -> Iterator[BatchFinding]:
    """The findings, from every candidate of the batch taken in batch order.

    A name flagged as the rarer spelling of one pair takes part in no later
    pair, so a name is never corrected two ways.
    """
    done: set[str] = set()
    for c in sorted(found, key=lambda c: c.rank):
        if c.keys[0] in done or c.keys[1] in done:
            continue
        done.add(c.minority.key)
        right = c.majority.first
        mentions = c.minority.mentions
        for m in mentions:
            if m.flagged:
                continue
            # an article that writes the word again on its own ("Mr Smit", "Smit said")
            # spells it on purpose: John Smit is not a slip for John Smith
            own = sum(1 for o in mentions if o.order == m.order)
            counts = dict(w for o in mentions if o.order == m.order for w in o.counts)
            if counts.get(c.changed, 0) > own:
                continue
            yield BatchFinding(m, right.text, right, (len(mentions), len(c.majority.mentions)))
