"""Shared fixtures: a throwaway rule plugin and an in-process CLI runner."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import newslint
from newslint import cli, manager

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


class TehRule(newslint.Rule):
    """Flags "teh" (a test rule).

    What it does
        Flags the word "teh".

    Why it matters
        Tests need a rule whose findings they can predict.

    Example
        "teh cat" -> "the cat"

    Options
        None.

    Fix safety
        Safe.
    """

    code = "XT101"
    name = "teh"
    summary = "The word teh"
    default_severity = newslint.Severity.WARNING

    def check(self, article, ctx):
        for block in article.prose_blocks():
            start = block.text.find("teh")
            while start >= 0:
                yield self.diagnostic(
                    article,
                    block,
                    start,
                    start + 3,
                    '"teh" should be "the"',
                    suggestions=["the"],
                    applicability=newslint.Applicability.SAFE,
                )
                start = block.text.find("teh", start + 1)


class BoomRule(newslint.Rule):
    """Raises on every article (a test rule).

    What it does
        Raises.

    Why it matters
        Tests that a failing plugin does not stop the run.

    Example
        Any text.

    Options
        None.

    Fix safety
        None.
    """

    code = "XT102"
    name = "boom"
    summary = "Always fails"

    def check(self, article, ctx):
        raise RuntimeError("kaboom")


class RulePlugin:
    """A plugin object registered directly (as library users and tests may)."""

    __name__ = "test-plugin"

    def __init__(self, *rules):
        self.rules = rules or (TehRule(),)

    @newslint.hookimpl
    def newslint_add_rules(self):
        return list(self.rules)


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    """Run ``newslint`` in-process with optional extra plugins; returns status and output."""
    monkeypatch.chdir(tmp_path)

    def run(*argv: str, plugins=(), stdin: bytes | None = None) -> Result:
        if plugins:
            real = manager.make_manager

            def patched(**kw):
                return real(**kw, extra=plugins)

            monkeypatch.setattr(cli, "make_manager", patched)
        if stdin is not None:
            import io
            import sys

            class In:
                buffer = io.BytesIO(stdin or b"")

            monkeypatch.setattr(sys, "stdin", In())
        status = cli.main([str(a) for a in argv])
        cap = capsys.readouterr()
        return Result(status, cap.out, cap.err)

    return run


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not present ({SHARED}): evaluation material is not in this checkout")
    return SHARED


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


os.environ.setdefault("NO_COLOR", "1")


@pytest.fixture(autouse=True, scope="session")
def no_downloaded_languagetool(tmp_path_factory: pytest.TempPathFactory):
    """The core's tests never start a LanguageTool, though the grammar plugin is installed beside.

    A LanguageTool downloaded on the machine (``newslint languagetool download``) turns the
    grammar rule on, and every ``newslint check`` would then start a JVM; the plugin's own
    tests use a real one on purpose.
    """
    old = os.environ.get("LTP_PATH")
    os.environ["LTP_PATH"] = str(tmp_path_factory.mktemp("no-languagetool"))
    yield
    if old is None:
        os.environ.pop("LTP_PATH", None)
    else:
        os.environ["LTP_PATH"] = old
