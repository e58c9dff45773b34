"""Every shell and Python example in README.md and docs/ runs, and shows what it prints.

The examples are the fenced blocks of a page:

- ```` ```console ````: ``$ command`` lines, each followed by the output it shows. The
  command runs with bash in a scratch folder holding the files the docs name
  (``story.txt``, ``desk/``, ``archive/``, ...), and its output must be the one shown,
  ``note:`` lines aside (they say which optional services this machine has);
- ```` ```sh ````: every command must run to the end with exit status 0 or 1 (1 is
  "findings"), never a usage error (2), a failing plugin (3) or a traceback;
- ```` ```python ````: the blocks of one page run in order in one namespace, in the
  scratch folder, as a reader would paste them; a block that is only a hook's signature
  (``def newslint_add_rules() -> ...``) is compared with ``newslint/hookspecs.py``.

An example that needs what a test run does not have says so on the line above its fence,
``<!-- example: skip, REASON -->`` (a network service, a server that runs until stopped, a
package that is not installed); it is skipped with that reason. An example that needs a
LanguageTool says ``<!-- example: languagetool -->``: it runs against a real one, started for
these tests from the download the grammar plugin's real-server tests use, with
``NEWSLINT_LANGUAGETOOL_REQUIRED=1`` so that a grammar check that did not happen fails it;
without a download or Java 17+ it is skipped with the reason (and fails in CI, where
``NEWSLINT_TEST_REAL_LANGUAGETOOL=1``). Every page is covered: a
fenced block of another language (``text``, ``toml``, ``json``, ``yaml``) is data, shown,
not run, and the configuration and workflow files have tests of their own
(``tests/test_config.py``, ``tests/test_ci_setup.py``).
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint import hookspecs

try:
    from newslint_languagetool.testing import real_download_folder, real_server
except ImportError:  # the grammar plugin is not installed: its examples skip
    real_server = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^(?P<mark><!-- example: (?P<how>[^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<body>.*?)^```$", re.M | re.S)


@dataclass(frozen=True)
class Example:
    page: Path
    line: int
    lang: str
    body: str
    skip: str | None
    #: "languagetool": runs against a real LanguageTool (see the module's docstring)
    needs: str | None = None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def _examples(langs: tuple[str, ...]) -> list[Example]:
    out = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for m in FENCE.finditer(text):
            if m["lang"] not in langs:
                continue
            how = m["how"]
            skip = how.removeprefix("skip, ").strip() if how and how.startswith("skip") else None
            line = text.count("\n", 0, m.start("lang")) + 1
            out.append(Example(page, line, m["lang"], m["body"], skip, how if how == "languagetool" else None))
    return out


def _params(langs: tuple[str, ...]) -> list[object]:
    return [
        pytest.param(e, id=e.id, marks=[pytest.mark.skip(reason=e.skip)] if e.skip else []) for e in _examples(langs)
    ]


# -- the scratch folder: the files the examples name ----------------------------------------

STORY = (ROOT / "docs" / "examples" / "korea-talks.txt").read_text(encoding="utf-8")
CLEAN = "Harbour bridge reopens\n\nThe bridge reopened on Monday after two years of repairs.\n"


def _scratch(folder: Path) -> Path:
    """A newsroom checkout as the docs imagine one, written here (nothing read from ../shared)."""
    (folder / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "examples", folder / "docs" / "examples")
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "story.md").write_text("# Harbour bridge reopens\n\nThe bridge reopened in percent terms.\n",
                                     encoding="utf-8")
    (folder / "page.html").write_text(f"<h1>Harbour bridge reopens</h1><p>{CLEAN.splitlines()[-1]}</p>",
                                      encoding="utf-8")
    for name in ("desk", "archive", "articles"):
        (folder / name).mkdir()
        (folder / name / "korea.txt").write_text(STORY, encoding="utf-8")
        (folder / name / "bridge.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "house-names.toml").write_text(
        'people = [{ name = "Kim Jong Un", variants = ["Kim Jong-un"], order = "family-first" }]\n',
        encoding="utf-8")
    records = [{"headline": "Talks", "body": [p]} for p in STORY.split("\n\n")[3:]]
    (folder / "archive.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # the house style file docs/house-style.md writes out, as a reader would save it
    style = re.search(r"```toml\n(\[\[rule\]\]\nname = \"mumbai\".*?)```",
                      (ROOT / "docs" / "house-style.md").read_text(encoding="utf-8"), re.S)
    assert style is not None, "docs/house-style.md no longer shows the mumbai rule"
    (folder / "house-style.toml").write_text(style[1], encoding="utf-8")
    (folder / "newsroom").mkdir()
    (folder / "newsroom" / "newslint.toml").write_text('language = "en-GB"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


def _env(folder: Path, languagetool: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "NEWSLINT_LANGUAGETOOL_LOCAL": "0",  # no server started by an example: its findings are the machine's
        "COLUMNS": "100",
    }
    if languagetool:  # the example is about grammar: the real server, and no quiet way out without it
        env.update(NEWSLINT_LANGUAGETOOL_URL=languagetool, NEWSLINT_LANGUAGETOOL_REQUIRED="1")
    return env


def _bash(command: str, folder: Path, languagetool: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=folder, env=_env(folder, languagetool), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=300)


#: read before the core's fixtures point ``LTP_PATH`` at an empty folder
REAL_LANGUAGETOOL_FOLDER = real_download_folder() if real_server is not None else None


@pytest.fixture(scope="module")
def real_languagetool() -> Iterator[str]:
    """The URL of a real LanguageTool for this module's examples, started on first use."""
    if real_server is None or REAL_LANGUAGETOOL_FOLDER is None:
        pytest.skip("the grammar plugin (newslint-languagetool) is not installed")
    server = real_server(REAL_LANGUAGETOOL_FOLDER, ("en-GB", "en"))
    try:
        yield server.url
    finally:
        server.close()


