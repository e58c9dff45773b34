"""``newslint rules``, ``newslint rule NAME`` and ``newslint plugins``: what the run knows, listed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newslint.config import ConfigResolver
from newslint.manager import collect_rules, plugin_infos
from newslint.selection import known_selector, matches
from newslint.session import EXIT_OK, UsageError

if TYPE_CHECKING:
    import pluggy

    from newslint.rule import Rule


def add_parsers(subparsers: argparse._SubParsersAction) -> None:
    r = subparsers.add_parser(
        "rules", help="list every rule", description="List every rule with its code, name, summary and default state."
    )
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument(
        "--docs",
        metavar="DIR",
        help="write each rule's documentation page (DIR/<name>.md, from its docstring and options) instead",
    )
    r.add_argument(
        "--select",
        metavar="SELECTORS",
        help="only these rules: comma-separated codes, code prefixes or names (newslint's own: NL)",
    )
    r.set_defaults(func=run_rules)

    one = subparsers.add_parser(
        "rule",
        help="show a rule's documentation",
        description="Print a rule's documentation (what it does, why, an example, its options and fix safety).",
    )
    one.add_argument("name", metavar="NAME", help="the rule's code (NL101) or name (name-consistency)")
    one.set_defaults(func=run_rule)

    pl = subparsers.add_parser("plugins", help="list plugins and their versions")
    pl.set_defaults(func=run_plugins)


def run_rules(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    resolver = ConfigResolver(explicit=Path(args.config) if args.config else None)
    config = resolver.run_config()
    rules = collect_rules(manager)
    if args.select:
        wanted = [s.strip() for s in args.select.split(",") if s.strip()]
        unknown = [s for s in wanted if not known_selector(rules, s)]
        if unknown:
            raise UsageError(f"--select names no rule: {', '.join(unknown)} (newslint rules lists them)")
        rules = [r for r in rules if any(matches(r, s) for s in wanted)]
    if args.docs:
        return write_docs(rules, Path(args.docs))
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
                        "options": dict(r.options),  # the defaults
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


def write_docs(rules: list[Rule], folder: Path) -> int:
    """Write ``folder/<name>.md`` for each rule (:func:`newslint.ruledoc.rule_page`); say what changed."""
    from newslint.ruledoc import rule_page

    folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    for rule in rules:
        path = folder / f"{rule.name}.md"
        page = rule_page(rule)
        if not path.is_file() or path.read_text(encoding="utf-8") != page:
            path.write_text(page, encoding="utf-8")
            changed += 1
            print(f"wrote {path}")
    print(f"{len(rules)} rule pages in {folder}, {changed} changed")
    return EXIT_OK


def rule_text(rule: Rule, enabled: bool) -> str:
    """A rule's documentation as ``newslint rule`` prints it: a heading line, the summary, the docstring."""
    import inspect

    state = "on" if enabled else "off"
    head = f"{rule.code} {rule.name} ({rule.default_severity.value}, {state} in this configuration, from {rule.plugin})"
    parts = [head, "", rule.summary]
    doc = inspect.cleandoc(rule.doc or "")
    if doc:
        parts += ["", doc]
    if rule.url:
        parts += ["", f"More: {rule.url}"]
    return "\n".join(parts) + "\n"


def run_rule(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    config = ConfigResolver(explicit=Path(args.config) if args.config else None).run_config()
    rules = collect_rules(manager)
    wanted = args.name.strip()
    for r in rules:
        if wanted.upper() == r.code or wanted.lower() == r.name:
            sys.stdout.write(rule_text(r, config.rule_enabled(r)))
            return EXIT_OK
    import difflib

    close = difflib.get_close_matches(wanted.lower(), [r.name for r in rules], n=1)
    hint = f" (did you mean {close[0]}?)" if close else " (newslint rules lists them)"
    raise UsageError(f"no rule {wanted!r}{hint}")


def run_plugins(args: argparse.Namespace, manager: pluggy.PluginManager) -> int:
    for info in plugin_infos(manager):
        origin = "built-in" if info.builtin else f"{info.distribution or '?'} {info.version or ''}".strip()
        print(f"{info.name:<32} {origin}")
    return EXIT_OK
