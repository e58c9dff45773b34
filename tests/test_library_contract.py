"""The library's contract: typed public functions (mypy --strict on a user's script), a safe
``newslint.apply_fixes`` with the protections of ``--fix``, and docs/library.md's examples run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newslint
from newslint.config import Config

ROOT = Path(__file__).resolve().parents[1]
EN_GB = Config(language="en-GB", select=("NL5", "NL1"))
TEXT = 'Talks resume\n\nSales rose 5 percent.\nKim Jong-un met Kim Jong-on.\n'


def _section(title: str) -> list[str]:
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return re.findall(r"^```python\n(.*?)^```", text[start:end], re.MULTILINE | re.DOTALL)


# -- types ----------------------------------------------------------------------------------


def _mypy(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    mypy = Path(sys.executable).parent / "mypy"
    if not mypy.exists() and shutil.which("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    user = tmp_path / "user_script.py"
    user.write_text(script, encoding="utf-8")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newslint-tests" / "mypy"
    # as an installed package is read: its own modules followed for their types, their errors not the user's
    return subprocess.run(
        [str(mypy) if mypy.exists() else "mypy", "--strict", "--follow-imports=silent", "--cache-dir", str(cache),
         "--python-version", f"{sys.version_info.major}.{sys.version_info.minor}", str(user)],
        capture_output=True, text=True, env={**os.environ, "MYPYPATH": str(ROOT)}, cwd=tmp_path, timeout=600,
    )


USER_SCRIPT = '''
from pathlib import Path

import newslint


def report(findings: list[newslint.Diagnostic]) -> list[str]:
    return [f"{d.path}:{d.start.line}:{d.start.column} {d.code} {d.message}" for d in findings]


config = newslint.Config(language="en-GB")
found = newslint.check_text("Talks\\\\n\\\\nSales rose 5 percent.\\\\n", path="a.txt", config=config)
lines = report(found)
more = newslint.check_file(Path("a.txt")) + newslint.check_paths(["stories/"], jobs=2)
article: newslint.Article = newslint.load_article("Talks\\\\n\\\\nCopy.\\\\n", "a.txt")
headline: str | None = article.headline.text if article.headline else None
fixed = newslint.apply_fixes("text", found, newslint.Applicability.UNSAFE, path="a.txt")
new_text: str = fixed.text
applied: tuple[newslint.Diagnostic, ...] = fixed.applied
with newslint.Checker(config=config) as checker:
    again: list[newslint.Diagnostic] = checker.check_text(new_text, "a.txt", select=["NL5"])
'''


def test_a_users_script_is_clean_under_mypy_strict(tmp_path):
    r = _mypy(tmp_path, USER_SCRIPT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_mypy_sees_the_real_types_not_any(tmp_path):
    wrong = (
        "import newslint\n"
        "n: int = newslint.check_text('x')\n"
        "s: str = newslint.apply_fixes('x', []).applied\n"
        "newslint.check_paths(3)\n"
    )
    r = _mypy(tmp_path, wrong)
    assert r.returncode == 1
    assert r.stdout.count("error:") == 3, r.stdout
    assert (
        'Incompatible types in assignment (expression has type "list[Diagnostic]", variable has type "int")'
        in r.stdout
    )


def test_the_types_example_in_the_docs_type_checks(tmp_path):
    (example,) = _section("Types")
    r = _mypy(tmp_path, example)
    assert r.returncode == 0, r.stdout + r.stderr


# -- apply_fixes ------------------------------------------------------------------------------


def test_apply_fixes_defaults_to_safe_and_never_fixes_a_name():
    found = newslint.check_text(TEXT, path="story.txt", config=EN_GB)
    result = newslint.apply_fixes(TEXT, found)
    assert result.text == "Talks resume\n\nSales rose 5 per cent.\nKim Jong-un met Kim Jong-on.\n"
    assert [d.rule for d in result.applied] == ["per-cent"] and result.changed
    # unsafe still never applies a name: an editor confirms it
    unsafe = newslint.apply_fixes(TEXT, found, "unsafe")
    assert unsafe.text == result.text and [d.rule for d in unsafe.left] == ["name-consistency"]


def test_apply_fixes_gives_what_check_fix_writes(run_cli, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    found = newslint.check_text(TEXT, path=str(path), config=EN_GB)
    expected = newslint.apply_fixes(TEXT, found).text
    run_cli("check", "--no-autoload", "--language", "en-GB", "--select", "NL5,NL1", "--fix", path)
    assert path.read_text(encoding="utf-8") == expected


def _fix(path: str, source: str, i: int, j: int, new: str, how=newslint.Applicability.SAFE, rule="per-cent"):
    article = newslint.load_article(source, path)
    return newslint.Diagnostic(
        code="NL550", rule=rule, message="m", severity=newslint.Severity.WARNING, path=path,
        start=article.position(i), end=article.position(j), fix=newslint.Fix((newslint.Edit(i, j, new),), how),
    )


def test_apply_fixes_keeps_quotations_markup_and_overlaps_as_fix_does():
    page = "<h1>Talks</h1>\n<p>He said: &ldquo;Sales rose 5 percent.&rdquo; Profit &amp; sales rose 5 percent.</p>\n"
    q, p = page.index("percent"), page.rindex("percent")
    amp = page.index("&amp;")
    diags = [
        _fix("p.html", page, q, q + 7, "per cent"),             # inside a quotation
        _fix("p.html", page, p, p + 7, "per cent"),             # plain copy
        _fix("p.html", page, p, p + 7, "pc"),                   # overlaps the one before
        _fix("p.html", page, amp - 1, amp + 5, " and"),         # through an entity
        _fix("p.html", page, 4, 9, "Tax & talks"),              # escaped as HTML
    ]
    result = newslint.apply_fixes(page, diags)
    assert result.text == (
        "<h1>Tax &amp; talks</h1>\n"
        "<p>He said: &ldquo;Sales rose 5 percent.&rdquo; Profit &amp; sales rose 5 per cent.</p>\n"
    )
    assert [d.fix.edits[0].text for d in result.applied] == ["Tax & talks", "per cent"]
    assert len(result.left) == 3


def test_apply_fixes_levels_and_paths():
    text = "Head\n\nSales rose 5 percent.\n"
    i = text.index("percent")
    unsafe = _fix("a.txt", text, i, i + 7, "per cent", newslint.Applicability.UNSAFE)
    assert newslint.apply_fixes(text, [unsafe]).text == text
    assert newslint.apply_fixes(text, [unsafe], "unsafe").text == "Head\n\nSales rose 5 per cent.\n"
    shown = _fix("a.txt", text, i, i + 7, "per cent", newslint.Applicability.DISPLAY_ONLY)
    assert newslint.apply_fixes(text, [shown], "unsafe").left == (shown,)
    with pytest.raises(ValueError, match="display-only fixes are never applied"):
        newslint.apply_fixes(text, [shown], "display-only")
    with pytest.raises(ValueError):
        newslint.apply_fixes(text, [shown], "sometimes")
    # a finding of another file is not this text's
    other = _fix("b.txt", text, i, i + 7, "per cent")
    assert newslint.apply_fixes(text, [other], path="a.txt").text == text
    # a stale fix (the text changed since) is left, never misapplied
    assert newslint.apply_fixes("Head\n", [_fix("a.txt", text, i, i + 7, "per cent")]).text == "Head\n"


def test_apply_fixes_never_writes_into_a_read_only_format():
    nitf = "<nitf><body><body.content><p>Sales rose 5 percent.</p></body.content></body></nitf>"
    i = nitf.index("percent")
    assert newslint.apply_fixes(nitf, [_fix("s.xml", nitf, i, i + 7, "per cent")]).text == nitf


# -- the docs ---------------------------------------------------------------------------------


def test_library_md_fixing_examples_run():
    blocks = _section("Fixing")
    assert len(blocks) == 2
    for block in blocks:
        exec(compile(block, "docs/library.md", "exec"), {})


def test_library_md_checker_example_prints_what_it_says(capsys):
    """The one documented way to check text after text, run as written, prints what the page says."""
    text = (ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    section = text[text.index("### Checking text after text") : text.index("### Errors")]
    (block,) = re.findall(r"^```python\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    printed = re.search(r"^prints\n\n```text\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    assert printed is not None
    exec(compile(block, "docs/library.md", "exec"), {})
    assert capsys.readouterr().out == printed.group(1)
    # the internal Session is not what the page tells a reader to use
    assert "newslint.session import" not in text and "Session(" not in text


def test_a_checker_finds_its_configuration_from_its_root_not_the_current_folder(tmp_path, monkeypatch):
    desk = tmp_path / "desk"
    (desk / "sub").mkdir(parents=True)
    house = 'select = ["NL5"]\nlanguage = "en-GB"\n[plugins]\ndisable = ["languagetool"]\n'
    (desk / "newslint.toml").write_text(house, encoding="utf-8")
    (desk / "sub" / "newslint.toml").write_text('select = ["NL501"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no configuration here
    text = "Talks\n\nSales rose 5 percent and the the rest.\n"
    with newslint.Checker(root=desk) as checker:
        assert checker.config.select == ("NL5",) and "languagetool" in checker.config.plugins_disable
        assert [d.code for d in checker.check_text(text, str(desk / "a.txt"))] == ["NL550", "NL501"]
        # an article's own configuration, found by walking up from it, as `newslint check` finds it
        assert [d.code for d in checker.check_text(text, str(desk / "sub" / "b.txt"))] == ["NL501"]
