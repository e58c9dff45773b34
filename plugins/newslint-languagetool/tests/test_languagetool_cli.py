"""End to end through ``newslint check``, with the plugin found by its entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FakeLanguageTool, FakeRule

pytest.importorskip("newslint.cli", reason="the newslint command line is not available")

REPEAT = FakeRule(
    r"\bhad has\b", "STANDIN_HAD_HAS", "Two auxiliary verbs in a row.", ("had",), "GRAMMAR", "grammar"
)
STORY = "Ad sales boost Time Warner profit\n\nThe firm said AOL, had has mixed fortunes.\n"


def newslint(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSLINT_")}
    environ["LTP_PATH"] = str(cwd / "no-languagetool-here")  # no local LanguageTool, ever
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=120
    )


def test_check_json_through_a_server(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    languagetool.rules = [REPEAT]
    (tmp_path / "story.txt").write_text(STORY)
    p = newslint(["check", "--format", "json", "story.txt"], tmp_path, NEWSLINT_LANGUAGETOOL_URL=languagetool.url)
    out = json.loads(p.stdout)
    grammar = [d for d in out["diagnostics"] if d["code"] == "NL401"]
    assert [(d["line"], d["column"], d["end_column"], d["suggestions"]) for d in grammar] == [(3, 20, 27, ["had"])]
    assert grammar[0]["data"]["rule_id"] == "STANDIN_HAD_HAS"
    assert grammar[0]["rule"] == "grammar"
    assert "notices" not in out
    assert p.returncode == 1


def test_many_files_in_workers_share_one_server(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    languagetool.rules = [REPEAT]
    for i in range(30):  # enough for the session to use worker processes
        (tmp_path / f"story{i:02}.txt").write_text(f"Story {i}\n\nParagraph {i} says it had has a slip.\n")
    p = newslint(
        ["check", "--format", "json", "--jobs", "2", "."], tmp_path, NEWSLINT_LANGUAGETOOL_URL=languagetool.url
    )
    out = json.loads(p.stdout)
    grammar = [d for d in out["diagnostics"] if d["code"] == "NL401"]
    assert len(grammar) == 30
    assert languagetool.probes == 1  # decided once, in the main process
    assert languagetool.checks <= 31  # one request per article (plus the session's warm-up sample)


def test_workers_share_the_disk_cache_across_runs(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    languagetool.rules = [REPEAT]
    for i in range(30):
        (tmp_path / f"story{i:02}.txt").write_text(f"Story {i}\n\nParagraph {i} says it had has a slip.\n")
    args = ["check", "--format", "json", "--jobs", "2", "."]
    env = {"NEWSLINT_LANGUAGETOOL_URL": languagetool.url, "NEWSLINT_LANGUAGETOOL_CACHE_DIR": str(tmp_path / ".cache")}
    first = json.loads(newslint(args, tmp_path, **env).stdout)
    sent = languagetool.checks
    second = json.loads(newslint(args, tmp_path, **env).stdout)
    assert languagetool.checks == sent  # the second run asked nothing
    grammar = [[d for d in out["diagnostics"] if d["code"] == "NL401"] for out in (first, second)]
    assert len(grammar[0]) == 30 and grammar[0] == grammar[1]


def spy_java(folder: Path) -> Path:
    """A ``java`` that only notes that it was run: a run must not start one needlessly."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    java.write_text(f"#!/bin/sh\necho \"$@\" >> {folder / 'java-was-run'}\nexit 1\n")
    java.chmod(0o755)
    return bin_dir


def test_no_languagetool_prints_one_line_starts_no_java_and_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY + "\nIt was the the end of it.\n")
    path = f"{spy_java(tmp_path)}{os.pathsep}{os.environ['PATH']}"
    p = newslint(["check", "--format", "json", "story.txt"], tmp_path, PATH=path, JAVA_HOME="")
    out = json.loads(p.stdout)
    assert not [d for d in out["diagnostics"] if d["code"] == "NL401"]
    assert [d for d in out["diagnostics"] if d["rule"] == "doubled-word"]  # the other rules ran
    assert len(out["notices"]) == 1
    assert out["notices"][0].startswith("newslint-languagetool: grammar (NL401) is off: no LanguageTool is configured")
    assert "NL401" not in p.stderr  # once, inside the report: 2>&1 stays JSON
    assert p.returncode in (0, 1)  # findings of other rules decide, not the missing server
    p = newslint(["check", "story.txt"], tmp_path, PATH=path, JAVA_HOME="")
    assert sum("NL401" in line for line in (p.stdout + p.stderr).splitlines()) == 1
    p = newslint(["rules"], tmp_path, PATH=path, JAVA_HOME="")
    (line,) = [line for line in p.stdout.splitlines() if line.startswith("NL401")]
    assert " off " in line and "(off: no LanguageTool is configured" in line
    assert not (tmp_path / "java-was-run").exists()
    # asked for by name, grammar looks for Java and says why it cannot run
    p = newslint(["check", "--extend-select", "grammar", "story.txt"], tmp_path, PATH=path, JAVA_HOME="")
    assert "has not been downloaded" in p.stdout + p.stderr


def test_required_plugin_without_languagetool_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(STORY)
    (tmp_path / "newslint.toml").write_text('[plugins]\nrequire = ["languagetool"]\n')
    p = newslint(["check", "story.txt"], tmp_path)
    assert p.returncode == 2
    assert "the languagetool plugin is required" in p.stderr


def test_languagetool_command_says_what_a_run_would_use(languagetool: FakeLanguageTool, tmp_path: Path) -> None:
    p = newslint(["languagetool"], tmp_path, NEWSLINT_LANGUAGETOOL_URL=languagetool.url)
    assert p.returncode == 0
    assert p.stdout.strip() == f"LanguageTool: server at {languagetool.url}/v2/"
    p = newslint(["languagetool", "--no-local-server"], tmp_path)
    assert p.returncode == 1
    assert "no server URL is set" in p.stdout
    assert "starting a local server is turned off" in p.stdout
