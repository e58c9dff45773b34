"""The house-style engine: style files read, layered and compiled into rules that find hits.

A style file holds ``[[rule]]`` tables (see ``docs/house-style.md``). Styles are
layered: the starter style shipped in ``newslint/data/style/`` first, then the
files named by ``style = [...]`` in the configuration, in order (the house
style, then a desk's overrides). A later layer's table for a rule of the same
name is laid over the earlier one key by key (``examples.good`` and
``examples.bad`` each on its own), so a desk can write just
``name = "per-cent"`` and ``enabled = false``, or change a severity. Every
rule's ``examples`` are checked as it loads, so a broken rule fails loudly,
naming its file and rule.

This module knows nothing of plugins: the rules that report what it finds
are in :mod:`newslint.rules.style`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.article import Article, Block, BlockKind, find_quotes
from newslint.config import ConfigError, toml
from newslint.diagnostic import Applicability, Severity
from newslint.regex import compile_re

if sys.version_info >= (3, 11):
    import re._constants as sre
    import re._parser as sre_parse
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

if TYPE_CHECKING:
    from newslint.rule import RuleContext

#: The starter style shipped with newslint.
STARTER_DIR = Path(__file__).resolve().parent / "data" / "style"

KINDS = ("substitution", "existence", "consistency", "capitalisation")
SCOPES = ("headline", "standfirst", "body", "caption")
DEFAULT_SCOPE = SCOPES

#: The code every rule added by a house or desk file reports under.
HOUSE_CODE = "NL590"
HOUSE_NAME = "house-style"
#: Codes the starter style may give its rules.
STARTER_CODES = range(550, 590)

#: The scope each kind of block of the copy is in: the running prose is "body".
_BLOCK_SCOPE: dict[str, str] = {k: "body" if k in BlockKind.BODY else k.value for k in BlockKind.COPY}
_EXAMPLE_KIND = {"headline": BlockKind.HEADLINE, "standfirst": BlockKind.STANDFIRST, "body": BlockKind.PARAGRAPH,
                 "caption": BlockKind.CAPTION}

_KEYS = {
    "name", "code", "kind", "message", "severity", "link", "scope", "quotes", "exceptions",
    "safe", "enabled", "languages", "ignore-case", "regex", "swap", "tokens", "either", "stem",
    "style", "min-words", "examples", "summary", "why",
}
_KIND_KEY = {"substitution": "swap", "existence": "tokens", "consistency": "either"}
_DEFAULT_MESSAGE = {
    "substitution": 'Use "{replacement}" not "{match}"',
    "existence": 'Avoid "{match}"',
    "consistency": '"{match}" and "{other}" are both used; keep to one form',
    "capitalisation": 'Headline "{match}" is not in {style} case',
}
_PLACEHOLDER = compile_re(r"\{(\w+)\}")
_FIELDS = {"match", "replacement", "other", "style"}

#: Small words title case leaves in lower case.
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from if in into nor of off on onto or per so than the to up "
    "upon via vs with yet".split()
)


class StyleError(ConfigError):
    """A style file or rule is broken; the message names the file and the rule."""


# -- the compiled rule -------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """One place a style rule matches: ``block.text[start:end]``, and its replacement if any."""

    block: Block
    start: int
    end: int
    match: str
    replacement: str | None = None
    other: str | None = None


@dataclass(frozen=True)
class StyleRule:
    """One rule of a style, compiled from its (layered) TOML table."""

    name: str
    kind: str
    message: str
    severity: Severity
    source: str
    code: str | None = None
    link: str | None = None
    scope: frozenset[str] = frozenset(DEFAULT_SCOPE)
    quotes: bool = False
    exceptions: tuple[str, ...] = ()
    safe: bool = False
    enabled: bool = True
    languages: tuple[str, ...] = ()
    ignore_case: bool = True
    regex: bool = False
    summary: str = ""
    why: str = ""
    #: substitution and existence: (pattern, replacement template or None)
    patterns: tuple[tuple[re.Pattern[str], str | None], ...] = ()
    #: consistency: groups of forms, each form a (pattern, the form as written)
    groups: tuple[tuple[tuple[re.Pattern[str], str], ...], ...] = ()
    style: str = "sentence"
    min_words: int = 3
    examples_good: tuple[str, ...] = ()
    examples_bad: tuple[tuple[str, str | None], ...] = ()
    _exception_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False)
    #: the entries as the file wrote them, for the rule's documentation
    entries: tuple[str, ...] = ()
    #: per pattern, lower-case strings the text must hold one of for it to match, or None: a
    #: substring test is far cheaper than running every regex on every block
    _needles: tuple[tuple[str, ...] | None, ...] = field(default=(), repr=False)
    #: per consistency form, the lower-case word the text must hold, or None
    _group_needles: tuple[tuple[str | None, ...], ...] = field(default=(), repr=False)

    def applies_to(self, language: str, variety: str | None = None) -> bool:
        """Does the rule run under the configured ``language``?

        A rule that lists no languages runs under all. Under ``"en"`` (either
        variety) a rule tied to ``en-GB`` or ``en-US`` and not to ``en`` runs
        on an article whose ``variety``, read from its copy, is one it lists.
        """
        if not self.languages or language in self.languages:
            return True
        return language == "en" and variety is not None and variety in self.languages

    # -- matching ----------------------------------------------------------------

    def blocks(self, article: Article) -> Iterator[Block]:
        for b in article.blocks:
            if _BLOCK_SCOPE.get(b.kind) in self.scope:
                yield b

    def _excluded(
        self,
        block: Block,
        start: int,
        end: int,
        exc: list[tuple[int, int]],
        quotes: Sequence[tuple[int, int]] = (),
    ) -> bool:
        if not self.quotes and any(start < qe and qs < end for qs, qe in quotes):
            return True
        if block.credit is not None and start < block.credit[1] and block.credit[0] < end:
            return True
        return any(start < ee and es < end for es, ee in exc)

    def _exception_spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for rx in self._exception_res for m in rx.finditer(text)]

    def find(self, article: Article) -> Iterator[Hit]:
        """Every place this rule matches in ``article`` (in scope, outside quotes and exceptions)."""
        if self.kind == "consistency":
            yield from self._find_consistency(article)
        elif self.kind == "capitalisation":
            yield from self._find_capitalisation(article)
        else:
            yield from self._find_patterns(article)

    def _find_patterns(self, article: Article) -> Iterator[Hit]:
        needles = self._needles or (None,) * len(self.patterns)
        any_needle = any(n is not None for n in needles)
        for block in self.blocks(article):
            text = block.text
            low = _lower(text) if any_needle else ""
            has = low.__contains__
            todo = [p for p, n in zip(self.patterns, needles, strict=True) if n is None or any(map(has, n))]
            if not todo:
                continue
            exc: list[tuple[int, int]] | None = None  # worked out at the first match only
            quotes: Sequence[tuple[int, int]] = ()
            taken: list[tuple[int, int]] = []
            for rx, template in todo:
                for m in rx.finditer(text):
                    s, e = m.span()
                    if exc is None:
                        exc = self._exception_spans(text)
                        quotes = block.quotes
                    if s == e or self._excluded(block, s, e, exc, quotes):
                        continue
                    if any(s < te and ts < e for ts, te in taken):
                        continue  # two entries of one rule matching the same words: report once
                    taken.append((s, e))
                    repl = None
                    if template is not None:
                        repl = _match_case(m.group(0), m.expand(template) if self.regex else template)
                    yield Hit(block, s, e, m.group(0), repl)

    def _find_consistency(self, article: Article) -> Iterator[Hit]:
        blocks = list(self.blocks(article))
        lows = [_lower(b.text) for b in blocks]
        for g, group in enumerate(self.groups):
            needles = self._group_needles[g] if self._group_needles else (None,) * len(group)
            # (form index, block, start, end of the form part, end of the word)
            found: list[tuple[int, Block, int, int, int]] = []
            for block, low in zip(blocks, lows, strict=True):
                matches = [
                    (m.start(), -len(form), i, m)
                    for i, (rx, form) in enumerate(group)
                    if (needle := needles[i]) is None or needle in low
                    for m in rx.finditer(block.text)
                ]
                if not matches:
                    continue
                exc = self._exception_spans(block.text)
                quotes = block.quotes
                taken_end = -1
                # one word counts for one form: the longest that matches it ("focussed" is
                # "focuss", not "focus" too)
                for s, _neg_len, i, m in sorted(matches, key=lambda t: (t[0], t[1])):
                    e = m.end()
                    if s < taken_end:
                        continue
                    taken_end = e
                    if self._excluded(block, s, e, exc, quotes) or _is_name(block.text, s):
                        continue
                    found.append((i, block, s, m.end(1), e))
            used = {f[0] for f in found}
            if len(used) < 2:
                continue
            order = sorted(found, key=lambda f: f[1].source_offset(f[2]))
            counts = {i: sum(1 for f in found if f[0] == i) for i in used}
            first_seen: dict[int, int] = {}
            for f in order:
                first_seen.setdefault(f[0], len(first_seen))
            # the form the article uses most stays; on a tie, the one it used first
            keep = max(used, key=lambda i: (counts[i], -first_seen[i]))
            keep_form = group[keep][1]
            kf = next(f for f in order if f[0] == keep)
            keep_word = kf[1].text[kf[2] : kf[4]]
            for i, block, s, form_end, e in order:
                if i == keep:
                    continue
                word = block.text[s:e]
                repl = _match_case(block.text[s:form_end], keep_form) + block.text[form_end:e]
                yield Hit(block, s, e, word, repl, other=keep_word)

    def _find_capitalisation(self, article: Article) -> Iterator[Hit]:
        exceptions = {e.lower() for e in self.exceptions}
        for block in self.blocks(article):
            text = block.text
            quotes = block.quotes
            words = [
                m for m in re.finditer(r"[^\W\d_][\w'\u2019-]*", text)
                if not self._excluded(block, m.start(), m.end(), [], quotes)
            ]
            if len(words) < 2:
                continue
            rest = words[1:]
            if self.style == "sentence":
                if _is_title_case([m.group(0) for m in rest], exceptions, self.min_words):
                    yield Hit(block, 0, len(text), text)
            else:  # title case: every major word capitalised
                for m in rest:
                    w = m.group(0)
                    # AP style: short articles, conjunctions and prepositions stay lower case
                    small = w.lower() in _SMALL_WORDS and len(w) <= 3
                    if small or w.lower() in exceptions or not w[0].islower():
                        continue
                    yield Hit(block, m.start(), m.end(), w, w[0].upper() + w[1:])

    # -- reporting ---------------------------------------------------------------

    def format_message(self, hit: Hit) -> str:
        values = {
            "match": hit.match,
            "replacement": hit.replacement or "",
            "other": hit.other or "",
            "style": self.style,
        }
        return self.message.format_map(values)

    @property
    def applicability(self) -> Applicability:
        return Applicability.SAFE if self.safe else Applicability.UNSAFE


def _is_name(text: str, start: int) -> bool:
    """True when the capitalised word at ``start`` reads as part of a name ("Email Systems").

    It is, when it is capitalised mid-sentence, or when the next word is
    capitalised too (a name at the start of a sentence).
    """
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].rstrip(" \"'\u201c\u2018([")
    if before and before[-1] not in ".!?:;\u2014\u2013":
        return True
    m = re.match(r"[\w'\u2019-]+\s+([^\W\d_])", text[start:])
    return bool(m and m.group(1).isupper())


def _is_title_case(words: Sequence[str], exceptions: set[str], min_words: int) -> bool:
    """True when a headline's words after the first are in title case.

    Only words of four letters or more that are not acronyms count: a
    sentence-case headline may hold several proper nouns, but a run of
    ``min_words`` capitalised long words with no long word in lower case is
    how title case looks, and proper nouns alone rarely make a headline.
    """
    long_words = [
        w for w in words
        if len(w) >= 4 and not w.isupper() and w.lower() not in exceptions
        and not (w[0].islower() and any(c.isupper() for c in w[1:]))  # "iPhone", "eBay": neither case
    ]
    if len(long_words) < min_words:
        return False
    if any(w[0].islower() for w in long_words):
        return False
    # a small word capitalised ("With", "From") is title case beyond doubt; without one,
    # ask for more capitalised words so a headline of names is not taken for title case
    small_capitalised = any(w.lower() in _SMALL_WORDS and w[0].isupper() for w in words)
    return small_capitalised or len(long_words) >= min_words + 1


def _match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of the words it replaces."""
    if not replacement or not source:
        return replacement
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if source[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    # a capitalised replacement stays so: "bombay" -> "Mumbai" is a name, not a sentence start
    return replacement


# -- loading and layering ----------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """The rule tables of one style file, in file order."""

    path: str
    tables: tuple[Mapping[str, Any], ...]


def read_layer(path: str | Path) -> Layer:
    """Read one style file; a TOML or shape error names the file."""
    p = Path(path)
    tomllib = toml()
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise StyleError(f"{p}: cannot read style file: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise StyleError(f"{p}: style file is not UTF-8: {e}") from None
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise StyleError(f"{p}: invalid TOML: {e}") from None
    extra = set(data) - {"rule", "style"}
    if extra:
        raise StyleError(f"{p}: unknown top-level key {sorted(extra)[0]!r} (expected [[rule]] tables)")
    rules = data.get("rule", [])
    if not isinstance(rules, list) or not all(isinstance(t, dict) for t in rules):
        raise StyleError(f"{p}: 'rule' must be an array of tables, written [[rule]]")
    names: set[str] = set()
    for i, t in enumerate(rules):
        name = t.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", name):
            raise StyleError(f"{p}: rule {i + 1} needs a kebab-case 'name' (got {name!r})")
        if name in names:
            raise StyleError(f"{p}: rule {name!r} is defined twice")
        names.add(name)
        unknown = set(t) - _KEYS
        if unknown:
            raise StyleError(f"{p}: rule {name!r}: unknown key {sorted(unknown)[0]!r}")
    return Layer(str(p), tuple(rules))


def layered(layers: Sequence[Layer]) -> dict[str, tuple[dict[str, Any], str, str]]:
    """Lay the layers over each other: name -> (merged table, first file, last file).

    Keys of a later table replace the earlier ones whole, except ``examples``,
    whose ``good`` and ``bad`` lists are replaced each on its own.
    """
    out: dict[str, tuple[dict[str, Any], str, str]] = {}
    for layer in layers:
        for t in layer.tables:
            name = t["name"]
            if name in out:
                merged, first, _ = out[name]
                new = {**merged, **t}
                if isinstance(merged.get("examples"), dict) and isinstance(t.get("examples"), dict):
                    # a layer that gives new good examples keeps the earlier bad ones, and back
                    new["examples"] = {**merged["examples"], **t["examples"]}
                out[name] = (new, first, layer.path)
            else:
                out[name] = (dict(t), layer.path, layer.path)
    return out


def _needle(phrase: str) -> str | None:
    """The phrase's longest word in lower case: no match is possible in a text without it.

    The longest is the rarest as a rule ("moment" of "at this moment in time"), so the
    phrase's regex runs on fewest blocks.
    """
    words = phrase.split()
    return max(words, key=len).lower() if words else None


#: At most this many strings stand for one pattern: each is a substring test on every block.
_MAX_NEEDLES = 8
_REPEATS = tuple(op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op)


def _regex_needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    r"""Lower-case strings of which every match of ``pattern`` holds one, or None when none is found.

    Read from the parsed pattern: a run of literal characters, small sets of
    them (``[,;.]``, ``(Mr|Dr)``) and repeats of at least one, taken in a row
    at the top level ("Mr." or "Dr." for ``(Mr|Dr)\.``, two spaces for
    ``[ ]{2,}``); the run with the longest shortest string wins. Only ASCII
    characters count: their lower case is the same wherever they stand.
    """
    best: tuple[str, ...] | None = None
    run: list[str] = [""]

    def close() -> None:
        nonlocal best, run
        if run != [""] and (best is None or min(map(len, run)) > min(map(len, best))):
            best = tuple(sorted(set(run)))
        run = [""]

    def extend(options: list[str] | None) -> None:
        nonlocal run
        if options is None or len(run) * len(options) > _MAX_NEEDLES:
            close()
            if options is None or len(options) > _MAX_NEEDLES:
                return
        run = [r + o for r in run for o in options]

    parsed: Any = sre_parse.parse(pattern.pattern, pattern.flags)  # the parser's own types are loose
    for op, av in parsed:
        if op in _REPEATS and av[0] != av[1]:  # "x{2,}": "xx", then perhaps more
            one = _sequence(av[2]) if av[0] >= 1 else None
            if one is None or len(one) != 1:
                close()
                continue
            extend([one[0] * av[0]])
            # "[ ]+," holds " ," (the last space, then the comma) but not "  ,": go on from one copy
            close()
            run = one
            continue
        extend(_strings(op, av))
    close()
    return best


def _strings(op: Any, av: Any) -> list[str] | None:
    """The few lower-case ASCII strings one parsed item matches, or None for many or unknown."""
    if op is sre.LITERAL:
        return [chr(av).lower()] if av < 128 else None
    if op is sre.IN:
        chars = [chr(c).lower() for o, c in av if o is sre.LITERAL and c < 128]
        return chars if len(chars) == len(av) and len(chars) <= _MAX_NEEDLES else None
    if op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group that sets no flags
        return _sequence(av[3])
    if op is sre.BRANCH:
        out: list[str] = []
        for alternative in av[1]:
            got = _sequence(alternative)
            if got is None:
                return None
            out += got
        return out if len(out) <= _MAX_NEEDLES else None
    if op in _REPEATS and av[0] == av[1] and 1 <= av[0] <= 8:  # an open repeat only at the top level
        one = _sequence(av[2])
        return [o * av[0] for o in one] if one is not None and len(one) == 1 else None
    return None


def _sequence(items: Any) -> list[str] | None:
    """Every string a sequence of parsed items matches, when each item matches a few."""
    out = [""]
    for op, av in items:
        got = _strings(op, av)
        if got is None or len(out) * len(got) > _MAX_NEEDLES:
            return None
        out = [o + g for o in out for g in got]
    return out


@lru_cache(maxsize=256)
def _lower(text: str) -> str:
    """``text.lower()``, worked out once a block for all the rules of a style."""
    return text.lower()


def _word_pattern(phrase: str, *, stem: bool = False) -> str:
    """A phrase as a regex: words at word boundaries, any run of spaces between them."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    tail = r"[\w-]*" if stem else r"(?![\w])"
    return rf"(?<![\w])({body}){tail}"


def compile_rule(table: Mapping[str, Any], where: str, *, check_examples: bool = True) -> StyleRule:
    """Build a :class:`StyleRule` from a (merged) table and check its examples.

    ``where`` names the file(s) for error messages. Raises :class:`StyleError`.
    """
    name = table["name"]

    def fail(msg: str) -> StyleError:
        return StyleError(f"{where}: rule {name!r}: {msg}")

    kind = table.get("kind")
    if kind not in KINDS:
        raise fail(f"'kind' must be one of {', '.join(KINDS)} (got {kind!r})")
    message = table.get("message", _DEFAULT_MESSAGE[kind])
    if not isinstance(message, str) or not message.strip():
        raise fail("'message' must be a non-empty string")
    for ph in _PLACEHOLDER.findall(message):
        if ph not in _FIELDS:
            raise fail(f"unknown placeholder {{{ph}}} in 'message' (use {', '.join(sorted(_FIELDS))})")
    if message.rstrip().endswith("."):
        raise fail("'message' must not end with a full stop")
    try:
        severity = Severity(table.get("severity", "warning"))
    except ValueError:
        raise fail("'severity' must be error, warning or info") from None
    scope_v = table.get("scope", ["headline"] if kind == "capitalisation" else list(DEFAULT_SCOPE))
    if isinstance(scope_v, str):
        scope_v = [scope_v]
    bad_scope = [s for s in scope_v if s not in SCOPES]
    if bad_scope or not scope_v:
        raise fail(f"'scope' must list some of {', '.join(SCOPES)} (got {bad_scope or scope_v})")
    ignore_case = bool(table.get("ignore-case", True))
    flags = re.IGNORECASE if ignore_case else 0
    regex = bool(table.get("regex", False))
    exceptions = table.get("exceptions", [])
    if not isinstance(exceptions, list) or not all(isinstance(x, str) for x in exceptions):
        raise fail("'exceptions' must be a list of strings")
    languages = table.get("languages", [])
    if isinstance(languages, str):
        languages = [languages]
    from newslint.config import LANGUAGES

    if any(lang not in LANGUAGES for lang in languages):
        raise fail(f"'languages' must list some of {', '.join(LANGUAGES)}")

    def rx(pattern: str, what: str) -> re.Pattern[str]:
        try:
            return compile_re(pattern, flags)
        except re.error as e:
            raise fail(f"bad regular expression in {what} {pattern!r}: {e}") from None

    patterns: list[tuple[re.Pattern[str], str | None]] = []
    groups: list[tuple[tuple[re.Pattern[str], str], ...]] = []
    swap_keys: list[str] = []
    entries: list[str] = []
    tokens_list: list[str] = []
    groups_raw: list[list[str]] = []
    key = _KIND_KEY.get(kind)
    if key is not None and key not in table:
        raise fail(f"a {kind} rule needs '{key}'")
    if kind == "substitution":
        swap = table["swap"]
        if not isinstance(swap, dict) or not swap or not all(isinstance(v, str) for v in swap.values()):
            raise fail("'swap' must be a table of \"wrong\" = \"right\" strings")
        for wrong, right in swap.items():
            pat = rx(wrong if regex else _word_pattern(wrong), "swap")
            if regex:
                try:
                    _check_template(pat, right)  # a template naming a missing group fails at load
                except re.error as e:
                    raise fail(f"bad replacement {right!r} for {wrong!r}: {e}") from None
            patterns.append((pat, right))
            swap_keys.append(wrong)
            entries.append(f'"{wrong}" -> "{right}"')
    elif kind == "existence":
        tokens = table["tokens"]
        if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) for t in tokens):
            raise fail("'tokens' must be a non-empty list of strings")
        patterns = [(rx(t if regex else _word_pattern(t), "tokens"), None) for t in tokens]
        tokens_list = list(tokens)
        entries = [f'"{t}"' for t in tokens]
    elif kind == "consistency":
        either = table["either"]
        if not isinstance(either, list) or not either:
            raise fail("'either' must be a list of lists of forms, such as [[\"co-ordinate\", \"coordinate\"]]")
        stem = bool(table.get("stem", False))
        for group in either:
            if not isinstance(group, list) or len(group) < 2 or not all(isinstance(f, str) for f in group):
                raise fail(f"each entry of 'either' must list two or more forms (got {group!r})")
            groups.append(tuple((rx(_word_pattern(f, stem=stem), "either"), f) for f in group))
            groups_raw.append(group)
            entries.append(" / ".join(f'"{f}"' for f in group))
        if stem:
            entries.append("each form also matches the words it begins")
    style = table.get("style", "sentence")
    if kind == "capitalisation" and style not in ("sentence", "title"):
        raise fail("'style' must be \"sentence\" or \"title\"")
    min_words = table.get("min-words", 3)
    if not isinstance(min_words, int) or min_words < 1:
        raise fail("'min-words' must be a whole number of at least 1")
    exception_res = tuple(rx(x if regex else _word_pattern(x), "exceptions") for x in exceptions)

    examples = table.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"good", "bad"}:
        raise fail("'examples' must be a table with 'good' and 'bad' lists")
    good = examples.get("good", [])
    bad_raw = examples.get("bad", [])
    bad: list[tuple[str, str | None]] = []
    for b in bad_raw:
        if isinstance(b, str):
            bad.append((b, None))
        elif isinstance(b, dict) and isinstance(b.get("text"), str):
            fixed = b.get("fixed")
            bad.append((b["text"], fixed if isinstance(fixed, str) else None))
        else:
            raise fail(f"a bad example must be a string or {{ text = ..., fixed = ... }} (got {b!r})")
    if not all(isinstance(g, str) for g in good):
        raise fail("good examples must be strings")

    code = table.get("code")
    if code is not None and not (isinstance(code, str) and re.fullmatch(r"NL5\d\d", code)):
        raise fail(f"'code' must look like NL550 (got {code!r})")
    rule = StyleRule(
        name=name,
        kind=kind,
        message=message,
        severity=severity,
        source=where,
        code=code,
        link=table.get("link"),
        scope=frozenset(scope_v),
        quotes=bool(table.get("quotes", False)),
        exceptions=tuple(exceptions),
        safe=bool(table.get("safe", False)),
        enabled=bool(table.get("enabled", True)),
        languages=tuple(languages),
        ignore_case=ignore_case,
        regex=regex,
        summary=str(table.get("summary", "")),
        why=str(table.get("why", "")),
        patterns=tuple(patterns),
        groups=tuple(groups),
        style=style,
        min_words=min_words,
        examples_good=tuple(good),
        examples_bad=tuple(bad),
        _exception_res=exception_res,
        entries=tuple(entries),
        _needles=tuple(
            _regex_needles(p) if regex else (n,) if (n := _needle(k)) is not None else None
            for (p, _t), k in zip(patterns, swap_keys if kind == "substitution" else tokens_list, strict=True)
        ),
        _group_needles=tuple(tuple(_needle(f) for f in grp) for grp in groups_raw),
    )
    if check_examples and rule.enabled:
        if not rule.examples_bad:
            raise fail("needs at least one bad example (examples.bad), so that a broken rule shows when it loads")
        check_rule_examples(rule)
    return rule


def _check_template(pat: re.Pattern[str], template: str) -> None:
    for ref in re.findall(r"\\(\d+)|\\g<(\w+)>", template):
        num, named = ref
        if num and int(num) > pat.groups:
            raise re.error(f"invalid group reference {num}")
        if named and not named.isdigit() and named not in pat.groupindex:
            raise re.error(f"unknown group name {named!r}")


def example_article(rule: StyleRule, text: str) -> Article:
    """A one-block article holding ``text`` in the rule's first scope."""
    scope = next(s for s in SCOPES if s in rule.scope)
    kind = _EXAMPLE_KIND[scope]
    quotes = find_quotes(text) if kind not in BlockKind.UNQUOTED else ()
    block = Block(kind=kind, text=text, start=0, quotes=quotes)
    return Article(path="<example>", source=text, blocks=(block,))


def apply_hits(text: str, hits: Iterable[Hit]) -> str:
    """``text`` with every replacement of ``hits`` made (hits of a one-block example article)."""
    out = text
    for h in sorted((h for h in hits if h.replacement is not None), key=lambda h: h.start, reverse=True):
        out = out[: h.start] + (h.replacement or "") + out[h.end :]
    return out


def check_rule_examples(rule: StyleRule) -> None:
    """Fail loudly when a bad example is not reported, a good one is, or a fix differs."""
    where = f"{rule.source}: rule {rule.name!r}"
    for text, fixed in rule.examples_bad:
        hits = list(rule.find(example_article(rule, text)))
        if not hits:
            raise StyleError(f"{where}: bad example {text!r} is not reported")
        if fixed is not None:
            got = apply_hits(text, hits)
            if got != fixed:
                raise StyleError(f"{where}: bad example {text!r} is fixed as {got!r}, not {fixed!r}")
    for text in rule.examples_good:
        hits = list(rule.find(example_article(rule, text)))
        if hits:
            raise StyleError(f"{where}: good example {text!r} is reported at {hits[0].match!r}")


@dataclass(frozen=True)
class Style:
    """The effective style for one configuration: every rule by name, starter ones marked."""

    rules: Mapping[str, StyleRule]
    starter: frozenset[str]

    @property
    def house_rules(self) -> list[StyleRule]:
        return [r for n, r in self.rules.items() if n not in self.starter]


@lru_cache(maxsize=1)
def starter_layers() -> tuple[Layer, ...]:
    """The shipped style files, read; kept in the cache folder (:mod:`newslint.cache`) as read,
    so a cold run neither imports the TOML reader nor parses them."""
    from newslint import cache

    files = sorted(STARTER_DIR.glob("*.toml"))
    return cache.cached(
        "style-starter", cache.stamp([*files, __file__]), lambda: tuple(read_layer(p) for p in files)
    )


@lru_cache(maxsize=1)
def starter_style() -> Style:
    """The shipped starter style, examples checked and codes validated."""
    return build_style(())


def build_style(paths: Sequence[str | Path]) -> Style:
    """Load the starter style and the house/desk files ``paths``, layered in that order."""
    starter = starter_layers()
    starter_names = {t["name"] for layer in starter for t in layer.tables}
    starter_codes: dict[str, str] = {}
    for layer in starter:
        for t in layer.tables:
            code = t.get("code")
            if not isinstance(code, str) or not re.fullmatch(r"NL5\d\d", code) or int(code[2:]) not in STARTER_CODES:
                raise StyleError(f"{layer.path}: rule {t['name']!r}: a starter rule needs a code NL550-NL589")
            if code in starter_codes.values():
                raise StyleError(f"{layer.path}: rule {t['name']!r}: code {code} is used twice")
            starter_codes[t["name"]] = code
    house = [read_layer(p) for p in paths]
    for layer in house:
        for t in layer.tables:
            code = t.get("code")
            if code is None:
                continue
            if starter_codes.get(t["name"]) != code:
                raise StyleError(
                    f"{layer.path}: rule {t['name']!r}: a house rule has no code of its own "
                    f"(it reports as {HOUSE_CODE} {HOUSE_NAME}); remove 'code'"
                )
    rules: dict[str, StyleRule] = {}
    for name, (table, first, last) in layered((*starter, *house)).items():
        where = last if first == last else f"{last} (over {first})"
        rules[name] = compile_rule(table, where)
    return Style(rules, frozenset(starter_names))


def _stamp(paths: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), -1, -1))
    return tuple(out)


def style_for(ctx: RuleContext) -> Style:
    """The effective style for the configuration in ``ctx``, cached while the files are unchanged."""
    paths = tuple(ctx.config.style)
    if not paths:
        return starter_style()
    key = ("newslint.rules.style", _stamp(paths))
    style = ctx.cache.get(key)
    if style is None:
        style = build_style(paths)
        ctx.cache[key] = style
    return style
