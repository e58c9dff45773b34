"""The names authority: who is known, how their names are spelt, and how to look them up.

Three layers feed one :class:`Authority`:

* the default list shipped in ``newslint/data/names/*.toml`` (prominent people);
* house lists (TOML, see ``docs/names.md``) given by ``names = [...]`` or ``--names``;
* archive files written by ``newslint names build`` (JSON): names seen in the
  newsroom's published copy with their document counts, other capitalised
  phrases in published use ("Real Sociedad"), and how often each capitalised
  word was seen (a word the archive never printed is more likely a slip).

A person found in several layers is merged on any shared spelling key, and the
house list's canonical spelling wins. Lookups are by :func:`compact_key`, so
"Kim Jong Un" and "Kim Jong-un" are the same key; near misses are found with a
deletion neighbourhood (SymSpell's idea) and confirmed with the
optimal-string-alignment distance, where an adjacent transposition costs one.
A process's first near-miss look-ups compare the name with every target of a near
length instead (see :data:`SCANS_BEFORE_INDEX`), so a one-article run never loads
the deletion index.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, compress
from pathlib import Path
from typing import Any

from rapidfuzz.distance import OSA

from newslint.config import ConfigError, toml
from newslint.names.text import compact_key, word_key

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "names"

#: Archive names seen in at least this many articles are lookup targets for near misses.
MIN_TARGET_COUNT = 2

#: Archive phrases that are not people must be seen this often to be near-miss targets.
MIN_PHRASE_TARGET = 3

_PERSON_KEYS = {
    "name", "aliases", "variants", "wrong", "role", "country", "start", "end", "order", "note",
}


class NamesFileError(ConfigError):
    """A names file (house list or archive) cannot be read; the message names the file."""


@dataclass(frozen=True)
class Person:
    """One person the authority knows.

    ``aliases`` are accepted spellings (never flagged), ``variants`` are
    spellings the house does not use (flagged as not house style) and
    ``wrong`` are known misspellings (always flagged). ``sources`` says which
    layers know the person (``default``, ``house``, ``archive``) and
    ``count`` in how many archive articles the name was seen.
    """

    name: str
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    role: str | None = None
    country: str | None = None
    start: int | None = None
    end: int | None = None
    family_first: bool = False
    sources: tuple[str, ...] = ()
    count: int = 0
    #: a capitalised phrase from the archive that is not a person ("Terrorism Bill")
    phrase: bool = False

    @property
    def spellings(self) -> tuple[str, ...]:
        """The canonical name and its accepted aliases."""
        return (self.name, *self.aliases)

    @property
    def surname(self) -> str:
        """The word used on second reference ("Kim" for Kim Jong-un, "Blair" for Tony Blair)."""
        words = [w for w in self.name.split() if w[:1].isupper() or "-" in w]
        if not words:
            return self.name
        return words[0] if self.family_first else words[-1]

    @property
    def given_parts(self) -> tuple[str, ...]:
        """For a family-first name, the given-name words ("Jong-un", "Jong", "un" for Kim Jong-un)."""
        if not self.family_first:
            return ()
        out: list[str] = []
        for w in self.name.split()[1:]:
            out.append(w)
            if "-" in w:
                out.extend(p for p in w.split("-") if p)
        return tuple(out)


class _People(Sequence[Person]):
    """A loaded authority's people, each made from its row (its fields in order) when first read."""

    def __init__(self, rows: tuple[tuple[Any, ...], ...]) -> None:
        self._rows = rows
        self._made: list[Person | None] = [None] * len(rows)

    @staticmethod
    def rows_of(people: Sequence[Person]) -> tuple[tuple[Any, ...], ...]:
        if isinstance(people, _People):
            return people._rows
        return tuple(tuple(getattr(p, f) for f in _PERSON_FIELDS) for p in people)

    def __getitem__(self, i: int) -> Person:  # type: ignore[override]
        p = self._made[i]
        if p is None:
            p = self._made[i] = Person(*self._rows[i])
        return p

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Person]:
        return (self[i] for i in range(len(self._rows)))


