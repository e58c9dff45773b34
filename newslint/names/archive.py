"""Learning names from a newsroom's archive: ``newslint names build``.

Published, edited copy is the best evidence of how a desk spells the people
it writes about. :func:`learn_names` reads the articles of an archive, finds
person-like names (two to four capitalised words whose last word the archive
also uses after "Mr", "Ms", "Dr" and the like, whose first word is a given
name learned that way, or that follow a title), and counts in how many
articles each spelling appears. A spelling seen once or twice right next to
one seen ten times as often is left out: that is a slip in the archive, not
a person. The file also keeps how often each capitalised word and each
lower-case word was seen, for the name and spelling checks.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import filterfalse
from pathlib import Path

from rapidfuzz.distance import OSA

from newslint.article import Article, BlockKind
from newslint.names.text import (
    HONORIFICS,
    PARTICLES,
    PERSON_TITLES,
    STOPWORDS,
    compact_key,
    find_runs,
    word_key,
)

#: A lower-case word must be seen in this many articles to enter the vocabulary.
MIN_VOCAB_DOCS = 3

#: A capitalised phrase that is not a person is kept when seen in this many articles.
MIN_PHRASE_DOCS = 2

_WORDS = re.compile(r"\w+")


def _is_lower_word(word: str) -> bool:
    """A whole word of lower-case letters ("naïve", not "Paris", "3pm" or "snake_case")."""
    return word.islower() and (word.isalpha() or not any(c.isdecimal() or c == "_" for c in word))


@dataclass
class ArchiveSummary:
    """What an archive teaches, summed over its articles: counts only, so it merges.

    One article gives one summary (:func:`summarize`); summaries add up with
    ``+`` in any grouping (a tree of partitions on a cluster, or one loop), and
    :func:`finish` turns the total into the names-file document, the same to
    the byte however the sum was grouped. Every count is a number of articles.
    """

    articles: int = 0
    #: surnames seen after "Mr", "Ms", "Dr" and the like
    honorific_docs: Counter[str] = field(default_factory=Counter)
    #: folded capitalised words
    token_docs: Counter[str] = field(default_factory=Counter)
    #: lower-case words
    vocab_docs: Counter[str] = field(default_factory=Counter)
    #: (a name-like run of words, whether a person's title stood before it in that article)
    form_docs: Counter[tuple[tuple[str, ...], bool]] = field(default_factory=Counter)

    def __add__(self, other: ArchiveSummary) -> ArchiveSummary:
        total = ArchiveSummary()
        total.update(self)
        total.update(other)
        return total

    def __iadd__(self, other: ArchiveSummary) -> ArchiveSummary:
        self.update(other)
        return self

    def update(self, other: ArchiveSummary) -> None:
        """Add ``other`` in place."""
        self.articles += other.articles
        self.honorific_docs.update(other.honorific_docs)
        self.token_docs.update(other.token_docs)
        self.vocab_docs.update(other.vocab_docs)
        self.form_docs.update(other.form_docs)

    def add(self, article: Article) -> None:
        """Add one published article in place (as ``+= summarize(article)``, without the copy)."""
        hon: set[str] = set()
        toks: set[str] = set()
        words_seen: set[str] = set()
        #: form -> whether any mention of it in this article followed a person's title
        forms: dict[tuple[str, ...], bool] = {}
        copy = BlockKind.COPY
        for block in article.blocks:
            if block.kind not in copy:
                continue
            text_b = block.caption_text if block.kind == "caption" else block.text
            words_seen.update(_WORDS.findall(text_b))
            for run in find_runs(text_b):
                tokens = run.tokens
                if len(tokens) == 1:
                    # three runs in four are one word ("The", "London"): never a name form, only a
                    # token, and a surname after "Mr"; the same steps as below, without the rest
                    w = tokens[0].text
                    if w not in PARTICLES:
                        toks.add(word_key(w))
                    if run.title in HONORIFICS:
                        hon.add(w)
                    continue
                words = run.words
                toks.update(map(word_key, filterfalse(PARTICLES.__contains__, words)))
                i = 0
                while i < len(words) and (words[i] in STOPWORDS or words[i] in PARTICLES):
                    i += 1
                words = words[i:]
                caps = [w for w in words if w not in PARTICLES and len(word_key(w)) > 1]
                if 2 <= len(caps) <= 4 and not any(w.isupper() and len(w) > 1 for w in caps):
                    titled = i == 0 and run.title in PERSON_TITLES
                    forms[words] = forms.get(words, False) or titled
                    if run.title in HONORIFICS:
                        hon.add(caps[-1])
        # counts are of articles: each set adds one for each of its members
        self.articles += 1
        self.honorific_docs.update(hon)
        self.token_docs.update(toks)
        # _is_lower_word, with the common case tested in C: lower-case and all letters
        lower = set(filter(str.islower, words_seen))
        alpha = set(filter(str.isalpha, lower))
        self.vocab_docs.update(alpha)
        self.vocab_docs.update(w for w in lower - alpha if _is_lower_word(w))
        self.form_docs.update(forms.items())


def summarize(article: Article) -> ArchiveSummary:
    """The summary of one published article."""
    summary = ArchiveSummary()
    summary.add(article)
    return summary


def finish(summary: ArchiveSummary, min_count: int = 1) -> dict:
    """The names-file document for an archive's summed :class:`ArchiveSummary`."""
    honorific_docs = summary.honorific_docs
    # given names: first words of names whose surname the archive uses after an honorific
    # (from two-word names only: "Australian Lleyton Hewitt" does not make "Australian" a name)
    given_surnames: dict[str, set[str]] = {}
    for words, _titled in summary.form_docs:
        if len(words) == 2 and words[-1] in honorific_docs:
            given_surnames.setdefault(words[0], set()).add(words[-1])
    given_names = {g for g, s in given_surnames.items() if len(s) >= 3 and g not in STOPWORDS}

    # in one article a form is a person's name when any of its mentions is
    form_docs: Counter[str] = Counter()
    phrase_docs: Counter[str] = Counter()
    seen = {words for words, _titled in summary.form_docs}
    for (words, titled), n in summary.form_docs.items():
        # "Secretary of State Rex Tillerson" gives the run "State Rex Tillerson": a leading
        # word before a name the archive also prints on its own is part of a title, not a name
        # ("Special Counsel Robert Mueller" likewise)
        words = next(
            (words[k:] for k in range(1, len(words) - 1) if words[k:] in seen and words[k] not in PARTICLES),
            words,
        )
        person = titled or words[-1] in honorific_docs or words[0] in given_names
        (form_docs if person else phrase_docs)[" ".join(words)] += n

    names = _drop_slips(form_docs, min_count)
    return {
        "version": 1,
        "kind": "newslint-names",
        "articles": summary.articles,
        "names": [{"name": n, "count": c} for n, c in names],
        # other capitalised phrases in published use ("Rolling Stones", "Real Madrid"): known
        # spellings, so that a name near one of them is not mistaken for a slip
        "phrases": {p: c for p, c in sorted(phrase_docs.items()) if c >= MIN_PHRASE_DOCS},
        "tokens": {w: c for w, c in sorted(summary.token_docs.items()) if w},
        "vocabulary": {w: c for w, c in sorted(summary.vocab_docs.items()) if c >= MIN_VOCAB_DOCS},
    }


