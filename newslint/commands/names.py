"""``newslint names build``: learn a names file from an archive of published articles."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newslint.config import ConfigResolver
from newslint.dataset import is_dataset
from newslint.names.archive import finish, write_archive
from newslint.session import EXIT_OK, Session, UsageError

if TYPE_CHECKING:
    import pluggy


def _names_command(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    if getattr(args, "names_command", None) != "build":
        print("newslint names: use 'newslint names build --out FILE PATH...'", file=sys.stderr)
        return 2
    return _build_command(args, manager)


def build_archive(
    paths: Sequence[str | os.PathLike[str]],
    *,
    session: Session | None = None,
    min_count: int = 1,
    warn: TextIO | None = None,
    skip: Iterable[str | os.PathLike[str]] = (),
    dask: str | None = None,
    progress: bool = False,
) -> dict:
    """Learn names from the articles under ``paths``; return the names-file document.

    The files are found, read and loaded by ``session`` (a default one when
    None) exactly as ``newslint check`` reads them; JSON Lines and Parquet
    datasets are read a row at a time. A file that cannot be read is skipped
    with a one-line warning on ``warn``; the files in ``skip`` (the names file
    being written) are left out silently. With ``dask`` (a scheduler address,
    ``local`` or ``local:N``) each partition of the archive is summarised on
    the cluster and the summaries summed there: the document is the same.
    """
    from newslint import cluster

    warn = warn if warn is not None else sys.stderr
    skipped = frozenset(str(Path(p).resolve()) for p in skip)
    session = session if session is not None else Session()
    parts = cluster.plan_archive(session, [str(p) for p in paths])
    spec = cluster.SessionSpec(cli=session.resolver.cli, config=_explicit(session), cwd=os.getcwd())
    total = cluster.run_parts(
        dask,
        parts,
        lambda part: cluster.names_part(session, part, skipped),
        cluster.names_task,
        spec,
        skipped,
        progress=progress,
    ) or cluster.NamesPart()
    for path, why in total.skipped:
        print(f"newslint names build: skipping {path}: {why}", file=warn)
    return finish(total.summary, min_count)


def _explicit(session: Session) -> str | None:
    explicit = session.resolver.explicit
    return str(explicit) if explicit else None


def _build_command(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    resolver = ConfigResolver(explicit=Path(args.config) if args.config else None)
    missing = [p for p in args.paths if not Path(p).exists() and not is_dataset(p) and "*" not in p]
    if missing:
        raise UsageError(f"names build: no such file or folder: {missing[0]}")
    t0 = time.perf_counter()
    session = Session(resolver=resolver, manager=manager)
    doc = build_archive(
        args.paths, session=session, min_count=args.min_count, skip=[args.out], dask=args.dask,
        progress=args.dask is not None and sys.stderr.isatty() and not args.quiet,
    )
    try:
        write_archive(doc, Path(args.out))
    except OSError as e:
        raise UsageError(f"names build: cannot write {args.out}: {e.strerror or e}") from None
    if not args.quiet:
        print(
            f"newslint names build: {len(doc['names'])} names and {len(doc['vocabulary'])} words "
            f"from {doc['articles']} articles in {time.perf_counter() - t0:.1f} s -> {args.out}",
            file=sys.stderr,
        )
    return EXIT_OK


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "names",
        help="build a names file from an archive of published articles",
        description="Work with names files (see docs/names.md).",
    )
    sub = p.add_subparsers(dest="names_command")
    b = sub.add_parser(
        "build",
        help="learn the names seen in published articles",
        description=(
            "Walk folders of published articles (the files the loaders read, as check does), learn the person "
            "names seen in them with their counts, and write a names file for --names."
        ),
    )
    b.add_argument("--out", required=True, metavar="FILE", help="the names file (JSON) to write")
    b.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="keep names seen in at least N articles (default 1)")
    b.add_argument("-q", "--quiet", action="store_true", help="do not print a summary")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="run on a Dask cluster: a scheduler address, or local[:N] for N worker processes here")
    b.add_argument("paths", nargs="+", metavar="PATH", help="archive folders or files")
    p.set_defaults(func=_names_command)
    b.set_defaults(func=_build_command)
