"""The diagnostic: one finding, small, immutable and JSON-round-trippable."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any


class Severity(str, enum.Enum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a human looking at it (ruff's three levels).

    Ordered as in ruff, display-only < unsafe < safe: ``--fix`` applies the
    fixes at or above :attr:`SAFE`, ``--unsafe-fixes`` those at or above
    :attr:`UNSAFE`, and nothing applies a display-only fix. A rule whose fix
    must never be made by a machine says display-only.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        return _APPLICABILITY_RANK[self]

    def applies(self, required: Applicability) -> bool:
        """True when a fix of this applicability may be made where ``required`` is asked for."""
        return self is not Applicability.DISPLAY_ONLY and self.rank >= required.rank

    def __str__(self) -> str:
        return self.value


_APPLICABILITY_RANK = {Applicability.DISPLAY_ONLY: 0, Applicability.UNSAFE: 1, Applicability.SAFE: 2}


@dataclass(frozen=True, order=True)
class Position:
    """A place in the source: 1-based line and column (in characters) and 0-based offset."""

    line: int
    column: int
    offset: int


@dataclass(frozen=True)
class Edit:
    """Replace source characters ``start:end`` (0-based offsets, end exclusive) with ``text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Fix:
    """A set of edits that together fix one diagnostic."""

    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability.value,
            "message": self.message,
            "edits": [e.to_dict() for e in self.edits],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Fix:
        return cls(
            edits=tuple(Edit(e["start"], e["end"], e["text"]) for e in d.get("edits", ())),
            applicability=Applicability(d.get("applicability", "unsafe")),
            message=d.get("message"),
        )


@dataclass(frozen=True)
class Diagnostic:
    """One finding in one article.

    ``code`` is the stable code (``NL101``), ``rule`` the readable kebab name
    (``name-consistency``). ``start`` and ``end`` are positions in the source
    file, ``end`` exclusive. ``field`` names the article part the finding is in
    (``headline``, ``body``, ``caption[2]``). ``suggestions`` are replacement
    texts for the covered span, best first. ``data`` carries plugin extras
    and must hold only JSON types.
    """

    code: str
    rule: str
    message: str
    severity: Severity
    path: str
    start: Position
    end: Position
    field: str | None = None
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    url: str | None = None
    data: Mapping[str, Any] = dataclass_field(default_factory=dict)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.start.offset, self.end.offset, self.code, self.message)

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (one element of the ``diagnostics`` list of the envelope)."""
        return {
            "path": self.path,
            "line": self.start.line,
            "column": self.start.column,
            "end_line": self.end.line,
            "end_column": self.end.column,
            "offset": self.start.offset,
            "end_offset": self.end.offset,
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "field": self.field,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_dict() if self.fix else None,
            "url": self.url,
            "data": dict(self.data),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Diagnostic:
        return cls(
            code=d["code"],
            rule=d["rule"],
            message=d["message"],
            severity=Severity(d["severity"]),
            path=d["path"],
            start=Position(d["line"], d["column"], d.get("offset", 0)),
            end=Position(d["end_line"], d["end_column"], d.get("end_offset", 0)),
            field=d.get("field"),
            suggestions=tuple(d.get("suggestions") or ()),
            fix=Fix.from_dict(d["fix"]) if d.get("fix") else None,
            url=d.get("url"),
            data=dict(d.get("data") or {}),
        )
