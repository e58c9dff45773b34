"""The command line's conventions: severity in words, --statistics, --show-settings, --exit-zero,
``newslint rule NAME``, --diff's exit status, --stdin-filename and --force-exclude."""

from __future__ import annotations

import json

from conftest import RulePlugin, TehRule, write

TEH = "A headline\n\nThe council said teh bridge was safe.\nTeh end came on Monday.\n"


def test_severity_is_written_in_words_without_colour(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    p = write(tmp_path / "a.txt", TEH)
    r = run_cli("check", "--no-autoload", "--select", "XT", p, plugins=[RulePlugin(TehRule())])
    assert f"{p}:3:18: warning XT101 [teh]" in r.out
    assert "\x1b[" not in r.out
    r = run_cli("check", "--no-autoload", "--format", "concise", "--select", "XT", p, plugins=[RulePlugin(TehRule())])
    assert r.out.splitlines()[0] == f'{p}:3:18: warning XT101 [teh] "teh" should be "the"'


def test_exit_zero(run_cli, tmp_path):
    p = write(tmp_path / "a.txt", TEH)
    plugins = [RulePlugin(TehRule())]
    assert run_cli("check", "--no-autoload", "--select", "XT", p, plugins=plugins).status == 1
    r = run_cli("check", "--no-autoload", "--select", "XT", "--exit-zero", p, plugins=plugins)
    assert r.status == 0 and "XT101" in r.out
    # a usage error is still one
    assert run_cli("check", "--exit-zero", "--select", "NOPE", p).status == 2


def test_statistics(run_cli, tmp_path):
    write(tmp_path / "a.txt", TEH)
    write(tmp_path / "b.txt", "Another headline\n\nOnly teh one slip here.\n")
    plugins = [RulePlugin(TehRule())]
    r = run_cli("check", "--no-autoload", "--select", "XT", "--statistics", tmp_path, plugins=plugins)
    assert r.status == 1
    assert r.out.splitlines() == [
        "2  XT101  teh  [*] The word teh",
        "2 findings in 2 files; [*] every one fixable, [-] some",
    ]
    r = run_cli("check", "--no-autoload", "--select", "XT", "--statistics", "--format", "json", tmp_path,
                plugins=plugins)
    assert json.loads(r.out) == [{"code": "XT101", "name": "teh", "count": 2, "fixable": 2, "summary": "The word teh"}]


def test_show_settings(run_cli, tmp_path):
    settings = 'ignore = ["NL103"]\nlanguage = "en-GB"\n\n[rules.spelling]\nseverity = "error"\n'
    write(tmp_path / "newslint.toml", settings)
    p = write(tmp_path / "a.txt", TEH)
    r = run_cli("check", "--show-settings", "--fail-on", "error", p)
    assert r.status == 0
    assert f"# from {tmp_path / 'newslint.toml'}" in r.out
    assert 'ignore = ["NL103"]' in r.out and 'language = "en-GB"' in r.out and 'fail-on = "error"' in r.out
    assert "[rules.spelling]\nseverity = \"error\"" in r.out
    assert "#   NL301 spelling (error)" in r.out and "NL103" not in r.out.split("rules enabled:")[1]
    # what it prints is a configuration newslint reads back
    import tomllib

    assert tomllib.loads(r.out)["language"] == "en-GB"


def test_rule_prints_its_documentation(run_cli):
    r = run_cli("rule", "NL101")
    assert r.status == 0
    lines = r.out.splitlines()
    assert lines[0].startswith("NL101 name-consistency (warning, on in this configuration")
    for section in ("What it does", "Why it matters", "Example", "Options", "Fix safety"):
        assert section in lines
    assert run_cli("rule", "name-consistency").out == r.out
    bad = run_cli("rule", "name-consistensy")
    assert bad.status == 2 and "did you mean name-consistency?" in bad.err


def test_diff_exits_1_when_it_would_change_something(run_cli, tmp_path):
    p = write(tmp_path / "a.txt", TEH)
    plugins = [RulePlugin(TehRule())]
    r = run_cli("check", "--no-autoload", "--select", "XT", "--diff", p, plugins=plugins)
    assert r.status == 1 and "-The council said teh bridge" in r.out and "+The council said the bridge" in r.out
    assert p.read_text() == TEH
    clean = write(tmp_path / "c.txt", "A headline\n\nNothing to change here.\n")
    assert run_cli("check", "--no-autoload", "--select", "XT", "--diff", clean, plugins=plugins).status == 0


def test_stdin_filename_picks_the_loader_and_names_the_findings(run_cli, tmp_path):
    page = b"<html><body><nav>teh menu</nav><article><h1>Head</h1><p>The teh slip.</p></article></body></html>"
    plugins = [RulePlugin(TehRule())]
    r = run_cli("check", "--no-autoload", "--select", "XT", "--format", "json", "--stdin-filename",
                "news/page.html", plugins=plugins, stdin=page)
    (d,) = r.json["diagnostics"]
    assert d["path"] == "news/page.html" and d["column"] == page.decode().index("teh slip") + 1
    # the settings for that path apply: its folder's configuration ignores the rule
    write(tmp_path / "quiet" / "newslint.toml", 'ignore = ["XT", "NL3"]\n')
    r = run_cli("check", "--no-autoload", "--format", "json", "--stdin-filename", "quiet/page.html",
                plugins=plugins, stdin=page)
    assert r.json["diagnostics"] == []
    assert run_cli("check", "--stdin-filename", "a.txt", "other.txt").status == 2
    assert run_cli("check", "--fix", "--stdin-filename", "a.txt", stdin=b"x").status == 2


def test_force_exclude_applies_exclude_to_named_files(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", 'exclude = ["drafts/*"]\n')
    draft = write(tmp_path / "drafts" / "d.txt", TEH)
    readme = write(tmp_path / "README.md", "# Teh readme\n\nteh words.\n")
    plugins = [RulePlugin(TehRule())]
    assert run_cli("check", "--no-autoload", "--select", "XT", draft, plugins=plugins).status == 1
    r = run_cli("check", "--no-autoload", "--select", "XT", "--force-exclude", "drafts/d.txt", readme,
                plugins=plugins)
    assert r.status == 0 and "No findings in 0 files" in r.out
    # a folder walk never takes a README or a package.json
    write(tmp_path / "package.json", '{"name": "x"}')
    write(tmp_path / "articles" / "a.txt", "A headline\n\nClean copy.\n")
    r = run_cli("check", "--no-autoload", "--select", "XT", ".", plugins=plugins)
    assert r.status == 0 and "No findings in 1 file" in r.out