_PERSON_FIELDS = tuple(Person.__dataclass_fields__)


@dataclass(frozen=True)
class Hit:
    """A near miss: the person, the spelling matched, the distance and the source layer."""

    person: int
    spelling: str
    distance: int


@dataclass
class Authority:
    """Known people and the indexes that find them (build with :func:`build_authority`)."""

    people: Sequence[Person] = field(default_factory=list)
    #: compact key -> [(person index, "accepted" | "variant" | "wrong")]
    exact: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: compact keys of the accepted spellings a near miss may be of (the near-miss targets), sorted
    targets: tuple[str, ...] = ()
    #: folded surname -> person indexes
    surnames: dict[str, list[int]] = field(default_factory=dict)
    #: archive: folded capitalised word -> number of articles it was seen in
    tokens: dict[str, int] = field(default_factory=dict)
    #: archive: lower-case word -> number of articles (for the spelling check)
    vocabulary: dict[str, int] = field(default_factory=dict)
    #: folded words of every known person's spellings -> number of people using them
    name_words: dict[str, int] = field(default_factory=dict)
    #: compact keys of one-word spellings ("Lula", "Pelé"): a lone word matches only these
    single: set[str] = field(default_factory=set)
    #: folded first words of known people's names ("tony", "angela") and common given names
    given: set[str] = field(default_factory=set)
    #: compact keys of capitalised phrases in published use that are not people
    phrases: set[str] = field(default_factory=set)
    has_archive: bool = False
    _near_cache: dict[str, list[Hit]] = field(default_factory=dict, repr=False)
    #: deletion key -> targets (see :meth:`deletes`); None until a run asks for enough near misses
    _deletes: DeletionIndex | None = field(default=None, repr=False)
    #: (key length, budget) -> the targets a key of that length may be near, for :meth:`_scan`
    _windows: dict[tuple[int, int], list[str]] = field(default_factory=dict, repr=False)
    #: how many targets :meth:`_scan` has compared names with
    _scanned: int = field(default=0, repr=False)
    #: the targets that are one-word spellings, for :meth:`near_single`; None until asked for
    _single_targets: tuple[str, ...] | None = field(default=None, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        # the cached file holds the people and the small indexes; the deletion index (most of
        # the bytes and the load time) is cached on its own and loaded only when a run needs it.
        # The people go as plain rows: 10,000 Person objects took a cold run 20 ms to unpickle,
        # their rows 5, and a run reads only the few people its articles name
        return {
            **self.__dict__, "_deletes": None, "_windows": {}, "_scanned": 0, "_near_cache": {},
            "_single_targets": None, "people": _People.rows_of(self.people),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        rows = state["people"]
        self.__dict__.update(state, people=_People(rows) if isinstance(rows, tuple) else rows)

    # -- lookups -------------------------------------------------------------------

    def lookup(self, name: str) -> list[tuple[int, str]]:
        """Exact lookup by compact key: ``[(person index, kind)]``, empty when unknown."""
        return self.exact.get(compact_key(name), [])

    def is_known(self, name: str) -> bool:
        """True when ``name`` is an accepted spelling of someone the authority knows."""
        return any(kind == "accepted" for _, kind in self.lookup(name))

    def near(self, name: str) -> list[Hit]:
        """Accepted spellings within the edit budget of ``name``, nearest first.

        The budget is one edit for keys of 6+ characters and two for 12+; keys
        under 6 characters never match (too many real names are that close).
        """
        key = compact_key(name)
        cached = self._near_cache.get(key)
        if cached is not None:
            return cached
        hits = self._near(key)
        if len(self._near_cache) > 100_000:  # bound memory in a long-running process
            self._near_cache.clear()
        self._near_cache[key] = hits
        return hits

    def near_single(self, name: str) -> list[Hit]:
        """The accepted one-word spellings one edit from ``name``, ordered as :meth:`near` orders them.

        The same hits as ``[h for h in near(name) if h.spelling in single and h.distance == 1]``,
        found among the few one-word targets alone (a default list has about a dozen), so a
        lone unknown word costs no deletion keys and no index.
        """
        from rapidfuzz import process

        key = compact_key(name)
        if not edit_budget(len(key)):
            return []
        if self._single_targets is None:
            self._single_targets = tuple(t for t in self.targets if t in self.single)
        near = sorted(
            c for c, dist, _i in process.extract(
                key, self._single_targets, scorer=OSA.distance, score_cutoff=1, limit=None
            ) if dist == 1
        )
        hits = [Hit(pi, c, 1) for c in near for pi, kind in self.exact.get(c, ()) if kind == "accepted"]
        hits.sort(key=lambda h: -self.people[h.person].count)
        return hits

    def _near(self, key: str) -> list[Hit]:
        budget = edit_budget(len(key))
        if budget == 0:
            return []
        if self._deletes is None and self._scanned < SCANS_BEFORE_INDEX:
            found = self._scan(key, budget)
        else:
            found = self._lookup(key, budget)
        hits: list[Hit] = []
        for c, dist in sorted(found):
            for pi, kind in self.exact.get(c, ()):
                if kind == "accepted":
                    hits.append(Hit(pi, c, dist))
        hits.sort(key=lambda h: (h.distance, -self.people[h.person].count))
        return hits

    def _lookup(self, key: str, budget: int) -> list[tuple[str, int]]:
        """The targets within budget of ``key``, through the deletion index."""
        found = []
        for c in self.deletes.candidates(key, budget):
            b = min(budget, edit_budget(len(c)))
            if c != key and b and (dist := OSA.distance(key, c, score_cutoff=b)) <= b:
                found.append((c, dist))
        return found

    def _scan(self, key: str, budget: int) -> list[tuple[str, int]]:
        """The same targets as :meth:`_lookup`, by comparing ``key`` with every target of a near length.

        A target within ``b`` edits shares a key of ``b`` deletions with ``key``
        and back, so both find the same set; this one needs no index, which
        makes a run that looks up a few hundred names cheaper.
        """
        from rapidfuzz import process

        n = len(key)
        window = self._windows.get((n, budget))
        if window is None:
            # the lengths that may be near, then the targets of those lengths in their order, in C
            # (a Python test per target cost a cold run about 30 ms for a dozen windows)
            near = {m for m in range(max(0, n - budget), n + budget + 1) if abs(m - n) <= min(budget, edit_budget(m))}
            window = self._windows[(n, budget)] = list(
                compress(self.targets, map(near.__contains__, map(len, self.targets)))
            )
        self._scanned += len(window)
        found = []
        for c, dist, _i in process.extract(key, window, scorer=OSA.distance, score_cutoff=budget, limit=None):
            if c != key and dist <= min(budget, edit_budget(len(c))):
                found.append((c, int(dist)))
        return found

    @property
    def deletes(self) -> DeletionIndex:
        """Deletion key -> the targets it is a deletion key of (near-miss candidates).

        Built from :attr:`targets` on first use and kept in the user's cache folder,
        keyed by a hash of the targets.
        """
        if self._deletes is None:
            from newslint import cache

            version = (hashlib.sha256("\n".join(self.targets).encode()).hexdigest(), cache.stamp([__file__]))
            self._deletes = cache.cached("names-deletes", version, lambda: DeletionIndex(self.targets))
        return self._deletes

    def token_count(self, word: str) -> int:
        """In how many archive articles a capitalised word was seen (0 without an archive)."""
        return self.tokens.get(word_key(word), 0)


# first words of names that are titles, not given names ("Grand Duke Henri", "Sultan Ibrahim")
_NOT_GIVEN = frozenset("Grand Sultan Emperor Duke Crown Sheikh Ayatollah Colonel Pope King Queen Prince".split())


def _targetable(spelling: str) -> bool:
    from newslint.names.text import TITLES

    words = spelling.split()
    real = [w for w in words if len(word_key(w)) > 1]
    return len(words) == 1 or (len(real) >= 2 and words[0] not in TITLES)


#: Comparisons of a name with a target a process makes before it loads the deletion index
#: instead: a comparison costs about 0.5 us (rapidfuzz's ``process.extract`` over a window of
#: some 4,000 targets took 2-4 ms), loading the default list's index from the cache about 12 ms,
#: so a run scans until scanning has cost several loads of the index. A one-article run (a dozen
#: look-ups, some 40,000 comparisons) never loads it; the BBC corpus loads it after 30 look-ups,
#: where 2,500,000 comparisons (765 look-ups) cost one worker about 1.1 s CPU more.
SCANS_BEFORE_INDEX = 100_000


def edit_budget(length: int) -> int:
    """How many edits a compact key of this length may be from a known name."""
    if length >= 12:
        return 2
    if length >= 6:
        return 1
    return 0


def deletion_keys(key: str, depth: int) -> set[str]:
    """``key`` and every string made by deleting up to ``depth`` (0, 1 or 2) characters from it."""
    one = [key[:i] + key[i + 1 :] for i in range(len(key))] if depth else []
    out = {key, *one}
    if depth >= 2:
        # each pair of positions once: delete i from the key, then j >= i from what is left
        n = len(key) - 1
        out.update([d[:j] + d[j + 1 :] for i, d in enumerate(one) for j in range(i, n)])
    if depth > 2:
        raise ValueError("deletion_keys: at most two deletions")
    return out


# -- reading files -----------------------------------------------------------------


def _strs(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NamesFileError(f"{where}: {key!r} must be a string or a list of strings")
    return tuple(value)


def _int(value: Any, where: str, key: str) -> int | None:
    if value is None or value == "":
        return None
    if not isinstance(value, int):
        raise NamesFileError(f"{where}: {key!r} must be a year (a whole number)")
    return value


def people_from_toml(data: Mapping[str, Any], where: str, source: str) -> list[Person]:
    """People from a parsed house-list or default-list TOML document."""
    for key in ("people", "person"):
        if not isinstance(data.get(key, []), list):
            found = type(data[key]).__name__
            raise NamesFileError(f"{where}: {key} must be an array of tables (one per person), not {found}")
    entries = list(data.get("people", [])) + list(data.get("person", []))
    unknown = set(data) - {"people", "person", "version", "description"}
    if unknown:
        raise NamesFileError(f"{where}: unknown key {sorted(unknown)[0]!r} (expected 'people' or [[person]])")
    out = []
    for i, e in enumerate(entries):
        here = f"{where}: people[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            raise NamesFileError(f"{here}: each person needs a 'name'")
        bad = set(e) - _PERSON_KEYS
        if bad:
            raise NamesFileError(f"{here} ({e['name']}): unknown key {sorted(bad)[0]!r}")
        order = e.get("order", "given-first")
        if order not in ("given-first", "family-first"):
            raise NamesFileError(f"{here} ({e['name']}): order must be 'given-first' or 'family-first'")
        out.append(
            Person(
                name=e["name"].strip(),
                aliases=_strs(e.get("aliases"), here, "aliases"),
                variants=_strs(e.get("variants"), here, "variants"),
                wrong=_strs(e.get("wrong"), here, "wrong"),
                role=e.get("role"),
                country=e.get("country"),
                start=_int(e.get("start"), here, "start"),
                end=_int(e.get("end"), here, "end"),
                family_first=order == "family-first",
                sources=(source,),
            )
        )
    return out


@dataclass(frozen=True)
class ArchiveData:
    """What an archive file holds: names with counts, word counts, vocabulary."""

    names: tuple[tuple[str, int], ...]
    tokens: Mapping[str, int]
    vocabulary: Mapping[str, int]
    phrases: Mapping[str, int] = field(default_factory=dict)


def read_names_file(path: Path) -> list[Person] | ArchiveData:
    """Read a house list (TOML) or an archive file (JSON); errors name the file."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise NamesFileError(f"{path}: cannot read names file: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NamesFileError(f"{path}: names file is not UTF-8") from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as e:
            raise NamesFileError(f"{path}: invalid JSON in names file: {e}") from None
        if not isinstance(data, dict) or data.get("kind") != "newslint-names":
            raise NamesFileError(f"{path}: not a newslint names file (expected \"kind\": \"newslint-names\")")
        if data.get("version") != 1:
            raise NamesFileError(f"{path}: unsupported names file version {data.get('version')!r}")
        names = []
        for entry in data.get("names", []):
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                names.append((entry["name"], int(entry.get("count", 1))))
            elif isinstance(entry, str):
                names.append((entry, 1))
        return ArchiveData(
            tuple(names),
            dict(data.get("tokens", {})),
            dict(data.get("vocabulary", {})),
            dict(data.get("phrases", {})),
        )
    tomllib = toml()
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise NamesFileError(f"{path}: invalid TOML in names file: {e}") from None
    return people_from_toml(data, str(path), "house")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _with_umlaut_spellings(p: Person) -> Person:
    """Add the standard German transliteration of umlauts ("Schröder" -> "Schroeder") as aliases."""
    extra = [s.translate(_UMLAUTS) for s in p.spellings if s.translate(_UMLAUTS) != s]
    if not extra:
        return p
    return replace(p, aliases=tuple(dict.fromkeys((*p.aliases, *extra))))


GIVEN_NAMES = DEFAULT_DIR / "given-names.txt"


def default_given_names() -> list[str]:
    """Common given names shipped with newslint (``given-names.txt``, one a line)."""
    try:
        lines = GIVEN_NAMES.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise NamesFileError(f"{GIVEN_NAMES}: cannot read the default given names: {e}") from None
    return [n for n in lines if n and not n.startswith("#")]


def default_people() -> list[Person]:
    """The default authority shipped with newslint."""
    out: list[Person] = []
    tomllib = toml()
    for p in sorted(DEFAULT_DIR.glob("*.toml")):
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as e:
            raise NamesFileError(f"{p}: cannot read the default names list: {e}") from None
        out.extend(_with_umlaut_spellings(x) for x in people_from_toml(data, str(p), "default"))
    return out


# -- building ------------------------------------------------------------------------


def _merge(a: Person, b: Person, b_wins: bool) -> Person:
    first, second = (b, a) if b_wins else (a, b)
    spellings = [s for s in (*first.spellings, *second.spellings)]
    seen: set[str] = set()
    aliases = []
    for s in spellings[1:]:
        if s not in seen and s != first.name:
            seen.add(s)
            aliases.append(s)
    # a spelling the winning layer calls a variant or wrong is not an accepted alias
    banned = {compact_key(s) for s in (*first.variants, *first.wrong)}
    aliases = [s for s in aliases if compact_key(s) not in banned]
    return Person(
        name=first.name,
        aliases=tuple(aliases),
        variants=tuple(dict.fromkeys((*first.variants, *second.variants))),
        wrong=tuple(dict.fromkeys((*first.wrong, *second.wrong))),
        role=first.role or second.role,
        country=first.country or second.country,
        start=first.start or second.start,
        end=first.end if first.end is not None else second.end,
        family_first=first.family_first or second.family_first,
        sources=tuple(dict.fromkeys((*first.sources, *second.sources))),
        count=first.count + second.count,
    )


def _rank(p: Person) -> int:
    return 2 if "house" in p.sources else 1


def build_authority(
    people: Iterable[Person], archives: Sequence[ArchiveData] = (), given_names: Iterable[str] = ()
) -> Authority:
    """Merge the layers (later people win over earlier on shared keys) and index them.

    ``given_names`` are common given names (``default_given_names``): evidence that a
    capitalised pair of words is a person, never spellings to check against.
    """
    merged: list[Person] = []
    by_key: dict[str, int] = {}
    for p in people:
        keys = {compact_key(s) for s in p.spellings}
        hit = next((by_key[k] for k in keys if k in by_key), None)
        if hit is None:
            merged.append(p)
            idx = len(merged) - 1
        else:
            # a house list overrides the default list; within one layer the first
            # entry keeps its spelling ("George W. Bush" is not "George H. W. Bush")
            merged[hit] = _merge(merged[hit], p, b_wins=_rank(p) > _rank(merged[hit]))
            idx = hit
        for s in merged[idx].spellings:
            by_key[compact_key(s)] = idx

    auth = Authority()
    auth.given.update(word_key(g) for g in given_names)
    counts: dict[str, int] = {}
    best: dict[str, tuple[int, str]] = {}  # key -> (count, most frequent written form)
    for arc in archives:
        auth.has_archive = True
        for w, c in arc.tokens.items():
            auth.tokens[w] = auth.tokens.get(w, 0) + int(c)
        for w, c in arc.vocabulary.items():
            auth.vocabulary[w] = auth.vocabulary.get(w, 0) + int(c)
        auth.phrases.update(compact_key(p) for p in arc.phrases)
        for name, c in arc.names:
            k = compact_key(name)
            if not k:
                continue
            counts[k] = counts.get(k, 0) + c
            if c > best.get(k, (0, ""))[0]:
                best[k] = (c, name)
    # frequent capitalised phrases that are not people ("Real Sociedad", "Terrorism Bill")
    # are names too: near misses of them are slips, but they say nothing about given names
    for arc in archives:
        for form, c in arc.phrases.items():
            k = compact_key(form)
            if int(c) >= MIN_PHRASE_TARGET and k and k not in by_key and k not in counts:
                merged.append(Person(name=form, sources=("archive",), count=int(c), phrase=True))
                by_key[k] = len(merged) - 1
    for k, c in counts.items():
        if k in by_key:
            i = by_key[k]
            p = merged[i]
            p = replace(p, count=p.count + c, sources=tuple(dict.fromkeys((*p.sources, "archive"))))
            form = best[k][1]
            if "house" not in p.sources and form != p.name and compact_key(form) == compact_key(p.name):
                # the desk's own usage ("Jose Mourinho") is the spelling to suggest,
                # unless a house list says otherwise
                p = replace(p, name=form, aliases=tuple(dict.fromkeys((p.name, *p.aliases))))
            merged[i] = p
        else:
            merged.append(Person(name=best[k][1], sources=("archive",), count=c))
            by_key[k] = len(merged) - 1

    auth.people = merged
    targets: set[str] = set()
    for i, p in enumerate(merged):
        target = "archive" not in p.sources or len(p.sources) > 1 or p.count >= MIN_TARGET_COUNT
        for kind, spellings in (("wrong", p.wrong), ("variant", p.variants), ("accepted", p.spellings)):
            for s in spellings:
                k = compact_key(s)
                if not k:
                    continue
                auth.exact.setdefault(k, []).append((i, kind))
                if len(s.split()) == 1:
                    auth.single.add(k)
                # "Prince Charles" is matched exactly but is no near-miss target:
                # "Princes Charles" is two princes, and "C Thomson" is not "S Thompson"
                if kind == "accepted" and target and _targetable(s) and edit_budget(len(k)):
                    targets.add(k)
        if p.phrase:
            continue
        # counted once a person, however many spellings share the word
        person_words = {word_key(part) for s in p.spellings for w in s.split() for part in {w, *w.split("-")}}
        for wk in person_words:
            auth.name_words[wk] = auth.name_words.get(wk, 0) + 1
        if not p.family_first and target:
            for s in p.spellings:
                words = s.split()
                if len(words) >= 2 and words[0] not in _NOT_GIVEN:
                    auth.given.add(word_key(words[0]))
        if len(p.name.split()) >= 2:
            auth.surnames.setdefault(word_key(p.surname), []).append(i)
    auth.targets = tuple(sorted(targets))
    return auth


#: How many leading characters of a key its deletion keys are made from (see :class:`DeletionIndex`).
PREFIX = 8


class DeletionIndex:
    """Deletion key -> the targets it is a key of, each target with keys up to its edit budget.

    The keys are made from each target's first :data:`PREFIX` characters only (SymSpell's
    prefix length): two keys within ``b`` edits keep a common subsequence after at most
    ``b`` deletions from each, and so do their first :data:`PREFIX` characters, so the
    prefixes share a deletion key of ``b`` deletions and no near target is missed. A
    look-up makes 37 keys of a prefix at most (two deletions) where a 20-character name
    made 211, and the default list's index holds 282,000 keys instead of 815,000; the extra
    candidates (targets that only begin alike, about 4.5 a look-up) are measured and
    dropped afterwards, as every candidate is.

    A hash table in two flat arrays instead of a dict of strings: ``_pairs`` holds one
    64-bit number per deletion key (its CRC-32 above the target's number), sorted, and
    ``_starts`` where each bucket of CRCs (their top bits) begins in it. Two keys with
    the same CRC give a candidate too many, never one too few.
    """

    __slots__ = ("targets", "_pairs", "_starts", "_shift")

    def __init__(self, targets: Iterable[str]) -> None:
        self.targets = tuple(sorted(set(targets)))
        pairs = array("Q")
        for i, k in enumerate(self.targets):
            keys = deletion_keys(k[:PREFIX], edit_budget(len(k)))
            pairs.extend((zlib.crc32(d.encode()) << 32) | i for d in keys)
        self._pairs = array("Q", sorted(pairs))
        bits = max(1, len(self._pairs).bit_length())  # about one key a bucket
        self._shift = 64 - bits
        counts = [0] * ((1 << bits) + 1)
        for b, n in Counter(p >> self._shift for p in self._pairs).items():
            counts[b + 1] = n
        self._starts = array("I", accumulate(counts))

    def __len__(self) -> int:
        return len(self._pairs)

    def __getstate__(self) -> tuple[Any, ...]:
        return self.targets, self._pairs, self._starts, self._shift

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.targets, self._pairs, self._starts, self._shift = state

    def candidates(self, key: str, budget: int) -> set[str]:
        """The targets that may be within ``budget`` edits of ``key``: a superset, to be measured."""
        pairs, starts, targets, shift = self._pairs, self._starts, self.targets, self._shift
        out: set[str] = set()
        for d in deletion_keys(key[:PREFIX], budget):
            crc = zlib.crc32(d.encode())
            b = (crc << 32) >> shift
            for i in range(starts[b], starts[b + 1]):
                if pairs[i] >> 32 == crc:
                    out.add(targets[pairs[i] & 0xFFFFFFFF])
        return out


def load_authority(paths: Sequence[Path], *, include_default: bool = True) -> Authority:
    """The authority for a run: the default list, then each file in ``paths`` in order.

    Built once and kept in the user's cache folder (:mod:`newslint.cache`), keyed by
    the files it is built from and this code, so a cold start loads a ready index.
    """
    from newslint import cache
    from newslint.names import text

    defaults = [*sorted(DEFAULT_DIR.glob("*.toml")), GIVEN_NAMES] if include_default else []
    sources = [*defaults, *map(Path, paths)]
    version = (cache.stamp([__file__, text.__file__, *sources]), include_default, [str(p) for p in paths])
    return cache.cached("names-authority", version, lambda: _load_authority(paths, include_default))


def _load_authority(paths: Sequence[Path], include_default: bool) -> Authority:
    people: list[Person] = default_people() if include_default else []
    archives: list[ArchiveData] = []
    for path in paths:
        got = read_names_file(Path(path))
        if isinstance(got, ArchiveData):
            archives.append(got)
        else:
            people.extend(got)
    return build_authority(people, archives, default_given_names() if include_default else ())
