"""Checks for an article's furniture: photo captions and their credits.

Captions are the blocks of kind ``caption`` that every loader produces (a
plain-text line ending in a credit, a Markdown image caption, an HTML
``<figcaption>``, a caption in the JSON record). A block's ``credit`` span and
``data["image"]`` (the picture's id or source, set by the structured loaders)
are what these rules read besides the words.

Duplicates are found without comparing every pair: captions are reduced to
word sequences, exact repeats share a hash, and near repeats are blocked on
their rarest words (see :func:`similar_pairs`), so checking a whole day's
edition stays linear in the number of captions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import Levenshtein

from newslint.article import BlockKind, find_credit
from newslint.config import ConfigError
from newslint.diagnostic import Diagnostic, Severity
from newslint.hookspecs import hookimpl
from newslint.names.text import fold
from newslint.regex import compile_re
from newslint.rule import Option, Options, Rule, RuleContext

if TYPE_CHECKING:
    from newslint.article import Article, Block
    from newslint.diagnostic import Position

# a word, with its inner hyphens, apostrophes and decimal points: "25-year-old",
# "seoul's" and "7.98" are one word each, so dropping one is one edit
_TOKEN = compile_re(r"[a-z0-9]+(?:['.-][a-z0-9]+)*")
_INNER = compile_re(r"['.-]")
# what may sit between a caption's words and its credit ("... 2018 - Photograph: ...")
_SEPARATORS = " \t\r\n-\u2013\u2014|/(["


def words(text: str) -> tuple[str, ...]:
    """The comparable words of a text: folded to ASCII, lower case, punctuation dropped.

    Curly and straight apostrophes, accents and dashes all fold the same
    way, so a caption retyped in another CMS still compares equal.
    """
    found = _TOKEN.findall(fold(text))
    return tuple(w if w.isalnum() else _INNER.sub("", w) for w in found)


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two word sequences are: 1 minus word edits over the longer length."""
    if a == b:
        return 1.0
    return float(Levenshtein.normalized_similarity(a, b))


#: How many earlier copies of a caption each later copy is paired with. The
#: consumers want the earliest acceptable match; pairing every copy with every
#: other would make a stock caption used 2,000 times cost 2 million pairs.
MAX_EARLIER = 16


