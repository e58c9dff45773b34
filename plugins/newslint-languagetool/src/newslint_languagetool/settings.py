"""The grammar rule's settings: rule options, overlaid by environment variables for CI.

Two records: :class:`Connection` says how to reach LanguageTool (it decides
which server the run uses, so it is resolved once per process), and
:class:`Settings` adds what is sent with each request and how matches are
filtered (it is part of every cache key).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import newslint
from newslint_languagetool import presets

#: The public API (free tier): 20 requests and 75,000 characters a minute, 20,000 a request.
PUBLIC_API_URL = "https://api.languagetool.org/v2/"
PUBLIC_MAX_REQUEST_CHARS = 20_000
PUBLIC_REQUESTS_PER_MINUTE = 20
PUBLIC_CHARS_PER_MINUTE = 75_000
#: a newsroom's own server: LanguageTool's default has no text limit, keep requests modest anyway
OWN_MAX_REQUEST_CHARS = 50_000

ENV_URL = "NEWSLINT_LANGUAGETOOL_URL"
ENV_LOCAL = "NEWSLINT_LANGUAGETOOL_LOCAL"
ENV_PUBLIC = "NEWSLINT_LANGUAGETOOL_PUBLIC_API"
ENV_TIMEOUT = "NEWSLINT_LANGUAGETOOL_TIMEOUT"
ENV_CACHE_DIR = "NEWSLINT_LANGUAGETOOL_CACHE_DIR"
#: "1": a run without a reachable LanguageTool fails (for CI, like ``[plugins] require``)
ENV_REQUIRED = "NEWSLINT_LANGUAGETOOL_REQUIRED"
#: the variables that shape :class:`Settings`
ENV_NAMES = (ENV_URL, ENV_LOCAL, ENV_PUBLIC, ENV_TIMEOUT, ENV_CACHE_DIR)

#: newslint's language -> LanguageTool's. "en" means "either spelling" in newslint,
#: which is LanguageTool's variant-neutral "en": no British-vs-American complaints.
LANGUAGE_MAP = {"en": "en", "en-GB": "en-GB", "en-US": "en-US"}

#: The rules' defaults, as ``[tool.newslint.rules.grammar]`` keys (kebab or snake case).
DEFAULT_OPTIONS: Mapping[str, Any] = {
    "server_url": "",
    "local_server": True,
    "public_api": False,
    "timeout": 10.0,
    "language": "",
    "enabled_rules": [],
    "disabled_rules": [],
    "enabled_categories": [],
    "disabled_categories": [],
    "enabled_only": False,
    "picky": False,
    "spelling": False,
    "check_quotes": False,
    "preset": "newsroom",
    "cache_dir": "",
    # the story's own words, in reading order: not bylines, photo credits or boilerplate
    "blocks": [k.value for k in newslint.BlockKind if k in newslint.BlockKind.COPY],
}

#: Each option's help, for the rule's page (``OPTIONS``); an environment variable named here wins.
_HELP = {
    "server_url": f"a LanguageTool server: `http://host:8010`, `.../v2` and `.../v2/check` all work "
    f"(environment: `{ENV_URL}`)",
    "local_server": "start a local server through language-tool-python when Java 17+ and a downloaded "
    f"LanguageTool are present (never downloads during a check; environment: `{ENV_LOCAL}`)",
    "public_api": f"allow `api.languagetool.org`; **sends the copy off the machine** (environment: `{ENV_PUBLIC}`)",
    "timeout": f"seconds to wait for one request (environment: `{ENV_TIMEOUT}`)",
    "language": "a LanguageTool language code (`en-AU`, `en-CA`, ...); by default newslint's `language`",
    "enabled_rules": "LanguageTool rule ids to turn on (e.g. off-by-default rules)",
    "disabled_rules": "LanguageTool rule ids to turn off",
    "enabled_categories": "LanguageTool category ids to turn on",
    "disabled_categories": "LanguageTool category ids to turn off (e.g. `TYPOGRAPHY`)",
    "enabled_only": "only the enabled rules and categories run",
    "picky": "LanguageTool's picky level (more style rules)",
    "spelling": "keep LanguageTool's own spelling rules",
    "check_quotes": "report style matches inside direct quotations too",
    "preset": "which of LanguageTool's rules run: `newsroom` (the categories and rules that find real slips "
    "in edited news copy) or `languagetool` (LanguageTool's own defaults)",
    "cache_dir": "keep LanguageTool's answers in this folder between runs (relative to the configuration "
    f"file); the text itself is not stored, only the matches (environment: `{ENV_CACHE_DIR}`)",
    "blocks": "the article parts checked (block kinds)",
}
#: The rule's options, declared once: type, default and help.
OPTIONS = newslint.Options(
    **{k: newslint.Option(list if isinstance(v, list) else type(v), v, _HELP[k]) for k, v in DEFAULT_OPTIONS.items()}
)

#: LanguageTool's own spell checkers for English; off unless ``spelling = true``
#: (newslint's spelling rule owns spelling, with the house dictionary).
SPELLING_RULE_IDS = (
    "MORFOLOGIK_RULE_EN_GB",
    "MORFOLOGIK_RULE_EN_US",
    "MORFOLOGIK_RULE_EN_AU",
    "MORFOLOGIK_RULE_EN_CA",
    "MORFOLOGIK_RULE_EN_NZ",
    "MORFOLOGIK_RULE_EN_ZA",
    "HUNSPELL_RULE",
    "SPELLING_RULE",
)


#: LanguageTool rules whose findings newslint's core rules already report (named here),
#: off unless listed in ``enabled-rules``, so one slip is not reported twice.
CORE_OWNED_RULE_IDS = {
    "ENGLISH_WORD_REPEAT_RULE": "doubled-word",
    "EN_UNPAIRED_BRACKETS": "unbalanced-quotes, unbalanced-brackets",
    "EN_UNPAIRED_QUOTES": "unbalanced-quotes",
}


class SettingsError(ValueError):
    """An option or environment variable has a value the rule cannot use."""


def parse_flag(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    s = str(value).strip().lower()
    if s in ("1", "true", "yes", "on"):
        return True
    if s in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def _names(value: Any, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"{name} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _preset(value: Any) -> str:
    if value not in presets.PRESETS:
        raise SettingsError(f"preset must be one of {', '.join(sorted(presets.PRESETS))}, not {value!r}")
    return str(value)


def normalise_url(url: str) -> str:
    """``http://host:8010``, ``.../v2`` or ``.../v2/check`` -> ``http://host:8010/v2/``."""
    u = url.strip().rstrip("/")
    if u.endswith("/check"):
        u = u[: -len("/check")]
    if not u.endswith("/v2"):
        u += "/v2"
    if "://" not in u:
        u = "http://" + u
    return u + "/"


