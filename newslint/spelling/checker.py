"""Finding the misspelt words of an article.

:class:`Speller` reads an article in two passes. The fast pass pulls the
letter runs out of the whole source and subtracts the known words (C-speed
set operations, capitalised forms included): an article with nothing unknown,
rejected or reportable stops there, and capitalised unknown runs (names) go
further only where a sentence starts. The slow pass visits just the blocks
holding the remaining runs and looks at those words in place: their capitals,
where the sentence starts, hyphens and apostrophes, quotations, and what is
not a word at all (URLs, e-mail addresses, hashtags, handles, numbers with
units).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from newslint.regex import compile_re
from newslint.spelling.lexicon import BaseLexicon, HouseWords, foreign_words
from newslint.spelling.phonetic import metaphone
from newslint.spelling.suggest import TIE, Candidate, Suggester, is_strong

if TYPE_CHECKING:
    from newslint.article import Article, Block

#: A word as written: letters, with inner apostrophes and hyphens. Letters
#: touching digits or @ # & are part of something else (1990s, £600m, 4x4,
#: @handle, an entity) and never match; URLs are masked by NOT_WORDS.
WORD = compile_re(r"(?<![\w@#&.;])[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*(?![\w@&]|['\u2019\-]?\d)")
#: The fast pass reads ASCII letter runs (twice as fast as Unicode letters); a
#: word with accents shows up as unknown fragments and gets the slow pass.
_FAST = compile_re(r"[A-Za-z]+")
#: whole words as the repetition test counts them: a hyphenated compound is one word
_WHOLE_WORDS = compile_re(r"[\w-]+")
_PARTS = compile_re(r"['\u2019\-]")
#: Capitalised letter runs that may start a sentence: after the block's start,
#: sentence punctuation, an opening quote or bracket, or a dash.
_SENTENCE_STARTS = compile_re(r"(?:^|[.!?:\"'\u201c\u2018(\[\u00ab\-\u2013\u2014])\s*([A-Z][a-z]*)", re.MULTILINE)
#: a word as the plain-text loader decoded it, to find the ones a character reference is in
_LETTER_WORD = compile_re(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
#: Things that are not words to check (URLs, addresses, tags, HTML entities).
NOT_WORDS = compile_re(
    r"""(?:https?://|ftp://|www\.)\S+
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
      | (?<!\w)[#@][\w_]+
      | \b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|biz|io|tv|co|uk|eu|us|fm|me)\b(?:/\S*)?
      | \b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/[\w/?=&%.~-]*\w  # a short link: reut.rs/2Asabau
      | &\#?\w+;
    """,
    re.VERBOSE,
)
_CONTRACTION_TAILS = ("'s", "'ll", "'re", "'ve", "'d", "'m")
_NT = frozenset(["daren't", "usedn't"])
# not ";": after a semicolon English goes on in lower case, so a capital there
# is a name ("Brown, Powell; Windo, Van Niekerk")
_SENTENCE_END = frozenset(".!?:")
_OPENERS = frozenset("\"'\u201c\u2018([\u00ab")
_DASHES = frozenset("-\u2013\u2014")
_APOSTROPHES = frozenset("'\u2019")


@dataclass(frozen=True)
class Finding:
    """A misspelt word in a block: block-relative span, suggestions best first."""

    start: int
    end: int
    word: str
    suggestions: tuple[str, ...]
    strong: bool
    source: str  # "house", "codespell", "entity", "edit" or "none"
    #: the two best corrections score alike: nothing says which is meant ("fiand": find, found)
    tied: bool = False


@dataclass(frozen=True)
class VariantUse:
    """A word that is one side of a British/American pair."""

    start: int
    end: int
    word: str
    variant: str  # "gb" or "us"
    twin: str  # the other variant's spelling, in the word's capitals
    ize: bool  # the pair differs only by -ise/-ize (Oxford spelling allows -ize)


def match_case(template: str, word: str) -> str:
    """``word`` written with the capitals of ``template`` (Teh -> The, TEH -> THE)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _fold(word: str) -> str:
    """Remove accents (café -> cafe) for a second look-up."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class _Context:
    """The article's own words (lower case), read only when a suggestion needs them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._words: frozenset[str] | None = None
        self._counts: Counter[str] | None = None

    def count(self, lower: str) -> int:
        """How often ``lower`` is written as a whole word, in any case (counted once an article)."""
        if self._counts is None:
            self._counts = Counter(_WHOLE_WORDS.findall(self.source.lower()))
        return self._counts[lower]

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(_FAST.findall(self.source.lower()))
        return self._words


class Speller:
    """Checks articles against the shipped and the newsroom's word lists."""

    def __init__(self, base: BaseLexicon, house: HouseWords, *, language: str = "en") -> None:
        self.base = base
        self.house = house
        self.language = language
        self.freq = base.freq
        # codespell's misspellings stay misspellings even when the archive repeats
        # them ("targetting"); only a house dictionary can accept one
        self.accepted = house.accepted - {w for w in house.from_archive if w in base.misspellings}
        self.rejected = house.rejected
        # the fast pass takes C-level set differences against the lists as they are, so no
        # process builds a 330,000-word set of every word and its capitalised form
        self._known_extra = self.accepted | _FRAGMENTS
        # words the fast pass must send to the slow pass even when known
        hot = frozenset(house.rejected) | frozenset(base.gb_to_us) | frozenset(base.us_to_gb)
        self._interesting = hot.union(w.capitalize() for w in hot)
        # SCOWL's words of the other variety only are not words of this one
        other = {"en-US": "gb", "en-GB": "us"}.get(language)
        self._other_variety: frozenset[str] = base.one_variety.get(other, frozenset()) if other else frozenset()
        if language == "en-US":
            allowed = lambda w: w not in base.gb_to_us or w in base.ambiguous  # noqa: E731
        elif language == "en-GB":
            allowed = lambda w: w not in base.us_to_gb or w in base.ambiguous  # noqa: E731
        else:
            allowed = None
        self.suggester = Suggester(
            base.freq, archive=house.archive, allowed=allowed, extra=self.accepted, words=base.suggestable or None
        )

    # -- word knowledge ------------------------------------------------------------

    def known(self, w: str) -> bool:
        """Is lower-case ``w`` a word (before house rejections)?"""
        if w in self.accepted or (w in self.freq and w not in self._other_variety):
            return True
        if "\u2019" in w:
            return self.known(w.replace("\u2019", "'"))
        if "'" in w:
            if w.endswith("n't"):
                # the list has every real one (didn't, mightn't); "woldn't" is a slip
                return w in _NT
            for tail in _CONTRACTION_TAILS:
                if w.endswith(tail) and len(w) > len(tail):
                    return self.known(w[: -len(tail)])
            return False
        if not w.isascii():
            folded = _fold(w)
            return folded != w and self.known(folded)
        return False

    def accepted_by_form(self, w: str, context: Collection[str] = ()) -> bool:
        """Unknown ``w`` that is still a word: a compound of two words, prefix + word, -ise form.

        Never a word one keystroke slip from a common word: "wellcome" is
        "well" + "come", but it is a typo of "welcome".
        """
        if w in self.base.misspellings or _TRIPLE.search(w):
            return False  # codespell's, or a letter typed three times ("basssit")
        # a slip from a word the article itself uses ("hanssets" beside "handsets") is a typo,
        # and so is a "compound" that sounds like a common word ("complane")
        if not self._by_form(w):
            return False
        slips = self.suggester.slips(w, min_freq=300, context=context)
        if slips and w.endswith("s") and not w.endswith("ss"):
            # the plural of a word commoner than every word it is one slip from is that
            # plural: "memes" beside "memos", but "coms" is a slip of "comes"
            stem = self.freq.get(w[:-1], 0)
            if any(s in context or stem <= self.freq.get(s, 0) for s in slips):
                return False
        elif slips:
            return False
        return not self.suggester.sounds_like_common(w)

    def _by_form(self, w: str) -> bool:
        n = len(w)
        freq = self.freq
        # adverbs the list lacks: dizzyingly
        if n >= 7 and w.endswith("ly") and w[:-2] in freq:
            return True
        # -ness and -er nouns the list lacks: addictiveness, clunkiness, sentencers
        m = _DERIVED.search(w)
        if m and m.start() >= 4:
            stem = w[: m.start()]
            if stem in freq or stem + "e" in freq or (stem.endswith("i") and stem[:-1] + "y" in freq):
                return True
        # plurals the list lacks: expirations, webcasts, realties
        if n >= 5 and w.endswith("s") and not w.endswith("ss"):
            if w[:-1] in freq or (w.endswith("ies") and w[:-3] + "y" in freq):
                return True
        if n >= 7:
            for i in range(3, n - 2):
                a, b = w[:i], w[i:]
                if freq.get(a, 0) >= 2000 and freq.get(b, 0) >= 2000:
                    return True
        for p in _PREFIXES:
            if w.startswith(p) and n - len(p) >= 5 and self.known(w[len(p) :]):
                return True
        # -isation/-ization made from a word the lists know: nuclearisation
        m = _IZE_SUFFIX.search(w)
        if m and m.start() >= 4:
            stem = w[: m.start()]
            if stem in self.freq or stem + "e" in self.freq:
                return True
        return False

    # -- the article --------------------------------------------------------------

    def check_article(self, article: Article) -> tuple[list[tuple[Block, Finding]], list[tuple[Block, VariantUse]]]:
        """Misspelt words and variant spellings of every prose block of ``article``."""
        found: list[tuple[Block, Finding]] = []
        variants: list[tuple[Block, VariantUse]] = []
        source = article.source
        if article.format == "text" and "&" in source:
            found.extend(self._references(article))
        # one pass over the whole source decides which words need a closer look
        runs = set(_FAST.findall(source))
        unknown = self._unknown(runs)
        hot = runs & self._interesting
        if not unknown and not hot:
            return found, variants
        need_all = {r for r in unknown if r.islower()}
        headline = article.headline
        title_case = headline is not None and _is_title_case(headline.text)
        # capitalised unknown words matter only where a sentence starts (or in
        # a Title Case headline); elsewhere they are names
        caps = {r for r in unknown - need_all if r[1:].islower()}
        if caps:
            cap_need = caps & set(_SENTENCE_STARTS.findall(source))
            if title_case and headline is not None:
                cap_need |= caps & set(_FAST.findall(headline.text))
            # the cheap tests of _suspicious_capital first: most are names
            need_all.update(
                r.lower()
                for r in cap_need
                if r.lower() in self.base.misspellings
                or (len(r) >= 5 and source.count(r) == 1)
                or r + "'" in source
                or r + "\u2019" in source  # "Wer'e": the word runs on past the apostrophe
            )
        # variant spellings are placed only when some rule can report them:
        # house rejections always, the other variety with en-GB/en-US, a mix with en
        need_all |= self._reportable({r.lower() for r in hot})
        odd = getattr(self.base.misspellings, "non_ascii", ())
        if odd and not source.isascii():
            # a codespell misspelling with a look-alike letter ("сontains", Cyrillic с)
            low = source.lower()
            need_all.update(w for w in odd if w in low and w in self.base.misspellings)
        if not need_all:
            return found, variants
        context = _Context(source)
        for block in article.prose_blocks():
            text = block.text
            if block.credit is not None:
                text = text[: block.credit[0]] + " " * (block.credit[1] - block.credit[0]) + text[block.credit[1] :]
            lt = text.lower()
            need = {r for r in need_all if r in lt}
            if not need:
                continue
            block_title = title_case and block.kind == "headline"
            for item in self._check_block(article, block, text, need, block_title, context):
                if isinstance(item, Finding):
                    found.append((block, item))
                else:
                    variants.append((block, item))
        return found, variants

    def _references(self, article: Article) -> Iterator[tuple[Block, Finding]]:
        """Words of plain text spelt with an HTML character reference ("clich&#233;d").

        The plain-text loader reads the reference as its letter, so every check
        sees "clichéd"; but plain text shows the reference as written, so the
        word is reported once, with the word it stands for as the fix. A reference
        that is not a letter of a word ("Blair&#191;s", mojibake for an
        apostrophe) is not a spelling to suggest and is left alone.
        """
        source = article.source
        for block in article.prose_blocks():
            if not block.segments:  # a verbatim copy of the source: nothing was decoded
                continue
            for m in _LETTER_WORD.finditer(block.text):
                s, e = block.source_span(m.start(), m.end())
                written = source[s:e]
                if e - s != m.end() - m.start() and "&" in written and ";" in written:
                    yield block, Finding(m.start(), m.end(), written, (m.group(),), True, "entity")

    def _unknown(self, runs: set[str]) -> set[str]:
        """The runs of ASCII letters that no list knows, as written or capitalised ("The")."""
        known = self._known_extra
        freq = self.freq
        # the packed list's commonest words are taken away in C, the rest looked up one by one;
        # never a difference against all 200,000 words of the list (some 30 ms an article)
        rest = freq.missing(runs).difference(known)
        out = {r for r in rest if r != r.capitalize() or ((w := r.lower()) not in freq and w not in known)}
        if self._other_variety:
            out.update(r for r in runs if r.lower() in self._other_variety and r.lower() not in known)
        return out

    def _reportable(self, hot: set[str]) -> set[str]:
        """Which of an article's rejected and variant words need their places found."""
        if not hot:
            return hot
        out = {w for w in hot if w in self.rejected or w in self.base.misspellings}
        gb = {w for w in hot if w in self.base.gb_to_us and w not in self.base.ambiguous}
        us = {w for w in hot if w in self.base.us_to_gb and w not in self.base.ambiguous}
        if self.language == "en-GB":
            out |= us
        elif self.language == "en-US":
            out |= gb
        elif gb and us:
            out |= gb | us
        return out

    def _check_block(
        self, article: Article, block: Block, text: str, need: set[str], title_case: bool, context: _Context
    ) -> Iterator[Finding | VariantUse]:
        skips = [m.span() for m in NOT_WORDS.finditer(text)] if _maybe_not_words(text) else []
        foreign_quotes: dict[tuple[int, int], bool] = {}
        for m in _tokens_with(text, need):
            token = m.group()
            lower = token.lower()
            if lower not in need and not any(p in need for p in _PARTS.split(lower)):
                continue
            start = m.start()
            if skips and any(s <= start < e for s, e in skips):
                continue
            yield from self._check_token(article, block, text, token, start, title_case, context, foreign_quotes)

    def _check_token(
        self,
        article: Article,
        block: Block,
        text: str,
        token: str,
        start: int,
        title_case: bool,
        context: _Context,
        foreign_quotes: dict[tuple[int, int], bool],
    ) -> Iterator[Finding | VariantUse]:
        if _SIC.match(text, start + len(token)) or (block.quotes and _quote_marked_sic(block, text, start, token)):
            return  # "recieved [sic]", '"the goverment" (sic)': quoted as written, on purpose
        lower = token.lower()
        # house rejections win over every list, in any case
        if lower in self.rejected:
            pref = self.rejected[lower]
            sugg = (match_case(token, pref),) if pref else ()
            yield Finding(start, start + len(token), token, sugg, bool(pref), "house")
            return
        if token in self.house.accepted_exact:
            return
        # variant pairs (colour/color) are reported by the variant rules
        if lower in self.base.gb_to_us or lower in self.base.us_to_gb:
            # "Ames Research Center" is a name: a capital mid-sentence keeps its spelling
            proper = token[:1].isupper() and (
                not (title_case or _sentence_start(text, start))
                # at a sentence start, a repeated capitalised word or one before
                # another capital is a name too ("Gray said", "Travelers Insurance")
                or article.source.count(token) > 1
                or _next_is_capitalised(text, start + len(token))
                # "Organization of American States", "Center for Strategic Studies"
                or _NAME_OF.match(text, start + len(token)) is not None
                or token in self.house.name_tokens
                or lower in self.house.capitalised
            )
            if proper:
                return
            if lower in self.base.misspellings:
                # an archaic or wrong "British" form codespell corrects (connexion, crystalise)
                yield self._finding(token, start, context, text)
            elif lower not in self.base.ambiguous:
                yield self._variant(token, start)
            return
        if not lower.isascii() and lower in self.base.misspellings:
            yield self._finding(token, start, context, text)  # "paínt": not an accent, a slip
            return
        if self.known(lower):
            return
        end = start + len(token)
        if end < len(text) and text[end] in "'\u2019" and self.known(lower + "g"):
            return  # lovin', nothin': a dropped g, written on purpose
        marked = block.language_at(start, end) if block.languages else None
        if marked is not None and self._other_language(text, marked, foreign_quotes):
            return
        if block.quotes and block.in_quote(start, start + len(token)):
            if self._foreign_quote(block, text, start, foreign_quotes):
                return
            if lower not in self.base.misspellings and _quotes_only(block, text, start, end):
                return  # a word being mentioned, not used: coined the phrase "liberati"
        if lower not in self.base.misspellings and context.count(lower) >= 3:
            return  # a typo is seldom made three times over; jargon is ("warez" groups)
        if lower not in self.base.misspellings and _reduplicated(text, start, end):
            return  # a word said twice on purpose ("a bunga bunga party"); a slip is not typed twice
        if not lower.isascii():
            if lower in self.base.misspellings:  # "сontains" with a Cyrillic с
                yield self._finding(token, start, context, text)
            return  # a foreign word or name with accents that no list knows
        pos = 0
        named = False
        # each part of a compound has its own capitals: "Oscar-nominated" is a
        # name and a word, "inter-Korean" a prefix and a name
        for i, orig in enumerate(token.split("-")):
            part = orig.lower()
            p_start, pos = pos, pos + len(part) + 1
            if any(c.isupper() for c in orig[1:]):
                named = True
                continue  # acronyms, iPod, McDonald
            if named and len(part) < 6 and part not in self.base.misspellings:
                continue  # the syllables of a name: Jong-un, Myoung-gyon, Young-shik
            if orig[:1].isupper():
                named = len(orig) > 1  # T-shirt, U-turn, X-ray are no names
                if i > 0 or not (title_case or _sentence_start(text, start)):
                    continue  # a proper noun mid-sentence
                if self.known(part) or (part in self.base.prefixes and "-" in lower):
                    continue
                if not title_case and _next_is_capitalised(text, start + len(token)):
                    continue  # "Stade de France", "Herve Renard": part of a name
                if any(p[:1].isupper() for p in token.split("-")[1:]):
                    continue  # "Winn-Dixie": a hyphenated name
                if not self._suspicious_capital(article, orig, part, context):
                    continue
            elif "-" in lower and (part in self.base.gb_to_us or part in self.base.us_to_gb):
                # "well-organized": the part is a variant spelling, for the variant rules
                if part not in self.base.ambiguous:
                    yield self._variant(orig, start + p_start)
                continue
            elif self._part_ok(part, lower, context) or (
                part in self.base.compound_parts and ("-" in lower or text[start - 1 : start] in _HYPHENS)
            ):
                continue  # a word, or a word as the part of a compound: "all-seater", "60,000-seater"
            # "govrenment's": the misspelt word is the stem, the 's stays
            m = _TAIL.search(part)
            if m and not self.known(part[: m.start()]):
                part = part[: m.start()]
            if _is_unit(text, start, part):
                continue  # "2 tsp", "70 mph": an abbreviated unit after its number
            found = self._finding(token[p_start : p_start + len(part)], start + p_start, context, text)
            if self._foreign(part, text, start + p_start, found):
                continue
            yield found

    def _part_ok(self, part: str, whole: str, context: _Context) -> bool:
        if len(part) <= 2 or self.known(part):
            return True
        if part in self.base.prefixes and whole.startswith(part + "-"):
            return True
        if _has_apostrophe(part):
            return self.known(part)
        joined = whole.replace("-", "")
        if self.known(joined):
            return True
        if part in self.base.gb_to_us or part in self.base.us_to_gb:
            return True
        return self.accepted_by_form(part, context.words)

    def _suspicious_capital(self, article: Article, token: str, lower: str, context: _Context) -> bool:
        """A capitalised word at a sentence start: a typo ("Teh") or a name ("Pyeongchang")?"""
        if token in self.house.name_tokens or lower in self.house.archive or lower in self.house.capitalised:
            return False  # the archive knows it, as a name or a word
        if article.source.count(token) > 1:
            return False  # a typo is seldom repeated, a name usually is ("Winn" of Winn-Dixie)
        if lower in self.base.misspellings:
            return True
        if len(lower) < 5 or not lower.isascii():
            return False  # short capitalised words are names (Wes, Tel Aviv)
        if self.accepted_by_form(lower, context.words):
            return False
        cands = self.suggester.candidates(lower)
        # only an everyday word one keystroke slip away makes a capitalised word a typo
        return bool(cands) and cands[0].edit in _SLIPS and self.freq.get(cands[0].word, 0) >= 20_000

    def _foreign_quote(self, block: Block, text: str, start: int, memo: dict[tuple[int, int], bool]) -> bool:
        """Is the quotation around ``start`` in another language (mostly unknown words)?"""
        key = block.quote_at(start)
        if key is None:
            return False
        if key not in memo:
            qs, qe = key
            words = [w.lower() for w in WORD.findall(text[qs:qe]) if not w[:1].isupper()]
            unknown = [w for w in words if not all(len(p) <= 2 or self.known(p) for p in w.split("-"))]
            memo[key] = (
                len(unknown) >= 2
                and len(unknown) >= 0.4 * len(words)
                # two or three words may be an English phrase with a typo: "one-click shoppin"
                # (a slip is told from a short foreign word only at five letters or more: "est")
                and (len(words) >= 4 or not any(self.suggester.has_slip(w) for w in unknown if len(w) >= 5))
            )
        return memo[key]

    def _other_language(self, text: str, span: tuple[int, int, str], memo: dict[tuple[int, int], bool]) -> bool:
        """Is the run the markup sets apart (see :attr:`Block.languages`) in another language?

        A ``lang`` that is not English says so. Italics say only that the run is
        special (a foreign phrase, a title, stress), so the words decide: two
        words English lacks make a phrase of another language ("*mens rea*"), and
        so does one that is no slip of English: not a codespell misspelling, and
        not (at five letters or more, where a slip is told from a short foreign
        word) one keystroke from a common word. "*realy*" is a slip in italics.
        """
        start, end, lang = span
        if lang:
            return not lang.lower().startswith("en")
        key = (start, -end)  # beside the quotations' memo, keyed apart from them
        if key not in memo:
            words = [w.lower() for w in WORD.findall(text[start:end]) if not w[:1].isupper()]
            unknown = [w for w in words if not all(len(p) <= 2 or self.known(p) for p in w.split("-"))]
            memo[key] = len(unknown) >= 2 or any(
                w not in self.base.misspellings and (len(w) < 5 or not self.suggester.has_slip(w.replace("-", "")))
                for w in unknown
            )
        return memo[key]

    def _foreign(self, word: str, text: str, start: int, found: Finding) -> bool:
        """Is unknown ``word`` a word of another language rather than a misspelling?

        It is when another language knows it and a word beside it is of another
        language too (a phrase: "pulpo a la gallega"), when it stands between two
        words of another language, or when the only English
        correction near it does not even sound like it (a loanword is never
        "corrected" to an unrelated English word).
        """
        if found.source == "codespell":
            return False
        words, glue = foreign_words()
        before, after = _neighbours(text, start, start + len(word))
        if word not in words:
            # a word no list has between two words of another language is of that phrase
            # ("Muchachos, ahora nos volvimos a ilusionar": "nos" is too common in English lists)
            if before in words and after in words:
                return True
            # a phrase held together by another language's "and", "of", "in" ("cacio e pepe",
            # "en masse"): beside such a word stands a word wordfreq counts (but keeps out of
            # English as a likely slip: "masse"), or across it another word English lacks
            far_before, far_after = _far_neighbours(text, start, start + len(word))
            return any(
                g is not None and g in glue and self.freq.get(g, 0) < _RARE_IN_ENGLISH
                and (word in self.base.compound_parts or (far is not None and not self.known(far)))
                for g, far in ((before, far_before), (after, far_after))
            )
        if any(n is not None and (n in words or n in glue) for n in (before, after)):
            return True
        return not found.suggestions or metaphone(found.suggestions[0].lower()) != metaphone(word)

    def _finding(self, word: str, start: int, context: _Context | set[str], text: str = "") -> Finding:
        lower = word.lower()
        ctx_words = context.words if isinstance(context, _Context) else context
        before, after = _neighbours(text, start, start + len(word))
        fixes = self.base.misspellings.get(lower)
        if fixes:
            fixes = tuple(f for f in fixes if self.suggester.allowed(f)) or fixes
            # codespell's corrections lead, then what the slip model finds
            ranked = self.suggester.rank(lower, ctx_words, deep=True, before=before, after=after, listed=fixes)
            sugg = tuple(match_case(word, c.word) for c in ranked[:5])
            return Finding(start, start + len(word), word, sugg, len(fixes) == 1, "codespell")
        cands: tuple[Candidate, ...] = self.suggester.rank(lower, ctx_words, deep=True, before=before, after=after)
        sugg = tuple(match_case(word, c.word) for c in cands[:5])
        if not cands:
            near = _nearest_in_article(lower, ctx_words)
            if near:  # a word no list knows, but the article spells it right elsewhere ("cybercrime")
                return Finding(start, start + len(word), word, (match_case(word, near),), True, "article")
            split = self._split(lower)
            if split:  # two words run together: "radicallyimproved"
                return Finding(start, start + len(word), word, (match_case(word, split),), True, "split")
        tied = len(sugg) >= 2 and cands[0].score - cands[1].score < TIE
        return Finding(start, start + len(word), word, sugg, is_strong(cands), "edit" if cands else "none", tied)

    def _split(self, lower: str) -> str | None:
        """``lower`` as two common words with the space between them lost, if it is one.

        Both words must be long: short ones make closed compounds far more
        often than slips ("goalwards", "sidefooting", "hypergrowth").
        """
        best: tuple[int, str] | None = None
        for i in range(6, len(lower) - 5):
            a, b = lower[:i], lower[i:]
            fa, fb = self.freq.get(a, 0), self.freq.get(b, 0)
            if fa >= 1000 and fb >= 1000 and (best is None or min(fa, fb) > best[0]):
                best = (min(fa, fb), f"{a} {b}")
        return best[1] if best else None

    def _variant(self, token: str, start: int) -> VariantUse:
        lower = token.lower()
        if lower in self.base.gb_to_us:
            variant, twin = "gb", self.base.gb_to_us[lower]
        else:
            variant, twin = "us", self.base.us_to_gb[lower]
        return VariantUse(start, start + len(token), token, variant, match_case(token, twin), self.base.is_ize(lower))


#: Letter runs the fast pass may ignore: halves of contractions (didn't) and
#: the letters of numbers with units (1990s, 21st, £600m, 4x4).
_FRAGMENTS = frozenset(
    "didn doesn isn wasn aren weren couldn wouldn shouldn hasn haven hadn mustn needn mightn "
    "ll ve re st nd rd th bn km kg mph mm cm ft".split()
)

_PREFIXES = (
    "anti", "counter", "cyber", "inter", "micro", "multi", "non", "over", "post", "pre", "re",
    "self", "semi", "sub", "super", "under", "un", "out", "mis", "mega", "eco", "tele",
)


_TRIPLE = compile_re(r"(.)\1\1")
_DERIVED = compile_re(r"(?:ness|nesses|ers?)$")
# only the long suffix: "streetise" is a typo, "nuclearisation" a word
_IZE_SUFFIX = compile_re(r"i[sz]ations?$")


_TAIL = compile_re(r"['\u2019](?:s|ll|re|ve|d|m)$")
#: "(sic)" or "[sic]" after a word (a closing quotation mark between): the word is as written
_SIC = compile_re(r"['\"\u2019\u201d]?[ \t\u00a0]*[(\[]sic[)\]]", re.IGNORECASE)
_SLIPS = frozenset({"swap", "doubled", "dropped", "key"})
_NEXT_WORD = compile_re(r"[ \t]+(?:(?:de|da|di|du|del|der|van|von|la|le|al|bin)[ \t]+)?([^\W\d_])")
#: a capitalised word and "of" or "for" another: the head of an institution's name
_NAME_OF = compile_re(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z]")


def _nearest_in_article(lower: str, words: Collection[str]) -> str | None:
    """The one word of the article within a slip of ``lower`` (two edits for long words), if unique."""
    if len(lower) < 5:
        return None
    budget = 1 if len(lower) < 8 else 2
    best: list[tuple[int, str]] = []
    for w in words:
        if w == lower or abs(len(w) - len(lower)) > budget or w[:1] != lower[:1]:
            continue
        if w in (lower + "s", lower + "es") or lower in (w + "s", w + "es"):
            continue  # the same word in the singular and the plural ("hypertag", "hypertags")
        d = OSA.distance(lower, w, score_cutoff=budget)
        if d <= budget:
            best.append((d, w))
    best.sort()
    if not best or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1]


