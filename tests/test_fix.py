"""The fix engine: which fixes apply, atomic writes that keep encoding and line endings, diffs."""

from __future__ import annotations

import json
import os
import stat

import pytest

from newslint import fix as fixmod
from newslint.diagnostic import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.fix import apply_fixes, unified_diff, write_atomic
from newslint.loaders.text import parse_text
from newslint.manager import fix_escape, make_manager

TEXT = 'Headline here\n\nThe rate rose 5 percent, he said. "It rose 5 percent," she said.\n'


def diag(article, start, end, text, *, rule="house-style", app=Applicability.SAFE, code="NL550"):
    return Diagnostic(
        code=code,
        rule=rule,
        message="m",
        severity=Severity.WARNING,
        path=article.path,
        start=article.position(start),
        end=article.position(end),
        fix=Fix((Edit(start, end, text),), app),
    )


def at(text, word, n=0):
    i = -1
    for _ in range(n + 1):
        i = text.index(word, i + 1)
    return i, i + len(word)


def test_safe_fix_applied_and_reported():
    art = parse_text("a.txt", TEXT)
    s, e = at(TEXT, "percent")
    d = diag(art, s, e, "per cent")
    out, applied = apply_fixes(art, [d])
    assert out == TEXT.replace("5 percent, he", "5 per cent, he")
    assert applied == [d]


def test_unsafe_needs_opt_in_and_display_only_never():
    art = parse_text("a.txt", TEXT)
    s, e = at(TEXT, "rose")
    unsafe = diag(art, s, e, "climbed", app=Applicability.UNSAFE)
    shown = diag(art, s, e, "went up", app=Applicability.DISPLAY_ONLY)
    assert apply_fixes(art, [unsafe, shown]) == (TEXT, [])
    out, applied = apply_fixes(art, [shown, unsafe], unsafe=True)
    assert applied == [unsafe]
    assert out.startswith("Headline here\n\nThe rate climbed 5")


def test_names_are_never_fixed(tmp_path, capsys):
    # name-consistency says display-only on the diagnostic: what it advertises is what --fix does
    from newslint.cli import main

    p = tmp_path / "story.txt"
    story = "Talks resume\n\nSouth Korea answered Kim Jong-on on Monday.\n"
    p.write_text(story, encoding="utf-8")
    assert main(["check", "--no-autoload", "--select", "NL101", "--format", "json", str(p)]) == 1
    (d,) = json.loads(capsys.readouterr().out)["diagnostics"]
    assert d["fix"]["applicability"] == "display-only" and d["suggestions"][0] == "Kim Jong-un"
    main(["check", "--no-autoload", "--select", "NL101", "--fix", "--unsafe-fixes", str(p)])
    assert p.read_text(encoding="utf-8") == story


def test_applicability_is_ordered_as_in_ruff():
    safe, unsafe, shown = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY
    assert shown.rank < unsafe.rank < safe.rank
    assert safe.applies(safe) and safe.applies(unsafe) and unsafe.applies(unsafe)
    assert not unsafe.applies(safe) and not shown.applies(unsafe) and not shown.applies(shown)


def test_no_edit_inside_a_direct_quotation():
    art = parse_text("a.txt", TEXT)
    s, e = at(TEXT, "percent", 1)  # the second one is inside the quotation
    inside = diag(art, s, e, "per cent")
    q = TEXT.index('"It') + 1
    insertion = diag(art, q, q, "Well, ")
    assert apply_fixes(art, [inside, insertion], unsafe=True) == (TEXT, [])


def test_no_edit_inside_a_run_on_quotation():
    text = 'Headline\n\nHe said: "Figures are odd. "Sales fell 5 percent." Sales fell 5 percent.\n'
    art = parse_text("a.txt", text)
    inside = diag(art, *at(text, "percent"), "per cent")
    outside = diag(art, *at(text, "percent", 1), "per cent")
    # paired in turn, the marks would make the first "percent" unquoted and the second quoted;
    # read by direction (as the loaders do), the run-on quotation holds the first one only
    new, applied = apply_fixes(art, [inside, outside])
    assert new == text.replace("5 percent.\n", "5 per cent.\n") and applied == [outside]


