"""``--fix`` with others editing and with files it must not take over (issue 12, defect 3).

Every test runs the real command on real files and looks at the bytes, the
owner and the links afterwards.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import stat
import time

import pytest
from conftest import write

from newslint import fix as fixmod
from newslint.cli import main

STORY = "Headline\n\nSales rose 5 percent, the firm said.\n"
FIXED = "Headline\n\nSales rose 5 per cent, the firm said.\n"


def fix(*paths, extra=()):
    # en-GB: per-cent belongs to British copy, and this story has nothing else to tell its variety
    args = ["check", "--no-autoload", "--select", "NL5", "--language", "en-GB", "--format", "json", "--fix"]
    return main([*args, *extra, *map(str, paths)])


def test_a_file_edited_while_fixing_is_left_alone(tmp_path, monkeypatch, capsys):
    p = write(tmp_path / "story.txt", STORY)
    real = fixmod.encode_like

    def editor_saves_meanwhile(*args, **kw):
        p.write_text(STORY + "An editor's new paragraph.\n")
        return real(*args, **kw)

    monkeypatch.setattr(fixmod, "encode_like", editor_saves_meanwhile)
    assert fix(p) == 1
    assert p.read_text() == STORY + "An editor's new paragraph.\n"
    out = capsys.readouterr().out
    assert '"NL004"' in out and "changed after it was read" in out


def test_a_file_edited_between_the_check_and_the_rename_is_left_alone(tmp_path, monkeypatch, capsys):
    p = write(tmp_path / "story.txt", STORY)
    real_chmod = os.chmod

    def edit_then_chmod(path, mode, *a, **kw):
        if str(path).endswith(".newslint-tmp"):  # the last step before the rename
            with open(p, "r+b") as f:  # same size, same inode: only the content tells
                f.write(b"X")
            os.utime(p, ns=(0, os.stat(p).st_mtime_ns))
        return real_chmod(path, mode, *a, **kw)

    monkeypatch.setattr(fixmod.os, "chmod", edit_then_chmod)
    fix(p)
    assert p.read_text() == "X" + STORY[1:]
    assert "changed while it was being fixed" in capsys.readouterr().out
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".newslint-tmp")]


def test_a_failed_write_is_that_files_finding_and_the_run_goes_on(tmp_path, capsys):
    locked = write(tmp_path / "a" / "locked.txt", STORY)
    free = write(tmp_path / "b" / "free.txt", STORY)
    os.chmod(locked, 0o444)
    assert fix(locked, free) == 1
    assert locked.read_text() == STORY and free.read_text() == FIXED
    out = capsys.readouterr().out
    assert "it is read-only" in out and '"NL004"' in out
    # the read-only file's remaining finding is still reported
    assert '"per-cent"' in out


def test_a_read_only_folder_is_that_files_finding(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "ro"
    p = write(folder / "story.txt", STORY)
    if os.geteuid() == 0:  # root writes into read-only folders: the file system says no instead

        def read_only_file_system(*a, **kw):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        monkeypatch.setattr(fixmod.tempfile, "mkstemp", read_only_file_system)
    os.chmod(folder, 0o555)
    try:
        assert fix(p) == 1
    finally:
        os.chmod(folder, 0o755)
    assert p.read_text() == STORY
    assert "cannot write it" in capsys.readouterr().out


HOUSE = """
[[rule]]
name = "thin-space"
kind = "substitution"
message = 'Use "{replacement}" not "{match}"'
safe = true
swap = { "5 percent" = "5\u2009per cent" }
examples.bad = [{ text = "Up 5 percent.", fixed = "Up 5\u2009per cent." }]
"""


def test_a_fix_the_legacy_encoding_cannot_hold_is_skipped(tmp_path, capsys):
    # cp1252 cannot hold U+2009 THIN SPACE, which the house rule puts in
    write(tmp_path / "house.toml", HOUSE)
    config = write(tmp_path / "newslint.toml", 'style = ["house.toml"]\nselect = ["house-style"]\n')
    p = write(tmp_path / "story.txt", "Headline\n\nSales at the caf\xe9 rose 5 percent.\n".encode("cp1252"))
    other = write(tmp_path / "other.txt", "Headline\n\nSales rose 5 percent.\n")
    before = p.read_bytes()
    status = main(["check", "--no-autoload", "--format", "json", "--fix", f"--config={config}", str(p), str(other)])
    out = capsys.readouterr().out
    assert status == 1, out
    assert p.read_bytes() == before
    assert "cannot hold" in out and "cp1252" in out
    assert other.read_text() == "Headline\n\nSales rose 5\u2009per cent.\n"


def test_ownership_is_kept(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    p = write(tmp_path / "story.txt", STORY)
    os.chown(p, 4321, 4321)
    os.chmod(p, 0o640)
    assert fix(p) == 0
    st = os.stat(p)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 4321, 0o640)
    assert p.read_text() == FIXED


class _OwnedBy:
    """A stat result with another owner."""

    def __init__(self, real, uid):
        self._real, self.st_uid = real, uid

    def __getattr__(self, name):
        return getattr(self._real, name)


def test_a_file_it_cannot_give_back_to_its_owner_is_refused(tmp_path, monkeypatch, capsys):
    p = write(tmp_path / "story.txt", STORY)
    st = os.stat(p)
    real_stat = os.stat

    def owned_by_someone_else(path, *a, **kw):
        r = real_stat(path, *a, **kw)
        if os.fspath(path) == os.path.realpath(p):
            return _OwnedBy(r, st.st_uid + 1)
        return r

    def no_chown(*a, **kw):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(fixmod.os, "stat", owned_by_someone_else)
    monkeypatch.setattr(fixmod.os, "chown", no_chown)
    assert fix(p) == 1
    assert p.read_text() == STORY
    out = capsys.readouterr().out
    assert "which a rewrite by this user would change" in out, out[:3000]
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".newslint-tmp")]


def test_hard_links_are_not_split(tmp_path, capsys):
    p = write(tmp_path / "story.txt", STORY)
    link = tmp_path / "also.txt"
    os.link(p, link)
    assert fix(p) == 1
    assert os.stat(p).st_ino == os.stat(link).st_ino and p.read_text() == STORY
    assert "2 hard links" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
    ids=["utf-16be", "utf-16le", "utf-32be", "utf-32le", "utf-8-sig"],
)
def test_byte_order_mark_and_byte_order_are_kept(tmp_path, bom, codec):
    p = write(tmp_path / "story.txt", bom + STORY.replace("\n", "\r\n").encode(codec))
    assert fix(p) == 0
    assert p.read_bytes() == bom + FIXED.replace("\n", "\r\n").encode(codec)


def test_output_file_is_never_an_input(tmp_path, capsys):
    p = write(tmp_path / "story.txt", STORY)
    status = main(["check", "--no-autoload", "-o", str(tmp_path / "." / "story.txt"), str(p)])
    assert status == 2 and p.read_text() == STORY
    assert "is one of the files being checked" in capsys.readouterr().err


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    p = write(tmp_path / "story.txt", STORY)
    status = main(["check", "--no-autoload", "-o", str(tmp_path / "nope" / "r.json"), str(p)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "nope" in err


def test_output_is_written_atomically(tmp_path, monkeypatch):
    from newslint.reporters.builtin import JsonReporter

    p = write(tmp_path / "story.txt", STORY)
    report = write(tmp_path / "r.json", "the previous report\n")

    def fails_halfway(self, report, stream, *, color=False):
        stream.write('{"version": 1, "diagn')
        raise RuntimeError("reporter bug")

    monkeypatch.setattr(JsonReporter, "render", fails_halfway)
    main(["check", "--no-autoload", "--format", "json", "-o", str(report), str(p)])
    assert report.read_text() == "the previous report\n"


def _temps(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".newslint-tmp"))


def test_the_next_fix_run_removes_what_a_killed_one_left_and_nothing_else(tmp_path, capsys):
    fcntl = pytest.importorskip("fcntl", reason="stale temporary files are swept only where fcntl locks exist")
    p = write(tmp_path / "story.txt", STORY)
    write(tmp_path / "other.txt", STORY)
    stale = tmp_path / ".story.txt.k1ll3d_x.newslint-tmp"  # a fix killed before its rename
    stale.write_text(FIXED[:9])
    fresh = write(tmp_path / ".story.txt.wr1t1ng0.newslint-tmp", "a write that began after this run")
    keep = {
        ".unknown.txt.abcdefgh.newslint-tmp": "no such article in the run",
        ".story.txt.abc.newslint-tmp": "not mkstemp's name",
        "story.txt.abcdefgh.newslint-tmp": "not hidden",
        ".story.txt.abcdefgh.newslint-tmp.bak": "another suffix",
        "notes.newslint-tmp": "someone's notes",
    }
    for name, text in keep.items():
        write(tmp_path / name, text)
    os.mkdir(tmp_path / ".story.txt.f0lder00.newslint-tmp")
    os.symlink(p, tmp_path / ".story.txt.l1nk0000.newslint-tmp")
    locked = write(tmp_path / ".story.txt.l0cked00.newslint-tmp", "a live write in another run")
    old = os.stat(p).st_mtime - 3600
    for f in os.listdir(tmp_path):
        if f != fresh.name:
            os.utime(tmp_path / f, (old, old), follow_symlinks=False)
    os.utime(fresh, (old + 7200, old + 7200))  # written after the run started
    everything = sorted(os.listdir(tmp_path))

    assert main(["check", "--no-autoload", "--select", "NL5", "--language", "en-GB", str(p)]) == 1  # no --fix
    assert sorted(os.listdir(tmp_path)) == everything
    capsys.readouterr()
    with open(locked, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert fix(p) == 0
    assert p.read_text() == FIXED
    assert sorted(os.listdir(tmp_path)) == [f for f in everything if f != stale.name]
    assert json.loads(capsys.readouterr().out)["notices"] == [
        "removed 1 temporary file that an interrupted --fix run left behind"
    ]


def test_a_write_under_way_is_never_swept_even_by_a_later_run(tmp_path, monkeypatch):
    p = write(tmp_path / "story.txt", STORY)
    real_replace = os.replace
    swept = []

    def another_run_sweeps_first(src, dst):
        swept.extend(fixmod.sweep_stale([str(p)], time.time() + 3600))
        assert _temps(tmp_path) == [os.path.basename(src)]
        return real_replace(src, dst)

    monkeypatch.setattr(fixmod.os, "replace", another_run_sweeps_first)
    assert fix(p) == 0
    assert swept == [] and p.read_text() == FIXED and _temps(tmp_path) == []
