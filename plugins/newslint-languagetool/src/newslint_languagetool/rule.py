"""The ``grammar`` rule (NL401): LanguageTool's matches as newslint diagnostics."""

from __future__ import annotations

import dataclasses
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import newslint
from newslint_languagetool import presets
from newslint_languagetool.client import (
    CheckResult,
    LanguageToolError,
    RateLimited,
    ServerFailure,
    Unreachable,
    utf16_len,
    utf16_to_index,
)
from newslint_languagetool.runtime import RUNTIME, Backend, Runtime
from newslint_languagetool.settings import (
    ENV_NAMES,
    OPTIONS,
    SPELLING_RULE_IDS,
    Settings,
    SettingsError,
)
from newslint_languagetool.store import key_for

if TYPE_CHECKING:
    from newslint import Article, Block, Config, Diagnostic, RuleContext

#: LanguageTool categories (and issue types) that are matters of style, not correctness:
#: reported as info, and not applied to the words inside direct quotations.
STYLE_CATEGORIES = frozenset(
    {
        "STYLE",
        "REDUNDANCY",
        "PLAIN_ENGLISH",
        "REPETITIONS_STYLE",
        "GENDER_NEUTRALITY",
        "TYPOGRAPHY",
        "REGIONALISMS",
        "COLLOQUIALISMS",
        "WIKIPEDIA",
        "MISC_STYLE",
    }
)
STYLE_ISSUE_TYPES = frozenset({"style", "register", "locale-violation"})

#: Blocks of one request are joined by a blank line, a paragraph break to LanguageTool,
#: so no match spans two blocks.
SEPARATOR = "\n\n"
#: Longest covered text quoted in a message (style matches can span a sentence).
MAX_QUOTED = 50
#: Suggestions kept per match: LanguageTool may list dozens.
MAX_SUGGESTIONS = 5
#: A 429 asking to wait longer than this ends grammar checking for the run.
MAX_RETRY_WAIT = 10.0
#: Consecutive server errors after which the server is given up for the run.
MAX_FAILURES = 3

_SUGGESTION_TAG = re.compile(r"</?suggestion>")


@dataclass(frozen=True)
class Match:
    """One LanguageTool match, in Python indices relative to its block's text."""

    start: int
    end: int
    message: str
    short_message: str
    replacements: tuple[str, ...]
    rule_id: str
    sub_id: str | None
    description: str
    category: str
    category_name: str
    issue_type: str

    @property
    def is_style(self) -> bool:
        return self.category in STYLE_CATEGORIES or self.issue_type in STYLE_ISSUE_TYPES

    @property
    def is_spelling(self) -> bool:
        """A spell checker's match (by rule id: LanguageTool also calls "Its a shame" a misspelling)."""
        return self.rule_id in SPELLING_RULE_IDS or self.rule_id.startswith(("MORFOLOGIK_RULE_", "HUNSPELL"))


def parse_match(m: Mapping[str, Any], to_index: Any, base: int, limit: int) -> Match | None:
    """A :class:`Match` from one element of ``matches``; offsets made relative to ``base``.

    ``to_index`` maps UTF-16 offsets of the request text to Python indices;
    ``limit`` is the block's length. Returns None for a match outside the block.
    """
    try:
        off, length = int(m["offset"]), int(m["length"])
    except (KeyError, TypeError, ValueError):
        return None
    start = to_index(off) - base
    end = to_index(off + length) - base
    if start < 0 or end > limit or end < start:
        return None
    rule = m.get("rule") or {}
    cat = rule.get("category") or {}
    return Match(
        start=start,
        end=end,
        message=str(m.get("message") or rule.get("description") or "Possible grammar problem"),
        short_message=str(m.get("shortMessage") or ""),
        replacements=tuple(
            str(r["value"]) for r in (m.get("replacements") or ()) if isinstance(r, dict) and "value" in r
        ),
        rule_id=str(rule.get("id") or ""),
        sub_id=str(rule["subId"]) if rule.get("subId") is not None else None,
        description=str(rule.get("description") or ""),
        category=str(cat.get("id") or ""),
        category_name=str(cat.get("name") or ""),
        issue_type=str(rule.get("issueType") or ""),
    )


