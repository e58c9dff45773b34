"""An optional on-disk cache of LanguageTool's answers, shared by runs and worker processes.

LanguageTool takes a tenth of a second to a second an article; an editor who
re-runs newslint after changing one paragraph, or CI re-checking a batch after
one fix, should not wait for the rest again. With ``cache-dir`` set, answers
are kept in an SQLite file there, keyed by a SHA-256 of the settings and the
block's text. The text itself is not stored, only LanguageTool's matches
(offsets, messages, replacements; a message may repeat a word or two of it).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

FILENAME = "languagetool-cache.sqlite3"
#: Answers older than this are dropped when the file is opened (LanguageTool improves).
MAX_AGE_DAYS = 30


def key_for(settings_key: Any, text: str) -> str:
    """The stable key of one block's answer under some settings."""
    raw = json.dumps([settings_key, text], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class DiskCache:
    """Answers in ``folder``/languagetool-cache.sqlite3; every error turns the cache off, once."""

    def __init__(self, folder: Path):
        self.path = folder / FILENAME
        self.error: str | None = None
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        # a connection must not be used, or closed, in a forked child: keep the parent's alive
        self._inherited: list[sqlite3.Connection] = []

    def _connect(self) -> sqlite3.Connection:
        import sqlite3  # imported when an answer is first kept or looked up, not by every run

        if self._db is not None and self._pid == os.getpid():
            return self._db
        if self._db is not None:
            self._inherited.append(self._db)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")  # readers and one writer at a time, across workers
        db.execute(
            "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, matches TEXT NOT NULL, used REAL NOT NULL)"
        )
        db.execute("DELETE FROM answers WHERE used < ?", (time.time() - MAX_AGE_DAYS * 86400,))
        self._db, self._pid = db, os.getpid()
        return db

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if self.error:
            return None
        import sqlite3

        try:
            row = self._connect().execute("SELECT matches FROM answers WHERE key = ?", (key,)).fetchone()
            return None if row is None else list(json.loads(row[0]))
        except (sqlite3.Error, OSError, ValueError) as e:
            self.error = f"{self.path}: {e}"
            return None

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        if self.error:
            return
        import sqlite3

        try:
            self._connect().execute(
                "INSERT OR REPLACE INTO answers (key, matches, used) VALUES (?, ?, ?)",
                (key, json.dumps(matches, ensure_ascii=False), time.time()),
            )
        except (sqlite3.Error, OSError) as e:
            self.error = f"{self.path}: {e}"

    def close(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            self._db.close()
        self._db = None
