"""Archive-scale runs: datasets, mergeable names summaries, and the same results on Dask.

The Dask tests start a real ``LocalCluster`` of two worker processes on
loopback, as ``--dask local:2`` does, and compare byte for byte with the
single-machine path.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import cluster
from newslint.commands.names import build_archive
from newslint.dataset import Partition, plan, read_partition
from newslint.names.archive import ArchiveSummary, finish, learn_names, summarize
from newslint.session import Session

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "corpora" / "bbc"

PEOPLE = ["Theresa May", "Keir Starmer", "Angela Merkel", "Emmanuel Macron", "Jacinda Ardern", "Rishi Sunak"]
PLACES = ["Downing Street", "the Bundestag", "the Elysee", "Wellington", "Brussels"]


def _record(i: int) -> dict:
    """A small article record: people introduced in full and named again after Mr/Ms."""
    rnd = random.Random(i)
    a, b = rnd.sample(PEOPLE, 2)
    return {
        "headline": f"Talks in {rnd.choice(PLACES)} end without a deal",
        "byline": "Jane Smith",
        "body": [
            f"{a} met {b} on Tuesday for talks that officials said had gone on late into the night.",
            f"Ms {a.split()[-1]} said the meeting was useful, while {b} told reporters little had changed.",
            f"Officials in {rnd.choice(PLACES)} declined to comment on the talks, which resume next week.",
            *(["The the end result, officials said, was TK."] if i % 7 == 0 else []),
        ],
        "images": [{"caption": f"{a} arriving for the talks", "credit": "Photograph: Reuters"}],
    }


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The same 120 records as a folder of .json files, a JSON Lines file and a Parquet file."""
    root = tmp_path_factory.mktemp("archive")
    records = [_record(i) for i in range(120)]
    folder = root / "files"
    folder.mkdir()
    for i, r in enumerate(records):
        (folder / f"{i:04d}.json").write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
    jsonl = root / "archive.jsonl"
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    parquet = root / "archive.parquet"
    pq.write_table(pa.Table.from_pylist(records), parquet, row_group_size=50)
    return {"folder": folder, "jsonl": jsonl, "parquet": parquet, "records": records}


def test_summaries_merge_in_any_grouping(archive):
    session = Session()
    articles = [r.article for p in plan([str(archive["folder"])], expand=session.expand)
                for r in cluster.read(session, p)]
    assert len(articles) == 120
    whole = learn_names(articles)
    left = sum((summarize(a) for a in articles[:37]), ArchiveSummary())
    right = sum((summarize(a) for a in articles[37:]), ArchiveSummary())
    assert finish(right + left) == whole
    assert whole["articles"] == 120
    names = {n["name"] for n in whole["names"]}
    assert {"Keir Starmer", "Angela Merkel"} <= names


def test_jsonl_is_cut_at_line_ends_with_line_numbers(archive):
    parts = plan([str(archive["jsonl"])], expand=lambda p: p, blocksize=2000)
    assert len(parts) > 5 and all(p.kind == "jsonl" for p in parts)
    rows = [row for p in parts for row in read_partition(p)]
    assert [label for label, _ in rows] == [f"{archive['jsonl']}#L{n}" for n in range(1, 121)]
    assert [json.loads(text) for _, text in rows] == archive["records"]


def test_parquet_is_read_by_row_group(archive):
    parts = plan([str(archive["parquet"])], expand=lambda p: p)
    assert [(p.kind, p.start, p.first_line) for p in parts] == [
        ("parquet", 0, 1), ("parquet", 1, 51), ("parquet", 2, 101)
    ]
    label, text = next(iter(read_partition(parts[1])))
    assert label.endswith("#R51") and json.loads(text)["headline"] == archive["records"][50]["headline"]


def test_the_same_names_from_files_jsonl_and_parquet(archive):
    docs = [build_archive([str(archive[k])]) for k in ("folder", "jsonl", "parquet")]
    assert docs[0] == docs[1] == docs[2]


def test_a_broken_row_is_reported_and_the_rest_learnt(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    good = json.dumps(_record(1))
    path.write_text(f"{good}\n{{not json\n{good}\n", encoding="utf-8")
    warn = []

    class W:
        def write(self, s):
            warn.append(s)

    doc = build_archive([str(path)], warn=W())
    assert doc["articles"] == 2
    assert f"{path}#L2" in "".join(warn)


def test_a_missing_dataset_is_a_usage_error(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "newslint", "names", "build", "--out", str(tmp_path / "n.json"),
         str(tmp_path / "missing.jsonl")],
        capture_output=True, text=True,
    )
    assert r.returncode == 2 and "missing.jsonl" in r.stderr and "Traceback" not in r.stderr


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def dask_ok():
    pytest.importorskip("distributed", reason="Dask is not installed (pip install 'newslint[dask]')")


@pytest.fixture(scope="module")
def scheduler(dask_ok):
    """A real two-process LocalCluster on loopback; the commands reach it by its address."""
    with cluster.local_cluster(2) as c:
        yield c.scheduler_address


