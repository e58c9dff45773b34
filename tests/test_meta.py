"""Conventions as checks (after datasette's ``test_docs.py``).

Every hook is documented in ``docs/hooks.md`` and exercised by a test; every
built-in rule has a unique code and name, a summary, the documentation
sections its docstring must have, and a page under ``docs/rules/``; every name
in ``newslint.__all__`` exists.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import newslint
from newslint import hookspecs
from newslint.manager import collect_rules, make_manager
from newslint.rule import DOC_SECTIONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

HOOKS = sorted(
    name
    for name, obj in vars(hookspecs).items()
    if name.startswith("newslint_") and callable(obj)
)


def _test_sources() -> str:
    files = [*(ROOT / "tests").rglob("*.py"), *(ROOT / "plugins").glob("*/tests/**/*.py")]
    return "\n".join(
        f.read_text(encoding="utf-8") for f in files if f.name != Path(__file__).name
    )


def _hooks_doc_headings() -> set[str]:
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^#+\s+`?(newslint_\w+)`?\s*$", text, re.MULTILINE)}


def test_hookspecs_found():
    assert "newslint_add_rules" in HOOKS and "newslint_load_article" in HOOKS


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_has_a_docstring(hook):
    doc = inspect.getdoc(getattr(hookspecs, hook))
    assert doc and len(doc) > 20, f"hookspec {hook} has no docstring"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_documented(hook):
    assert hook in _hooks_doc_headings(), f"docs/hooks.md has no section headed {hook}"


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_is_tested(hook):
    assert re.search(rf"\b{hook}\b", _test_sources()), f"no test mentions {hook}"


def test_hooks_doc_has_no_stale_sections():
    stale = _hooks_doc_headings() - set(HOOKS)
    assert not stale, f"docs/hooks.md documents hooks that do not exist: {sorted(stale)}"


# -- rules -----------------------------------------------------------------------------

BUILTIN_RULES = collect_rules(make_manager(autoload=False))


def _rule_id(rule):
    return f"{rule.code}-{rule.name}"


def test_builtin_rules_exist():
    assert BUILTIN_RULES, "the built-in plugins provide no rules"


def test_codes_and_names_are_unique():
    codes = [r.code for r in BUILTIN_RULES]
    names = [r.name for r in BUILTIN_RULES]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_rule_metadata(rule):
    assert re.fullmatch(r"NL\d{3}", rule.code), f"{rule.code} is not NL followed by three digits"
    assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", rule.name), f"{rule.name} is not kebab-case"
    assert rule.summary.strip(), f"{rule.code} has no summary"
    assert "\n" not in rule.summary and not rule.summary.endswith("."), (
        f"{rule.code}: a summary is one line without a full stop"
    )
    assert rule.plugin and rule.plugin.startswith("newslint")


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_rule_doc_sections(rule):
    lines = [line.strip() for line in rule.doc.splitlines()]
    for heading in DOC_SECTIONS:
        assert heading in lines, f"{rule.code} ({rule.name}): docstring has no {heading!r} section"
        after = lines[lines.index(heading) + 1 :]
        text = next((line for line in after if line), "")
        assert text and text not in DOC_SECTIONS, (
            f"{rule.code} ({rule.name}): the {heading!r} section is empty"
        )
    order = [lines.index(h) for h in DOC_SECTIONS]
    assert order == sorted(order), f"{rule.code}: sections are out of order"


REGENERATE = "newslint rules --docs docs/rules --select NL"


def _shipped_rules():
    """newslint's own rules (code NL): the built-ins and those of the plugins under plugins/ that are installed."""
    return sorted(
        {r.code: r for r in [*BUILTIN_RULES, *_first_party_plugin_rules()] if r.code.startswith("NL")}.values(),
        key=lambda r: r.code,
    )


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_rule_has_a_docs_page(rule):
    page = DOCS / "rules" / f"{rule.name}.md"
    assert page.is_file(), f"no docs/rules/{rule.name}.md for {rule.code}: run {REGENERATE}"


def test_rule_pages_are_generated_from_the_docstrings():
    # one source: the docstring and the Option declarations; the page is what the generator writes
    from newslint.ruledoc import rule_page

    stale = [r.name for r in _shipped_rules() if (DOCS / "rules" / f"{r.name}.md").is_file()
             and (DOCS / "rules" / f"{r.name}.md").read_text(encoding="utf-8") != rule_page(r)]
    assert stale == [], f"docs/rules pages differ from their rules' docstrings: run {REGENERATE}"


def test_no_rule_page_without_a_rule():
    names = {r.name for r in _shipped_rules()}
    if "grammar" not in names:
        names.add("grammar")  # newslint-languagetool's page stays when the plugin is not installed
    orphans = sorted(p.stem for p in (DOCS / "rules").glob("*.md") if p.stem not in names)
    assert orphans == [], f"docs/rules pages of no rule: {orphans}"