def similar_pairs(seqs: Sequence[Sequence[str]], threshold: float) -> Iterator[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)``, ``i < j``, of sequences at least ``threshold`` alike.

    Linear in the number of sequences, not all-pairs. Equal sequences are
    grouped by hash first, and each later copy is paired with at most
    :data:`MAX_EARLIER` earlier ones (the earliest). For near matches: two
    sequences with similarity >= ``threshold`` are at most
    ``e = (1 - threshold) / threshold * len`` word edits apart (for the
    length of either), and each edit removes at most one distinct word. With
    words ordered by (frequency in the batch, word), the two rarest words
    they share therefore rank within the first ``e + 2`` of both. Indexing
    each sequence under the pairs of its ``e + 2`` rarest words thus still
    puts every similar pair in a common bucket, and a bucket keyed by two
    rare words holds almost nothing else. (A degenerate sequence of fewer
    than ``e + 2`` distinct words is indexed under single words as well,
    which covers pairs that share only one distinct word.)
    """
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, s in enumerate(seqs):
        if s:
            groups[tuple(s)].append(i)
    for members in groups.values():
        for y in range(1, len(members)):
            for x in range(min(y, MAX_EARLIER)):
                yield members[x], members[y], 1.0
    reps = list(groups)
    if threshold >= 1.0 or len(reps) < 2:
        return
    df: Counter[str] = Counter()
    for s in reps:
        df.update(set(s))
    rank = {w: n for n, w in enumerate(sorted(df, key=lambda w: (df[w], w)))}.__getitem__
    slack = _slack(threshold)
    # Keys are strings and a bucket's first member a bare int: neither is tracked
    # by the cyclic GC, which would otherwise rescan hundreds of thousands of
    # one-member lists on every collection and make the build superlinear.
    first: dict[str, int] = {}
    postings: dict[str, list[int]] = {}
    for r, s in enumerate(reps):
        for key in blocking_keys(s, rank, slack):
            other = first.setdefault(key, r)
            if other != r:
                if key in postings:
                    postings[key].append(r)
                else:
                    postings[key] = [other, r]
    seen: set[tuple[int, int]] = set()
    for bucket in postings.values():
        for x in range(len(bucket)):
            a = reps[bucket[x]]
            for y in range(x + 1, len(bucket)):
                pair = (bucket[x], bucket[y])
                if pair in seen:
                    continue
                seen.add(pair)
                b = reps[bucket[y]]
                longer = max(len(a), len(b))
                if abs(len(a) - len(b)) > (1.0 - threshold) * longer + 1e-9:
                    continue  # cheap length filter before the edit distance
                sim = similarity(a, b)
                if sim + 1e-9 < threshold:
                    continue
                yield from _cross(groups[a], groups[b], sim)


def blocking_keys(seq: Sequence[str], rank: Callable[[str], Any], slack: float) -> list[str]:
    """The buckets a sequence is indexed under for near matches (see :func:`similar_pairs`).

    Every pair of sequences at least as alike as the threshold behind
    ``slack`` shares a bucket, whatever total order of words ``rank`` gives;
    the rarer the words come first, the smaller the buckets.
    """
    keep = int(slack * len(seq) + 1e-9) + 2
    rare = sorted(set(seq), key=rank)
    keys = ["\x1f".join(pair) for pair in combinations(rare[:keep], 2)]
    if len(rare) < keep:
        keys.extend(rare)  # a single word never contains the separator
    return keys


def _slack(threshold: float) -> float:
    return (1.0 - threshold) / max(threshold, 1e-9)


def _cross(ga: list[int], gb: list[int], sim: float) -> Iterator[tuple[int, int, float]]:
    """Member pairs of two groups of equal sequences: each member with the earliest of the other."""
    for later, other in ((gb, ga), (ga, gb)):
        for j in later:
            for i in other[:MAX_EARLIER]:
                if i < j:
                    yield i, j, sim


def words_span(block: Block) -> tuple[int, int]:
    """Block-relative span of a caption's words without its credit (the whole text if none)."""
    text = block.text
    start, end = 0, len(text)
    if block.credit is not None:
        cs, ce = block.credit
        if not text[ce:].strip():
            end = cs
        elif not text[:cs].strip():
            start = ce
    while end > start and text[end - 1] in _SEPARATORS:
        end -= 1
    while start < end and text[start] in _SEPARATORS + ".,;:)]":
        start += 1
    if start >= end:  # a caption that is only a credit: point at all of it
        return 0, len(text.rstrip())
    return start, end


def _paragraph_words_span(block: Block) -> tuple[int, int]:
    """A body paragraph's span without a trailing credit pasted along with it."""
    text = block.text.rstrip()
    credit = find_credit(text) if "\n" not in text else None
    end = credit[0] if credit and credit[0] > 0 else len(text)
    while end > 0 and text[end - 1] in _SEPARATORS:
        end -= 1
    return 0, end or len(text)


def _excerpt(text: str, limit: int = 8) -> str:
    """The first few words of a text, for quoting it in a message."""
    parts = text.split()
    short = " ".join(parts[:limit])
    if len(parts) > limit:
        short = short.rstrip(".,;:") + "..."
    return short.replace('"', "'")


@dataclass(frozen=True)
class _Item:
    """A caption (or body paragraph) reduced to what duplicate checks compare."""

    article: Article
    block: Block
    span: tuple[int, int]
    words: tuple[str, ...]
    is_caption: bool
    #: the words with the caption's lead-in lines in front (one, two, three lines)
    led: tuple[tuple[str, ...], ...] = ()
    #: the block's place in the article's reading order (JSON captions may sit
    #: anywhere in the file, so source offsets do not give it)
    order: int = 0

    @property
    def image(self) -> Any:
        return self.block.data.get("image") if self.is_caption else None

    @property
    def text(self) -> str:
        return self.block.text[self.span[0] : self.span[1]]

    @property
    def position(self) -> tuple[int, int]:
        pos = self.article.position(self.block.source_offset(self.span[0]))
        return pos.line, pos.column


