"""The time, agreement and map figures: what a reader sees in them, checked in their JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from standpoint.agreement import agreement
from standpoint.cells import distribution, issue_cells
from standpoint.figures.common import COLOURS, NO_POSITION_COLOUR
from standpoint.figures.compare import agreement_heatmap, cell_text
from standpoint.figures.frame import (
    CHAR_EM,
    FOOTER,
    SCREEN,
    SLIDE_4_3,
    SLIDE_16_9,
    SUBTITLE,
    TITLE,
    frame_lines,
    frame_text,
    legend_top_px,
    screen,
    size_named,
)
from standpoint.figures.frame import wrap as frame_wrap
from standpoint.figures.hover import unique_labels, wrap
from standpoint.figures.maps import topojson_ids, world_map
from standpoint.figures.timeline import (
    EVENT_NUMBER,
    actor_timeline,
    issue_timeline,
    key_text,
    number_boxes,
    ticks_above_px,
)
from standpoint.loader import load
from standpoint.timeline import actor_steps, issue_steps
from tests.datadir import data_dir, position
from tests.paths import UNGA
from tests.timeline_data import REPO, make

UNTIL = dt.date(2026, 1, 1)
AS_OF = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory):
    data = load(make(tmp_path_factory.mktemp("figures")))
    assert data.problems == []
    return data


def bars(fig: go.Figure) -> dict[str, go.Bar]:
    return {t.name: t for t in fig.data if isinstance(t, go.Bar)}


def annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_issue_timeline_lanes_colours_and_level_words(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL, dataset_name="test data")
    by_name = bars(fig)
    # the issue's own wording of the levels, with the symbol, in the legend
    assert set(by_name) == {
        "++  Will deploy",
        "+  Leans support / supports with conditions",
        "~  Ambiguous, undecided or non-committal",
        "−−  Rejects deployment",
    }
    oppose = by_name["−−  Rejects deployment"]
    assert oppose.marker.color == COLOURS["oppose"]
    assert list(oppose.y) == ["United States"]
    assert list(oppose.base) == ["2025-02-24T00:00:00"]
    assert set(oppose.text) == {"−−"}
    support = by_name["++  Will deploy"]
    assert list(support.y) == ["United States", "France", "Nowhere Land"]
    assert support.marker.color == COLOURS["support"]
    # a step's bar runs from its start to the next position: 2014-01-01 .. 2022-03-01
    days = (dt.date(2022, 3, 1) - dt.date(2014, 1, 1)).days
    assert support.x[0] == pytest.approx(days * 86_400_000)
    # an open step runs past the as-of date (6% of the span), so a level taken on that very
    # day still shows
    span = (UNTIL - dt.date(2014, 1, 1)).days
    open_days = (UNTIL - dt.date(2025, 2, 17)).days + round(span * 0.06)
    assert support.x[1] == pytest.approx(open_days * 86_400_000)
    assert fig.layout.xaxis.range[1] == (UNTIL + dt.timedelta(days=round(span * 0.06))).isoformat()
    assert list(fig.layout.yaxis.categoryarray) == [
        "United States",
        "France",
        "European Union",
        "Nowhere Land",
    ]


def test_issue_timeline_explains_itself(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL, dataset_name="test data")
    title = frame_text(fig)
    assert title.startswith("Troops to Ukraine: who held which level, and when")
    assert "Troops should be sent." in title
    assert "4 actors, until 2026-01-01" in title
    assert any("test data" in a and "as of 2026-01-01" in a for a in annotations(fig))
    # room for the four lanes; the levels and the key to the dated lines below them, in that
    # order, above the footer
    height, margin = fig.layout.height, fig.layout.margin
    assert height >= margin.t + 4 * SCREEN.row_px + margin.b
    levels, key = legend_top_px(fig, "legend"), legend_top_px(fig, "legend2")
    assert height - margin.b <= levels < key < height


def test_timeline_legends_one_entry_to_a_row_in_scale_order(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL)
    levels = [t.name for t in fig.data if t.legend == "legend"]
    assert levels == [
        "++  Will deploy",
        "+  Leans support / supports with conditions",
        "~  Ambiguous, undecided or non-committal",
        "−−  Rejects deployment",
    ]
    for legend in (fig.layout.legend, fig.layout.legend2):
        assert legend.orientation == "v"  # one entry a row
        assert (legend.xref, legend.x) == ("container", 0)  # from the figure's left edge
        assert legend.traceorder == "normal"
    assert fig.layout.legend2.title.text.startswith("<b>Dated lines")


def test_event_key_wraps_at_spaces_and_never_inside_a_date():
    label = (
        "1 · 2025-02-12 · Hegseth at NATO and the Ukraine Defense Contact Group in "
        "Brussels, then 2025-02-13 talks"
    )
    text = key_text(label)
    lines = text.split("<br>")
    assert len(lines) == 2 and all(len(line) <= 66 for line in lines)
    assert " ".join(lines) == label  # nothing cut, nothing split inside a word or date
    assert key_text("x " * 200).endswith("…")
    assert key_text("a <b>bold</b> event") == "a &lt;b&gt;bold&lt;/b&gt; event"


def test_long_titles_break_after_the_colon():
    title = "Troops to Ukraine: who held which level, and when"
    assert frame_wrap(title, 58, colon=True) == [title]
    long = "Ukraine's territorial integrity (UNGA votes): who held which level, and when"
    assert frame_wrap(long, 58, colon=True) == [
        "Ukraine's territorial integrity (UNGA votes):",
        "who held which level, and when",
    ]


def test_events_are_marked_numbered_and_escaped(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL)
    # a line may be drawn in parts (broken over a level symbol): one date each
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.line.dash == "dot"]
    assert list(dict.fromkeys(s.x0 for s in lines)) == ["2014-01-01", "2025-02-18"]
    # the as-of date is a solid line, explained in the legend
    solid = [s.x0 for s in fig.layout.shapes if s.type == "line" and s.line.dash is None]
    assert set(solid) == {"2026-01-01"}
    assert any(t.name and t.name.startswith("2026-01-01: the as-of date") for t in fig.data)
    names = [t.name for t in fig.data if t.legendgroup == "events"]
    assert names == [
        "1 · 2014 · An old event",
        "2 · 2025-02-18 · Talks in &lt;b&gt;Riyadh&lt;/b&gt;",
    ]
    assert {"1", "2"} <= set(annotations(fig))
    # an event before the start of the chart is left out
    later = issue_timeline(ds, steps, "troops", until=UNTIL, since=dt.date(2025, 1, 1))
    dotted = {s.x0 for s in later.layout.shapes if s.type == "line" and s.line.dash == "dot"}
    assert dotted == {"2025-02-18"}
    assert "2025-01-01 to 2026-01-01" in frame_text(later)


def test_hover_text_from_data_is_escaped(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL)
    support = bars(fig)["++  Will deploy"]
    france = support.hovertext[1]
    assert "&lt;b&gt;bold&lt;/b&gt; claim" in france
    assert "“We &lt;b&gt;will&lt;/b&gt; go”" in france
    assert "<b>bold</b>" not in fig.to_json()
    assert "<b>will</b>" not in fig.to_json()
    assert france.startswith("<b>France</b>")  # the figure's own markup stays
    assert "still held on 2026-01-01" in france
    usa = support.hovertext[0]
    assert "from 2014 until 2022-03-01" in usa


def test_level_words_of_an_issue_are_escaped_in_the_legend(ds):
    troops = dataclasses.replace(ds.issues["troops"], labels={"support": "<a href='x'>Go</a>"})
    hostile = dataclasses.replace(ds, issues={**ds.issues, "troops": troops})
    steps = issue_steps(hostile, "troops", until=UNTIL)
    fig = issue_timeline(hostile, steps, "troops", until=UNTIL)
    assert "++  &lt;a href='x'&gt;Go&lt;/a&gt;" in bars(fig)
    assert "<a href" not in fig.to_json()


def test_divided_step_is_drawn_in_its_own_colour(ds):
    steps = issue_steps(ds, "nato", until=UNTIL)
    fig = issue_timeline(ds, steps, "nato", until=UNTIL)
    divided = bars(fig)["±  Divided (statements on the same date disagree)"]
    assert divided.marker.color == COLOURS["divided"]
    assert list(divided.y) == ["United States"]
    assert "2 statements that day" in divided.hovertext[0]


def test_lanes_can_be_limited(ds):
    steps = issue_steps(ds, "troops", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops", until=UNTIL, lanes=["fra", "usa"])
    assert list(fig.layout.yaxis.categoryarray) == ["France", "United States"]
    assert {y for t in fig.data if isinstance(t, go.Bar) for y in t.y} == {
        "France",
        "United States",
    }
    assert "2 of 4 actors" in frame_text(fig)


def test_actor_timeline_has_a_lane_per_issue(ds):
    steps = actor_steps(ds, "usa", until=UNTIL)
    fig = actor_timeline(ds, steps, "usa", until=UNTIL)
    assert list(fig.layout.yaxis.categoryarray) == ["Troops to Ukraine", "Ukraine in NATO"]
    assert frame_text(fig).startswith("United States: levels on each issue over time")
    assert "2 of 3 issues with a position" in frame_text(fig)
    # the default wording of levels in the legend, since issues word them differently
    assert "−−  Opposes" in bars(fig)
    # hover uses each issue's own wording
    assert "Rejects deployment" in bars(fig)["−−  Opposes"].hovertext[0]
    assert bars(fig)["−−  Opposes"].hovertext[0].startswith("<b>United States</b> on")


def test_agreement_heatmap_cells_say_score_and_n(ds):
    result = agreement(ds, AS_OF, ["usa", "fra", "eu", "envoy"])
    fig = agreement_heatmap(ds, result, AS_OF)
    heat = fig.data[0]
    assert list(heat.x) == ["United States", "France", "European Union", "An Envoy"]
    assert heat.text[0][1] == "0.00<br>n=1"
    assert heat.text[1][2] == "0.50<br>n=1"
    assert heat.text[1][1] == "1.00<br>n=2"
    assert heat.text[0][3] == "no shared<br>issue"
    assert heat.z[0][3] is None or heat.z[0][3] != heat.z[0][3]  # NaN: no colour
    assert heat.zmin == 0 and heat.zmax == 1
    assert "agreement 0.50 over 1 shared issue" in heat.hovertext[1][2]
    assert "As of 2025-03-01" in frame_text(fig)
    assert list(heat.colorbar.ticktext) == ["0 opposite ends", "0.5", "1 same level"]
    assert cell_text(0.375, 2) == "0.38<br>n=2"
    # the subtitle in lines short enough for the narrowest chart column
    subtitle = frame_lines(fig, SUBTITLE)
    assert len(subtitle) >= 3
    assert all(len(line) <= SCREEN.chars(SCREEN.subtitle) for line in subtitle)


def test_world_map_colours_states_and_counts_those_it_cannot_show(ds):
    cells = issue_cells(ds, "troops", AS_OF)
    fig = world_map(ds, cells, "troops", AS_OF)
    choros = {t.name: t for t in fig.data if isinstance(t, go.Choropleth)}
    assert set(choros) == {"++  Will deploy: 1 state", "−−  Rejects deployment: 1 state"}
    support = choros["++  Will deploy: 1 state"]
    assert list(support.locations) == ["FRA"]
    assert support.locationmode == "ISO-3"
    assert support.colorscale[0][1] == COLOURS["support"]
    assert list(choros["−−  Rejects deployment: 1 state"].locations) == ["USA"]
    blank = [t for t in fig.data if isinstance(t, go.Scattergeo)]
    assert blank[-1].name == "(white)  No stated position or not in the data"
    assert blank[-1].marker.color == NO_POSITION_COLOUR
    title = frame_text(fig)
    assert "2 states with a position" in title
    # the EU (an organisation) and Nowhere Land (no ISO code) cannot be drawn
    assert "Not on the map: 2 actors with a position that are not states with an ISO" in title
    assert "European Union, Nowhere Land" in title
    assert "&lt;b&gt;bold&lt;/b&gt;" in support.hovertext[0]
    assert "<b>bold</b>" not in fig.to_json()


def test_world_map_leaves_out_states_the_outlines_lack(ds):
    cells = issue_cells(ds, "troops", AS_OF)
    fig = world_map(ds, cells, "troops", AS_OF, drawable={"USA"})
    located = [loc for t in fig.data if isinstance(t, go.Choropleth) for loc in t.locations]
    assert located == ["USA"]
    title = frame_text(fig)
    assert "Not on the map: 2 actors" in title
    assert "Not on the map: 1 state that is too small to draw at this scale (France)" in title
    # France keeps its legend entry, which says it is not drawn
    names = [t.name for t in fig.data if t.showlegend]
    assert "++  Will deploy: 1 state (1 not drawn)" in names


def test_issue_cells_and_distribution(ds):
    cells = issue_cells(ds, "nato", AS_OF)
    assert cells[["actor", "stance"]].values.tolist() == [
        ["usa", "divided"],
        ["fra", "support"],
        ["envoy", "oppose"],
    ]
    counts = dict(distribution(cells).values.tolist())
    assert counts == {
        "support": 1,
        "lean-support": 0,
        "ambiguous": 0,
        "lean-oppose": 0,
        "oppose": 1,
        "divided": 1,
    }


def test_hover_helpers():
    assert wrap("a <b> " + "word " * 30, width=20).count("<br>") >= 5
    assert "&lt;b&gt;" in wrap("a <b> c")
    assert wrap(None) == "" and wrap(float("nan")) == ""
    assert unique_labels(["a", "b", "c"], ["X", "X", "<Y>"]) == {
        "a": "X (a)",
        "b": "X (b)",
        "c": "&lt;Y&gt;",
    }


def test_shipped_topojson_has_the_countries_plotly_needs():
    ids = topojson_ids(REPO / "standpoint" / "assets" / "world_110m.json")
    assert {"USA", "RUS", "UKR", "FRA", "POL"} <= ids
    assert len(ids) > 150
    assert topojson_ids(REPO / "no-such-file.json") == set()


def test_unga_map_and_timeline():
    data = load(Path(UNGA))
    as_of = dt.date(2025, 12, 31)
    cells = issue_cells(data, "territorial-integrity", as_of)
    fig = world_map(data, cells, "territorial-integrity", as_of)
    oppose = next(t for t in fig.data if t.name and t.name.startswith("−−"))
    assert "USA" in oppose.locations and "RUS" in oppose.locations
    assert oppose.name == f"−−  Voted no: {len(oppose.locations)} states"
    steps = issue_steps(data, "territorial-integrity", until=as_of)
    timeline = issue_timeline(data, steps, "territorial-integrity", until=as_of)
    assert len(timeline.layout.yaxis.categoryarray) == steps["actor"].nunique()
    assert timeline.layout.xaxis.side == "top"  # tall charts carry dates at the top
    # the long title breaks after the colon (a chart 450 px wide shows it whole)
    title = frame_lines(timeline, TITLE)
    assert (
        " ".join(title)
        == "Ukraine's territorial integrity (UNGA votes): who held which level, and when"
    )
    assert len(title) > 1 and all(len(x) <= SCREEN.chars(SCREEN.title) for x in title)
    # event numbers sit above the two lines of dates of the top axis, never on them; close
    # ones ("3–4" and "5–6", ten months apart in twelve years) share no line on a narrow chart
    numbers = [(a.text, a.yshift) for a in timeline.layout.annotations if a.name == EVENT_NUMBER]
    lanes = steps["actor"].nunique()
    assert [n for n, _ in numbers] == ["1", "2", "3–4", "5–6"]
    assert min(y for _, y in numbers) == ticks_above_px(SCREEN, lanes) > 2 * SCREEN.font
    assert numbers[2][1] != numbers[3][1]
    json.loads(timeline.to_json())


CLOSE_EVENTS = ("2025-02-10", "2025-02-13", "2025-02-16", "2025-02-19", "2025-03-30")


def close_events(tmp_path: Path, dates: tuple[str, ...] = CLOSE_EVENTS):
    """Events on ``dates``; by default four events three days apart (not close enough to
    share a number, close enough to print over each other), then one far off."""
    positions = "actor: usa\npositions:\n" + "".join(
        f"  - {{issue: troops, date: {d}, stance: support,"
        " sources: [{source: s1, quote: we will never send troops}]}\n"
        for d in ("2025-01-01", "2025-04-01")
    )
    events = "events:\n" + "".join(f"  - {{date: {d}, label: Event on {d}}}\n" for d in dates)
    ds = load(data_dir(tmp_path, {"usa": positions}, **{"stances/events.yaml": events}))
    assert ds.problems == []
    return ds


@pytest.mark.parametrize("size", ["screen", "16:9", "4:3"])
def test_close_event_numbers_take_the_lowest_free_line(tmp_path, size):
    # each number goes to the lowest line where it keeps clear of the numbers on it, at the
    # plot's width in the laid-out figure (on the page: the narrowest it meets)
    ds = close_events(tmp_path)
    until = dt.date(2025, 4, 16)
    sized = size_named(size)
    steps = issue_steps(ds, "troops", until=until)
    fig = issue_timeline(ds, steps, "troops", until=until, size=sized)
    margin = fig.layout.margin
    width = (fig.layout.width or sized.layout_px) - margin.l - margin.r
    numbers = [a for a in fig.layout.annotations if a.name == EVENT_NUMBER]
    assert [a.text for a in numbers] == [str(n) for n in range(1, len(CLOSE_EVENTS) + 1)]
    step = sized.line(sized.font - 1)  # a line of the numbers' type
    lines = [(a.yshift - numbers[0].yshift) // step for a in numbers]
    boxes = number_boxes(fig, width)
    gap = 0.5 * (sized.font - 1)

    def clash(i: int, k: int) -> bool:
        (a, b, _), (c, d, _) = boxes[i], boxes[k]
        return a < d + gap and c < b + gap

    for i, line in enumerate(lines):
        for lower in range(line):  # raised: each lower line holds a number it would touch
            assert any(clash(i, k) for k in range(i) if lines[k] == lower)
        assert not any(clash(i, k) for k in range(i) if lines[k] == line)
    assert lines[-1] == 0  # the far one on the lowest line
    if size == "screen":  # 3 days are a few pixels there: the close ones go up
        assert max(lines) >= 1


def long_events(tmp_path, count: int):
    """A data directory with ``count`` events a month apart, each with a long label."""
    positions = "actor: usa\npositions:\n" + position("troops", "2024-01-01", "support")
    labels = [
        f"Event {k}: a meeting of foreign ministers on the future of the talks, in city {k}"
        for k in range(1, count + 1)
    ]
    events = "events:\n" + "".join(
        f"  - {{date: {2024 + (k - 1) // 12}-{(k - 1) % 12 + 1:02d}-15, label: '{label}'}}\n"
        for k, label in enumerate(labels, 1)
    )
    ds = load(data_dir(tmp_path, {"usa": positions}, **{"stances/events.yaml": events}))
    assert ds.problems == []
    return ds, labels


def event_entries(fig) -> list[str]:
    """The events' entries in the key, each as one line of plain text."""
    return [
        html.unescape(t.name.replace("<br>", " "))
        for t in fig.data
        if getattr(t, "legend", None) == "legend2" and t.legendgroup == "events"
    ]


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_event_key_on_a_slide_wraps_entries_whole_while_there_is_room(tmp_path, size):
    sized = size_named(size)
    ds, labels = long_events(tmp_path, 4)  # room for all: every label whole, over two lines
    until = dt.date(2024, 6, 1)
    fig = issue_timeline(
        ds, issue_steps(ds, "troops", until=until), "troops", until=until, size=sized
    )
    entries = event_entries(fig)
    assert len(entries) == len(labels)
    for entry, label in zip(entries, labels, strict=True):
        assert entry.endswith(f" · {label}"), entry
    names = [t.name for t in fig.data if getattr(t, "legendgroup", None) == "events"]
    assert all(name.count("<br>") >= 1 for name in names)  # longer than a line: wrapped
    # far more events than any layout holds whole (beside the lanes or below them): all
    # listed, the later ones cut, and the key still ends above the footer
    # (a 4:3 slide, taller, holds 20 whole)
    ds, labels = long_events(tmp_path / "many", {"16:9": 20, "4:3": 22}[size])
    until = dt.date(2026, 1, 1)
    fig = issue_timeline(
        ds, issue_steps(ds, "troops", until=until), "troops", until=until, size=sized
    )
    entries = event_entries(fig)
    assert len(entries) == len(labels)
    assert entries[-1].endswith("…")
    for k, (entry, label) in enumerate(zip(entries, labels, strict=True), 1):
        # the start of its own words: number, date, label (cut where the room ends)
        assert entry.startswith(f"{k} · ") and label.startswith(entry.split(" · ")[2].rstrip("…"))
    height, line = fig.layout.height, sized.line(sized.font)
    footer = frame_lines(fig, FOOTER)
    footer_top = height - sized.pad // 2 - len(footer) * sized.line(sized.footer)
    names = [t.name for t in fig.data if getattr(t, "legend", None) == "legend2"]
    key_bottom = (1 - fig.layout.legend2.y) * height + line + 4
    key_bottom += sum((name.count("<br>") + 1) * line + 6 for name in names)
    assert key_bottom <= footer_top
    assert fig.layout.legend2.maxheight >= height  # plotly draws it whole, never cut short


