"""House style as data: substitution, existence, consistency and capitalisation rules in TOML.

A style file holds ``[[rule]]`` tables (see ``docs/house-style.md``). Styles are
layered: the starter style shipped in ``newslint/data/style/`` first, then the
files named by ``style = [...]`` in the configuration, in order (the house
style, then a desk's overrides). A later layer's table for a rule of the same
name is laid over the earlier one key by key (``examples.good`` and
``examples.bad`` each on its own), so a desk can write just
``name = "per-cent"`` and ``enabled = false``, or change a severity.

How the rules reach ``newslint rules``: ``newslint_add_rules`` runs before any
configuration is read, so it returns one :class:`DataRule` per rule of the
starter style (each with its own stable code, NL550-NL589) plus one
:class:`HouseStyleRule`, ``house-style`` (NL590), which runs, at check time,
every rule that the configured house and desk files add. A house file that
overrides a starter rule changes that starter rule's object, which keeps its
code. Every rule's ``examples`` are checked as it loads, so a broken rule
fails loudly, naming its file and rule.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.article import Article, Block, find_quotes
from newslint.config import ConfigError
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.manager import hookimpl
from newslint.rule import Rule, RuleContext

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    import argparse

    import pluggy

    from newslint.session import Session

#: The starter style shipped with newslint.
STARTER_DIR = Path(__file__).resolve().parent.parent / "data" / "style"

KINDS = ("substitution", "existence", "consistency", "capitalisation")
SCOPES = ("headline", "standfirst", "body", "caption")
DEFAULT_SCOPE = SCOPES

#: The code every rule added by a house or desk file reports under.
HOUSE_CODE = "NL590"
HOUSE_NAME = "house-style"
#: Codes the starter style may give its rules.
STARTER_CODES = range(550, 590)

_BLOCK_SCOPE = {
    "headline": "headline",
    "standfirst": "standfirst",
    "paragraph": "body",
    "subheading": "body",
    "blockquote": "body",
    "caption": "caption",
}
_EXAMPLE_KIND = {"headline": "headline", "standfirst": "standfirst", "body": "paragraph", "caption": "caption"}

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
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
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
    #: per pattern (and per consistency form), a lower-case word the text must hold for it to
    #: match, or None: a substring test is far cheaper than running every regex on every block
    #: the entries as the file wrote them, for the rule's documentation
    entries: tuple[str, ...] = ()
    _needles: tuple[str | None, ...] = field(default=(), repr=False)
    _group_needles: tuple[tuple[str | None, ...], ...] = field(default=(), repr=False)

    def applies_to(self, language: str) -> bool:
        return not self.languages or language in self.languages

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
            low = text.lower() if any_needle else ""
            todo = [p for p, n in zip(self.patterns, needles, strict=True) if n is None or n in low]
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
        lows = [b.text.lower() for b in blocks]
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
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise StyleError(f"{p}: cannot read style file: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise StyleError(f"{p}: style file is not UTF-8: {e}") from None
    except tomllib.TOMLDecodeError as e:
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
    """The phrase's first word in lower case: no match is possible in a text without it."""
    words = phrase.split()
    return words[0].lower() if words else None


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
            return re.compile(pattern, flags)
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
        _needles=tuple(None if regex else _needle(k) for k in (swap_keys if kind == "substitution" else tokens_list)),
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
    quotes = find_quotes(text) if kind != "caption" else ()
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
    return tuple(read_layer(p) for p in sorted(STARTER_DIR.glob("*.toml")))


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


# -- the rule objects --------------------------------------------------------------------------


def _diagnostics(rule: Rule, srule: StyleRule, article: Article, *, code: str, name: str) -> Iterator[Diagnostic]:
    for hit in srule.find(article):
        src_start, src_end = hit.block.source_span(hit.start, hit.end)
        fix = None
        suggestions: tuple[str, ...] = ()
        if hit.replacement is not None:
            suggestions = (hit.replacement,)
            # readable text: the fix engine writes it as the file's format needs ("&" as "&amp;")
            fix = Fix((Edit(src_start, src_end, hit.replacement),), srule.applicability)
        data: dict[str, Any] = {"style_rule": srule.name, "style_file": srule.source, "kind": srule.kind}
        yield Diagnostic(
            code=code,
            rule=name,
            message=srule.format_message(hit),
            severity=srule.severity,
            path=article.path,
            start=article.position(src_start),
            end=article.position(src_end),
            field=hit.block.field,
            suggestions=suggestions,
            fix=fix,
            url=srule.link or rule.url,
            data=data,
        )


