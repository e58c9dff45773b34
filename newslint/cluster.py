"""Archive-scale runs: partitions read through a session, summed on one machine or on Dask.

``newslint names build`` and ``newslint audit`` are sums over articles, so
they are worked out per partition of the archive (:mod:`newslint.dataset`)
and the partial results merged. On one machine the partitions are read one
after another in this process; with ``--dask ADDRESS`` (or ``local``,
``local:N``) each partition is a task on a Dask cluster and the partial
results are merged in a tree, so no process ever holds more than one
partition's articles. Either way the result is the same: the names file is
identical to the byte.

Dask is an optional extra (``pip install 'newslint[dask]'``); nothing here
imports it unless ``--dask`` is given.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.article import Article, Block
from newslint.dataset import DatasetError, Partition, plan, read_partition
from newslint.diagnostic import Diagnostic
from newslint.names.archive import ArchiveSummary, summarize
from newslint.session import FileResult, Session, UsageError

if TYPE_CHECKING:
    from distributed import Client


@dataclass(frozen=True)
class SessionSpec:
    """How to build the run's :class:`Session` again in a worker process (picklable).

    ``cli`` holds the command line's settings and ``config`` the ``--config``
    file, as the command's own session was given them; ``cwd`` is the folder
    relative paths mean. ``audit`` holds the codes ``newslint audit`` measures.
    """

    cli: Mapping[str, Any] = field(default_factory=dict)
    config: str | None = None
    cwd: str = "."
    audit: tuple[str, ...] | None = None
    max_bytes: int | None = None

    def session(self) -> Session:
        from newslint.config import ConfigResolver

        explicit = Path(self.config) if self.config else None
        resolver = ConfigResolver(dict(self.cli), explicit=explicit)
        kw: dict[str, Any] = {"resolver": resolver, "jobs": 1, "audit": self.audit}
        if self.max_bytes is not None:
            kw["max_bytes"] = self.max_bytes
        return Session(**kw)


#: one session per worker process and spec: rules and their resources are built once
_SESSIONS: dict[str, Session] = {}


def _session_for(spec: SessionSpec) -> Session:
    key = repr(spec)
    if key not in _SESSIONS:
        if spec.cwd and os.path.isdir(spec.cwd):
            os.chdir(spec.cwd)
        _SESSIONS[key] = spec.session()
    return _SESSIONS[key]


def plan_archive(session: Session, paths: Sequence[str]) -> list[Partition]:
    """The archive's partitions: folders walked as ``check`` walks them, datasets cut into pieces."""
    try:
        return plan(paths, expand=session.expand)
    except DatasetError as e:
        raise UsageError(str(e)) from None


def read(session: Session, part: Partition) -> Iterator[FileResult]:
    """Each article of ``part`` loaded by ``session``, unchecked; unreadable files and rows too."""
    if part.kind == "files":
        for path in part.files:
            yield from session.read_path(path).each()
        return
    from newslint.loaders.json import parse_json

    for label, text in read_partition(part):
        try:
            article = parse_json(label, text)
        except ValueError as e:
            yield FileResult(label, None, [session._meta("NL003", label, f"cannot read as an article: {e}")])
            continue
        yield FileResult(label, article, [])


def check(session: Session, part: Partition) -> Iterator[FileResult]:
    """Each article of ``part`` loaded and checked by ``session``'s per-article rules."""
    for result in read(session, part):
        if result.article is None:
            yield result
            continue
        checked = session.check_article(result.article)
        checked.diagnostics[:0] = result.diagnostics
        yield checked


# -- names build ---------------------------------------------------------------------------


@dataclass
class NamesPart:
    """A partition's share of ``names build``: its summary and the files it had to skip."""

    summary: ArchiveSummary = field(default_factory=ArchiveSummary)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def __add__(self, other: NamesPart) -> NamesPart:
        return NamesPart(self.summary + other.summary, [*self.skipped, *other.skipped])

    def __iadd__(self, other: NamesPart) -> NamesPart:
        self.summary += other.summary
        self.skipped += other.skipped
        return self


def names_part(session: Session, part: Partition, skip: frozenset[str] = frozenset()) -> NamesPart:
    """Summarise the articles of one partition for ``names build``."""
    out = NamesPart()
    with session:
        try:
            for r in read(session, part):
                if skip and str(Path(r.path).resolve()) in skip:
                    continue
                if r.article is None:
                    why = next((d.message for d in r.diagnostics if d.code != "NL002"), "not an article")
                    out.skipped.append((r.path, why))
                    continue
                out.summary.update(summarize(r.article))
        except (OSError, ValueError, DatasetError) as e:  # a broken dataset file: reported, not fatal
            out.skipped.append((part.label, f"cannot read it: {e}"))
    return out