def test_fix_on_the_quotation_mark_itself_is_allowed():
    art = parse_text("a.txt", TEXT)
    q = TEXT.index('"It')
    d = diag(art, q, q + 1, "\u201c")
    out, applied = apply_fixes(art, [d])
    assert applied == [d] and "\u201cIt rose" in out


def test_overlapping_edits_first_wins_whatever_the_order():
    art = parse_text("a.txt", TEXT)
    s, e = at(TEXT, "5 percent")
    first = diag(art, s, e, "five per cent", code="NL551")
    second = diag(art, s + 2, e, "per cent", code="NL550")
    later = diag(art, *at(TEXT, "rate"), "level")
    for order in ([first, second, later], [later, second, first]):
        out, applied = apply_fixes(art, order)
        # the fix that starts first in the source wins, whichever rule ran first
        assert applied == [later, first]
        assert "level rose five per cent, he" in out


def test_two_insertions_at_one_point_conflict():
    art = parse_text("a.txt", TEXT)
    s, _ = at(TEXT, "rate")
    a = diag(art, s, s, "x", code="NL551")
    b = diag(art, s, s, "y", code="NL552")
    out, applied = apply_fixes(art, [b, a])
    assert applied == [a] and "The xrate" in out


def test_stale_fix_is_skipped():
    art = parse_text("a.txt", TEXT)
    d = diag(art, 0, 4, "x")
    stale = Fix((Edit(5, len(TEXT) + 10, "x"),), Applicability.SAFE)
    d = Diagnostic(**{**d.__dict__, "fix": stale})
    assert apply_fixes(art, [d]) == (TEXT, [])


def test_fix_keeps_crlf():
    text = TEXT.replace("\n", "\r\n")
    art = parse_text("a.txt", text)
    s, e = at(text, "percent")
    out, _ = apply_fixes(art, [diag(art, s, e, "per cent")])
    assert out == text.replace("5 percent, he", "5 per cent, he")
    assert out.count("\r\n") == text.count("\r\n")


def test_html_fixes_escaped_and_markup_left_alone():
    from newslint.api import load_article

    src = "<h1>Head</h1><p>Fish and chips, <b>the</b> the best. Sales rose &ndash; Copyright X Ltd 2018</p>"
    art = load_article(src, path="a.html")
    amp = diag(art, *at(src, "and"), "&")
    across_tag = diag(art, at(src, "<b>")[0], at(src, "</b> the")[1], "the")
    notice = diag(art, at(src, " &ndash;")[0], at(src, "2018")[1], "")
    # the HTML loader says how a replacement is written into HTML (newslint_fix_escape)
    escape = fix_escape(make_manager(autoload=False), "html")
    out, applied = apply_fixes(art, [amp, across_tag, notice], escape=escape)
    assert applied == [amp, notice]
    assert out == "<h1>Head</h1><p>Fish &amp; chips, <b>the</b> the best. Sales rose</p>"
    # without the format's escape, nothing is written into a file that is not plain text
    assert apply_fixes(art, [amp, notice]) == (src, [])



# -- write_atomic ------------------------------------------------------------------------


def test_write_atomic_keeps_crlf_and_utf8(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"old\r\n")
    write_atomic(str(p), "Caf\u00e9 per cent\r\nnext\r\n", encoding="utf-8")
    assert p.read_bytes() == "Caf\u00e9 per cent\r\nnext\r\n".encode()


def test_write_atomic_bom_written_once(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"\xef\xbb\xbfold\n")
    write_atomic(str(p), "new\n", encoding="utf-8-sig")
    assert p.read_bytes() == b"\xef\xbb\xbfnew\n"
    # a text that kept the BOM as a character does not get a second one
    write_atomic(str(p), "\ufeffnew\n", encoding="utf-8-sig")
    assert p.read_bytes() == b"\xef\xbb\xbfnew\n"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_write_atomic_single_byte_encodings(tmp_path, encoding):
    p = tmp_path / "a.txt"
    p.write_bytes("na\u00efve\n".encode(encoding))
    write_atomic(str(p), "na\u00efve caf\u00e9\n", encoding=encoding)
    assert p.read_bytes() == "na\u00efve caf\u00e9\n".encode(encoding)
    assert len(p.read_bytes()) == len("na\u00efve caf\u00e9\n")


