"""The matrix figure and the row orders, built without Streamlit from a small fixture."""

from __future__ import annotations

import datetime as dt
import html
import json
import textwrap

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from standpoint import load, queries
from standpoint.cells import cell, grid
from standpoint.figures.frame import SIZES, frame_for, frame_text
from standpoint.figures.matrix import (
    CODE,
    DARK_TEXT,
    EVIDENCE_MARK,
    SELECTED,
    STATES,
    _hover_line,
    _luminance,
    cell_text,
    column_labels,
    matrix_figure,
    matrix_spec,
    short_words,
    state_colour,
    text_colour,
)
from standpoint.ordering import (
    agreement,
    by_agreement,
    by_cluster,
    by_group,
    by_name,
    distances,
    group_bands,
    order_actors,
    select_rows,
)
from tests.paths import APP, UNGA

LATE = dt.date(2025, 4, 16)
EARLY = dt.date(2025, 2, 17)


@pytest.fixture(scope="module")
def ds():
    data = load(APP, today=dt.date(2026, 1, 1))
    assert data.problems == []
    return data


def rows_of(ds):
    return list(queries.matrix_as_of(ds, LATE).index)


def spec(fig):
    return json.loads(fig.to_json())


def cell_of(fig, actor, issue):
    """(z code, text, hover) of one cell, found through the click layer's customdata."""
    data = spec(fig)["data"]
    heat, click = data[0], data[1]
    ncols = len(heat["z"][0])
    i = click["customdata"].index([actor, issue])
    r, c = divmod(i, ncols)
    assert heat["text"][r][c] in ("", click["text"][i])  # drawn by the heatmap unless old
    return heat["z"][r][c], click["text"][i], click["hovertext"][i]


# -- cells ------------------------------------------------------------------------------------
def test_cells_follow_the_as_of_date(ds):
    issues = list(ds.issues)
    late = grid(ds, LATE, ["pol"], issues)[0]
    early = grid(ds, EARLY, ["pol"], issues)[0]
    assert (late[0].value, late[0].evidence) == ("oppose", "reported")
    assert (early[0].value, early[0].evidence) == ("lean-oppose", "stated")
    assert (late[1].value, late[1].evidence) == ("support", "inferred")
    assert (late[2].value, late[2].evidence, late[2].latest) == (None, None, ())


def test_cell_text_marks_evidence_after_the_symbol():
    assert cell_text("support", "stated") == "++"
    assert cell_text("oppose", "reported") == "−−" + EVIDENCE_MARK["reported"]
    assert cell_text("lean-support", "inferred") == "+?"
    assert cell_text("divided", "stated") == "±"
    assert cell_text(None, None) == ""


def test_divided_cell_when_speakers_disagree_on_the_latest_date(ds):
    cell = grid(ds, LATE, ["usa"], ["nato-membership"])[0][0]
    assert cell.value == "divided"
    assert len(cell.latest) == 2


# -- figure -----------------------------------------------------------------------------------
def test_figure_holds_each_cell_with_colour_code_and_symbol(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues), dataset_name="app")
    assert cell_of(fig, "pol", "troops-to-ukraine")[:2] == (CODE["oppose"], "−−ʳ")
    assert cell_of(fig, "fra", "troops-to-ukraine")[:2] == (CODE["support"], "++")
    assert cell_of(fig, "usa", "nato-membership")[:2] == (CODE["divided"], "±")
    assert cell_of(fig, "witkoff", "sanctions-relief")[:2] == (CODE["lean-support"], "+ʳ")
    assert cell_of(fig, "rus", "sanctions-relief")[:2] == (CODE["none"], "")
    heat = spec(fig)["data"][0]
    assert len(heat["z"]) == 5 and len(heat["z"][0]) == 3


