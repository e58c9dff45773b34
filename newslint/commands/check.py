"""``newslint check``: check articles and report the findings in a chosen format."""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from newslint.commands.options import csv
from newslint.config import LANGUAGES, ConfigResolver
from newslint.dataset import is_dataset
from newslint.diagnostic import Severity
from newslint.manager import collect_reporters
from newslint.reporters import Reporter, printable
from newslint.session import EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, Session, UsageError

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
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check; - reads standard input")
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
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (not on errors)")
    p.add_argument(
        "--statistics", action="store_true", help="print how many findings each rule made instead of the findings"
    )
    p.add_argument(
        "--show-settings", action="store_true", help="print the settings in force for the first PATH and exit"
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude (and the built-in exclusions) to files named on the command line, as pre-commit names them",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="check on a Dask cluster: a scheduler address, or local[:N] for N worker processes here "
        "(pip install 'newslint[dask]'); see docs/archive.md",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="read the article from standard input and check it as NAME (its suffix picks the format)",
    )
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
    if args.stdin_filename:
        if [p for p in args.paths if p != "-"]:
            raise UsageError("--stdin-filename reads standard input: give no other PATH")
        if args.fix:
            raise UsageError("--fix cannot write standard input back; use --diff")
        args.paths = [args.stdin_filename]
    if not args.paths:
        raise UsageError("give at least one PATH (or - for standard input)")
    if args.paths.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    if args.output and not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
        raise UsageError(f"cannot write the report to {args.output}: no such folder")
    resolver = _resolver(args)
    if args.show_settings:
        sys.stdout.write(show_settings(resolver, manager, args.paths[0]))
        return EXIT_OK
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
        stdin_filename=args.stdin_filename,
        force_exclude=args.force_exclude,
    ) as session:
        if args.dask or any(is_dataset(p) for p in args.paths):
            status = _check_archive(args, session, resolver)
        else:
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
        # like ruff and black: 1 when something would change, so CI can insist on a clean tree
        diffs = [r.diff for r in session.results if r.diff]
        sys.stdout.write("".join(diffs))
        return 1 if diffs and not args.exit_zero else EXIT_OK
    if args.exit_zero and status == EXIT_FINDINGS:
        status = EXIT_OK
    color = args.color == "always" or (
        args.color == "auto" and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    # rendered whole before a byte is written: a reporter that fails leaves no half report
    buffer = io.StringIO()
    reporter: Reporter = reporters[fmt]
    if args.statistics:
        reporter = StatisticsReporter(as_json=fmt in ("json", "jsonl"))
    rendered = True
    try:
        reporter.render(report, buffer, color=color and not args.output)
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # a reporter plugin failed: the findings still reach the user
        fallback = "json" if fmt == "text" else "text"
        print(
            f"newslint: error: the {fmt!r} reporter ({type(reporter).__module__}) failed: "
            f"{type(e).__name__}: {e}; the report follows on standard output in the {fallback} format",
            file=sys.stderr,
        )
        buffer = io.StringIO()
        reporters[fallback].render(report, buffer, color=False)
        status, rendered = EXIT_INTERNAL, False
    text = printable(buffer.getvalue(), keep_ansi=color and not args.output)
    if args.output and rendered:  # a failed report leaves the file as it was
        _write_report(args.output, report, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    for path in session.missing:  # reported last, so it is the last thing on the screen
        print(f"newslint: error: no such file or folder: {path}", file=sys.stderr)
    return status


def _check_archive(args: argparse.Namespace, session: Session, resolver: ConfigResolver) -> int:
    """An archive (JSON Lines, Parquet) or ``--dask``: partition by partition, batch rules by key."""
    from newslint import cluster

    for flag, given in (("--fix", args.fix), ("--diff", args.diff), ("--write-baseline", args.write_baseline)):
        if given:
            raise UsageError(f"{flag} rewrites files one by one: not with --dask or a JSON Lines or Parquet archive")
    if "-" in args.paths or args.stdin_filename:
        raise UsageError("standard input is not an archive: not with --dask")
    spec = cluster.SessionSpec(
        cli=resolver.cli, config=args.config, cwd=os.getcwd(), max_bytes=session.max_bytes
    )
    return cluster.check_archive(
        session, args.paths, args.dask, spec, progress=sys.stderr.isatty() and not args.quiet
    )


class StatisticsReporter(Reporter):
    """``--statistics``: one line per rule, most findings first: count, code, name, fixable, summary."""

    name = "statistics"
    description = "findings counted by rule"

    def __init__(self, as_json: bool = False) -> None:
        self.as_json = as_json

    def render(self, report: Report, stream: TextIO, *, color: bool = False) -> None:
        from collections import Counter

        counts = Counter(d.code for d in report.diagnostics)
        fixable = Counter(d.code for d in report.diagnostics if d.fix is not None and d.fix.edits)
        names = {d.code: d.rule for d in report.diagnostics}
        rows = sorted(counts, key=lambda c: (-counts[c], c))
        if self.as_json:
            import json

            doc = [
                {"code": c, "name": names[c], "count": counts[c], "fixable": fixable[c],
                 "summary": report.rules[c].summary if c in report.rules else ""}
                for c in rows
            ]
            stream.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
            return
        width = max((len(str(counts[c])) for c in rows), default=1)
        name_width = max((len(names[c]) for c in rows), default=4)
        for c in rows:
            mark = "[*]" if fixable[c] == counts[c] else "[-]" if fixable[c] else "   "
            summary = report.rules[c].summary if c in report.rules else ""
            stream.write(f"{counts[c]:>{width}}  {c:<6} {names[c]:<{name_width}}  {mark} {summary}".rstrip() + "\n")
        if rows:
            total = sum(counts.values())
            stream.write(f"{total} finding{'s' if total != 1 else ''} in {len(report.files)} "
                         f"file{'s' if len(report.files) != 1 else ''}; [*] every one fixable, [-] some\n")
        else:
            stream.write(f"No findings in {len(report.files)} file{'s' if len(report.files) != 1 else ''}\n")


def show_settings(resolver: ConfigResolver, manager: pluggy.PluginManager, path: str) -> str:
    """The settings in force for ``path``, as TOML a user could paste into ``newslint.toml``."""
    import json

    from newslint.manager import collect_rules

    config = resolver.for_path(path)
    rules = collect_rules(manager)
    enabled = [r for r in rules if config.rule_enabled(r)]

    def toml(value: object) -> str:
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(toml(v) for v in value) + "]"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        return json.dumps(str(value), ensure_ascii=False)

    lines = [
        f"# settings for {path}",
        f"# from {config.source}" if config.source else "# from: no configuration file (defaults)",
        f"select = {toml(list(config.select))}" if config.select is not None else "# select: the default rules",
        f"ignore = {toml(list(config.ignore))}",
        f"extend-select = {toml(list(config.extend_select))}",
        f"language = {toml(config.language)}",
        f"fail-on = {toml(config.fail_on.value)}",
        f"names = {toml([str(p) for p in config.names])}",
        f"dictionary = {toml([str(p) for p in config.dictionary])}",
        f"style = {toml([str(p) for p in config.style])}",
        f"baseline = {toml(str(config.baseline) if config.baseline else '')}",
        f"exclude = {toml(list(config.exclude))}",
        f"html-selector = {toml(config.html_selector or '')}",
        f"jobs = {config.jobs if config.jobs is not None else 0}",
        "",
        "[plugins]",
        f"autoload = {toml(config.plugins_autoload)}",
        f"disable = {toml(list(config.plugins_disable))}",
        f"require = {toml(list(config.plugins_require))}",
        "",
        f"# {len(enabled)} of {len(rules)} rules enabled:",
        *(f"#   {r.code} {r.name} ({config.rule_severity(r).value})" for r in enabled),
    ]
    for name, opts in sorted(config.rules.items()):
        lines += ["", f"[rules.{name}]", *(f"{k} = {toml(v)}" for k, v in sorted(opts.items()))]
    return "\n".join(lines) + "\n"


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
