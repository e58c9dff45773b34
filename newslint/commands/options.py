"""Options more than one command takes."""

from __future__ import annotations

import argparse


def csv(values: list[str] | None) -> tuple[str, ...] | None:
    """Comma- or space-separated values of a repeatable option, flattened."""
    if values is None:
        return None
    return tuple(p for v in values for p in v.replace(" ", ",").split(",") if p)


def add_plugin_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("plugins")
    g.add_argument("--no-autoload", action="store_true", help="do not load plugins from entry points")
    g.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="block a plugin by name")
    g.add_argument(
        "--require-plugin", action="append", default=[], metavar="NAME", help="fail unless this plugin is present"
    )
    p.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")