def test_old_cells_show_their_symbols_over_their_year(ds):
    # an age limit of one month makes cells old: each shows its own symbols and the year of
    # its latest date, on its faded colour; the other cells show neither
    actors, issues = rows_of(ds), list(ds.issues)
    cells = grid(ds, LATE, actors, issues, max_age=1)
    assert any(c.old for row in cells for c in row) and not all(c.old for row in cells for c in row)
    fig = matrix_figure(ds, LATE, actors, issues, max_age=1)
    data = spec(fig)["data"]
    (old,) = [t for t in data if t.get("name") == "old cells"]
    assert not [t for t in data if t.get("mode") == "text"]  # no text trace of its own
    for r, row in enumerate(cells):
        for c, one in enumerate(row):
            _, symbols, _ = cell_of(fig, one.actor, one.issue)
            if one.old:
                top, _, year = old["text"][r][c].partition("<br>")
                assert top.endswith(f">{symbols}</span>") and year == str(one.date.start.year)
                assert old["z"][r][c] == data[0]["z"][r][c] == CODE["old:" + one.value]
            else:
                assert old["text"][r][c] == "" and old["z"][r][c] is None
    # its colour is the cells heatmap's (drawn under it, faded): the old cells' layer adds
    # text only, an image of a transparent pixel a cell, not a second canvas the plot's size
    assert {colour for _, colour in old["colorscale"]} == {"rgba(0,0,0,0)"}
    assert old.get("zsmooth") == "fast" and not old.get("xgap") and not old.get("ygap")


def test_earlier_date_changes_the_cells(ds):
    fig = matrix_figure(ds, EARLY, rows_of(ds), list(ds.issues))
    assert cell_of(fig, "pol", "troops-to-ukraine")[:2] == (CODE["lean-oppose"], "−")
    assert cell_of(fig, "rus", "troops-to-ukraine")[:2] == (CODE["none"], "")


def test_colours_of_codes_are_distinct_and_no_position_is_white(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues))
    scale = spec(fig)["data"][0]["colorscale"]
    colours = [c for _, c in scale[::2]]
    assert len(set(colours)) == len(colours) == len(CODE)
    assert colours[CODE["none"]] == "#ffffff"


def test_hover_gives_issue_wording_date_speaker_and_outlet(ds):
    fig = matrix_figure(ds, EARLY, rows_of(ds), list(ds.issues))
    hover = cell_of(fig, "pol", "troops-to-ukraine")[2]
    assert "Poland" in hover and "European troops in Ukraine" in hover
    assert "Won't send own troops" in hover  # the issue's own label of lean-oppose
    assert "2025-02-17" in hover
    assert "Donald Tusk, Prime Minister" in hover
    assert "Test Wire" in hover


def test_hover_leaves_summary_conditions_and_quotes_to_the_evidence_panel(ds):
    """Hover text goes to the browser for every cell: it carries the level, date, speaker and
    source, and leaves the longer words to the panel a click opens."""
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues))
    click = spec(fig)["data"][1]
    hovers = dict(zip(map(tuple, click["customdata"]), click["hovertext"], strict=True))
    shown = 0
    for (actor, issue), hover in hovers.items():
        c = cell(ds, actor, issue, LATE)
        for p in c.latest:
            shown += 1
            assert p.date.shown in hover
            for words in [p.summary, p.conditions, *(x.quote for x in p.citations)]:
                if words:
                    assert words[:30] not in hover, (actor, issue, words)
    assert shown, "the fixture has cells with positions"
    assert "summary" in click["hovertemplate"] and "quotes" in click["hovertemplate"]


def test_hover_escapes_data_text(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues))
    hover = cell_of(fig, "fra", "troops-to-ukraine")[2]
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in hover  # the speaker
    assert "<script>" not in hover


def test_legend_names_every_level_and_the_evidence_marks(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues))
    names = [t["name"] for t in spec(fig)["data"] if t.get("showlegend")]
    for words in (
        "Supports",
        "Leans support",
        "Ambiguous",
        "Leans against",
        "Opposes",
        "Divided",
        "No stated position",
        "reported by others",
        "inferred by an analyst",
    ):
        assert any(words in n for n in names), words
    assert any(n.startswith("++") for n in names) and any(n.startswith("±") for n in names)


def test_short_words_keep_the_first_clause():
    assert short_words("+  Leans support / supports with conditions") == "+  Leans support"
    assert short_words("~  Ambiguous, undecided or non-committal") == "~  Ambiguous"