class DataRule(Rule):
    """A rule of the starter house style, defined as data in ``newslint/data/style/``.

    What it does
        Reports the words, phrases or forms the rule's style entry names. A
        substitution offers its replacement, a consistency rule the form the
        article uses most, and a capitalisation rule checks headline case.

    Why it matters
        House style makes a publication read as one voice; editors, not
        programmers, keep it, so it is written as data.

    Example
        Each rule's own good and bad examples are listed by ``newslint rules``
        and in ``docs/rules/<name>.md``; they are checked whenever the rule loads.

    Options
        None in ``[rules.<name>]`` besides ``severity`` and ``enabled``; a house
        or desk style file can change any key of the rule by naming it.

    Fix safety
        Safe when the rule says ``safe = true`` (applied by ``--fix``), unsafe
        otherwise (applied only with ``--unsafe-fixes``). Words inside direct
        quotations are never matched unless the rule sets ``quotes = true``.
    """

    def __init__(self, srule: StyleRule):
        assert srule.code is not None
        self.code = srule.code  # type: ignore[misc]
        self.name = srule.name  # type: ignore[misc]
        self.summary = srule.summary or _summary(srule)  # type: ignore[misc]
        self.default_severity = srule.severity  # type: ignore[misc]
        self.default_enabled = srule.enabled  # type: ignore[misc]
        self.starter = srule

    @property
    def doc(self) -> str:
        return rule_doc(self.starter)

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        srule = style_for(ctx).rules.get(self.name, self.starter)
        if not srule.enabled or not srule.applies_to(ctx.language):
            return
        yield from _diagnostics(self, srule, article, code=self.code, name=self.name)


class HouseStyleRule(Rule):
    """The rules a house or desk style file adds to the starter style.

    What it does
        Runs every rule defined in the files named by ``style = [...]`` in the
        configuration that is not a starter rule: substitutions, words to avoid,
        forms to keep consistent and headline case, as the house wrote them.
        Each finding carries the house rule's message, severity and link; its
        ``data`` names the house rule (``style_rule``) and file (``style_file``).

    Why it matters
        A newsroom's style guide grows with every correction; writing it as data
        lets the editors who own it add a rule without a programmer, and
        ``newslint audit --rule NAME`` shows how often a new rule would fire on
        the archive before it is switched on.

    Example
        A house file with ``[[rule]]`` ``name = "mumbai"``, ``kind = "substitution"``,
        ``swap = { Bombay = "Mumbai" }`` reports "Use "Mumbai" not "Bombay"" in
        "Flights to Bombay resumed".

    Options
        None here; each house rule is switched off in a later (desk) file with
        ``enabled = false``, and ``ignore = ["house-style"]`` turns them all off.

    Fix safety
        As each house rule says with ``safe = true``; unsafe otherwise. Words
        inside direct quotations are never matched unless a rule sets ``quotes = true``.
    """

    code = HOUSE_CODE
    name = HOUSE_NAME
    summary = "Rules added by the house and desk style files named in the configuration"

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        if not ctx.config.style:
            return
        for srule in style_for(ctx).house_rules:
            if srule.enabled and srule.applies_to(ctx.language):
                yield from _diagnostics(self, srule, article, code=self.code, name=self.name)


def _summary(srule: StyleRule) -> str:
    return f"House style: {srule.name.replace('-', ' ')} ({srule.kind})"


