"""Archives as datasets: articles one a row in JSON Lines or Parquet, local or by fsspec URL.

A newsroom's archive is usually an export, not a folder of files: JSON Lines
(``.jsonl``, ``.ndjson``, optionally ``.gz``) or Parquet, one article a row,
with the fields of the JSON article record (``docs/formats.md``). This module
cuts such inputs into :class:`Partition` objects (a byte range of a JSON Lines
file, a row group of a Parquet file, or a list of article files) and reads
each partition as a stream of ``(label, record text)`` pairs, so that no
process ever holds more than one partition. The label names the row:
``archive.jsonl#L17`` (line 17) or ``archive.parquet#R17`` (row 17).

Local paths need nothing beyond the standard library (Parquet needs
``pyarrow``); a URL with a scheme (``s3://``, ``gcs://``, ``memory://``) is
opened through ``fsspec``, installed by ``pip install 'newslint[dask]'``.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

#: Suffixes of JSON Lines datasets (each may also end in ``.gz``).
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")

#: A JSON Lines file is cut into partitions of about this many bytes (some 3,000 news articles).
DEFAULT_BLOCKSIZE = 8 * 1024 * 1024

#: Article files listed in one partition when a folder is read.
FILES_PER_PARTITION = 500


class DatasetError(Exception):
    """An input that cannot be planned (missing, unknown format, fsspec missing): one sentence."""


def is_dataset(path: str) -> bool:
    """True when ``path`` names a JSON Lines or Parquet dataset (by its suffix) or is a URL."""
    low = path.lower()
    return low.endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES) or _is_url(path)


def _is_url(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


@dataclass(frozen=True)
class Partition:
    """One piece of an archive that one task reads on its own.

    ``kind`` is ``jsonl`` (bytes ``start`` to ``end`` of ``url``, whose first
    line is line ``first_line``), ``parquet`` (row group ``start`` of ``url``,
    whose first row is row ``first_line``) or ``files`` (the article files in
    ``files``).
    """

    kind: str
    url: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1
    files: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The partition in words, for a message: ``archive.jsonl bytes 0-33554432``."""
        if self.kind == "files":
            return f"{self.files[0]} and {len(self.files) - 1} more files" if len(self.files) > 1 else self.files[0]
        if self.kind == "parquet":
            return f"{self.url} row group {self.start}"
        return f"{self.url} bytes {self.start}-{self.end}" if self.end >= 0 else self.url


def _open(url: str, mode: str = "rb") -> IO[Any]:
    if _is_url(url):
        try:
            import fsspec
        except ImportError:
            raise DatasetError(f"{url}: reading URLs needs fsspec (pip install 'newslint[dask]')") from None
        return fsspec.open(url, mode).open()
    return open(url.removeprefix("file://"), mode)


def _expand(paths: Iterable[str]) -> list[str]:
    """Paths with local globs expanded (``archive/2019-*.jsonl``); URLs are expanded by fsspec."""
    out: list[str] = []
    for p in paths:
        if _is_url(p):
            try:
                import fsspec
            except ImportError:
                raise DatasetError(f"{p}: reading URLs needs fsspec (pip install 'newslint[dask]')") from None
            fs, _token, found = fsspec.get_fs_token_paths(p)
            if not found:
                raise DatasetError(f"no such file or folder: {p}")
            protocol = p.split("://", 1)[0]
            out += [f"{protocol}://{f}" if "://" not in f else f for f in sorted(found)]
        elif glob.has_magic(p):
            found = sorted(glob.glob(p))
            if not found:
                raise DatasetError(f"no file matches {p}")
            out += found
        else:
            if not os.path.exists(p):
                raise DatasetError(f"no such file or folder: {p}")
            out.append(p)
    return out


