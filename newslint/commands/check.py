"""``newslint check``: check articles and report the findings in a chosen format."""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.commands.options import csv
from newslint.config import LANGUAGES, ConfigResolver
from newslint.diagnostic import Severity
from newslint.manager import collect_reporters
from newslint.reporters import printable
from newslint.session import EXIT_OK, Session, UsageError

if TYPE_CHECKING:
    import pluggy

    from newslint.reporters import Report


def _whole(value: str) -> int:
    """A whole number, 0 or more (argparse reports the ValueError as a usage error)."""
    n = int(value)
    if n < 0:
        raise ValueError(value)
    return n


def _size(value: str) -> float:
    """A size in MiB: a finite number above 0 (``nan`` and ``inf`` are not sizes)."""
    n = float(value)
    if not math.isfinite(n) or n <= 0:
        raise ValueError(value)
    return n


_whole.__name__ = "whole number (0 or more)"
_size.__name__ = "size in MiB (a number above 0)"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("check", help="check articles", description="Check articles and report findings.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check; - reads standard input")
    p.add_argument(
        "--format",
        default="text",
        metavar="FORMAT",
        help="text, json, sarif, github, concise, jsonl, junit, checkstyle, gitlab, rdjson, "
        "or auto (github inside GitHub Actions); default text",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--names", action="append", default=[], metavar="FILE", help="a names authority file (repeatable)")
    p.add_argument("--dictionary", action="append", default=[], metavar="FILE", help="a house dictionary (repeatable)")
    p.add_argument(
        "--select", action="append", metavar="CODES", help="rules to run: code prefixes or names, comma-separated"
    )
    p.add_argument("--ignore", action="append", metavar="CODES", help="rules to leave out")
    p.add_argument("--extend-select", action="append", metavar="CODES", help="rules to add to the selection")
    p.add_argument("--language", choices=LANGUAGES, help="spelling variant: en (either), en-GB or en-US")
    p.add_argument(
        "--fail-on", choices=[s.value for s in Severity], help="lowest severity that fails the run (default warning)"
    )
    p.add_argument("--jobs", "-j", type=_whole, metavar="N", help="worker processes (default: one per core)")
    p.add_argument("--baseline", metavar="FILE", help="leave out the findings recorded in FILE")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE and exit 0")
    p.add_argument("--fix", action="store_true", help="apply safe fixes, then report what remains")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    p.add_argument("--diff", action="store_true", help="show the fixes as a diff; write nothing")
    p.add_argument("--max-file-size", type=_size, metavar="MIB", help="skip files larger than this (default 10)")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar on standard error")
    p.set_defaults(func=run_check)


def _resolver(args: argparse.Namespace) -> ConfigResolver:
    cli: dict[str, Any] = {
        "select": csv(args.select),
        "ignore": csv(args.ignore),
        "extend_select": csv(args.extend_select),
        "language": args.language,
        "fail_on": Severity(args.fail_on) if args.fail_on else None,
        "jobs": args.jobs,
        "baseline": Path(args.baseline) if args.baseline else None,
        "names_extra": tuple(Path(n) for n in args.names),
        "plugins_require_extra": tuple(args.require_plugin),
        "plugins_disable_extra": tuple(args.disable_plugin),
        "dictionary_extra": tuple(Path(n) for n in args.dictionary),
    }
    return ConfigResolver(cli, explicit=Path(args.config) if args.config else None)


class _Progress:
    """A one-line progress counter on a terminal's standard error."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total < 20 or (done % 10 and done != total):
            return
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()
        self.shown = True
        if done == total:
            sys.stderr.write("\r" + " " * (width + 30) + "\r")
            sys.stderr.flush()


def run_check(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UsageError("--unsafe-fixes needs --fix or --diff")
    reporters = collect_reporters(manager)
    fmt = args.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in reporters:
        raise UsageError(f"unknown format {args.format!r} (choose from {', '.join(sorted(reporters)) or 'none'}, auto)")
    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    if args.output and not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
        raise UsageError(f"cannot write the report to {args.output}: no such folder")
    resolver = _resolver(args)
    interactive = sys.stderr.isatty() and not args.quiet
    with Session(
        resolver=resolver,
        manager=manager,
        jobs=args.jobs,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        max_bytes=int((args.max_file_size or 10) * 1024 * 1024),
        progress=_Progress() if interactive and fmt == "text" else None,
    ) as session:
        status = session.run(args.paths)
    report = session.report
    assert report is not None
    if args.write_baseline:
        from newslint.suppression import Baseline, covered_text

        n = Baseline.write(
            Path(args.write_baseline),
            ((d, covered_text(report.articles.get(d.path), d)) for d in report.diagnostics),
        )
        print(f"newslint: wrote {n} findings to {args.write_baseline}", file=sys.stderr)
        return EXIT_OK
    if args.diff:
        diffs = [r.diff for r in session.results if r.diff]
        sys.stdout.write("".join(diffs))
        return 1 if diffs else EXIT_OK
    color = args.color == "always" or (
        args.color == "auto" and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    # rendered whole before a byte is written: a reporter that fails leaves no half report
    buffer = io.StringIO()
    reporters[fmt].render(report, buffer, color=color and not args.output)
    text = printable(buffer.getvalue(), keep_ansi=color and not args.output)
    if args.output:
        _write_report(args.output, report, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return status


def _write_report(output: str, report: Report, text: str) -> None:
    """Write the report atomically; never over a file that was checked."""
    from newslint.fix import FixNotWritten, write_atomic

    for f in report.files:
        if f != "-" and os.path.exists(f) and os.path.exists(output) and os.path.samefile(f, output):
            raise UsageError(f"cannot write the report to {output}: it is one of the files being checked")
    try:
        write_atomic(output, text, encoding="utf-8")
    except (FixNotWritten, OSError) as e:
        raise UsageError(f"cannot write the report to {output}: {getattr(e, 'strerror', None) or e}") from None