def rule_doc(srule: StyleRule) -> str:
    """The user documentation of a data rule, in the fixed sections, built from its data."""
    bad = "\n".join(f"    Bad:  {t}" + (f"\n    Fix:  {f}" if f else "") for t, f in srule.examples_bad)
    good = "\n".join(f"    Good: {t}" for t in srule.examples_good)
    scope = ", ".join(s for s in SCOPES if s in srule.scope)
    fix = (
        "No fix: an editor rewrites the words."
        if srule.kind in ("existence",) or (srule.kind == "capitalisation" and srule.style == "sentence")
        else ("Safe: applied by --fix." if srule.safe else "Unsafe: applied only with --unsafe-fixes.")
    )
    return "\n".join([
        srule.summary or _summary(srule),
        "",
        "What it does",
        f"    A {srule.kind} rule of the starter house style. Message: {srule.message}",
        *([f"    Entries{' (regular expressions)' if srule.regex else ''}: " + "; ".join(srule.entries)]
          if srule.entries else []),
        *([f"    Headline case: {srule.style} (at least {srule.min_words} long words decide)"]
          if srule.kind == "capitalisation" else []),
        *([f"    Exceptions: {'; '.join(srule.exceptions)}"] if srule.exceptions else []),
        *([f"    Languages: {', '.join(srule.languages)}"] if srule.languages else []),
        f"    Scope: {scope}; quotations {'included' if srule.quotes else 'excluded'}.",
        "",
        "Why it matters",
        f"    {srule.why or 'House style makes a publication read as one voice.'}",
        *(["    Style guide: " + srule.link] if srule.link else []),
        "",
        "Example",
        bad or "    (none)",
        good,
        "",
        "Options",
        "    None besides severity and enabled; a house or desk style file may change any key.",
        "",
        "Fix safety",
        f"    {fix}",
    ])


# -- hooks -----------------------------------------------------------------------------------


@hookimpl
def newslint_add_rules() -> list[Rule]:
    style = starter_style()
    rules: list[Rule] = [DataRule(r) for r in style.rules.values()]
    rules.append(HouseStyleRule())
    return rules


@hookimpl
def newslint_session_start(session: Session) -> None:
    """Load the configured style files before the first article, so a broken one stops the run."""
    if session.config.style:
        build_style(session.config.style)