@pytest.mark.parametrize("kind", ["folder", "jsonl", "parquet"])
def test_names_build_on_dask_is_identical_to_the_byte(archive, scheduler, tmp_path, kind):
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert _cli("names", "build", "-q", "--out", str(here), str(archive[kind])).returncode == 0
    r = _cli("names", "build", "-q", "--dask", scheduler, "--out", str(there), str(archive[kind]))
    assert r.returncode == 0, r.stderr
    assert here.read_bytes() == there.read_bytes()


def test_audit_on_dask_counts_as_one_machine_does(archive, scheduler):
    here = _cli("audit", "--rule", "NL5", "--format", "json", str(archive["jsonl"]))
    there = _cli("audit", "--rule", "NL5", "--format", "json", "--dask", scheduler, str(archive["jsonl"]))
    assert here.returncode == there.returncode == 0, there.stderr
    a, b = json.loads(here.stdout), json.loads(there.stdout)
    assert a == b and a["articles"] == 120
    hits = {r["name"]: r["hits"] for r in a["rules"]}
    assert hits["doubled-word"] == hits["placeholder"] == 18 and hits["wordy-phrases"] == 18


def test_audit_refuses_a_batch_rule_on_dask(archive, scheduler):
    r = _cli("audit", "--rule", "reused-caption", "--dask", scheduler, str(archive["jsonl"]))
    assert r.returncode == 2 and "compares articles" in r.stderr


def test_a_local_cluster_leaves_port_8787_alone_and_runs_no_profiler(archive, dask_ok, tmp_path):
    import errno
    import socket

    held = socket.socket()
    try:
        held.bind(("127.0.0.1", 8787))  # taken, as by another cluster's dashboard (or it already is)
        held.listen()
    except OSError as e:
        assert e.errno == errno.EADDRINUSE
    try:
        r = _cli("names", "build", "--dask", "local:1", "--out", str(tmp_path / "n.json"), str(archive["jsonl"]))
    finally:
        held.close()
    assert r.returncode == 0, r.stderr
    assert "8787" not in r.stderr and "already in use" not in r.stderr, r.stderr

    from distributed import Client

    with cluster.local_cluster(1) as lc, Client(lc) as c:
        http = lc.scheduler.http_server
        assert http.address == "127.0.0.1" and http.port != 8787
        # the profiler's history would grow a worker by about 0.7 MiB a partition
        assert list(c.run(lambda dask_worker: "profile" in dask_worker.periodic_callbacks).values()) == [False]


def test_a_bad_dask_address_is_a_usage_error(archive, dask_ok, tmp_path):
    r = _cli("names", "build", "--dask", "local:two", "--out", str(tmp_path / "n.json"), str(archive["jsonl"]))
    assert r.returncode == 2 and "local:N" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is not here")
def test_bbc_names_on_dask_identical_to_one_machine(dask_ok, tmp_path):
    here, there = tmp_path / "here.json", tmp_path / "there.json"
    assert _cli("names", "build", "-q", "--out", str(here), str(BBC)).returncode == 0
    r = _cli("names", "build", "-q", "--dask", "local:2", "--out", str(there), str(BBC))
    assert r.returncode == 0, r.stderr
    assert here.read_bytes() == there.read_bytes()
    assert json.loads(here.read_text(encoding="utf-8"))["articles"] > 2200


def test_partition_label_says_where_it_is():
    assert Partition("jsonl", "a.jsonl", 0, 10).label == "a.jsonl bytes 0-10"
    assert Partition("parquet", "a.parquet", 2, 3).label == "a.parquet row group 2"
    assert Partition("files", files=("a.txt", "b.txt")).label == "a.txt and 1 more files"


# -- check on an archive: per-article rules per partition, batch rules shuffled by key ---------


def _findings(report: dict, rows_of: Path | None = None, folder: Path | None = None) -> list[str]:
    """The report's findings as sorted JSON lines; with ``rows_of``, its rows named as ``folder``'s files.

    Row ``#L17`` or ``#R17`` of the dataset is file ``0016.json`` of the folder, in the
    finding's path, its data and its message alike.
    """
    import re

    out = [json.dumps(d, sort_keys=True) for d in report["diagnostics"]]
    if rows_of is not None:
        row = re.compile(re.escape(json.dumps(str(rows_of))[1:-1]) + r"#[LR](\d+)")
        out = [row.sub(lambda m: json.dumps(str(folder / f"{int(m[1]) - 1:04d}.json"))[1:-1], line) for line in out]
    return sorted(out)


