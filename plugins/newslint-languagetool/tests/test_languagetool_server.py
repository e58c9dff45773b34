"""Reaching LanguageTool: failures, timeouts, rate limits, the one notice, the shared decision."""

from __future__ import annotations

import json
import logging
import os
import socket
from pathlib import Path
from typing import Any

import newslint_languagetool
import pytest
from conftest import FakeLanguageTool, FakeRule
from newslint_languagetool import GrammarRule, Runtime
from newslint_languagetool.client import Client, RateLimited, ServerFailure, Throttle, Unreachable, utf16_to_index
from newslint_languagetool.runtime import ENV_SHARED, installed_languagetool, java_version
from newslint_languagetool.settings import Connection, Settings, normalise_url

import newslint
from newslint.loaders.text import parse_text

LESS = FakeRule(r"\b(less) people\b", "LESS_COMPARATIVE", "Did you mean fewer?", ("fewer",))
TEXT = "Headline\n\nThere were less people.\n\nAnd less people again.\n"


def ctx_for(**options: Any) -> newslint.RuleContext:
    return newslint.RuleContext(
        config=newslint.Config(), options={**GrammarRule.options, "local_server": False, **options}
    )


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def no_java(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Java on PATH and an empty LanguageTool download folder."""
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))


# -- HTTP errors -----------------------------------------------------------------------------


def test_server_error_is_reported_once_and_the_run_goes_on(
    languagetool: FakeLanguageTool, runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    languagetool.rules = [LESS]
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url)
    languagetool.mode = "error500"
    with caplog.at_level(logging.WARNING, logger="newslint.languagetool"):
        for _ in range(5):
            assert list(rule.check(parse_text("a.txt", TEXT + "x"), ctx)) == []
    # after three failures in a row the server is given up: no more requests, one more line
    assert languagetool.checks == 3
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "HTTP 500" in messages[0] and "some blocks were not checked" in messages[0]
    assert "not checked for the rest of this run" in messages[1]


def test_a_server_error_then_recovery(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url)
    languagetool.mode = "error500"
    assert list(rule.check(parse_text("a.txt", TEXT), ctx)) == []
    languagetool.mode = "ok"
    diags = list(rule.check(parse_text("a.txt", TEXT), ctx))
    assert [(d.start.line, d.start.column) for d in diags] == [(3, 12), (5, 5)]


def test_timeout_gives_up_for_the_run(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    languagetool.rules = [LESS]
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url, timeout=0.2)
    languagetool.delay = 1.0
    assert list(rule.check(parse_text("a.txt", TEXT), ctx)) == []
    assert list(rule.check(parse_text("b.txt", "Other\n\nless people\n"), ctx)) == []
    assert languagetool.checks == 1  # a server that timed out is not waited on again


def test_rate_limit_with_a_short_retry_after_is_retried(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    languagetool.rules = [LESS]
    slept: list[float] = []
    monkeypatch.setattr("newslint_languagetool.rule.time.sleep", slept.append)
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url)
    languagetool.mode = "ratelimit"
    languagetool.retry_after = "2"
    assert list(rule.check(parse_text("a.txt", TEXT), ctx)) == []
    assert slept == [2.0]
    assert languagetool.checks == 2  # the request and one retry, then no more
    assert list(rule.check(parse_text("b.txt", TEXT + "y"), ctx)) == []
    assert languagetool.checks == 2


def test_rate_limit_with_a_long_wait_stops_at_once(languagetool: FakeLanguageTool, runtime: Runtime) -> None:
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url)
    languagetool.mode = "ratelimit"
    languagetool.retry_after = "3600"
    assert list(rule.check(parse_text("a.txt", TEXT), ctx)) == []
    assert list(rule.check(parse_text("b.txt", TEXT + "z"), ctx)) == []
    assert languagetool.checks == 1


def test_client_errors(languagetool: FakeLanguageTool) -> None:
    client = Client(normalise_url(languagetool.url), timeout=2)
    languagetool.mode = "garbage"
    with pytest.raises(ServerFailure, match="not JSON"):
        client.check("Text.", {"language": "en"})
    languagetool.mode = "error500"
    with pytest.raises(ServerFailure, match="HTTP 500: Error: Internal Error") as e:
        client.check("Text.", {"language": "en"})
    assert e.value.status == 500
    languagetool.mode = "ratelimit"
    languagetool.retry_after = "7"
    with pytest.raises(RateLimited) as r:
        client.check("Text.", {"language": "en"})
    assert r.value.retry_after == 7.0
    with pytest.raises(Unreachable, match="not reachable"):
        Client(f"http://127.0.0.1:{closed_port()}/v2/", timeout=2).check("Text.", {"language": "en"})


def test_throttle_keeps_to_the_public_limits() -> None:
    now = [0.0]
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        now[0] += s

    t = Throttle(requests=2, chars=100, window=60, clock=lambda: now[0], sleep=sleep)
    t.wait(10)
    t.wait(10)
    t.wait(10)  # third request in the minute waits for the first to age out
    assert waits == [60]
    t.wait(95)  # too many characters in the window
    assert len(waits) == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked on POSIX only")
def test_throttle_is_shared_with_forked_workers() -> None:
    t = Throttle(requests=3, chars=1000, window=600)
    t.wait(10)
    pid = os.fork()
    if pid == 0:  # a worker: its requests count against the same limit
        try:
            t.wait(20)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert t.usage() == (2, 30)


def test_utf16_offsets() -> None:
    text = "a😀b𝒞c"
    conv = utf16_to_index(text)
    # UTF-16: a=0, 😀=1-2, b=3, 𝒞=4-5, c=6
    assert [conv(u) for u in (0, 1, 3, 4, 6, 7)] == [0, 1, 2, 3, 4, 5]
    assert conv(2) == 1  # inside a surrogate pair: the start of the character
    assert utf16_to_index("plain")(3) == 3


# -- finding a server, and the notice -------------------------------------------------------


def test_url_normalisation() -> None:
    assert normalise_url("http://lt:8010") == "http://lt:8010/v2/"
    assert normalise_url("http://lt:8010/v2/check") == "http://lt:8010/v2/"
    assert normalise_url("localhost:8081/v2/") == "http://localhost:8081/v2/"


def test_environment_wins_over_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", "http://ci-lt:8010")
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_PUBLIC_API", "1")
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_LOCAL", "false")
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_TIMEOUT", "3.5")
    s = Settings.from_options({"server-url": "http://other", "local-server": True}, "en-GB")
    assert s.connection == Connection("http://ci-lt:8010/v2/", local_server=False, public_api=True, timeout=3.5)
    assert s.language == "en-GB"


def test_nothing_configured_costs_nothing_and_says_so_once(
    runtime: Runtime, no_java: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = newslint.Config()
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    monkeypatch.setattr("newslint_languagetool.rule.RUNTIME", runtime)
    # nothing configured: not even Java is looked for, and the rule is off
    monkeypatch.setattr("shutil.which", lambda name: pytest.fail(f"looked for {name}"))
    lines = newslint_languagetool.newslint_report_header(config=config)
    assert lines is not None and len(lines) == 1
    assert lines[0].startswith("newslint-languagetool: grammar (NL401) is off: no LanguageTool is configured")
    assert "NEWSLINT_LANGUAGETOOL_URL" in lines[0] and "newslint languagetool download" in lines[0]
    rule = newslint_languagetool.newslint_add_rules()[0]
    assert not config.rule_enabled(rule) and config.rule_selected(rule)
    assert newslint_languagetool.newslint_report_header(config=config) == lines


def test_grammar_asked_for_by_name_says_why_each_way_failed(
    runtime: Runtime, no_java: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    monkeypatch.setattr("newslint_languagetool.rule.RUNTIME", runtime)
    for config in (newslint.Config(extend_select=("grammar",)), newslint.Config(rules={"grammar": {"enabled": True}})):
        rule = newslint_languagetool.newslint_add_rules()[0]
        assert config.rule_enabled(rule)
        lines = newslint_languagetool.newslint_report_header(config=config)
        assert lines is not None
        text = "\n".join(lines)
        assert "grammar checks (NL401) are off" in text
        assert "has not been downloaded" in text
        assert "NEWSLINT_LANGUAGETOOL_URL" in text and "public-api = true" in text
        # the decision is made once: the rule then returns at once, without network or subprocess
        ctx = newslint.RuleContext(config=config, options=config.rule_options(rule))
        assert rule.check(parse_text("a.txt", TEXT), ctx) == ()


def test_java_without_a_download_is_explained(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("newslint_languagetool.runtime.java_version", lambda java: pytest.fail("ran java"))
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "nothing-here"))
    res = runtime.resolve(Settings.from_options({}).connection)
    assert res.backend is None
    assert any("LanguageTool has not been downloaded" in r for r in res.reasons)
    assert not (tmp_path / "nothing-here").exists()  # looking did not create folders


def test_old_java_is_explained(runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "LanguageTool-6.8").mkdir()
    (tmp_path / "LanguageTool-6.8" / "languagetool-server.jar").write_bytes(b"")
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/java")
    monkeypatch.setattr("newslint_languagetool.runtime.java_version", lambda java: 11)
    res = runtime.resolve(Settings.from_options({}).connection)
    assert any("Java 11 at /usr/bin/java is too old" in r for r in res.reasons)


def test_unreachable_server_url_is_in_the_notice(runtime: Runtime, no_java: None) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    conn = Settings.from_options({"server_url": url, "timeout": 1}).connection
    res = runtime.resolve(conn)
    assert res.backend is None
    assert "the configured server does not answer" in res.reasons[0]


def test_required_plugin_without_languagetool_fails_the_run(
    runtime: Runtime, no_java: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    config = newslint.Config(plugins_require=("languagetool",))
    with pytest.raises(newslint.ConfigError, match="the languagetool plugin is required"):
        newslint_languagetool.newslint_report_header(config=config)
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_REQUIRED", "1")  # the CI switch
    with pytest.raises(newslint.ConfigError, match="no LanguageTool is configured: no server URL"):
        newslint_languagetool.newslint_session_start(session=type("S", (), {"config": newslint.Config()})())


def test_no_notice_when_the_rule_is_not_selected(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    monkeypatch.setattr("shutil.which", lambda name: pytest.fail("an unselected rule looked for Java"))
    for config in (newslint.Config(ignore=("NL4",)), newslint.Config(rules={"grammar": {"enabled": False}})):
        assert newslint_languagetool.newslint_report_header(config=config) is None


def test_no_notice_when_a_server_answers(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", languagetool.url)
    assert newslint_languagetool.newslint_report_header(config=newslint.Config()) is None
    assert languagetool.probes == 1
    assert languagetool.checks == 0  # probing sends no copy


def test_worker_processes_reuse_the_decision(
    languagetool: FakeLanguageTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = Runtime()
    conn = Settings.from_options({"server_url": languagetool.url, "local_server": False}).connection
    try:
        assert main.resolve(conn).backend is not None
        shared = json.loads(os.environ[ENV_SHARED])
        assert shared[conn.key]["url"] == conn.url
        worker = Runtime()  # what a spawned worker builds, with the inherited environment
        res = worker.resolve(conn)
        assert res.backend is not None and res.backend.url == conn.url
        assert languagetool.probes == 1  # the worker did not probe again
    finally:
        main.reset()
    assert ENV_SHARED not in os.environ


def test_decisions_that_stay_valid_outlive_the_session(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    languagetool.rules = [LESS]
    rule = GrammarRule(runtime)
    ctx = ctx_for(server_url=languagetool.url)
    assert len(list(rule.check(parse_text("a.txt", TEXT), ctx))) == 2
    runtime.close()  # a library's check_text call ends its session
    assert len(list(rule.check(parse_text("a.txt", TEXT), ctx))) == 2
    assert (languagetool.probes, languagetool.checks) == (1, 1)  # no new probe, answers from the cache
    # a server that failed is looked at again in the next session
    languagetool.mode = "error500"
    for i in range(3):
        list(rule.check(parse_text("b.txt", f"Other {i}\n\nless people\n"), ctx))
    assert rule.backend(rule.settings(ctx)) is None
    runtime.close()
    languagetool.mode = "ok"
    assert rule.backend(rule.settings(ctx)) is not None
    assert languagetool.probes == 2


def test_none_reachable_is_looked_at_again_after_a_while(
    runtime: Runtime, no_java: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = Settings.from_options({}).connection
    first = runtime.resolve(conn)
    assert first.backend is None and runtime.resolve(conn) is first
    monkeypatch.setattr("newslint_languagetool.runtime.RECHECK_AFTER", 0.0)
    assert runtime.resolve(conn) is not first


def test_session_finish_closes_local_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = Runtime(share=False)
    closed: list[bool] = []

    class Server:
        def close(self) -> None:
            closed.append(True)

    runtime._servers.append(Server())  # type: ignore[arg-type]
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    newslint_languagetool.newslint_session_finish(session=None, exitstatus=130)
    assert closed == [True]


def test_java_version_parsing(tmp_path: Path) -> None:
    fake = tmp_path / "java"
    fake.write_text('#!/bin/sh\necho \'openjdk version "17.0.15" 2025-04-15\' >&2\n')
    fake.chmod(0o755)
    assert java_version(str(fake)) == 17
    fake.write_text('#!/bin/sh\necho \'java version "1.8.0_392"\' >&2\n')
    assert java_version(str(fake)) == 8
    assert java_version(str(tmp_path / "missing")) is None


def test_installed_languagetool_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    assert installed_languagetool() is None
    for v in ("6.4", "6.10"):
        (tmp_path / f"LanguageTool-{v}").mkdir()
        (tmp_path / f"LanguageTool-{v}" / "languagetool-server.jar").write_bytes(b"")
    (tmp_path / "LanguageTool-7.0").mkdir()  # an unfinished download: no jar
    assert installed_languagetool() == tmp_path / "LanguageTool-6.10"


def test_public_api_only_when_allowed_and_within_its_limits(
    languagetool: FakeLanguageTool, runtime: Runtime, no_java: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newslint_languagetool.runtime.PUBLIC_API_URL", normalise_url(languagetool.url))
    languagetool.rules = [LESS]
    rule = GrammarRule(runtime)
    paragraphs = [f"Paragraph {i} has less people in it. " + "Filler words go here. " * 40 for i in range(25)]
    article = parse_text("long.txt", "Headline\n\n" + "\n\n".join(paragraphs) + "\n")
    assert list(rule.check(article, ctx_for())) == []
    assert languagetool.probes == 0  # not allowed: never contacted, not even probed
    found = list(rule.check(article, ctx_for(public_api=True)))
    assert [d.start.line for d in found] == [3 + 2 * i for i in range(25)]
    backend = rule.backend(rule.settings(ctx_for(public_api=True)))
    assert backend is not None and backend.kind == "public" and backend.client.throttle is not None
    sizes = [len(r["text"]) for r in languagetool.requests]
    assert len(sizes) == 2 and max(sizes) <= 20_000  # the free API's limit per request


def test_session_start_decides_for_overrides_too(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    (tmp_path / "newslint.toml").write_text(
        "rules.grammar.enabled = false\n"
        "[[overrides]]\n"
        'paths = ["live/*"]\n'
        "rules.grammar.enabled = true\n"
        f'rules.grammar.server-url = "{languagetool.url}"\n'
    )
    from newslint.config import load_file

    config = load_file(tmp_path / "newslint.toml")
    session = type("Session", (), {"config": config})()
    assert newslint_languagetool.newslint_report_header(config=config) is None  # off for the run as a whole
    newslint_languagetool.newslint_session_start(session=session)
    assert languagetool.probes == 1  # on for live/*: decided in the main process, before workers fork


def test_a_server_lost_during_the_run_is_in_the_notices(
    languagetool: FakeLanguageTool, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(newslint_languagetool, "RUNTIME", runtime)
    monkeypatch.setenv("NEWSLINT_LANGUAGETOOL_URL", languagetool.url)
    config = newslint.Config()
    assert newslint_languagetool.newslint_report_header(config=config) is None
    languagetool.mode = "ratelimit"
    rule = GrammarRule(runtime)
    list(rule.check(parse_text("a.txt", TEXT), newslint.RuleContext(config=config, options=config.rule_options(rule))))
    (line,) = newslint_languagetool.newslint_report_header(config=config) or []
    assert "stopped partway through this run" in line and "HTTP 429" in line
