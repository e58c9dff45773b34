"""Helpers for the options of more than one command."""

from __future__ import annotations


def csv(values: list[str] | None) -> tuple[str, ...] | None:
    """Comma- or space-separated values of a repeatable option, flattened."""
    if values is None:
        return None
    return tuple(p for v in values for p in v.replace(" ", ",").split(",") if p)


