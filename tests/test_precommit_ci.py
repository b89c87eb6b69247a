"""Pre-commit and CI for data repositories: the hook runs on a temporary repository through
pre-commit (from the package index), the workflow is valid YAML whose commands exist, and the
package declares what the hook's environment needs."""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from standpoint.cli import _parser
from tests.datadir import data_dir, position, positions_file
from tests.paths import REPO

WORKFLOW = REPO / ".github" / "workflows" / "data.yml"
PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def yaml12(path: Path):
    return YAML(typ="safe", pure=True).load(io.StringIO(path.read_text(encoding="utf-8")))


def test_the_package_declares_the_command_lines_dependencies_as_pinned():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {*project["dependencies"], *project["optional-dependencies"]["app"]}
    pinned = {
        line.strip()
        for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert declared == pinned


def test_the_hook_definition_runs_the_validator():
    [hook] = yaml12(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "standpoint-validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    entry = shlex.split(hook["entry"]) + hook["args"]
    assert entry[:3] == ["python", "-m", "standpoint"]
    args, extra = _parser().parse_known_args(entry[3:])
    assert (args.command, extra) == ("validate", [])
    assert re.search(hook["files"], "stances/usa.yaml")
    assert re.search(hook["files"], "data/un/seeds/sources.yaml")
    assert not re.search(hook["files"], "README.md")
    config = yaml12(REPO / ".pre-commit-config.yaml")
    assert any(h["id"] == "standpoint-validate" for r in config["repos"] for h in r["hooks"])


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.mark.timeout(900)
@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_the_hook_runs_on_a_data_repository(tmp_path, pre_commit_home, broken):
    if not Path(PRE_COMMIT).exists():
        pytest.fail("pre-commit is not installed: make .venv/.dev-stamp")
    data = data_dir(
        tmp_path / "data",
        {"usa": positions_file("usa", position("troops", "2025-02-18", "oppose"))},
    )
    if broken:
        path = data / "stances" / "usa.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("oppose", "opose"), "utf-8")
    subprocess.run(["git", "init", "-q"], cwd=data, check=True, env=ENV)
    subprocess.run(["git", "add", "-A"], cwd=data, check=True, env=ENV)
    result = subprocess.run(
        [PRE_COMMIT, "try-repo", str(REPO), "standpoint-validate", "--all-files"],
        cwd=data,
        capture_output=True,
        text=True,
        env={**ENV, "PRE_COMMIT_HOME": str(pre_commit_home)},
        timeout=880,
        check=False,
    )
    out = result.stdout + result.stderr
    if broken:
        assert result.returncode == 1, out
        assert "stances/usa.yaml:" in out and "error: stance should be one of" in out
    else:
        assert result.returncode == 0, out
        assert "Passed" in out


def steps():
    workflow = yaml12(WORKFLOW)
    return workflow, [s for job in workflow["jobs"].values() for s in job["steps"]]


def test_the_workflow_is_valid_yaml_for_data_changes():
    workflow, all_steps = steps()
    assert workflow["name"] == "data"
    assert "stances/**" in workflow["on"]["pull_request"]["paths"]
    assert workflow["permissions"]["pull-requests"] == "write"
    for step in all_steps:
        if "uses" in step:
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
    names = [s.get("name") for s in all_steps]
    assert names.index("Validate") < names.index("Diff") < names.index("Comment")
    comment = all_steps[names.index("Comment")]
    assert comment["continue-on-error"] is True  # a fork's token cannot comment
    assert "head.repo.full_name == github.repository" in comment["if"]


def commands() -> list[list[str]]:
    """Every command line of the workflow's run steps, with $VARIABLES as placeholders."""
    found = []
    for step in steps()[1]:
        for line in step.get("run", "").splitlines():
            for part in re.split(r"\|\||&&", line.split(">")[0]):
                if part.strip():
                    found.append(shlex.split(part.replace("$", "")))
    return found


def test_the_workflows_commands_exist():
    seen = set()
    for cmd in commands():
        program = cmd[0]
        seen.add(program)
        if program == "python" and cmd[1:3] == ["-m", "standpoint"]:
            args, extra = _parser().parse_known_args(cmd[3:])
            assert extra == [], cmd
            seen.add(f"standpoint {args.command}")
        elif program == "python":
            assert cmd[1:3] == ["-m", "pip"], cmd
            for i, arg in enumerate(cmd):
                if arg == "-r":
                    assert (REPO / cmd[i + 1]).is_file(), cmd
        else:
            assert program in {"cat", "gh"}, cmd
    assert {"standpoint validate", "standpoint diff", "gh"} <= seen
    validate = next(c for c in commands() if c[3:4] == ["validate"])
    assert "--format" in validate and validate[validate.index("--format") + 1] == "github"
