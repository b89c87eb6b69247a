"""The timeline's key to the dated lines and its level symbols, as a reader sees them: every
event's words as wide as the key's column, cut only after a whole word, and no dated line
drawn through a level symbol (a greyscale print tells the levels apart by them)."""

from __future__ import annotations

import datetime as dt
import html
import shutil

import plotly.graph_objects as go
import pytest

from standpoint.charts import Chart, figures
from standpoint.figures.frame import (
    CHAR_EM,
    FOOTER,
    LEGEND_ITEM_PX,
    SWATCH_PX,
    frame_lines,
    legend_top_px,
    screen,
    share_lines,
    size_named,
)
from standpoint.figures.timeline import issue_timeline
from standpoint.loader import load
from standpoint.timeline import issue_steps
from tests.datadir import data_dir, position
from tests.paths import REPO

UNTIL = dt.date(2025, 4, 16)


def events_yaml(labels: list[tuple[str, str]]) -> str:
    return "events:\n" + "".join(f"  - {{date: {d}, label: '{lab}'}}\n" for d, lab in labels)


def make(tmp_path, labels: list[tuple[str, str]]):
    usa = "actor: usa\npositions:\n" + position("troops", "2025-02-01", "support")
    usa += position("troops", "2025-03-03", "oppose")
    fra = "actor: fra\npositions:\n" + position("troops", "2025-01-10", "lean-support")
    extra = {"stances/events.yaml": events_yaml(labels)}
    ds = load(data_dir(tmp_path, {"usa": usa, "fra": fra}, **extra))
    assert ds.problems == []
    return ds


LONG = [
    (
        f"2025-0{1 + k % 3}-{10 + k:02d}",
        f"Meeting {k} of foreign ministers on the future of the talks and the ceasefire terms",
    )
    for k in range(12)
]


def key_entries(fig: go.Figure) -> list[list[str]]:
    """Each event's entry in the key as its printed lines (plain text)."""
    return [
        html.unescape(t.name).split("<br>")
        for t in fig.data
        if getattr(t, "legend", None) == "legend2" and t.legendgroup == "events"
    ]


def key_column_px(fig: go.Figure, sized) -> float:
    """The width of the key's column: below the lanes, across the slide, its entries' width;
    beside them, from its left edge to the slide's right margin."""
    if across(fig):
        return fig.layout.legend2.entrywidth
    return (1 - fig.layout.legend2.x) * sized.width - sized.pad


def across(fig: go.Figure) -> bool:
    """The key is below the lanes (in columns across the slide), not beside them."""
    return fig.layout.legend2.y < 0


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_event_key_lines_fill_the_keys_column_and_end_at_whole_words(tmp_path, size):
    sized = size_named(size)
    ds = make(tmp_path, LONG)
    fig = issue_timeline(
        ds, issue_steps(ds, "troops", until=UNTIL), "troops", until=UNTIL, size=sized
    )
    column = key_column_px(fig, sized)
    per_char = CHAR_EM * sized.font
    fulls = sorted(LONG)
    entries = key_entries(fig)
    assert len(entries) == len(fulls)
    filled = 0
    for k, (lines, (date, label)) in enumerate(zip(entries, fulls, strict=True), 1):
        full = f"{k} · {date} · {label}"
        for i, line in enumerate(lines):
            assert SWATCH_PX + len(line) * per_char <= column, line  # inside the column
            if i + 1 < len(lines):  # a line breaks only where the next word would not fit
                word = lines[i + 1].split(" ")[0]
                assert SWATCH_PX + (len(line) + 1 + len(word)) * per_char > column - per_char
                filled += 1
        shown = " ".join(lines)
        cut = shown.endswith("…")
        shown = shown.removesuffix("…")
        assert full.startswith(shown), (full, shown)
        # cut only after a whole word, and only when the label is not whole
        assert shown == full or (cut and full[len(shown)] == " "), (full, shown)
    if across(fig):  # below the lanes only to show every label whole
        assert all(not lines[-1].endswith("…") for lines in entries)
    else:
        assert filled >= 2  # the room the slide has gives some labels more than one line


def test_event_key_gives_whole_labels_when_the_room_holds_them(tmp_path):
    ds = make(tmp_path, LONG[:4])
    for size in ("16:9", "4:3"):
        fig = issue_timeline(
            ds, issue_steps(ds, "troops", until=UNTIL), "troops", until=UNTIL, size=size_named(size)
        )
        fulls = sorted(LONG[:4])
        for k, (lines, (date, label)) in enumerate(zip(key_entries(fig), fulls, strict=True), 1):
            assert " ".join(lines) == f"{k} · {date} · {label}"