def test_title_subtitle_and_source_line(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues), dataset_name="app-fixture")
    layout = spec(fig)["layout"]
    assert "As of 2025-04-16" in frame_text(fig)
    notes = " ".join(a["text"] for a in layout["annotations"])
    assert "app-fixture" in notes and "2025-04-16" in notes


def test_reported_cells_get_a_dotted_frame_and_inferred_a_dashed_one(ds):
    fig = matrix_figure(ds, LATE, rows_of(ds), list(ds.issues))
    rows = rows_of(ds)

    def centres(dash):
        """The centre of each closed square of the frame traces drawn with ``dash``."""
        found = set()
        for t in spec(fig)["data"]:
            if t.get("mode") != "lines" or t["line"].get("dash") != dash or "x" not in t:
                continue
            if t.get("showlegend"):
                continue  # the legend's entry
            points = list(zip(t["x"], t["y"], strict=True))
            while points:
                square, points = points[:5], points[6:]
                assert square[0] == square[4]  # closed
                xs, ys = [x for x, _ in square[:4]], [y for _, y in square[:4]]
                found.add((round(sum(xs) / 4, 6), round(sum(ys) / 4, 6)))
        return found

    # pol troops (reported), witkoff sanctions (reported); pol nato (inferred)
    assert centres("dot") == {(0, rows.index("pol")), (2, rows.index("witkoff"))}
    assert centres("dash") == {(1, rows.index("pol"))}
    legend = {
        t["meta"]: t["line"]["dash"]
        for t in spec(fig)["data"]
        if t.get("mode") == "lines" and t.get("showlegend")
    }
    assert legend == {"reported": "dot", "inferred": "dash"}
    click = spec(fig)["data"][1]
    assert click["name"] == "click a cell"  # the frames are drawn over, not instead of it


def test_selected_cell_is_framed(ds):
    rows = rows_of(ds)
    issues = list(ds.issues)
    fig = matrix_figure(ds, LATE, rows, issues, selected=("rus", "troops-to-ukraine"))
    click = spec(fig)["data"][1]
    (index,) = click["selectedpoints"]
    assert click["customdata"][index] == ["rus", "troops-to-ukraine"]
    assert (click["x"][index], click["y"][index]) == (
        issues.index("troops-to-ukraine"),
        rows.index("rus"),
    )
    # the click layer is never seen; the selected cell alone is framed, by a dark open
    # square over it, drawn last
    assert click["marker"]["opacity"] == 0 and click["selected"]["marker"]["opacity"] == 0
    frame = spec(fig)["data"][-1]
    assert frame["name"] == SELECTED and frame["marker"]["symbol"] == "square-open"
    assert (frame["x"], frame["y"]) == ([click["x"][index]], [click["y"][index]])
    assert frame["marker"]["size"] == click["marker"]["size"]  # a cell less its gap
    assert frame["unselected"]["marker"]["opacity"] == 1  # a click elsewhere keeps it
    assert frame["hoverinfo"] == "skip"  # the click layer's hover box, not its own
    plain = spec(matrix_figure(ds, LATE, rows, issues))["data"]
    assert "selectedpoints" not in plain[1]
    assert SELECTED not in [t.get("name") for t in plain]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"selected": ("pol", "troops-to-ukraine"), "max_age": 1},
        {"size": SIZES["16:9"], "selected": ("rus", "nato-membership"), "max_age": 6},
        {"bands": "group", "notes": ["Only states"]},
    ],
)
def test_the_json_the_app_sends_is_the_figure_plotly_checks(ds, unga, options):
    """matrix_spec puts the arrays of a value per cell into plotly's JSON itself: the figure
    made from it is valid to plotly, which changes nothing in it, for a tall matrix too (the
    UN's 192 rows: its columns' labels again under the last row) and for a part of one."""
    for data, rows in ((ds, rows_of(ds)), (unga, list(queries.matrix_as_of(unga, LATE).index))):
        opts = dict(options)
        if opts.get("bands") == "group":
            rows = by_group(data, rows)
            opts["bands"] = group_bands(data, rows)
        issues = list(data.issues)
        made = matrix_spec(data, LATE, rows, issues, **opts)
        assert matrix_figure(data, LATE, rows, issues, **opts).to_dict() == made
        part = matrix_spec(data, LATE, rows[:5], issues, layout_rows=rows, **opts)
        assert go.Figure(part).to_dict() == part