def _check(*args: str) -> dict:
    r = _cli("check", "-q", "--format", "json", *args)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_check_on_dask_finds_what_one_machine_finds(archive, scheduler, kind):
    # the folder through the one-machine batch (every article in one process) is the reference
    here = _check("--select", "NL1,NL2,NL5", str(archive["folder"]))
    rows = _check("--select", "NL1,NL2,NL5", str(archive[kind]))
    there = _check("--select", "NL1,NL2,NL5", "--dask", scheduler, str(archive[kind]))
    reused = [d for d in here["diagnostics"] if d["code"] == "NL204"]
    assert len(reused) > 40  # the fixture's captions come back across articles: a real batch check
    assert _findings(there) == _findings(rows)
    assert _findings(there, archive[kind], archive["folder"]) == _findings(here)


def test_check_without_dask_refuses_what_an_archive_cannot_do(archive, tmp_path):
    r = _cli("check", "--fix", str(archive["jsonl"]))
    assert r.returncode == 2 and "--fix" in r.stderr and "Traceback" not in r.stderr


def _bbc_records() -> list[dict]:
    out = []
    for path in sorted(BBC.rglob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        head, _, rest = text.strip().partition("\n")
        paras = [p.strip() for p in rest.split("\n\n") if p.strip()]
        if paras:
            out.append({"headline": head.strip(), "body": paras})
    return out


@pytest.fixture(scope="module")
def bbc_copies(tmp_path_factory):
    """The BBC corpus as a folder of JSON article records, and the same records as JSON Lines and Parquet."""
    if not BBC.is_dir():
        pytest.skip("../shared/corpora/bbc is not here")
    root = tmp_path_factory.mktemp("bbc")
    records = _bbc_records()
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    folder = root / "files"
    folder.mkdir()
    for i, line in enumerate(lines):
        (folder / f"{i:04d}.json").write_text(line, encoding="utf-8")
    (root / "bbc.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.Table.from_pylist(records), root / "bbc.parquet", row_group_size=400)
    return root


BATCH = ("--select", "NL1,NL2,NL003")


def test_bbc_check_on_dask_finds_what_one_machine_finds(bbc_copies, scheduler):
    here = _check(*BATCH, str(bbc_copies / "files"))
    batch = [d for d in here["diagnostics"] if d["data"].get("kind") == "batch"]
    assert len(batch) >= 9 and len(here["diagnostics"]) > 40  # one person spelt two ways, across articles;
    # 9 since "Rio de Janeir" is its own article's slip (found there, beside "Rio de Janeiro")

    for name in ("bbc.jsonl", "bbc.parquet"):
        there = _check(*BATCH, "--dask", scheduler, str(bbc_copies / name))
        assert _findings(there, bbc_copies / name, bbc_copies / "files") == _findings(here), name


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is not here")
def test_bbc_folder_on_dask_with_a_worker_killed_finds_what_one_machine_finds(dask_ok):
    import signal
    import threading
    import time

    from distributed import Client

    here = _check(*BATCH, str(BBC))
    with cluster.local_cluster(2) as lc, Client(lc) as c:
        pids = set(c.run(os.getpid).values())
        killed = []

        def kill_one_when_busy() -> None:
            for _ in range(600):  # as soon as a worker is checking a partition
                busy = [w for w, tasks in c.processing().items() if any("check_task" in t for t in tasks)]
                if busy:
                    time.sleep(1.0)  # mid-partition
                    pid = c.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return
                time.sleep(0.1)

        t = threading.Thread(target=kill_one_when_busy)
        t.start()
        there = _check(*BATCH, "--dask", lc.scheduler_address, str(BBC))
        t.join()
        assert killed and killed[0] in pids
        assert killed[0] not in set(c.run(os.getpid).values())  # the nanny started another
    assert _findings(there) == _findings(here)


def test_a_partition_that_cannot_be_read_is_reported_and_the_rest_checked(archive, scheduler, tmp_path):
    import gzip

    whole = gzip.compress(archive["jsonl"].read_bytes())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # a truncated export
    for how in ((), ("--dask", scheduler)):
        report = _check("--select", "NL003,NL5", *how, str(tmp_path / "cut.jsonl.gz"), str(archive["jsonl"]))
        bad = [d for d in report["diagnostics"] if d["code"] == "NL003"]
        assert [d["path"] for d in bad] == [f"{tmp_path / 'cut.jsonl.gz'}"], how
        assert bad[0]["message"].startswith("cannot read it")
        assert sum(1 for d in report["diagnostics"] if d["code"] == "NL502") == 18  # the other archive's doubled words


def test_check_on_dask_refuses_a_batch_rule_that_needs_every_article(archive):
    import newslint
    from newslint.rule import Rule
    from newslint.session import UsageError

    class Whole(Rule):
        code, name, summary = "XT901", "whole-batch", "compares every article with every other"

        def check_batch(self, articles, ctx):
            return []

    class Plugin:
        __name__ = "whole-batch-plugin"

        @newslint.hookimpl
        def newslint_add_rules(self):
            return [Whole()]

    session = Session(extra_plugins=[Plugin()])
    with pytest.raises(UsageError, match="whole-batch"):
        cluster.check_archive(session, [str(archive["jsonl"])], "local:2", cluster.SessionSpec())