def test_lines_cut_short_end_after_a_whole_word():
    assert share_lines(["aaaa bbbb cccc dddd"], 9, 0) == [["aaaa…"]]
    assert share_lines(["aaaa bbbb cccc dddd"], 9, 1) == [["aaaa bbbb", "cccc dddd"]]
    assert share_lines(["aa bb cccc dddd"], 9, 0) == [["aa bb…"]]


def _ms(text: object) -> float:
    return dt.datetime.fromisoformat(str(text)).timestamp() * 1000


def crossings(fig: go.Figure, plot_px: float, font_em: float = 0.6) -> list[tuple[str, str]]:
    """(lane, line's date) of each dated line drawn over a level symbol on a plot ``plot_px``
    wide: a symbol prints at the start of its bar (plotly pads it 3 px), as wide as its
    characters, where its bar is long enough to hold it."""
    lo, hi = (_ms(x) for x in fig.layout.xaxis.range)
    per_ms = plot_px / (hi - lo)
    lanes = list(fig.layout.yaxis.categoryarray)
    half = (1 - fig.layout.bargap) / 2
    found = []
    for bar in (t for t in fig.data if isinstance(t, go.Bar)):
        for lane, base, length, text in zip(bar.y, bar.base, bar.x, bar.text, strict=True):
            wide = len(text) * font_em * bar.textfont.size + 6
            if length * per_ms < wide:
                continue  # too short: plotly prints no symbol
            left = (_ms(base) - lo) * per_ms
            i = lanes.index(lane)
            for s in fig.layout.shapes:
                if s.type != "line" or s.xref != "x":
                    continue
                x = (_ms(s.x0) - lo) * per_ms
                if not left - 1 <= x <= left + wide + 1:
                    continue
                if s.yref == "paper":
                    top, bottom = -0.5, len(lanes) - 0.5  # across every lane
                else:
                    top, bottom = sorted((s.y0, s.y1))
                if top < i + half and bottom > i - half:
                    found.append((lane, str(s.x0)[:10]))
    return found


@pytest.mark.parametrize("size", ["16:9", "4:3", "screen"])
def test_no_dated_line_runs_through_a_level_symbol(tmp_path, size):
    sized = size_named(size)
    # events on the very days bars start (their symbols there), one where no bar starts
    labels = [("2025-02-01", "On the day"), ("2025-02-02", "A day later"), ("2025-02-20", "Later")]
    ds = make(tmp_path, labels)
    fig = issue_timeline(
        ds, issue_steps(ds, "troops", until=UNTIL), "troops", until=UNTIL, size=sized
    )
    lay = fig.layout
    plot_px = (lay.width or sized.room) - lay.margin.l - lay.margin.r
    assert crossings(fig, plot_px) == []
    # every event is still drawn down the lanes, whole where no symbol is in its way
    drawn = {str(s.x0)[:10] for s in lay.shapes if s.type == "line"}
    assert {d for d, _ in labels} | {UNTIL.isoformat()} <= drawn
    later = [s for s in lay.shapes if str(s.x0)[:10] == "2025-02-20"]
    assert [(s.yref, s.y0, s.y1) for s in later] == [("paper", 0, 1)]
    # the line on the day of a bar's start runs on in the gaps and across the other lanes
    on_day = [s for s in lay.shapes if str(s.x0)[:10] == "2025-02-01"]
    assert len(on_day) >= 2


def legend_bottom_px(fig: go.Figure, key: str, line: int) -> float:
    """Where a legend beside the plot ends, from the top of the figure (pixels)."""
    names = [t.name for t in fig.data if getattr(t, "legend", None) == key]
    top = (1 - fig.layout[key].y) * fig.layout.height
    return top + line + 4 + sum((n.count("<br>") + 1) * line + 6 for n in names)


