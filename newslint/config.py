"""Configuration: ``[tool.newslint]`` in ``pyproject.toml`` or a ``newslint.toml``.

The file is found by walking up from the checked file's folder (standard
input and the run-wide settings walk up from the current folder). Keys::

    select = ["NL1", "spelling"]     # code prefixes or rule names; default: every default rule
    ignore = ["NL103"]
    extend-select = ["grammar"]
    language = "en-GB"               # "en" (either), "en-GB" or "en-US"
    fail-on = "warning"              # lowest severity that makes exit status 1
    names = ["house-names.toml"]     # house names lists, relative to this file
    dictionary = ["house-words.txt"] # house dictionaries
    style = ["house-style.toml"]     # house style rules as data
    baseline = "newslint-baseline.json"
    exclude = ["drafts/*"]
    html-selector = "div.story"      # where the article is in a web page (default: found)
    jobs = 2
    rule-time-limit = 60             # seconds a rule may spend on one article

    [tool.newslint.rules.spelling]   # per-rule options, plus "severity" and "enabled"
    severity = "error"

    [[tool.newslint.overrides]]      # per-path overrides, later wins
    paths = ["live/*"]
    ignore = ["duplicate-caption"]

    [tool.newslint.plugins]
    disable = ["languagetool"]
    autoload = true
    require = []

In ``newslint.toml`` the same keys stand at the top level. Unknown keys are
errors that name the key.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslint.diagnostic import Severity
from newslint.selection import is_selected, known_selector

if TYPE_CHECKING:
    from types import ModuleType

    from newslint.rule import Rule

LANGUAGES = ("en", "en-GB", "en-US")


class ConfigError(Exception):
    """A configuration problem: the message names the file and key."""


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    settings: Mapping[str, Any]


@dataclass(frozen=True)
class Config:
    """The settings in force for one file (or the whole run)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    language: str = "en"
    fail_on: Severity = Severity.WARNING
    names: tuple[Path, ...] = ()
    dictionary: tuple[Path, ...] = ()
    style: tuple[Path, ...] = ()
    baseline: Path | None = None
    exclude: tuple[str, ...] = ()
    html_selector: str | None = None
    jobs: int | None = None
    #: seconds one rule may spend on one article before it is stopped (an NL001)
    rule_time_limit: float = 60.0
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    plugins_disable: tuple[str, ...] = ()
    plugins_autoload: bool = True
    plugins_require: tuple[str, ...] = ()
    #: the file the settings came from, or None for defaults
    source: Path | None = None
    #: set when these settings come from a file found beside a checked article rather than
    #: the run's own configuration: the run's rule tables, where run-only options are read
    run_rules: Mapping[str, Mapping[str, Any]] | None = None

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    # -- per-rule settings ---------------------------------------------------------

    def rule_options(self, rule: Rule) -> dict[str, Any]:
        """The rule's defaults overlaid with its table; run-only options from the run's own table."""
        opts = dict(rule.options)
        run_only = rule.run_only_options if self.run_rules is not None else frozenset()
        for k, v in self.rules.get(rule.name, {}).items():
            key = k.replace("-", "_")
            if key not in ("severity", "enabled") and key not in run_only:
                opts[key] = v
        if run_only:
            assert self.run_rules is not None
            for k, v in self.run_rules.get(rule.name, {}).items():
                key = k.replace("-", "_")
                if key in run_only:
                    opts[key] = v
        return opts

    def ignored_options(self, rules: Iterable[Rule]) -> list[str]:
        """``rules.NAME.KEY`` for each run-only option this (discovered) file sets and the run ignores."""
        if self.run_rules is None:
            return []
        tables = [self.rules, *(ov.settings.get("rules", {}) for ov in self.overrides)]
        out = []
        for rule in rules:
            for table in tables:
                for k in table.get(rule.name, {}) if isinstance(table, Mapping) else ():
                    if k.replace("-", "_") in rule.run_only_options:
                        out.append(f"rules.{rule.name}.{k}")
        return list(dict.fromkeys(out))

    def rule_severity(self, rule: Rule) -> Severity:
        sev = self.rules.get(rule.name, {}).get("severity")
        return Severity(sev) if sev else rule.default_severity

    def rule_enabled(self, rule: Rule) -> bool:
        """Whether ``rule`` runs: selected, and either available or asked for by name."""
        if not self.rule_selected(rule):
            return False
        return self.rule_named(rule) or rule.unavailable(self) is None

    def rule_selected(self, rule: Rule) -> bool:
        """Whether ``select``, ``ignore`` and ``enabled`` pick ``rule`` (whatever it needs to run)."""
        enabled = self.rules.get(rule.name, {}).get("enabled")
        if enabled is False:
            return False
        if enabled is True:  # as specific as naming the rule: only ignoring it by name wins
            return is_selected(rule, self.select, self.ignore, (*self.extend_select, rule.name))
        return is_selected(rule, self.select, self.ignore, self.extend_select)

    def rule_named(self, rule: Rule) -> bool:
        """Whether the configuration asks for ``rule`` by name or full code (not by a prefix or ALL)."""
        if self.rules.get(rule.name, {}).get("enabled") is True:
            return True
        return any(s.strip() == rule.name or s.strip().upper() == rule.code.upper()
                   for s in (*(self.select or ()), *self.extend_select))

    def for_path(self, path: str) -> Config:
        """These settings with the per-path overrides that match ``path`` applied."""
        if not self.overrides:
            return self
        cfg = self
        rel = _relative(path, self.root)
        for ov in self.overrides:
            if any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch(path, pat) for pat in ov.paths):
                cfg = cfg.merged(ov.settings, self.root, where="overrides")
        return cfg

    def merged(self, settings: Mapping[str, Any], base: Path, where: str = "") -> Config:
        """A copy with ``settings`` (already validated keys, TOML form) laid over."""
        changes = _parse(settings, base, where or str(self.source or "settings"), overrides=False)
        rules: dict[str, dict[str, Any]] = {k: dict(v) for k, v in self.rules.items()}
        for name, opts in changes.pop("rules", {}).items():
            rules.setdefault(name, {}).update(opts)
        # an override's ignore and extend-select add to the file's, as ruff's per-file-ignores do
        for key in ("ignore", "extend_select"):
            if key in changes:
                changes[key] = tuple(dict.fromkeys((*getattr(self, key), *changes[key])))
        return replace(self, rules=rules, **changes)

    def validate_rules(self, rules: Iterable[Rule], subrules: Iterable[str] = ()) -> None:
        """Fail on rule tables or selectors that name no known rule or option.

        ``subrules`` are further names a selector may give (a house style file's rules).
        """
        subs = set(subrules)
        known = {r.name: r for r in rules}
        where = str(self.source) if self.source else "configuration"
        tables = [self.rules, *(ov.settings.get("rules", {}) for ov in self.overrides)]
        for name, opts in ((n, o) for table in tables for n, o in table.items()):
            if name not in known:
                raise ConfigError(f"{where}: unknown rule {name!r} in [rules]")
            rule = known[name]
            specs = rule.option_specs()
            for k, value in opts.items():
                key = k.replace("-", "_")
                if key in ("severity", "enabled"):
                    continue
                if key not in specs:
                    allowed = ", ".join(sorted(specs)) or "none"
                    raise ConfigError(f"{where}: unknown option {k!r} for rule {name!r} (options: {allowed})")
                if not specs[key].accepts(value):
                    raise wrong_type(where, f"rules.{name}.{k}", specs[key].expected, value)
        for sel in [*(self.select or ()), *self.ignore, *self.extend_select]:
            if sel != "ALL" and sel not in subs and not known_selector(known.values(), sel):
                raise ConfigError(f"{where}: {sel!r} selects no known rule")


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


