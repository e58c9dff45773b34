"""Builds the plugin manager: built-in plugins, entry points, blocking."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pluggy

from newslint import hookspecs
from newslint.regex import compile_re
from newslint.version import __version__

if TYPE_CHECKING:
    from newslint.hookspecs import Escape
    from newslint.reporters import Reporter
    from newslint.rule import Rule


#: Built-in plugins, registered by the same hooks third-party plugins use.
#: Loaders are listed so that the plain-text fallback is registered first and
#: so called last.
BUILTIN_PLUGINS = (
    "newslint.loaders.text",
    "newslint.loaders.markdown",
    "newslint.loaders.html",
    "newslint.loaders.json",
    "newslint.loaders.ans",
    "newslint.loaders.xmltree",
    "newslint.loaders.nitf",
    "newslint.loaders.newsml",
    "newslint.loaders.wxr",
    "newslint.loaders.docx",
    "newslint.rules.input",
    "newslint.rules.newsroom",
    "newslint.rules.usage",
    "newslint.rules.names",
    "newslint.rules.captions",
    "newslint.rules.spelling",
    "newslint.rules.style",
    "newslint.reporters.builtin",
    "newslint.reporters.ci",
    "newslint.commands",
    "newslint.server",
    "newslint.lsp",
)

#: Built-in plugins that cannot be blocked, as pytest's essential plugins: the session reports
#: unreadable files and failing plugins through the input rules, and every command is added
#: by the commands plugin.
ESSENTIAL_PLUGINS = ("newslint.rules.input", "newslint.commands")

ENTRY_POINT_GROUP = "newslint"


class PluginError(Exception):
    """A plugin could not be loaded, or a required plugin is missing."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str | None
    version: str | None
    builtin: bool


def make_manager(
    *,
    autoload: bool = True,
    disable: Iterable[str] = (),
    require: Iterable[str] = (),
    extra: Iterable[object] = (),
) -> pluggy.PluginManager:
    """A fresh plugin manager for one run (there is no import-time global).

    ``disable`` blocks plugins by name (built-in module names such as
    ``newslint.rules.spelling`` or entry-point names such as ``languagetool``).
    ``require`` names plugins that must be present; a missing one is an error.
    ``extra`` registers plugin objects directly (for tests and library users).
    """
    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    for name in disable:
        if name in ESSENTIAL_PLUGINS:
            raise PluginError(f"plugin {name!r} is essential to newslint and cannot be disabled")
        pm.set_blocked(name)
    for modname in BUILTIN_PLUGINS:
        if pm.is_blocked(modname):
            continue
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as e:
            if e.name == modname:  # a built-in not written yet; keep the rest working
                continue
            raise
        pm.register(module, name=modname)
    if autoload:
        try:
            load_entry_points(pm)
        except Exception as e:  # a broken third-party plugin must say who it is
            raise PluginError(_entry_point_failure(pm, e)) from e
    for i, obj in enumerate(extra):
        pm.register(obj, name=getattr(obj, "__name__", None) or f"extra-{i}")
    pm.check_pending()
    for name in require:
        if not pm.has_plugin(name):
            raise PluginError(f"required plugin {name!r} is not installed or was disabled")
    return pm


def load_entry_points(pm: pluggy.PluginManager) -> None:
    """Register the ``newslint`` entry points, as ``pm.load_setuptools_entrypoints`` does.

    Which entry points the installed distributions declare is kept in the cache folder,
    keyed by every ``sys.path`` folder and every distribution's ``entry_points.txt``
    (path, size, time), so a cold start neither imports :mod:`importlib.metadata`
    nor reads the metadata of every distribution (about 15 ms, with a hundred
    installed); installing, removing or upgrading any distribution reads them again.
    """
    if not hasattr(pm, "_plugin_distinfo"):  # a pluggy that keeps them otherwise: its own way
        pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        return
    from newslint import cache

    for name, value, dist, version in cache.cached("entry-points", _site_stamp(), _scan_entry_points):
        if pm.has_plugin(name) or pm.is_blocked(name):
            continue
        plugin = _load_entry_point(value)
        pm.register(plugin, name=name)
        pm._plugin_distinfo.append((plugin, _Distribution(dist, version)))  # type: ignore[arg-type]


def _site_stamp() -> tuple[Any, ...]:
    """The version of what the installed distributions declare: sys.path and their entry_points.txt files."""
    from newslint import cache

    files = []
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as it:
                names = [e.name for e in it if e.name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
        files += [os.path.join(folder, n, "entry_points.txt") for n in sorted(names)]
    return (tuple(sys.path), cache.stamp(sys.path), cache.stamp(files))


def _scan_entry_points() -> list[tuple[str, str, str, str]]:
    """(name, value, distribution, version) of each entry point of the group, in pluggy's order."""
    from importlib.metadata import distributions

    return [
        (ep.name, ep.value, dist.metadata["name"], dist.version)
        for dist in list(distributions())
        for ep in dist.entry_points
        if ep.group == ENTRY_POINT_GROUP
    ]


_ENTRY_POINT = compile_re(r"(?P<module>[\w.]+)\s*(?::\s*(?P<attr>[\w.]+)\s*)?(?:\[.*\]\s*)?$")


def _load_entry_point(value: str) -> object:
    """What ``importlib.metadata.EntryPoint(value=value).load()`` returns: the module or its attribute."""
    m = _ENTRY_POINT.match(value)
    if m is None:
        raise ValueError(f"entry point {value!r} is not 'module' or 'module:attribute'")
    obj: object = importlib.import_module(m["module"])
    for attr in (m["attr"] or "").split(".") if m["attr"] else ():
        obj = getattr(obj, attr)
    return obj


class _Distribution:
    """A distribution as pluggy keeps it for an entry point: name and version from the cache,
    anything else from :mod:`importlib.metadata` when first asked for."""

    def __init__(self, name: str, version: str) -> None:
        self.version = version
        self._name = name
        self._real: Any = None

    @property
    def metadata(self) -> Any:
        return _Metadata(self, {"name": self._name, "version": self.version})

    @property
    def name(self) -> str:
        return self._name

    def real(self) -> Any:
        if self._real is None:
            from importlib.metadata import distribution

            self._real = distribution(self._name)
        return self._real

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.real(), attr)


