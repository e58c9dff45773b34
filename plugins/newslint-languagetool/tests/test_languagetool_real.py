"""Against a real LanguageTool: the one ``newslint languagetool download`` fetched from Maven Central.

One server serves the whole session (the ``real_languagetool`` fixture); the
tests skip with the reason when LanguageTool or Java 17+ is missing, and fail
instead when ``NEWSLINT_TEST_REAL_LANGUAGETOOL=1`` (CI) says it must be there.
The expectations are LanguageTool 6.8's own findings on these sentences.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import REAL_DOWNLOAD_FOLDER
from newslint_languagetool import GrammarRule, Runtime
from newslint_languagetool.client import Client
from newslint_languagetool.runtime import Backend, LocalServer, Resolution
from newslint_languagetool.settings import Settings

import newslint
from newslint.loaders.text import parse_text


def options(server: LocalServer, **extra: object) -> dict[str, object]:
    return {**GrammarRule.options, "server_url": server.url, "local_server": False, **extra}


def check(text: str, server: LocalServer, runtime: Runtime | None = None, **extra: object) -> list[newslint.Diagnostic]:
    rule = GrammarRule(runtime or Runtime(share=False))
    ctx = newslint.RuleContext(config=newslint.Config(language="en-GB"), options=options(server, **extra))
    return list(rule.check(parse_text("story.txt", text), ctx))


def found(text: str, diags: list[newslint.Diagnostic]) -> list[tuple[int, int, str, str]]:
    """(line, column, covered text, LanguageTool rule id) of each diagnostic."""
    return [(d.start.line, d.start.column, text[d.start.offset : d.end.offset], d.data["rule_id"]) for d in diags]


STORY = (
    "Café owners’ 😀 protest grows\n"
    "\n"
    "Zoë Ball said 🎉 the firm now has less users than a year ago.\n"
    "\n"
    "Naïve investors 𝒳 lost their savings. Its a shame, she said.\n"
)


def test_offsets_across_blocks_and_astral_characters(real_languagetool: LocalServer) -> None:
    hits = found(STORY, check(STORY, real_languagetool))
    # columns are in characters: the emoji and 𝒳 count once, though LanguageTool counts them twice
    lines = STORY.splitlines()
    assert (3, lines[2].index("less") + 1, "less", "FEWER_LESS") in hits, hits
    assert (5, lines[4].index("Its") + 1, "Its", "IT_IS") in hits, hits
    assert all(not rule.startswith("MORFOLOGIK") for *_, rule in hits)  # spelling is newslint's own


def test_positions_in_an_html_article_through_the_command_line(real_languagetool: LocalServer, tmp_path: Path) -> None:
    html = (
        "<html><head><title>Markets</title></head><body>\n"
        "<h1>Prices &amp; profits 😀 fall</h1>\n"
        "<p>The bank said it\n"
        "had has a plan. <em>Its</em> a shame, said Zoë.</p>\n"
        "</body></html>\n"
    )
    (tmp_path / "story.html").write_text(html, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env["NEWSLINT_LANGUAGETOOL_URL"] = real_languagetool.url
    env["NEWSLINT_LANGUAGETOOL_TIMEOUT"] = "60"  # a shared 2-core machine can be slow
    p = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "json", "--language", "en-GB", "story.html"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    grammar = [d for d in json.loads(p.stdout)["diagnostics"] if d["code"] == "NL401"]
    lines = html.splitlines()
    at = {(d["line"], d["column"], d["end_column"]): d["data"]["rule_id"] for d in grammar}
    had = lines[3].index("had has") + 1
    its = lines[3].index("Its") + 1
    assert any(line == 4 and col in (had, had + 4) for line, col, _ in at), at
    assert at.get((4, its, its + 3)) == "IT_IS", at


def test_inside_quotes_the_speakers_grammar_is_left_alone_and_typos_are_not(
    real_languagetool: LocalServer,
) -> None:
    text = (
        "Headline\n\n“Its a very unique chance, and there is a couple of things,” she said. "
        "He said there is a couple of things.\n"
    )
    line = text.splitlines()[2]
    said = line.rindex("there is") + 1
    hits = found(text, check(text, real_languagetool))
    assert [(col, rule) for _, col, _, rule in hits] == [(2, "IT_IS"), (said, "THERE_IS_A_LOT_OF")], hits
    every = found(text, check(text, real_languagetool, check_quotes=True, preset="languagetool"))
    assert [rule for *_, rule in every] == ["IT_IS", "VERY_UNIQUE", "THERE_IS_A_LOT_OF", "THERE_IS_A_LOT_OF"], every


PARAGRAPHS = [
    f"Paragraph {i} 😀: the council said its plan was ready. Its a shame the vote was late."
    for i in range(12)
]


def test_an_article_goes_in_one_request_and_split_batches_agree(real_languagetool: LocalServer) -> None:
    text = "Council plans 😀 delayed\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
    runtime = Runtime(share=False)
    whole = check(text, real_languagetool, runtime)
    backend = runtime.resolve(Settings.from_options(options(real_languagetool)).connection).backend
    assert backend is not None and backend.client.requests_made == 1
    assert [(d.start.line, text[d.start.offset : d.end.offset]) for d in whole] == [
        (3 + 2 * i, "Its") for i in range(12)
    ]
    small = Runtime(share=False)
    small_backend = small.resolve(Settings.from_options(options(real_languagetool)).connection).backend
    assert small_backend is not None
    small_backend.max_request_chars = 300  # three or four paragraphs a request
    split = check(text, real_languagetool, small)
    assert small_backend.client.requests_made >= 4
    assert [d.to_dict() for d in split] == [d.to_dict() for d in whole]


def test_a_crashed_local_server_is_restarted_and_the_article_checked(
    real_languagetool: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    server = real_languagetool
    runtime = Runtime(share=False)
    # the session's server, adopted as this run's local server (as _start_local makes it)
    backend = Backend(Client(server.url, 60), "local", server=server)
    conn = Settings.from_options(options(server)).connection
    runtime._resolved[conn.key] = Resolution(backend)
    assert server.process is not None
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(timeout=30)
    text = "Headline\n\nIts a shame, she said.\n"
    with caplog.at_level(logging.WARNING, logger="newslint.languagetool"):
        diags = check(text, server, runtime)
    assert [d.data["rule_id"] for d in diags] == ["IT_IS"]
    assert server.alive and server.restarts == 1 and backend.dead is None
    assert "restarted" in caplog.text


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment holds ``marker``: whatever a run started, however deep."""
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes():
                out.append(int(proc.name))
        except OSError:  # gone, or not ours to read
            continue
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_run_starts_its_own_local_server_and_leaves_no_java_behind(
    real_languagetool: LocalServer, tmp_path: Path
) -> None:
    (tmp_path / "story.txt").write_text("Budget day\n\nThe minister said its a shame the the vote was late.\n")
    marker = f"NEWSLINT_TEST_RUN={uuid.uuid4().hex}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env["LTP_PATH"] = str(REAL_DOWNLOAD_FOLDER)
    env[marker.split("=")[0]] = marker.split("=")[1]
    p = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "json", "story.txt"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    out = json.loads(p.stdout)
    assert [d["data"]["rule_id"] for d in out["diagnostics"] if d["code"] == "NL401"] == ["IT_IS"], p.stderr
    assert "notices" not in out
    assert _processes_with(marker) == []  # the run stopped the server it started