def learn_names(articles: Iterable[Article], *, min_count: int = 1) -> dict:
    """Learn names from published ``articles``; return the names-file document.

    ``newslint names build`` reads the articles through the session, as
    ``newslint check`` reads them (:func:`newslint.commands.names.build_archive`);
    with ``--dask`` the same summaries are made per partition and summed on a cluster.
    """
    total = ArchiveSummary()
    for article in articles:
        total.add(article)
    return finish(total, min_count)


def _drop_slips(form_docs: Counter[str], min_count: int) -> list[tuple[str, int]]:
    """Names by count, without rare spellings one edit from a far more frequent one."""
    frequent: dict[str, set[str]] = {}
    key_count: Counter[str] = Counter()
    for form, c in form_docs.items():
        key_count[compact_key(form)] += c
    for k, c in key_count.items():
        if c >= 10 and len(k) >= 6:
            for d in {k, *(k[:i] + k[i + 1 :] for i in range(len(k)))}:
                frequent.setdefault(d, set()).add(k)
    out = []
    for form, c in form_docs.most_common():
        if c < min_count:
            continue
        k = compact_key(form)
        if key_count[k] <= 2 and len(k) >= 6:
            near = {
                f
                for d in {k, *(k[:i] + k[i + 1 :] for i in range(len(k)))}
                for f in frequent.get(d, ())
                if f != k
            }
            if any(key_count[f] >= 10 * key_count[k] and OSA.distance(k, f) <= 1 for f in near):
                continue
        out.append((form, c))
    out.sort(key=lambda fc: (-fc[1], fc[0]))
    return out


def write_archive(doc: dict, out: Path) -> None:
    """Write the names file (UTF-8 JSON, one name per line for readable diffs)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=0, sort_keys=False)
        f.write("\n")
    os.replace(tmp, out)
