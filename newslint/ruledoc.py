"""A rule's documentation from one source: its docstring and its options, as a Markdown page.

The page ``docs/rules/<name>.md`` is what :func:`rule_page` writes (``newslint
rules --docs docs/rules --select NL``), and a test fails when a checked-in page
differs, so the docstring ``newslint rule NAME`` prints and the page cannot drift.

A rule's docstring is Markdown: an introduction, then the sections of
:data:`~newslint.rule.DOC_SECTIONS`, each a heading on a line of its own with its
text indented under it::

    Flags a person's name that is probably misspelt.

    What it does
        Finds person names in the headline, ...

The page adds what the rule's attributes say (its summary, default severity,
whether it is on by default, the varieties of English it is for, the plugin that
ships it) and, under *Options*, a table of its :class:`~newslint.rule.Option`
declarations: each option's TOML key, type, default and help.
"""

from __future__ import annotations

import inspect
import json
from typing import TYPE_CHECKING, Any

from newslint.rule import DOC_SECTIONS, option_specs

#: Sections a docstring may add after the fixed ones, rendered in this order.
EXTRA_SECTIONS = ("See also",)

if TYPE_CHECKING:
    from newslint.rule import Option, Rule

__all__ = ["doc_sections", "option_table", "rule_page", "toml_value"]


def doc_sections(doc: str) -> tuple[str, dict[str, str]]:
    """A docstring's introduction and its sections (heading -> text), dedented."""
    lines = inspect.cleandoc(doc or "").splitlines()
    intro: list[str] = []
    sections: dict[str, list[str]] = {}
    current = intro
    for line in lines:
        if line.strip() in (*DOC_SECTIONS, *EXTRA_SECTIONS) and not line[:1].isspace():
            current = sections.setdefault(line.strip(), [])
        else:
            current.append(line)
    return "\n".join(intro).strip(), {k: _under_heading(v) for k, v in sections.items()}


def _under_heading(lines: list[str]) -> str:
    """A section's text: its lines less the indentation that puts them under the heading.

    Exactly one level (four spaces) goes, so an example indented further stays a code block.
    """
    level = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    level = min(level, 4)
    return "\n".join(x[level:] for x in lines).strip("\n").rstrip()


def toml_value(value: Any) -> str:
    """A default as it is written in ``pyproject.toml``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        # a literal string when it needs no escapes: regular expressions read as written
        return f"'{value}'" if "\\" in value and "'" not in value else json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False, default=str)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def option_table(specs: dict[str, Option]) -> str:
    """The options as a Markdown table: TOML key, type, default, meaning."""
    if not specs:
        return ""
    rows = ["| option | type | default | meaning |", "|--------|------|---------|---------|"]
    for key, spec in specs.items():
        default = toml_value(spec.default)
        code = f"`` {default} ``" if "`" in default else f"`{default}`"
        rows.append(f"| `{key.replace('_', '-')}` | {spec.expected} | {_cell(code)} | {_cell(spec.help)} |")
    return "\n".join(rows)


def _facts(rule: Rule) -> str:
    """The line under the summary: severity, default state, varieties, the plugin that ships it."""
    facts = [f"Default severity: **{rule.default_severity.value}**."]
    if not rule.default_enabled:
        how = f'`extend-select = ["{rule.code}"]` (or `--extend-select {rule.code}`)'
        facts.append(f"**Off by default**: turn it on with {how}.")
    if rule.varieties:
        facts.append(f"For {' and '.join(rule.varieties)} copy only.")
    plugin = rule.plugin or ""
    if plugin and not plugin.startswith("newslint."):
        facts.append(f"Provided by the separate `{plugin}` distribution (`pip install {plugin}`).")
    return " ".join(facts)


def rule_page(rule: Rule) -> str:
    """The Markdown page of ``rule``, as ``docs/rules/<name>.md`` holds it."""
    intro, sections = doc_sections(rule.doc)
    parts = [f"# {rule.name} ({rule.code})", rule.summary.rstrip(".") + ".", _facts(rule)]
    if intro:
        parts.append(intro)
    for heading in DOC_SECTIONS:
        text = sections.get(heading, "")
        if heading == "Options":
            text = "\n\n".join(t for t in (text, option_table(option_specs(rule.options))) if t)
        parts.append(f"## {heading}\n\n{text}" if text else f"## {heading}")
    parts.extend(f"## {h}\n\n{sections[h]}" for h in EXTRA_SECTIONS if sections.get(h))
    return "\n\n".join(parts) + "\n"
