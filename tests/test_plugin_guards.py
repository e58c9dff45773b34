"""Misbehaving plugins: each failure is one NL001 naming the plugin, and the run goes on
(issue 12, defects 2, 4, 5 and 7). The plugins here are real plugin objects doing the real
bad thing: exiting, sleeping, backtracking, killing their own process."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import RulePlugin, TehRule, write

import newslint
from newslint.diagnostic import Diagnostic, Position, Severity
from newslint.reporters import Reporter

STORY = "Headline\n\nThe firm said teh sales rose.\n"


class _Bad(newslint.Rule):
    """Misbehaves (a test rule).

    What it does
        Misbehaves.

    Why it matters
        Tests.

    Example
        Any text.

    Options
        None.

    Fix safety
        None.
    """

    code = "XT190"
    name = "bad"
    summary = "Misbehaves"

    def __init__(self, how):
        self.how = how

    def check(self, article, ctx):
        if self.how == "exit":
            sys.exit(0)
        if self.how == "interrupt":
            raise KeyboardInterrupt
        if self.how == "sleep":
            time.sleep(30)
        if self.how == "backtrack":
            re.search(r"(a+)+$", "a" * 40 + "b")  # house-style pattern with catastrophic backtracking
        if self.how == "swallow-and-spin":
            while True:
                try:
                    time.sleep(30)
                except Exception:  # a plugin that swallows everything cannot swallow the time limit
                    pass
        if self.how == "not-a-diagnostic":
            yield "teh is wrong"
        if self.how == "line-0":
            at = Position(0, 0, 0)
            yield Diagnostic("XT190", "bad", "line zero", Severity.WARNING, article.path, at, Position(0, 1, 0))
        if self.how == "wrong-types":
            yield Diagnostic("XT190", "bad", 5, "warning", article.path, Position(1, 1, 0), Position(1, 2, 1))
        if self.how == "kill-worker" and "03" in article.path:
            os.kill(os.getpid(), signal.SIGKILL)
        if self.how == "good-and-bad":
            block = article.blocks[-1]
            yield self.diagnostic(article, block, 0, 3, "a good one")
            yield None


def run(run_cli, tmp_path, how, *extra, files=1):
    for i in range(files):
        write(tmp_path / f"s{i:02}.txt", STORY)
    args = ["check", "--no-autoload", "--format", "json", *extra, *(f"s{i:02}.txt" for i in range(files))]
    return run_cli(*args, plugins=[RulePlugin(TehRule(), _Bad(how))])


def _nl001(result):
    return [d for d in result.json["diagnostics"] if d["code"] == "NL001"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sys_exit_in_a_rule_is_an_nl001_not_a_silent_pass(run_cli, tmp_path, jobs):
    r = run(run_cli, tmp_path, "exit", "--jobs", jobs, files=30)
    assert r.status == 3
    failed = _nl001(r)
    assert len(failed) == 30 and 'rule "bad" from plugin "test-plugin" failed: SystemExit: 0' in failed[0]["message"]
    assert len([d for d in r.json["diagnostics"] if d["rule"] == "teh"]) == 30  # the good rule still reported


def test_a_sleeping_rule_is_stopped_at_the_time_limit(run_cli, tmp_path):
    write(tmp_path / "newslint.toml", "rule-time-limit = 0.5\n")
    t = time.monotonic()
    r = run(run_cli, tmp_path, "sleep", files=2)
    assert time.monotonic() - t < 10
    assert [d["message"] for d in _nl001(r)] == [
        'rule "bad" from plugin "test-plugin" was stopped after 0.5 s on this article (rule-time-limit)'
    ] * 2
    assert r.status == 3 and [d["rule"] for d in r.json["diagnostics"]].count("teh") == 2


@pytest.mark.parametrize("how", ["backtrack", "swallow-and-spin"])
def test_a_runaway_regex_or_a_rule_swallowing_exceptions_is_stopped(run_cli, tmp_path, how):
    write(tmp_path / "newslint.toml", "rule-time-limit = 0.5\n")
    t = time.monotonic()
    r = run(run_cli, tmp_path, how)
    assert time.monotonic() - t < 10
    assert "was stopped after 0.5 s" in _nl001(r)[0]["message"]


@pytest.mark.parametrize(
    ("how", "why"),
    [
        ("not-a-diagnostic", "yielded str 'teh is wrong', not a Diagnostic"),
        ("line-0", "yielded a diagnostic whose start is out of the article"),
        ("wrong-types", "yielded a diagnostic whose message is 5, not a non-empty string"),
        ("good-and-bad", "yielded NoneType None, not a Diagnostic"),
    ],
)
def test_what_a_rule_yields_is_checked_and_the_run_goes_on(run_cli, tmp_path, how, why):
    r = run(run_cli, tmp_path, how, files=2)
    assert r.status == 3
    failed = _nl001(r)
    assert len(failed) == 2 and why in failed[0]["message"] and '"test-plugin"' in failed[0]["message"]
    rules = [d["rule"] for d in r.json["diagnostics"]]
    assert rules.count("teh") == 2
    assert rules.count("bad") == (2 if how == "good-and-bad" else 0)


def test_invalid_diagnostics_never_reach_sarif(run_cli, tmp_path):
    write(tmp_path / "s00.txt", STORY)
    r = run_cli("check", "--no-autoload", "--format", "sarif", "s00.txt", plugins=[RulePlugin(_Bad("line-0"))])
    regions = [res["locations"][0]["physicalLocation"]["region"] for res in json.loads(r.out)["runs"][0]["results"]]
    assert regions and all(reg["startLine"] >= 1 for reg in regions)


def test_a_worker_killed_by_the_os_is_reported_and_the_run_finishes(run_cli, tmp_path):
    r = run(run_cli, tmp_path, "kill-worker", "--jobs", "2", files=30)
    assert r.out, r.err
    failed = _nl001(r)
    assert [(d["path"], d["message"]) for d in failed] == [
        ("s03.txt", "the worker process checking this file killed by SIGKILL; the file was not checked")
    ]
    assert [d["rule"] for d in r.json["diagnostics"]].count("teh") == 29
    assert r.status == 3


class _BadHeader:
    __name__ = "bad-header"

    @newslint.hookimpl
    def newslint_report_header(self, config):
        raise ValueError("header bug")


def test_a_failing_report_header_hook_is_one_nl001_naming_the_plugin_and_the_report_is_complete(run_cli, tmp_path):
    write(tmp_path / "s00.txt", STORY)
    write(tmp_path / "s01.txt", STORY)
    r = run_cli(
        "check", "--no-autoload", "--format", "json", "s00.txt", "s01.txt", plugins=[RulePlugin(), _BadHeader()]
    )
    assert r.status == 3
    assert [(d["path"], d["line"], d["message"]) for d in _nl001(r)] == [
        ("s00.txt", 1, 'plugin "bad-header" failed writing the report header: ValueError: header bug')
    ]
    assert "notices" not in r.json
    assert sorted(d["path"] for d in r.json["diagnostics"] if d["rule"] == "teh") == ["s00.txt", "s01.txt"]


def test_an_installed_plugin_whose_report_header_fails_is_blamed_by_its_distribution(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad_header.py").write_text(
        "import newslint\n\n@newslint.hookimpl\n"
        "def newslint_report_header(config):\n    raise ValueError('header bug')\n"
    )
    info = site / "newslint_bad_header-0.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-bad-header\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text("[newslint]\nheader = bad_header\n")
    write(tmp_path / "s00.txt", STORY)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    argv = [sys.executable, "-m", "newslint", "check", "--select", "NL0", "--format", "json", "s00.txt"]
    p = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 3, p.stderr
    assert [d["message"] for d in json.loads(p.stdout)["diagnostics"]] == [
        'plugin "newslint-bad-header" failed writing the report header: ValueError: header bug'
    ]


def test_a_failing_report_header_hook_is_named_in_a_checkers_notices():
    config = newslint.Config(plugins_autoload=False)
    with newslint.Checker(config=config, plugins=[RulePlugin(), _BadHeader()]) as checker:
        assert checker.notices == ['plugin "bad-header" failed writing the report header: ValueError: header bug']
        assert "teh" in [d.rule for d in checker.check_text(STORY, "s00.txt")]


class _BadReporter(Reporter):
    name = "broken"
    description = "always fails"

    def render(self, report, stream, *, color=False):
        stream.write("half a rep")
        raise RuntimeError("reporter bug")


class _ReporterPlugin:
    __name__ = "broken-reporter"

    @newslint.hookimpl
    def newslint_add_reporters(self):
        return [_BadReporter()]


def test_a_failing_reporter_still_shows_the_findings(run_cli, tmp_path):
    write(tmp_path / "s00.txt", STORY)
    r = run_cli("check", "--no-autoload", "--format", "broken", "s00.txt", plugins=[RulePlugin(), _ReporterPlugin()])
    assert r.status == 3
    assert "the 'broken' reporter" in r.err and "RuntimeError: reporter bug" in r.err
    assert "half a rep" not in r.out and '"teh" should be "the"' in r.out


def test_a_missing_path_is_reported_and_the_rest_checked(run_cli, tmp_path):
    write(tmp_path / "s00.txt", STORY)
    r = run_cli("check", "--no-autoload", "--format", "json", "s00.txt", "gone.txt", plugins=[RulePlugin()])
    assert r.status == 2
    assert "teh" in [d["rule"] for d in r.json["diagnostics"]]
    assert r.err == "newslint: error: no such file or folder: gone.txt\n"


INTERRUPTER = textwrap.dedent(
    '''
    import os, signal, sys, time
    import newslint
    from newslint import cli, manager

    class Slow(newslint.Rule):
        """Slow.

        What it does
            Sleeps.

        Why it matters
            Tests.

        Example
            Any.

        Options
            None.

        Fix safety
            None.
        """
        code, name, summary = "XT191", "slow", "Sleeps"
        def check(self, article, ctx):
            open(os.environ["NEWSLINT_TEST_BUSY"], "a").close()  # a worker is checking
            time.sleep(0.2)
            return ()

    class P:
        __name__ = "slow-plugin"
        @newslint.hookimpl
        def newslint_add_rules(self):
            return [Slow()]

    real = manager.make_manager
    cli.make_manager = lambda **kw: real(**kw, extra=[P()])
    sys.exit(cli.main(["check", "--no-autoload", "--jobs", "2", "-q", sys.argv[1]]))
    '''
)


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name == "nt", reason="POSIX process groups")
@pytest.mark.parametrize("extra_rule", ["interrupt-signal", "interrupt-raised"])
def test_ctrl_c_ends_the_run_with_130_and_no_worker_tracebacks(tmp_path, extra_rule, run_cli):
    if extra_rule == "interrupt-raised":  # KeyboardInterrupt raised by a rule stops the run too
        r = run(run_cli, tmp_path, "interrupt")
        assert r.status == 130 and "Traceback" not in r.err
        return
    for i in range(60):
        write(tmp_path / "news" / f"s{i:02}.txt", STORY)
    script = write(tmp_path / "interrupt.py", INTERRUPTER)
    busy = tmp_path / "busy"
    p = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "news")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NEWSLINT_TEST_BUSY": str(busy)},
    )
    deadline = time.monotonic() + 60
    while not busy.exists() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until a worker is checking, however loaded the machine
    assert busy.exists(), "no worker started checking"
    os.killpg(p.pid, signal.SIGINT)  # as a terminal does: the whole process group
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "newslint: interrupted"