@given(
    st.text(alphabet="ab <&>é\u00a0\n", max_size=60),
    st.text(alphabet="ab <&>·\t", max_size=60),
    st.sampled_from(["b", "i"]),
    st.integers(-3, 3),
)
def test_a_hover_line_too_short_to_break_reads_as_textwrap_makes_it(bold, rest, tag, over):
    """The hover line skips textwrap for a text that needs no break: the same lines, for
    widths round the text's length (``over``: the text's length less the width)."""
    b, r = " ".join(bold.split()), " ".join(rest.split())
    text = f"{b} {r}".strip()
    width = max(1, len(text) - over)
    out, at = [], 0
    for line in textwrap.wrap(text, width, break_on_hyphens=False):
        start = text.index(line, at)
        cut = min(max(len(b) - start, 0), len(line))
        head = f"<{tag}>{html.escape(line[:cut], quote=False)}</{tag}>" if cut else ""
        out.append(head + html.escape(line[cut:], quote=False))
        at = start + len(line)
    assert _hover_line(bold, rest, tag, width) == "<br>".join(out)


def test_the_click_layer_draws_one_marker_whatever_the_cells(ds):
    """Plotly finds the cell under the pointer from the points' places; drawn markers,
    invisible as they are, only cost drawing time (the browser tests click and hover)."""
    rows = rows_of(ds)
    click = spec(matrix_figure(ds, LATE, rows, list(ds.issues)))["data"][1]
    assert len(click["x"]) == len(rows) * len(ds.issues) > 1
    assert click["marker"]["maxdisplayed"] == 1


def test_an_image_keeps_gaps_drawn_into_its_cells(ds):
    """On screen the cells are a gapless heatmap under one path of grid lines (drawn fast in
    the browser: tests/browser/test_matrix_drawing.py); an exported image keeps gaps drawn
    into the heatmap, since a PDF or SVG viewer may smooth a one-pixel-a-cell image."""
    rows = rows_of(ds)
    issues = list(ds.issues)
    screen = spec(matrix_figure(ds, LATE, rows, issues))
    assert (screen["data"][0]["xgap"], screen["data"][0]["ygap"]) == (0, 0)
    (grid,) = [s for s in screen["layout"]["shapes"] if s.get("name") == "cell gaps"]
    assert grid["path"].count("M") == len(rows) + 1 + len(issues) + 1
    slide = spec(matrix_figure(ds, LATE, rows, issues, size=SIZES["16:9"]))
    assert slide["data"][0]["xgap"] > 0 and slide["data"][0]["ygap"] > 0
    assert not [s for s in slide["layout"].get("shapes", []) if s.get("name") == "cell gaps"]


def test_symbols_are_text_in_an_image_and_one_image_on_screen(ds):
    """An exported image draws every cell's symbols as text (selectable in SVG and PDF); the
    page draws them from one SVG image over the cells (what it shows is checked in Chromium:
    tests/browser/test_matrix_drawing.py)."""
    rows = rows_of(ds)
    issues = list(ds.issues)
    screen = spec(matrix_figure(ds, LATE, rows, issues))
    assert all("texttemplate" not in t for t in screen["data"] if t["type"] == "heatmap")
    (image,) = screen["layout"]["images"]
    assert image["source"].startswith("data:image/svg+xml;base64,")
    slide = spec(matrix_figure(ds, LATE, rows, issues, size=SIZES["16:9"]))
    assert slide["data"][0]["texttemplate"] == "%{text}"
    assert not slide["layout"].get("images")


def test_symbols_take_the_text_colour_that_contrasts_more():
    def ratio(a, b):
        hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for key in STATES:
        fill = state_colour(key)
        chosen = text_colour(fill)
        other = DARK_TEXT if chosen == "#ffffff" else "#ffffff"
        assert ratio(chosen, fill) >= ratio(other, fill), key


