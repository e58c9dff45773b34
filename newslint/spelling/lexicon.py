"""The word lists behind the spelling checks, loaded once per process.

:class:`BaseLexicon` holds what ships with the software: pyspellchecker's
English word frequencies, the British/American pairs of
``newslint/data/spelling/variants.tsv`` (British forms get the frequency of
their American twin, so they rank as high as suggestions), newslint's extra
words, and codespell's list of common misspellings. It is the same for every
article and every configuration, so it is cached under one key, packed
(:mod:`newslint.spelling.packed`): a few flat arrays that load by copying bytes,
in about a fifth of the memory of dictionaries and sets of strings.

:class:`HouseWords` holds what a newsroom adds: house dictionaries (accepted
and rejected words) and the vocabulary learnt from its archive by
``newslint names build``. It is cached under the files' paths and
modification times plus the options that shape it.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint.regex import compile_re
from newslint.spelling.packed import PackedMap, WordCounts

#: Where the shipped word lists live (package data).
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "spelling"

#: Frequency given to words that come from newslint's own lists (about as
#: common as "chatroom" in pyspellchecker's counts: rare, but a real word).
EXTRA_WORD_FREQUENCY = 400


@dataclass(frozen=True)
class BaseLexicon:
    """Shipped word lists: everything a newsroom gets before adding its own."""

    #: lower-case word -> how common it is (pyspellchecker's counts)
    freq: WordCounts
    #: British spelling -> American spelling
    gb_to_us: Mapping[str, str]
    #: American spelling -> British spelling
    us_to_gb: Mapping[str, str]
    #: spellings of a pair that are right in both varieties: with another meaning (program,
    #: tire, check) or in the other variety's dictionary too (dialogue, doughnut, focused)
    ambiguous: frozenset[str]
    #: common misspelling -> its corrections, best first (codespell)
    misspellings: Mapping[str, tuple[str, ...]]
    #: words accepted in a hyphenated compound's first part (co-, de-, pre-, wi-fi's "wi")
    prefixes: frozenset[str]
    #: the words offered as corrections: every word of ``freq`` but those only wordfreq
    #: vouches for, which are accepted as written but never suggested (they hold names and
    #: web coinages: "gerrit" is no correction of "geart")
    suggestable: AbstractSet[str] = frozenset()
    #: words wordfreq counts but that look like slips of commoner words ("seater" of
    #: "sweater"): accepted only as a part of a hyphenated compound ("all-seater")
    compound_parts: frozenset[str] = frozenset()
    #: SCOWL's words found only in its British list ("gb") or only in its American ("us"):
    #: words of ``freq`` that a check in the other variety does not accept
    one_variety: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def is_ize(self, word: str) -> bool:
        """True for a spelling that differs from its twin only by -ize/-ise or -yze/-yse."""
        other = self.gb_to_us.get(word) or self.us_to_gb.get(word)
        if other is None or len(other) != len(word):
            return False
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        return len(diff) == 1 and {word[diff[0]], other[diff[0]]} == {"s", "z"}


def _data_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


def _lines(text: str) -> Iterable[str]:
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


#: wordfreq's Zipf frequency of a word (log10 of uses per billion words) minus this is the
#: log10 of a count on pyspellchecker's scale (the median offset over common words)
ZIPF_TO_COUNT = 0.3


def _wordfreq_counts() -> tuple[dict[str, int], frozenset[str]]:
    """``wordfreq-en.tsv.gz``: counts on pyspellchecker's scale, and the compound-only words.

    See tools/build_wordfreq_data.py for what the file holds.
    """
    with gzip.open(DATA_DIR / "wordfreq-en.tsv.gz", "rt", encoding="utf-8") as f:
        text = f.read()
    counts = {w: max(1, round(10 ** (int(z) / 100 - ZIPF_TO_COUNT))) for w, z in _TSV_ROW.findall(text)}
    return counts, frozenset(_TSV_PART.findall(text))


_TSV_ROW = compile_re(r"^([a-z]+)\t(\d+)$", re.MULTILINE)
_TSV_PART = compile_re(r"^([a-z]+)\t\d+\tpart$", re.MULTILINE)
_SCOWL_ROW = compile_re(r"^([a-z]+)\t(\d+)\t(both|gb|us)$", re.MULTILINE)
_SCOWL_PART = compile_re(r"^([a-z]+)\t\d+\t(?:both|gb|us)\tpart$", re.MULTILINE)


def _scowl_words() -> tuple[dict[str, int], dict[str, frozenset[str]], frozenset[str]]:
    """``scowl-en.tsv.gz``: SCOWL's dictionary words no other list holds (stat, intro, apeman).

    Their counts (rare: wordfreq's, or 1), the words of one variety only ("gb", "us"), and
    the compound-only words; see tools/build_scowl_data.py.
    """
    with gzip.open(DATA_DIR / "scowl-en.tsv.gz", "rt", encoding="utf-8") as f:
        text = f.read()
    counts: dict[str, int] = {}
    varieties: dict[str, set[str]] = {"gb": set(), "us": set()}
    for w, z, variety in _SCOWL_ROW.findall(text):
        counts[w] = max(1, round(10 ** (int(z) / 100 - ZIPF_TO_COUNT)))
        if variety != "both":
            varieties[variety].add(w)
    return counts, {v: frozenset(ws) for v, ws in varieties.items()}, frozenset(_SCOWL_PART.findall(text))


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file inside an installed package, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent.joinpath(*parts)


def _pyspellchecker_file() -> Path:
    path = _package_file("spellchecker", "resources", "en.json.gz")
    if path is None:  # pragma: no cover - pyspellchecker is a dependency
        raise ImportError("pyspellchecker is not installed")
    return path


def _codespell_file() -> Path | None:
    return _package_file("codespell_lib", "data", "dictionary.txt")


def _pyspellchecker_frequencies() -> dict[str, int]:
    path = _pyspellchecker_file()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        data: dict[str, int] = json.load(f)
    return data


class Misspellings(Mapping[str, tuple[str, ...]]):
    """codespell's ``dictionary.txt``: misspelling -> corrections that are words here.

    The file (65,000 lines) is split with one regular expression at load;
    each entry is parsed when first looked up, so loading stays cheap.
    """

    _LINE = compile_re(r"^([^\W\d_]+)->(.*)$", re.MULTILINE)

    def __init__(self, text: str, freq: Mapping[str, int], variants: Collection[str] = ()) -> None:
        # lower-case entries only; a few hold look-alike letters ("сontains", Cyrillic с);
        # packed, as the word counts are: 60,000 entries as a dict take some 10 MB a process
        self._raw = PackedMap({w: r for w, r in self._LINE.findall(text) if w.islower()})
        #: the entries with letters outside ASCII, looked for by substring search
        self.non_ascii = tuple(w for w in self._raw if not w.isascii())
        self._freq = freq
        # British forms carry their American twin's frequency: not a sign of a common word
        self._variants = variants
        self._parsed: dict[str, tuple[str, ...]] = {}

    def _parse(self, wrong: str) -> tuple[str, ...]:
        hit = self._parsed.get(wrong)
        if hit is None:
            rest = self._raw.get(wrong)
            hit = ()
            # a "misspelling" that is itself a common word (codespell lists a
            # few that are really confusions) is left to the grammar checks
            if rest is not None and (self._freq.get(wrong, 0) <= 2000 or wrong in self._variants):
                hit = tuple(
                    w.strip()
                    for w in rest.split(",")
                    if w.strip() and all(p in self._freq for p in w.strip().split())
                )
            self._parsed[wrong] = hit
        return hit

    def __getitem__(self, wrong: str) -> tuple[str, ...]:
        fixes = self._parse(wrong) if isinstance(wrong, str) else ()
        if not fixes:
            raise KeyError(wrong)
        return fixes

    def get(self, wrong: str, default=None):  # type: ignore[no-untyped-def, override]
        return self._parse(wrong) or default

    def __contains__(self, wrong: object) -> bool:
        return isinstance(wrong, str) and wrong in self._raw and bool(self._parse(wrong))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (w for w in self._raw if self._parse(w))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _codespell_misspellings(freq: Mapping[str, int], variants: Collection[str]) -> Mapping[str, tuple[str, ...]]:
    path = _codespell_file()
    if path is None:  # pragma: no cover - codespell is a dependency
        return {}
    return Misspellings(path.read_text(encoding="utf-8"), freq, variants)


def load_base() -> BaseLexicon:
    """Read every shipped list (about a fifth of a second; call it once per process)."""
    freq = _pyspellchecker_frequencies()
    suggestable = set(freq)
    # written English now: wordfreq's counts rank the words both lists know, and add the
    # current words pyspellchecker lacks (vape, hijab, deepfake)
    counts, compound_parts = _wordfreq_counts()
    freq.update(counts)
    gb_to_us: dict[str, str] = {}
    for line in _lines(_data_text("variants.tsv")):
        gb, us = line.split("\t")[:2]
        gb_to_us[gb] = us
    us_to_gb: dict[str, str] = {}
    for gb, us in gb_to_us.items():
        us_to_gb.setdefault(us, gb)
    for gb, us in gb_to_us.items():
        if gb not in freq or freq[gb] < freq.get(us, 0):
            freq[gb] = max(freq.get(us, 0), EXTRA_WORD_FREQUENCY)
    # "risque", "cliche", "protege": the accented words written without accents
    for w in [w for w in freq if not w.isascii()]:
        folded = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
        if folded.isascii() and folded not in freq:
            freq[folded] = freq[w]
    # SCOWL's dictionary words the lists above lack ("scragged", "niggly"): accepted, never
    # suggested (a rare word offered for a slip pushes the meant word down)
    scowl, one_variety, scowl_parts = _scowl_words()
    for w, n in scowl.items():
        freq.setdefault(w, n)
    compound_parts |= scowl_parts
    for word in _lines(_data_text("extra-words.txt")):
        w = word.lower()
        freq.setdefault(w, EXTRA_WORD_FREQUENCY)
        suggestable.add(w)
    suggestable.update(gb_to_us)
    # right in both varieties: a second meaning in British English (ambiguous.txt), or the
    # other variety's dictionary takes it too ("dialogue" in American copy, both-varieties.txt)
    ambiguous = frozenset(
        w.lower() for name in ("ambiguous.txt", "both-varieties.txt") for w in _lines(_data_text(name))
    )
    prefixes = frozenset(w.lower() for w in _lines(_data_text("prefixes.txt")))
    packed = WordCounts(freq, flagged=suggestable)
    misspellings = _codespell_misspellings(packed, gb_to_us)  # the same counts, not a second copy
    return BaseLexicon(
        freq=packed,
        gb_to_us=gb_to_us,
        us_to_gb=us_to_gb,
        ambiguous=ambiguous,
        misspellings=misspellings,
        prefixes=prefixes,
        suggestable=packed.subset(),
        compound_parts=compound_parts,
        one_variety=one_variety,
    )


def base_sources() -> list[Path]:
    """The files :func:`load_base` reads, and the modules that shape it: the version of the base lexicon."""
    from newslint.spelling import packed

    modules = [Path(__file__), Path(packed.__file__)]
    return [*modules, _pyspellchecker_file(), *filter(None, [_codespell_file()]), *sorted(DATA_DIR.iterdir())]


@lru_cache(maxsize=1)
def foreign_words() -> tuple[frozenset[str], frozenset[str]]:
    """Common French, Spanish, German, Italian and Portuguese words that are not English, and
    those languages' commonest words that English has too ("de", "la"): see
    tools/build_foreign_words.py. Read on first use: only a word about to be reported needs it.
    """
    with gzip.open(DATA_DIR / "foreign-words.tsv.gz", "rt", encoding="utf-8") as f:
        text = f.read()
    glue = frozenset(re.findall(r"^([a-z]+)\tfunction$", text, re.MULTILINE))
    words = frozenset(re.findall(r"^([a-z]+)\t[a-z,]+$", text, re.MULTILINE)) - glue
    return words, glue


def base_lexicon(cache: MutableMapping[Any, Any]) -> BaseLexicon:
    """The shipped lists, kept in ``cache``; built once into the user's cache folder (see :mod:`newslint.cache`)."""
    key = ("newslint.spelling", "base")
    lex = cache.get(key)
    if lex is None:
        from newslint.cache import cached, stamp

        lex = cache[key] = cached("spelling-base", stamp(base_sources()), load_base)
    return lex  # type: ignore[no-any-return]


# -- the newsroom's own words ---------------------------------------------------------


@dataclass(frozen=True)
class HouseWords:
    """What a newsroom adds: accepted and rejected words, archive vocabulary, names."""

    #: lower-case words accepted in any case
    accepted: frozenset[str] = frozenset()
    #: the accepted words that only the archive vocabulary vouches for
    from_archive: frozenset[str] = frozenset()
    #: words accepted only as written (proper nouns a house dictionary lists capitalised)
    accepted_exact: frozenset[str] = frozenset()
    #: rejected word (lower case) -> the house's preferred spelling, or None
    rejected: Mapping[str, str | None] = field(default_factory=dict)
    #: archive vocabulary: lower-case word -> number of archive articles using it
    archive: Mapping[str, int] = field(default_factory=dict)
    #: capitalised tokens of the names lists (proper nouns, never checked)
    name_tokens: frozenset[str] = frozenset()
    #: lower-case forms of the words the archive writes capitalised ("tokens" of a names file)
    capitalised: frozenset[str] = frozenset()


class DictionaryError(ValueError):
    """A house dictionary line that cannot be read; the message names file and line."""


_ARROW = compile_re(r"\s*(?:->|=>|\u2192)\s*")


def parse_dictionary(text: str, where: str = "dictionary") -> tuple[set[str], set[str], dict[str, str | None]]:
    """Parse a house dictionary: ``(accepted, accepted_exact, rejected)``.

    One entry a line; ``#`` starts a comment. ``word`` accepts a word (a
    capitalised entry is accepted only with that capital); ``wrong -> right``
    rejects ``wrong`` and gives the house spelling; ``!wrong`` rejects a word
    with no replacement.
    """
    accepted: set[str] = set()
    exact: set[str] = set()
    rejected: dict[str, str | None] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!"):
            word = line[1:].strip()
            if not word:
                raise DictionaryError(f"{where}:{n}: '!' needs a word to reject")
            rejected[word.lower()] = None
            continue
        parts = _ARROW.split(line)
        if len(parts) == 2:
            wrong, right = parts[0].strip(), parts[1].strip()
            if not wrong or not right:
                raise DictionaryError(f"{where}:{n}: expected 'wrong -> right'")
            rejected[wrong.lower()] = right
            accepted.add(right.lower())
            continue
        if len(parts) > 2 or " " in line:
            raise DictionaryError(f"{where}:{n}: expected one word, 'wrong -> right' or '!wrong'")
        if line[0].isupper() and not line.isupper():
            exact.add(line)
        else:
            accepted.add(line.lower())
    return accepted, exact, rejected


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


def load_house(dictionaries: Iterable[Path], names: Iterable[Path], min_documents: int) -> HouseWords:
    """Read house dictionaries and the vocabulary of JSON names files written by ``names build``."""
    accepted: set[str] = set()
    exact: set[str] = set()
    rejected: dict[str, str | None] = {}
    for path in dictionaries:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise DictionaryError(f"{path}: cannot read house dictionary: {e}") from None
        a, x, r = parse_dictionary(text, str(path))
        accepted |= a
        exact |= x
        rejected.update(r)
    archive: dict[str, int] = {}
    name_tokens: set[str] = set()
    capitalised: set[str] = set()
    for path in names:
        data = _names_json(Path(path))
        if data is None:
            continue
        vocab = data.get("vocabulary")
        if isinstance(vocab, dict):
            for word, count in vocab.items():
                if isinstance(word, str) and isinstance(count, int):
                    w = word.lower()
                    archive[w] = max(archive.get(w, 0), count)
        tokens = data.get("tokens")
        if isinstance(tokens, dict):
            capitalised.update(w.lower() for w in tokens if isinstance(w, str))
        for name in data.get("names") or ():
            full = name.get("name") if isinstance(name, dict) else name
            if isinstance(full, str):
                name_tokens.update(t for t in re.split(r"[\s\-]+", full) if t[:1].isupper())
    from_archive = {w for w, c in archive.items() if c >= min_documents} - accepted
    return HouseWords(
        accepted=frozenset((accepted | from_archive) - set(rejected)),
        from_archive=frozenset(from_archive),
        accepted_exact=frozenset(exact),
        rejected=rejected,
        archive=archive,
        name_tokens=frozenset(name_tokens),
        capitalised=frozenset(capitalised),
    )


def _names_json(path: Path) -> dict[str, Any] | None:
    """A names file written by ``newslint names build``, or None (TOML lists, other files)."""
    if path.suffix.lower() != ".json":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("kind") != "newslint-names":
        return None
    return data


def house_words(
    cache: MutableMapping[Any, Any],
    dictionaries: Iterable[Path],
    names: Iterable[Path],
    min_documents: int,
) -> HouseWords:
    """The newsroom's words, cached by file paths, modification times and options."""
    dicts = tuple(Path(p) for p in dictionaries)
    nms = tuple(Path(p) for p in names if Path(p).suffix.lower() == ".json")
    if not dicts and not nms:
        return _EMPTY
    key = (
        "newslint.spelling",
        "house",
        tuple((str(p), _mtime(p)) for p in dicts),
        tuple((str(p), _mtime(p)) for p in nms),
        min_documents,
    )
    hw = cache.get(key)
    if hw is None:
        hw = cache[key] = load_house(dicts, nms, min_documents)
    return hw  # type: ignore[no-any-return]


_EMPTY = HouseWords()
