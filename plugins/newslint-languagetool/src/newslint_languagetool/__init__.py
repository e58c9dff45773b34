"""newslint-languagetool: grammar checking (NL401) through LanguageTool, as a newslint plugin.

Installed beside newslint, it is found through the ``newslint`` entry-point
group; it uses only newslint's public API. The rule asks a LanguageTool
server: the newsroom's own (``NEWSLINT_LANGUAGETOOL_URL`` or
``[tool.newslint.rules.grammar] server-url``), a local one started through
language-tool-python, or, only when allowed, the public API. With none
reachable the rule reports nothing and the run prints one notice.
"""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
from typing import TYPE_CHECKING, Any

import newslint
from newslint_languagetool.client import Client, LanguageToolError, RateLimited, ServerFailure, Unreachable
from newslint_languagetool.rule import GrammarRule
from newslint_languagetool.runtime import RUNTIME, Runtime
from newslint_languagetool.settings import ENV_REQUIRED, Connection, Settings, SettingsError, parse_flag

if TYPE_CHECKING:
    import argparse

    from newslint import Config

__version__ = "0.1.0"

__all__ = [
    "Client",
    "Connection",
    "GrammarRule",
    "LanguageToolError",
    "RateLimited",
    "Runtime",
    "ServerFailure",
    "Settings",
    "Unreachable",
    "notice",
]

PLUGIN_NAME = "languagetool"


#: runtime -> the rule object the session hooks ask, kept so its settings are worked out once
_RULES: dict[int, tuple[Runtime, GrammarRule]] = {}


def _rule(runtime: Runtime | None) -> GrammarRule:
    runtime = runtime or RUNTIME
    hit = _RULES.get(id(runtime))
    if hit is None or hit[0] is not runtime:
        if len(_RULES) >= 16:
            _RULES.clear()
        hit = _RULES[id(runtime)] = (runtime, GrammarRule(runtime))
    return hit[1]


def _wanted(config: Config | None, runtime: Runtime | None = None) -> Settings | None:
    """The grammar settings when ``config`` enables the rule, else None (then nothing starts)."""
    if config is None:
        return None
    rule = _rule(runtime)
    try:
        if not config.rule_enabled(rule):
            return None
    except Exception:  # a selector problem is the session's to report, not ours
        return None
    ctx = newslint.RuleContext(config=config, options=config.rule_options(rule))
    return rule.settings(ctx)


def notice(config: Config | None, runtime: Runtime | None = None) -> list[str] | None:
    """The lines telling the user grammar is off and how to turn it on, or None when it works.

    With no LanguageTool configured at all (no server URL, no download, no
    public API) and grammar not asked for by name, that is one line, and
    nothing is started to find it out. Asked for by name (``--select grammar``,
    ``enabled = true``), grammar tries every way and says why each failed.

    Raises :class:`newslint.ConfigError` when the configuration requires this
    plugin (``[tool.newslint.plugins] require = ["languagetool"]``, or
    ``NEWSLINT_LANGUAGETOOL_REQUIRED=1``) and no LanguageTool is reachable:
    then the missing grammar check fails the run.
    """
    settings = _wanted(config, runtime)
    if settings is None:
        if config is None:
            return None
        rule = _rule(runtime)
        why = rule.unavailable(config) if config.rule_selected(rule) else None
        if why is None:
            return None
        if _required(config):
            raise newslint.ConfigError(f"the languagetool plugin is required, but grammar (NL401) is off: {why}")
        return [f"newslint-languagetool: grammar (NL401) is off: {why}"]
    runtime = runtime or RUNTIME
    res = runtime.resolve(settings.connection, settings.language)
    if res.backend is not None:
        sent = [
            f"newslint-languagetool: grammar checks (NL401) send the articles' text to {url}"
            for url in runtime.destinations()
            if leaves_machine(url)
        ]
        if res.backend.dead:  # it answered at first, then failed (already logged as it happened)
            sent.append(
                f"newslint-languagetool: grammar checks (NL401) stopped partway through this run: {res.backend.dead}"
            )
        return sent or None
    lines = [
        "newslint-languagetool: grammar checks (NL401) are off for this run: no LanguageTool is reachable",
        *(f"  - {r}" for r in res.reasons),
        "  Turn them on with NEWSLINT_LANGUAGETOOL_URL=http://HOST:8010 (a LanguageTool server, e.g. the"
        " erikvl87/languagetool Docker image), by running `newslint languagetool download` once (Java 17+),"
        ' or with public-api = true (sends the copy to languagetool.org); silence this with ignore = ["grammar"]',
    ]
    assert config is not None
    if _required(config):
        raise newslint.ConfigError("\n".join(["the languagetool plugin is required, but:", *lines]))
    return lines


def leaves_machine(url: str) -> bool:
    """Whether a request to ``url`` goes off this machine (anything but loopback)."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: assume it is elsewhere
        return True


def _required(config: Config) -> bool:
    if PLUGIN_NAME in config.plugins_require or "newslint-languagetool" in config.plugins_require:
        return True
    try:
        return parse_flag(os.environ.get(ENV_REQUIRED, ""), ENV_REQUIRED)
    except SettingsError as e:
        raise newslint.ConfigError(str(e)) from None


@newslint.hookimpl
def newslint_add_rules() -> list[newslint.Rule]:
    return [GrammarRule()]


@newslint.hookimpl
def newslint_session_start(session: Any) -> None:
    # decide (and start a local server) in the main process, before any worker starts,
    # so that workers inherit the decision instead of each starting a server
    # (a required plugin with no LanguageTool fails here, before any file is read)
    config = getattr(session, "config", None)
    notice(config)
    if config is None:
        return
    # per-path overrides may turn the rule on or point it elsewhere: decide those here too
    for ov in config.overrides:
        try:
            settings = _wanted(config.merged(ov.settings, config.root))
        except Exception:  # an override the session will report on its own
            continue
        if settings is not None:
            RUNTIME.resolve(settings.connection, settings.language)


@newslint.hookimpl
def newslint_report_header(config: Config) -> list[str] | None:
    return notice(config)


@newslint.hookimpl
def newslint_session_finish(session: Any, exitstatus: int) -> None:
    RUNTIME.close()


@newslint.hookimpl
def newslint_add_commands(subparsers: argparse._SubParsersAction) -> None:
    from newslint_languagetool import command

    command.add_parser(subparsers)
