"""Configuration files: discovery, keys, validation, per-path overrides and rule options."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TehRule, write

from newslint.config import Config, ConfigError, ConfigResolver, find_config_file, load_file
from newslint.diagnostic import Severity


def test_pyproject_table_is_read(tmp_path):
    p = write(
        tmp_path / "pyproject.toml",
        '[tool.newslint]\nselect = ["NL1"]\nlanguage = "en-GB"\nfail-on = "error"\nnames = ["house.toml"]\n'
        '[tool.newslint.rules.teh]\nseverity = "info"\n',
    )
    cfg = load_file(p)
    assert cfg.select == ("NL1",) and cfg.language == "en-GB" and cfg.fail_on is Severity.ERROR
    assert cfg.names == (tmp_path / "house.toml",)
    assert cfg.rule_severity(TehRule()) is Severity.INFO


def test_pyproject_without_our_table_is_passed_over(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    write(tmp_path / "a" / "story.txt", "x")
    assert find_config_file(tmp_path / "a") is None
    write(tmp_path / "newslint.toml", "")
    assert find_config_file(tmp_path / "a") == tmp_path / "newslint.toml"


@pytest.mark.parametrize(
    "text, message",
    [
        ("selcet = ['NL1']", "unknown key 'selcet'"),
        ("language = 'fr'", "language must be one of"),
        ("fail-on = 'fatal'", "fail-on must be"),
        ("[plugins]\nautolaod = false", "plugins.autolaod"),
        ("[[overrides]]\nignore = ['NL1']", "needs a 'paths' list"),
        ("select = 'x' = ", "invalid TOML"),
    ],
)
def test_bad_files_name_the_problem(tmp_path, text, message):
    p = write(tmp_path / "newslint.toml", text)
    with pytest.raises(ConfigError, match=message):
        load_file(p)


def test_rule_options_are_validated():
    rule = TehRule()
    with pytest.raises(ConfigError, match="unknown rule 'tehh'"):
        Config(rules={"tehh": {}}).validate_rules([rule])
    with pytest.raises(ConfigError, match="unknown option 'colour'"):
        Config(rules={"teh": {"colour": 1}}).validate_rules([rule])
    with pytest.raises(ConfigError, match="selects no known rule"):
        Config(select=("NL9",)).validate_rules([rule])
    Config(select=("XT", "teh"), ignore=("ALL",)).validate_rules([rule])


def test_per_path_overrides_apply_in_order(tmp_path):
    p = write(
        tmp_path / "newslint.toml",
        '[[overrides]]\npaths = ["live/*"]\nlanguage = "en-US"\n'
        '[[overrides]]\npaths = ["live/sport/*"]\nlanguage = "en-GB"\n',
    )
    resolver = ConfigResolver()
    story = write(tmp_path / "live" / "sport" / "a.txt", "x")
    other = write(tmp_path / "live" / "b.txt", "x")
    assert resolver.for_path(str(story)).language == "en-GB"
    assert resolver.for_path(str(other)).language == "en-US"
    assert load_file(p).language == "en"


def test_command_line_settings_win(tmp_path):
    write(tmp_path / "newslint.toml", 'language = "en-GB"\nnames = ["a.toml"]\n')
    story = write(tmp_path / "s.txt", "x")
    resolver = ConfigResolver({"language": "en-US", "names_extra": (Path("b.json"),)})
    cfg = resolver.for_path(str(story))
    assert cfg.language == "en-US"
    assert cfg.names == (tmp_path / "a.toml", Path("b.json"))


def test_enabled_true_turns_on_a_default_off_rule_whatever_else_is_ignored():
    class OffByDefault(TehRule):
        default_enabled = False

    rule = OffByDefault()
    assert not Config().rule_enabled(rule)
    assert Config(rules={"teh": {"enabled": True}}).rule_enabled(rule)
    assert Config(rules={"teh": {"enabled": True}}, ignore=("NL1",)).rule_enabled(rule)
    assert Config(rules={"teh": {"enabled": True}}, ignore=("XT",)).rule_enabled(rule)
    assert not Config(rules={"teh": {"enabled": True}}, ignore=("teh",)).rule_enabled(rule)


class _SendingRule(TehRule):
    options = {"server_url": "", "level": "normal"}
    run_only_options = frozenset({"server_url"})


def test_run_only_options_come_from_the_runs_own_config(tmp_path, monkeypatch):
    write(tmp_path / "newslint.toml", '[rules.teh]\nserver-url = "http://own.example"\n')
    write(tmp_path / "copy" / "newslint.toml", '[rules.teh]\nserver-url = "http://planted.example"\nlevel = "picky"\n')
    write(tmp_path / "copy" / "story.txt", "x")
    monkeypatch.chdir(tmp_path)
    resolver = ConfigResolver()
    planted = resolver.for_path(str(tmp_path / "copy" / "story.txt"))
    assert planted.rule_options(_SendingRule()) == {"server_url": "http://own.example", "level": "picky"}
    assert planted.ignored_options([_SendingRule()]) == ["rules.teh.server-url"]
    own = resolver.for_path(str(tmp_path / "story.txt"))
    assert own.rule_options(_SendingRule())["server_url"] == "http://own.example"
    assert own.ignored_options([_SendingRule()]) == []
    # --config names the run's own file: then nothing is found beside the articles
    explicit = ConfigResolver(explicit=tmp_path / "copy" / "newslint.toml")
    assert explicit.for_path("copy/story.txt").rule_options(_SendingRule())["server_url"] == "http://planted.example"


def test_an_override_ignore_adds_to_the_files_ignore(tmp_path):
    (tmp_path / "newslint.toml").write_text(
        'ignore = ["NL550"]\n[[overrides]]\npaths = ["live/*"]\nignore = ["NL551"]\nextend-select = ["NL1"]\n'
    )
    config = load_file(tmp_path / "newslint.toml")
    live = config.for_path(str(tmp_path / "live" / "a.txt"))
    assert live.ignore == ("NL550", "NL551")
    assert live.extend_select == ("NL1",)
    assert config.for_path(str(tmp_path / "b.txt")).ignore == ("NL550",)


def test_a_rule_option_of_the_wrong_type_is_a_configuration_error(run_cli, tmp_path):
    # was NL001 blamed on the plugin, exit 3, on every file
    story = write(tmp_path / "story.txt", "Headline\n\nA caption. Photo: AP\n")
    write(tmp_path / "newslint.toml", '[rules.duplicate-caption]\nthreshold = "high"\n')
    r = run_cli("check", story)
    assert r.status == 2
    assert r.err.strip() == (
        f"newslint: error: {tmp_path / 'newslint.toml'}: rules.duplicate-caption.threshold must be a number, "
        "not a string ('high')"
    )
    write(tmp_path / "newslint.toml", '[[overrides]]\npaths = ["*"]\nrules.spelling.report-unsuggested = 1\n')
    r = run_cli("check", story)
    assert r.status == 2 and "rules.spelling.report-unsuggested must be a boolean" in r.err
    write(tmp_path / "newslint.toml", "[rules.duplicate-caption]\nthreshold = 1\n")
    assert run_cli("check", story).status in (0, 1)  # a whole number is a number


def test_options_are_declared_once_with_type_default_and_help():
    from newslint.rule import Option, Options
    from newslint.rules.captions import DuplicateCaption

    assert dict(DuplicateCaption.options) == {"threshold": 0.8, "min_words": 3, "near_min_words": 6, "check_body": True}
    spec = DuplicateCaption.option_specs()["threshold"]
    assert spec == Option(float, 0.8, spec.help) and spec.help
    assert isinstance(DuplicateCaption.options, Options)
    assert Option(list, []).accepts(["a"]) and not Option(list, []).accepts([1])
    assert not Option(int, 1).accepts(True) and not Option(bool, True).accepts(1)
