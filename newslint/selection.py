"""Which rules a configuration picks: flake8 and ruff's select / ignore by code prefix or name.

A rule here is anything with a ``code``, a ``name`` and ``default_enabled``
(:class:`newslint.Rule`); the configuration uses these functions without
depending on the rule machinery.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.rule import Rule


def matches(rule: Rule, selector: str) -> int:
    """How specifically ``selector`` names ``rule``: 0 for not at all, else a length.

    A selector is a code prefix (``NL1``, ``NL101``), a rule name, or ``ALL``.
    A full rule name counts as most specific.
    """
    s = selector.strip()
    if s == "ALL":
        return 1
    if s == rule.name:
        return 1000
    if s and rule.code.upper().startswith(s.upper()):
        return len(s) + 1
    return 0


def is_selected(
    rule: Rule,
    select: Sequence[str] | None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> bool:
    """flake8 / ruff semantics: the longest matching selector wins, ignore wins ties.

    With ``select`` unset, rules are on by their ``default_enabled``.
    """
    best_sel = max((matches(rule, s) for s in [*(select or ()), *extend_select]), default=0)
    best_ign = max((matches(rule, s) for s in ignore), default=0)
    if best_sel == 0 and select is None and rule.default_enabled:
        best_sel = 1  # on by default, like an implicit "ALL" of default rules
    if best_sel == 0:
        return False
    return best_sel > best_ign


def known_selector(rules: Iterable[Rule], selector: str) -> bool:
    return any(matches(r, selector) for r in rules)