#: a caption's cut-off first words stand on a line of their own: not in a blockquote or another caption
_LEAD_KINDS = BlockKind.COPY - {BlockKind.BLOCKQUOTE, BlockKind.CAPTION}
_MAX_LEAD_LINES = 3
_MAX_LEAD_WORDS = 12


def _lead_ins(article: Article, k: int) -> list[tuple[str, ...]]:
    """Word sequences of the short lines just above caption ``article.blocks[k]``, nearest first.

    A caption's first words are sometimes cut off above it: a title line set
    over the caption by the CMS ("Search wars hit desktop PCs"), or a caption
    pasted with hard line breaks, of which only the line with the credit
    reads as a caption. Pasted again, the same caption often arrives on one
    line, and only the caption with its lead-in lines in front matches it.
    A lead-in line is short, on its own, and does not end a sentence.
    """
    out: list[tuple[str, ...]] = []
    after = article.blocks[k]
    for n in range(k - 1, max(k - 1 - _MAX_LEAD_LINES, -1), -1):
        prev = article.blocks[n]
        text = prev.text.strip()
        if prev.kind not in _LEAD_KINDS or "\n" in text or text.endswith((".", "!", "?", '"', "\u201d")):
            break
        if len(text.split()) > _MAX_LEAD_WORDS or article.source[prev.end : after.start].strip():
            break
        out.append(words(text))
        after = prev
    return out


def _caption_items(article: Article, min_words: int) -> list[_Item]:
    out = []
    for k, block in enumerate(article.blocks):
        if block.kind != "caption":
            continue
        span = words_span(block)
        w = words(block.text[span[0] : span[1]])
        led: list[tuple[str, ...]] = []
        for lead in _lead_ins(article, k):
            led.append(lead + (led[-1] if led else w))
        if max([len(w), *(len(x) for x in led)]) >= min_words:
            out.append(_Item(article, block, span, w, True, tuple(led), k))
    return out


def _item_pairs(items: Sequence[_Item], threshold: float) -> dict[tuple[int, int], float]:
    """``(i, j) -> similarity`` for similar items, ``i < j``, forms with lead-in lines included."""
    seqs: list[tuple[str, ...]] = []
    owner: list[int] = []
    for n, it in enumerate(items):
        seqs.append(it.words)
        owner.append(n)
        for form in it.led:
            seqs.append(form)
            owner.append(n)
    best: dict[tuple[int, int], float] = {}
    for x, y, sim in similar_pairs(seqs, threshold):
        i, j = sorted((owner[x], owner[y]))
        if i != j and sim > best.get((i, j), -1.0):
            best[(i, j)] = sim
    return best


def _same_picture(a: Any, b: Any) -> bool:
    """Both captions name their picture (``a`` and ``b``) and it is the same one: a legitimate repeat."""
    return a is not None and b is not None and a == b


def _options(ctx: RuleContext, defaults: Mapping[str, Any]) -> tuple[float, int, int]:
    o = {**defaults, **ctx.options}
    threshold = float(o["threshold"])
    if not 0.0 < threshold <= 1.0:
        raise ConfigError(f"threshold must be between 0 and 1, not {threshold!r}")
    return threshold, int(o["min_words"]), int(o["near_min_words"])


def _close_enough(a: _Item, b: _Item, sim: float, near_min_words: int) -> bool:
    # short captions differ in one word all the time ("Fans in Paris" / "Fans in Lyon")
    return sim >= 1.0 or max(len(a.words), len(b.words)) >= near_min_words


_THRESHOLD = Option(
    float, 0.8, "the similarity from which two captions count as the same; `1.0` reports exact repeats only"
)
_NEAR_MIN_WORDS = Option(
    int,
    6,
    "a near (not exact) repeat is reported only when the longer caption has at least this many words, since "
    'short gallery captions often differ in one word ("Fans in Paris" / "Fans in Lyon")',
)
_DUPLICATE_OPTIONS = Options(
    threshold=_THRESHOLD,
    min_words=Option(int, 3, 'shorter captions ("File picture") are not compared at all'),
    near_min_words=_NEAR_MIN_WORDS,
    check_body=Option(bool, True, "also compare captions with body paragraphs"),
)