@pytest.mark.parametrize("size", [SCREEN, SLIDE_16_9, SLIDE_4_3], ids=lambda s: s.name)
@pytest.mark.parametrize("actors", [3, 8, 20, 60])
def test_agreement_cells_print_no_more_than_fits_them(unga, size, actors):
    """A cell's words stay inside the cell at the figure's type: the score and n, the score
    alone or nothing, as the cells' size allows, and the subtitle says what was left out."""
    ids = list(unga.actors)[:actors]
    fig = agreement_heatmap(unga, agreement(unga, AS_OF, ids), AS_OF, size=size)
    words = next(t for t in fig.data if t.name == "cell text")
    lay = fig.layout
    width = (size.width or size.room) - lay.margin.l - lay.margin.r
    cell_w, cell_h = width / actors, (lay.height - lay.margin.t - lay.margin.b) / actors
    font = words.textfont.size
    for text in words.text:
        lines = text.split("<br>") if text else []
        assert len(lines) * size.line(font) <= cell_h, (text, cell_h)
        assert all(len(x) * CHAR_EM * font <= cell_w for x in lines), (text, cell_w)
    printed = [t for t in words.text if t]
    said = frame_text(fig)
    if any("n=" in t for t in printed):
        assert "n = how many issues it rests on" in said
    elif printed:
        assert "how many issues each score rests on is in the" in said
    else:
        assert "each score by its colour" in said
    if actors == 3:  # a few actors: every cell says its score and n
        assert all("n=" in t or t == "no shared<br>issue" for t in words.text)


