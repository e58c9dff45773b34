"""The command line contract: formats, exit statuses, bad input, plugins, config, suppression."""

from __future__ import annotations

import json

import pytest
from conftest import BoomRule, RulePlugin, TehRule, write

STORY = "A headline about teh news\n\nThe first paragraph says teh thing.\n\nThe second paragraph is clean.\n"


def test_json_envelope_and_fields(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    r = run_cli("check", "--format", "json", "--select", "teh", p, plugins=[RulePlugin()])
    assert r.status == 1
    data = r.json
    assert data["version"] == 1
    d1, d2 = data["diagnostics"]
    assert (d1["line"], d1["column"], d1["end_line"], d1["end_column"]) == (1, 18, 1, 21)
    assert (d2["line"], d2["column"]) == (3, 26)
    for key in ("path", "rule", "code", "severity", "message", "suggestions", "field"):
        assert key in d1
    assert d1["rule"] == "teh" and d1["code"] == "XT101" and d1["suggestions"] == ["the"]
    assert d1["field"] == "headline" and d2["field"] == "body"


def test_text_output_points_at_the_word(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    r = run_cli("check", "--select", "XT1", p, plugins=[RulePlugin()])
    assert r.status == 1
    assert f"{p}:3:26: warning XT101 [teh]" in r.out
    lines = r.out.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("3 | "))
    assert lines[source + 1].index("^") == lines[source].index("teh")


def test_clean_file_exits_0(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", "Headline\n\nNothing wrong here.\n")
    r = run_cli("check", "--select", "teh", p, plugins=[RulePlugin()])
    assert r.status == 0


def test_missing_path_is_a_usage_error(run_cli, tmp_path):
    r = run_cli("check", tmp_path / "nope.txt")
    assert r.status == 2
    assert r.err.count("\n") == 1 and "nope.txt" in r.err and "Traceback" not in r.err


def test_unknown_option_and_format_are_usage_errors(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    r = run_cli("check", "--no-such-option", p)
    assert r.status == 2 and r.err.count("\n") == 1 and "--no-such-option" in r.err
    r = run_cli("check", "--format", "yaml", p)
    assert r.status == 2 and r.err.count("\n") == 1 and "yaml" in r.err


def test_stdin(run_cli):
    r = run_cli("check", "--format", "json", "--select", "teh", "-", plugins=[RulePlugin()], stdin=STORY.encode())
    assert r.status == 1
    assert {d["path"] for d in r.json["diagnostics"]} == {"-"}


def test_bad_input_folder_is_checked_without_traceback(run_cli, tmp_path):
    folder = tmp_path / "desk"
    write(folder / "latin1.txt", "Chelsea sack striker\n\nA fee of \xa315.8m teh club paid.\n".encode("latin-1"))
    write(folder / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(folder / "empty.txt", b"")
    write(folder / "broken.html", "<html><h1>Head<p>Broken <b>teh para</div></figure>")
    write(folder / "huge.txt", "Headline\n\n" + "Words and more words. " * 5000)
    write(folder / "good.txt", STORY)
    r = run_cli(
        "check", "--format", "json", "--max-file-size", "0.05", "--select", "teh,NL0", folder, plugins=[RulePlugin()]
    )
    assert "Traceback" not in r.err
    by_file: dict[str, list[str]] = {}
    for d in r.json["diagnostics"]:
        by_file.setdefault(d["path"].rsplit("/", 1)[-1], []).append(d["code"])
    assert by_file["latin1.txt"] == ["NL002", "XT101"]  # decoded as Windows-1252 and still checked
    assert by_file["binary.txt"] == ["NL003"]
    assert by_file["empty.txt"] == ["NL003"]
    assert by_file["huge.txt"] == ["NL003"]
    assert "XT101" in by_file["broken.html"]
    assert by_file["good.txt"] == ["XT101", "XT101"]
    msgs = {d["path"].rsplit("/", 1)[-1]: d["message"] for d in r.json["diagnostics"] if d["code"] != "XT101"}
    assert "binary" in msgs["binary.txt"] and "empty" in msgs["empty.txt"] and "MiB" in msgs["huge.txt"]
    assert "Windows-1252" in msgs["latin1.txt"]
    (latin,) = [d for d in r.json["diagnostics"] if d["code"] == "NL002"]
    assert (latin["line"], latin["column"], latin["end_column"]) == (3, 10, 11)  # on the pound sign


def test_failing_plugin_is_reported_and_others_still_run(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    r = run_cli(
        "check", "--format", "json", "--select", "teh,boom,NL001", p, plugins=[RulePlugin(TehRule(), BoomRule())]
    )
    assert r.status == 3
    codes = [d["code"] for d in r.json["diagnostics"]]
    assert codes.count("XT101") == 2
    failure = next(d for d in r.json["diagnostics"] if d["code"] == "NL001")
    assert "boom" in failure["message"] and "kaboom" in failure["message"]


def test_fail_on_threshold(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    write(tmp_path / "newslint.toml", '[rules.teh]\nseverity = "info"\n')
    r = run_cli("check", "--select", "teh", p, plugins=[RulePlugin()])
    assert r.status == 0
    r = run_cli("check", "--select", "teh", "--fail-on", "info", p, plugins=[RulePlugin()])
    assert r.status == 1


def test_unknown_config_key_names_the_key(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    write(tmp_path / "pyproject.toml", "[tool.newslint]\nselcet = ['NL1']\n")
    r = run_cli("check", p)
    assert r.status == 2 and "selcet" in r.err and r.err.count("\n") == 1


def test_config_found_by_walking_up_from_the_file(run_cli, tmp_path):
    p = write(tmp_path / "desk" / "sub" / "story.txt", STORY)
    write(tmp_path / "desk" / "newslint.toml", 'ignore = ["teh"]\n')
    r = run_cli("check", "--format", "json", p, plugins=[RulePlugin()])
    assert not [d for d in r.json["diagnostics"] if d["code"] == "XT101"]


def test_per_path_override(run_cli, tmp_path):
    write(tmp_path / "live" / "blog.txt", STORY)
    write(tmp_path / "news" / "story.txt", STORY)
    write(tmp_path / "newslint.toml", '[[overrides]]\npaths = ["live/*"]\nignore = ["teh"]\n')
    r = run_cli("check", "--format", "json", "--select", "teh", tmp_path, plugins=[RulePlugin()])
    paths = {d["path"].rsplit("/", 2)[-2] for d in r.json["diagnostics"]}
    assert paths == {"news"}


def test_inline_suppression(run_cli, tmp_path):
    text = (
        "A headline\n\n<!-- newslint: disable-next-line XT101 -->\nFirst teh paragraph.\n\n"
        "<!-- newslint: disable teh -->\nSecond teh.\n\nThird teh.\n<!-- newslint: enable teh -->\n\n"
        "Fourth teh.\n"
    )
    p = write(tmp_path / "story.txt", text)
    r = run_cli("check", "--format", "json", "--select", "teh", p, plugins=[RulePlugin()])
    assert [d["line"] for d in r.json["diagnostics"]] == [12]


def test_baseline_keeps_old_findings_out(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", STORY)
    base = tmp_path / "baseline.json"
    r = run_cli("check", "--select", "teh", "--write-baseline", base, p, plugins=[RulePlugin()])
    assert r.status == 0 and json.loads(base.read_text())["findings"]
    r = run_cli("check", "--select", "teh", "--baseline", base, p, plugins=[RulePlugin()])
    assert r.status == 0
    # editing around the old findings keeps them baselined; a new one is reported
    write(p, "New first line\n\n" + STORY + "\nA new teh.\n")
    r = run_cli("check", "--format", "json", "--select", "teh", "--baseline", base, p, plugins=[RulePlugin()])
    assert r.status == 1 and [d["line"] for d in r.json["diagnostics"]] == [9]


def test_parallel_results_match_serial(run_cli, tmp_path):
    for i in range(30):
        write(tmp_path / "desk" / f"{i:02}.txt", STORY.replace("second", f"number {i}"))
    serial = run_cli(
        "check", "--format", "json", "-j", "1", "--select", "teh", tmp_path / "desk", plugins=[RulePlugin()]
    )
    parallel = run_cli(
        "check", "--format", "json", "-j", "2", "--select", "teh", tmp_path / "desk", plugins=[RulePlugin()]
    )
    assert serial.json == parallel.json and len(serial.json["diagnostics"]) == 60


def test_a_parallel_run_lets_go_of_its_resources_once_the_workers_have_them(tmp_path, monkeypatch):
    from newslint.config import ConfigResolver
    from newslint.session import PROCESS_CACHE, Session

    monkeypatch.chdir(tmp_path)
    for i in range(30):
        name = "Kim Jong-on" if i == 7 else "Kim Jong-un"
        write(tmp_path / "desk" / f"{i:02}.txt", f"Talks, day {i}\n\n{name} met envoys. Teh talks went on.\n")
    reports = {}
    for jobs in (1, 2):
        PROCESS_CACHE.clear()
        with Session(resolver=ConfigResolver(), jobs=jobs) as session:
            session.run(["desk"])
        assert session.report is not None
        reports[jobs] = [(d.path, d.code, d.start, d.message) for d in session.report.diagnostics]
        # the parent keeps the word lists it loaded only when it checks the files itself (the
        # batch checks load what they need again: here the names authority)
        assert (("newslint.spelling", "base") in PROCESS_CACHE) is (jobs == 1)
    assert reports[1] == reports[2]
    assert ("desk/07.txt", "NL101") in {(p, c) for p, c, _, _ in reports[1]}
    # a session that had its resources before (a long-lived one) keeps them
    kept = dict(PROCESS_CACHE.items()) or {"marker": object()}
    PROCESS_CACHE.update(kept)
    with Session(resolver=ConfigResolver(), jobs=2) as session:
        session.run(["desk"])
    assert all(PROCESS_CACHE.get(k) is v for k, v in kept.items())


def test_rules_and_plugins_commands(run_cli):
    r = run_cli("rules")
    assert r.status == 0 and "NL001" in r.out and "internal-error" in r.out
    r = run_cli("rules", "--format", "json")
    assert any(x["code"] == "NL003" for x in json.loads(r.out))
    r = run_cli("plugins")
    assert r.status == 0 and "newslint.rules.input" in r.out


def test_version(run_cli, capsys):
    import pytest

    with pytest.raises(SystemExit) as e:
        run_cli("--version")
    assert e.value.code == 0


def test_fix_writes_safe_fixes_and_reports_what_remains(run_cli, tmp_path):
    p = write(tmp_path / "story.txt", b"A headline about teh news\r\n\r\nThe first paragraph says teh thing.\r\n")
    r = run_cli("check", "--diff", "--select", "teh", p, plugins=[RulePlugin()])
    assert r.status == 1 and "-A headline about teh news" in r.out and "+A headline about the news" in r.out
    assert b"teh" in p.read_bytes()  # --diff writes nothing
    r = run_cli("check", "--fix", "--format", "json", "--select", "teh", p, plugins=[RulePlugin()])
    assert r.status == 0 and r.json["diagnostics"] == []
    assert p.read_bytes() == b"A headline about the news\r\n\r\nThe first paragraph says the thing.\r\n"


def test_disable_plugin_and_require_plugin(run_cli, tmp_path):
    r = run_cli("rules", "--disable-plugin", "newslint.rules.spelling")
    assert r.status == 0 and "NL001" in r.out and "NL301" not in r.out
    r = run_cli("rules", "--require-plugin", "no-such-plugin")
    assert r.status == 2 and "no-such-plugin" in r.err


def test_required_plugins_reach_the_session_config(run_cli, tmp_path, monkeypatch):
    from newslint.session import Session

    seen = {}
    real_init = Session.__post_init__

    def spy(self):
        real_init(self)
        seen["require"] = self.config.plugins_require

    monkeypatch.setattr(Session, "__post_init__", spy)
    p = write(tmp_path / "story.txt", STORY)
    run_cli("check", "--require-plugin", "newslint.rules.input", p)
    assert seen["require"] == ("newslint.rules.input",)


def test_session_finish_runs_when_a_start_hook_fails(run_cli, tmp_path):
    import newslint

    finished = []

    class Plugin:
        __name__ = "start-fails"

        @newslint.hookimpl
        def newslint_session_start(self, session):
            raise RuntimeError("cannot start")

        @newslint.hookimpl
        def newslint_session_finish(self, session, exitstatus):
            finished.append(exitstatus)

    p = write(tmp_path / "story.txt", STORY)
    r = run_cli("check", p, plugins=[Plugin()])
    assert r.status == 3 and "cannot start" in r.err and finished == [3]


def test_a_rule_raising_config_error_is_a_usage_error(run_cli, tmp_path):
    import newslint

    class BadOption(TehRule):
        def check(self, article, ctx):
            raise newslint.ConfigError("house.txt:3: a rejected word needs a preferred spelling")

    for jobs in ("1", "2"):
        for i in range(30):
            write(tmp_path / "desk" / f"{i}.txt", STORY)
        r = run_cli("check", "-j", jobs, "--select", "teh", tmp_path / "desk", plugins=[RulePlugin(BadOption())])
        assert r.status == 2 and r.err.count("\n") == 1 and "house.txt:3" in r.err


def test_a_console_that_is_not_utf8_gets_escapes_not_a_crash(tmp_path):
    import os
    import subprocess
    import sys

    p = write(tmp_path / "story.txt", "Erdoğan visits\n\nRecep Tayyip Erdoğan arrived on Monday aftrenoon.\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    r = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--select", "spelling", p], capture_output=True, text=True, env=env
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "Erdo\\u011fan arrived" in r.stdout and '"afternoon"' in r.stdout


def test_what_a_rule_keeps_in_a_worker_reaches_its_batch_check(run_cli, tmp_path):
    import os

    import newslint

    class WordCount(TehRule):
        code, name = "XT103", "word-count"

        def check(self, article, ctx):
            ctx.keep((os.getpid(), article.word_count))
            return ()

        def check_batch(self, articles, ctx):
            kept = [ctx.kept(a) for a in articles]
            assert all(k is not None for k in kept)
            total = sum(n for _, n in kept)
            processes = len({p for p, _ in kept})
            message = f"{total} words kept by {processes} processes"
            yield self.diagnostic(articles[0], None, 0, 1, message, severity=newslint.Severity.INFO)

    for i in range(30):
        write(tmp_path / "desk" / f"{i:02}.txt", STORY)
    r = run_cli("check", "--format", "json", "-j", "2", "--select", "word-count", tmp_path / "desk",
                plugins=[RulePlugin(WordCount())])
    (d,) = r.json["diagnostics"]
    assert d["message"] == f"{30 * 16} words kept by 2 processes"


def test_machine_formats_keep_notices_inside_their_output(run_cli, tmp_path):
    import newslint

    class Notice:
        __name__ = "notice-plugin"

        @newslint.hookimpl
        def newslint_report_header(self, config):
            return ["grammar checks are off: no server"]

    p = write(tmp_path / "story.txt", STORY)
    r = run_cli("check", "--format", "json", p, plugins=[Notice()])
    assert "grammar checks are off: no server" in r.json["notices"] and r.err == ""


def test_plugin_options_stand_before_or_after_the_command(run_cli, tmp_path, capsys):
    p = write(tmp_path / "story.txt", STORY)
    before = run_cli("--no-autoload", "--disable-plugin", "newslint.rules.spelling", "check", "--format", "json", p)
    after = run_cli("check", "--format", "json", "--no-autoload", "--disable-plugin", "newslint.rules.spelling", p)
    assert before.status == after.status and before.json == after.json
    with pytest.raises(SystemExit):
        run_cli("--help")
    assert "--disable-plugin" in capsys.readouterr().out
    assert run_cli("--config").status == 2


def test_essential_plugins_cannot_be_disabled(run_cli, tmp_path):
    # the session reports an empty file through the input rules: blocking them was a KeyError, exit 3
    p = write(tmp_path / "empty.txt", "")
    for name in ("newslint.rules.input", "newslint.commands"):
        r = run_cli("check", "--disable-plugin", name, p)
        assert r.status == 2, r.err
        assert r.err == f"newslint: error: plugin {name!r} is essential to newslint and cannot be disabled\n"
    write(tmp_path / "newslint.toml", '[plugins]\ndisable = ["newslint.rules.input"]\n')
    r = run_cli("check", p)
    assert r.status == 2 and "essential" in r.err and "Traceback" not in r.err


HOUSE = """
[[rule]]
name = "mumbai"
kind = "substitution"
swap = { Bombay = "Mumbai" }
examples.bad = ["Flights to Bombay resumed."]
"""


def test_one_house_style_rule_is_turned_off_by_name(run_cli, tmp_path):
    # a house rule reports as NL590 house-style; its own name must work in --ignore and comments
    write(tmp_path / "house.toml", HOUSE)
    write(tmp_path / "newslint.toml", 'style = ["house.toml"]\n')
    p = write(tmp_path / "story.txt", "Talks\n\nFlights to Bombay resumed.\n")
    r = run_cli("check", "--format", "json", "--select", "house-style", p)
    assert [(d["code"], d["data"]["style_rule"]) for d in r.json["diagnostics"]] == [("NL590", "mumbai")]
    r = run_cli("check", "--format", "json", "--select", "house-style", "--ignore", "mumbai", p)
    assert r.status == 0 and r.json["diagnostics"] == []
    q = write(tmp_path / "q.txt", "Talks\n\nFlights to Bombay resumed. <!-- newslint: disable-line mumbai -->\n")
    r = run_cli("check", "--format", "json", "--select", "house-style,NL005,NL006", q)
    assert r.status == 0 and r.json["diagnostics"] == []


def test_unknown_and_unused_suppressions_are_reported(run_cli, tmp_path):
    p = write(
        tmp_path / "story.txt",
        "A headline about teh news\n\n"
        "The first paragraph says teh thing. <!-- newslint: disable-line teh -->\n\n"
        "<!-- newslint: disable-next-line NL9999 -->\n"
        "The second paragraph is clean. <!-- newslint: disable-line XT -->\n",
    )
    r = run_cli("check", "--format", "json", "--select", "teh,NL005,NL006", p, plugins=[RulePlugin(TehRule())])
    found = [(d["code"], d["line"], d["column"], d["message"]) for d in r.json["diagnostics"]]
    assert found == [
        ("XT101", 1, 18, '"teh" should be "the"'),
        ("NL005", 5, 1, 'suppression comment names no known rule: "NL9999"'),
        ("NL006", 6, 32, 'suppression comment for "XT" suppresses nothing'),
    ]
    # a comment for a rule that did not run cannot be judged: not reported
    r = run_cli("check", "--format", "json", "--select", "NL1,NL006", p, plugins=[RulePlugin(TehRule())])
    assert [d["code"] for d in r.json["diagnostics"]] == []