class DuplicateCaption(Rule):
    """Related rules: [reused-caption](reused-caption.md) (the same
    caption in another article of a batch), [caption-credit](caption-credit.md),
    [credit-format](credit-format.md).

    What it does
        Compares every caption of an article with the others and with the body paragraphs,
        ignoring case, whitespace, punctuation and the photo credit. A repeat is reported where
        it occurs (the later copy), and the message and the diagnostic's `data` name the first
        copy (`first_line`, `first_column`, `first_field`, `similarity`).

        Near repeats count too: one or two words changed or dropped, or another credit. Two
        captions are scored as 1 minus the word edits over the longer caption's length, so a
        13-word caption with one word dropped scores 0.92 and with two words changed 0.85.
        A caption's first words are sometimes cut off above it: a title line set over the caption,
        or a caption pasted with hard line breaks, of which only the line with the credit reads as
        a caption. Up to three short lines just above a caption (at most 12 words each, not ending
        a sentence) are its lead-in, and a repeat that runs them into the caption on one line
        matches as well.

        A caption is also compared with whole body paragraphs: a caption pasted into the body is
        reported on the later of the two. A paragraph that merely contains the caption among
        other sentences is not.

        Two captions on the same picture are not reported: structured loaders (Markdown, HTML,
        JSON) record the picture's id or source as `block.data["image"]`, and equal values mean
        the same photograph legitimately shown twice.

        In plain text a caption is a one-line paragraph ending in a credit
        ("... Photograph: Getty Images", "Photo: Reuters", "Picture: PA", "(c) AFP").

        ### How it scales

        Captions are never compared pair by pair. Each is reduced to its word sequence (a
        hyphenated word or a decimal counts as one word, so dropping it is one edit); exact
        repeats share a hash. For near repeats each caption is indexed under the pairs of its
        `e + 2` rarest words, where `e` is the number of word edits the threshold allows for its
        length. Two captions within `e` edits always have their two rarest common words among the
        `e + 2` rarest of both, so they share an index entry and no similar pair is lost, while a
        pair of rare words is shared by almost nothing else. Within one article, captions are
        compared with body paragraphs directly (few captions; a length filter rejects nearly every
        paragraph at once). `benchmarks/bench_captions.py` measures captions per second
        on the BBC corpus with synthetic captions at growing batch sizes.

    Why it matters
        A caption pasted twice is a CMS slip readers notice at once, and a caption pasted into
        the body reads as a stray sentence. A near copy is usually the same slip after a light
        edit, or a second picture still waiting for its own caption.

    Example
        ```text
        South Korea proposes talks with North after Pyongyang overtures

        Visitors look through binoculars during a visit to the Imjingak peace park ... Photograph: Getty Images

        Visitors look through binoculars during a visit to the Imjingak peace park ... Photograph: Getty Images
        ```

        ```text
        story.txt:5:1: warning NL201 [duplicate-caption] Caption "Visitors look through binoculars during a visit to..." repeats the caption on line 3
        ```

        A near copy reads `Caption "..." nearly repeats the caption on line 3 (92% similar)`; a
        caption pasted into the body reads `Paragraph "..." repeats the caption on line 3`.

    Options
        ```toml
        [tool.newslint.rules.duplicate-caption]
        threshold = 0.9
        check-body = false
        ```

    Fix safety
        No fix: which copy to delete, and whether the second picture needs a caption of its own,
        is an editor's call.
    """  # noqa: E501 (an example output line)

    code = "NL201"
    name = "duplicate-caption"
    summary = "A caption repeats another caption or a body paragraph of the article"
    default_severity = Severity.WARNING
    options = _DUPLICATE_OPTIONS

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        threshold, min_words, near_min = _options(ctx, _DUPLICATE_OPTIONS)
        items = _caption_items(article, min_words)
        if not items:
            return
        pairs = _item_pairs(items, threshold)
        if {**_DUPLICATE_OPTIONS, **ctx.options}["check_body"]:
            pairs.update(self._body_pairs(article, items, threshold, min_words))
        # the earliest caption (else paragraph) each later item repeats
        first: dict[int, tuple[int, float]] = {}
        reshown: set[int] = set()
        for (x, y), sim in pairs.items():
            i, j = (x, y) if items[x].order < items[y].order else (y, x)
            a, b = items[i], items[j]
            if _same_picture(a.image, b.image):
                reshown.add(j)  # the picture shown again with its caption: not a slip
                continue
            if not _close_enough(a, b, sim, near_min):
                continue
            best = first.get(j)
            if best is None or (a.is_caption, -a.order) > (items[best[0]].is_caption, -items[best[0]].order):
                first[j] = (i, sim)
        for j in sorted(first, key=lambda j: items[j].order):
            if j not in reshown:
                i, sim = first[j]
                yield self._report(items[i], items[j], sim)

    @staticmethod
    def _body_pairs(
        article: Article, items: list[_Item], threshold: float, min_words: int
    ) -> dict[tuple[int, int], float]:
        """Caption-paragraph pairs; appends the paragraphs to ``items``.

        Captions times paragraphs, not blocked: an article has few captions,
        and the length filter rejects nearly every long paragraph at once.
        """
        out: dict[tuple[int, int], float] = {}
        ncaps = len(items)
        body = BlockKind.BODY
        for k, block in enumerate(article.blocks):
            if block.kind not in body:
                continue
            span = _paragraph_words_span(block)
            w = words(block.text[span[0] : span[1]])
            if len(w) < min_words:
                continue
            p, matched = len(items), False
            for c in range(ncaps):
                cap = items[c]
                for seq in (cap.words, *cap.led):
                    if abs(len(seq) - len(w)) > (1.0 - threshold) * max(len(seq), len(w)) + 1e-9:
                        continue
                    sim = similarity(seq, w)
                    if sim + 1e-9 >= threshold and sim > out.get((c, p), -1.0):
                        out[(c, p)], matched = sim, True
            if matched:  # only paragraphs that repeat a caption need an item
                items.append(_Item(article, block, span, w, False, order=k))
        return out

    def _report(self, first: _Item, repeat: _Item, sim: float) -> Diagnostic:
        line, column = first.position
        what = "Caption" if repeat.is_caption else "Paragraph"
        verb = "repeats" if sim >= 1.0 else "nearly repeats"
        target = "caption" if first.is_caption else "paragraph"
        message = f'{what} "{_excerpt(repeat.text)}" {verb} the {target} on line {line}'
        if sim < 1.0:
            message += f" ({sim:.0%} similar)"
        return self.diagnostic(
            repeat.article,
            repeat.block,
            *repeat.span,
            message,
            data={
                "first_line": line,
                "first_column": column,
                "first_field": first.block.field,
                "similarity": round(sim, 3),
            },
        )