def test_audit_breaks_grammar_down_by_languagetool_rule(real_languagetool: LocalServer, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("Budget day\n\nIts a shame, the minister said. Its late.\n")
    (archive / "b.txt").write_text("Markets\n\nThe firm now has less users than a year ago. Its a shame.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    env["NEWSLINT_LANGUAGETOOL_URL"] = real_languagetool.url
    env["NEWSLINT_LANGUAGETOOL_TIMEOUT"] = "60"  # a shared 2-core machine can be slow
    run = [sys.executable, "-m", "newslint", "audit", "--rule", "grammar", "--samples", "1"]
    p = subprocess.run([*run, "archive"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    lines = p.stdout.splitlines()
    assert lines[1].startswith("NL401 grammar: 4 hits,"), p.stdout + p.stderr
    assert lines[2].startswith("  IT_IS: 3 hits, ") and lines[2].endswith("in 2 articles"), lines
    assert any(line.startswith("  FEWER_LESS: 1 hit, ") for line in lines), lines
    p = subprocess.run([*run, "--format", "json", "archive"], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=300)
    (rule,) = json.loads(p.stdout)["rules"]
    breakdown = [(b["key"], b["hits"], b["articles_hit"]) for b in rule["breakdown"]]
    assert breakdown == [("IT_IS", 3, 2), ("FEWER_LESS", 1, 1)]
    assert rule["breakdown"][0]["samples"][0]["data"]["rule_id"] == "IT_IS"
