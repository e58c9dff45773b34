"""Archive-scale runs: partitions read through a session, summed on one machine or on Dask.

``newslint names build`` and ``newslint audit`` are sums over articles, so
they are worked out per partition of the archive (:mod:`newslint.dataset`)
and the partial results merged. ``newslint check`` on an archive checks each
partition with the per-article rules and runs the batch rules by key: their
records are shuffled between group tasks (:func:`check_archive`). On one machine the partitions are read one
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
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.article import Article, Block
from newslint.cache import uncollected
from newslint.config import ConfigError
from newslint.dataset import DEFAULT_BLOCKSIZE, DatasetError, Partition, plan, read_partition
from newslint.diagnostic import Diagnostic
from newslint.names.archive import ArchiveSummary
from newslint.rule import Rule, RuleContext
from newslint.session import PROCESS_CACHE, FileResult, Session, UsageError
from newslint.suppression import Suppressions

if TYPE_CHECKING:
    from distributed import Client, LocalCluster


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


#: what reading a broken dataset file raises (a truncated gzip stream raises EOFError)
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, EOFError, zlib.error, DatasetError)


#: ``check`` cuts JSON Lines into pieces of this many bytes (about 225 news articles, a second or two
#: of a worker's time) rather than the 8 MB ``names build`` reads per task: every rule costs it
#: about eight times ``names build``'s CPU per article, and the workers wait for the slowest at
#: the end of the checks and of each batch round, so the smaller the pieces, the less they wait
#: (4,000 articles: 17 partitions; at 1 MB, 9 of them left one of 2 workers idle for the last)
CHECK_BLOCKSIZE = 512 * 1024


def plan_archive(session: Session, paths: Sequence[str], blocksize: int = DEFAULT_BLOCKSIZE) -> list[Partition]:
    """The archive's partitions: folders walked as ``check`` walks them, datasets cut into pieces."""
    try:
        return plan(paths, expand=session.expand, blocksize=blocksize)
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
            yield FileResult(label, None, [session.finding("NL003", label, f"cannot read as an article: {e}")])
            continue
        yield FileResult(label, article, [])


def check(session: Session, part: Partition) -> Iterator[FileResult]:
    """Each article of ``part`` loaded and checked by ``session``'s per-article rules."""
    for result in read(session, part):
        if result.article is None:
            yield result
            continue
        checked = session.check_article(result.article)
        config = session.resolver.for_path(result.path)
        checked.diagnostics[:0] = [d for d in result.diagnostics if config.rule_enabled(session.rules_by_code[d.code])]
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
    # a file is the skipped one only if its name is, or it is a link: most files need no resolving
    skip_names = {os.path.basename(p) for p in skip}
    with session:
        try:
            for r in read(session, part):
                if (
                    skip
                    and (os.path.basename(r.path) in skip_names or os.path.islink(r.path))
                    and str(Path(r.path).resolve()) in skip
                ):
                    continue
                if r.article is None:
                    why = next((d.message for d in r.diagnostics if d.code != "NL002"), "not an article")
                    out.skipped.append((r.path, why))
                    continue
                out.summary.add(r.article)
        except READ_ERRORS as e:  # a broken dataset file: reported, not fatal
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


# -- check: per-article rules per partition, batch rules by key -------------------------