def tidy_message(message: str) -> str:
    """LanguageTool's message in newslint's style: straight quotes, one line, no final full stop."""
    text = _SUGGESTION_TAG.sub('"', message)
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = " ".join(text.split())
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


class GrammarRule(newslint.Rule):
    """See [Grammar with LanguageTool](../languagetool.md) for how to run a server. Grammar, typo,
    punctuation and other correctness categories are reported at **warning**, style categories at
    **info**. On by default once the plugin is installed; with no LanguageTool reachable it reports
    nothing and the run prints one notice.

    What it does
        Sends the article's headline, standfirst, paragraphs, subheadings, blockquotes and caption
        text to a LanguageTool server and turns each match into a diagnostic:

        - **where**: LanguageTool's `offset` and `length` (Java string offsets, that is UTF-16 code
          units, so an emoji counts twice) are mapped to the block's characters and, through the
          article model, to the line and column in the original file, so captions, HTML entities
          and inline tags map back exactly;
        - **message**: LanguageTool's message, with the covered words quoted in front, its
          `<suggestion>` tags turned into straight quotes and its final full stop dropped:
          `"less": Did you mean "fewer"? ...`;
        - **suggestions**: LanguageTool's replacements, best first (at most five);
        - **`data`**: `rule_id` (LanguageTool's rule id), `sub_id`
          when there is one, `category` (`GRAMMAR`, `TYPOS`, `STYLE`, ...), `category_name`,
          `issue_type`, `message` (LanguageTool's own text) and `language`;
        - **severity**: `info` for the style categories (`STYLE`, `REDUNDANCY`, `PLAIN_ENGLISH`,
          `REPETITIONS_STYLE`, `GENDER_NEUTRALITY`, `TYPOGRAPHY`, `REGIONALISMS`,
          `COLLOQUIALISMS`, `WIKIPEDIA`, and issue types `style`, `register`, `locale-violation`),
          `warning` for everything else. `severity` in the rule's table overrides both.

        Photo credits, bylines and boilerplate are not sent. Words inside direct quotations are
        sent (a quoted "less people" is still reported) but style matches inside them are dropped:
        a quotation is what was said, and house style does not rewrite it. LanguageTool's own
        spelling rules (`MORFOLOGIK_RULE_EN_GB` and friends, issue type `misspelling`) are turned
        off: the [spelling](spelling.md) rule owns spelling, with the house dictionary. So are the
        LanguageTool rules whose findings newslint's own rules already report, so that one slip is
        not reported twice: `ENGLISH_WORD_REPEAT_RULE` ([doubled-word](doubled-word.md)),
        `EN_UNPAIRED_BRACKETS` and `EN_UNPAIRED_QUOTES` ([unbalanced-quotes](unbalanced-quotes.md),
        [unbalanced-brackets](unbalanced-brackets.md)).
        List any of them in `enabled-rules` to have them back.

        All blocks of an article go in one request (blocks joined by a blank line, which
        LanguageTool treats as a paragraph break, so no match spans two blocks), split only at the
        server's size limit; never one request per sentence. Results are cached per block by text
        and settings, so an article re-checked after an edit sends only the changed paragraphs.

    Why it matters
        Agreement errors, doubled words, "less" for "fewer" and confused words survive spell
        checkers and tired subeditors. They are the errors readers write in about. The first
        business story of the BBC corpus has two: "AOL, had has mixed fortunes" and "less users".

    Example
        ```text
        Ad sales boost Time Warner profit

        The firm now has less users than a year ago.
        ```

        ```text
        story.txt:3:18: warning NL401 [grammar] "less": Did you mean "fewer"? The noun "users" is countable
          suggestion: "fewer"
        ```

        (The wording, rule ids and suggestions are LanguageTool's and change with its version.)

    Options
        Set in `[tool.newslint.rules.grammar]` (kebab or snake case). Environment variables win
        over the file, so CI can point every checkout at its own server.

        Language: newslint's `en` ("either spelling") is sent as LanguageTool's variant-neutral
        `en`, so neither British nor American spellings are reported as regional; `en-GB` and
        `en-US` are sent as they are.

        ```toml
        [tool.newslint.rules.grammar]
        server-url = "http://languagetool.newsroom.internal:8010"
        disabled-categories = ["TYPOGRAPHY"]
        disabled-rules = ["EN_QUOTES"]
        ```

    Fix safety
        A match with a single replacement carries it as an **unsafe** fix (`--fix --unsafe-fixes`
        applies it): grammar suggestions change meaning often enough to need a human. Several
        replacements are **display-only** suggestions.

    See also
        [confused-words](confused-words.md) (NL410), [missing-to](missing-to.md) (NL411),
        [subject-verb-agreement](subject-verb-agreement.md) (NL412) and [missing-article](missing-article.md)
        (NL413): built-in checks, with no LanguageTool needed, for slips LanguageTool's open rules pass
        ("loosing", "who's parents", "is expected be", "it were", "at start of"). The plugin's README
        gives the planted-slip recall of both together.
    """

    code = "NL401"
    name = "grammar"
    summary = "Grammar and usage errors found by LanguageTool"
    default_severity = newslint.Severity.WARNING
    options = OPTIONS
    audit_by = "rule_id"  # newslint audit --rule grammar: hits per LanguageTool rule
    # where the copy goes, and a folder outside the project: the run's own say-so only
    run_only_options = frozenset({"server_url", "local_server", "public_api", "cache_dir"})

    def __init__(self, runtime: Runtime | None = None):
        self.runtime = runtime if runtime is not None else RUNTIME
        self._settings: dict[Any, Settings] = {}

    # -- settings ------------------------------------------------------------------------

    def settings(self, ctx: RuleContext) -> Settings:
        """The settings for ``ctx`` (options, environment, language), memoised per process."""
        env = tuple(os.environ.get(name) for name in ENV_NAMES)
        root = ctx.config.root
        key = (ctx.language, repr(sorted(ctx.options.items())), env, root)
        found = self._settings.get(key)
        if found is None:
            try:
                found = Settings.from_options(ctx.options, ctx.language, root=root)
            except SettingsError as e:
                raise newslint.ConfigError(f"[rules.grammar]: {e}") from None
            if len(self._settings) > 64:  # per-path overrides make a few variants, not many
                self._settings.clear()
            self._settings[key] = found
        return found

    def unavailable(self, config: Config) -> str | None:
        """Why grammar cannot run under ``config``: no LanguageTool configured (nothing is run to tell)."""
        ctx = newslint.RuleContext(config=config, options=config.rule_options(self))
        try:
            settings = self.settings(ctx)
        except newslint.ConfigError:
            return None  # the run reports a bad option when it checks
        return self.runtime.unconfigured(settings.connection)

    def backend(self, settings: Settings) -> Backend | None:
        """The server to ask, or None: nothing reachable, or given up for this run."""
        b = self.runtime.resolve(settings.connection, settings.language).backend
        return None if b is None or b.dead else b

    # -- checking ------------------------------------------------------------------------

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        settings = self.settings(ctx)
        backend = self.backend(settings)
        if backend is None:
            return ()  # decided once per process; the run's header said why
        severity_override = _configured_severity(ctx)
        out: list[Diagnostic] = []
        for block, matches in self.block_matches(article, settings, backend):
            for m in matches:
                d = self.to_diagnostic(article, block, m, settings, severity_override)
                if d is not None:
                    out.append(d)
        return out

    def blocks(self, article: Article, settings: Settings) -> list[tuple[Block, str]]:
        """The blocks to check with the text to send for each (captions without their credit)."""
        out = []
        for b in article.blocks:
            if b.kind not in settings.blocks:
                continue
            text = b.text[: b.credit[0]].rstrip() if b.kind == "caption" and b.credit else b.text
            if text.strip():
                out.append((b, text))
        return out

    def block_matches(
        self, article: Article, settings: Settings, backend: Backend
    ) -> Iterator[tuple[Block, Sequence[Match]]]:
        """Each checked block with its matches: from the cache, else from batched requests."""
        key = settings.cache_key
        cache = self.runtime.cache
        disk = self.runtime.disk(settings.cache_dir) if settings.cache_dir else None
        todo: list[tuple[Block, str]] = []
        for block, text in self.blocks(article, settings):
            hit = cache.get((key, text))
            if hit is None and disk is not None:
                stored = disk.get(key_for(key, text))
                if stored is not None:
                    hit = self._remember(cache, (key, text), _matches_from(stored))
            if hit is not None:
                yield block, hit
            else:
                todo.append((block, text))
        if disk is not None and disk.error:
            self.runtime.warn_once(f"disk:{disk.path}", f"newslint-languagetool: cache turned off: {disk.error}")
        for batch in _batches(todo, backend.max_request_chars):
            answer = self._request(batch, settings, backend)
            if answer is None:
                return  # the server failed; the warning has been logged
            results, complete = answer
            for (block, text), matches in zip(batch, results, strict=True):
                if complete:  # a partial answer is not the answer for this text
                    self._remember(cache, (key, text), matches)
                    if disk is not None:
                        disk.put(key_for(key, text), [dataclasses.asdict(m) for m in matches])
                yield block, matches

    def _remember(self, cache: dict[Any, Any], key: Any, matches: tuple[Match, ...]) -> tuple[Match, ...]:
        if len(cache) >= self.runtime.cache_size:
            cache.pop(next(iter(cache)))  # oldest first: dicts keep insertion order
        cache[key] = matches
        return matches

    def _request(
        self, batch: Sequence[tuple[Block, str]], settings: Settings, backend: Backend
    ) -> tuple[list[tuple[Match, ...]], bool] | None:
        """The matches of each block of ``batch``, and whether the answer was complete.

        None when the server failed. An answer is incomplete when LanguageTool
        stopped at its time limit; it is then not cached.
        """
        texts = [t for _, t in batch]
        joined = SEPARATOR.join(texts)
        try:
            answer = self._send(joined, settings, backend)
        except ServerFailure as e:
            if e.status == 413 and len(batch) > 1:  # too long for this server: one block a request
                out: list[tuple[Match, ...]] = []
                complete = True
                for item in batch:
                    r = self._request([item], settings, backend)
                    if r is None:
                        return None
                    out.extend(r[0])
                    complete = complete and r[1]
                return out, complete
            self._failed(backend, e, fatal=False)
            return None
        except Unreachable as e:
            if not backend.revive():  # a local server that died is started again, once a failure
                self._failed(backend, e, fatal=True)
                return None
            self.runtime.warn_once(
                f"restart:{backend.url}", f"newslint-languagetool: {e}; the local LanguageTool was restarted"
            )
            return self._request(batch, settings, backend)
        except LanguageToolError as e:
            self._failed(backend, e, fatal=True)
            return None
        backend.failures = 0
        to_index = utf16_to_index(joined)
        results: list[list[Match]] = [[] for _ in batch]
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + len(SEPARATOR)
        if answer.incomplete:
            self.runtime.warn_once(
                f"incomplete:{backend.url}",
                f"newslint-languagetool: LanguageTool at {backend.url} hit its time limit and checked only part "
                "of some articles (raise maxCheckTimeMillis on the server)",
            )
        for raw_match in answer.matches:
            if not isinstance(raw_match, dict):
                continue
            try:
                at = to_index(int(raw_match.get("offset", -1)))
            except (TypeError, ValueError):
                continue
            i = _block_at(starts, at)
            m = parse_match(raw_match, to_index, starts[i], len(texts[i]))
            if m is not None:
                results[i].append(m)
        return [tuple(r) for r in results], not answer.incomplete

    def _send(self, text: str, settings: Settings, backend: Backend) -> CheckResult:
        try:
            return backend.client.check(text, settings.params())
        except RateLimited as e:
            # one polite retry when the server says "soon"; otherwise stop asking this run
            if e.retry_after is not None and e.retry_after <= min(MAX_RETRY_WAIT, backend.client.timeout):
                time.sleep(e.retry_after)
                return backend.client.check(text, settings.params())
            raise

    def _failed(self, backend: Backend, e: LanguageToolError, *, fatal: bool) -> None:
        backend.failures += 1
        if fatal or isinstance(e, RateLimited) or backend.failures >= MAX_FAILURES:
            backend.dead = str(e)
            self.runtime.warn_once(
                f"dead:{backend.url}",
                f"newslint-languagetool: {e}; grammar (NL401) is not checked for the rest of this run",
            )
        else:
            self.runtime.warn_once(
                f"fail:{backend.url}",
                f"newslint-languagetool: {e}; some blocks were not checked for grammar (NL401)",
            )

    # -- diagnostics ---------------------------------------------------------------------

    def to_diagnostic(
        self,
        article: Article,
        block: Block,
        m: Match,
        settings: Settings,
        severity: newslint.Severity | None = None,
    ) -> Diagnostic | None:
        """The diagnostic for one match, or None when settings filter it out."""
        if m.is_spelling and not settings.spelling:
            return None
        if not settings.selection.keeps(m.rule_id, m.category):
            return None  # the preset's choice (LanguageTool ran the rule anyway, or a newer one)
        headline = block.kind == newslint.BlockKind.HEADLINE
        if presets.misreads(settings.preset, m.rule_id, m.category, block.text, m.start, m.end, headline):
            return None
        if (m.is_style or m.category == "GRAMMAR") and not settings.check_quotes and _overlaps(
            block.quotes, m.start, m.end
        ):
            # a quotation is what was said: its grammar and style are the speaker's; a confused
            # word or a typo ("Its a shame") is the transcription's, and is still reported
            return None
        covered = block.text[m.start : m.end]
        message = tidy_message(m.message)
        shown = " ".join(covered.split())
        if shown:
            if len(shown) > MAX_QUOTED:
                shown = shown[: MAX_QUOTED - 3].rsplit(" ", 1)[0] + "..."  # cut between words
            message = f'"{shown}": {message}'
        suggestions = tuple(dict.fromkeys(r for r in m.replacements if r != covered))[:MAX_SUGGESTIONS]
        applicability = None
        if len(suggestions) == 1:
            applicability = newslint.Applicability.UNSAFE
        elif suggestions:
            applicability = newslint.Applicability.DISPLAY_ONLY
        data: dict[str, Any] = {
            "rule_id": m.rule_id,
            "category": m.category,
            "category_name": m.category_name,
            "issue_type": m.issue_type,
            "message": m.message,
            "language": settings.language,
        }
        if m.sub_id:
            data["sub_id"] = m.sub_id
        if m.short_message:
            data["short_message"] = m.short_message
        return self.diagnostic(
            article,
            block,
            m.start,
            max(m.end, m.start + 1) if m.start < len(block.text) else m.end,
            message,
            suggestions=suggestions,
            applicability=applicability,
            severity=severity or severity_for(m),
            data=data,
        )


def _matches_from(stored: list[dict[str, Any]]) -> tuple[Match, ...]:
    return tuple(Match(**{**d, "replacements": tuple(d["replacements"])}) for d in stored)


def severity_for(m: Match) -> newslint.Severity:
    """Style categories are info; grammar, typos, punctuation and the rest are warnings."""
    return newslint.Severity.INFO if m.is_style else newslint.Severity.WARNING


def _configured_severity(ctx: RuleContext) -> newslint.Severity | None:
    sev = (ctx.config.rules.get("grammar") or {}).get("severity")
    return newslint.Severity(sev) if sev else None


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < max(end, start + 1) and start < e for s, e in spans)


def _block_at(starts: Sequence[int], at: int) -> int:
    i = 0
    for k, s in enumerate(starts):
        if s <= at:
            i = k
        else:
            break
    return i


def _batches(items: Sequence[tuple[Block, str]], limit: int) -> Iterator[list[tuple[Block, str]]]:
    """Group blocks into requests of at most ``limit`` UTF-16 units (a longer block goes alone)."""
    batch: list[tuple[Block, str]] = []
    size = 0
    for item in items:
        n = utf16_len(item[1]) + len(SEPARATOR)
        if batch and size + n > limit:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch
