"""Data compiled once and kept in the user's cache folder, keyed by the version of its sources.

Word lists and indexes that every run builds the same way (the spelling
lexicon, a names index) cost a few hundred milliseconds to build from their
source files and a fraction of that to load ready-made. :func:`cached` builds
a value once, pickles it into the cache folder, and later processes load it
as long as the key is the same. The key is what the value was built from:
:func:`stamp` of the source files (path, size and modification time; pass the
building module's own file too, so an edit to the code rebuilds), plus the
newslint and Python versions.

The folder is ``$NEWSLINT_CACHE_DIR`` if set, else the platform's user cache
folder (``$XDG_CACHE_HOME/newslint`` or ``~/.cache/newslint``,
``~/Library/Caches/newslint`` on macOS, ``%LOCALAPPDATA%\\newslint\\Cache``
on Windows), never the working folder. ``NEWSLINT_CACHE_DIR=off`` turns the
cache off. A folder that cannot be written, or a file that cannot be read,
costs the build and nothing else. The files hold only shipped or configured
word lists, never article text.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Bump when the layout of the cached files changes.
FORMAT = 1
#: Versions kept per name (several checkouts or installs may share the folder).
KEEP = 8

OFF = ("off", "0", "no", "false")


def cache_dir() -> Path | None:
    """The folder cached data lives in, or None when the cache is turned off."""
    env = os.environ.get("NEWSLINT_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in OFF or not env.strip() else Path(env)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "newslint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "newslint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "newslint" if xdg and os.path.isabs(xdg) else Path.home() / ".cache" / "newslint"


def stamp(paths: Iterable[str | os.PathLike[str]]) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time (ns) of each file: the version of the data in them."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((os.fspath(p), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((os.fspath(p), -1, -1))
    return tuple(out)


def cached(name: str, version: object, build: Callable[[], T]) -> T:
    """``build()``'s value, loaded from the cache folder when built before from the same ``version``.

    ``name`` names the data (one file per name is kept: a new version replaces
    the old); ``version`` is anything with a stable ``repr`` that changes when
    the value would, usually :func:`stamp` of its sources. The newest
    :data:`KEEP` versions of a name are kept.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    from newslint.version import __version__

    key = repr((FORMAT, __version__, sys.version_info[:2], name, version))
    path = folder / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.pickle"
    try:
        value: T = read(path)
        return value
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign file: build again and replace it
        pass
    value = build()
    _store(folder, path, name, value)
    return value


def read(path: Path) -> Any:
    """Unpickle one cache file, its objects left out of the cyclic garbage collector's scans.

    Unpickling makes thousands of containers. Collected as they are made, each collection
    they set off walks every object of the process; made with the collector off, they
    all sit in its youngest generation, and the next collections walk them twice on their
    way to the oldest. What is read holds no cycles and lives as long as the process, so
    it is moved, with everything made before it, to the collector's permanent generation
    (:func:`gc.freeze`): no collection looks at it again (a cold one-article run spent some
    30 ms of its 500 in collections that freed 640 objects).
    """
    with uncollected(), open(path, "rb") as f:
        value = pickle.load(f)
        gc.freeze()
    return value


@contextmanager
def uncollected() -> Iterator[None]:
    """No cyclic garbage collection inside: for pickling or unpickling many records that hold no cycles.

    Each collection that making thousands of containers sets off walks every
    object of the process, so that most of the time would go to the collector
    (:func:`read`; ``check --dask``'s batch records). Collection resumes, if it
    was on, when the block ends.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _store(folder: Path, path: Path, name: str, value: object) -> None:
    import tempfile  # only when a file is written: most runs only read

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: another process sees the old file or the new one
        except BaseException:
            os.unlink(tmp)
            raise
        versions = sorted(folder.glob(f"{name}-{'?' * 16}.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in versions[KEEP:]:
            old.unlink(missing_ok=True)
    except Exception:  # a read-only home, a full disk: the cache is an optimisation only
        pass