@dataclass
class CheckPart:
    """What one task of ``check`` on an archive gives: its findings, and its batch records.

    A partition's task and each group task of a batch round give one; the
    findings and notes come back to the command, the records go on, shuffled
    by key, to the next round's group tasks.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: path -> (the article's suppression comments, those its own findings used, each
    #: comment's NL006 finding by index): only articles that have suppression comments
    suppressions: dict[str, tuple[Suppressions, set[int], list[tuple[int, Diagnostic]]]] = field(default_factory=dict)
    articles: int = 0
    internal_error: bool = False
    #: (rule code, key, record) for the next round, in the order they were made
    pending: list[tuple[str, Any, Any]] = field(default_factory=list)
    #: how many records there were (kept when the records are split off)
    records: int = 0

    def head(self) -> CheckPart:
        """This result without its records: what the command itself needs."""
        return replace(self, pending=[], records=len(self.pending))


def key_text(code: str, key: Any) -> str:
    """A batch record's rule code and key as text, the same in every process: what the shuffle hashes.

    Keys are strings, numbers or tuples of them (:meth:`Rule.batch_records`),
    whose ``repr`` is one text per key.
    """
    return repr((code, key))


def batch_rules(session: Session) -> list[Rule]:
    """The enabled rules that compare articles with each other."""
    return [r for r in session.rules if r.has_batch and session.config.rule_enabled(r)]


def _batch_context(session: Session, rule: Rule) -> RuleContext:
    config = session.config
    return RuleContext(config=config, options=config.rule_options(rule), cache=PROCESS_CACHE)


def check_part(session: Session, part: Partition, index: int) -> CheckPart:
    """Check partition number ``index`` with the per-article rules; the batch rules' records of its articles."""
    out = CheckPart()
    rules = [(r, _batch_context(session, r)) for r in batch_rules(session)]
    seen: set[str] = set()
    with session:
        try:
            for r in check(session, part):
                out.diagnostics += r.diagnostics
                out.internal_error = out.internal_error or r.internal_error
                article = r.article
                if article is None:
                    continue
                for rule, ctx in rules:
                    ctx.kept_by_article = {id(article): r.kept[rule.code]} if rule.code in r.kept else {}
                    try:
                        for key, record in rule.batch_records(article, ctx, (index, out.articles)):
                            out.pending.append((rule.code, key, record))
                    except (ConfigError, KeyboardInterrupt):
                        raise
                    except BaseException as e:  # a plugin's batch rule failed: blame it, go on
                        out.internal_error = True
                        out.diagnostics.append(session.rule_failure(rule, article.path, e))
                    finally:
                        ctx.kept_by_article = {}  # the article's analysis goes with the article
                out.articles += 1
                if article.path in out.suppressions:  # a file of several articles: the first one's comments
                    out.suppressions[article.path][1].update(r.used_suppressions)
                elif article.path not in seen:
                    sup = Suppressions.parse(article)
                    if sup.comments:
                        notes = session.suppression_notes(article)
                        out.suppressions[article.path] = (sup, set(r.used_suppressions), notes)
                seen.add(article.path)
        except READ_ERRORS as e:  # a broken dataset file: its partition is reported, the rest checked
            path = part.url or part.label
            where = f" ({part.label})" if part.label != path else ""
            out.diagnostics.append(session.finding("NL003", path, f"cannot read it{where}: {e}"))
    return out


def group_part(session: Session, groups: Iterable[tuple[str, Any, list[Any]]]) -> CheckPart:
    """One round of the batch rules: each ``(rule code, key, records)`` checked together.

    A key must come once with all its records (the shuffle or the caller
    gathers them); what the rules give for a further round is in ``pending``.
    """
    out = CheckPart()
    contexts: dict[str, RuleContext] = {}
    for code, key, records in groups:
        rule = session.rules_by_code[code]
        ctx = contexts.get(code) or contexts.setdefault(code, _batch_context(session, rule))
        try:
            for item in rule.check_group(key, records, ctx):
                if isinstance(item, Diagnostic):
                    out.diagnostics.append(item)
                else:
                    k, record = item
                    out.pending.append((code, k, record))
        except (ConfigError, KeyboardInterrupt):
            raise
        except BaseException as e:
            out.internal_error = True
            out.diagnostics.append(session.rule_failure(rule, "<batch>", e))
    return out


def gather(records: Iterable[tuple[str, Any, Any]]) -> dict[str, tuple[str, Any, list[Any]]]:
    """Records by key (:func:`key_text`): ``(rule code, key, its records)`` in the order keys first came."""
    return _merge((key_text(code, key), code, key, (record,)) for code, key, record in records)


def _merge(chunks: Iterable[tuple[str, str, Any, Iterable[Any]]]) -> dict[str, tuple[str, Any, list[Any]]]:
    """``(key text, rule code, key, records)`` chunks merged by key text, in the order keys first came."""
    groups: dict[str, tuple[str, Any, list[Any]]] = {}
    for text, code, key, records in chunks:
        got = groups.get(text)
        if got is None:
            groups[text] = (code, key, list(records))
        else:
            got[2].extend(records)
    return groups