@pytest.mark.parametrize("lanes", [2, 9])
def test_on_a_wide_page_lanes_grow_and_legends_leave_no_blank_band(tmp_path, lanes):
    """On a wide page the lanes are taller than on a narrow one, with bigger symbols, and the
    legends beside them end no more than a few lines below the lanes' dates, else they go
    below the lanes."""
    ds = make(tmp_path, LONG)
    steps = issue_steps(ds, "troops", until=UNTIL)
    order = list(dict.fromkeys(steps["actor"]))
    narrow = size_named("screen")
    heights = {}
    for room in (540, 1200, 1800):
        wide = screen(room)
        fig = issue_timeline(ds, steps, "troops", until=UNTIL, size=wide, lanes=order[:lanes])
        lay, n = fig.layout, max(len(order[:lanes]), 3)
        lane = (lay.height - lay.margin.t - lay.margin.b) / n
        symbol = next(t for t in fig.data if isinstance(t, go.Bar)).textfont.size
        heights[room] = (lane, symbol)
        line = wide.line(wide.font)
        if lay.legend2.xref == "paper" and lay.legend2.x > 1:  # beside the lanes
            dates_end = lay.height - lay.margin.b + 2 * line + 8  # the date axis under them
            for key in ("legend", "legend2"):
                assert legend_bottom_px(fig, key, line) <= dates_end + 3 * line + 1
        else:  # below the lanes
            assert lay.legend.y < 0 and lay.legend2.y < lay.legend.y
    assert heights[540][0] >= narrow.row_px - 1
    assert heights[1800][0] >= 1.5 * heights[540][0]  # lanes grow with the room
    assert heights[1800][1] > heights[540][1]  # and their symbols with them


