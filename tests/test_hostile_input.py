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


def test_markup_100000_deep_is_refused_quickly_with_nl003(tmp_path, capsys):
    n = 100_000  # 1.1 MB, under the size limit; once minutes, quadratic in the depth
    p = write(tmp_path / "deep.html", "<html><body>" + "<div>" * n + "<p>Teh end.</p>" + "</div>" * n)
    status, out, _ = _with_deadline(20, lambda: check_json(p, capsys=capsys))
    assert [(d["code"], d["message"]) for d in out["diagnostics"]] == [
        ("NL003", "cannot read as an article: markup is nested more than 1000 elements deep")
    ]


def test_markup_parsing_is_linear_in_depth_below_the_limit():
    import time

    from newslint.loaders.html import MAX_DEPTH, parse_html

    def cost(depth, copies):
        one = "<div>" * depth + "<p>Teh end.</p>" + "</div>" * depth
        t = time.process_time()
        parse_html("x.html", "<html><body>" + one * copies + "</body></html>")
        return time.process_time() - t

    shallow, deep = cost(10, 400), cost(MAX_DEPTH - 10, 4)  # the same number of elements
    assert deep < 5 * shallow + 0.05, (shallow, deep)


def test_deeply_nested_toml_front_matter_still_checks_the_copy(tmp_path, capsys):
    p = write(tmp_path / "deep.md", "+++\na = " + "[" * 5000 + "]" * 5000 + "\n+++\n# Head\n\nThe firm said teh.\n")
    status, out, err = check_json(p, capsys=capsys)
    assert status == 1, err
    assert [d["rule"] for d in out["diagnostics"]] == ["spelling"]


NAMES = ["caf\udce9.txt", "esc\x1b[31mred.txt", "tab\tand\nnewline.txt", "\u202eevil.txt"]


@pytest.mark.skipif(os.name == "nt" or os.uname().sysname == "Darwin", reason="names with any byte: Linux")
def test_any_file_name_round_trips_through_every_output_format(tmp_path, capsys):
    from urllib.parse import unquote_to_bytes

    from newslint.manager import collect_reporters, make_manager

    for name in NAMES:
        write(tmp_path / name, STORY)
    formats = sorted(collect_reporters(make_manager(autoload=False)))
    assert {"text", "json", "sarif", "github"} <= set(formats)
    os.chdir(tmp_path)
    for fmt in formats:
        status = main(["check", "--no-autoload", "--format", fmt, "-o", f"../report.{fmt}", "."])
        assert status == 1, (fmt, capsys.readouterr().err)
        raw = (tmp_path.parent / f"report.{fmt}").read_bytes()
        text = raw.decode("utf-8")  # valid UTF-8, whatever the names
        assert "\x1b" not in text and "\udce9" not in text, fmt
        if fmt in ("json", "sarif"):
            doc = json.loads(text)
            if fmt == "json":
                paths = {d["path"] for d in doc["diagnostics"]}
                back = {os.fsencode(p) for p in paths}
            else:
                results = doc["runs"][0]["results"]
                uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
                back = {b"./" + unquote_to_bytes(u) for u in uris}
            assert back == {b"./" + os.fsencode(n) for n in NAMES}, fmt
    capsys.readouterr()


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\u00ad"], ids=["zwsp", "zwj", "wj", "shy"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_an_invisible_character_inside_a_name_does_not_hide_its_misspelling(tmp_path, capsys, invisible, suffix):
    body = f"Later Kim Jong{invisible}-on spoke to Kim Jong-un."
    text = {
        ".txt": f"Headline\n\n{body}\n",
        ".md": f"# Headline\n\n{body}\n",
        ".html": f"<html><body><h1>Headline</h1><p>{body}</p></body></html>",
    }[suffix]
    p = write(tmp_path / f"story{suffix}", text)
    _, out, _ = check_json(p, capsys=capsys)
    (d,) = [d for d in out["diagnostics"] if d["rule"] == "name-consistency"]
    start = text.index("Kim Jong")
    assert (d["offset"], d["end_offset"]) == (start, start + len("Kim Jong-on") + 1)