# -- check on Dask: the records as dataframes, shuffled peer to peer -------------------------
#
# A round's records leave each task as a two-column frame built in Arrow: the key's text (what
# the shuffle hashes) and, pickled together, that key's records from the task; Dask's P2P
# shuffle sends each row to the group task of its key's output partition through the workers'
# disks, so a worker holds neither the records of the partitions it has checked nor those of
# the rest of the shuffle while it waits, only the task it is running.


def records_frame(pending: Iterable[tuple[str, Any, Any]]) -> Any:
    """A task's records as a pandas frame of Arrow columns: ``key`` (text) and ``records`` (pickle)."""
    import pickle

    import pandas as pd
    import pyarrow as pa

    groups = gather(pending)
    with uncollected():
        blobs = [pickle.dumps(g, protocol=5) for g in groups.values()]
    table = pa.table({"key": pa.array(list(groups), pa.string()), "records": pa.array(blobs, pa.binary())})
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def frame_groups(frame: Any) -> Iterator[tuple[str, Any, list[Any]]]:
    """A shuffled partition's records, each key once with all its records (``(code, key, records)``)."""
    import pickle

    blobs = zip(frame["key"].tolist(), frame["records"].tolist(), strict=True)
    # most of unpickling a round's records went to the collections they set off (4.1 of 5.1 s
    # for 2,000 articles' second round), each walking every record read so far
    with uncollected():
        groups = _merge((text, *pickle.loads(blob)) for text, blob in blobs)
    return iter(groups.values())


def check_task(spec: SessionSpec, index: int, part: Partition) -> tuple[CheckPart, Any]:
    """Check one partition on a worker: its findings, and its batch records as a frame."""
    done = check_part(_session_for(spec), part, index)
    return done.head(), records_frame(done.pending)


def group_task(spec: SessionSpec, frame: Any) -> tuple[CheckPart, Any]:
    """One batch round on one shuffled partition: its findings, and the records for the next round."""
    done = group_part(_session_for(spec), frame_groups(frame))
    return done.head(), records_frame(done.pending)


def _fused_groups(shuffled: Any, spec: SessionSpec) -> tuple[dict[Any, Any], list[Any]]:
    """A round's graph: the shuffle of ``shuffled``, each piece unpacked inside the group task that reads it.

    Dask's P2P shuffle ends in cheap tasks per output piece that read the piece
    from the worker's disk (and drop the column it was hashed on). As separate
    tasks, a worker runs every unpacking task it owns as soon as the shuffle
    ends (all are ready at once, and a group task is only sent to the worker
    once its piece is unpacked), so that a whole round's records sat in its
    memory together; fused into one task with the group task, a piece is read
    only when its group task runs, and dropped after it.
    """
    from dask._task_spec import Task, TaskRef

    graph = dict(shuffled.__dask_graph__())
    users: dict[Any, int] = {}
    for task in graph.values():
        for dep in task.dependencies:
            users[dep] = users.get(dep, 0) + 1
    keys = []
    for n, key in enumerate(shuffled.__dask_keys__()):
        fused = (f"batch-group-{key[0]}", n)
        chain = [Task(fused, group_task, spec, TaskRef(key))]
        below = key
        while True:  # down the piece's own tasks to the shuffle's barrier (which every piece uses)
            task = graph.pop(below)
            chain.insert(0, task)
            deps = list(task.dependencies)
            if len(deps) != 1 or users.get(deps[0], 0) != 1 or deps[0] not in graph or graph[deps[0]].block_fusion:
                break  # the barrier says it may not be fused (with one piece it has one user)
            below = deps[0]
        graph[fused] = Task.fuse(*chain, key=fused)
        keys.append(fused)
    return graph, keys


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _second(pair: tuple[Any, Any]) -> Any:
    return pair[1]


def _records_meta() -> Any:
    return records_frame(())


