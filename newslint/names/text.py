"""Finding name-like runs of words in text, and the keys names are compared by.

No model is involved: a *run* is a sequence of capitalised words (with name
particles such as "von der" or "bin" inside it) separated only by spaces or a
line break. Titles and honorifics at the start of a run ("Prime Minister",
"Mr") are split off and kept as the run's anchor, and a possessive "'s" ends
the run outside its span. The checks decide which parts of a run are people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from newslint.regex import compile_re

#: Lower-case words that may stand inside a name ("Ursula von der Leyen", "Mohammed bin Salman").
PARTICLES = frozenset(
    "de del della der den di da das do dos du van von bin ibn bint al el la le ter ten zu af y e".split()
)
# ("of" is left out: "Jake White of South Africa" is a person and a country, not one name)

#: Honorifics: the word after them is a person (usually a surname).
HONORIFICS = frozenset("Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Prof Professor Rev Baroness Baron".split())

#: Titles and role words that start a run but are not part of the name.
TITLES = HONORIFICS | frozenset(
    """President Vice Prime Minister Chancellor Secretary Senator Sen Governor Gov General Gen
    King Queen Prince Princess Sheikh Emir Pope Judge Justice Chairman Chairwoman Chair Premier
    Deputy Foreign Home Shadow Leader Captain Capt Coach Manager Chief Executive Speaker Mayor
    Ambassador Commissioner Director Minister Archbishop Bishop Cardinal Father Sister Brother
    Colonel Col Major Lieutenant Lt Sergeant Sgt Admiral Marshal Commander Inspector Detective
    Officer Constable Superintendent Agent Chancellor Rep Representative Congressman
    Congresswoman Councillor Cllr Uncle Aunt Supreme Crown Defence Defense Finance
    Health Trade Industry Culture Education Transport Environment Justice Interior Economy
    Energy Treasury Attorney Solicitor Lib Dem Labour Tory Conservative Democrat Democratic
    Republican Liberal Party MP MEP MSP AM Former Ex Acting Interim Striker Midfielder
    Defender Goalkeeper Winger Fly-half Prop Lock Flanker Scrum-half Full-back Centre Hooker
    Singer Actor Actress Star Director Producer Presenter Comedian Rapper Boss Chairman
    Messrs Drs Presidents Ministers Princes Princesses Kings Queens Lords Ladies Dames Sirs
    Senators Generals Judges Bishops Adviser Advisor Aide Spokesman Spokeswoman Spokesperson
    Envoy Negotiator Prosecutor Lawyer Founder Co-founder""".split()
)

#: Titles after which a capitalised run is a person (not a party, a ministry or a team).
PERSON_TITLES = HONORIFICS | frozenset(
    """President Prime Minister Chancellor Secretary Senator Governor General King Queen Prince
    Princess Sheikh Emir Pope Judge Justice Chairman Chairwoman Premier Leader Captain Coach
    Manager Chief Executive Mayor Ambassador Commissioner Director Archbishop Bishop Cardinal
    Colonel Major Lieutenant Sergeant Admiral Marshal Commander Inspector Detective Striker
    Midfielder Defender Goalkeeper Winger Singer Actor Actress Presenter Comedian Rapper Boss
    Adviser Advisor Aide Spokesman Spokeswoman Spokesperson Envoy Negotiator Prosecutor Lawyer
    Attorney Founder Co-founder""".split()
)

#: Lower-case role words that, right before a capitalised run, make it a person, as a title
#: does: "the England defender Reece James", "said spokesman Sean Spicer". (Words that are
#: also adjectives, "major" or "general", are left out; those that are also verbs count
#: only when no "to" or "will" comes before them: "he will captain South Korea".)
ROLE_WORDS = frozenset(
    """president minister secretary senator governor chancellor premier mayor ambassador
    commissioner spokesman spokeswoman spokesperson adviser advisor aide envoy negotiator
    prosecutor lawyer attorney striker midfielder defender goalkeeper winger manager singer
    actor actress presenter comedian rapper chairman chairwoman founder co-founder coach
    captain judge boss""".split()
)
_ROLE_TITLES = {w: w.capitalize() for w in ROLE_WORDS}
_ROLE_VERBS = frozenset("coach captain judge boss".split())
_VERB_BEFORE = compile_re(r"\b(?:to|will|would|can|could|should|must|might|shall|did|not)\s+$", re.IGNORECASE)

#: Capitalised words that start sentences or headlines and are never the first word of a name.
STOPWORDS = frozenset(
    """The A An And But Or Nor For So Yet If In On At By To Of From With Without As Is Are Was
    Were Be Been Has Have Had Do Does Did It Its He She They We You I His Her Their Our My Your
    This That These Those There Here When Where While Why How What Who Whom Whose Which After
    Before Since Until Unless Although Though Because Also Even Only Just Still Now Then Than
    However Meanwhile Instead Despite During Under Over Into Onto Upon About Above Below Between
    Among Against Through Throughout Across Around Near Not No Yes All Any Some Many Most More
    Much Few Both Each Every Either Neither Other Another Such Same One Two Three Four Five Six
    Seven Eight Nine Ten Last Next First Second Third New Old Said Says Say Speaking Asked Told
    Would Could Should Can Might Must Shall Let Mrs Mr Ms Dr Sir According Like Unlike
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
    July August September October November December Today Tomorrow Yesterday Tonight Please
    Thanks Well Oh Why Perhaps Indeed Certainly Already Again Often Never Always Sometimes
    Following Including Rather Whether Once Twice Given Having Being Making Taking Getting""".split()
)

_GAP_OK = compile_re(r"[ \t]*(?:\r\n|\r|\n)?[ \t]*$")
_INITIAL = compile_re(r"^[^\W\d_]\.?$")
_DROP_WORDS = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})


class Token(NamedTuple):
    """One word of a run: its text (possessive removed) and block-relative span."""

    text: str
    start: int
    end: int


class Run(NamedTuple):
    """A run of capitalised words, with the title or honorific before it (if any).

    ``title`` is the last title word split off the front ("Mr", "Minister");
    ``after_said`` is true for "said Bong Young-shik"; ``possessive`` is true
    when the last word carried "'s". (Tuples, not dataclasses: a corpus has
    hundreds of thousands of runs, and a tuple is made fastest.)
    """

    tokens: tuple[Token, ...]
    title: str | None = None
    after_said: bool = False
    possessive: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def words(self) -> tuple[str, ...]:
        return tuple([t.text for t in self.tokens])


def is_capitalised(word: str) -> bool:
    """True for "Blair", "McDonald", "O'Brien", "al-Assad", "d'Estaing", "Erdoğan"."""
    if not word:
        return False
    if word[0].isupper():
        return True
    if word[0] not in "abde" or not ("-" in word[:4] or "'" in word[:2] or "\u2019" in word[:2]):
        return False
    # lower-case prefixes glued to a capitalised name
    for prefix in ("al-", "el-", "bin-", "ad-", "ash-", "as-", "at-", "ar-", "d'", "d\u2019"):
        if word.startswith(prefix) and len(word) > len(prefix) and word[len(prefix)].isupper():
            return True
    return False


# One regex finds the runs, and the search skips everything else in C: the pattern starts
# with a character set (the capitals, and the letters outside ASCII), so the engine tries it
# only where such a letter starts a word. A run is words that may be capitalised, particles,
# and the gaps _GAP_OK allows; whether a word is capitalised, a title or a particle is decided
# word by word below. The words are those of one left-to-right scan of the text (_WORD: a
# letter, then _REST), so a capital inside a word ("pre-Christmas", "don'T") starts no run.
_MAY_START = r"(?:[A-Z]|(?=[^\W\d_])[^\x00-\x7f])"  # any letter that may be upper case
_PREFIXED = r"(?:(?:al|el|bin|ad|ash|as|at|ar)-|d['\u2019])(?=[^\W\d_])[^a-z]"  # "al-Assad", "d'Estaing"
_REST = r"(?:[\w'\u2019]*\w)?(?:-[^\W_](?:[\w'\u2019]*\w)?)*"
_TOKEN = rf"(?:{_MAY_START}\.(?=\s|$)|{_MAY_START}{_REST}|(?={_PREFIXED})[a-z]{_REST})"
# longest first, ties in letter order: the same pattern in every process (a set's order is the hash seed's)
_PARTICLE = r"(?:" + "|".join(sorted(PARTICLES, key=lambda p: (-len(p), p))) + r")(?!\w|['\u2019]+\w|-[^\W_])"
_GAP = r"[ \t]*(?:(?:\r\n?|\n)[ \t]*)?\n?"
_TAIL = rf"(?:{_GAP}(?:{_PARTICLE}{_GAP})*{_TOKEN})*"
#: a word of the scan; no word holds white space
_WORD = compile_re(rf"[^\W\d_](?:\.(?=\s|$)|{_REST})")
#: a run starting with a capital: U+2000-U+206F (quotes, dashes, spaces) holds no letter, and the
#: look-behinds make the first character a letter with no letter before it
_RUNS = compile_re(rf"[A-Z\u0080-\u1fff\u2070-\U0010ffff](?<=[^\W\d_])(?<![^\W\d_].)(?:\.(?=\s|$)|{_REST}){_TAIL}")
#: any run, also one starting with a lower-case prefix ("al-Assad"): slower, for the texts
#: _PREFIX_HINT finds such a prefix in (about one block in a thousand)
_RUNS_ANY = compile_re(rf"(?<![^\W\d_]){_TOKEN}{_TAIL}")
_PREFIX_HINT = compile_re(
    r"[-'\u2019](?:(?<=al-|el-|ad-|as-|at-|ar-)(?<![^\W\d_]...)|(?<=bin-|ash-)(?<![^\W\d_]....)"
    r"|(?<=d'|d\u2019)(?<![^\W\d_]..))(?=[^\W\d_])[^a-z]"
)
_SAID = frozenset(("said", "says", "told", "added", "according"))


def _reversed_words(words: Iterable[str]) -> str:
    return "|".join(w[::-1] for w in sorted(words, key=lambda w: (-len(w), w)))


#: read backwards from a run's start: a role word and one space just before it ("defender
#: Reece James"), or "said" and no letter between ("said: 'Bong Young-shik")
_BEFORE = compile_re(
    rf" (?P<role>{_reversed_words(_ROLE_TITLES)})(?![^\W\d_])"
    rf"|[\W\d_]*(?P<poss>s['\u2019])?(?P<said>{_reversed_words(_SAID)})(?![^\W\d_])"
)
#: Tokens and runs are made as tuples directly: a named tuple's own ``__new__`` is a Python
#: call, twice the cost, and a corpus makes hundreds of thousands of them
_new = tuple.__new__


def _inside_word(text: str, at: int, since: int = 0) -> int:
    """The end of the word of the scan that letter ``at`` is inside, or -1 when a word starts there.

    Only a letter after a digit, "_", an apostrophe or a hyphen needs this: after any
    other character a letter starts a word, after a letter it never does. ``since`` is a
    place known to be between words (where a run ended): the words are read again from it,
    or from the last white space if that is nearer, so a long text without spaces stays linear.
    """
    if not at:
        return -1
    c = text[at - 1]
    if not (c.isalnum() or c in "_'\u2019-"):
        return -1
    i = at - 1
    since = since if since <= i else 0
    while i > since and not text[i - 1].isspace():
        i -= 1
    for m in _WORD.finditer(text, i):
        if m.start() >= at:
            break
        if m.end() > at:
            return m.end()
    return -1


def _before_run(text: str, bm: re.Match[str], since: int) -> tuple[str | None, bool]:
    """(the title a role word gives the run after it, whether "said" comes before it), from
    ``_BEFORE``'s match ``bm`` on the reversed text; ``since`` as for :func:`_inside_word`."""
    n = len(text)
    ws = n - bm.end()  # where the word starts
    if _inside_word(text, ws, since) >= 0:
        return None, False
    word = bm.group("role")
    if word is not None:
        word = word[::-1]
        if word in _ROLE_VERBS and _VERB_BEFORE.search(text, max(0, ws - 8), ws):
            return None, False  # "he will captain South Korea"
        return _ROLE_TITLES[word], False
    # the whole word must be "said" (or "said's"): not "said2"
    end = n - bm.start("said") + (2 if bm.group("poss") else 0)
    return None, _WORD.match(text, ws).end() == end  # type: ignore[union-attr]


