"""``newslint audit``: how often rules fire on an archive, with sample hits.

The audit is a run of the session like ``newslint check`` (the same reading,
loaders, suppressions and per-path settings), with the audited rules switched
on whatever the configuration says, and the findings counted per rule
instead of reported. A rule of a house style file is audited by its name.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.commands.options import csv
from newslint.config import ConfigResolver
from newslint.dataset import is_dataset
from newslint.diagnostic import Diagnostic
from newslint.housestyle import HOUSE_CODE, build_style
from newslint.rule import matches
from newslint.session import EXIT_OK, Session, UsageError

if TYPE_CHECKING:
    import pluggy


def add_parser(subparsers: argparse._SubParsersAction) -> None:
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
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run on a Dask cluster: a scheduler address, or local[:N] for N worker processes here")
    p.set_defaults(func=run_audit)


#: an audited rule: its code, its name, and for a house style rule the name its findings carry
Target = tuple[str, str, "str | None"]


def _targets(session: Session, selectors: Sequence[str], extra: tuple[Path, ...]) -> list[Target]:
    style = (*session.config.style, *extra)
    house = build_style(style).house_rules if style else []
    targets: list[Target] = []
    for sel in selectors:
        found: list[Target] = [(r.code, r.name, None) for r in session.rules if matches(r, sel)]
        found += [(HOUSE_CODE, h.name, h.name) for h in house if h.name == sel]
        if not found:
            raise UsageError(f"--rule {sel!r} names no known rule or house style rule")
        targets += [t for t in found if t not in targets]
    return targets


def run_audit(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    """Count the audited rules' findings over the archive; print rates and samples."""
    extra = tuple(Path(s) for s in args.style)
    for p in extra:
        if not p.is_file():
            raise UsageError(f"file not found: {p}")
    resolver = ConfigResolver({"style_extra": extra}, explicit=Path(args.config) if args.config else None)
    session = Session(resolver=resolver, manager=manager)
    targets = _targets(session, csv(args.rule) or (), extra)
    session.audit = tuple(dict.fromkeys(t[0] for t in targets))
    if args.dask or any(is_dataset(p) for p in args.paths):
        found, n_files, n_articles, words = _audit_parts(args, session, resolver)
    else:
        with session:
            session.run(args.paths)
        report = session.report
        assert report is not None
        from newslint.cluster import diag_context  # the archive machinery: only for an audit

        found = [(d, diag_context(report.articles.get(d.path), d)) for d in report.diagnostics]
        n_files, n_articles = len(report.files), len(report.articles)
        words = sum(a.word_count for a in report.articles.values())

    hits: dict[str, list[tuple[Diagnostic, str]]] = {t[1]: [] for t in targets}
    by_code: dict[str, list[Target]] = {}
    for t in targets:
        by_code.setdefault(t[0], []).append(t)
    for d, context in found:
        for _code, name, house_name in by_code.get(d.code, ()):
            if house_name is None or d.data.get("style_rule") == house_name:
                hits[name].append((d, context))
    unreadable = n_files - n_articles
    per = (lambda n: 1000 * n / words) if words else (lambda n: 0.0)
    articles_hit = {name: len({d.path for d, _c in found}) for name, found in hits.items()}
    breakdown = {
        name: _breakdown(found, rule.audit_by)
        for code, name, house_name in targets
        if house_name is None and (rule := session.rules_by_code.get(code)) is not None and rule.audit_by
        for found in (hits[name],)
    }
    if args.format == "json":
        out: dict[str, Any] = {
            "files": n_files,
            "articles": n_articles,
            "words": words,
            "rules": [
                {
                    "code": code,
                    "name": name,
                    "hits": len(hits[name]),
                    "per_1000_words": round(per(len(hits[name])), 3),
                    "articles_hit": articles_hit[name],
                    "samples": [{**d.to_dict(), "context": c} for d, c in _spread(hits[name], args.samples)],
                    **(
                        {
                            "breakdown": [
                                {
                                    "key": key,
                                    "hits": len(found),
                                    "per_1000_words": round(per(len(found)), 3),
                                    "articles_hit": len({d.path for d, _c in found}),
                                    "samples": [{**d.to_dict(), "context": c} for d, c in _spread(found, args.samples)],
                                }
                                for key, found in breakdown[name]
                            ]
                        }
                        if name in breakdown
                        else {}
                    ),
                }
                for code, name, _h in targets
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return EXIT_OK
    skipped = f" ({unreadable} unreadable)" if unreadable else ""
    print(f"{_count(n_articles, 'article')}, {_count(words, 'word')}{skipped}")
    total = 0
    for code, name, _h in targets:
        n = len(hits[name])
        total += n
        print(
            f"{code} {name}: {_count(n, 'hit')}, {per(n):.3f} per 1,000 words, "
            f"in {_count(articles_hit[name], 'article')}"
        )
        if name not in breakdown:
            for d, c in _spread(hits[name], args.samples):
                print(f"    {d.path}:{d.start.line}:{d.start.column}: {c}  -- {d.message}")
            continue
        for key, found in breakdown[name]:  # per rule of the tool behind it, most hits first
            print(
                f"  {key}: {_count(len(found), 'hit')}, {per(len(found)):.3f} per 1,000 words, "
                f"in {_count(len({d.path for d, _c in found}), 'article')}"
            )
            for d, c in _spread(found, args.samples):
                print(f"      {d.path}:{d.start.line}:{d.start.column}: {c}  -- {d.message}")
    if len(targets) > 1:
        print(f"all {len(targets)} rules: {_count(total, 'hit')}, {per(total):.3f} per 1,000 words")
    return EXIT_OK


def _breakdown(
    found: list[tuple[Diagnostic, str]], key: str
) -> list[tuple[str, list[tuple[Diagnostic, str]]]]:
    """``found`` grouped by ``data[key]`` (a wrapped tool's rule id), most hits first."""
    groups: dict[str, list[tuple[Diagnostic, str]]] = {}
    for d, c in found:
        groups.setdefault(str(d.data.get(key) or "?"), []).append((d, c))
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def _spread(items: Sequence[Any], n: int) -> list[Any]:
    """``n`` items spread evenly over ``items`` (deterministic), so samples span the archive."""
    if n <= 0 or not items:
        return []
    if len(items) <= n:
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _audit_parts(
    args: argparse.Namespace, session: Session, resolver: ConfigResolver
) -> tuple[list[tuple[Diagnostic, str]], int, int, int]:
    """The audit as a sum over the archive's partitions, here or on Dask (per-article rules)."""
    from newslint import cluster

    batch = [r.name for r in session.rules if r.code in (session.audit or ()) and r.has_batch]
    if batch:
        raise UsageError(
            f"{', '.join(batch)} compares articles with each other: audit it without --dask, on files"
        )
    parts = cluster.plan_archive(session, args.paths)
    spec = cluster.SessionSpec(
        cli=resolver.cli, config=args.config, cwd=os.getcwd(), audit=tuple(session.audit or ())
    )
    total = cluster.run_parts(
        args.dask,
        parts,
        lambda part: cluster.audit_part(session, part),
        cluster.audit_task,
        spec,
        progress=sys.stderr.isatty(),
    ) or cluster.AuditPart()
    found = sorted(total.hits, key=lambda h: h[0].sort_key)
    return found, total.files, total.articles, total.words