def test_a_rule_page_shows_the_options_declared(tmp_path):
    from newslint.ruledoc import rule_page

    class Probe(newslint.Rule):
        """Intro line.

        What it does
            Finds `x`.

                indented example stays a code block

        Why it matters
            Because.

        Example
            x

        Options
            See the table.

        Fix safety
            No fix.
        """

        code, name, summary = "XP001", "probe", "A probe"
        default_enabled = False
        options = newslint.Options(
            min_words=newslint.Option(int, 3, "shorter | texts are skipped"),
            pattern=newslint.Option(str, r"\d+", "a regular expression"),
        )

    page = rule_page(Probe())
    assert page.startswith("# probe (XP001)\n\nA probe.\n\nDefault severity: **warning**. **Off by default**")
    assert "\n## What it does\n\nFinds `x`.\n\n    indented example stays a code block\n" in page
    assert "| `min-words` | a whole number | `3` | shorter \\| texts are skipped |" in page
    assert "| `pattern` | a string | `'\\d+'` | a regular expression |" in page
    assert page.index("See the table.") < page.index("| `min-words`") < page.index("## Fix safety")


def test_newslint_rules_docs_writes_the_pages(run_cli, tmp_path):
    r = run_cli("rules", "--docs", tmp_path / "pages", "--select", "NL101,per-cent")
    assert r.status == 0, r.err
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["name-consistency.md", "per-cent.md"]
    assert (tmp_path / "pages" / "per-cent.md").read_text(encoding="utf-8") == (
        DOCS / "rules" / "per-cent.md").read_text(encoding="utf-8")
    again = run_cli("rules", "--docs", tmp_path / "pages", "--select", "NL101")
    assert again.out == f"1 rule pages in {tmp_path / 'pages'}, 0 changed\n"
    assert run_cli("rules", "--select", "NL9").status == 2


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_rule_options_are_keyword_friendly(rule):
    # options are set from TOML, where keys are kebab or snake case; both map to one identifier
    for key in rule.options:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"{rule.code}: option {key!r} is not snake_case"


def _first_party_plugin_rules():
    """Rules from the distributions under plugins/ that are installed (CI installs them all)."""
    dists = {f"{d.name}" for d in (ROOT / "plugins").iterdir() if (d / "pyproject.toml").is_file()}
    return [r for r in collect_rules(make_manager()) if r.plugin in dists]


@pytest.mark.parametrize("rule", _first_party_plugin_rules(), ids=_rule_id)
def test_first_party_plugin_rules_are_documented_like_builtins(rule):
    assert rule.summary.strip() and re.fullmatch(r"[A-Z]{2}\d{3}", rule.code)
    lines = [line.strip() for line in rule.doc.splitlines()]
    missing = [h for h in DOC_SECTIONS if h not in lines]
    assert not missing, f"{rule.code} ({rule.plugin}): docstring lacks {missing}"
    if rule.code.startswith("NL"):  # shipped with newslint's docs
        assert (DOCS / "rules" / f"{rule.name}.md").is_file(), f"no docs/rules/{rule.name}.md"


# -- the public API ------------------------------------------------------------------------


@pytest.mark.parametrize("name", newslint.__all__)
def test_public_name_exists(name):
    assert getattr(newslint, name) is not None


def test_all_has_no_duplicates():
    assert len(newslint.__all__) == len(set(newslint.__all__))


# -- packaging contracts ---------------------------------------------------------------------


def test_pre_commit_hook_runs_newslint_check_on_articles():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "newslint"
    assert hook["entry"] == "newslint check --force-exclude"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def taken(name: str) -> bool:
        return bool(files.search(name)) and not exclude.search(name)

    for name in ("a.txt", "b.md", "c.html", "d.htm", "e.json", "news/f.markdown", "G.MD", "h.xhtml",
                 "wire/story.xml", "copy/draft.docx", "news/readme-notes-for-desk/story.md"):
        assert taken(name), name
    for name in ("setup.py", "notes.toml", "image.png", "README.md", "docs/readme.txt", "CHANGELOG.md",
                 "requirements.txt", "requirements-dev.txt", "package.json", "web/package-lock.json",
                 "newslint-baseline.json", "LICENSE.txt", "node_modules/x/a.md"):
        assert not taken(name), name