@pytest.mark.parametrize("size", [SCREEN, SLIDE_16_9, SLIDE_4_3], ids=lambda s: s.name)
@pytest.mark.parametrize("actors", [5, 60, 193])
def test_agreement_names_rows_and_columns_without_their_names_touching(unga, size, actors):
    """Every k-th actor is named along each side, k as small as keeps the names a line of
    type apart (slanted column names measured across their slant), and a few actors are
    all named."""
    import itertools
    import math

    ids = list(unga.actors)[:actors]
    fig = agreement_heatmap(unga, agreement(unga, AS_OF, ids), AS_OF, size=size)
    lay = fig.layout
    width = (size.width or size.room) - lay.margin.l - lay.margin.r
    cell_w, cell_h = width / actors, (lay.height - lay.margin.t - lay.margin.b) / actors
    names = list(fig.data[0].x)
    line = size.line(size.font)
    angle = math.radians(-lay.xaxis.tickangle)
    if angle == 0:  # level column names: each as wide as it prints, inside its column
        assert all(len(x) * CHAR_EM * size.font <= cell_w for x in lay.xaxis.ticktext)
        assert list(lay.xaxis.tickvals) == names
    checked = [(lay.yaxis, cell_h)] + ([(lay.xaxis, cell_w * math.sin(angle))] if angle else [])
    for axis, gap in checked:
        shown = list(axis.tickvals)
        assert shown and shown == list(axis.ticktext)
        at = [names.index(x) for x in shown]
        steps = {b - a for a, b in itertools.pairwise(at)}
        assert len(steps) <= 1  # evenly, from the first actor
        step = steps.pop() if steps else 1
        assert step * gap >= line, (step, gap, line)
        if step > 1:  # not more thinned than needed
            assert (step - 1) * gap < line
    if actors == 5:
        assert list(lay.xaxis.tickvals) == names


