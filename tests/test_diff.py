"""``python -m standpoint diff``: what a change moves, on temporary git repositories."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from standpoint.diff import GitError, review
from tests.datadir import data_dir, position, positions_file
from tests.paths import REPO, UNGA

TODAY = dt.date(2026, 1, 1)
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, env=ENV, check=True, capture_output=True, text=True
    ).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path):
    """A data directory at the top of a git repository, one commit."""
    root = data_dir(
        tmp_path / "repo",
        {
            "usa": positions_file("usa", position("troops", "2025-02-18", "oppose")),
            "fra": positions_file("fra", position("troops", "2025-01", "support")),
        },
    )
    git(root, "init", "-q")
    commit(root, "first")
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_stance_is_a_cell_that_moved_with_its_new_words(repo):
    edit(repo, "stances/usa.yaml", "stance: oppose", "stance: lean-oppose")
    commit(repo, "second")
    r = review(repo, "HEAD~1", "HEAD", TODAY)
    [cell] = r.cells
    assert (cell.actor, cell.issue, cell.old, cell.new) == (
        "usa",
        "troops",
        "oppose",
        "lean-oppose",
    )
    assert cell.as_of == ["today", "2025-02-18"]  # not as of 2025-01, when usa had no position
    assert cell.quote == "we will never send troops"
    assert r.records["positions"].edited == ["usa on troops, 2025-02-18"]
    assert not r.problems_introduced and not r.problems_fixed


def test_added_positions_and_problems_in_the_working_tree(repo):
    head = git(repo, "rev-parse", "HEAD")
    (repo / "stances" / "quiet.yaml").write_text(
        positions_file("quiet", position("nato", "2025-03-01", "support")), encoding="utf-8"
    )
    edit(repo, "stances/fra.yaml", "issue: troops", "issue: troopz")  # a broken reference
    r = review(repo, "HEAD", today=TODAY)  # NEW_REV: the working tree
    assert r.new_rev == "working tree"
    assert r.records["positions"].added == ["quiet on nato, 2025-03-01"]
    assert r.records["positions"].removed == ["fra on troops, 2025-01"]
    assert [p.split(": ")[0] for p in r.problems_introduced] == ["stances/fra.yaml"]
    moved = {(c.actor, c.issue): (c.old, c.new) for c in r.cells}
    assert moved == {("quiet", "nato"): (None, "support"), ("fra", "troops"): ("support", None)}
    # read with git, never checked out: the working tree and HEAD are as they were
    assert git(repo, "rev-parse", "HEAD") == head
    assert "troopz" in (repo / "stances" / "fra.yaml").read_text(encoding="utf-8")
    assert (repo / "stances" / "quiet.yaml").exists()


def test_a_fix_is_told_as_a_problem_fixed(repo):
    edit(repo, "stances/fra.yaml", "issue: troops", "issue: troopz")
    commit(repo, "broken")
    edit(repo, "stances/fra.yaml", "issue: troopz", "issue: troops")
    r = review(repo, "HEAD", today=TODAY)
    assert len(r.problems_fixed) == 1 and not r.problems_introduced


def test_actors_issues_and_sources_added_removed_edited(repo):
    edit(repo, "stances/actors.yaml", "name: France", "name: French Republic")
    edit(repo, "stances/issues.yaml", "  - id: nato\n", "  - id: natoo\n")
    r = review(repo, "HEAD", today=TODAY)
    assert r.records["actors"].edited == ["fra"]
    assert (r.records["issues"].added, r.records["issues"].removed) == (["natoo"], ["nato"])
    assert not r.records["sources"]


def test_the_un_data_in_a_sub_folder(tmp_path):
    top = tmp_path / "repo"
    shutil.copytree(UNGA, top / "data" / "un")
    git(top, "init", "-q")
    commit(top, "un")
    un = top / "data" / "un"
    rel, old, new = next(
        (p.relative_to(un).as_posix(), "stance: support", "stance: oppose")
        for p in sorted((un / "stances").glob("*.yaml"))
        if "stance: support" in p.read_text(encoding="utf-8")
    )
    edit(un, rel, old, new)
    r = review(un, "HEAD", today=TODAY)
    assert [(c.old, c.new) for c in r.cells][:1] == [("support", "oppose")]
    assert len(r.records["positions"].edited) == 1


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**ENV, "PYTHONPATH": str(REPO)},
    )


def test_the_command_in_three_formats(repo):
    edit(repo, "stances/usa.yaml", "stance: oppose", "stance: support")
    commit(repo, "second")
    text = run("diff", "HEAD~1", "HEAD", str(repo))
    assert text.returncode == 0, text.stderr
    assert "usa / troops: oppose -> support" in text.stdout
    md = run("diff", "HEAD~1", "HEAD", str(repo), "--format", "markdown")
    assert "| actor | issue | from | to | when | new quote (source) |" in md.stdout
    assert "| usa | troops | oppose | support |" in md.stdout
    js = json.loads(run("diff", "HEAD~1", str(repo), "--format", "json").stdout)
    assert js["cells"][0]["new"] == "support" and js["new_rev"] == "working tree"


def test_markdown_escapes_data_text(repo):
    edit(repo, "stances/usa.yaml", "stance: oppose", "stance: support")
    edit(repo, "seeds/s1.txt", "we will never send troops", "we will never send troops | *x*")
    edit(repo, "stances/usa.yaml", "we will never send troops", "we will never send troops | *x*")
    md = run("diff", "HEAD", str(repo), "--format", "markdown").stdout
    assert "troops \\| \\*x\\*" in md


@pytest.mark.parametrize("args", [("no-such-rev",), ("HEAD", "no-such-rev")])
def test_a_bad_revision_is_a_usage_error(repo, args):
    result = run("diff", *args, str(repo))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_outside_a_repository_is_a_git_error(tmp_path):
    plain = data_dir(tmp_path / "plain", {})
    with pytest.raises(GitError):
        review(plain, "HEAD", today=TODAY)
