"""Findings about the input itself and about newslint's own failures.

These rules have no check of their own: the session reports them while
reading files and running plugins. They are rules so that ``newslint rules``
lists them and ``select`` / ``ignore`` and suppression work on them.
"""

from __future__ import annotations

from newslint.diagnostic import Severity
from newslint.hookspecs import hookimpl
from newslint.rule import Rule


class InternalError(Rule):
    """newslint reports this itself while reading files and running plugins; the rule has no
    check of its own, but `newslint rules` lists it like any other.

    What it does
        Reports, at the top of the article, which plugin and rule failed and
        the exception it raised. The other rules still run and report.

    Why it matters
        A check that silently stops is worse than one that fails loudly: the
        run ends with exit status 3 so CI notices, and the message names the
        plugin's distribution to report the bug to.

    Example
        ```text
        story.txt:1:1: error NL001 [internal-error] rule "grammar" from plugin "newslint-languagetool" failed: ConnectionError: ...
        ```

    Options
        None.

    Fix safety
        No fix: report the bug to the plugin named.
    """  # noqa: E501 (an example output line)

    code = "NL001"
    name = "internal-error"
    summary = "A plugin failed while checking an article"
    default_severity = Severity.ERROR


class Decoding(Rule):
    """newslint reports this itself while reading files and running plugins; the rule has no
    check of its own, but `newslint rules` lists it like any other.

    What it does
        Says which byte was not UTF-8 and which encoding was used instead
        (a declared charset, then Windows-1252, then a guess).

    Why it matters
        Copy pasted from an old CMS often carries Windows-1252 pound signs or
        quotes; the article is still checked, but the file should be saved
        as UTF-8 before it is published.

    Example
        ```text
        sport/199.txt:1:1: info NL002 [decoding] file is not valid UTF-8 (byte 0xA3 at line 3, column 31); read as Windows-1252
        ```

    Options
        None.

    Fix safety
        No automatic fix; `--fix` keeps the file's encoding.
    """  # noqa: E501 (an example output line)

    code = "NL002"
    name = "decoding"
    summary = "The file is not UTF-8 and was read with a fallback encoding"
    default_severity = Severity.INFO


class UnreadableFileRule(Rule):
    """newslint reports this itself while reading files and running plugins; the rule has no
    check of its own, but `newslint rules` lists it like any other.

    What it does
        Reports the file in one line and skips it; every other file is still
        checked.

    Why it matters
        A picture or a data dump in a folder of articles is not an error in
        the copy, but CI should say it was not checked.

    Example
        ```text
        photos/front.jpg:1:1: warning NL003 [unreadable-file] file is binary, not text; skipped
        ```

    Options
        None.

    Fix safety
        No fix.
    """

    code = "NL003"
    name = "unreadable-file"
    summary = "A file could not be read as an article and was skipped"
    default_severity = Severity.WARNING


class FixNotWrittenRule(Rule):
    """newslint reports this itself while writing fixed files; the rule has no check of its own,
    but `newslint rules` lists it like any other.

    What it does
        Says why the fixed text was not written: the file changed after it was read (someone else
        is editing it), it is read-only, it has hard links or an owner a rewrite would lose, its
        encoding cannot hold the fix, or the write failed. The file keeps every byte; the other
        files are still fixed and checked, and the file's findings are reported as they stand.

    Why it matters
        A linter must never overwrite an editor's work, split a file shared by hard links, or
        quietly hand a file to another owner.

    Example
        ```text
        live/123.txt:1:1: warning NL004 [fix-not-written] 2 fixes not written: it changed after it was read; check it again
        ```

    Options
        None.

    Fix safety
        No fix: run `--fix` again when the file is free, or apply the fixes by hand.
    """  # noqa: E501 (an example output line)

    code = "NL004"
    name = "fix-not-written"
    summary = "Fixes were found but the file could not safely be rewritten"
    default_severity = Severity.WARNING


class UnknownSuppression(Rule):
    """newslint reports this itself while reading suppression comments; `newslint rules` lists it
    like any other rule.

    What it does
        Reports a `<!-- newslint: disable... -->` comment whose codes or names match no rule (nor
        any rule of the configured house style files), at the comment.

    Why it matters
        A misspelt code in a suppression comment silently suppresses nothing, so the finding it was
        meant to hide comes back and nobody knows why.

    Example
        ```text
        story.txt:3:1: warning NL005 [unknown-suppression] suppression comment names no known rule: "NL9999"
        ```

    Options
        None.

    Fix safety
        No fix: correct the code or name, or delete the comment.
    """

    code = "NL005"
    name = "unknown-suppression"
    summary = "A suppression comment names no known rule"
    default_severity = Severity.WARNING


class UnusedSuppression(Rule):
    """newslint reports this itself once every rule has run; `newslint rules` lists it like any
    other rule.

    What it does
        Reports a suppression comment none of whose rules reported anything where it applies, once
        every rule has run, batch rules included. A comment is judged only when every rule it names
        ran: a comment for the spelling check is not reported in a run that selects only names.

    Why it matters
        Suppressions outlive the finding they were written for (the copy was edited, the rule
        improved); stale ones hide the next real finding. This is ruff's unused-noqa for articles.

    Example
        ```text
        story.txt:3:1: info NL006 [unused-suppression] suppression comment for "spelling" suppresses nothing
        ```

    Options
        None.

    Fix safety
        No fix: delete the comment.
    """

    code = "NL006"
    name = "unused-suppression"
    summary = "A suppression comment suppresses nothing"
    default_severity = Severity.INFO


@hookimpl
def newslint_add_rules() -> list[Rule]:
    return [
        InternalError(),
        Decoding(),
        UnreadableFileRule(),
        FixNotWrittenRule(),
        UnknownSuppression(),
        UnusedSuppression(),
    ]
