"""Regular expressions compiled once and kept in the user's cache folder.

Python compiles a pattern in Python (parse, then code generation) in every process,
and a cold one-article run compiles about 270 of them: some 60 ms of CPU, a quarter
of the run. :func:`compile_re` is :func:`re.compile`, except that the program it compiles
a pattern to (the list of numbers the regex engine runs) is kept in the cache folder
(:mod:`newslint.cache`), and a later process hands that program to the engine as
:func:`re.compile` itself finally does (``_sre.compile``), which takes microseconds.

The program is CPython's private format, so the file is keyed by the exact Python
version, only CPython uses it, and anything unexpected (another interpreter, a
changed internal) falls back to :func:`re.compile`. A pattern whose program is not yet
kept is compiled by :func:`re.compile` too, and its program added when the process
exits. The file holds the shipped patterns and the configured house-style ones,
never article text; at most :data:`KEEP_PATTERNS` of them.
"""

from __future__ import annotations

import atexit
import re
import sys
from array import array
from typing import Any

#: Bump when the layout of the kept programs changes.
FORMAT = 1
#: Patterns kept in the file at most: a process's own first, then those of others (``names build``,
#: other configurations) while there is room.
KEEP_PATTERNS = 1024

_Entry = tuple[int, bytes, int, dict[str, int], tuple[Any, ...]]

_table: dict[tuple[str, int], _Entry] | None = None
_new: dict[tuple[str, int], _Entry] = {}
_used: set[tuple[str, int]] = set()
_path: Any = None
_engine: Any = None  # (_sre, parse, code generator), or False when this interpreter cannot take programs


def _internals() -> Any:
    global _engine
    if _engine is None:
        _engine = False
        try:
            if sys.implementation.name != "cpython":
                raise ImportError
            import _sre

            if sys.version_info >= (3, 11):
                from re import _compiler, _parser  # type: ignore[attr-defined]
            else:  # pragma: no cover
                import sre_compile as _compiler
                import sre_parse as _parser
            _engine = (_sre, _parser.parse, _compiler._code)  # type: ignore[attr-defined]
        except (ImportError, AttributeError):
            pass
    return _engine


def _load() -> dict[tuple[str, int], _Entry]:
    global _table, _path
    _table = {}
    from newslint import cache

    folder = cache.cache_dir()
    if folder is None or not _internals():
        return _table
    import hashlib

    from newslint.version import __version__

    key = repr((FORMAT, __version__, sys.version, sys.implementation.cache_tag))
    _path = folder / f"regex-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    try:
        got = cache.read(_path)
        if isinstance(got, dict):
            _table = got
    except Exception:  # absent, truncated or foreign: compile as usual and write it again
        pass
    return _table


def compile_re(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept program when there is one."""
    table = _table if _table is not None else _load()
    flags = int(flags)
    entry = table.get((pattern, flags)) if isinstance(pattern, str) else None
    if entry is not None:
        try:
            final, code, groups, groupindex, indexgroup = entry
            compiled = _engine[0].compile(pattern, final, array("I", code).tolist(), groups, groupindex, indexgroup)
            _used.add((pattern, flags))
            return compiled
        except Exception:  # an entry this engine refuses: compile it as re does
            pass
    compiled = re.compile(pattern, flags)
    if _path is not None and isinstance(pattern, str) and not flags & re.DEBUG and len(_new) < KEEP_PATTERNS:
        _keep(pattern, flags, compiled)
    return compiled


def _keep(pattern: str, flags: int, compiled: re.Pattern[str]) -> None:
    """Work out the program of ``pattern`` as re does, and keep it if it makes the same pattern."""
    _sre, parse, code_of = _engine
    try:
        p = parse(pattern, flags)
        code = code_of(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        entry = (flags | p.state.flags, array("I", code).tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup))
        again = _sre.compile(pattern, entry[0], list(code), entry[2], entry[3], entry[4])
    except Exception:
        return
    if (again.flags, again.groups, again.groupindex) != (compiled.flags, compiled.groups, compiled.groupindex):
        return
    if not _new:
        atexit.register(_save)
    _new[(pattern, flags)] = entry


def _save() -> None:
    """Add this process's new programs to the file (another process may have written it meanwhile)."""
    if not _new or _path is None:
        return
    from newslint import cache

    on_disk: dict[tuple[str, int], _Entry] = {}
    try:
        got = cache.read(_path)
        if isinstance(got, dict):
            on_disk = got
    except Exception:
        pass
    # this process's patterns first, so a pattern no process compiles any more drops out in time
    mine = {k: v for k, v in (_table or {}).items() if k in _used}
    table = {**dict(list(_new.items())[:KEEP_PATTERNS]), **mine}
    for k, v in on_disk.items():
        if len(table) >= KEEP_PATTERNS:
            break
        table.setdefault(k, v)
    _new.clear()
    cache._store(_path.parent, _path, "regex", table)
