"""Hints that help: text output shows them, a suggestion prefers what the file says, warnings
count apart from errors, and an actor with no matched file is pointed to the likely one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from standpoint import load
from standpoint.queries import likely_file, problems_about
from tests.apptest import clear_caches, open_app
from tests.datadir import ACTORS, data_dir, position, positions_file

REPO = Path(__file__).resolve().parent.parent
# Germany and the United Kingdom: 'ger' is one letter from 'gbr', and two from 'deu'
MORE_ACTORS = ACTORS + (
    "  - id: deu\n    name: Germany\n    kind: state\n"
    "  - id: gbr\n    name: United Kingdom\n    kind: state\n"
)


def german(tmp_path: Path, actor: str, extra: dict[str, str] | None = None) -> Path:
    """A data directory whose stances/deu.yaml says ``actor: <actor>`` (and usa.yaml usa)."""
    files = {
        "deu": positions_file(actor, position("troops", "2025-02-18", "oppose")),
        "usa": positions_file("usa", position("troops", "2025-02-18", "support")),
    }
    files.update(extra or {})
    return data_dir(tmp_path / "d", files, **{"stances/actors.yaml": MORE_ACTORS})


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_the_file_name_beats_the_nearest_spelling(tmp_path):
    ds = load(german(tmp_path, "ger"))
    [p] = ds.problems
    assert (p.path, p.line, p.code) == ("stances/deu.yaml", 1, "ref-unresolved")
    assert "'deu'" in p.hint and "gbr" not in p.hint


def test_the_nearest_spelling_when_the_file_name_is_no_actor(tmp_path):
    root = german(tmp_path, "ger")
    (root / "stances" / "deu.yaml").rename(root / "stances" / "germany.yaml")
    [p] = load(root).problems
    assert "'gbr'" in p.hint


def test_a_file_named_for_another_actor_is_a_warning_that_leaves_nothing_out(tmp_path):
    ds = load(german(tmp_path, "gbr"))
    assert ds.problems == []
    [w] = ds.warnings
    assert (w.path, w.line, w.code, w.severity) == (
        "stances/deu.yaml",
        1,
        "file-name-actor",
        "warning",
    )
    assert [p.actor for p in ds.positions if p.path == "stances/deu.yaml"] == ["gbr"]


def test_two_files_claiming_one_actor_is_a_warning_on_the_second(tmp_path):
    more = positions_file("usa", position("nato", "2025-02-18", "oppose"))
    ds = load(german(tmp_path, "deu", {"usa-more": more}))
    assert ds.problems == []
    assert [(w.path, w.line, w.code) for w in ds.warnings] == [
        ("stances/usa.yaml", 1, "actor-claimed-twice")
    ]
    assert "stances/usa-more.yaml" in ds.warnings[0].message
    assert {p.issue for p in ds.positions if p.actor == "usa"} == {"troops", "nato"}


def test_text_output_prints_each_hint_indented_under_its_line(tmp_path):
    result = run("validate", str(german(tmp_path, "ger")))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "stances/deu.yaml:1:8: error: actor 'ger' does not name any actor in stances/actors.yaml",
        "  hint: did you mean 'deu', as the file's name says?",
        "1 error in 1 file",
    ]


def test_warnings_never_change_the_exit_code_in_any_format(tmp_path):
    root = str(german(tmp_path, "gbr"))
    text = run("validate", root)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith("stances/deu.yaml:1:8: warning: this file is named for actor 'deu'")
    assert lines[1].startswith("  hint: if these are Germany's positions, write actor: deu")
    assert lines[-1].startswith("OK:") and lines[-1].endswith("no errors, 1 warning")
    gh = run("validate", root, "--format", "github")
    assert gh.returncode == 0
    assert gh.stdout.startswith("::warning file=stances/deu.yaml,line=1,col=8,title=file-name-")
    js = run("validate", root, "--format", "json")
    assert js.returncode == 0
    assert [(i["code"], i["severity"]) for i in json.loads(js.stdout)] == [
        ("file-name-actor", "warning")
    ]


def test_an_actor_with_no_matched_file_points_to_the_likely_one(tmp_path):
    ds = load(german(tmp_path, "gbr"))
    assert likely_file(ds, "deu") == "stances/deu.yaml"
    assert likely_file(ds, "gbr") is None  # matched
    assert likely_file(ds, "fra") is None  # nothing looks meant for France
    ds = load(german(tmp_path / "b", "ger"))  # an unknown actor: the file's name decides
    assert [p.code for p in problems_about(ds, "deu")] == ["ref-unresolved"]
    root = german(tmp_path / "c", "deux")
    (root / "stances" / "deu.yaml").rename(root / "stances" / "allemagne.yaml")
    assert likely_file(load(root), "deu") == "stances/allemagne.yaml"  # nearest spelling


@pytest.mark.parametrize(
    ("actor", "says"),
    [("gbr", "it says actor: gbr (United Kingdom)"), ("ger", "line 1")],
)
def test_germanys_page_points_to_deu_yaml(monkeypatch, tmp_path, actor, says):
    at = open_app(monkeypatch, german(tmp_path, actor), "actor", {"actor": "Germany"})
    warning = " ".join(w.value for w in at.warning).replace("\\", "")  # markdown escapes
    assert "stances/deu.yaml" in warning and says in warning
    clear_caches()