@dataclass
class _CheckTotal:
    """The command's side of ``check`` on an archive: findings folded in as tasks finish."""

    per_article: list[Diagnostic] = field(default_factory=list)
    batch: list[Diagnostic] = field(default_factory=list)
    suppressions: dict[str, tuple[Suppressions, set[int], list[tuple[int, Diagnostic]]]] = field(default_factory=dict)
    articles: int = 0
    internal_error: bool = False

    def add(self, part: CheckPart, batch: bool) -> None:
        (self.batch if batch else self.per_article).extend(part.diagnostics)
        self.articles += part.articles
        self.internal_error = self.internal_error or part.internal_error
        for path, (sup, used, notes) in part.suppressions.items():
            if path in self.suppressions:
                self.suppressions[path][1].update(used)
            else:
                self.suppressions[path] = (sup, used, notes)

    def diagnostics(self) -> list[Diagnostic]:
        """Every finding: the batch's less those suppressed, and NL006 for comments that suppressed nothing."""
        out = list(self.per_article)
        for d in self.batch:
            hit = self.suppressions[d.path][0].hit(d) if d.path in self.suppressions else None
            if hit is None:
                out.append(d)
            else:
                self.suppressions[d.path][1].add(hit)
        for _sup, used, notes in self.suppressions.values():
            out += [d for i, d in notes if i not in used]
        return sorted(out, key=lambda d: d.sort_key)


def check_archive(
    session: Session, paths: Sequence[str], address: str | None, spec: SessionSpec, *, progress: bool = False
) -> int:
    """``newslint check`` over an archive, here or on Dask; sets ``session.report``, returns the exit status.

    Each partition is read and checked on its own (on Dask, a task a
    partition that Dask retries if its worker dies). The batch rules' records
    are then shuffled by key in rounds (:meth:`Rule.check_group`) until no
    records are left: no process holds more than one partition's articles,
    and on Dask only the records of the task it runs.
    """
    from newslint.reporters import Report
    from newslint.session import EXIT_INTERNAL

    single = [r.name for r in batch_rules(session) if not r.keyed]
    if single and address is not None:
        raise UsageError(
            f"{', '.join(single)} compares whole articles with each other: check without --dask, on files"
        )
    if session.config.baseline is not None and session.config.baseline.exists():
        raise UsageError("a baseline needs the articles' text at the end of the run: check an archive without one")
    parts = plan_archive(session, paths, CHECK_BLOCKSIZE)
    session.status = EXIT_INTERNAL
    total = _CheckTotal()
    if address is None:
        _check_here(session, parts, total, progress)
    else:
        _check_on_dask(address, spec, parts, total, progress)
    diags = total.diagnostics()
    session.internal_error = session.internal_error or total.internal_error
    files = list(dict.fromkeys(f for p in parts for f in (p.files or (p.url,))))
    header, failures = session.report_header()
    if failures:  # as Session.run reports them: an NL001 on the run's first file
        session.internal_error = True
        diags += [session.finding("NL001", files[0], why) for why in failures]
        diags.sort(key=lambda d: d.sort_key)
    session.report = Report(
        diagnostics=diags,
        files=files,
        notices=header,
        rules={r.code: r for r in session.rules},
        version=_version(),
    )
    session.status = session.exit_status(diags)
    return session.status


def _check_here(session: Session, parts: Sequence[Partition], total: _CheckTotal, progress: bool) -> None:
    records: list[tuple[str, Any, Any]] = []
    for i, part in enumerate(parts):
        done = check_part(session, part, i)
        total.add(done, batch=False)
        records += done.pending
        del done
        if progress:
            _show(f"{i + 1}/{len(parts)} partitions", i + 1 == len(parts))
    while records:
        done = group_part(session, gather(records).values())
        total.add(done, batch=True)
        records = done.pending


def _check_on_dask(
    address: str, spec: SessionSpec, parts: Sequence[Partition], total: _CheckTotal, progress: bool
) -> None:
    """Partitions checked as tasks, then rounds of group tasks, their records shuffled P2P by key.

    Each round's shuffle and group tasks are handed to Dask as soon as the
    round's tasks are, so each task's records go into the shuffle when it
    ends, not when the last one does; a round after one that left no records
    is left to end. The round of group tasks has one output partition per
    partition of the archive.
    """
    import dask.dataframe as dd
    from distributed import as_completed, wait

    if not parts:
        return
    meta = _records_meta()
    with client(address) as c:
        outs = [c.submit(check_task, spec, i, part, pure=False, retries=2) for i, part in enumerate(parts)]
        what, batch = "partitions", False
        while outs:
            heads = [c.submit(_first, o, pure=False, retries=2) for o in outs]
            frames = [c.submit(_second, o, pure=False, retries=2) for o in outs]
            del outs  # each task's result goes once its findings and its records are taken
            shuffled = dd.from_delayed(frames, meta=meta, verify_meta=False).shuffle(
                on="key", npartitions=len(parts), shuffle_method="p2p"
            )
            graph, keys = _fused_groups(shuffled, spec)
            nxt = c.get(graph, keys, sync=False, retries=2)
            del graph, frames, shuffled
            left = 0
            for n, f in enumerate(as_completed(heads), 1):
                head = f.result()
                f.release()
                total.add(head, batch)
                left += head.records
                if progress:
                    _show(f"{n}/{len(heads)} {what}", n == len(heads))
            del heads
            if not left:
                # a round of no records, let end (cheap): cancelled, its tasks could run after its
                # shuffle was gone and the scheduler logged a KeyError for each
                wait(nxt)
                break
            outs = nxt
            what, batch = "groups of the batch check", True


