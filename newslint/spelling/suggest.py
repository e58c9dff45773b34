"""Suggestions for a misspelt word: fast, ranked by a small noisy-channel model.

A candidate's score adds how common the word is (log of its frequency,
damped: a typo strikes the words of an article, not the commonest words of
English) to how likely the keystroke error that turns it into the misspelling
is (swapped neighbours, a doubled or dropped letter and a neighbouring key
are the usual slips; any other letter is much rarer). Words used elsewhere
in the same article get a bonus, the surest hint there is.

Candidates one edit away are generated directly (a few hundred strings, set
look-ups); only when there are none does a scan of words of similar length
with rapidfuzz look two edits away. Results are cached per word.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from newslint.spelling.lexicon import DATA_DIR, ZIPF_TO_COUNT
from newslint.spelling.packed import FlaggedWords
from newslint.spelling.phonetic import metaphone

KEYBOARD = {
    "q": "wa", "w": "qeas", "e": "wrsd", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj",
    "i": "uojk", "o": "ipkl", "p": "ol", "a": "qwsz", "s": "awedxz", "d": "serfcx",
    "f": "drtgvc", "g": "ftyhbv", "h": "gyujnb", "j": "huikmn", "k": "jiolm", "l": "kop",
    "z": "asx", "x": "zsdc", "c": "xdfv", "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
VOWELS = frozenset("aeiouy")

# log10 weight of each kind of slip that turns the right word into the misspelling
SWAP = 0.0  # "recieve": two neighbours swapped
DOUBLED = 0.0  # "questioons": a letter typed twice
DROPPED_DOUBLE = 0.0  # "accomodation": one of a double letter left out
DROPPED = 0.0  # "purchaes": a letter left out
NEIGHBOUR_KEY = -0.35  # "cufrent": the key next door
VOWEL = -0.6  # "definately": a vowel for a vowel, the commonest real misspelling
EXTRA_NEIGHBOUR = -1.1  # a neighbouring key caught as well
OTHER_SUB = -1.6  # any other letter for a letter
OTHER_EXTRA = -1.3  # any other letter added
TWO_EDITS = -2.6  # per edit beyond the first
SPLIT = -0.9  # "hesaid": a space left out

#: extra cost of a slip at the word's last letter, at its last two letters
#: swapped, and at its first letter: typists seldom miss the ends of a word,
#: so "purchaes" is "purchases" more often than "purchase"
END_TOUCHED = -0.8
SWAP_END = -0.5
FIRST_TOUCHED = -0.8

#: bonus for a candidate that sounds like the misspelling (the same Metaphone key): real
#: people spell by ear ("wich", "litl", "ahade"), so a two-edit word that sounds the
#: same is likelier than a one-edit word that does not
SOUNDS_ALIKE = 0.3
SOUNDS_ALIKE_TWO = 1.6

#: how much the neighbouring words count: the pointwise mutual information (log10) of
#: the candidate with the word before it and the word after it, from the bigram list
CONTEXT_WEIGHT = 0.5
#: how many of the best candidates the neighbouring words may reorder
_CONTEXT_TOP = 12
#: log10 of the number of words the bigram counts were taken from (Google Books English,
#: about 5 x 10^11), for the mutual information
_LOG_BIGRAM_TOKENS = 11.7

#: how much word frequency counts against the slip model (a damped prior)
FREQ_WEIGHT = 0.35
#: bonus (log10) for a word used elsewhere in the same article
IN_ARTICLE = 1.3
#: bonus for the first of the corrections a list of known misspellings gives (codespell
#: lists its likeliest first), among the others it gives
LISTED_FIRST = 0.5


@dataclass(frozen=True)
class Candidate:
    """One possible correction and its score (log10 scale, higher is better)."""

    word: str
    score: float
    edit: str


def _edits1(w: str) -> list[str]:
    """Every string one edit (delete, swap, replace, insert) from ``w``."""
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = [a + b[1:] for a, b in splits if b]
    out += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]]
    out += [a + c + b[1:] for a, b in splits if b for c in LETTERS if c != b[0]]
    out += [a + c + b for a, b in splits for c in LETTERS]
    return out


def _slip(w: str, cand: str) -> tuple[float, str]:
    """The weight and kind of the one-edit slip that turns ``cand`` into ``w``.

    Slips at the first letter cost :data:`FIRST_TOUCHED` more, slips at the
    last letter :data:`END_TOUCHED` (:data:`SWAP_END` for the last two letters
    swapped): typists rarely miss the ends of a word.
    """
    n, m = len(w), len(cand)
    i = 0
    while i < min(n, m) and w[i] == cand[i]:
        i += 1
    first = FIRST_TOUCHED if i == 0 else 0.0
    if n == m + 1:  # w has an extra letter at i
        c = w[i]
        if (i > 0 and w[i - 1] == c) or (i + 1 < n and w[i + 1] == c):
            return DOUBLED, "doubled"  # where in a run of equal letters is moot
        end = END_TOUCHED if i == n - 1 else 0.0
        if (i > 0 and c in KEYBOARD.get(w[i - 1], "")) or (i + 1 < n and c in KEYBOARD.get(w[i + 1], "")):
            return EXTRA_NEIGHBOUR + end + first, "extra"
        return OTHER_EXTRA + end + first, "extra"
    if m == n + 1:  # w lacks the letter cand has at i
        r = cand[i]
        if (i > 0 and w[i - 1] == r) or (i < n and w[i] == r):
            return DROPPED_DOUBLE, "dropped"
        end = END_TOUCHED if i == m - 1 else 0.0
        return DROPPED + end + first, "dropped"
    if i + 1 < n and w[i] == cand[i + 1] and w[i + 1] == cand[i] and w[i + 2 :] == cand[i + 2 :]:
        return SWAP + (SWAP_END if i + 1 == n - 1 else 0.0) + first, "swap"
    c, r = w[i], cand[i]
    end = END_TOUCHED if i == n - 1 else 0.0
    if c in KEYBOARD.get(r, ""):
        return NEIGHBOUR_KEY + end + first, "key"
    if r in VOWELS and c in VOWELS:
        return VOWEL + end + first, "vowel"
    return OTHER_SUB + end + first, "sub"


class Suggester:
    """Ranks corrections for lower-case misspellings against a frequency list."""

    def __init__(
        self,
        freq: Mapping[str, int],
        *,
        archive: Mapping[str, int] | None = None,
        allowed: Callable[[str], bool] | None = None,
        extra: Collection[str] = (),
        words: AbstractSet[str] | None = None,
    ) -> None:
        self.freq = freq
        # the newsroom's accepted words are candidates too ("galless" -> "goalless")
        # the candidate words: the frequency list's keys unless told (no per-process copy of them)
        self._words: AbstractSet[str] = freq.keys() if words is None else words
        self._extra = frozenset(w for w in extra if w.isalpha() and w not in self._words)
        self.archive = archive or {}
        self.allowed = allowed or (lambda w: True)
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._deep_cache: dict[str, tuple[Candidate, ...]] = {}
        self._by_length: dict[tuple[str, int], list[str]] | None = None

    def _prior(self, word: str) -> float:
        f = self.freq.get(word, 0) + 50 * self.archive.get(word, 0)
        return FREQ_WEIGHT * math.log10(f + 10)

    def candidates(self, word: str, *, deep: bool = False) -> tuple[Candidate, ...]:
        """Corrections of lower-case ``word``, best first, without article context.

        The quick list (for deciding whether a word is a slip) looks two edits
        away only when nothing is one edit away; ``deep`` (for the
        suggestions of a word being reported) always does, and favours the
        words that sound like ``word``.
        """
        if deep:
            return self._deep(word)
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        best: dict[str, Candidate] = {}
        allowed = self.allowed
        edits = set(_edits1(word))
        for cand in (self._words & edits) | (self._extra & edits):
            if allowed(cand):
                weight, kind = _slip(word, cand)
                best[cand] = Candidate(cand, self._prior(cand) + weight, kind)
        for i in range(1, len(word)):
            # "dont", "isnt": a contraction with its apostrophe left out
            cand = f"{word[:i]}'{word[i:]}"
            if cand in self._words and word[i:] in _CONTRACTED:
                best[cand] = Candidate(cand, self._prior(cand) + DROPPED, "apostrophe")
        for i in range(2, len(word) - 1):
            a, b = word[:i], word[i:]
            if self._common(a) and self._common(b):
                cand = f"{a} {b}"
                score = min(self._prior(a), self._prior(b)) + SPLIT
                best[cand] = Candidate(cand, score, "split")
        if not any(c.edit != "split" for c in best.values()):
            for cand, dist in self._two_edits(word):
                if cand not in best and allowed(cand):
                    best[cand] = Candidate(cand, self._prior(cand) + TWO_EDITS * (dist - 1), "two")
        ranked = tuple(sorted(best.values(), key=lambda c: (-c.score, c.word)))
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[word] = ranked
        return ranked

    def _deep(self, word: str) -> tuple[Candidate, ...]:
        hit = self._deep_cache.get(word)
        if hit is not None:
            return hit
        best = {c.word: c for c in self.candidates(word)}
        if len(word) >= 3:
            # every word two edits away: the nearest twenty may all be one edit away
            for cand, dist in self._two_edits(word, limit=None):
                if cand not in best and dist >= 2 and self.allowed(cand):
                    best[cand] = Candidate(cand, self._prior(cand) + TWO_EDITS * (dist - 1), "two")
        key = metaphone(word)
        ranked = tuple(
            sorted(
                (
                    Candidate(c.word, c.score + (SOUNDS_ALIKE_TWO if c.edit == "two" else SOUNDS_ALIKE), c.edit)
                    if c.edit != "split" and metaphone(c.word) == key
                    else c
                    for c in best.values()
                ),
                key=lambda c: (-c.score, c.word),
            )
        )
        if len(self._deep_cache) > 20_000:
            self._deep_cache.clear()
        self._deep_cache[word] = ranked
        return ranked

    def sounds_like_common(self, word: str, min_freq: int = 5000) -> bool:
        """Is there a fairly common word within two edits of ``word`` that sounds just like it?

        "complane" is "comp" + "lane" by its form, but it sounds like "complain".
        """
        key = metaphone(word)
        return any(
            c.edit != "split" and self.freq.get(c.word, 0) >= min_freq and metaphone(c.word) == key
            for c in self._deep(word)
        )

    def has_slip(self, word: str, min_freq: int = 1000, context: Collection[str] = ()) -> bool:
        """Is ``word`` one keystroke slip from a fairly common word, or from a word of ``context``?

        Slips at the first letter, or that add or drop a last letter, do not
        count ("unfeasibility" is no typo of "infeasibility", nor
        "renationalise" of "renationalised"); the last two letters swapped do
        ("countrise", "carride"). A
        swapped or doubled letter counts even towards a rare word: "innfirm"
        is no inn and no firm, though "infirm" is rare.
        """
        return bool(self.slips(word, min_freq, context))

    def slips(self, word: str, min_freq: int = 1000, context: Collection[str] = ()) -> list[str]:
        """The words ``word`` is one keystroke slip from, as :meth:`has_slip` counts them."""
        return [
            c.word
            for c in self.candidates(word)
            if c.edit in ("swap", "doubled", "dropped", "key", "vowel")
            and c.word[:1] == word[:1]
            and (c.word[-1:] == word[-1:] or c.edit == "swap")
            and (
                self.freq.get(c.word, 0) + 50 * self.archive.get(c.word, 0)
                >= (min(min_freq, 50) if c.edit in ("swap", "doubled") else min_freq)
                or c.word in context
            )
        ]

    def _common(self, w: str) -> bool:
        # split suggestions only into everyday words: "he said", not "hes aid"
        return len(w) >= 2 and self.freq.get(w, 0) >= 20_000 and (len(w) > 2 or w in _SHORT)

    def _two_edits(self, word: str, limit: int | None = 20) -> list[tuple[str, int]]:
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self._by_length is None:
            # bucketed by first letter and length: a slip rarely hits the first letter
            by_len: dict[tuple[str, int], list[str]] = {}
            words = self._words
            # a packed list gives its counts as it goes (no look-up a word); the order is the
            # list's own, the same in every process, so the nearest twenty are too
            pairs = words.counted() if isinstance(words, FlaggedWords) else ((w, self.freq.get(w, 0)) for w in words)
            for w, f in pairs:
                if f >= 100 and w.isalpha():
                    by_len.setdefault((w[0], len(w)), []).append(w)
            self._by_length = by_len
        n = len(word)
        out: list[tuple[str, int]] = []
        for k in range(n - 2, n + 3):
            choices = self._by_length.get((word[0], k))
            if choices:
                found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=2, limit=limit)
                out.extend((w, int(d)) for w, d, _ in found)
        return out

    def rank(
        self,
        word: str,
        context: Collection[str] = (),
        *,
        deep: bool = False,
        before: str | None = None,
        after: str | None = None,
        listed: Sequence[str] = (),
    ) -> tuple[Candidate, ...]:
        """Corrections of ``word`` best first, favouring words used elsewhere in the article.

        ``before`` and ``after`` are the words beside it (lower case): a candidate
        that usually stands with them ("the field", "filed a") ranks higher.
        ``listed`` are the corrections a list of known misspellings gives, in its
        order: they lead, in the order the slip, the article and the list's own
        order favour; one the edits do not reach ("folling" -> "following") is
        scored as the best candidate.
        """
        cands = self.candidates(word, deep=deep)
        if listed:
            have = {c.word for c in cands}
            top = cands[0].score if cands else 0.0
            cands = (*cands, *(Candidate(w, top, "listed") for w in listed if w not in have))
        boosted = []
        pairs = bigrams() if (before or after) else None
        for n, c in enumerate(sorted(cands, key=lambda c: (-c.score, c.word)) if listed else cands):
            score = c.score + (IN_ARTICLE if c.word in context else 0.0)
            # the neighbours reorder the leaders; the tail is too far behind to matter
            if pairs is not None and " " not in c.word and n < _CONTEXT_TOP:
                if before:
                    score += CONTEXT_WEIGHT * self._pmi(pairs, before, c.word)
                if after:
                    score += CONTEXT_WEIGHT * self._pmi(pairs, c.word, after)
            if listed and c.word == listed[0]:
                score += LISTED_FIRST
            boosted.append(Candidate(c.word, score, c.edit) if score != c.score else c)
        return tuple(sorted(boosted, key=lambda c: (c.word not in listed, -c.score, c.word)))

    def _pmi(self, pairs: Bigrams, a: str, b: str) -> float:
        """How much likelier ``a b`` is than the two words apart (log10); 0 for a pair not listed."""
        n = pairs.get(a, b)
        fa, fb = self.freq.get(a, 0), self.freq.get(b, 0)
        if n is None or not fa or not fb:
            return 0.0
        # freq is on pyspellchecker's scale: Zipf (per 10^9 words) = log10(f) + ZIPF_TO_COUNT
        za, zb = math.log10(fa) + ZIPF_TO_COUNT - 9, math.log10(fb) + ZIPF_TO_COUNT - 9
        return max(0.0, n - _LOG_BIGRAM_TOKENS - za - zb)


class Bigrams:
    """The word pairs of ``bigrams-en.tsv.gz``, looked up by binary search in the text itself.

    A quarter of a million pairs as a dictionary would take some 25 MB; the sorted text takes
    4, and bisecting it by character offset (back to the start of the line) needs no index
    of line offsets, whose building cost a cold run 40 ms.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # the first line is a comment saying where the counts come from
        self._first = text.find("\n") + 1 if text.startswith("#") else 0

    def get(self, a: str, b: str) -> float | None:
        """log10 of how often ``a b`` was counted, or None when the list does not have it."""
        key = f"{a} {b}"
        text = self._text
        lo, hi = self._first, len(text)  # lo is always the start of a line
        while lo < hi:
            i = text.rfind("\n", lo, (lo + hi) // 2) + 1 or lo  # the start of the middle line
            tab = text.find("\t", i)
            k = text[i:tab]
            if k < key:
                end = text.find("\n", tab)
                lo = end + 1 if end >= 0 else len(text)
            elif k > key:
                hi = i
            else:
                end = text.find("\n", tab)
                return int(text[tab + 1 : end if end >= 0 else len(text)]) / 100
        return None


@lru_cache(maxsize=1)
def bigrams() -> Bigrams:
    """The shipped bigram list (tools/build_bigram_data.py), read on first use."""
    with gzip.open(DATA_DIR / "bigrams-en.tsv.gz", "rt", encoding="utf-8") as f:
        return Bigrams(f.read())


#: what follows the apostrophe of a contraction
_CONTRACTED = frozenset(["t", "s", "ll", "re", "ve", "d", "m"])

_SHORT = frozenset(
    "a an as at be by do go he if in is it me my no of on or so to up us we".split()
)


#: candidates closer than this (log10: under 1.4 times as likely) tie: the slip model, the
#: word's commonness and the words beside it do not tell them apart
TIE = 0.15


def is_strong(cands: tuple[Candidate, ...]) -> bool:
    """One candidate clearly ahead of the rest: a fix worth offering to apply."""
    if not cands:
        return False
    if len(cands) == 1:
        return cands[0].edit != "two"
    return cands[0].score - cands[1].score >= 1.0