_REUSED_OPTIONS = Options(
    threshold=_THRESHOLD,
    min_words=Option(int, 4, "shorter captions are not compared"),
    near_min_words=_NEAR_MIN_WORDS,
)


class ReusedCaption(Rule):
    """What it does
        When several articles are checked together (a gallery, a day's
        edition), reports a caption that already appeared in another article
        of the batch under another picture. It is reported in the later
        article (in the order the files were given), and the message names
        the other file and line. Near copies count as in
        ``duplicate-caption``. The same picture reused with its caption (the
        same image id or source) is not reported. When the input does not
        say which picture a caption belongs to (plain text), the finding is
        reported at ``info`` severity, since it may be the same photograph.

    Why it matters
        A caption reused across stories is usually a caption left on the
        wrong picture after a template or a gallery was copied.

    Example
        ``politics/12.txt:5:1: warning NL204 [reused-caption] Caption "Tony Blair
        arrives in Downing Street..." is also used in politics/3.txt on line 9``

    Options
        As for [duplicate-caption](duplicate-caption.md), but a caption needs four words to be
        compared.

    Fix safety
        No fix: check which picture the caption belongs to.
    """

    code = "NL204"
    name = "reused-caption"
    summary = "A caption also appears on another picture in another article of the batch"
    default_severity = Severity.WARNING
    options = _REUSED_OPTIONS

    # The batch check by key, so that it runs the same in memory and on Dask: each caption's word
    # sequences are grouped by sequence (exact repeats), each distinct sequence then by its
    # rare word pairs (near repeats, :func:`blocking_keys`), and the pairs found by the later
    # caption of each, which decides what to report about it.

    #: only a caption of another article is reported
    compares_articles = True

    def batch_records(self, article: Article, ctx: RuleContext, order: tuple[int, ...]) -> Iterable[tuple[Any, Any]]:
        _threshold, min_words, _near = _options(ctx, _REUSED_OPTIONS)
        for n, it in enumerate(_caption_items(article, min_words)):
            start, end = it.block.source_span(*it.span)
            ref = _CaptionRef(
                (order, n), article.path, it.image, len(it.words), _excerpt(it.text), it.position,
                (article.position(start), article.position(end), it.block.field),
            )
            for f, seq in enumerate((it.words, *it.led)):
                if seq:
                    yield ("seq", seq), ((order, n, f), ref)

    def check_group(self, key: Any, records: list[Any], ctx: RuleContext) -> Iterable[Diagnostic | tuple[Any, Any]]:
        threshold, _min_words, near_min = _options(ctx, _REUSED_OPTIONS)
        if key[0] == "seq":
            members = sorted(records, key=lambda r: r[0])
            for y in range(1, len(members)):
                for x in range(min(y, MAX_EARLIER)):
                    yield from _pair(members[x][1], members[y][1], 1.0)
            if threshold < 1.0 and len(members):
                from newslint.spelling.lexicon import base_lexicon

                freq = base_lexicon(ctx.cache).freq
                for bucket in blocking_keys(key[1], lambda w: (freq.get(w, 0), w), _slack(threshold)):
                    yield ("near", bucket), (key[1], tuple(members))
        elif key[0] == "near":
            for x in range(len(records)):
                a, ma = records[x]
                for b, mb in records[x + 1 :]:
                    if abs(len(a) - len(b)) > (1.0 - threshold) * max(len(a), len(b)) + 1e-9:
                        continue
                    sim = similarity(a, b)
                    if sim + 1e-9 < threshold:
                        continue
                    refs = dict((*ma, *mb))
                    for i, j, _sim in _cross([p for p, _r in ma], [p for p, _r in mb], sim):
                        yield from _pair(refs[i], refs[j], sim)
        else:
            yield from self._decide(records, near_min)

    def _decide(self, pairs: list[tuple[_CaptionRef, _CaptionRef, float]], near_min: int) -> Iterator[Diagnostic]:
        """What to say about one caption, from every earlier caption found like it."""
        best: dict[tuple[Any, ...], tuple[_CaptionRef, float]] = {}
        for a, _b, sim in pairs:
            if a.id not in best or sim > best[a.id][1]:
                best[a.id] = (a, sim)
        b = pairs[0][1]
        if any(_same_picture(a.image, b.image) for a, _sim in best.values()):
            return  # a picture used again with its caption
        found = [
            (a.id, a, sim) for a, sim in best.values()
            if a.id[0] != b.id[0] and (sim >= 1.0 or max(a.words, b.words) >= near_min)
        ]
        if not found:
            return
        _id, a, sim = min(found, key=lambda f: f[0])
        line, column = a.position
        known = a.image is not None and b.image is not None
        verb = "is also used" if sim >= 1.0 else "is nearly the same as a caption"
        message = f'Caption "{b.excerpt}" {verb} in {a.path} on line {line}'
        if known:
            message += " under a different picture"
        yield self.diagnostic_at(
            b.path,
            b.span,
            message,
            severity=None if known else Severity.INFO,
            data={"first_path": a.path, "first_line": line, "first_column": column, "similarity": round(sim, 3)},
        )