@hookimpl
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "audit",
        help="measure how often rules fire on an archive",
        description=(
            "Run rules on an archive of published articles and print how often each fires "
            "per 1,000 words, with sample hits, so a house can judge a rule's false-alarm "
            "rate before switching it on. A rule is a name or code of any rule, or the name "
            "of a rule in a house style file."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of articles")
    p.add_argument("--rule", action="append", required=True, metavar="NAME",
                   help="a rule name, code or code prefix (repeatable; ALL for every rule)")
    p.add_argument("--style", action="append", default=[], metavar="FILE",
                   help="a house style file to read besides the configured ones (repeatable)")
    p.add_argument("--samples", type=int, default=10, metavar="N", help="sample hits to show per rule (default 10)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    try:
        from newslint.commands import add_plugin_options
    except ImportError:  # the built-in commands plugin is absent: keep the essentials
        p.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")
    else:
        add_plugin_options(p)  # --config, --no-autoload, --disable-plugin, as `check` has them
    p.set_defaults(func=run_audit)


def _context(block: Block, start: int, end: int, width: int = 40) -> str:
    """The words around a hit on one line, the hit marked with brackets."""
    text = block.text
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    lead = "..." if start > width else ""
    tail = "..." if end + width < len(text) else ""
    snippet = f"{lead}{left}[{text[start:end]}]{right}{tail}"
    return " ".join(snippet.split())


def _spread(items: Sequence[Any], n: int) -> list[Any]:
    """``n`` items spread evenly over ``items`` (deterministic), so samples span the archive."""
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def run_audit(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    """``newslint audit``: how often rules fire on an archive, with sample hits."""
    import json
    from dataclasses import replace

    from newslint.config import ConfigResolver
    from newslint.rule import matches
    from newslint.session import PROCESS_CACHE, Session, UsageError
    from newslint.source import UnreadableFile, read_source

    resolver = ConfigResolver(explicit=Path(args.config) if args.config else None)
    session = Session(resolver=resolver, manager=manager, jobs=1)
    extra = tuple(Path(s) for s in args.style)
    for p in extra:
        if not p.is_file():
            raise UsageError(f"file not found: {p}")
    run_cfg = replace(session.config, style=session.config.style + extra)
    house = build_style(run_cfg.style).house_rules if run_cfg.style else []
    targets: list[tuple[str, str, Rule | StyleRule]] = []
    for sel in (s for v in args.rule for s in v.replace(" ", ",").split(",") if s):
        found: list[tuple[str, str, Rule | StyleRule]] = [
            (r.code, r.name, r) for r in session.rules if matches(r, sel)
        ]
        found += [(HOUSE_CODE, h.name, h) for h in house if h.name == sel]
        if not found:
            raise UsageError(f"--rule {sel!r} names no known rule or house style rule")
        targets += [t for t in found if t not in targets]

    files = session.expand(args.paths)
    hits: dict[str, list[tuple[Diagnostic, str]]] = {t[1]: [] for t in targets}
    articles_hit: dict[str, set[str]] = {t[1]: set() for t in targets}
    words = 0
    articles: list[Article] = []
    unreadable = 0
    batch_ctx = None
    for path in files:
        try:
            with open(path, "rb") as f:
                decoded = read_source(path, f.read())
        except (OSError, UnreadableFile):
            unreadable += 1
            continue
        cfg = resolver.for_path(path)
        cfg = replace(cfg, style=cfg.style + extra)
        try:
            article = session.load(path, decoded.text, cfg)
        except ValueError:  # not an article (e.g. JSON of another shape): count it and go on
            unreadable += 1
            continue
        words += article.word_count
        for _code, name, target in targets:
            if isinstance(target, StyleRule):
                if not target.applies_to(cfg.language):
                    continue
                found_d = list(_diagnostics(HouseStyleRule(), target, article, code=HOUSE_CODE, name=name))
            else:
                ctx = RuleContext(config=cfg, options=cfg.rule_options(target), cache=PROCESS_CACHE)
                if isinstance(target, DataRule):
                    # audit a starter rule as the house has it, even where the house switched it off
                    srule = style_for(ctx).rules.get(target.name, target.starter)
                    if not srule.applies_to(cfg.language):
                        continue
                    found_d = list(_diagnostics(target, srule, article, code=target.code, name=name))
                else:
                    found_d = list(target.check(article, ctx))
            for d in found_d:
                hits[name].append((d, _diag_context(article, d)))
                articles_hit[name].add(path)
        if any(isinstance(t[2], Rule) and t[2].has_batch for t in targets):
            articles.append(article)
        batch_ctx = cfg
    for _code, name, target in targets:
        if isinstance(target, Rule) and target.has_batch and articles and batch_ctx is not None:
            ctx = RuleContext(config=batch_ctx, options=batch_ctx.rule_options(target), cache=PROCESS_CACHE)
            by_path = {a.path: a for a in articles}
            for d in target.check_batch(articles, ctx):
                hits[name].append((d, _diag_context(by_path.get(d.path), d)))
                articles_hit[name].add(d.path)

    n_articles = len(files) - unreadable
    per = (lambda n: 1000 * n / words) if words else (lambda n: 0.0)
    if args.format == "json":
        out = {
            "files": len(files),
            "articles": n_articles,
            "words": words,
            "rules": [
                {
                    "code": code,
                    "name": name,
                    "hits": len(hits[name]),
                    "per_1000_words": round(per(len(hits[name])), 3),
                    "articles_hit": len(articles_hit[name]),
                    "samples": [
                        {**d.to_dict(), "context": c} for d, c in _spread(hits[name], args.samples)
                    ],
                }
                for code, name, _t in targets
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    skipped = f" ({unreadable} unreadable)" if unreadable else ""
    print(f"{_count(n_articles, 'article')}, {_count(words, 'word')}{skipped}")
    total = 0
    for code, name, _t in targets:
        n = len(hits[name])
        total += n
        print(
            f"{code} {name}: {_count(n, 'hit')}, {per(n):.3f} per 1,000 words, "
            f"in {_count(len(articles_hit[name]), 'article')}"
        )
        for d, c in _spread(hits[name], args.samples):
            print(f"    {d.path}:{d.start.line}:{d.start.column}: {c}  -- {d.message}")
    if len(targets) > 1:
        print(f"all {len(targets)} rules: {_count(total, 'hit')}, {per(total):.3f} per 1,000 words")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _diag_context(article: Article | None, d: Diagnostic) -> str:
    if article is None:
        return ""
    for b in article.blocks:
        if b.start <= d.start.offset <= b.end:
            # block-relative offsets (exact for plain text; close enough for a sample elsewhere)
            s = d.start.offset - b.start
            e = max(s, min(len(b.text), d.end.offset - b.start))
            return _context(b, s, e)
    line = article.line_text(d.start.line)
    return " ".join(line.split())[:100]