@pytest.mark.parametrize("room", [1200, 1800])
def test_agreement_of_a_few_actors_on_a_wide_page_is_as_wide_as_its_cells_need(unga, room):
    """On a wide page a few actors' cells stay compact (at most 12 times the type wide) and
    the chart is no wider than they need, its words wrapped for that width and its column
    names level; many actors still fill the page."""
    size = screen(room)
    ids = list(unga.actors)[:3]
    fig = agreement_heatmap(unga, agreement(unga, AS_OF, ids), AS_OF, size=size)
    lay = fig.layout
    assert lay.width is not None and lay.width < room
    cell_w = (lay.width - lay.margin.l - lay.margin.r) / len(ids)
    assert cell_w <= 12 * size.font
    assert lay.xaxis.tickangle == 0  # the names fit their columns: level
    for x in lay.xaxis.ticktext:
        assert len(x) * CHAR_EM * size.font <= cell_w
    for part, font in ((TITLE, size.title), (SUBTITLE, size.subtitle)):
        for text in frame_lines(fig, part):
            assert len(text) * CHAR_EM * font <= lay.width - 2 * size.pad, text
    many = list(unga.actors)[:60]
    wide = agreement_heatmap(unga, agreement(unga, AS_OF, many), AS_OF, size=size)
    assert wide.layout.width is None  # fills the page


