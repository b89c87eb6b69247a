"""Where a timeline starts when nobody chose a date: the same in the app, the CLI and a deck,
so that a few old positions do not squash the recent ones into slivers."""

from __future__ import annotations

import datetime as dt

import pytest

from standpoint.charts import Chart, check, figures
from standpoint.cli import main
from standpoint.exports import read_deck
from standpoint.loader import load
from standpoint.timeline import start_words, timeline_start
from tests.datadir import data_dir, position, positions_file

AS_OF = dt.date(2025, 4, 16)
OLD = ["2021-03-05", "2021-09-10"]  # more than two years back
RECENT = ["2025-01-20", "2025-02-12", "2025-03-03", "2025-04-01"]  # most, in the last year


@pytest.fixture
def ds(tmp_path):
    usa = [position("troops", d, "oppose" if i % 2 else "support") for i, d in enumerate(OLD)]
    usa += [position("nato", d, "support" if i % 2 else "oppose") for i, d in enumerate(RECENT)]
    fra = [position("troops", "2025-02-20", "support")]
    return load(
        data_dir(tmp_path, {"usa": positions_file("usa", *usa), "fra": positions_file("fra", *fra)})
    )


def first_date(fig) -> str:
    return str(fig.layout.xaxis.range[0])[:10]


def test_an_actor_timeline_starts_where_most_positions_are_and_says_so(ds):
    start = dt.date.fromisoformat(RECENT[0]).replace(day=1)
    assert timeline_start(ds, AS_OF, actor="usa") == start
    chart = check(ds, Chart("timeline", AS_OF, actors=("usa",)))
    assert chart.start == start
    assert start_words(start) in chart.notes
    (fig,) = figures(ds, chart)
    assert start.isoformat() >= first_date(fig) > (start - dt.timedelta(days=31)).isoformat()
    subtitle = " ".join(a.text for a in fig.layout.annotations)
    assert f"The chart starts on {start.isoformat()}" in subtitle


def test_an_issue_timeline_starts_where_most_of_its_positions_are(ds):
    # on "troops" the old positions are most of them: the whole period reads
    assert timeline_start(ds, AS_OF, issue="troops") is None
    (fig,) = figures(ds, Chart("timeline", AS_OF, issue="troops"))
    assert first_date(fig) < OLD[0]
    # on "nato" all are recent and within two years: from the first step
    assert timeline_start(ds, AS_OF, issue="nato") is None


def test_a_chosen_start_is_kept_and_one_on_or_after_the_as_of_date_is_not(ds):
    chosen = dt.date(2021, 1, 1)
    chart = check(ds, Chart("timeline", AS_OF, actors=("usa",), start=chosen))
    assert chart.start == chosen and not chart.notes
    (fig,) = figures(ds, chart)
    assert first_date(fig) <= chosen.isoformat()
    late = check(ds, Chart("timeline", AS_OF, actors=("usa",), start=AS_OF))
    assert late.start == timeline_start(ds, AS_OF, actor="usa")


def test_the_chart_command_and_a_deck_take_start(ds, tmp_path, monkeypatch):
    asked: list[Chart] = []

    def write_chart(ds, spec, path, dataset_name=""):
        asked.append(spec)
        raise SystemExit(0)

    monkeypatch.setattr("standpoint.exports.write_chart", write_chart)
    args = ["chart", "timeline", str(ds.root), "--as-of", AS_OF.isoformat(), "--actors", "usa"]
    with pytest.raises(SystemExit):
        main([*args, "--start", "2021-01-01", "-o", str(tmp_path / "usa.png")])
    assert asked[-1].start == dt.date(2021, 1, 1)
    with pytest.raises(SystemExit):
        main([*args, "-o", str(tmp_path / "usa.png")])
    assert asked[-1].start is None  # filled in by check(), as in the app
    with pytest.raises(SystemExit) as bad:
        main([*args, "--start", "2021-13-01", "-o", str(tmp_path / "usa.png")])
    assert bad.value.code == 2 and not asked[2:]

    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "charts:\n  - chart: timeline\n    actors: usa\n    start: 2021-01-01\n"
        "  - chart: timeline\n    actors: usa\n",
        encoding="utf-8",
    )
    (given, _), (auto, _) = read_deck(deck, AS_OF).charts
    assert given.start == dt.date(2021, 1, 1) and auto.start is None