def names_task(spec: SessionSpec, skip: frozenset[str], part: Partition) -> NamesPart:
    return names_part(_session_for(spec), part, skip)


# -- audit ---------------------------------------------------------------------------------


@dataclass
class AuditPart:
    """A partition's share of ``audit``: the audited findings with their context, and counts."""

    #: (diagnostic, the words around it) for every audited finding, in reading order
    hits: list[tuple[Diagnostic, str]] = field(default_factory=list)
    files: int = 0
    articles: int = 0
    words: int = 0

    def __add__(self, other: AuditPart) -> AuditPart:
        total = AuditPart(list(self.hits), self.files, self.articles, self.words)
        total += other
        return total

    def __iadd__(self, other: AuditPart) -> AuditPart:
        self.hits += other.hits
        self.files += other.files
        self.articles += other.articles
        self.words += other.words
        return self


def audit_part(session: Session, part: Partition) -> AuditPart:
    """Check one partition with the audited rules; keep their findings and the words they cover."""
    out = AuditPart()
    with session:
        for r in check(session, part):
            out.files += 1
            if r.article is None:
                continue
            out.articles += 1
            out.words += r.article.word_count
            out.hits += [(d, diag_context(r.article, d)) for d in r.diagnostics]
    return out


def audit_task(spec: SessionSpec, part: Partition) -> AuditPart:
    return audit_part(_session_for(spec), part)


def diag_context(article: Article | None, d: Diagnostic) -> str:
    """The words around diagnostic ``d`` in ``article``, the hit in brackets (a sample's context)."""
    if article is None:
        return ""
    for b in article.blocks:
        if b.start <= d.start.offset <= b.end:
            # block-relative offsets (exact for plain text; close enough for a sample elsewhere)
            s = d.start.offset - b.start
            e = max(s, min(len(b.text), d.end.offset - b.start))
            return _context(b, s, e)
    line = article.line_text(d.start.line)
    return " ".join(line.split())[:100]


def _context(block: Block, start: int, end: int, width: int = 40) -> str:
    """The words around a hit on one line, the hit marked with brackets."""
    text = block.text
    left = text[max(0, start - width) : start]
    right = text[end : end + width]
    lead = "..." if start > width else ""
    tail = "..." if end + width < len(text) else ""
    snippet = f"{lead}{left}[{text[start:end]}]{right}{tail}"
    return " ".join(snippet.split())


# -- running -------------------------------------------------------------------------------


def client(address: str) -> Client:
    """A Dask client: ``local`` or ``local:N`` starts a cluster of N worker processes here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'newslint[dask]'") from None
    if address == "local" or address.startswith("local:"):
        n = address.partition(":")[2]
        if n and not n.isdigit():
            raise UsageError(f"--dask {address!r}: write local or local:N, N a number of workers")
        workers = int(n) if n else (os.cpu_count() or 1)
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        )
        return Client(cluster)
    try:
        return Client(address, timeout="30s")
    except OSError as e:
        raise UsageError(f"--dask {address}: cannot reach the scheduler: {e}") from None


def run_parts(
    address: str | None,
    parts: Sequence[Partition],
    local: Callable[[Partition], Any],
    task: Callable[..., Any],
    *args: Any,
    progress: bool = False,
) -> Any:
    """Sum ``local(part)`` over the partitions here, or ``task(*args, part)`` on a Dask cluster.

    On Dask the partial results are summed in a tree of tasks (eight at a
    time), each partition a task that Dask retries if its worker dies.
    """
    if not parts:
        return None
    if address is None:
        total = None
        for part in parts:
            r = local(part)
            if total is None:
                total = r
            else:
                total += r  # in place: a long archive is not copied once a partition
        return total
    with client(address) as c:
        futures = [c.submit(task, *args, part, pure=False, retries=2) for part in parts]
        if progress:
            _progress(c, futures)
        while len(futures) > 1:
            groups = [futures[i : i + 8] for i in range(0, len(futures), 8)]
            futures = [c.submit(_sum, *g, pure=False) if len(g) > 1 else g[0] for g in groups]
        return futures[0].result()


def _sum(*parts: Any) -> Any:
    # a new total (Dask may still hold the inputs), then added to in place
    total = parts[0] + parts[1]
    for p in parts[2:]:
        total += p
    return total


def _progress(c: Client, futures: list[Any]) -> None:
    from distributed import as_completed

    n = len(futures)
    for i, _f in enumerate(as_completed(futures), 1):
        sys.stderr.write(f"\r{i}/{n} partitions")
        sys.stderr.flush()
    sys.stderr.write("\n")


__all__ = [
    "SessionSpec",
    "plan_archive",
    "read",
    "check",
    "NamesPart",
    "names_part",
    "AuditPart",
    "audit_part",
    "audit_task",
    "diag_context",
    "names_task",
    "client",
    "run_parts",
]
