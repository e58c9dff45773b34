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
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as c:
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
