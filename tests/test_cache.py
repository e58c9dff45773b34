"""The cache folder: data built once, loaded by later processes, rebuilt when its sources change."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(d))
    return d


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_loaded(folder):
    build, calls = counting({"word": 3, "other": 1})
    assert cache.cached("words", ("v", 1), build) == {"word": 3, "other": 1}
    assert cache.cached("words", ("v", 1), build) == {"word": 3, "other": 1}
    assert len(calls) == 1
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["words"]


def test_a_later_process_loads_what_an_earlier_one_built(folder):
    code = (
        "from newslint import cache\n"
        "print(cache.cached('words', 1, lambda: print('built') or {'a': 1}))\n"
    )
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(folder)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert first.stdout.split() == ["built", "{'a':", "1}"]
    assert second.stdout.split() == ["{'a':", "1}"]


def test_a_changed_source_file_rebuilds(folder, tmp_path):
    src = tmp_path / "list.txt"
    src.write_text("alpha\n", encoding="utf-8")

    def build():
        return src.read_text(encoding="utf-8").split()

    assert cache.cached("list", cache.stamp([src]), build) == ["alpha"]
    src.write_text("alpha\nbeta\n", encoding="utf-8")
    assert cache.cached("list", cache.stamp([src]), build) == ["alpha", "beta"]


def test_old_versions_are_pruned(folder):
    for v in range(cache.KEEP + 3):
        cache.cached("pruned", v, lambda v=v: v)
    assert len(list(folder.glob("pruned-*.pickle"))) == cache.KEEP
    # another name that starts the same way is left alone
    cache.cached("pruned-too", 0, lambda: 0)
    cache.cached("pruned", "new", lambda: 1)
    assert len(list(folder.glob("pruned-too-*.pickle"))) == 1


def test_a_damaged_file_is_rebuilt_and_replaced(folder):
    cache.cached("damaged", 1, lambda: [1, 2, 3])
    (path,) = folder.glob("damaged-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    build, calls = counting([1, 2, 3])
    assert cache.cached("damaged", 1, build) == [1, 2, 3]
    assert cache.cached("damaged", 1, build) == [1, 2, 3]
    assert len(calls) == 1


def test_an_unwritable_folder_costs_only_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(blocker / "cache"))
    build, calls = counting("value")
    assert cache.cached("x", 1, build) == "value"
    assert cache.cached("x", 1, build) == "value"
    assert len(calls) == 2


def test_off_builds_every_time_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "off")
    monkeypatch.chdir(tmp_path)
    build, calls = counting(1)
    cache.cached("x", 1, build)
    cache.cached("x", 1, build)
    assert len(calls) == 2
    assert cache.cache_dir() is None
    assert list(tmp_path.iterdir()) == []


def test_the_default_folder_is_the_users_cache_never_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "newslint"
    monkeypatch.delenv("XDG_CACHE_HOME")
    where = cache.cache_dir()
    assert where is not None and Path.cwd() not in (where, *where.parents)


def test_the_spelling_lexicon_from_the_cache_is_the_one_built_from_the_lists(folder):
    from newslint.spelling import lexicon

    built = lexicon.load_base()
    first = lexicon.base_lexicon({})  # builds and stores
    loaded = lexicon.base_lexicon({})  # loads
    assert len(list(folder.glob("spelling-base-*.pickle"))) == 1
    for lex in (first, loaded):
        assert lex.freq == built.freq
        assert lex.gb_to_us == built.gb_to_us and lex.us_to_gb == built.us_to_gb
        assert lex.ambiguous == built.ambiguous and lex.prefixes == built.prefixes
        assert lex.misspellings.get("recieve") == built.misspellings.get("recieve") == ("receive",)
        assert "colour" not in lex.misspellings


def test_the_names_authority_from_the_cache_is_the_one_built_from_the_lists(folder, tmp_path):
    import gc

    from newslint.names.authority import _load_authority, load_authority

    house = tmp_path / "house.toml"
    house.write_text('[[person]]\nname = "Jane Hammersley"\naliases = ["Jane Hamersley-Brown"]\n', encoding="utf-8")
    built = _load_authority((house,), True)
    first = load_authority((house,), include_default=True)  # builds and stores
    loaded = load_authority((house,), include_default=True)  # loads: people made from their rows
    assert len(list(folder.glob("names-authority-*.pickle"))) == 1
    assert gc.isenabled()  # paused while the file was read, running again after
    for auth in (first, loaded):
        assert len(auth.people) == len(built.people) > 1000
        assert list(auth.people) == list(built.people)
        assert auth.people[-1] == built.people[-1] and auth.people[0] is auth.people[0]
        assert auth.exact == built.exact and auth.targets == built.targets
        assert [auth.people[h.person].name for h in auth.near("Jane Hamersley")] == ["Jane Hammersley"]


# -- compiled regular expressions (newslint.regex) ---------------------------------------------

REGEX_CHILD = r"""
import re, sys
from newslint import regex
from newslint.names import text
from newslint.rules import newsroom, usage
samples = ["Emmanuel Macron met Angela Merkel", "in 2003 the BBC's  Jean-Claude Juncker", "x"]
pats = [(r"(?P<a>\b[A-Z]\w+)\s+(?P<b>[a-z]+)\b", 0), (r"colou?r|flavou?r", re.I), (r"(\w)\1", 0)]
for p, f in pats:
    mine, theirs = regex.compile_re(p, f), re.compile(p, f)
    fields = lambda x: (x.pattern, x.flags, x.groups, x.groupindex)
    assert mine == theirs and fields(mine) == fields(theirs)
    for s in samples:
        assert [m.span() for m in mine.finditer(s)] == [m.span() for m in theirs.finditer(s)]
for s in samples:
    assert [r.words for r in text.find_runs(s)] == [r.words for r in text.find_runs(s)]
print(len(regex._table or {}), len(regex._used), len(regex._new))
"""


def test_compiled_patterns_are_kept_and_match_as_re_compiles_them(folder):
    """The first process keeps the programs; the next builds the same patterns from them, not compiling."""
    env = {**os.environ, "NEWSLINT_CACHE_DIR": str(folder)}
    first = subprocess.run([sys.executable, "-c", REGEX_CHILD], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    kept, used, new = map(int, first.stdout.split())
    assert kept == 0 and used == 0 and new > 50  # the shipped patterns, compiled and kept
    assert list(folder.glob("regex-*.pickle"))
    again = subprocess.run([sys.executable, "-c", REGEX_CHILD], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    kept, used, new = map(int, again.stdout.split())
    assert kept > 50 and used > 50 and new == 0  # every pattern from the file, the same each process


def test_compiled_patterns_without_a_cache_folder(monkeypatch):
    """With the cache turned off nothing is kept and the patterns are re's own."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", "off")
    env = {**os.environ}
    p = subprocess.run([sys.executable, "-c", REGEX_CHILD], capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["0", "0", "0"]