def key_bottom_px(fig: go.Figure, key: str, line: int, pad: int) -> float:
    """Where a legend ends, from the top of the figure (pixels): its title's line, then its
    entries one to a row beside the lanes, or below them in rows of as many columns as the
    width from the slide's left margin to the lanes' right edge holds."""
    lay = fig.layout
    lines = [t.name.count("<br>") + 1 for t in fig.data if getattr(t, "legend", None) == key]
    per_row = 1
    if lay[key].y < 0 and lay[key].orientation == "h":
        row_px = lay.width - lay.margin.r - pad
        per_row = max(1, int(row_px // (lay[key].entrywidth + LEGEND_ITEM_PX)))
    rows = [lines[i : i + per_row] for i in range(0, len(lines), per_row)]
    return legend_top_px(fig, key) + line + 4 + sum(max(r) * line + 6 for r in rows)


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_slides_show_every_event_of_the_shipped_data_whole(size):
    """On a slide, each event's label in the key is whole (below the lanes, in columns, when
    beside them it would be cut), every line fits its column, the legends end above the
    footer and below the lanes' dates, and the lanes keep their least height."""
    sized = size_named(size)
    ds = load(".")
    steps = issue_steps(ds, "troops-to-ukraine", until=UNTIL)
    fig = issue_timeline(ds, steps, "troops-to-ukraine", until=UNTIL, size=sized)
    lay = fig.layout
    lo = dt.date.fromisoformat(str(lay.xaxis.range[0])[:10])
    shown = sorted(
        (e for e in ds.events if lo <= e.date.start <= UNTIL), key=lambda e: e.date.start
    )
    assert len(shown) >= 10
    entries = key_entries(fig)
    assert len(entries) == len(shown)
    column = key_column_px(fig, sized)
    per_char = CHAR_EM * sized.font
    for k, (lines, event) in enumerate(zip(entries, shown, strict=True), 1):
        number, date, label = " ".join(lines).split(" · ", 2)
        assert (number, date) == (str(k), event.date.shown)
        assert label == " ".join(event.label.split())  # whole: no word left out, no "…"
        for line in lines:
            assert SWATCH_PX + len(line) * per_char <= column + 0.5, line
    line = sized.line(sized.font)
    footer_top = (
        lay.height - sized.pad // 2 - len(frame_lines(fig, FOOTER)) * sized.line(sized.footer)
    )
    lanes_bottom = lay.height - lay.margin.b
    for key in ("legend", "legend2"):
        assert key_bottom_px(fig, key, line, sized.pad) <= footer_top
        if lay[key].y < 0:  # below the lanes: under their dates (two lines)
            assert legend_top_px(fig, key) >= lanes_bottom + 2 * line
    n_lanes = len(lay.yaxis.categoryarray)
    assert (lay.height - lay.margin.t - lay.margin.b) / n_lanes >= sized.row_px


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_more_events_than_any_layout_holds_whole_go_below_cut_and_clear_of_the_footer(
    tmp_path, size
):
    """With more events than the slide holds whole, or even at a line each beside the lanes,
    the key goes below the lanes in columns, a line each cut after a whole word, and every
    legend still ends above the footer while the lanes keep their least height."""
    many = [
        (f"2025-0{1 + k % 3}-{10 + k % 18:02d}", f"Event {k} " + "with a long label " * 4)
        for k in range(40)
    ]
    ds = make(tmp_path, many)
    sized = size_named(size)
    fig = issue_timeline(
        ds, issue_steps(ds, "troops", until=UNTIL), "troops", until=UNTIL, size=sized
    )
    entries = key_entries(fig)
    assert len(entries) == len(many)
    assert across(fig)
    assert all(len(lines) == 1 for lines in entries)
    assert any(lines[-1].endswith("…") for lines in entries)
    column = key_column_px(fig, sized)
    fulls = sorted(many, key=lambda e: e[0])  # by date; events of one day in file order
    for k, (lines, (date, label)) in enumerate(zip(entries, fulls, strict=True), 1):
        full = " ".join(f"{k} · {date} · {label}".split())
        shown = lines[0].removesuffix("…")
        assert full.startswith(shown) and full[len(shown)] == " ", (full, shown)
        assert SWATCH_PX + len(lines[0]) * CHAR_EM * sized.font <= column + 0.5, lines
    assert_clear_of_the_footer(fig, sized)


def assert_clear_of_the_footer(fig: go.Figure, sized) -> None:
    """Every legend of a slide ends above its footer, and its lanes keep their least height."""
    lay = fig.layout
    footer_top = (
        lay.height - sized.pad // 2 - len(frame_lines(fig, FOOTER)) * sized.line(sized.footer)
    )
    line = sized.line(sized.font)
    for key in ("legend", "legend2"):
        assert key_bottom_px(fig, key, line, sized.pad) <= footer_top, key
    n_lanes = max(len(lay.yaxis.categoryarray), 3)
    assert (lay.height - lay.margin.t - lay.margin.b) / n_lanes >= sized.row_px - 0.5


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_timeline_with_many_lanes_and_events_splits_into_parts_that_each_fit(tmp_path, size):
    """The shipped data with 30 more events: an issue's lanes are split into parts, and each
    part keeps its key and legends clear of the footer and its lanes their least height."""
    for part in ("stances", "seeds"):
        shutil.copytree(REPO / part, tmp_path / part)
    events = tmp_path / "stances" / "events.yaml"
    extra = "".join(
        f"  - date: 2025-{3 + k // 10:02d}-{1 + 2 * (k % 10):02d}\n"
        f"    label: Talks round {k} on the ceasefire terms and the prisoner exchange\n"
        for k in range(30)
    )
    events.write_text(events.read_text(encoding="utf-8") + extra, encoding="utf-8")
    ds = load(tmp_path)
    assert ds.problems == []
    issue = next(iter(ds.issues))
    chart = Chart("timeline", dt.date(2025, 12, 31), issue=issue, size=size)
    figs = figures(ds, chart)
    lanes = issue_steps(ds, issue, until=chart.as_of)["actor"].nunique()
    drawn = [len(f.layout.yaxis.categoryarray) for f in figs]
    assert sum(drawn) == lanes
    for fig in figs:
        assert len(key_entries(fig)) >= 30
        assert_clear_of_the_footer(fig, size_named(size))


@pytest.mark.parametrize("size", ["16:9", "4:3", 540, 660])
def test_long_lane_labels_wrap_so_the_lanes_keep_their_width(unga, size):
    """An actor's timeline of issues with long labels: on a slide and on a narrow page the
    labels wrap on lines that fit the left margin and their lane's height, taking no more
    than their share of the width, far less than unwrapped."""
    from standpoint.figures.frame import LABELS_SAVE, text_px
    from standpoint.figures.timeline import (
        LANE_LABEL_PAGE_SHARE,
        LANE_LABEL_SHARE,
        actor_timeline,
    )
    from standpoint.timeline import actor_steps

    sized = screen(size) if isinstance(size, int) else size_named(size)
    share = LANE_LABEL_SHARE * sized.width if sized.width else LANE_LABEL_PAGE_SHARE * sized.room
    pad = sized.pad if sized.width else 0
    until = dt.date(2025, 12, 31)
    actor = "usa"
    steps = actor_steps(unga, actor, until=until)
    fig = actor_timeline(unga, steps, actor, until=until, size=sized)
    lay = fig.layout
    labels = [html.unescape(t).split("<br>") for t in lay.yaxis.ticktext]
    assert any(len(lines) > 1 for lines in labels)  # the UN issues' labels are long
    for lines in labels:
        assert text_px(lines, sized) <= lay.margin.l - pad, lines
    lanes = len(lay.yaxis.categoryarray)
    pitch = (lay.height - lay.margin.t - lay.margin.b) / max(lanes, 3)
    line = sized.line(sized.font)
    assert max(len(lines) for lines in labels) * line <= pitch
    whole = text_px([" ".join(lines) for lines in labels], sized)
    # as narrow as their share of the width allows, and at most 0.8 of their whole width
    assert lay.margin.l - pad <= LABELS_SAVE * whole + 1
    if sized.width:  # a slide's lanes share its height: the labels keep to their share
        assert lay.margin.l - pad <= share + 8
