"""``python -m standpoint new``: a valid entry appended to the right file, everything else kept
byte for byte; an invalid one leaves the file untouched and says why."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from standpoint import load
from standpoint.scaffold import ScaffoldError, add, round_trip
from tests.paths import REPO, UNGA

FIXTURES = REPO / "tests" / "fixtures"
TODAY_SAFE = "2025-02-18"


def data_files(root: Path) -> list[Path]:
    files = sorted((root / "stances").rglob("*.yaml"))
    return files + [p for p in [root / "seeds" / "sources.yaml"] if p.exists()]


@pytest.mark.parametrize("root", [REPO, UNGA, FIXTURES / "valid"], ids=["shipped", "un", "valid"])
def test_the_round_trip_leaves_every_file_as_it_is(root):
    for path in data_files(root):
        text = path.read_text(encoding="utf-8")
        assert round_trip(text) == text, path


@pytest.fixture
def shipped(tmp_path):
    root = tmp_path / "data"
    for part in ("stances", "seeds"):
        shutil.copytree(REPO / part, root / part)
    return root


def only_added(before: str, after: str) -> list[str]:
    """The lines added; fails when any other line changed."""
    ops = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True), False)
    added = []
    for op, _i1, _i2, j1, j2 in ops.get_opcodes():
        assert op in ("equal", "insert"), (op, before, after)
        if op == "insert":
            added += after.splitlines()[j1:j2]
    return added


def a_quote(root: Path) -> tuple[str, str]:
    """A registry source with a local text, and a sentence of that text."""
    ds = load(root, cache=False)
    source = next(s for s in ds.sources.values() if s.file)
    text = ds.texts[source.id]
    words = next(line for line in text.splitlines() if len(line.split()) > 8).split()[:8]
    return source.id, " ".join(words)


def first_actor_and_issue(root: Path) -> tuple[str, str]:
    ds = load(root, cache=False)
    actor = next(iter(ds.file_actors.values()))
    return actor, next(iter(ds.issues))


CASES = {
    "actor": {"id": "new-state", "name": "New State", "kind": "state", "iso3": "NWS"},
    "issue": {"id": "new-issue", "label": "New", "proposition": "Something should be done."},
    "source": {"id": "new-source", "title": "A report", "published": "2025-02"},
    "event": {"date": TODAY_SAFE, "label": "Something happened"},
}


@pytest.mark.parametrize("kind", [*CASES, "position"])
def test_each_kind_is_appended_with_everything_else_kept(shipped, kind):
    if kind == "position":
        actor, issue = first_actor_and_issue(shipped)
        source, quote = a_quote(shipped)
        values = {"actor": actor, "issue": issue, "date": "2024", "stance": "ambiguous"}
        values |= {"speaker": "A Spokesperson", "source": source, "quote": quote}
    else:
        values = CASES[kind]
    before_ds = load(shipped, cache=False)
    files = {p: p.read_text(encoding="utf-8") for p in data_files(shipped)}
    rel, warnings = add(shipped, kind, values)
    assert warnings == []
    changed = [p for p, text in files.items() if p.read_text(encoding="utf-8") != text]
    assert changed == [shipped / rel]
    added = only_added(files[shipped / rel], (shipped / rel).read_text(encoding="utf-8"))
    assert added[0].lstrip().startswith("- ")
    after = load(shipped, cache=False)
    assert after.problems == []
    if kind == "position":
        assert len(after.positions) == len(before_ds.positions) + 1
        new = [p for p in after.positions if p.speaker == "A Spokesperson"]
        assert [(p.actor, p.issue, p.date.text, p.citations[0].quote) for p in new] == [
            (values["actor"], values["issue"], "2024", values["quote"])
        ]
    elif kind == "event":
        assert len(after.events) == len(before_ds.events) + 1
    else:
        assert values["id"] in getattr(after, kind + "s")


def test_a_position_for_an_actor_without_a_file_starts_one(shipped):
    add(shipped, "actor", {"id": "new-state", "name": "New State", "kind": "state"})
    source, quote = a_quote(shipped)
    _, issue = first_actor_and_issue(shipped)
    rel, _ = add(
        shipped,
        "position",
        {"actor": "new-state", "issue": issue, "date": TODAY_SAFE, "stance": "support"}
        | {"source": source, "quote": quote},
    )
    assert rel == "stances/new-state.yaml"
    text = (shipped / rel).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/positions.schema.json\n")
    assert [p.actor for p in load(shipped, cache=False).positions].count("new-state") == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"quote": "words that no seed text holds at all, not anywhere"}, "quote-not-found"),
        ({"issue": "no-such-issue"}, "ref-unresolved"),
        ({"stance": "supports"}, "stance-invalid"),
        ({"date": "2999-01-01"}, "date-future"),
    ],
)
def test_an_invalid_position_leaves_the_file_untouched(shipped, change, code):
    actor, issue = first_actor_and_issue(shipped)
    source, quote = a_quote(shipped)
    values = {"actor": actor, "issue": issue, "date": TODAY_SAFE, "stance": "oppose"}
    values |= {"source": source, "quote": quote} | change
    files = {p: p.read_bytes() for p in data_files(shipped)}
    with pytest.raises(ScaffoldError) as caught:
        add(shipped, "position", values)
    assert [p.code for p in caught.value.problems] == [code]
    assert {p: p.read_bytes() for p in data_files(shipped)} == files


def test_a_duplicate_id_is_refused(shipped):
    actor = next(iter(load(shipped, cache=False).actors))
    before = (shipped / "stances" / "actors.yaml").read_bytes()
    with pytest.raises(ScaffoldError):
        add(shipped, "actor", {"id": actor, "name": "Again", "kind": "state"})
    assert (shipped / "stances" / "actors.yaml").read_bytes() == before


def test_a_position_on_a_copy_of_the_un_data(tmp_path):
    root = tmp_path / "un"
    shutil.copytree(UNGA, root)
    ds = load(root, cache=False)
    actor = next(a for a in ds.actors if a in ds.file_actors.values())
    issue = next(iter(ds.issues))
    cite = {"outlet": "UN press", "published": "2025-02-24", "quote": "voted in favour"}
    add(
        root,
        "position",
        {"actor": actor, "issue": issue, "date": "2025-02-25", "stance": "support"} | cite,
    )
    assert load(root, cache=False).problems == []
    assert any(p.date.text == "2025-02-25" and p.actor == actor for p in load(root).positions)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )


def test_the_command_adds_and_tells_what_is_missing(shipped):
    done = run("new", "issue", str(shipped), "--id", "cli-issue", "--label", "L")
    assert done.returncode == 1
    assert "missing: --proposition" in done.stderr
    done = run(
        "new", "issue", str(shipped), "--id", "cli-issue", "--label", "L", "--proposition", "P."
    )
    assert done.returncode == 0, done.stderr
    assert "cli-issue" in load(shipped, cache=False).issues
    wrong = run("new", "issue", str(shipped), "--stance", "support")
    assert wrong.returncode == 2 and "has no --stance" in wrong.stderr