@dataclass(frozen=True)
class Connection:
    """How to reach LanguageTool, in order of preference: ``url``, a local server, the public API."""

    url: str | None = None
    local_server: bool = True
    public_api: bool = False
    timeout: float = 10.0

    @property
    def key(self) -> str:
        """A stable text key (shared with worker processes through the environment)."""
        return f"{self.url or ''}|{int(self.local_server)}|{int(self.public_api)}"


@dataclass(frozen=True)
class Settings:
    """Everything that shapes a request to LanguageTool and the diagnostics made from it."""

    connection: Connection
    language: str
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    enabled_only: bool = False
    picky: bool = False
    spelling: bool = False
    check_quotes: bool = False
    #: the rule selection laid under the options: "newsroom" (the shipped one) or "languagetool"
    preset: str = "newsroom"
    blocks: tuple[str, ...] = tuple(DEFAULT_OPTIONS["blocks"])
    #: where answers are kept between runs (absolute), or None for this process only
    cache_dir: str | None = None

    @classmethod
    def from_options(
        cls,
        options: Mapping[str, Any],
        language: str = "en",
        environ: Mapping[str, str] | None = None,
        root: Path | None = None,
    ) -> Settings:
        """Build settings from rule options; environment variables win (CI sets them).

        A relative ``cache-dir`` is relative to ``root``, the configuration file's folder.
        """
        env = os.environ if environ is None else environ
        opts = {**DEFAULT_OPTIONS, **{k.replace("-", "_"): v for k, v in options.items()}}
        url = env.get(ENV_URL) or opts["server_url"] or None
        local = (
            parse_flag(env[ENV_LOCAL], ENV_LOCAL)
            if env.get(ENV_LOCAL)
            else parse_flag(opts["local_server"], "local-server")
        )
        public = (
            parse_flag(env[ENV_PUBLIC], ENV_PUBLIC)
            if env.get(ENV_PUBLIC)
            else parse_flag(opts["public_api"], "public-api")
        )
        raw_timeout = env.get(ENV_TIMEOUT) or opts["timeout"]
        try:
            timeout = float(raw_timeout)
        except (TypeError, ValueError):
            raise SettingsError(f"timeout must be a number of seconds, not {raw_timeout!r}") from None
        if timeout <= 0:
            raise SettingsError("timeout must be more than 0 seconds")
        lang = str(opts["language"] or LANGUAGE_MAP.get(language, language))
        cache_dir = env.get(ENV_CACHE_DIR) or opts["cache_dir"]
        if cache_dir and not isinstance(cache_dir, str):
            raise SettingsError("cache-dir must be a folder name")
        if cache_dir:
            cache_dir = str(((root or Path.cwd()) / Path(cache_dir).expanduser()).resolve())
        return cls(
            connection=Connection(
                url=normalise_url(str(url)) if url else None,
                local_server=local,
                public_api=public,
                timeout=timeout,
            ),
            language=lang,
            enabled_rules=_names(opts["enabled_rules"], "enabled-rules"),
            disabled_rules=_names(opts["disabled_rules"], "disabled-rules"),
            enabled_categories=_names(opts["enabled_categories"], "enabled-categories"),
            disabled_categories=_names(opts["disabled_categories"], "disabled-categories"),
            enabled_only=parse_flag(opts["enabled_only"], "enabled-only"),
            picky=parse_flag(opts["picky"], "picky"),
            spelling=parse_flag(opts["spelling"], "spelling"),
            check_quotes=parse_flag(opts["check_quotes"], "check-quotes"),
            preset=_preset(opts["preset"]),
            blocks=_names(opts["blocks"], "blocks"),
            cache_dir=cache_dir or None,
        )

    @functools.cached_property
    def selection(self) -> presets.Selection:
        """The preset's selection for this language, with the options laid over it."""
        base = presets.selection(self.preset, self.language)
        kept = base.kept_categories
        return presets.Selection(
            kept_categories=None if kept is None else kept | set(self.enabled_categories),
            kept_rules=(*base.kept_rules, *self.enabled_rules),
            disabled_categories=tuple(c for c in base.disabled_categories if c not in self.enabled_categories)
            + self.disabled_categories,
            disabled_rules=tuple(r for r in base.disabled_rules if r not in self.enabled_rules) + self.disabled_rules,
            dropped=base.dropped,
        )

    def params(self) -> dict[str, str]:
        """The form fields of a ``/v2/check`` request, without ``text``.

        The preset's rules and categories are switched off unless the options
        switch them on (``enabled-rules``, ``enabled-categories``).
        """
        sel = self.selection
        owned = [*CORE_OWNED_RULE_IDS, *(SPELLING_RULE_IDS if not self.spelling else ())]
        disabled = list(dict.fromkeys([*sel.disabled_rules, *(r for r in owned if r not in self.enabled_rules)]))
        enabled = list(dict.fromkeys([*sel.kept_rules]))
        p = {"language": self.language}
        if enabled:
            p["enabledRules"] = ",".join(enabled)
        if disabled and not self.enabled_only:  # LanguageTool refuses both in one request
            p["disabledRules"] = ",".join(disabled)
        if self.enabled_categories:
            p["enabledCategories"] = ",".join(self.enabled_categories)
        if sel.disabled_categories and not self.enabled_only:
            p["disabledCategories"] = ",".join(sel.disabled_categories)
        if self.enabled_only:
            p["enabledOnly"] = "true"
        if self.picky:
            p["level"] = "picky"
        return p

    @property
    def cache_key(self) -> tuple[Any, ...]:
        """What a cached result depends on besides the text (the server, and what is asked)."""
        return (self.connection.key, tuple(sorted(self.params().items())), self.spelling, self.check_quotes)