_PREFIXES = ("al-", "el-", "bin-", "ad-", "ash-", "as-", "at-", "ar-")


def _may_have_prefix(text: str) -> bool:
    """True when ``text`` holds one of the lower-case prefixes: substring tests cost less than a pattern."""
    return "d'" in text or "d\u2019" in text or ("-" in text and any(p in text for p in _PREFIXES))


def find_runs(text: str) -> list[Run]:
    """The capitalised runs of one block of text, left to right."""
    runs: list[Run] = []
    search = (_RUNS_ANY if _may_have_prefix(text) and _PREFIX_HINT.search(text) else _RUNS).search
    before = _BEFORE.match
    rev = text[::-1]
    n = len(text)
    pos = 0
    while (rm := search(text, pos)) is not None:
        since = pos  # the end of a word, or 0
        start = rm.start()
        pos = rm.end()
        role: str | None = None
        after_said = False
        if start:
            c = text[start - 1]
            if (c.isalnum() or c in "_'\u2019-") and (inside := _inside_word(text, start, since)) >= 0:
                pos = inside  # "pre-Christmas": the scan goes on after the word
                continue
            if (bm := before(rev, n - start)) is not None:
                role, after_said = _before_run(text, bm, since)
        word = rm.group()
        if " " not in word and "\n" not in word and "\t" not in word and "\r" not in word:
            # one word (the common case): two words always have a gap of these between them
            possessive = word[-1] == "s" and len(word) > 2 and word[-2] in "'\u2019"
            if possessive:
                word = word[:-2]
            if (word[0].isupper() or is_capitalised(word) or (_INITIAL.match(word) and word[0].isupper())) and (
                possessive or word not in TITLES
            ):
                runs.append(_new(Run, ((_new(Token, (word, start, start + len(word))),), role, after_said, possessive)))
        else:
            _scan_run(text, start, pos, after_said, runs, role)
    return runs


