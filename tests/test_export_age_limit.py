"""Exports show what the page shows under the age limit: a matrix's old cell is faded with
its year in the image, empty in CSV and JSON as ``matrix --max-age`` leaves it (and said in
the ``old`` column), and the ``chart`` and ``deck`` commands take the limit too."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from standpoint import load
from standpoint.charts import Chart, alt_text, data, figures
from standpoint.exports import DeckError, read_deck, table_bytes
from standpoint.figures.frame import SUBTITLE, frame_lines
from standpoint.figures.matrix import CODE, OLD_PREFIX
from tests.datadir import data_dir, position

AS_OF = dt.date(2025, 3, 1)
LIMIT = 12  # months: 2023-05 is old as of 2025-03-01, 2025-02-10 is not


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return data_dir(
        tmp_path_factory.mktemp("old"),
        {
            "usa": "actor: usa\npositions:\n"
            + position("troops", "2023-05", "support")  # old under the limit
            + position("nato", "2025-02-10", "oppose"),
            "fra": "actor: fra\npositions:\n" + position("troops", "2025-01-20", "lean-support"),
        },
    )


@pytest.fixture(scope="module")
def ds(root):
    return load(root)


def _cells(fig) -> dict[tuple[str, str], int]:
    """The chart's cells: (actor, issue) -> the colour code the heatmap draws."""
    heat = fig.data[0]
    clicks = next(t for t in fig.data if t.customdata is not None)
    codes = [code for row in heat.z for code in row]
    return {tuple(c): code for c, code in zip(clicks.customdata, codes, strict=True)}


def command(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args], capture_output=True, text=True, check=check
    )


def _csv_rows(ds, chart) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(table_bytes(ds, chart, "csv").decode("utf-8"))))


@pytest.mark.parametrize("max_age", [None, LIMIT])
def test_matrix_csv_equals_the_charts_cells_with_and_without_the_limit(ds, max_age):
    chart = Chart("matrix", AS_OF, max_age=max_age)
    (fig,) = figures(ds, chart, "t")
    drawn = _cells(fig)
    rows = _csv_rows(ds, chart)
    assert [r["actor"] for r in rows] == list(dict.fromkeys(a for a, _ in drawn))
    for row in rows:
        for issue in ds.issues:
            code = drawn[(row["actor"], issue)]
            old = {v: k for k, v in CODE.items()}[code]
            if old.startswith(OLD_PREFIX):  # drawn faded: empty, and said in the old column
                assert row[issue] == ""
                level = old[len(OLD_PREFIX) :]
                assert f"{issue}={level} (" in row["old"]
            else:
                assert CODE[row[issue] or "none"] == code
    faded = [k for k, code in drawn.items() if code >= CODE[OLD_PREFIX + "support"]]
    if max_age is None:
        assert not faded and "old" not in rows[0]
        assert next(r for r in rows if r["actor"] == "usa")["troops"] == "support"
    else:
        assert faded == [("usa", "troops")]  # 2023-05, 21 months before: old
        usa = next(r for r in rows if r["actor"] == "usa")
        assert usa["troops"] == "" and usa["old"] == "troops=support (2023)"
        assert usa["nato"] == "oppose"
        assert "1 old cell" in " ".join(frame_lines(fig, SUBTITLE))
        assert "1 cell is old" in alt_text(ds, chart)


def test_the_csv_keeps_the_matrix_commands_values_under_the_limit(ds, root):
    out = command("matrix", str(root), "--as-of", AS_OF.isoformat(), "--max-age", str(LIMIT))
    cli = {r["actor"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    for row in _csv_rows(ds, Chart("matrix", AS_OF, max_age=LIMIT)):
        assert {i: row[i] for i in ds.issues} == {i: cli[row["actor"]][i] for i in ds.issues}
    body = json.loads(table_bytes(ds, Chart("matrix", AS_OF, max_age=LIMIT), "json"))
    assert body["max_age"] == LIMIT
    assert next(r for r in body["rows"] if r["actor"] == "usa")["troops"] == ""


def test_chart_and_deck_take_the_age_limit(ds, root, tmp_path):
    out = tmp_path / "m.csv"
    asked = ("--as-of", AS_OF.isoformat(), "--max-age", str(LIMIT), "-o", str(out))
    done = command("chart", "matrix", str(root), *asked)
    assert done.returncode == 0, done.stderr
    usa = next(r for r in csv.DictReader(io.StringIO(out.read_text())) if r["actor"] == "usa")
    assert usa["troops"] == "" and usa["old"] == "troops=support (2023)"
    bad = command("chart", "matrix", str(root), "--max-age", "0", "-o", str(out))
    assert bad.returncode == 2 and "--max-age" in bad.stderr
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"charts:\n  - chart: matrix\n    max_age: {LIMIT}\n", encoding="utf-8")
    ((chart, _fmt),) = read_deck(deck, AS_OF).charts
    assert chart.max_age == LIMIT
    deck.write_text("charts:\n  - chart: matrix\n    max_age: soon\n", encoding="utf-8")
    with pytest.raises(DeckError, match="max_age"):
        read_deck(deck, AS_OF)
    assert data(ds, Chart("matrix", AS_OF)).set_index("actor").at["usa", "troops"] == "support"


@pytest.mark.parametrize(("maxage", "old"), [("12", True), ("0", False)])
def test_the_matrix_pages_downloads_take_the_pages_age_limit(ds, root, monkeypatch, maxage, old):
    from tests.apptest import clear_caches, open_app

    at = open_app(monkeypatch, root, "matrix", {"asof": AS_OF.isoformat(), "maxage": maxage})
    alt = next(c.value for c in at.code if c.value.startswith("A matrix"))
    chart = Chart("matrix", AS_OF, actors=("usa", "fra"), max_age=int(maxage) or None)
    assert ("1 cell is old" in alt) is old
    assert alt.split(": ", 1)[1] == alt_text(ds, chart).split(": ", 1)[1]
    clear_caches()
