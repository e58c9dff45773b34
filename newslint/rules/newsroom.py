"""Starter newsroom checks written in code, where a style file cannot express them.

Doubled words, placeholders left in copy, unbalanced quotation marks and
brackets, copyright or agency boilerplate that leaked into the body, and a
weekday that contradicts the date beside it. Each is tuned to be quiet on
published copy: a check that cries wolf is a check editors stop reading.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newslint.article import BlockKind, straight_quote_role
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.hookspecs import hookimpl
from newslint.regex import compile_re
from newslint.rule import Rule, RuleContext
from newslint.spelling.lexicon import base_lexicon

if TYPE_CHECKING:
    from newslint.article import Article, Block

# bound once: an Enum class's attributes are slow to read, and these are asked once a block
_COPY, _RUNNING = BlockKind.COPY, BlockKind.RUNNING



def _copy_blocks(article: Article) -> Iterator[Block]:
    return (b for b in article.blocks if b.kind in _COPY)


def _caption_words(block: Block) -> int:
    """Where a caption's own words end: its credit is the agency's, not ours."""
    return block.credit[0] if block.credit is not None else len(block.text)


# -- NL501 doubled-word ------------------------------------------------------------------------

_DOUBLED = compile_re(
    r"(?<![\w'\u2019-])([^\W\d_]++)((?:[ \t]+(?:\r\n|\r|\n)?|\r\n|\r|\n)[ \t]*)(\1)(?![\w'\u2019-])", re.IGNORECASE
)

#: Words that may stand twice in good English ("what it is is", "he had had enough").
_LEGIT_DOUBLES = frozenset(
    "had that is do very bye knock ha no yeah so tut chop now there well far more many long "
    "round again over on pom tom hush boo bla blah dum la".split()
)
#: Doubling these is never grammatical, so deleting one is a safe fix.
_SAFE_DELETE = frozenset("the a an of to in on at for with by from as into than".split())
#: Prepositions a clause may end on ("the ditch they are in", "the moment I've been waiting
#: for"): the next phrase may open with the same one ("... in in Alabama", "... for for years").
_STRANDED = frozenset("in on at for with from about into by over under through after before".split())
#: The relative clause a clause-final preposition ends: a noun, a pronoun subject and its verb
#: ("the ditch they are in", "the moment I've been waiting for", "a situation that we've been
#: placed in"); "He lived in in Leeds" has no noun before its subject
_RELATIVE_CLAUSE = compile_re(
    r"\b[a-z][^\W\d_]*[ \t]+(?:(?:that|which|who)[ \t]+)?(?:I|we|you|he|she|they|it)"
    r"(?:['\u2019](?:ve|re|s|d|m|ll))?(?:[ \t]+[a-z][^\W\d_]*){1,3}[ \t]+$"
)
#: What opens a phrase of time or place after the second preposition: a number, a capital
#: (Alabama, March, Monday), or a time word, after a determiner or not ("the past", "years").
_PHRASE_OF_TIME_OR_PLACE = compile_re(
    r"[ \t]+(?:\d|[A-Z]|(?:(?:the|this|that|these|those|recent|last|next|past|coming|a|an|some|many|"
    r"several|few|two|three|four|five|ten)[ \t]+)?(?:years?|months?|weeks?|days?|hours?|minutes?|"
    r"decades?|centuries|century|ages|times?|past|future|summer|winter|spring|autumn|morning|"
    r"afternoon|evening|night|weekend|season|period|meantime|end|beginning|start)\b)"
)
#: Inside a quotation a speaker may repeat a word ("really really"); only these are slips there.
_SLIPS_IN_QUOTES = _SAFE_DELETE | frozenset(
    "and or but will would could should can is are was were be been have has it he she they we "
    "you my your their our his her its this about".split()
)


class DoubledWord(Rule):
    """What it does
        Reports a word repeated with only a space (or a line break) between,
        such as "the the" or "to to". Repeats that are good English ("had had",
        "that that", "is is"), names written twice ("Bora Bora", "Duran
        Duran": the second word is capitalised) and reduplications of words
        English lacks ("a bunga bunga party") are left alone, and so is a
        preposition that ends a relative clause before the same one opens a
        phrase of time or place ("the ditch they are in in Alabama", "the
        moment I've been waiting for for years", "a situation that we've been
        placed in in the past"); "1-0 in in Palermo", "He lived in in Leeds"
        and "talking about about their goal" are reported.

    Why it matters
        The eye skips a doubled word, so it survives several reads and is
        the commonest typing slip in published copy.

    Example
        "talks on the the peninsula" gives `"the the" repeats a word`.

    Options
        None.

    Fix safety
        Deleting the second word is safe for articles and prepositions ("the
        the", "of of"), which never stand twice; for other words it is
        unsafe, because the slip may be a wrong word rather than an extra one.
        Never applied inside a direct quotation.
    """

    code = "NL501"
    name = "doubled-word"
    summary = 'A word typed twice in a row ("the the")'
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block in _copy_blocks(article):
            limit = _caption_words(block)
            for m in _DOUBLED.finditer(block.text, 0, limit):
                first, second = m.group(1), m.group(3)
                low = first.lower()
                if low in _LEGIT_DOUBLES or len(first) == 1 and low not in ("a",):
                    continue
                if second[0].isupper():  # a name or title said twice, or a new sentence
                    continue
                if low not in _SLIPS_IN_QUOTES and block.in_quote(m.start()):
                    continue
                if low in _STRANDED and _stranded(block.text, m.start(1), m.end(3)):
                    continue  # "the ditch they are in in Alabama", "waiting for for years"
                if low not in _SAFE_DELETE and low not in base_lexicon(ctx.cache).freq:
                    continue  # no English word: a reduplication ("bunga bunga", "wiki wiki"), not a slip
                start = m.start(2)
                end = m.end(3)
                safe = low in _SAFE_DELETE
                yield self._diag(article, block, m.start(1), end, start, f'"{first} {second}" repeats a word', safe)

    def _diag(
        self, article: Article, block: Block, start: int, end: int, cut: int, message: str, safe: bool
    ) -> Diagnostic:
        d = self.diagnostic(article, block, start, end, message)
        cut_start, cut_end = block.source_span(cut, end)
        keep = block.text[start:cut]
        fix = Fix(
            (Edit(cut_start, cut_end, ""),),
            Applicability.SAFE if safe else Applicability.UNSAFE,
            message=f'Delete the second "{keep}"',
        )
        return replace(d, suggestions=(keep,), fix=fix)


def _stranded(text: str, start: int, end: int) -> bool:
    """Is the first of a doubled preposition the end of a clause, the second the start of the next?

    "The ditch they are in in Alabama", "the moment I've been waiting for for years": a
    relative clause before, a phrase of time or place after. "1-0 in in Palermo", "He lived
    in in Leeds" and "the club they were talking about about their goal" are slips.
    """
    return (
        _RELATIVE_CLAUSE.search(text, max(0, start - 60), start) is not None
        and _PHRASE_OF_TIME_OR_PLACE.match(text, end) is not None
    )


# -- NL502 placeholder --------------------------------------------------------------------------

_BRACKET_NOTES = (
    r"CHECK|FACT[- ]?CHECK|TK|TKTK|TBC|TBA|TO COME|LINK|INSERT|FILL(?: IN)?|FIXME|TODO|CONFIRM|VERIFY|"
    r"PIC|PHOTO|CAPTION|QUOTE|REF|HED|DEK|NEEDS? \w+|ADD \w+|\?+"
)
_PLACEHOLDER = compile_re(
    rf"""
      \[\s*(?:{_BRACKET_NOTES})\b[^\]\n]*\]              # [CHECK], [TK], [TBC], [link to come]
    | \[\s*\?+\s*\]                                        # [?]
    | (?<![\w\u2019'])TK(?:TK)*(?!\w)(?!\s+Maxx)           # TK, the old "to come" mark
    | (?<![A-Za-z.])(?:XX|xx)(?![A-Za-z]|\s+chromosome)   # XX, 20XX (not XX chromosomes)
    | (?<![A-Za-z.])(?:XX|xx)(?=(?:m|bn|k|pc)\b)           # £XXm
    | (?<=[£$€\d,])X{3,}(?![A-Za-z]) | X{3,}(?=[,.]?\d|,X)  # £XXX, XX,XXX
    | (?<![\w?!])\?{{3,}}                                  # ??? (not "Brits????")
    | \b(?i:lorem\s+ipsum)\b
    | \b(?:FIXME|TODO)\b
    """,
    re.VERBOSE,
)
_BRACKET_RE = compile_re(rf"\[\s*(?:{_BRACKET_NOTES})", re.IGNORECASE)
_PLACEHOLDER_HINT = compile_re(r"\[|\?\?\?|TK|XX|xx|[Ll]orem|FIXME|TODO")
#: Words a Roman numeral follows ("Super Bowl XX", "Pius XII"): there "XX" is no placeholder.
_ROMAN_CONTEXT = compile_re(
    r"(?:\b(?:Bowl|Pope|Pius|John|Paul|Benedict|Gregory|Leo|Louis|Henry|Edward|George|Charles|James|"
    r"William|Olympiad|Games|Chapter|Part|Act|Episode|Volume|Vol\.?|Book|Article|Section|Century|Legion|"
    r"Apollo|Rocky|War|Dynasty|Plenum|Congress)|\b[IVXLC]+)\s+$"
)


class Placeholder(Rule):
    """What it does
        Reports the marks writers leave for something still to come: "TK",
        "XX" and "£XXm", "???", a bracketed note such as "[CHECK]", "[TK]",
        "[TBC]" or "[link to come]", "lorem ipsum" and "FIXME"/"TODO". It reads
        the headline, standfirst, body and captions, quotations included. An
        "XX" after a capitalised word ("Super Bowl XX") is a Roman numeral and
        is left alone, as is "TK Maxx".

    Why it matters
        A placeholder in published copy is an error every reader sees; it is
        reported as an error so that ``newslint check`` fails the article.

    Example
        "The deal is worth £XXm, [CHECK] with legal" gives two errors.

    Options
        None.

    Fix safety
        No fix: what goes in the gap is for the writer to say.
    """

    code = "NL502"
    name = "placeholder"
    summary = "A placeholder left in copy (TK, XX, ???, [CHECK], lorem ipsum)"
    default_severity = Severity.ERROR

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block in _copy_blocks(article):
            text = block.text
            if not _PLACEHOLDER_HINT.search(text):
                continue  # one cheap scan spares the long pattern on almost every paragraph
            spans = [m.span() for m in _PLACEHOLDER.finditer(text)]
            spans += [_bracket_span(text, m.start()) for m in _BRACKET_RE.finditer(text)]
            seen: list[tuple[int, int]] = []
            for s, e in sorted(set(spans)):
                if any(s < pe and ps < e for ps, pe in seen):
                    continue
                word = text[s:e]
                if word.strip("Xx") == "" and _ROMAN_CONTEXT.search(text[max(0, s - 30) : s]):
                    continue  # "Super Bowl XX", "Pius XII"
                seen.append((s, e))
                yield self.diagnostic(article, block, s, e, f'Placeholder "{word}" left in copy')


def _bracket_span(text: str, start: int) -> tuple[int, int]:
    end = text.find("]", start)
    line_end = text.find("\n", start)
    if end < 0 or (0 <= line_end < end):
        end = start + 1
        while end < len(text) and (text[end].isalnum() or text[end] in " ?-"):
            end += 1
        return start, end
    return start, end + 1


# -- NL503 unbalanced-quotes / NL504 unbalanced-brackets ---------------------------------------

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_QUOTE_CHARS = compile_re('["\u201c\u201d\u00ab\u00bb]')


def _turned(text: str, i: int) -> bool:
    """Is the closing mark at ``i`` placed as an opening one ("called ”Fifa” by"): a typing slip?"""
    return (i == 0 or text[i - 1].isspace() or text[i - 1] in "([\u2014\u2013-") and text[i + 1 : i + 2].isalnum()


def _quote_problems(text: str) -> tuple[list[int], int | None]:
    """Stray closing marks, and the offset of a quotation still open at the end of ``text``.

    A closing mark placed as an opening one, with nothing open, is reported once and opens
    the quotation its partner closes, so "”bona fide” ties" is one finding, not two.
    """
    problems: list[int] = []
    open_at: int | None = None
    for qm in _QUOTE_CHARS.finditer(text):
        i, ch = qm.start(), qm.group()
        if ch == '"':
            role = straight_quote_role(text, i, open_at is not None)
        else:
            role = "open" if ch in _OPENERS else "close" if ch in _CLOSERS else None
        if role == "open":
            if open_at is None:
                open_at = i
            # a second opening mark while one is open continues the quotation, as a
            # new paragraph of the same quotation does (and merged paragraphs look)
        elif role == "close":
            if open_at is None:
                problems.append(i)
                if ch != '"' and _turned(text, i):
                    open_at = i
            else:
                open_at = None
    return problems, open_at


#: The signature line of an embedded post: "pic.twitter.com/...", "— Jo Bloggs (@jo) May 3, 2022".
_EMBEDDED_POST = compile_re(
    r"pic\.twitter\.com/|\bA post shared by\b"
    r"|[\u2014\u2013-]\s*[^\n()]{1,60}\(@\w{1,30}\)\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})"
)


def _continued(text: str, open_at: int) -> bool:
    """Is the quotation open at ``open_at`` written as one that runs on over paragraphs?

    It is when it opens the paragraph, or when an opening mark starts a new
    sentence inside it (paragraphs of a quotation merged into one).
    """
    if not text[:open_at].strip():
        return True
    return bool(re.search(r"[.!?]\s+[\u201c\"]", text[open_at + 1 :]))


def _starts_with_opening_quote(block: Block | None) -> bool:
    if block is None:
        return False
    t = block.text.lstrip()
    return bool(t) and (t[0] in _OPENERS or t[0] == '"' or t[0] in "\u2018'")


class UnbalancedQuotes(Rule):
    """What it does
        Pairs double quotation marks in each paragraph, headline, standfirst and
        caption: curly marks by their shape, straight ones by what stands beside
        them (after a space a mark opens, after a word it closes). Reports a
        closing mark with nothing open, and a quotation left open at the end of
        a paragraph unless the next paragraph opens with a quotation mark, which
        is how a quotation running over several paragraphs is written (a
        caption between them does not matter), or closes it before opening
        another: a paragraph break inside the quotation, as wire copy cut into
        paragraphs has them; a sentence broken over paragraphs mid-way (a phrase set
        apart on a line of its own) is one paragraph for this. A continued quotation still open
        in the last paragraph, where
        an excerpt stops, is not reported either; nor are embedded posts
        (a tweet's "— Name (@handle) May 3, 2022" line, "pic.twitter.com"),
        whose punctuation is the poster's. Single quotes are left alone: most
        are apostrophes.

    Why it matters
        A lost quotation mark changes who is speaking: the reader cannot tell
        where the quotation ends and the reporter's words begin.

    Example
        "He said: “We will talk. Then he left." gives `Quotation opened here is
        never closed`.

    Options
        None.

    Fix safety
        No fix: where the quotation ends is for the writer to say.
    """

    code = "NL503"
    name = "unbalanced-quotes"
    summary = "A quotation mark without its partner"
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        blocks = list(_copy_blocks(article))
        prose = [b for b in blocks if b.kind in _RUNNING]
        last = prose[-1] if prose else None
        texts = [b.text[: _caption_words(b)] for b in blocks]
        found: list[tuple[list[int], int | None]] = [
            ([], None) if _EMBEDDED_POST.search(t) else _quote_problems(t) for t in texts
        ]
        carried: set[int] = set()  # blocks whose first stray closing mark closes the quotation before them
        for n, block in enumerate(blocks):
            text = texts[n]
            problems, open_at = found[n]
            for i in problems:
                if n in carried and i == problems[0]:
                    continue
                turned = text[i] in _CLOSERS and _turned(text, i)
                yield self.diagnostic(
                    article, block, i, i + 1,
                    f'Opening quotation mark typed as a closing one "{text[i]}"' if turned
                    else f'Closing quotation mark "{text[i]}" has no opening mark',
                )
            if open_at is not None:
                k = next((k for k in range(n + 1, len(blocks)) if blocks[k].kind != "caption"), None)
                # a sentence broken into paragraphs (a word set apart, as an italic phrase pulled out of
                # a page becomes one: "like an" / "agent provocateur" / "and perhaps ...") goes on past
                # the pieces that hold no quotation mark
                j = n
                while (
                    # the piece set apart may have been read as a subheading, being short and unstopped
                    k is not None and blocks[k].kind in _PIECES and _broken_sentence(texts[j], texts[k])
                    and not _QUOTE_CHARS.search(texts[k])
                ):
                    j, k = k, next((x for x in range(k + 1, len(blocks)) if blocks[x].kind != "caption"), None)
                if j != n and k is not None and not _broken_sentence(texts[j], texts[k]):
                    k = j  # the quotation stays open in the last piece: judged there as before
                nxt = blocks[k] if k is not None else None
                running = block.kind in _RUNNING and nxt is not None and nxt.kind in _RUNNING
                if running and _starts_with_opening_quote(nxt):
                    continue  # the quotation goes on in the next paragraph (a photo between them or not)
                if running and k is not None and _closes_first(texts[k], found[k]):
                    carried.add(k)
                    continue  # a paragraph break inside the quotation: it closes in the next one
                if block is last and _continued(text, open_at):
                    continue  # a continued quotation where the text stops: an excerpt's last paragraph
                yield self.diagnostic(
                    article, block, open_at, open_at + 1,
                    f'Quotation opened with "{text[open_at]}" is never closed',
                )


_PIECES = BlockKind.RUNNING | {BlockKind.SUBHEADING}


def _broken_sentence(text: str, nxt: str) -> bool:
    """Does a paragraph stop mid-sentence and the next go on with it ("... like an" / "agent provocateur")?"""
    end, start = text.rstrip(), nxt.lstrip()
    return bool(end) and bool(start) and (end[-1].isalpha() or end[-1] == ",") and start[0].islower()


def _closes_first(text: str, found: tuple[list[int], int | None]) -> bool:
    """Does ``text`` close a quotation before it opens one (a stray closing mark comes first)?"""
    problems, _ = found
    if not problems:
        return False
    first_open = next((m.start() for m in _QUOTE_CHARS.finditer(text) if m.group() in _OPENERS), len(text))
    return problems[0] < first_open


_BRACKETS = {"(": ")", "[": "]"}
_BRACKET_CHARS = compile_re(r"[()\[\]]")
_CLOSE_BRACKETS = {")": "(", "]": "["}
# "a)", "1)", "iv)" enumerators and ":-)" smileys have no opening bracket by design
_ENUMERATOR = compile_re(r"(?:^|[\s(])(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})$")
_SMILEY = compile_re(r"[:;=8][-o^']?$")


class UnbalancedBrackets(Rule):
    """What it does
        Pairs round and square brackets within each paragraph, headline,
        standfirst and caption, and reports a closing bracket with nothing open
        and a bracket still open at the end of the paragraph. List markers
        ("a)", "2)") and smileys (":)") are left alone.

    Why it matters
        An unclosed bracket leaves the reader unsure where an aside ends; it
        usually means a sentence was cut or pasted in pieces.

    Example
        "Sales rose (by 5% last year." gives `Bracket "(" is never closed`.

    Options
        None.

    Fix safety
        No fix: where the aside ends is for the writer to say.
    """

    code = "NL504"
    name = "unbalanced-brackets"
    summary = "A round or square bracket without its partner"
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        # a paragraph that opens with "(" may run the aside on to a later paragraph's ")"
        carried: tuple[Block, int] | None = None
        for block in _copy_blocks(article):
            if block.kind == "caption":
                yield from self._check_block(article, block, None)
                continue
            carried = yield from self._check_block(article, block, carried)
        if carried is not None:
            yield self.diagnostic(article, carried[0], carried[1], carried[1] + 1, 'Bracket "(" is never closed')

    def _check_block(
        self, article: Article, block: Block, carried: tuple[Block, int] | None
    ) -> Generator[Diagnostic, None, tuple[Block, int] | None]:
        """Report one block's brackets; return the "(" that opened it and is still open, if any."""
        text = block.text[: _caption_words(block)]
        stack: list[int] = []
        for bm in _BRACKET_CHARS.finditer(text):
            i, ch = bm.start(), bm.group()
            if ch in _BRACKETS:
                if ch == "(" and re.search(r"[:;=<]-?$", text[max(0, i - 2) : i]):
                    continue  # ":-(" and "&lt;(" are faces, not asides
                stack.append(i)
            elif ch in _CLOSE_BRACKETS:
                if stack and text[stack[-1]] == _CLOSE_BRACKETS[ch]:
                    stack.pop()
                    continue
                before = text[max(0, i - 6) : i]
                if ch == ")" and (_ENUMERATOR.search(before) or _SMILEY.search(before)):
                    continue
                if ch == ")" and carried is not None and not stack:
                    carried = None  # the aside begun in an earlier paragraph ends here
                    continue
                if stack:  # "(...]": report the one left open, once
                    j = stack.pop()
                    yield self.diagnostic(
                        article, block, j, j + 1, f'Bracket "{text[j]}" is closed by "{ch}"'
                    )
                    continue
                yield self.diagnostic(article, block, i, i + 1, f'Closing bracket "{ch}" has no opening bracket')
        if carried is not None and (stack or _BRACKET_CHARS.search(text)):
            yield self.diagnostic(article, carried[0], carried[1], carried[1] + 1, 'Bracket "(" is never closed')
            carried = None
        if len(stack) == 1 and text[stack[0]] == "(" and block.kind in _RUNNING and carried is None:
            j = stack[0]
            if j == 0 or re.search(r"[.!?]\s+$", text[:j]):  # "(" opens a sentence
                carried = (block, stack.pop())
        for j in stack:
            yield self.diagnostic(article, block, j, j + 1, f'Bracket "{text[j]}" is never closed')
        return carried


# -- NL505 boilerplate-in-body ------------------------------------------------------------------

_HOLDER_END = r"(?:Limited|Ltd\.?|Inc\.?|plc|PLC|LLC|LLP|GmbH|Corporation|Corp\.?|Group|Media|News|Press|\d{4})"
_BOILERPLATE = compile_re(
    rf"""
      (?P<copyright>
        # a notice starts the paragraph, a sentence or follows a dash; "under the Copyright,
        # Designs and Patents Act" and "copyright law" are the subject, not a notice
        (?:^|(?<=[.!?"'\u201d\u2019)])\s+|\s*[\u2013\u2014]\s*|\s+-\s+)
        (?:Copyright\b|\u00a9|\(c\)(?=\s*(?:\d{{4}}|[A-Z])))
        (?:\s*(?:\u00a9|\(c\)))?
        \s*(?=[A-Z\d])(?!(?:Act|Acts|Law|Laws|Licensing|Tribunal|Office|Designs|Agency|Council)\b)
        [^\n.]{{0,80}}?\b{_HOLDER_END}\b
        (?:[ \t]+(?:[A-Z][\w&'-]*|\d{{4}}))*                        # "2018 Reuters"
        (?:[.,;]?\s*All\s+rights\s+reserved\.?)?
      )
    | (?P<rights>(?:\s*[\u2013\u2014-]\s*|\s+)?All\s+rights\s+reserved\.?)
    | (?P<trailer>\s*\((?:Reporting|Writing|Editing|Additional\s+reporting)\s+by\s[^)]*\))
    | (?P<web>(?:\s*[\u2013\u2014-]\s*|\s+)?(?:This\s+(?:article|story)\s+(?:was\s+)?(?:first|originally)\s+
          (?:published|appeared)\b[^\n]*
        | Sign\s+up\s+(?:for|to)\s+(?:our|the)\s+[\w\s]{{0,30}}newsletter\b[^\n.]*\.?))
    """,
    re.VERBOSE,
)


#: Words every notice above holds; most paragraphs have none, and skip the long pattern.
_BOILERPLATE_HINT = compile_re(
    r"Copyright|\u00a9|\(c\)|rights\s+reserved|\((?:Reporting|Writing|Editing|Additional)"
    r"|This\s+(?:article|story)|Sign\s+up"
)


class BoilerplateInBody(Rule):
    """What it does
        Reports, inside the headline, standfirst, body and captions' own words,
        a copyright notice ("– Copyright The Financial Times Limited 2018",
        "© 2018 Reuters", "All rights reserved"), a wire trailer ("(Reporting
        by ...; Editing by ...)") and web furniture ("This article was first
        published ...", "Sign up for our newsletter"). A copyright line that
        stands as its own paragraph is the article's boilerplate, not copy, and
        is left alone, as are mentions of copyright as a subject ("copyright law").
        A wire dateline ("WASHINGTON (Reuters) - ", "LONDON (AP) — ") is
        part of the copy as the agency files it, and is not reported.

    Why it matters
        Syndicated copy arrives with the supplier's notices attached; published
        inside a paragraph they tell readers the story was pasted, and a
        competitor's copyright line in our pages is an embarrassment.

    Example
        "... worth about $25,000 now. – Copyright The Financial Times Limited
        2018" gives `Copyright notice "Copyright The Financial Times Limited
        2018" in the body`.

    Options
        None.

    Fix safety
        Unsafe: the fix deletes the notice (with the dash before it), which an
        editor should see first; applied only with ``--unsafe-fixes``.
    """

    code = "NL505"
    name = "boilerplate-in-body"
    summary = "Copyright or agency boilerplate that leaked into the copy"
    default_severity = Severity.WARNING

    _WHAT = {
        "copyright": "Copyright notice",
        "rights": "Copyright notice",
        "trailer": "Wire trailer",
        "web": "Web boilerplate",
    }

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        for block in _copy_blocks(article):
            text = block.text[: _caption_words(block)]
            if not _BOILERPLATE_HINT.search(text):
                continue
            for m in _BOILERPLATE.finditer(text):
                kind = m.lastgroup or "copyright"
                s, e = m.span()
                shown = text[s:e].strip(" \t\r\n\u2013\u2014-")
                if not shown:
                    continue
                vs = s + (len(text[s:e]) - len(text[s:e].lstrip(" \t\r\n\u2013\u2014-")))
                ve = vs + len(shown)
                d = self.diagnostic(article, block, vs, ve, f'{self._WHAT[kind]} "{shown}" in the copy')
                cut_s, cut_e = block.source_span(s, e)
                fix = Fix((Edit(cut_s, cut_e, ""),), Applicability.UNSAFE, message="Delete the notice")
                yield replace(d, fix=fix, suggestions=("",))


# -- NL506 weekday-date -------------------------------------------------------------------------

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update(
    {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11,
     "dec": 12}
)

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?)"
_MO = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?"
_WEEKDAY_DATE = compile_re(
    rf"""\b{_WD},?\s+(?:
        (?:the\s+)?(?P<d1>{_DAY})(?:\s+of)?\s+(?P<m1>{_MO})
      | (?P<m2>{_MO})\s+(?:the\s+)?(?P<d2>{_DAY})
    )(?:,?\s+(?P<y>(?:1[89]|20|21)\d\d))?(?!\w)""",
    re.VERBOSE,
)
def _metadata_year(article: Article) -> int | None:
    """The year the article was published, from what the loader found (front matter, meta tags, CMS fields)."""
    meta: Any = article.metadata or {}
    if not hasattr(meta, "items"):
        return None
    # "published" beats "date" beats "modified": an update can come a year after the story
    ranked = sorted(
        (k for k in meta if isinstance(k, str)),
        key=lambda k: (0 if "publish" in k.lower() else 1 if "date" in k.lower() else 2, k),
    )
    for key in ranked:
        low = key.lower()
        if not ("publish" in low or "date" in low or low in ("created", "created_at", "time")) or "modif" in low:
            continue
        v = meta[key]
        if isinstance(v, (dt.date, dt.datetime)):
            return v.year
        if isinstance(v, str):
            m = re.search(r"\b((?:19|20)\d\d)\b", v)
            if m:
                return int(m.group(1))
    return None


class WeekdayDate(Rule):
    """What it does
        Finds a weekday written with a date ("Tuesday 9 January 2018",
        "Tuesday, January 9", "Tues 9th Jan") and checks that the date falls on
        that day. The year is the one written with the date, else the year of
        the article's publication date
        when the loader knows it; with no year the date is not checked (a
        year elsewhere in the sentence is too often another year, or a time). A day the
        month does not have ("31 April") is reported too.

    Why it matters
        One of the two is wrong, and readers turn up on the wrong day; a
        calendar catches in a second what a tired eye misses.

    Example
        "The summit opens on Tuesday 10 January 2018" gives `"Tuesday 10 January
        2018": 10 January 2018 is a Wednesday, not a Tuesday`.

    Options
        None.

    Fix safety
        Display only: the right weekday is suggested, but the date may be the
        wrong half, so an editor decides.
    """

    code = "NL506"
    name = "weekday-date"
    summary = "A weekday that contradicts the date beside it"
    default_severity = Severity.WARNING

    def check(self, article: Article, ctx: RuleContext) -> Iterable[Diagnostic]:
        meta_year = _metadata_year(article)
        for block in _copy_blocks(article):
            text = block.text
            for m in _WEEKDAY_DATE.finditer(text):
                wd_word = m.group("wd")
                weekday = _WEEKDAYS[wd_word.rstrip(".").lower()]
                day = int(re.match(r"\d+", m.group("d1") or m.group("d2")).group(0))  # type: ignore[union-attr]
                month = _MONTHS[(m.group("m1") or m.group("m2")).rstrip(".").lower()]
                year = int(m.group("y")) if m.group("y") else None
                if year is None:
                    # a year elsewhere in the sentence is too often another year, or a time ("1930")
                    year = meta_year
                shown = m.group(0)
                if day > (calendar.monthrange(year or 2001, month)[1] if month != 2 or year else 29):
                    yield self.diagnostic(
                        article, block, m.start(), m.end(),
                        f'"{shown}": {calendar.month_name[month]} has no day {day}',
                    )
                    continue
                if year is None:
                    continue
                actual = dt.date(year, month, day).weekday()
                if actual == weekday:
                    continue
                right = calendar.day_name[actual]
                if len(wd_word.rstrip(".")) <= 4:
                    right = calendar.day_abbr[actual]
                yield self.diagnostic(
                    article, block, m.start("wd"), m.start("wd") + len(wd_word.rstrip(".")),
                    f'"{shown}": {day} {calendar.month_name[month]} {year} is a '
                    f"{calendar.day_name[actual]}, not a {calendar.day_name[weekday]}",
                    suggestions=(right,),
                    applicability=Applicability.DISPLAY_ONLY,
                )


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [DoubledWord(), Placeholder(), UnbalancedQuotes(), UnbalancedBrackets(), BoilerplateInBody(), WeekdayDate()]