@dataclass(frozen=True)
class _CaptionRef:
    """A caption as ``reused-caption`` passes it between processes: what a finding needs, no article."""

    #: (the article's place in the batch, the caption's number in it): batch order
    id: tuple[Any, ...]
    path: str
    image: Any
    #: how many words it has
    words: int
    excerpt: str
    position: tuple[int, int]
    span: tuple[Position, Position, str | None]


def _pair(x: _CaptionRef, y: _CaptionRef, sim: float) -> Iterator[tuple[Any, Any]]:
    """A pair of like captions, grouped under the later one; none for a caption and its own lead-in."""
    if x.id != y.id:
        i, j = (x, y) if x.id < y.id else (y, x)
        yield ("caption", j.id), (i, j, sim)


class CaptionCredit(Rule):
    """What it does
        Reports a caption that names no photographer or agency
        ("Photograph: Getty Images", "Photo: Reuters", "(c) AFP"). In plain
        text a caption is recognised by its credit, so this fires on
        Markdown, HTML and JSON input, where captions are marked up.

    Why it matters
        Agencies require the credit, and an uncredited picture is a rights
        question the picture desk has to answer before publication.

    Example
        ``story.html:14:13: info NL202 [caption-credit] Caption "Fans outside the
        stadium on Saturday" has no photo credit``

    Options
        None.

    Fix safety
        No fix: only the picture desk knows the credit.
    """

    code = "NL202"
    name = "caption-credit"
    summary = "A caption has no photo credit"
    default_severity = Severity.INFO

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block in article.captions:
            if block.credit is not None or not block.text.strip():
                continue
            if block.data.get("credit"):  # a loader that keeps the credit beside the caption
                continue
            span = words_span(block)
            yield self.diagnostic(
                article, block, *span, f'Caption "{_excerpt(block.text[span[0] : span[1]])}" has no photo credit'
            )