def plan(
    paths: Sequence[str], *, expand: Callable[[list[str]], list[str]], blocksize: int = DEFAULT_BLOCKSIZE
) -> list[Partition]:
    """Cut the inputs into partitions, in the order the rows are read on one machine.

    Folders and article files are listed by ``expand`` (the session's, so
    they are walked as ``newslint check`` walks them) in groups of
    :data:`FILES_PER_PARTITION`; a JSON Lines file is cut at line ends into
    pieces of about ``blocksize`` bytes; a Parquet file into its row groups.
    """
    parts: list[Partition] = []
    loose: list[str] = []

    def flush() -> None:
        for i in range(0, len(loose), FILES_PER_PARTITION):
            parts.append(Partition("files", files=tuple(loose[i : i + FILES_PER_PARTITION])))
        loose.clear()

    for p in _expand(paths):
        low = p.lower()
        if low.endswith(JSONL_SUFFIXES):
            flush()
            parts += _plan_jsonl(p, blocksize)
        elif low.endswith(PARQUET_SUFFIXES):
            flush()
            parts += _plan_parquet(p)
        elif _is_url(p):
            raise DatasetError(f"{p}: a URL must name a JSON Lines or Parquet dataset")
        else:
            loose += expand([p])
    flush()
    return parts


def _plan_jsonl(url: str, blocksize: int) -> list[Partition]:
    """Byte ranges that start and end at line ends, with the number of each range's first line."""
    if url.lower().endswith(".gz"):  # a gzip stream cannot be entered in the middle
        return [Partition("jsonl", url, 0, -1, 1)]
    parts: list[Partition] = []
    start, line = 0, 1  # the current partition's first byte and line
    lines = 0  # line ends counted in the current partition so far
    pos = 0  # the file offset of ``chunk``
    with _open(url) as f:
        while chunk := f.read(min(blocksize, 1024 * 1024)):
            i = 0  # how much of chunk is counted
            while True:
                # the first line end at or after the partition's target size
                at = chunk.find(b"\n", max(i, start + blocksize - 1 - pos))
                if at < 0:
                    break
                lines += chunk.count(b"\n", i, at + 1)
                parts.append(Partition("jsonl", url, start, pos + at + 1, line))
                start, line, lines, i = pos + at + 1, line + lines, 0, at + 1
            lines += chunk.count(b"\n", i)
            pos += len(chunk)
    if pos > start:
        parts.append(Partition("jsonl", url, start, pos, line))
    return parts


def _plan_parquet(url: str) -> list[Partition]:
    pq = _pyarrow_parquet(url)
    with _open(url) as f:
        meta = pq.ParquetFile(f).metadata
        parts, row = [], 1
        for g in range(meta.num_row_groups):
            parts.append(Partition("parquet", url, g, g + 1, row))
            row += meta.row_group(g).num_rows
    return parts


def _pyarrow_parquet(url: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise DatasetError(f"{url}: reading Parquet needs pyarrow (pip install 'newslint[dask]')") from None
    return pq


def read_partition(part: Partition) -> Iterator[tuple[str, str]]:
    """``(label, record)`` for each row of a ``jsonl`` or ``parquet`` partition, in order.

    ``record`` is the row's JSON article record as text; blank lines are
    skipped. Article files (``files`` partitions) are read by the session.
    """
    if part.kind == "jsonl":
        with _open(part.url) as raw:
            stream: Any = gzip.GzipFile(fileobj=raw) if part.url.lower().endswith(".gz") else raw
            if part.start:
                stream.seek(part.start)
            remaining = part.end - part.start if part.end >= 0 else -1
            data = stream.read(remaining) if remaining >= 0 else stream.read()
        for n, line in enumerate(io.BytesIO(data), part.first_line):
            text = line.decode("utf-8", "replace").strip()
            if text:
                yield f"{part.url}#L{n}", text
    elif part.kind == "parquet":
        pq = _pyarrow_parquet(part.url)
        with _open(part.url) as f:
            table = pq.ParquetFile(f).read_row_group(part.start)
        for n, row in enumerate(table.to_pylist(), part.first_line):
            yield f"{part.url}#R{n}", json.dumps(_plain(row), ensure_ascii=False)
    else:
        raise ValueError(f"read_partition reads dataset rows, not {part.kind!r} partitions")


def _plain(value: Any) -> Any:
    """A Parquet row as JSON can hold it (dates and decimals as strings, nulls dropped)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


__all__ = [
    "DEFAULT_BLOCKSIZE",
    "DatasetError",
    "Partition",
    "is_dataset",
    "plan",
    "read_partition",
    "JSONL_SUFFIXES",
    "PARQUET_SUFFIXES",
]
