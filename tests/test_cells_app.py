"""The marks on the shipped matrix, through AppTest; expected values come from the data."""

from __future__ import annotations

import datetime as dt
import re

from standpoint.cells import cell
from standpoint.dates import age_words
from tests.paths import REPO
from tests.test_app import figure, run, texts  # noqa: F401 (run: the app fixture)

EARLY, LATE = dt.date(2025, 1, 31), dt.date(2025, 4, 16)


def by_pair(fig: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """(actor, issue) -> (the cell's symbols, its hover text), from the click layer."""
    click = fig["data"][1]
    pairs = zip(click["customdata"], click["text"], click["hovertext"], strict=True)
    return {tuple(p): (text, hover) for p, text, hover in pairs}


def old_cell_text(fig: dict, actor: str, issue: str) -> tuple[str, str]:
    """(symbols, year) drawn on an old cell: the old cells' heatmap's text of that cell."""
    click, old = fig["data"][1], next(t for t in fig["data"] if t.get("name") == "old cells")
    r, c = divmod(click["customdata"].index([actor, issue]), len(old["z"][0]))
    assert old["z"][r][c] == fig["data"][0]["z"][r][c]  # the cell's faded colour under it
    symbols, _, year = old["text"][r][c].partition("<br>")
    return re.sub(r"<[^>]+>", "", symbols), year


def test_nato_s_old_promise_is_shown_old_with_its_year(run, shipped):  # noqa: F811
    c = cell(shipped, "nato", "nato-membership", EARLY, max_age=12)
    assert c.old and c.date is not None  # the data: a promise years before (Bucharest)
    fig = figure(run(REPO, {"asof": EARLY.isoformat()}))
    symbols, year = old_cell_text(fig, "nato", "nato-membership")
    assert symbols == by_pair(fig)[("nato", "nato-membership")][0]
    assert year == str(c.date.start.year)
    _, hover = by_pair(fig)[("nato", "nato-membership")]
    assert c.date.shown in hover
    assert f"Old: {age_words(c.date, EARLY)} before the as-of date" in hover
    rows = {p.actor for p in shipped.positions}
    n_old = sum(cell(shipped, a, i, EARLY, max_age=12).old for a in rows for i in shipped.issues)
    words = " ".join(a["text"] for a in fig["layout"]["annotations"]).replace("<br>", " ")
    assert f"{n_old} old cell" in words  # the subtitle counts them


def test_officials_differ_and_dates_at_their_precision_as_of_april(run, shipped):  # noqa: F811
    fig = figure(run(REPO, {"asof": LATE.isoformat()}))
    drawn = by_pair(fig)
    differ = [k for k in drawn if cell(shipped, *k, LATE).officials_differ]
    assert differ, "the shipped data has a cell where two speakers of one actor differ"
    for key in differ:
        symbols, hover = drawn[key]
        assert symbols.endswith("≠") and "Officials differ" in hover
    for key, (_, hover) in drawn.items():
        c = cell(shipped, *key, LATE)
        for p in c.latest:
            if p.date.precision != "day":
                assert p.date.shown in hover and p.date.start.isoformat() not in hover, key


def test_france_s_card_dates_its_level_from_the_start_of_its_run(run, shipped):  # noqa: F811
    c = cell(shipped, "fra", "troops-to-ukraine", LATE)
    assert c.since is not None
    at = run(REPO, {"asof": LATE.isoformat(), "actors": ["France", "Poland"]}, page="compare")
    assert f"since {c.since.shown}".replace("-", "\u2011") in texts(at).replace("-", "\u2011")
