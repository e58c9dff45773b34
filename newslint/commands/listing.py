"""``newslint rules`` and ``newslint plugins``: what the run knows, listed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config import ConfigResolver
from newslint.manager import collect_rules, plugin_infos
from newslint.session import EXIT_OK

if TYPE_CHECKING:
    import pluggy


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    r = subparsers.add_parser(
        "rules", help="list every rule", description="List every rule with its code, name, summary and default state."
    )
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.set_defaults(func=run_rules)

    pl = subparsers.add_parser("plugins", help="list plugins and their versions")
    pl.set_defaults(func=run_plugins)


def run_rules(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    resolver = ConfigResolver(explicit=Path(args.config) if args.config else None)
    config = resolver.run_config()
    rules = collect_rules(manager)
    if args.format == "json":
        import json

        print(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "summary": r.summary,
                        "severity": r.default_severity.value,
                        "enabled": config.rule_enabled(r),
                        "unavailable": r.unavailable(config),
                        "plugin": r.plugin,
                        "options": dict(r.options),
                        "url": r.url,
                        "varieties": list(r.varieties),
                    }
                    for r in rules
                ],
                indent=2,
                default=str,
            )
        )
        return EXIT_OK
    wn = max((len(r.name) for r in rules), default=4)
    for r in rules:
        state = "on " if config.rule_enabled(r) else "off"
        varieties = ",".join(r.varieties) or "any"
        why = r.unavailable(config) if state == "off" else None
        print(f"{r.code:<6} {r.name:<{wn}}  {state}  {r.default_severity.value:<7}  {varieties:<5}  {r.summary}"
              + (f" (off: {why})" if why else ""))
    return EXIT_OK


def run_plugins(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    for info in plugin_infos(manager):
        origin = "built-in" if info.builtin else f"{info.distribution or '?'} {info.version or ''}".strip()
        print(f"{info.name:<32} {origin}")
    return EXIT_OK
