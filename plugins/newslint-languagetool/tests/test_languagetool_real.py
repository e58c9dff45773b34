"""Against a real LanguageTool: only when ``NEWSLINT_LANGUAGETOOL_URL`` is set or one is installed.

Run with a server, e.g.::

    docker run -d -p 8010:8010 erikvl87/languagetool
    NEWSLINT_LANGUAGETOOL_URL=http://localhost:8010 pytest plugins/newslint-languagetool
"""

from __future__ import annotations

import os
import shutil

import pytest
from newslint_languagetool import GrammarRule, Runtime
from newslint_languagetool.runtime import installed_languagetool, java_version

import newslint
from newslint.loaders.text import parse_text

# read at import: the autouse fixture in conftest clears the variable for the other tests
REAL_URL = os.environ.get("NEWSLINT_LANGUAGETOOL_URL", "")

needs_server = pytest.mark.skipif(
    not REAL_URL, reason="NEWSLINT_LANGUAGETOOL_URL is not set: no real LanguageTool server to test against"
)


def _local_reason() -> str:
    java = shutil.which("java")
    if not java or (java_version(java) or 0) < 17:
        return "no Java 17+ on PATH for a local LanguageTool"
    if installed_languagetool() is None:
        return "LanguageTool is not downloaded (newslint languagetool download)"
    return ""


def check(text: str, runtime: Runtime, language: str = "en-GB", **options: object) -> list[newslint.Diagnostic]:
    rule = GrammarRule(runtime)
    ctx = newslint.RuleContext(
        config=newslint.Config(language=language), options={**rule.options, **options}
    )
    return list(rule.check(parse_text("story.txt", text), ctx))


BBC = (
    "Ad sales boost Time Warner profit\n"
    "\n"
    "Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet\n"
    "business, AOL, had has mixed fortunes. It lost 464,000 subscribers in the fourth quarter.\n"
    "\n"
    "The firm now has less users than a year ago 😀, it said.\n"
)


@needs_server
def test_real_server_finds_the_bbc_errors_at_the_right_place() -> None:
    runtime = Runtime(share=False)
    try:
        diags = check(BBC, runtime, server_url=REAL_URL, local_server=False)
    finally:
        runtime.close()
    found = {(d.start.line, d.start.column, BBC[d.start.offset : d.end.offset]) for d in diags}
    assert any(line == 4 and "had has" in covered for line, _, covered in found), found
    assert any(line == 6 and covered.startswith("less") for line, _, covered in found), found
    for d in diags:
        assert d.data["rule_id"] and d.data["category"]
        assert not d.data["rule_id"].startswith("MORFOLOGIK")  # spelling stays off by default


@pytest.mark.skipif(bool(_local_reason()), reason=_local_reason() or "local LanguageTool available")
def test_local_server_starts_checks_and_stops() -> None:
    runtime = Runtime(share=False)
    try:
        diags = check(BBC, runtime, local_server=True)
        server = runtime._servers[0]
        process = server.process
        assert any("had has" in BBC[d.start.offset : d.end.offset] for d in diags)
    finally:
        runtime.close()
    assert process is not None and process.poll() is not None  # stopped
