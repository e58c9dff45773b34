"""The built-in subcommands, added through the same hook as any plugin's.

One module a command: ``check``, ``rules`` and ``plugins`` (:mod:`listing`),
``audit`` and ``names build``. Each runs through :class:`~newslint.session.Session`.
"""

from __future__ import annotations

import argparse

from newslint.commands import audit, check, listing, names
from newslint.hookspecs import hookimpl


@hookimpl
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    check.add_parser(subparsers)
    listing.add_parsers(subparsers)
    audit.add_parser(subparsers)
    names.add_parser(subparsers)
