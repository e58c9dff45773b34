"""``newslint lsp``: a Language Server Protocol server, so editors show findings as you write.

This module only adds the command; the server (:mod:`newslint.lsp.server`, on pygls)
is imported when the command runs, so it needs the ``lsp`` extra only then:
``pip install 'newslint[lsp]'``. See ``docs/lsp.md``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newslint.hookspecs import hookimpl
from newslint.session import EXIT_OK, UsageError

if TYPE_CHECKING:
    import pluggy


@hookimpl
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "lsp",
        help="run the language server for editors (stdio)",
        description=(
            "Speak the Language Server Protocol on standard input and output: diagnostics for plain "
            "text, Markdown and HTML on open, change and save, and code actions for the fixes."
        ),
    )
    p.add_argument(
        "--config", metavar="FILE", help="the configuration for every document (default: found from each document)"
    )
    p.add_argument(
        "--debounce",
        type=float,
        default=0.3,
        metavar="S",
        help="seconds to wait after a change before checking (default 0.3)",
    )
    p.add_argument(
        "--stdio", action="store_true", help="accepted for editors that pass it; stdio is the only transport"
    )
    p.set_defaults(func=run_lsp)


def run_lsp(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    try:
        from newslint.lsp.server import build_server
    except ImportError as e:
        raise UsageError(
            f"newslint lsp needs the lsp extra ({e.name} is missing): pip install 'newslint[lsp]'"
        ) from None
    if args.debounce < 0:
        raise UsageError("--debounce must not be negative")
    server = build_server(config_file=args.config, debounce=args.debounce)
    server.start_io()
    return EXIT_OK