def _show(line: str, last: bool) -> None:
    sys.stderr.write(f"\r{line}" + ("\n" if last else ""))
    sys.stderr.flush()


def _version() -> str:
    from newslint.version import __version__

    return __version__


# -- running -------------------------------------------------------------------------------


#: Dask settings for the worker processes of a local cluster. Dask's statistical profiler samples
#: every worker's stack 100 times a second and keeps one profile per second of the last 1,000
#: seconds, so a worker's memory grew with the length of the run (by about 0.7 MiB a partition of
#: ``names build``, 67 -> 96 MiB over 50,000 articles) and the sampling took CPU from the checks
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


def _routine_shuffle_note(record: Any) -> bool:
    """False for the scheduler's note that a shuffle started or ended (logged as a warning each time)."""
    return not str(record.msg).startswith(("Shuffle %s initialized", "Shuffle %s deactivated"))


def local_cluster(workers: int) -> LocalCluster:
    """A Dask cluster of ``workers`` processes on this machine, one thread each, on 127.0.0.1 only.

    Without the dashboard Dask's scheduler still serves its HTTP routes
    (health, metrics), on port 8787 unless told otherwise, warning when that
    port is taken (by another cluster or program); here it takes a free port on
    loopback instead. The workers run with :data:`WORKER_CONFIG`.
    """
    import logging

    import dask
    from distributed import LocalCluster

    # the scheduler runs in this process: each batch round of ``check`` would print two such lines
    shuffles = logging.getLogger("distributed.shuffle._scheduler_plugin")
    if _routine_shuffle_note not in shuffles.filters:
        shuffles.addFilter(_routine_shuffle_note)
    with dask.config.set(WORKER_CONFIG):  # the nannies hand the configuration to their workers
        return LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )


def client(address: str) -> Client:
    """A Dask client: ``local`` or ``local:N`` starts a cluster of N worker processes here."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask needs Dask: pip install 'newslint[dask]'") from None
    if address == "local" or address.startswith("local:"):
        n = address.partition(":")[2]
        if n and not n.isdigit():
            raise UsageError(f"--dask {address!r}: write local or local:N, N a number of workers")
        return Client(local_cluster(int(n) if n else (os.cpu_count() or 1)))
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

    On Dask each partition is a task that Dask retries if its worker dies,
    and each partial result is added to the total here as soon as its task
    finishes, then dropped from the worker: a worker holds one partition's
    result at a time, however long the archive (the results must add up in
    any order, as summaries of counts do).
    """
    if not parts:
        return None
    total = None
    if address is None:
        for part in parts:
            r = local(part)
            if total is None:
                total = r
            else:
                total += r  # in place: a long archive is not copied once a partition
        return total
    from distributed import as_completed

    with client(address) as c:
        done = as_completed([c.submit(task, *args, part, pure=False, retries=2) for part in parts])
        for n, f in enumerate(done, 1):
            r = f.result()
            f.release()  # the worker may forget it now
            if total is None:
                total = r
            else:
                total += r
            if progress:
                _show(f"{n}/{len(parts)} partitions", n == len(parts))
        return total


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
    "local_cluster",
    "WORKER_CONFIG",
    "run_parts",
    "CheckPart",
    "READ_ERRORS",
    "CHECK_BLOCKSIZE",
    "batch_rules",
    "key_text",
    "gather",
    "records_frame",
    "frame_groups",
    "check_archive",
    "check_part",
    "check_task",
    "group_part",
    "group_task",
]
