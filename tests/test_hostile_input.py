"""Input that must not hang the run, take it down or hide a finding (issue 12, defects 4, 5 and 7)."""

from __future__ import annotations

import codecs
import json
import os
import threading

import pytest
from conftest import write

from newslint.cli import main

STORY = "Headline\n\nThe firm said teh sales rose.\n"


def check_json(*argv, capsys):
    status = main(["check", "--no-autoload", "--format", "json", *map(str, argv)])
    cap = capsys.readouterr()
    return status, json.loads(cap.out) if cap.out.strip() else None, cap.err


def _with_deadline(seconds, fn):
    """Run ``fn`` in a thread; fail the test (instead of hanging CI) when it takes longer."""
    box = {}
    t = threading.Thread(target=lambda: box.setdefault("r", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"still running after {seconds} s"
    return box["r"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_named_or_walked_is_skipped_not_waited_on(tmp_path, capsys):
    write(tmp_path / "news" / "a.txt", STORY)
    os.mkfifo(tmp_path / "news" / "pipe.txt")
    os.mkfifo(tmp_path / "given.txt")
    status, out, _ = _with_deadline(30, lambda: check_json(tmp_path / "news", tmp_path / "given.txt", capsys=capsys))
    nl003 = {os.path.basename(d["path"]): d["message"] for d in out["diagnostics"] if d["code"] == "NL003"}
    assert nl003 == {
        "pipe.txt": "file is a named pipe (FIFO), not text; skipped",
        "given.txt": "file is a named pipe (FIFO), not text; skipped",
    }
    assert any(d["rule"] == "spelling" for d in out["diagnostics"])  # the real file was checked
    assert status == 1


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_is_read_as_utf32(tmp_path, capsys, codec):
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    p = write(tmp_path / "story.txt", bom + "Headline\n\nThe café said teh sales rose.\n".encode(codec))
    status, out, _ = check_json(p, capsys=capsys)
    spelling = [d for d in out["diagnostics"] if d["rule"] == "spelling"]
    assert [(d["line"], d["column"], d["end_column"]) for d in spelling] == [(3, 15, 18)]
    assert not [d for d in out["diagnostics"] if d["code"].startswith("NL00")]


@pytest.mark.parametrize("tail", ["opened.", "opened!!"], ids=["even", "odd"])
def test_a_charset_utf16_mention_in_an_ascii_file_is_not_believed(tmp_path, capsys, tail):
    p = write(tmp_path / "story.txt", b'Headline\n\n<meta charset="utf-16"> The caf\xe9 ' + tail.encode() + b"\n")
    status, out, err = check_json(p, capsys=capsys)
    assert status in (0, 1), err
    decoding = [d for d in out["diagnostics"] if d["rule"] == "decoding"]
    assert decoding and decoding[0]["message"].endswith("read as Windows-1252")
