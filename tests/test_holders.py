"""Who holds a level: rows filtered and ordered by one issue's level, and the names at each
level of an issue, on a data set built here and on the UN votes (expected values read from the
YAML files directly, not through the loader)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from standpoint import load, queries
from standpoint.cells import issue_cells
from standpoint.holders import holders
from standpoint.ordering import (
    CELL_KEYS,
    NO_POSITION,
    by_level,
    by_name,
    holding,
    order_actors,
    view_notes,
)
from standpoint.scale import DIVIDED, STANCE_KEYS
from tests.datadir import data_dir, position, positions_file
from tests.paths import UNGA

DAY = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory):
    """usa opposes troops, its envoy supports them, France is divided, Quiet State silent;
    everyone but France is silent on NATO."""
    root = data_dir(
        tmp_path_factory.mktemp("holders"),
        {
            "usa": positions_file("usa", position("troops", "2025-02-18", "oppose")),
            "envoy": positions_file("envoy", position("troops", "2025-02-18", "support")),
            "fra": positions_file(
                "fra",
                position("troops", "2025-02-18", "support", speaker="Macron"),
                position("troops", "2025-02-18", "lean-oppose", speaker="Barrot"),
                position("nato", "2025-02-18", "ambiguous"),
            ),
            "quiet": positions_file("quiet"),
        },
    )
    data = load(root, today=dt.date(2026, 1, 1))
    assert data.problems == []
    return data


def test_rows_ordered_by_level_support_first_then_divided_then_none(ds):
    matrix = queries.matrix_as_of(ds, DAY)
    rows = ["usa", "envoy", "fra"]
    assert by_level(ds, matrix, rows, "troops") == ["envoy", "usa", "fra"]
    assert by_level(ds, matrix, ["usa", "fra"], "nato") == ["fra", "usa"]  # then no position
    assert order_actors(ds, matrix, rows, "level", issue="troops") == ["envoy", "usa", "fra"]
    # without an issue the level order falls back to names
    assert order_actors(ds, matrix, rows, "level") == by_name(ds, rows)


def test_a_person_stays_under_its_actor_when_both_hold_the_level(ds):
    matrix = queries.matrix_as_of(ds, DAY)
    # "An Envoy" sorts before "United States" by name, but speaks for it
    assert by_level(ds, matrix, ["envoy", "usa", "fra"], "nato") == ["fra", "usa", "envoy"]


def test_rows_holding_chosen_levels(ds):
    matrix = queries.matrix_as_of(ds, DAY)
    rows = ["usa", "envoy", "fra"]
    assert holding(matrix, rows, "troops", ["oppose"]) == ["usa"]
    assert holding(matrix, rows, "troops", ["support", DIVIDED]) == ["envoy", "fra"]
    assert holding(matrix, rows, "nato", [NO_POSITION]) == ["usa", "envoy"]
    assert holding(matrix, rows, "troops", []) == rows
    assert holding(matrix, rows, "troops", ["ambiguous"]) == []
    # before any position, every row has none
    before = queries.matrix_as_of(ds, dt.date(2025, 1, 1))
    assert holding(before, rows, "troops", [NO_POSITION]) == rows


def test_the_view_note_names_the_level_filter(ds):
    rows = ["usa", "envoy", "fra"]
    notes = view_notes(
        ds,
        rows=rows,
        shown=["usa"],
        issues=list(ds.issues),
        level_issue="troops",
        levels=[NO_POSITION, "oppose"],
    )
    assert notes[0] == "Filtered: holding Opposes or No stated position on Troops (1 of 3 actors)"


def test_names_at_each_level(ds):
    table = holders(ds, issue_cells(ds, "troops", DAY))
    assert list(table["stance"]) == [*STANCE_KEYS, DIVIDED]
    held = {k: names for k, names in zip(table["stance"], table["names"], strict=True) if names}
    assert held == {"support": ["An Envoy"], "oppose": ["United States"], DIVIDED: ["France"]}
    assert dict(zip(table["stance"], table["actors"], strict=True))["ambiguous"] == 0


def _votes(root: Path, issue: str, as_of: dt.date) -> dict[str, set[str]]:
    """Each state's latest vote on ``issue`` on or before ``as_of``, read from the YAML files
    themselves: stance -> actor names."""
    names = {
        a["id"]: a["name"]
        for a in yaml.safe_load((root / "stances" / "actors.yaml").read_text())["actors"]
    }
    latest: dict[str, tuple[str, str]] = {}
    for path in (root / "stances").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text())
        if not isinstance(doc, dict) or "positions" not in doc:
            continue
        for p in doc["positions"] or []:
            day = str(p["date"])
            if p["issue"] == issue and day <= as_of.isoformat():
                if doc["actor"] not in latest or day >= latest[doc["actor"]][0]:
                    latest[doc["actor"]] = (day, p["stance"])
    out: dict[str, set[str]] = defaultdict(set)
    for actor, (_, stance) in latest.items():
        out[stance].add(names[actor])
    return out


def test_who_voted_no_among_193_states(unga):
    issue, day = "territorial-integrity", dt.date(2025, 3, 1)
    votes = _votes(UNGA, issue, day)
    assert votes["oppose"], "the fixture should hold no votes"
    table = holders(unga, issue_cells(unga, issue, day))
    by_stance = dict(zip(table["stance"], table["names"], strict=True))
    for stance in STANCE_KEYS:
        assert set(by_stance[stance]) == votes.get(stance, set()), stance
    # the names are listed by name
    assert by_stance["oppose"] == sorted(by_stance["oppose"], key=str.casefold)
    matrix = queries.matrix_as_of(unga, day)
    rows = holding(matrix, list(matrix.index), issue, ["oppose"])
    assert {unga.actors[a].name for a in rows} == votes["oppose"]
    ordered = by_level(unga, matrix, list(matrix.index), issue)
    firsts = [matrix.at[a, issue] or NO_POSITION for a in ordered]
    assert firsts == sorted(firsts, key=CELL_KEYS.index)