_CREDIT_LABEL = r"(?i:photograph|photo|picture|pic|image|illustration|graphic|video|credit|source)s?\s*:"

#: Permissive on purpose, so it is quiet on ordinary copy: a label ("Photograph:",
#: "Photo:", "Picture:", ...), "Courtesy of" or a copyright sign, then a name that
#: starts with a capital or a digit; or a bare name ("Getty Images") from a
#: structured loader.
DEFAULT_CREDIT_PATTERN = (
    rf"(?:{_CREDIT_LABEL}\s*|(?i:courtesy(?:\s+of)?)\s+|(?:\([cC]\)|\u00a9)\s*|(?!{_CREDIT_LABEL}))"
    r"[A-Z0-9\u00c0-\u024f][^\n]*"
)


class CreditFormat(Rule):
    """What it does
        Checks each caption's credit against a regular expression (the whole
        credit must match). The default accepts the usual forms
        ("Photograph: Getty Images", "Photo: Reuters", "Picture: PA",
        "(c) AFP", "AFP/Getty Images") and catches only slips such as an
        empty or lower-case name ("Photograph: getty").

    Why it matters
        A house format ("Photograph: Name/Agency") keeps credits consistent
        and lets the picture desk find them; a stricter pattern in the
        configuration enforces it.

    Example
        ``story.txt:5:60: info NL203 [credit-format] Credit "photo: reuters" is not
        in the house format``

    Options
        `pattern`: the house format as a Python regular expression, e.g.
        `"Photograph: [^/]+(/[^/]+)?"`.

    Fix safety
        No fix: the right form depends on the agency.
    """

    code = "NL203"
    name = "credit-format"
    summary = "A photo credit is not in the house format"
    default_severity = Severity.INFO
    options = Options(pattern=Option(str, DEFAULT_CREDIT_PATTERN, "the house format as a Python regular expression"))

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        pattern = str(ctx.options.get("pattern", DEFAULT_CREDIT_PATTERN))
        key = ("credit-format", pattern)
        if key not in ctx.cache:
            try:
                ctx.cache[key] = re.compile(pattern)
            except re.error as e:
                raise ConfigError(
                    f"credit-format: pattern {pattern!r} is not a valid regular expression: {e}"
                ) from None
        regex = ctx.cache[key]
        for block in article.captions:
            if block.credit is None:
                continue
            cs, ce = block.credit
            raw = block.text[cs:ce]
            credit = raw.strip()
            if not credit or regex.fullmatch(credit):
                continue
            if credit[:1] == "(" and credit[-1:] == ")" and regex.fullmatch(credit[1:-1].strip()):
                continue  # "(Image: Reuters)": the house format in brackets
            lead = len(raw) - len(raw.lstrip())
            start = cs + lead
            yield self.diagnostic(
                article, block, start, start + len(credit), f'Credit "{credit}" is not in the house format'
            )


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [DuplicateCaption(), CaptionCredit(), CreditFormat(), ReusedCaption()]