def _slugs(page: Path) -> set[str]:
    """GitHub's anchors for a Markdown page's headings."""
    headings = re.findall(r"^#+\s+(.+?)\s*$", page.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_docs_links_resolve():
    missing = []
    for page in [*DOCS.rglob("*.md"), ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#\s]*\.md)?(?:#([^)\s]+))?\)", text):
            if not target and not anchor:
                continue
            dest = page.parent / target if target else page
            if not dest.exists():
                missing.append(f"{page.name} -> {target}")
            elif anchor and anchor not in _slugs(dest):
                missing.append(f"{page.name} -> {target}#{anchor}")
    assert missing == []


# -- the layers: imports point down ----------------------------------------------------------

#: Each module's layer, lowest first; a module belongs to the longest prefix that names it.
LAYERS = (
    ("records and hook specs", ("newslint.diagnostic", "newslint.hookspecs", "newslint.version")),
    (
        "model and configuration",
        (
            "newslint.article",
            "newslint.cache",
            "newslint.config",
            "newslint.dataset",
            "newslint.regex",
            "newslint.selection",
            "newslint.source",
            "newslint.suppression",
        ),
    ),
    ("rule machinery", ("newslint.rule", "newslint.ruledoc", "newslint.guard", "newslint.reporters")),
    ("engines", ("newslint.names", "newslint.spelling", "newslint.housestyle")),
    ("built-in plugins", ("newslint.loaders", "newslint.rules", "newslint.reporters.builtin", "newslint.reporters.ci")),
    ("manager and fix engine", ("newslint.manager", "newslint.fix")),
    ("session and API", ("newslint.session", "newslint.workers", "newslint.api", "newslint.cluster", "newslint")),
    ("commands and CLI", ("newslint.commands", "newslint.cli", "newslint.__main__", "newslint.server", "newslint.lsp")),
)
PACKAGE = ROOT / "newslint"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int | None:
    found = [
        (len(prefix), i)
        for i, (_name, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or (prefix != "newslint" and module.startswith(prefix + "."))
    ]
    return max(found)[1] if found else None


def _runtime_imports(path: Path) -> list[tuple[str, int]]:
    """The newslint modules ``path`` imports when it runs (at any depth; ``if TYPE_CHECKING:`` aside)."""
    import ast

    out: list[tuple[str, int]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                for c in child.orelse:
                    visit(c)
                continue
            if isinstance(child, ast.Import):
                out.extend((a.name, child.lineno) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for a in child.names:  # "from newslint.server import tasks" names a module
                    sub = f"{child.module}.{a.name}"
                    out.append((sub if sub in MODULES else child.module, child.lineno))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return [(m, line) for m, line in out if m == "newslint" or m.startswith("newslint.")]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_has_a_layer(module):
    assert _layer(module) is not None, f"{module} belongs to no layer: add it to LAYERS in tests/test_meta.py"


def test_imports_point_down_the_layers():
    upward = []
    for module, path in MODULES.items():
        mine = _layer(module)
        for target, line in _runtime_imports(path):
            theirs = _layer(target)
            if mine is not None and theirs is not None and theirs > mine:
                upward.append(f"{module}:{line} ({LAYERS[mine][0]}) imports {target} ({LAYERS[theirs][0]})")
    assert upward == []


def test_no_import_circles():
    graph = {m: {t for t, _ in _runtime_imports(p) if t in MODULES and t != m} for m, p in MODULES.items()}
    circles = []
    state: dict[str, int] = {}

    def walk(m: str, trail: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                circles.append(" -> ".join([*trail[trail.index(t):], t]))
            elif t not in state:
                walk(t, [*trail, t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            walk(m, [m])
    assert circles == []


def test_the_layer_test_sees_an_upward_import(tmp_path):
    path = tmp_path / "x.py"
    path.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from newslint.session import Session\n"
        "def f():\n    from newslint.manager import make_manager\n"
    )
    assert _runtime_imports(path) == [("newslint.manager", 5)]
    assert _layer("newslint.rules.style") > _layer("newslint.housestyle") > _layer("newslint.rule")


# -- block kinds: one vocabulary -------------------------------------------------------------


def _kind_literal_sets(path: Path) -> list[str]:
    """Tuples, lists and sets written out of two or more block-kind names (``("caption", "credit")``)."""
    import ast

    from newslint.article import BLOCK_KINDS

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(values) == len(node.elts) and all(v in BLOCK_KINDS for v in values):
                where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
    return found


def test_block_kinds_are_grouped_in_one_place():
    # a group of kinds is a named group of BlockKind (article.py), never a set spelt out elsewhere
    sources = [p for p in [*PACKAGE.rglob("*.py"), *(ROOT / "plugins").glob("*/src/**/*.py")]
               if p != PACKAGE / "article.py"]
    assert [hit for p in sources for hit in _kind_literal_sets(p)] == []


def test_the_block_kind_test_sees_a_literal_set(tmp_path):
    path = tmp_path / "probe.py"
    path.write_text('SKIP = frozenset({"credit", "byline"})\nOK = ("headline", "title")\n', encoding="utf-8")
    assert _kind_literal_sets(path) == ["probe.py:1 {'credit', 'byline'}"]