_LIST_KEYS = {"select", "ignore", "extend-select", "names", "dictionary", "style", "exclude"}
_KEYS = _LIST_KEYS | {
    "language", "fail-on", "baseline", "html-selector", "jobs", "rule-time-limit", "rules", "overrides", "plugins"
}
_PLUGIN_KEYS = {"disable", "autoload", "require"}


def toml_type(value: Any) -> str:
    """What a TOML value is, in TOML's words, for messages."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"  # dates and times


def wrong_type(where: str, key: str, expected: str, value: Any) -> ConfigError:
    """The error for a value of the wrong type: the file, the key, what was expected and what was found."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return ConfigError(f"{where}: {key} must be {expected}, not {toml_type(value)} ({shown})")


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    """A string or an array of strings, as a tuple."""
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise wrong_type(where, key, "a list of strings", value)
    for v in value:
        if not isinstance(v, str):
            raise wrong_type(where, f"{key} item", "a string", v)
    return tuple(value)


def _parse(table: Mapping[str, Any], base: Path, where: str, overrides: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(table, dict):
        raise wrong_type(where, "the newslint settings", "a table", table)
    for raw_key, value in table.items():
        key = raw_key.replace("_", "-")
        if key not in _KEYS or (key in ("overrides", "plugins") and not overrides):
            raise ConfigError(f"{where}: unknown key {raw_key!r}")
        attr = key.replace("-", "_")
        if key in _LIST_KEYS:
            value = _strings(where, raw_key, value)
            if key in ("names", "dictionary", "style"):
                out[attr] = tuple((base / v) for v in value)
            else:
                out[attr] = value
        elif key == "language":
            if value not in LANGUAGES:
                raise wrong_type(where, "language", f"one of {', '.join(LANGUAGES)}", value)
            out["language"] = value
        elif key == "fail-on":
            if value not in [s.value for s in Severity]:
                raise wrong_type(where, "fail-on", '"error", "warning" or "info"', value)
            out["fail_on"] = Severity(value)
        elif key == "baseline":
            if not isinstance(value, str) or not value.strip():
                raise wrong_type(where, "baseline", "a file name", value)
            if (base / value).is_dir():
                raise ConfigError(f"{where}: baseline must be a file name, not the folder {value!r}")
            out["baseline"] = base / value
        elif key == "html-selector":
            if not isinstance(value, str) or not value.strip():
                raise wrong_type(where, "html-selector", 'a CSS selector such as "div.story"', value)
            out["html_selector"] = value
        elif key == "jobs":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise wrong_type(where, "jobs", "a whole number, 0 or more (0: one per core)", value)
            out["jobs"] = value
        elif key == "rule-time-limit":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
                raise wrong_type(where, "rule-time-limit", "a number of seconds above 0", value)
            out["rule_time_limit"] = float(value)
        elif key == "rules":
            if not isinstance(value, dict):
                raise wrong_type(where, "[rules]", "a table of one table per rule", value)
            for name, opts in value.items():
                if not isinstance(opts, dict):
                    raise wrong_type(where, f"rules.{name}", "a table", opts)
                if "enabled" in opts and not isinstance(opts["enabled"], bool):
                    raise wrong_type(where, f"rules.{name}.enabled", "true or false", opts["enabled"])
                if "severity" in opts and opts["severity"] not in [s.value for s in Severity]:
                    raise wrong_type(where, f"rules.{name}.severity", '"error", "warning" or "info"', opts["severity"])
            out["rules"] = {k: dict(v) for k, v in value.items()}
        elif key == "overrides":
            ovs = []
            for i, ov in enumerate(value if isinstance(value, list) else [value]):
                if not isinstance(ov, dict) or "paths" not in ov:
                    raise ConfigError(f"{where}: overrides[{i}] needs a 'paths' list")
                settings = {k: v for k, v in ov.items() if k != "paths"}
                _parse(settings, base, f"{where}: overrides[{i}]", overrides=False)
                paths = _strings(where, f"overrides[{i}].paths", ov["paths"])
                ovs.append(Override(paths, settings))
            out["overrides"] = tuple(ovs)
        elif key == "plugins":
            if not isinstance(value, dict):
                raise wrong_type(where, "[plugins]", "a table", value)
            for pk, pv in value.items():
                if pk not in _PLUGIN_KEYS:
                    raise ConfigError(f"{where}: unknown key 'plugins.{pk}'")
                if pk == "autoload":
                    if not isinstance(pv, bool):
                        raise wrong_type(where, "plugins.autoload", "true or false", pv)
                    out["plugins_autoload"] = pv
                else:
                    out[f"plugins_{pk}"] = _strings(where, f"plugins.{pk}", pv)
    return out


def toml() -> ModuleType:
    """The TOML reader (:mod:`tomllib`, or tomli before Python 3.11), imported when a TOML file is first read.

    Not at import time: a run that reads no configuration, names or style file (the
    starter style comes from the cache folder) never needs it.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def load_file(path: Path) -> Config:
    """Read one configuration file (``pyproject.toml`` or ``newslint.toml``)."""
    tomllib = toml()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict):
            raise wrong_type(str(path), "tool", "a table", tool)
        data = tool.get("newslint", {})
        if not isinstance(data, dict):
            raise wrong_type(str(path), "tool.newslint", "a table", data)
    return Config(**_parse(data, path.parent, str(path)), source=path)


def find_config_file(start: Path) -> Path | None:
    """The nearest ``newslint.toml``, or ``pyproject.toml`` with ``[tool.newslint]``."""
    try:
        folder = start.resolve()
    except OSError:
        return None
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        candidate = d / "newslint.toml"
        if candidate.is_file():
            return candidate
        candidate = d / "pyproject.toml"
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "[tool.newslint" in text:
                return candidate
    return None


class ConfigResolver:
    """Finds and caches the configuration for each checked file.

    ``cli`` holds settings given on the command line; they win over files.
    An explicit ``--config`` file stops the search. The run's own file is found
    from ``root`` (default: the current folder), as a run started there finds it.
    """

    def __init__(self, cli: Mapping[str, Any] | None = None, explicit: Path | None = None, root: Path | None = None):
        self.cli = dict(cli or {})
        self.explicit = explicit
        self.root = root
        self._by_file: dict[Path, Config] = {}
        #: folder (as a string: a Path an article costs more than the look-up) -> its configuration file
        self._by_dir: dict[str, Path | None] = {}
        self._run_path = explicit or find_config_file(root or Path.cwd())
        self._defaults = Config()
        #: id of a file's settings -> (those settings, with the command line laid over)
        self._with_cli: dict[int, tuple[Config, Config]] = {}

    def _apply_cli(self, cfg: Config) -> Config:
        changes = {k: v for k, v in self.cli.items() if v is not None}
        extra_names = changes.pop("names_extra", ())
        extra_dict = changes.pop("dictionary_extra", ())
        extra_require = changes.pop("plugins_require_extra", ())
        extra_disable = changes.pop("plugins_disable_extra", ())
        extra_style = changes.pop("style_extra", ())
        cfg = replace(cfg, **changes)
        if extra_style:
            cfg = replace(cfg, style=cfg.style + tuple(extra_style))
        if extra_require or extra_disable:
            cfg = replace(
                cfg,
                plugins_require=cfg.plugins_require + tuple(extra_require),
                plugins_disable=cfg.plugins_disable + tuple(extra_disable),
            )
        if extra_names or extra_dict:
            cfg = replace(
                cfg,
                names=cfg.names + tuple(extra_names),
                dictionary=cfg.dictionary + tuple(extra_dict),
            )
        return cfg

    def settings_in(self, path: Path | None) -> Config:
        """The settings of one configuration file (read once), or the defaults for None."""
        if path is None:
            return self._defaults
        if path not in self._by_file:
            cfg = load_file(path)
            run_path = self.run_config_file()
            if path != run_path:  # found beside an article: not the run's own say-so
                cfg = replace(cfg, run_rules=self.settings_in(run_path).rules)
            self._by_file[path] = cfg
        return self._by_file[path]

    def run_config_file(self) -> Path | None:
        """The run's own configuration file: ``--config``, else the current folder's (walking up)."""
        return self._run_path

    def run_config(self) -> Config:
        """Settings for the run as a whole (plugins, jobs, fail-on, baseline)."""
        return self._apply_cli(self.settings_in(self.run_config_file()))

    def config_file_for(self, path: str) -> Path | None:
        """The configuration file that governs ``path`` (``-`` is standard input)."""
        if self.explicit:
            return self.explicit
        folder = str(self.root or Path.cwd()) if path == "-" else os.path.dirname(os.path.abspath(path))
        try:
            return self._by_dir[folder]
        except KeyError:
            found = self._by_dir[folder] = find_config_file(Path(folder))
            return found

    def file_config(self, path: str) -> Config:
        """The settings of the file that governs ``path``, before overrides and the command line."""
        return self.settings_in(self.config_file_for(path))

    def for_path(self, path: str) -> Config:
        """Settings for one checked file (``-`` is standard input).

        Files under one configuration that no override singles out share one
        :class:`Config` object, so what rules cache by configuration is built once.
        """
        base = self.file_config(path)
        cfg = base.for_path(path) if path != "-" else base
        if cfg is not base:
            return self._apply_cli(cfg)
        hit = self._with_cli.get(id(base))
        if hit is None or hit[0] is not base:
            hit = self._with_cli[id(base)] = (base, self._apply_cli(base))
        return hit[1]