def _scan_run(text: str, rs: int, re_: int, said: bool, runs: list[Run], role: str | None = None) -> None:
    """Split one regex run into runs (titles, particles, possessives).

    ``said`` is true when "said" comes just before the run (and so before its first word);
    ``role`` is the title a lower-case role word just before the run gives its first name.
    """
    cur: list[Token] = []
    title: str | None = role
    pending_particles: list[Token] = []
    after_said = False

    def close(possessive: bool = False) -> None:
        nonlocal cur, title, pending_particles, after_said
        if cur:
            # "Home Office Minister Hazel Blears", "US President George Bush": the
            # name starts after the last title word inside the run
            for i in range(len(cur) - 2, -1, -1):
                rest = cur[i + 1 :]
                if (
                    cur[i].text in TITLES
                    and rest[0].text not in PARTICLES
                    and any(t.text.lower().rstrip(".") not in _DROP_WORDS for t in rest)
                ):
                    title, cur = cur[i].text, cur[i + 1 :]
                    after_said = False
                    break
            runs.append(_new(Run, (tuple(cur), title, after_said, possessive)))
        cur = []
        title = None
        pending_particles = []
        after_said = False

    # the words of a run are the pieces between its gaps, which are white space alone
    at = rs
    for word in text[rs:re_].split():
        start = at = text.find(word, at)
        end = at = start + len(word)
        possessive = False
        if len(word) > 2 and word[-1] == "s" and word[-2] in "'\u2019":
            word = word[:-2]
            end = start + len(word)
            possessive = True
        if is_capitalised(word) or (_INITIAL.match(word) and word[0].isupper()):
            if cur and word in TITLES and not possessive and (
                word in HONORIFICS or all(t.text in STOPWORDS for t in cur)
            ):
                # "But Mr Lee": the sentence-start word is not part of the name;
                # "Paris Hilton Mr Smith" never happens, so an honorific starts afresh
                if not all(t.text in STOPWORDS for t in cur):
                    runs.append(_new(Run, (tuple(cur), title, after_said, False)))
                cur = []
                pending_particles = []
            if not cur and word in TITLES and not possessive:
                title = word
                after_said = False
            else:
                if not cur:
                    after_said = said and start == rs
                cur.extend(pending_particles)
                pending_particles = []
                cur.append(_new(Token, (word, start, end)))
            if possessive:
                close(possessive=True)
        elif cur and word in PARTICLES and not possessive:
            pending_particles.append(_new(Token, (word, start, end)))
        elif cur or title:
            close()
    close()


def fold(s: str) -> str:
    """ASCII-fold and case-fold: "Erdoğan" -> "erdogan"."""
    if not s.isascii():
        # imported for the first text that needs it: anyascii imports importlib.resources,
        # and that tempfile, shutil and more (some 13 ms of a cold run of ASCII copy)
        from anyascii import anyascii

        s = anyascii(s)
    return s.lower()


@lru_cache(maxsize=65536)
def compact_key(name: str) -> str:
    """The key names are compared by: folded, without spaces, hyphens, initials or "Jr".

    "Kim Jong-un", "Kim Jong Un" and "KIM Jong-un" share the key "kimjongun";
    "George W. Bush" and "George Bush" share "georgebush".
    """
    parts = []
    for w in fold(name).replace("\u2019", "'").split():
        w = w.strip(".,")
        if not w or w in _DROP_WORDS or (len(w) == 1 and w.isalpha()) or (len(w) == 2 and w.endswith(".")):
            continue
        parts.append(w)
    return "".join(ch for ch in "".join(parts) if ch.isalnum())


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The key of one word: folded, letters and digits only."""
    return "".join(ch for ch in fold(word) if ch.isalnum())