def test_write_atomic_unencodable_text_leaves_original(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(b"caf\xe9\n")
    with pytest.raises(fixmod.FixNotWritten, match="the fix needs '\u201c'.*latin-1"):
        write_atomic(str(p), "\u201ccaf\u00e9\u201d\n", encoding="latin-1")
    assert p.read_bytes() == b"caf\xe9\n"
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_write_atomic_keeps_mode(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("old\n")
    os.chmod(p, 0o640)
    write_atomic(str(p), "new\n", encoding="utf-8")
    assert stat.S_IMODE(os.stat(p).st_mode) == 0o640


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_write_atomic_follows_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), "new\n", encoding="utf-8")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_interrupted_replace_loses_nothing(tmp_path, monkeypatch):
    p = tmp_path / "story.txt"
    p.write_bytes(b"original copy\r\n")

    def boom(src, dst):
        raise OSError("disk pulled out")

    monkeypatch.setattr(fixmod.os, "replace", boom)
    with pytest.raises(OSError, match="disk pulled out"):
        write_atomic(str(p), "new copy\r\n", encoding="utf-8")
    assert p.read_bytes() == b"original copy\r\n"
    assert sorted(os.listdir(tmp_path)) == ["story.txt"]


def test_interrupted_write_loses_nothing(tmp_path, monkeypatch):
    p = tmp_path / "story.txt"
    p.write_bytes(b"original copy\n")

    def boom(fd):
        raise KeyboardInterrupt  # Ctrl-C half-way: BaseException must clean up too

    monkeypatch.setattr(fixmod.os, "fsync", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(p), "new copy\n" * 1000, encoding="utf-8")
    assert p.read_bytes() == b"original copy\n"
    assert sorted(os.listdir(tmp_path)) == ["story.txt"]


# -- unified_diff ------------------------------------------------------------------------


def test_unified_diff_shows_change_with_headers():
    before = "Headline\n\nIt rose 5 percent.\n\nEnd.\n"
    after = before.replace("percent", "per cent")
    d = unified_diff("story.txt", before, after)
    assert d.splitlines()[:3] == ["--- a/story.txt", "+++ b/story.txt", "@@ -1,5 +1,5 @@"]
    assert "-It rose 5 percent.\n+It rose 5 per cent.\n" in d


def test_unified_diff_absolute_path_header():
    d = unified_diff("/tmp/story.txt", "a\n", "b\n")
    assert d.startswith("--- a/tmp/story.txt\n+++ b/tmp/story.txt\n")


def test_unified_diff_nothing_changed_is_empty():
    assert unified_diff("s.txt", "same\n", "same\n") == ""


def test_unified_diff_marks_missing_final_newline():
    d = unified_diff("s.txt", "one\ntwo", "one\nthree")
    assert "-two\n\\ No newline at end of file\n+three\n\\ No newline at end of file\n" in d


def test_unified_diff_does_not_split_on_form_feed():
    d = unified_diff("s.txt", "a\x0cb\n", "a\x0cc\n")
    assert "-a\x0cb\n+a\x0cc\n" in d


# -- end to end: newslint check --fix keeps the file's bytes apart from the fixes -------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"\xef\xbb\xbfHeadline\r\n\r\nSales rose 5 percent, the the firm said.\r\n",
            b"\xef\xbb\xbfHeadline\r\n\r\nSales rose 5 per cent, the firm said.\r\n",
        ),
        (
            b"Headline\r\n\r\nSales rose 5 percent at the caf\xe9 \x93whilst\x94 open, the the firm said.\r\n",
            b"Headline\r\n\r\nSales rose 5 per cent at the caf\xe9 \x93whilst\x94 open, the firm said.\r\n",
        ),
    ],
    ids=["utf-8-bom-crlf", "cp1252-crlf"],
)
def test_check_fix_end_to_end_keeps_encoding(tmp_path, raw, expected):
    from newslint.cli import main

    p = tmp_path / "story.txt"
    p.write_bytes(raw)
    assert main(["check", "--no-autoload", "--select", "NL5", "--language", "en-GB", "--fix", str(p)]) == 0
    assert p.read_bytes() == expected