def _languagetool(examples: list[Example], request: pytest.FixtureRequest) -> str:
    """The real server's URL when one of ``examples`` needs it, else ""."""
    return request.getfixturevalue("real_languagetool") if any(e.needs for e in examples) else ""


def _ran(r: subprocess.CompletedProcess[str], command: str) -> None:
    assert "Traceback" not in r.stderr, f"{command}\n{r.stderr}"
    assert r.returncode in (0, 1), f"{command}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"


# -- console: commands and the output they show ----------------------------------------------


def _without_notes(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines() if not line.startswith("note:")]
    return "\n".join(lines).strip("\n")


def _sessions(body: str) -> list[tuple[str, str]]:
    """``$ command`` and the output shown under it, in order."""
    out: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
        else:
            raise AssertionError(f"a console block must begin with a $ command, not {line!r}")
    return [(cmd, "\n".join(shown)) for cmd, shown in out]


@pytest.mark.parametrize("example", _params(("console",)))
def test_console_example_prints_what_it_shows(example, tmp_path, request):
    folder = _scratch(tmp_path / "newsroom")
    languagetool = _languagetool([example], request)
    for command, shown in _sessions(example.body):
        r = _bash(command, folder, languagetool)
        _ran(r, command)
        assert _without_notes(r.stdout + r.stderr) == _without_notes(shown), f"{example.id}: $ {command}"


# -- sh: commands that must run ----------------------------------------------------------------


def _commands(body: str) -> list[str]:
    """The commands of a shell block: one a line, ``\\`` continuations joined, comments dropped."""
    joined = re.sub(r"\s*\\\n\s*", " ", body)
    return [line for line in (raw.strip() for raw in joined.splitlines()) if line and not line.startswith("#")]


@pytest.mark.parametrize("example", _params(("sh",)))
def test_shell_example_runs(example, tmp_path, request):
    folder = _scratch(tmp_path / "newsroom")
    languagetool = _languagetool([example], request)
    for command in _commands(example.body):
        _ran(_bash(command, folder, languagetool), command)


# -- python: pages of code that run ------------------------------------------------------------

SIGNATURE = re.compile(r"^def (newslint_\w+)\((.*)\)( -> .+)?$", re.S)


def _python_pages() -> list[object]:
    by_page: dict[Path, list[Example]] = {}
    for e in _examples(("python",)):
        if not SIGNATURE.match(e.body.strip()):
            by_page.setdefault(e.page, []).append(e)
    return [pytest.param(examples, id=str(page.relative_to(ROOT))) for page, examples in by_page.items()]


@pytest.mark.parametrize("examples", _python_pages())
def test_python_examples_run(examples, tmp_path, monkeypatch, request):
    folder = _scratch(tmp_path / "newsroom")
    monkeypatch.chdir(folder)
    monkeypatch.delenv("NEWSLINT_LANGUAGETOOL_SHARED", raising=False)  # the runtime's decisions, put back after
    for name, value in _env(folder, _languagetool([e for e in examples if not e.skip], request)).items():
        monkeypatch.setenv(name, value)
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    ran = 0
    for e in examples:
        if e.skip:
            continue
        exec(compile(e.body, e.id, "exec"), namespace)  # noqa: S102 - the docs' own examples
        ran += 1
    if not ran:
        pytest.skip(f"every Python example of {examples[0].page.name} needs something this run lacks")


@pytest.mark.parametrize(
    "example", [pytest.param(e, id=e.id) for e in _examples(("python",)) if SIGNATURE.match(e.body.strip())]
)
def test_hook_signature_in_the_docs_is_the_spec(example):
    m = SIGNATURE.match(example.body.strip())
    assert m is not None
    spec = inspect.signature(getattr(hookspecs, m[1]))
    shown = ast.parse(f"def f({m[2]}): ...").body[0]
    assert isinstance(shown, ast.FunctionDef)
    assert [a.arg for a in shown.args.args] == list(spec.parameters), f"{example.id}: {m[1]} takes {spec}"


def test_every_fenced_block_says_its_language():
    # a block with no language would be neither run nor knowingly left out
    bare = []
    for page in PAGES:
        inside = False
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("```"):
                if not inside and line.strip() == "```":
                    bare.append(f"{page.relative_to(ROOT)}:{n}")
                inside = not inside
    assert bare == []


def test_the_examples_are_found():
    found = {e.lang for e in _examples(("console", "sh", "python"))}
    assert found == {"console", "sh", "python"}
    assert _sessions("$ echo a\na\n$ true\n") == [("echo a", "a"), ("true", "")]
    assert _commands("newslint check \\\n  a.txt   # one\n# a comment\nls\n") == ["newslint check a.txt   # one", "ls"]
