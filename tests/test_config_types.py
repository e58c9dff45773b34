"""Every wrong configuration value is exit status 2 naming the file, the key, what was expected
and what was found; none is silently taken for something else (issue 12, defects 5 and 6)."""

from __future__ import annotations

import pytest
from conftest import write

from newslint.cli import main

STORY = "Headline\n\nThe firm said teh sales rose.\n"


def run(tmp_path, capsys, *argv):
    write(tmp_path / "story.txt", STORY)
    status = main(["check", "--no-autoload", *argv, str(tmp_path / "story.txt")])
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("file", "text", "expected"),
    [
        ("pyproject.toml", "[[tool.newslint]]\nselect = ['NL3']\n", "tool.newslint must be a table, not an array"),
        ("pyproject.toml", "tool = 5\n# [tool.newslint\n", "tool must be a table, not an integer (5)"),
        ("newslint.toml", "[[overrides]]\npaths = 5\n", "overrides[0].paths must be a list of strings, not an int"),
        ("newslint.toml", "[plugins]\nrequire = {a = 1}\n", "plugins.require must be a list of strings, not a table"),
        ("newslint.toml", "[plugins]\nautoload = 'false'\n", "plugins.autoload must be true or false, not a string"),
        ("newslint.toml", "[plugins]\ndisable = [5]\n", "plugins.disable item must be a string, not an integer (5)"),
        ("newslint.toml", "[rules.spelling]\nenabled = 'false'\n", "rules.spelling.enabled must be true or false, not"),
        ("newslint.toml", "jobs = true\n", "jobs must be a whole number, 0 or more (0: one per core), not a boolean"),
        ("newslint.toml", "baseline = '.'\n", "baseline must be a file name, not the folder '.'"),
        ("newslint.toml", "baseline = 5\n", "baseline must be a file name, not an integer (5)"),
        ("newslint.toml", "select = [['NL3']]\n", "select item must be a string, not an array"),
        ("newslint.toml", "fail-on = 1\n", 'fail-on must be "error", "warning" or "info", not an integer (1)'),
        ("newslint.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n", "invalid TOML"),
    ],
    ids=lambda v: v[:24] if isinstance(v, str) else None,
)
def test_wrong_value_is_exit_2_with_file_key_expected_and_found(tmp_path, capsys, monkeypatch, file, text, expected):
    cfg = write(tmp_path / file, text)
    monkeypatch.chdir(tmp_path)
    status, err = run(tmp_path, capsys)
    assert status == 2, err
    assert err.count("\n") == 1 and str(cfg) in err and expected in err, err


def test_a_garbage_baseline_is_exit_2_naming_it(tmp_path, capsys, monkeypatch):
    write(tmp_path / "base.json", "this is not json {")
    monkeypatch.chdir(tmp_path)
    status, err = run(tmp_path, capsys, "--baseline", "base.json")
    assert status == 2 and "cannot read baseline base.json" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--jobs", "-1"], "--jobs/-j: invalid whole number (0 or more) value: '-1'"),
        (["--max-file-size", "nan"], "--max-file-size: invalid size in MiB (a number above 0) value: 'nan'"),
        (["--max-file-size", "0"], "invalid size in MiB"),
    ],
)
def test_wrong_command_line_numbers_are_usage_errors(tmp_path, capsys, argv, expected):
    status, err = run(tmp_path, capsys, *argv)
    assert status == 2 and expected in err


def test_a_names_file_with_people_5_is_exit_2_not_an_nl001_on_every_file(tmp_path, capsys):
    names = write(tmp_path / "house.toml", "people = 5\n")
    status, err = run(tmp_path, capsys, "--names", str(names))
    assert status == 2, err
    assert "people must be an array of tables" in err and "house.toml" in err
