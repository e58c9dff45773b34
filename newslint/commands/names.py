"""``newslint names build``: learn a names file from an archive of published articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.article import Article

if TYPE_CHECKING:
    import pluggy


def _names_command(args: argparse.Namespace, manager: pluggy.PluginManager | None) -> int:
    if getattr(args, "names_command", None) != "build":
        print("newslint names: use 'newslint names build --out FILE PATH...'", file=sys.stderr)
        return 2
    return _build_command(args, manager)


def _build_command(args: argparse.Namespace, manager: pluggy.PluginManager | None) -> int:
    import time

    from newslint.config import Config
    from newslint.names.archive import build_archive, write_archive

    loader = None
    if manager is not None:
        config = Config()

        def loader(path: str, text: str) -> Article:
            art = manager.hook.newslint_load_article(path=path, text=text, config=config)
            if art is None:
                from newslint.loaders.text import parse_text

                art = parse_text(path, text)
            return art

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"newslint names build: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    doc = build_archive(args.paths, loader=loader, min_count=args.min_count, skip=[args.out])
    try:
        write_archive(doc, Path(args.out))
    except OSError as e:
        print(f"newslint names build: cannot write {args.out}: {e.strerror or e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"newslint names build: {len(doc['names'])} names and {len(doc['vocabulary'])} words "
            f"from {doc['articles']} articles in {time.perf_counter() - t0:.1f} s -> {args.out}",
            file=sys.stderr,
        )
    return 0


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
            "Walk folders of published articles (*.txt, *.md, *.html, *.json), learn the person "
            "names seen in them with their counts, and write a names file for --names."
        ),
    )
    b.add_argument("--out", required=True, metavar="FILE", help="the names file (JSON) to write")
    b.add_argument("--min-count", type=int, default=1, metavar="N",
                   help="keep names seen in at least N articles (default 1)")
    b.add_argument("-q", "--quiet", action="store_true", help="do not print a summary")
    b.add_argument("paths", nargs="+", metavar="PATH", help="archive folders or files")
    p.set_defaults(func=_names_command)
    b.set_defaults(func=_build_command)