def test_filtered_issues_are_the_columns(ds):
    fig = matrix_figure(ds, LATE, ["pol", "usa"], ["nato-membership"])
    layout = spec(fig)["layout"]
    assert layout["xaxis"]["ticktext"] == ["Ukraine in NATO"]
    assert layout["yaxis"]["ticktext"] == ["Poland", "United States"]
    assert spec(fig)["data"][0]["z"] == [[CODE["support"]], [CODE["divided"]]]


def test_person_under_its_parent_is_marked(ds):
    fig = matrix_figure(ds, LATE, ["usa", "witkoff", "pol"], list(ds.issues))
    assert spec(fig)["layout"]["yaxis"]["ticktext"] == [
        "United States",
        "↳ Steve Witkoff",
        "Poland",
    ]
    fig = matrix_figure(ds, LATE, ["pol", "witkoff"], list(ds.issues))
    assert spec(fig)["layout"]["yaxis"]["ticktext"] == ["Poland", "Steve Witkoff"]


def test_column_labels_wrap_for_few_columns_and_slant_for_many():
    text, angle, _ = column_labels(["Human rights in occupied territories of Ukraine"])
    assert angle == 0 and "<br>" in text[0]
    text, angle, _ = column_labels(
        [f"Issue number {i} with a long label indeed ok" for i in range(8)]
    )
    assert angle != 0 and all("<br>" not in t for t in text)
    assert all(len(t) <= 40 for t in text)


def test_193_rows_stay_readable(unga):
    big = unga
    as_of = queries.latest_date(big)
    rows = list(queries.matrix_as_of(big, as_of).index)
    fig = matrix_figure(big, as_of, rows, list(big.issues))
    small = matrix_figure(big, as_of, rows[:10], list(big.issues))
    layout = spec(fig)["layout"]
    assert len(rows) > 150
    assert len(layout["yaxis"]["ticktext"]) == len(rows)
    per_row = (layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]) / len(rows)
    assert per_row >= 20  # rows never shrink below a readable label height
    assert layout["height"] > spec(small)["layout"]["height"] + 140 * 20


# -- orders -----------------------------------------------------------------------------------
def test_by_name_puts_people_under_their_parent(ds):
    assert by_name(ds, ["witkoff", "usa", "rus", "pol", "fra"]) == [
        "fra",
        "pol",
        "rus",
        "usa",
        "witkoff",
    ]
    assert by_name(ds, ["witkoff", "pol"]) == ["pol", "witkoff"]
    assert by_name(ds, ["witkoff", "usa", "fra"])[-2:] == ["usa", "witkoff"]


def test_by_group_follows_the_group_order_and_gives_bands(ds):
    ordered = by_group(ds, ["rus", "eu-bloc", "witkoff", "usa", "pol", "fra"])
    assert ordered == ["fra", "pol", "usa", "witkoff", "eu-bloc", "rus"]
    assert group_bands(ds, ordered) == [("NATO members", 0, 3), ("No group", 4, 5)]


def test_a_band_says_when_members_of_its_group_are_listed_above(unga):
    rows = list(queries.matrix_as_of(unga, dt.date(2025, 12, 31)).index)
    bands = group_bands(unga, by_group(unga, rows))
    names = [name for name, _, _ in bands]
    assert names[0].startswith("European Union member states")
    assert names[1].startswith("NATO members") and names[1].endswith(", others above")
    assert bands[1][2] - bands[1][1] + 1 < 32  # only the members that are not in the EU


def test_agreement_scores(ds):
    m = queries.matrix_as_of(ds, EARLY)
    scores = agreement(m, "pol")
    assert scores["pol"] == (1.0, 2)
    # fra: support vs pol's lean-oppose on troops: 1 - 3/4
    assert scores["fra"] == (0.25, 1)
    # usa: oppose vs support on NATO: 1 - 4/4
    assert scores["usa"] == (0.0, 1)
    assert scores["witkoff"][1] == 0


def test_by_agreement_puts_the_reference_first_and_strangers_last(ds):
    m = queries.matrix_as_of(ds, EARLY)
    ordered = by_agreement(ds, m, ["usa", "witkoff", "fra", "pol", "rus"], "pol")
    assert ordered == ["pol", "fra", "usa", "rus", "witkoff"]