_WORD_BEFORE = compile_re(r"([^\W\d_]+)[ \t]+$")
_WORD_AFTER = compile_re(r"[ \t]+([^\W\d_]+)")
_TWO_BEFORE = compile_re(r"([^\W\d_]+)[ \t]+[^\W\d_]+[ \t]+$")
_TWO_AFTER = compile_re(r"[ \t]+[^\W\d_]+[ \t]+([^\W\d_]+)")
#: another language's glue word ("de", "la", "e", "en") rare enough as an English word (in
#: pyspellchecker's counts; "per", "come", "in" are far commoner) to mark a foreign phrase
_RARE_IN_ENGLISH = 100_000


_NUMBER_BEFORE = compile_re(r"\d[\d.,]*[\u00bc-\u00be\u2150-\u215e]?[ \t\u00a0]*$")


def _is_unit(text: str, start: int, word: str) -> bool:
    """A short word of consonants only just after a number: a unit ("2 tsp", "1 tbsp", "70 mph")."""
    return (
        2 <= len(word) <= 4
        and not any(c in "aeiou" for c in word)
        and _NUMBER_BEFORE.search(text, max(0, start - 20), start) is not None
    )


def _reduplicated(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` written twice over, with a space or hyphen between ("bunga bunga")?"""
    word, n = text[start:end].lower(), end - start
    after = text[end + 1 : end + 1 + n].lower() == word and text[end : end + 1] in " -"
    before = start > n and text[start - n - 1 : start - 1].lower() == word and text[start - 1] in " -"
    return after or before


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words just before and after ``text[start:end]`` in the same phrase (lower case), or None."""
    if not text:
        return None, None
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    n = _WORD_AFTER.match(text, end)
    return (m.group(1).lower() if m else None), (n.group(1).lower() if n else None)


def _far_neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words two before and two after ``text[start:end]`` in the same phrase (lower case), or None."""
    m = _TWO_BEFORE.search(text, max(0, start - 60), start)
    n = _TWO_AFTER.match(text, end)
    return (m.group(1).lower() if m else None), (n.group(1).lower() if n else None)


def _quote_marked_sic(block: Block, text: str, start: int, token: str) -> bool:
    """True when the quotation around the word is followed by "(sic)" or "[sic]"."""
    q = block.quote_at(start, start + len(token))
    return q is not None and _SIC.match(text, q[1]) is not None


def _quotes_only(block: Block, text: str, start: int, end: int) -> bool:
    """True when the quotation around ``text[start:end]`` holds that word and nothing else."""
    q = block.quote_at(start, end)
    return q is not None and text[q[0] : q[1]].strip(" .,;:!?'\u2019") == text[start:end]


def _next_is_capitalised(text: str, end: int) -> bool:
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1).isupper()


def _has_apostrophe(w: str) -> bool:
    return "'" in w or "\u2019" in w


_DOMAIN_HINT = compile_re(r"\w\.(?:com|org|net|gov|edu|int|info|biz|io|tv|co|uk|eu|us|fm|me)\b|\w\.[a-z]{2,6}/\w")


def _maybe_not_words(text: str) -> bool:
    return "@" in text or "#" in text or "://" in text or "www." in text or "&" in text or bool(
        _DOMAIN_HINT.search(text)
    )


def _tokens_with(text: str, need: set[str]) -> Iterator[re.Match[str]]:
    """The WORD matches of ``text`` that contain one of the lower-case letter runs in ``need``.

    Finds the runs with ``str.find`` and grows each to its whole word, so a
    long paragraph with one odd word costs a few look-ups, not a pass over
    every word.
    """
    lt = text.lower()
    if len(lt) != len(text):  # a rare letter whose lower case is longer
        yield from WORD.finditer(text)
        return
    starts: set[int] = set()
    for run in need:
        if not run.isalpha():
            continue
        i = lt.find(run)
        while i >= 0:
            j = i + len(run)
            if (i == 0 or not lt[i - 1].isalpha()) and (j == len(lt) or not lt[j].isalpha()):
                k = i
                while k > 0 and (lt[k - 1].isalpha() or (lt[k - 1] in _JOINERS and k > 1 and lt[k - 2].isalpha())):
                    k -= 1
                starts.add(k)
            i = lt.find(run, j)
    last_end = -1
    for k in sorted(starts):
        if k < last_end:
            continue
        m = WORD.match(text, k)
        if m:
            last_end = m.end()
            yield m


_JOINERS = frozenset("-'\u2019")
_HYPHENS = frozenset("-\u2010\u2011")


def _sentence_start(text: str, i: int) -> bool:
    """Does the word at ``text[i]`` begin a sentence (or a quotation, or the block)?"""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in _APOSTROPHES and j > 0 and text[j - 1].isalpha():
        return False  # an elision or a plural possessive ("Dunkin' Donuts", "the Smiths' Color"), no quote
    if ch in _OPENERS or ch in _SENTENCE_END or ch in _DASHES:
        return True
    return False


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
