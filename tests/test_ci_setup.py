"""CI as pasted: the pre-commit hook, the reusable GitHub Action and every example in docs/ci.md, run.

What needs the network (pip installing newslint, GitHub's own actions) is checked as far as
it can be offline: the workflows and the action are validated against GitHub's schemas
(SchemaStore's copies, vendored by check-jsonschema), a ``pip install`` line may name only
distributions this repository builds, and every other ``run:`` step and script line is
executed, with the installed ``newslint`` on ``PATH``, on a sample checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).parent / "schemas"
BIN = Path(sys.executable).parent
CLEAN = (
    "Harbour bridge reopens after repair\n\nThe harbour bridge reopened on Monday after a two-year repair, "
    "the council said.\n"
)
SLIP = "Kim Jong-un visits Seoul\n\nKim Jong-on said on Monday that the talks would go on, officials said.\n"

#: The distributions this repository builds, by name: what a documented ``pip install`` may name.
LOCAL_DISTRIBUTIONS = {
    "newslint": ROOT,
    **{p.parent.name: p.parent for p in (ROOT / "plugins").glob("*/pyproject.toml")},
}


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "NEWSLINT_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def _schema(name: str) -> dict:
    vendor = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / name
    return json.loads(vendor.read_text(encoding="utf-8"))


def _checkout(tmp_path: Path, *, slip: bool) -> Path:
    work = tmp_path / "checkout"
    (work / "articles").mkdir(parents=True)
    (work / "articles" / "bridge.txt").write_text(CLEAN, encoding="utf-8")
    if slip:
        (work / "articles" / "korea.txt").write_text(SLIP, encoding="utf-8")
    (work / "README.md").write_text("# Teh newsroom\n\nOur artciles live here.\n", encoding="utf-8")
    return work


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # as GitHub runs a `run:` step: bash -e
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def _pip_install_is_local(line: str) -> bool:
    """A ``pip install`` line that names only distributions built here (checked, not run)."""
    words = line.split()
    i = words.index("install")
    names = [w for w in words[i + 1 :] if not w.startswith("-") and not w.startswith('"$')]
    assert names, line
    for name in names:
        assert name in LOCAL_DISTRIBUTIONS, f"{name} is not built by this repository"
    return True


# -- pre-commit --------------------------------------------------------------------------------


@pytest.fixture
def precommit():
    exe = BIN / "pre-commit"
    if not exe.exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return exe


def _repo_with_hook(tmp_path: Path) -> Path:
    repo = tmp_path / "newsroom"
    (repo / "articles").mkdir(parents=True)
    (repo / "drafts").mkdir()
    (repo / "articles" / "bridge.md").write_text("# " + CLEAN, encoding="utf-8")
    (repo / "articles" / "wire.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "drafts" / "half.md").write_text("# Teh draft\n\nNot finsihed yet, Kim Jong-on.\n", encoding="utf-8")
    (repo / "README.md").write_text("# Teh newsroom\n\nOur artciles live here.\n", encoding="utf-8")
    (repo / "package.json").write_text('{"name": "site", "version": "1.0.0"}\n', encoding="utf-8")
    (repo / "requirements.txt").write_text("newslint>=0.1\nrequests==2.31\n", encoding="utf-8")
    (repo / "newslint.toml").write_text('exclude = ["drafts/*"]\n', encoding="utf-8")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # the hook as shipped, run from this environment instead of an environment pre-commit builds
    entry = hook["entry"].split()
    assert entry[0] == "newslint"
    local = {**hook, "language": "system", "entry": " ".join([str(BIN / "newslint"), *entry[1:], "--no-autoload"])}
    local.pop("minimum_pre_commit_version")
    local["verbose"] = True
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True, capture_output=True)
    return repo


def test_pre_commit_run_all_files_checks_only_the_articles(tmp_path, precommit):
    repo = _repo_with_hook(tmp_path)
    env = _env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    r = subprocess.run([str(precommit), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    # README, package.json, requirements.txt and the excluded draft were not checked
    assert "No findings in 2 files" in r.stdout, r.stdout
    # and the hook does fail on an article with a slip
    (repo / "articles" / "korea.txt").write_text(SLIP, encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    r = subprocess.run([str(precommit), "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode == 1
    assert "articles/korea.txt:3:1: warning NL101 [name-consistency]" in r.stdout, r.stdout
    assert "README" not in r.stdout and "half.md" not in r.stdout


# -- the action -----------------------------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_valid_github_action():
    jsonschema.validate(_action(), _schema("github-actions.json"))


def run_action(inputs: dict[str, str], work: Path) -> tuple[int, str, dict[str, str]]:
    """The action's steps as GitHub runs them: defaults filled in, inputs as environment variables.

    ``uses:`` steps (setup-python) and the install step need the network and are left out:
    this environment has newslint installed already.
    """
    action = _action()
    values = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    unknown = set(inputs) - set(values)
    assert not unknown, f"the action has no input {unknown}"
    values.update(inputs)
    output = work / "github-output"
    output.write_text("", encoding="utf-8")
    out = ""
    status = 0
    for step in action["runs"]["steps"]:
        if "uses" in step:
            continue
        script = step["run"]
        if "pip install" in script:
            assert '"$GITHUB_ACTION_PATH"' in script
            continue
        env = _env(GITHUB_ACTION_PATH=str(ROOT), GITHUB_OUTPUT=str(output), GITHUB_ACTIONS="true")
        for k, v in step.get("env", {}).items():
            env[k] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], v)
        r = _bash(script, work, env)
        out += r.stdout + r.stderr
        status = r.returncode
        if status:
            break
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return status, out, outputs


def test_action_annotates_and_writes_sarif(tmp_path):
    work = _checkout(tmp_path, slip=True)
    status, out, outputs = run_action({"paths": "articles/", "sarif": "out.sarif", "args": "--no-autoload"}, work)
    assert status == 1 and outputs["exit-code"] == "1"
    assert "::warning file=articles/korea.txt,line=3,col=1" in out
    sarif = json.loads((work / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text())).validate(sarif)
    assert len(sarif["runs"][0]["results"]) == 1


def test_action_on_clean_articles_and_a_missing_plugin(tmp_path):
    work = _checkout(tmp_path, slip=False)
    assert run_action({"paths": "articles/"}, work)[0] == 0
    status, out, outputs = run_action({"paths": "articles/", "require-plugins": "no-such-plugin"}, work)
    assert status == 2 and outputs["exit-code"] == "2"
    assert "required plugin 'no-such-plugin' is not installed" in out


# -- docs/ci.md ------------------------------------------------------------------------------


def _examples() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(r"^```(\w+)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_every_example_in_ci_md_is_one_this_test_runs():
    langs = [lang for lang, _ in _examples()]
    assert set(langs) <= {"yaml", "sh", "toml"}, langs
    kinds = [_kind(body) for lang, body in _examples() if lang == "yaml"]
    assert kinds.count("workflow") == 2 and kinds.count("pre-commit") >= 3 and kinds.count("gitlab") == 1


def _kind(body: str) -> str:
    doc = yaml.safe_load(body)
    if "jobs" in doc:
        return "workflow"
    if "repos" in doc:
        return "pre-commit"
    if any(isinstance(v, dict) and "script" in v for v in doc.values()):
        return "gitlab"
    raise AssertionError(f"an example of no known kind:\n{body}")


def _run_workflow(doc: dict, work: Path) -> dict[str, int]:
    """Run a workflow's steps in order, with GitHub's rule: after a failure only ``if: always()`` steps run."""
    statuses: dict[str, int] = {}
    failed = False
    for job in doc["jobs"].values():
        for n, step in enumerate(job["steps"]):
            name = step.get("name") or step.get("uses") or f"step {n}"
            if failed and "always()" not in str(step.get("if", "")):
                continue
            if "uses" in step:
                uses = step["uses"]
                if uses.startswith("<your-org>/newslint@"):
                    inputs = {k: str(v) for k, v in step.get("with", {}).items()}
                    statuses[name] = run_action(inputs, work)[0]
                elif uses.startswith("github/codeql-action/upload-sarif@"):
                    sarif = json.loads((work / step["with"]["sarif_file"]).read_text(encoding="utf-8"))
                    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
                    jsonschema.Draft4Validator(schema).validate(sarif)
                    statuses[name] = 0
                else:
                    assert uses.startswith(("actions/checkout@", "actions/setup-python@")), uses
                    continue
            elif step["run"].startswith("pip install"):
                statuses[name] = 0 if _pip_install_is_local(step["run"]) else 1
            else:
                r = _bash(step["run"], work, _env(GITHUB_ACTIONS="true"))
                statuses[name] = r.returncode
            failed = failed or statuses[name] != 0
    return statuses


def test_ci_md_workflows_are_valid_and_run(tmp_path):
    workflows = [yaml.safe_load(b) for lang, b in _examples() if lang == "yaml" and _kind(b) == "workflow"]
    schema = _schema("github-workflows.json")
    for i, doc in enumerate(workflows):
        # YAML reads the key `on` as True; GitHub reads it as "on"
        jsonschema.validate({("on" if k is True else k): v for k, v in doc.items()}, schema)
        work = _checkout(tmp_path / str(i), slip=True)
        statuses = _run_workflow(doc, work)
        # a finding fails the check, and the SARIF still reaches code scanning
        assert 1 in statuses.values(), statuses
        assert statuses["Upload SARIF to code scanning"] == 0, statuses
        assert all(s in (0, 1) for s in statuses.values()), statuses


def test_ci_md_gitlab_job_runs(tmp_path):
    (body,) = [b for lang, b in _examples() if lang == "yaml" and _kind(b) == "gitlab"]
    (job,) = yaml.safe_load(body).values()
    work = _checkout(tmp_path, slip=True)
    status = 0
    for line in job["script"]:
        if line.startswith("pip install"):
            _pip_install_is_local(line)
            continue
        status = _bash(line, work, _env()).returncode
        if status:
            break
    assert status == 1  # the finding fails the job, after both reports are written
    reports = job["artifacts"]["reports"]
    quality = json.loads((work / reports["codequality"]).read_text(encoding="utf-8"))
    jsonschema.validate(quality, json.loads((SCHEMAS / "gitlab-codequality.json").read_text(encoding="utf-8")))
    from junitparser import JUnitXml

    assert JUnitXml.fromfile(str(work / reports["junit"])).failures == 1


def test_ci_md_pre_commit_configs_are_valid(tmp_path, precommit):
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    blocks = [b for lang, b in _examples() if lang == "yaml" and _kind(b) == "pre-commit"]
    for i, body in enumerate(blocks):
        path = tmp_path / f"config-{i}.yaml"
        path.write_text(body, encoding="utf-8")
        r = subprocess.run([str(precommit), "validate-config", str(path)], capture_output=True, text=True)
        assert r.returncode == 0, body + r.stdout + r.stderr
        for repo in yaml.safe_load(body)["repos"]:
            for hook in repo["hooks"]:
                assert hook["id"] in hooks
                if "files" in hook:
                    assert re.search(hook["files"], "articles/bridge.md")


def test_ci_md_shell_and_toml_examples_run(tmp_path):
    from newslint.config import load_file

    work = _checkout(tmp_path, slip=True)
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    for lang, body in _examples():
        if lang == "sh":
            r = _bash(body, work, _env())
            assert r.returncode == 0, body + r.stdout + r.stderr
        elif lang == "toml":
            name = body.split("\n", 1)[0].lstrip("# ").strip()
            assert name in ("pyproject.toml", "newslint.toml"), body
            (tmp_path / "cfg").mkdir(exist_ok=True)
            (tmp_path / "cfg" / name).write_text(body, encoding="utf-8")
            load_file(tmp_path / "cfg" / name)
    # the baseline example wrote a baseline of the one finding; with it the run is clean
    assert json.loads((work / "newslint-baseline.json").read_text(encoding="utf-8"))
    (work / "pyproject.toml").write_text('[tool.newslint]\nbaseline = "newslint-baseline.json"\n', encoding="utf-8")
    r = _bash("newslint check --no-autoload articles/", work, _env())
    assert r.returncode == 0, r.stdout