def test_cluster_keeps_blocs_together(ds):
    frame = pd.DataFrame(
        {
            "i1": ["support", "oppose", "support", "oppose", "lean-support"],
            "i2": ["support", "oppose", "lean-support", "oppose", "support"],
        },
        index=["fra", "rus", "pol", "usa", "witkoff"],
        dtype=object,
    )
    ordered = by_cluster(ds, frame, list(frame.index))
    pos = {a: i for i, a in enumerate(ordered)}
    bloc = sorted(pos[a] for a in ("fra", "pol", "witkoff"))
    assert bloc[-1] - bloc[0] == 2  # the three supporters sit together
    assert abs(pos["rus"] - pos["usa"]) == 1


def test_distances_are_symmetric_and_one_without_overlap():
    frame = pd.DataFrame(
        {"i1": ["support", None, "oppose"], "i2": [None, "support", "oppose"]},
        index=["a", "b", "c"],
        dtype=object,
    )
    d = distances(frame)
    assert (d == d.T).all()
    assert d[0, 1] == 1.0  # no issue in common
    assert d[0, 2] == 1.0  # support against oppose
    assert d[1, 2] == 1.0
    assert d[0, 0] == 0.0


def test_order_actors_dispatches(ds):
    m = queries.matrix_as_of(ds, LATE)
    rows = list(m.index)
    assert order_actors(ds, m, rows, "name") == by_name(ds, rows)
    assert order_actors(ds, m, rows, "group") == by_group(ds, rows)
    assert order_actors(ds, m, rows, "agreement", "rus")[0] == "rus"
    assert sorted(order_actors(ds, m, rows, "cluster")) == sorted(rows)


def test_select_rows_filters(ds):
    everyone = ["usa", "pol", "fra", "rus", "eu-bloc", "witkoff"]
    assert select_rows(ds, everyone, kinds=["bloc"]) == ["eu-bloc"]
    assert select_rows(ds, everyone, groups=["eu"]) == ["pol", "fra"]
    assert select_rows(ds, everyone, groups=["nato"]) == ["usa", "pol", "fra", "witkoff"]
    assert "witkoff" not in select_rows(ds, everyone, people=False)
    assert select_rows(ds, everyone, text="special ENVOY") == ["witkoff"]
    assert select_rows(ds, everyone, text="united states") == ["usa", "witkoff"]
    assert select_rows(ds, everyone, text="nobody") == []


def test_by_name_sorts_accented_names_where_a_reader_looks_for_them(unga):
    names = [unga.actors[a].name for a in by_name(unga, list(unga.actors))]
    assert names.index("Côte d'Ivoire") < names.index("Croatia") < names.index("Czechia")
    assert names.index("São Tomé and Príncipe") < names.index("Saudi Arabia")
    assert names.index("Türkiye") < names.index("Turkmenistan") < names.index("Tuvalu")


@pytest.mark.parametrize("size", [None, "16:9", "4:3"])
def test_row_labels_keep_a_gap_before_the_cells(ds, size):
    """The widest row label ends a few pixels before the first column, on the page and on a
    slide: the left margin holds it and the standoff between them."""
    from standpoint.figures.frame import size_named, text_px

    sized = size_named(size)
    rows = rows_of(ds)
    fig = matrix_figure(ds, LATE, rows, list(ds.issues), size=sized)
    lay = fig.layout
    standoff = lay.yaxis.ticklabelstandoff
    assert standoff >= 4
    widest = text_px(list(lay.yaxis.ticktext), sized)
    assert lay.margin.l - sized.pad >= widest + standoff