@pytest.mark.parametrize("size", [SCREEN, SLIDE_16_9, SLIDE_4_3], ids=lambda s: s.name)
def test_agreement_row_names_keep_a_gap_before_the_cells(unga, size):
    """The widest actor's name ends a few pixels before the first column."""
    from standpoint.figures.frame import text_px

    ids = list(unga.actors)[:8]
    fig = agreement_heatmap(unga, agreement(unga, AS_OF, ids), AS_OF, size=size)
    lay = fig.layout
    assert lay.yaxis.ticklabelstandoff >= 4
    widest = text_px([html.unescape(t) for t in lay.yaxis.ticktext], size)
    assert lay.margin.l - size.pad >= widest + lay.yaxis.ticklabelstandoff


def test_distribution_level_labels_wrap_on_a_narrow_page(shipped):
    """On the narrowest page the level labels of an issue with long ones wrap on the lines a
    bar's row holds, leaving the bars more room; every line fits the left margin."""
    from standpoint.figures.distribution import distribution_figure
    from standpoint.figures.frame import LABELS_SAVE, text_px

    size = screen(540)
    as_of = dt.date(2025, 4, 16)
    longest = max(
        shipped.issues,
        key=lambda i: max(len(v) for v in (shipped.issues[i].labels or {"": ""}).values()),
    )
    cells = issue_cells(shipped, longest, as_of)
    fig = distribution_figure(shipped, distribution(cells), longest, as_of, size=size)
    lay = fig.layout
    assert lay.yaxis.ticktext, "the labels were not wrapped"
    labels = [html.unescape(t).split("<br>") for t in lay.yaxis.ticktext]
    whole = [" ".join(lines) for lines in labels]
    assert any(len(lines) > 1 for lines in labels)
    for lines in labels:
        assert text_px(lines, size) <= lay.margin.l
    row = (lay.height - lay.margin.t - lay.margin.b) / len(labels)
    assert max(map(len, labels)) * size.line(size.font) <= row
    assert lay.margin.l <= LABELS_SAVE * text_px(whole, size) + 1
