"""Word lists packed into flat arrays: small in memory and quick to load from the cache.

The shipped spelling lists hold some 200,000 words. As a ``dict`` of strings they take
about 25 MB a process and a tenth of a second to unpickle; packed, the words are one
UTF-8 byte string, their counts one array, and a CRC-32 hash table in two more arrays
finds a word (about 8 MB, loaded by copying bytes). A look-up costs about a microsecond
instead of a dictionary's few tens of nanoseconds, so :class:`WordCounts` keeps its
commonest words (the ones most look-ups hit) in a real ``dict`` as well, and set
operations on a whole article's words start with a C-level difference against it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any
from zlib import crc32

#: Words of a :class:`WordCounts` kept in a ``dict`` besides the packed table: the
#: commonest, which take most look-ups (about 3 MB; nine in ten running words of news copy)
HOT_WORDS = 30_000
#: Look-ups through the packed table before that ``dict`` is made: it costs some 6 ms and
#: 3 MB to make, as much as 6,000 look-ups save, and a one-article run makes a few hundred
HEAT_AFTER = 20_000


def _encode(word: str) -> bytes:
    # a lone surrogate (bad input) is no word of any list, but must not raise
    return word.encode("utf-8", "surrogatepass")


class PackedStrings(Sequence[str]):
    """Distinct strings in their given order, each found by :meth:`index` through a hash table."""

    def __init__(self, items: Iterable[str]) -> None:
        words = list(items)
        if any("\n" in w for w in words):
            raise ValueError("PackedStrings: a string holds a newline")
        encoded = [_encode(w) for w in words]
        self._blob = b"\n".join(encoded)
        offsets = array("I", [0])
        pos = 0
        for b in encoded:
            pos += len(b) + 1
            offsets.append(pos)
        self._offsets = offsets  # string i is _blob[offsets[i] : offsets[i + 1] - 1]
        self._hashes = array("I", (crc32(b) for b in encoded))
        size = 8
        while size < 2 * len(words):  # at most half full: a miss probes two slots on average
            size *= 2
        self._mask = size - 1
        slots = array("i", [-1]) * size
        for i, h in enumerate(self._hashes):
            j = h & self._mask
            while slots[j] >= 0:
                if encoded[slots[j]] == encoded[i]:
                    raise ValueError(f"PackedStrings: {words[i]!r} is given twice")
                j = (j + 1) & self._mask
            slots[j] = i
        self._slots = slots

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:  # type: ignore[override]
        """The position of ``value``, or -1 when it is not held (never raises)."""
        if not isinstance(value, str):
            return -1
        b = _encode(value)
        h = crc32(b)
        mask, slots, hashes, offsets, blob = self._mask, self._slots, self._hashes, self._offsets, self._blob
        j = h & mask
        while (i := slots[j]) >= 0:
            if hashes[i] == h and blob[offsets[i] : offsets[i + 1] - 1] == b:
                return i
            j = (j + 1) & mask
        return -1

    def __contains__(self, value: object) -> bool:
        return self.index(value) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        i = range(len(self))[i]
        return self._blob[self._offsets[i] : self._offsets[i + 1] - 1].decode("utf-8", "surrogatepass")

    def head(self, n: int) -> list[str]:
        """The first ``n`` strings, decoded in one go."""
        n = min(n, len(self))
        if n == 0:
            return []
        return self._blob[: self._offsets[n] - 1].decode("utf-8", "surrogatepass").split("\n")

    def __iter__(self) -> Iterator[str]:
        return iter(self.head(len(self)))


class WordCounts(Mapping[str, int]):
    """word -> count, packed (see the module's notes); the :data:`HOT_WORDS` commonest also in a ``dict``.

    ``flags`` marks a subset of the words (:meth:`subset`), stored as one byte a word.
    """

    def __init__(self, counts: Mapping[str, int], flagged: AbstractSet[str] = frozenset()) -> None:
        words = sorted(counts, key=lambda w: (-counts[w], w))  # commonest first: they are the hot ones
        self._words = PackedStrings(words)
        self._counts = array("I", (counts[w] for w in words))
        self._flags = bytes(w in flagged for w in words)
        self._cool()

    def _cool(self) -> None:
        self._hot: dict[str, int] = {}
        #: look-ups left before the hot words' dict is made (0: made)
        self._cold = HEAT_AFTER

    def _heat(self) -> None:
        self._hot = dict(zip(self._words.head(HOT_WORDS), range(HOT_WORDS), strict=False))
        self._cold = 0

    def _looked_up(self, n: int) -> None:
        self._cold = max(0, self._cold - n)
        if not self._cold:
            self._heat()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_hot", "_cold")}  # made again after loading

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cool()

    def _index(self, word: object) -> int:
        i = self._hot.get(word)  # type: ignore[call-overload]
        if i is not None:
            return i
        if self._cold:
            self._looked_up(1)
        return self._words.index(word)

    def __contains__(self, word: object) -> bool:
        if word in self._hot:
            return True
        if self._cold:
            self._looked_up(1)
        return self._words.index(word) >= 0

    def __getitem__(self, word: str) -> int:
        i = self._index(word)
        if i < 0:
            raise KeyError(word)
        return self._counts[i]

    def get(self, word: str, default: Any = None) -> Any:  # type: ignore[override]
        i = self._index(word)
        return default if i < 0 else self._counts[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._counts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, WordCounts):
            return self._words._blob == other._words._blob and self._counts == other._counts
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def pairs(self) -> Iterator[tuple[str, int]]:
        """(word, count) for every word, commonest first, without a look-up each."""
        return zip(self._words, self._counts, strict=True)

    def missing(self, words: AbstractSet[str]) -> set[str]:
        """The members of ``words`` this list lacks: ``set(words).difference(self)``, mostly in C."""
        index = self._words.index
        rest = (words if isinstance(words, set | frozenset) else set(words)).difference(self._hot)
        if self._cold:
            self._looked_up(len(rest))
        return {w for w in rest if index(w) < 0}

    def subset(self) -> FlaggedWords:
        """The words marked by ``flagged`` when this list was made, as a set."""
        return FlaggedWords(self)


class FlaggedWords(AbstractSet[str]):
    """A subset of a :class:`WordCounts`' words, one byte a word: membership and ``&`` without copies."""

    def __init__(self, counts: WordCounts) -> None:
        self._of = counts
        self._len = sum(counts._flags)

    @classmethod
    def _from_iterable(cls, it: Iterable[str]) -> set[str]:
        return set(it)

    def __contains__(self, word: object) -> bool:
        i = self._of._index(word)
        return i >= 0 and bool(self._of._flags[i])

    def __and__(self, other: Iterable[Any]) -> set[str]:  # type: ignore[override]
        index, flags = self._of._index, self._of._flags
        return {w for w in other if (i := index(w)) >= 0 and flags[i]}

    __rand__ = __and__  # type: ignore[assignment]

    def __iter__(self) -> Iterator[str]:
        return (w for w, f in zip(self._of._words, self._of._flags, strict=True) if f)

    def __len__(self) -> int:
        return self._len

    def counted(self) -> Iterator[tuple[str, int]]:
        """(word, count) for every member, without a look-up each."""
        of = self._of
        return (
            (w, c) for w, c, f in zip(of._words, of._counts, of._flags, strict=True) if f
        )


class PackedMap(Mapping[str, str]):
    """str -> str, packed: the keys in a :class:`PackedStrings`, the values in one more."""

    def __init__(self, items: Mapping[str, str]) -> None:
        keys = list(items)
        if any("\n" in v for v in items.values()):
            raise ValueError("PackedMap: a value holds a newline")
        self._keys = PackedStrings(keys)
        self._values = "\n".join(items[k] for k in keys)
        offsets = array("I", [0])
        pos = 0
        for k in keys:
            pos += len(items[k]) + 1
            offsets.append(pos)
        self._offsets = offsets

    def __getitem__(self, key: str) -> str:
        i = self._keys.index(key)
        if i < 0:
            raise KeyError(key)
        return self._values[self._offsets[i] : self._offsets[i + 1] - 1]

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        i = self._keys.index(key)
        return default if i < 0 else self._values[self._offsets[i] : self._offsets[i + 1] - 1]

    def __contains__(self, key: object) -> bool:
        return self._keys.index(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