class _Metadata(dict):  # type: ignore[type-arg]
    """The name and version at once; any other field from the distribution's metadata file."""

    def __init__(self, dist: _Distribution, known: dict[str, str]) -> None:
        super().__init__(known)
        self._dist = dist

    def __missing__(self, key: str) -> Any:
        return self._dist.real().metadata[key]


def plugin_infos(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every registered plugin with the distribution and version it came from."""
    dists = {id(p): d for p, d in pm.list_plugin_distinfo()}
    out = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        dist = dists.get(id(plugin))
        if dist is not None:
            out.append(PluginInfo(name, dist.project_name, dist.version, False))
        else:
            builtin = name.startswith("newslint.")
            out.append(PluginInfo(name, "newslint" if builtin else None, __version__ if builtin else None, builtin))
    return sorted(out, key=lambda p: (not p.builtin, p.name))


def plugin_name_of(pm: pluggy.PluginManager, plugin: object) -> str:
    """The distribution (or plugin) name to blame for a failing hook or rule."""
    for p, dist in pm.list_plugin_distinfo():
        if p is plugin:
            return str(dist.project_name)
    return pm.get_name(plugin) or repr(plugin)


def _entry_point_failure(pm: pluggy.PluginManager, error: Exception) -> str:
    """Which entry point of which distribution failed to load, for the one-line message."""
    from importlib.metadata import distributions

    for dist in distributions():
        for ep in dist.entry_points:
            if ep.group != ENTRY_POINT_GROUP or pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                continue
            try:
                ep.load()
            except Exception as e:
                name = dist.metadata["name"]
                return (
                    f"plugin {ep.name!r} from the distribution {name} {dist.version} failed to load: "
                    f"{type(e).__name__}: {e} (uninstall it, or skip it with --disable-plugin {ep.name})"
                )
    return f"a plugin in the {ENTRY_POINT_GROUP!r} entry-point group failed to load: {type(error).__name__}: {error}"


def _per_plugin(pm: pluggy.PluginManager, hook_name: str, **kwargs: object) -> list[tuple[object, object]]:
    """Call a hook through pluggy one plugin at a time: (plugin, its result) in call order.

    Each plugin's result must be stamped with the plugin (a rule with the
    distribution to blame), which one call of the whole hook cannot tell.
    """
    impls = getattr(pm.hook, hook_name).get_hookimpls()
    wrappers = [i for i in impls if i.hookwrapper or getattr(i, "wrapper", False)]
    plain = [i for i in impls if i not in wrappers]
    out: list[Any] = []
    for impl in reversed(plain):  # pluggy's own order: last registered first; wrappers wrap each call
        others = [i.plugin for i in plain if i.plugin is not impl.plugin]
        caller = pm.subset_hook_caller(hook_name, remove_plugins=others)
        try:
            results = caller(**kwargs)
        except Exception as e:
            raise PluginError(f"plugin {plugin_name_of(pm, impl.plugin)!r} failed in {hook_name}: {e}") from e
        out.extend((impl.plugin, r) for r in results)
    return out


def collect_rules(pm: pluggy.PluginManager) -> list[Rule]:
    """Every rule from every plugin, each stamped with the plugin that gave it."""
    rules: list[Rule] = []
    for plugin, provided in _per_plugin(pm, "newslint_add_rules"):
        for rule in provided or ():  # type: ignore[attr-defined]
            rule.plugin = plugin_name_of(pm, plugin)
            rules.append(rule)
    seen: dict[str, Rule] = {}
    for r in rules:
        for key in (r.code, r.name):
            if key in seen:
                raise PluginError(f"rule {key!r} is provided by both {seen[key].plugin!r} and {r.plugin!r}")
            seen[key] = r
    return sorted(rules, key=lambda r: r.code)


def collect_reporters(pm: pluggy.PluginManager) -> dict[str, Reporter]:
    """Every output format by name; two of one name are an error naming both plugins."""
    out: dict[str, Reporter] = {}
    by: dict[str, object] = {}
    for plugin, group in _per_plugin(pm, "newslint_add_reporters"):
        for rep in group or ():  # type: ignore[attr-defined]
            if rep.name in out:
                raise PluginError(
                    f"output format {rep.name!r} is provided by both {plugin_name_of(pm, by[rep.name])!r} "
                    f"and {plugin_name_of(pm, plugin)!r}"
                )
            out[rep.name], by[rep.name] = rep, plugin
    return out


def fix_escape(pm: pluggy.PluginManager, fmt: str) -> Escape:
    """How fixes are written into an article of format ``fmt``: its loader's answer, else as is."""
    from newslint.fix import as_is

    escape: Escape | None = pm.hook.newslint_fix_escape(format=fmt)
    return escape or as_is


def writes_fixes(pm: pluggy.PluginManager, fmt: str) -> bool:
    """Whether any fix is written into format ``fmt``: its escape takes a plain word for a plain word."""
    return fix_escape(pm, fmt)("word", "word") is not None