def test_a_slide_fit_reads_the_names_its_cells_cite_once(monkeypatch):
    """Fitting a tall matrix to a slide tries several layouts (the legend below and beside,
    the smallest type, parts), each with its sources line: the names its cells cite are
    worked out once for all of them (at 300 actors, 14 times over 2,400 cells was 60 ms of
    every view never drawn), and the line is the one the figure of those rows draws."""
    import standpoint.figures.matrix as matrix_module

    ds = load(UNGA, today=dt.date(2026, 1, 1))
    rows = queries.actors_with_positions(ds)
    as_of = queries.latest_date(ds)
    calls = []
    counted = matrix_module.credits_cited

    def counting(*args, **kwargs):
        calls.append(1)
        return counted(*args, **kwargs)

    monkeypatch.setattr(matrix_module, "credits_cited", counting)
    size, per = matrix_module.slide_fit(ds, as_of, rows, list(ds.issues), SIZES["16:9"])
    assert per < len(rows) and len(calls) == 1  # several layouts tried, one reading
    fitted = matrix_module.matrix_frame(ds, as_of, rows, list(ds.issues), size=size)
    cells = grid(ds, as_of, rows, list(ds.issues))
    shown = [p for row in cells for c in row for p in c.latest]
    assert fitted.sources == frame_for(ds, "x", as_of, size=size, positions=shown).sources
    assert fitted.sources


@pytest.mark.parametrize(
    ("selected", "room_px"),
    [(False, 540), (True, 540), (False, 1100)],
    ids=["legend below", "a cell selected", "legend beside"],
)
def test_a_tall_matrix_splits_into_a_head_and_its_rows(selected, room_px):
    """A tall matrix on the page is drawn as a head (title, subtitle, column labels) kept in
    sight over its rows, and a body (the rows and all below them): the head holds the
    figure's words above the plot and its column labels, the body the rest, and put one
    above the other they draw the figure; plotly takes both as they are; the figure itself
    is left as it was."""
    import copy
    from dataclasses import replace

    from standpoint.figures.frame import FOOTER, SCREEN, SUBTITLE, TITLE, frame_lines
    from standpoint.figures.matrix import HEAD_GAP_PX, split_head

    ds = load(UNGA, today=dt.date(2026, 1, 1))
    rows = queries.actors_with_positions(ds)
    issues = list(ds.issues)
    picked = (rows[3], issues[1]) if selected else None
    size = replace(SCREEN, legend="right", room_px=room_px)
    spec = matrix_spec(
        ds, LATE, rows, issues, selected=picked, dataset_name="UN", max_age=12, size=size
    )
    kept = copy.deepcopy(spec)
    head, body = split_head(spec)
    assert spec == kept
    lay, top, height = spec["layout"], spec["layout"]["margin"]["t"], spec["layout"]["height"]
    # the words above the plot move to the head, the footer stays with the rows
    for part in (TITLE, SUBTITLE):
        assert frame_lines(head, part) == frame_lines(spec, part) != [""]
        assert frame_lines(body, part) == [""]
    assert frame_lines(body, FOOTER) == frame_lines(spec, FOOTER) != [""]
    assert head["layout"]["xaxis"]["ticktext"] == lay["xaxis"]["ticktext"]
    assert body["layout"]["xaxis"]["showticklabels"] is False
    assert body["data"] == spec["data"] and head["layout"]["showlegend"] is False
    # the same margins and width, so that the head's columns stand over the body's
    for key in ("l", "r"):
        assert head["layout"]["margin"][key] == body["layout"]["margin"][key] == lay["margin"][key]
    assert head["layout"].get("width") == body["layout"].get("width") == lay.get("width")
    # the head as tall as the words and labels above the rows; the body's rows start under
    # a gap, as tall as before, and the legend beside them just as far below their top
    assert head["layout"]["height"] == top + HEAD_GAP_PX
    assert body["layout"]["margin"]["t"] == HEAD_GAP_PX
    b = body["layout"]
    assert b["height"] - b["margin"]["t"] - b["margin"]["b"] == (height - top - lay["margin"]["b"])
    legend = lay["legend"]
    if room_px > 540:  # beside the rows, from the figure's top: as far below the rows' top
        assert legend["yref"] == "container"
        assert (1 - b["legend"]["y"]) * b["height"] - b["margin"]["t"] == pytest.approx(
            (1 - legend["y"]) * height - top
        )
    else:  # under the rows, from the plot's bottom edge
        assert legend["yref"] == "paper" and b["legend"] == legend
    for part in (head, body):
        assert go.Figure(part).to_dict() == part
