"""The ``newslint`` command line: parse arguments, run a subcommand, map errors to exit statuses.

Every subcommand, the built-in ones included, is added by a plugin through
``newslint_add_commands``. Exit statuses: 0 clean, 1 findings at or above
the fail level, 2 usage error (one line on stderr), 3 internal error.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from newslint.config import ConfigError
from newslint.manager import PluginError, make_manager
from newslint.session import EXIT_INTERNAL, EXIT_USAGE, UsageError


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: error: {message}")


def add_global_options(p: argparse.ArgumentParser) -> None:
    """The options that decide which plugins load and which configuration is read.

    They are read once, before the plugins (and so the subcommands) exist, and
    may stand before or after the subcommand's name.
    """
    g = p.add_argument_group("plugins and configuration (before or after the command)")
    g.add_argument("--no-autoload", action="store_true", help="do not load plugins from entry points")
    g.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="block a plugin by name")
    g.add_argument(
        "--require-plugin", action="append", default=[], metavar="NAME", help="fail unless this plugin is present"
    )
    g.add_argument("--config", metavar="FILE", help="use this configuration file instead of searching")


def _pre_parse(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The global options, wherever they stand, and the arguments left for the subcommand."""
    pre = ArgumentParser(add_help=False, allow_abbrev=False)
    add_global_options(pre)
    return pre.parse_known_args(argv)


def build_parser(manager: object) -> ArgumentParser:
    from newslint.version import __version__

    parser = ArgumentParser(
        prog="newslint",
        description="Editorial QA for news articles: names, captions, spelling, grammar and house style.",
    )
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    sub.required = True
    manager.hook.newslint_add_commands(subparsers=sub)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # a console that cannot show a name's accents gets an escape, not a crash
        enc = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if enc not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        pre, rest = _pre_parse(argv)
        from pathlib import Path

        from newslint.config import ConfigResolver

        run_cfg = ConfigResolver(explicit=Path(pre.config) if pre.config else None).run_config()
        autoload = run_cfg.plugins_autoload and not pre.no_autoload
        autoload = autoload and not os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")
        manager = make_manager(
            autoload=autoload,
            disable=[*run_cfg.plugins_disable, *pre.disable_plugin],
            require=[*run_cfg.plugins_require, *pre.require_plugin],
        )
        # the modules, classes and functions imported so far live as long as the process: out
        # of the cyclic collector's scans (see newslint.cache.read), which walked them again and
        # again in the collections the first article's allocations set off
        gc.freeze()
        parser = build_parser(manager)
        args = parser.parse_args(rest)
        vars(args).update(vars(pre))
        return int(args.func(args, manager))
    except UsageError as e:
        print(f"{e}" if str(e).startswith("newslint") else f"newslint: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except (ConfigError, PluginError) as e:
        print(f"newslint: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newslint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``newslint check ... | head``): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as e:  # a bug: say so in one line, with a way to see the traceback
        if os.environ.get("NEWSLINT_DEBUG"):
            raise
        print(
            f"newslint: internal error: {type(e).__name__}: {e} (set NEWSLINT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
