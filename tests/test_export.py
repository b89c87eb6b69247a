"""Exports: images at slide sizes (through kaleido and Chromium), the data behind each chart, file
names, alt text and speaker notes, the ``chart`` and ``deck`` commands."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import itertools
import json
import re
import subprocess
import sys
from collections import Counter

import pytest
from PIL import Image
from plotly.colors import sample_colorscale

from standpoint import queries
from standpoint.cells import cell
from standpoint.charts import (
    KINDS,
    Chart,
    ChartError,
    alt_text,
    data,
    figures,
    file_names,
    since_date,
    speaker_note,
)
from standpoint.exports import read_deck, table_bytes
from standpoint.figures.common import COLOURS, NO_POSITION_COLOUR, grey
from standpoint.figures.frame import FOOTER, SUBTITLE, TITLE, frame_lines, legend_top_px
from standpoint.figures.matrix import CODE
from standpoint.render import Renderer, browser
from standpoint.scale import LEVELS
from tests.paths import REPO

AS_OF = dt.date(2025, 2, 18)
needs_chromium = pytest.mark.skipif(browser() is None, reason="needs Chromium")


@pytest.fixture(scope="module")
def ds(shipped):
    return shipped


@pytest.fixture(scope="module")
def renderer():
    if browser() is None:
        pytest.skip("needs Chromium")
    with Renderer() as r:
        yield r


def issue_of(ds) -> str:
    return next(iter(ds.issues))


def charts(ds) -> list[Chart]:
    issue = issue_of(ds)
    two = tuple(queries.matrix_as_of(ds, AS_OF).index[:3])
    return [
        Chart("matrix", AS_OF),
        Chart("timeline", AS_OF, issue=issue),
        Chart("compare", AS_OF, actors=two),
        Chart("map", AS_OF, issue=issue),
        Chart("agreement", AS_OF, actors=two),
        Chart("distribution", AS_OF, issue=issue),
    ]


# -- images ---------------------------------------------------------------------------------


@needs_chromium
@pytest.mark.parametrize(("size", "dims"), [("16:9", (1920, 1080)), ("4:3", (1600, 1200))])
def test_png_dimensions_are_exactly_the_slide_size(ds, renderer, size, dims):
    for chart in charts(ds):  # every kind
        sized = Chart(**{**_fields(chart), "size": size})
        for fig in figures(ds, sized, "test data"):
            png = renderer.image(fig, "png")
            with Image.open(io.BytesIO(png)) as im:
                assert im.size == dims, chart.kind


def _fields(chart: Chart) -> dict:
    return {name: getattr(chart, name) for name in chart.__slots__}


@needs_chromium
@pytest.mark.parametrize("kind", ["matrix", "timeline", "map"])
def test_svg_and_pdf_hold_title_date_and_source_line_as_text(ds, renderer, kind):
    from pypdf import PdfReader

    chart = next(c for c in charts(ds) if c.kind == kind)
    fig = figures(ds, chart, "test data")[0]
    title = frame_lines(fig, TITLE)[0]
    footer = frame_lines(fig, FOOTER)
    sources, data_line = footer[0], footer[-1]
    assert sources.startswith("Sources: ")
    assert AS_OF.isoformat() in data_line
    svg = renderer.image(fig, "svg").decode("utf-8")
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S))
    for words in (title, sources, data_line):
        assert _plain(words) in _plain(texts)
    pdf = PdfReader(io.BytesIO(renderer.image(fig, "pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    for words in (title, "Sources:", AS_OF.isoformat(), "Standpoint data"):
        assert _plain(words) in _plain(text)


def _plain(text: str) -> str:
    import html

    return " ".join(html.unescape(text).replace("\xa0", " ").split())


@needs_chromium
def test_a_tall_matrix_is_split_into_numbered_images_each_with_the_full_frame(unga, tmp_path):
    from standpoint.exports import write_chart
    from standpoint.figures.frame import SLIDE_16_9

    ds, as_of = unga, dt.date(2025, 12, 31)
    chart = Chart("matrix", as_of, hide_empty=False)  # 193 states: more rows than fit
    figs = figures(ds, chart, "test data")
    rows = list(queries.matrix_as_of(ds, as_of).index)
    columns = len(ds.issues)
    shown = [c[0] for f in figs for c in f.data[1].customdata[::columns]]
    assert sorted(shown) == sorted(rows) and len(figs) >= 2  # every row once, across images
    counts = [len(f.data[0].z) for f in figs]
    assert max(counts) - min(counts) <= 1  # parts of even size, no short last image
    for fig in figs:  # rows no smaller than the type allows: the minimum row height
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        assert plot / len(fig.data[0].z) >= SLIDE_16_9.row_px - 1
    for k, fig in enumerate(figs, 1):
        assert frame_lines(fig, TITLE) and frame_lines(fig, FOOTER)[-1].endswith(as_of.isoformat())
        assert f"Part {k} of {len(figs)}" in " ".join(frame_lines(fig))
    done = write_chart(ds, chart, tmp_path / "m.png", dataset_name="t")
    names = [p.name for p in done.files]
    digits = len(str(len(figs)))  # -01 … -12 past nine parts: a folder lists them in order
    parts = [f"m-{k:0{digits}d}.png" for k in range(1, len(figs) + 1)]
    assert names[:-1] == parts == sorted(parts) and names[-1] == "m.txt"


def _column_edges(fig) -> list[tuple[float, float]]:
    """Where each column of a matrix image starts and ends, in pixels from the left edge."""
    lay = fig.layout
    left, plot = lay.margin.l, lay.width - lay.margin.l - lay.margin.r
    lo, hi = lay.xaxis.range
    at = [
        left + (x - lo) / (hi - lo) * plot
        for x in (c - 0.5 for c in range(len(fig.data[0].z[0]) + 1))
    ]
    return list(itertools.pairwise(round(x, 3) for x in at))


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_the_parts_of_a_split_matrix_share_one_set_of_columns(unga, size):
    # each part of a split matrix puts its columns at the same places, whatever the names of
    # its rows (the row labels' margin is the whole matrix's), so slides line up
    chart = Chart("matrix", dt.date(2025, 12, 31), hide_empty=False, size=size, max_age=12)
    figs = figures(unga, chart, "test data")
    assert len(figs) >= 2
    names = [max(len(t) for t in f.layout.yaxis.ticktext) for f in figs]
    assert len(set(names)) > 1  # parts whose longest row names differ
    edges = {tuple(_column_edges(f)) for f in figs}
    assert len(edges) == 1, edges
    assert {f.layout.xaxis.tickangle for f in figs} == {figs[0].layout.xaxis.tickangle}
    legends = {(f.layout.legend.x, f.layout.legend.entrywidth) for f in figs}
    assert len(legends) == 1


@pytest.mark.parametrize("size", ["16:9", "4:3"])
@pytest.mark.parametrize("hide_empty", [False, True])
def test_a_matrix_whose_rows_fit_at_the_smallest_type_takes_one_slide(ds, size, hide_empty):
    # the shipped matrix of every actor by every issue: its rows fit one slide at 18 px
    # type, so it is one image, its column labels level and each line as narrow as its
    # column, its rows at least a line of that type apart
    from standpoint.figures.frame import CHAR_EM, PRINT_MIN_PX, size_named
    from standpoint.figures.matrix import MIN_ROW_EM

    # (at 4:3 all 20 rows fit only without an old cell, whose year needs a second line in
    # the narrow columns: test_an_old_cell_s_two_lines_stay_in_their_row)
    max_age = None if (size, hide_empty) == ("4:3", False) else 12
    chart = Chart("matrix", AS_OF, hide_empty=hide_empty, size=size, max_age=max_age)
    rows = list(queries.matrix_as_of(ds, AS_OF).index)
    (fig,) = figures(ds, chart, "test data")
    shown = fig.data[0].z
    assert len(shown[0]) == len(ds.issues) > 6  # many columns
    held = queries.matrix_as_of(ds, AS_OF).notna().any(axis=1)
    assert len(shown) == (sum(held) if hide_empty else len(rows))
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot / len(shown) >= PRINT_MIN_PX * MIN_ROW_EM - 0.5
    assert (fig.layout.width, fig.layout.height) == (
        size_named(size).width,
        1080 if size == "16:9" else 1200,
    )
    font = fig.layout.font.size
    assert font >= PRINT_MIN_PX
    if fig.layout.xaxis.tickangle == 0:  # level labels: every line within its column
        for (a, b), label in zip(_column_edges(fig), fig.layout.xaxis.ticktext, strict=True):
            for line in html.unescape(label).split("<br>"):
                assert len(line) * CHAR_EM * font <= b - a, line


@pytest.mark.parametrize("size", ["16:9", "4:3"])
@pytest.mark.parametrize("columns", [2, 4, 12])
def test_column_labels_keep_clear_of_their_neighbours(ds, size, columns):
    # every line of a level column label fits its column with a quarter of a type size to
    # spare on each side, so that two neighbours' words never read as one ("Ukraine Ukraine
    # in NATO"), with few columns as with many
    from standpoint.figures.frame import CHAR_EM

    issues = tuple(list(ds.issues)[:columns])
    chart = Chart("matrix", AS_OF, issues=issues, size=size)
    for fig in figures(ds, chart, "test data"):
        font = fig.layout.font.size
        if fig.layout.xaxis.tickangle not in (0, None):
            continue  # slanted: one line each, never side by side
        edges = _column_edges(fig)
        for (a, b), label in zip(edges, fig.layout.xaxis.ticktext, strict=True):
            for line in html.unescape(label).split("<br>"):
                assert len(line) * CHAR_EM * font <= (b - a) - font / 2, (line, b - a)


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_an_old_cell_s_two_lines_stay_in_their_row(ds, size):
    # with a short age limit many cells are old: each shows its symbols and its year, on
    # one line where its column holds them, else on two lines in a row tall enough for both
    from standpoint.figures.frame import CHAR_EM, LINE_EM

    chart = Chart("matrix", AS_OF, size=size, max_age=1)
    figs = figures(ds, chart, "test data")
    seen = 0
    for fig in figs:
        (old,) = [t for t in fig.data if t.name == "old cells"] or [None]
        if old is None:
            continue
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        row_px = plot / len(fig.data[0].z)
        width = fig.layout.width - fig.layout.margin.l - fig.layout.margin.r
        for line in (t for row in old.text for t in row if t):
            seen += 1
            symbols_px = int(re.search(r"font-size:(\d+)px", line).group(1))
            words = re.sub(r"<[^>]+>", "", line.replace("<br>", "\n")).split("\n")
            if len(words) == 2:  # symbols over the year
                assert row_px >= LINE_EM * (symbols_px + old.textfont.size) - 0.5, line
            else:  # on one line, within its column (the legend takes some of the width)
                assert len(words[0]) * CHAR_EM * symbols_px <= width / len(fig.data[0].z[0])
    assert seen, "a short age limit leaves old cells in the shipped data"


def test_column_labels_go_level_on_a_slide_where_that_saves_height(ds):
    from standpoint.figures.frame import SLIDE_16_9
    from standpoint.figures.matrix import column_labels

    labels = [i.label for i in ds.issues.values()]
    assert len(labels) > 6
    _, angle, slanted = column_labels(labels, SLIDE_16_9, cell_px=40)  # too narrow for words
    assert angle != 0
    text, angle, level = column_labels(labels, SLIDE_16_9, cell_px=200)
    assert angle == 0 and level < slanted
    assert [t.replace("<br>", " ") for t in text] == [html.escape(x, quote=False) for x in labels]


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_a_timeline_with_more_lanes_than_fit_is_split_into_numbered_images(unga, size):
    from standpoint.charts import image_count
    from standpoint.figures.frame import size_named
    from standpoint.timeline import issue_steps

    ds, as_of = unga, dt.date(2025, 12, 31)
    issue = next(iter(ds.issues))
    chart = Chart("timeline", as_of, issue=issue, size=size)
    figs = figures(ds, chart, "test data")
    states = list(dict.fromkeys(issue_steps(ds, issue, until=as_of)["actor"]))
    names = {ds.actors[a].name for a in states}
    lanes = [list(f.layout.yaxis.categoryarray) for f in figs]
    shown = [html.unescape(x) for part in lanes for x in part]
    assert len(figs) >= 2 and sorted(shown) == sorted(names)  # every lane once, across images
    assert max(map(len, lanes)) - min(map(len, lanes)) <= 1  # parts of even size
    assert image_count(ds, chart) == len(figs)
    sized = size_named(size)
    for k, (fig, part) in enumerate(zip(figs, lanes, strict=True), 1):
        plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        assert plot / len(part) >= sized.row_px - 1  # lanes no thinner than the type allows
        assert frame_lines(fig, TITLE) and frame_lines(fig, FOOTER)[-1].endswith(as_of.isoformat())
        assert f"Part {k} of {len(figs)}" in " ".join(frame_lines(fig))
        assert fig.layout.xaxis.range == figs[0].layout.xaxis.range  # one time axis for all
    # lanes that fit stay on one image
    few = Chart("timeline", as_of, issue=issue, size=size, actors=tuple(states[:5]))
    assert len(figures(ds, few, "t")) == 1


@needs_chromium
def test_png_carries_alt_text_and_speaker_note(ds, tmp_path):
    from standpoint.exports import write_chart

    chart = Chart("timeline", AS_OF, issue=issue_of(ds))
    done = write_chart(ds, chart, tmp_path / "t.png", dataset_name="t")
    with Image.open(done.files[0]) as im:
        assert im.text["Description"] == alt_text(ds, chart)
        assert im.text["Comment"] == speaker_note(ds, chart)
    words = (tmp_path / "t.txt").read_text(encoding="utf-8")
    assert alt_text(ds, chart) in words and speaker_note(ds, chart) in words


@pytest.mark.parametrize("size", ["16:9", None])
def test_a_title_of_one_s_own_tops_every_chart_and_keeps_what_it_shows_below(ds, size):
    """``--title`` or a deck's ``title``: drawn as the title of every kind of chart (on a slide
    and on the page), while the chart's own title, which names what it shows (the issue of a
    map), opens the subtitle; each part of a split chart carries it."""
    own = "Week 7 briefing: where the talks stand"
    for chart in charts(ds):
        plain = Chart(**{**_fields(chart), "size": size})
        titled = Chart(**{**_fields(plain), "title": own})
        for before, after in zip(figures(ds, plain), figures(ds, titled), strict=True):
            assert " ".join(frame_lines(after, TITLE)) == own, chart.kind
            shows = " ".join(frame_lines(before, TITLE))
            assert " ".join(frame_lines(after, SUBTITLE)).startswith(shows), chart.kind


# -- print style ----------------------------------------------------------------------------


def test_every_level_prints_as_a_grey_of_its_own():
    # the five levels, "divided" (officials' words of one date disagree) and no position
    keys = [lvl.key for lvl in LEVELS] + ["divided"]
    greys = sorted([grey(COLOURS[k]) for k in keys] + [grey(NO_POSITION_COLOUR)])
    gaps = [b - a for a, b in itertools.pairwise(greys)]
    assert min(gaps) >= 25


def rgb_grey(colour: str) -> float:
    """grey() of a colour written as plotly's 'rgb(r, g, b)'."""
    r, g, b = (int(float(v)) for v in colour[colour.index("(") + 1 : -1].split(","))
    return grey(f"#{r:02x}{g:02x}{b:02x}")


def test_agreement_scores_print_as_greys_in_order_and_each_cell_reads_on_its_fill(ds):
    actors = list(ds.actors)
    chart = Chart("agreement", AS_OF, actors=tuple(actors), size="16:9")
    (fig,) = figures(ds, chart, "t")
    heat, words = fig.data[0], next(t for t in fig.data if t.name == "cell text")
    scale = [[at, colour] for at, colour in heat.colorscale]
    # 0, 0.5 and 1 as plotly fills them: darker with more agreement, each well apart, and
    # "opposite ends" (0) well apart from a blank pair (white)
    low, middle, high = (rgb_grey(c) for c in sample_colorscale(scale, [0, 0.5, 1]))
    assert grey(NO_POSITION_COLOUR) - low >= 40
    assert low - middle >= 40 and middle - high >= 40
    # each cell's words against the fill plotly gives its score (white where no score)
    n = len(heat.z)
    assert list(words.text) == [heat.text[i][j] for i in range(n) for j in range(n)]
    for k, colour in enumerate(words.textfont.color):
        score = heat.z[k // n][k % n]
        fill = (
            grey(NO_POSITION_COLOUR)
            if score is None or score != score
            else rgb_grey(sample_colorscale(scale, [score])[0])
        )
        assert abs(grey(colour) - fill) >= 90, (words.text[k], colour)


def test_exports_are_light_with_type_of_18_px_and_the_map_marks_levels_by_symbol(ds):
    chart = Chart("map", AS_OF, issue=issue_of(ds), size="16:9")
    (fig,) = figures(ds, chart, "t")
    assert fig.layout.paper_bgcolor == "#ffffff"
    sizes = [a.font.size for a in fig.layout.annotations] + [fig.layout.font.size]
    assert min(sizes) >= 18
    symbols = next(t for t in fig.data if t.name == "symbols")
    cells = data(ds, chart)
    # a symbol where it fits inside its state (the rest told by shade: levels are greys of
    # their own), and only the symbols of levels held
    held = {LEVEL_SYMBOL[k] for k in cells["level"]}
    assert set(symbols.text) <= held and len(symbols.text) >= len(cells) // 2
    greys = sorted(grey(COLOURS[k]) for k in set(cells["level"]))
    assert all(b - a >= 29 for a, b in itertools.pairwise(greys))
    screen = figures(ds, Chart("map", AS_OF, issue=issue_of(ds), size="screen"), "t")[0]
    assert not any(t.name == "symbols" for t in screen.data)


LEVEL_SYMBOL = {lvl.key: lvl.symbol for lvl in LEVELS} | {"divided": "±"}


# -- the data behind each chart -------------------------------------------------------------


def test_matrix_csv_rows_equal_the_chart_cells_with_the_matrix_commands_columns_first(ds):
    issues = tuple(list(ds.issues)[:4])
    chart = Chart("matrix", AS_OF, issues=issues)
    rows = list(csv.DictReader(io.StringIO(table_bytes(ds, chart, "csv").decode())))
    (fig,) = figures(ds, Chart(**{**_fields(chart), "size": "screen"}), "t")
    heat = fig.data[0]
    assert [r["actor"] for r in rows] == [c[0] for c in fig.data[1].customdata[:: len(issues)]]
    for r, row in enumerate(rows):
        for c, issue in enumerate(issues):
            assert CODE[row[issue] or "none"] == heat.z[r][c]
    header = next(csv.reader(io.StringIO(table_bytes(ds, chart, "csv").decode())))
    assert header[: 1 + len(issues)] == ["actor", *issues]
    # the same columns as the matrix command, values equal for every actor shown
    out = subprocess.run(
        [sys.executable, "-m", "standpoint", "matrix", str(REPO), "--as-of", AS_OF.isoformat()],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    command = {r["actor"]: r for r in csv.DictReader(io.StringIO(out))}
    for row in rows:
        assert all(row[i] == command[row["actor"]][i] for i in issues)


def test_matrix_hides_rows_without_a_cell_among_the_chosen_issues(ds):
    issue = issue_of(ds)
    frame = queries.matrix_as_of(ds, AS_OF)
    holders = set(frame.index[frame[issue].notna()])
    shown = data(ds, Chart("matrix", AS_OF, issues=(issue,)))
    assert set(shown["actor"]) == holders
    every = data(ds, Chart("matrix", AS_OF, issues=(issue,), hide_empty=False))
    assert set(every["actor"]) == set(frame.index)
    (fig,) = figures(ds, Chart("matrix", AS_OF, issues=(issue,), size="screen"), "t")
    if len(holders) < len(frame.index):
        assert f"Left out: {len(frame.index) - len(holders)} actor" in " ".join(frame_lines(fig))


@pytest.mark.parametrize("kind", ["timeline", "map"])
def test_other_charts_give_one_row_per_plotted_mark(ds, kind):
    chart = Chart(kind, AS_OF, issue=issue_of(ds))
    table = data(ds, chart)
    assert {"actor", "issue", "date", "level", "speaker", "evidence", "source"} <= set(table)
    (fig,) = figures(ds, Chart(**{**_fields(chart), "size": "screen"}), "t")
    if kind == "timeline":
        marks = sum(len(t.x) for t in fig.data if t.type == "bar")
    else:
        marks = sum(len(t.locations) for t in fig.data if t.type == "choropleth")
        marks += sum(
            len(t.lon) for t in fig.data if t.type == "scattergeo" and t.lon[0] is not None
        )
    assert len(table) == marks
    body = json.loads(table_bytes(ds, chart, "json"))
    assert len(body["rows"]) == len(table) and body["alt_text"] == alt_text(ds, chart)


def test_asking_for_what_the_data_lacks_is_a_chart_error(ds):
    with pytest.raises(ChartError, match=r"expected an issue id .*, found 'no-such-issue'"):
        data(ds, Chart("map", AS_OF, issue="no-such-issue"))
    with pytest.raises(ChartError, match="needs --issue"):
        data(ds, Chart("map", AS_OF))
    with pytest.raises(ChartError, match="at least two actors"):
        data(ds, Chart("compare", AS_OF, actors=("usa",)))


# -- names ----------------------------------------------------------------------------------


def test_file_names_carry_view_issue_or_actors_and_date_and_differ_per_chart(ds):
    names = [file_names(c, "png")[0] for c in charts(ds)]
    assert len(set(names)) == len(names)
    assert file_names(Chart("matrix", AS_OF), "png") == ["standpoint-matrix-2025-02-18.png"]
    issue = issue_of(ds)
    assert file_names(Chart("map", AS_OF, issue=issue), "svg") == [
        f"standpoint-map-{issue}-2025-02-18.svg"
    ]
    assert file_names(Chart("matrix", AS_OF), "png", parts=2) == [
        "standpoint-matrix-2025-02-18-1.png",
        "standpoint-matrix-2025-02-18-2.png",
    ]


# -- alt text and speaker notes -------------------------------------------------------------


def test_the_comparison_date_is_the_previous_event_or_30_days_before(ds):
    before = sorted(e.date.start for e in ds.events if e.date.start < AS_OF)
    assert since_date(ds, AS_OF)[0] == before[-1]
    early = min(e.date.start for e in ds.events)
    assert since_date(ds, early)[0] == early - dt.timedelta(days=30)
    assert since_date(ds, AS_OF, dt.date(2025, 1, 1))[0] == dt.date(2025, 1, 1)


def test_alt_text_counts_actors_at_each_level_and_names_those_that_changed(ds):
    issue = issue_of(ds)
    chart = Chart("map", AS_OF, issue=issue)
    table = data(ds, chart)
    text = alt_text(ds, chart)
    assert AS_OF.isoformat() in text and ds.issues[issue].label in text
    assert f"{len(table)} actors hold a position" in text
    counts = table["level"].value_counts()
    words = {"support": "support", "oppose": "oppose", "lean-oppose": "lean against"}
    for key, n in counts.items():
        if key in words and n > 1:
            assert f"{n} {words[key]}" in text
    since = since_date(ds, AS_OF)[0]
    changed = [
        a
        for a in table["actor"]
        if cell(ds, a, issue, since).value != table.set_index("actor").at[a, "level"]
    ]
    for actor in changed[:4]:
        assert ds.actors[actor].name in text
    if not changed:
        assert "No level changed" in text


def test_speaker_note_is_two_or_three_sentences_saying_what_changed_on_whose_word(ds):
    issue = issue_of(ds)
    chart = Chart("timeline", AS_OF, issue=issue)
    note = speaker_note(ds, chart)
    sentences = [s for s in re.split(r"(?<=[.])\s+(?=[A-Z])", note) if s]
    assert 2 <= len(sentences) <= 3
    since, words = since_date(ds, AS_OF)
    assert words in note and AS_OF.isoformat() in note
    new = [
        p
        for actor in ds.actors
        for p in cell(ds, actor, issue, AS_OF).latest
        if since < p.date.start <= AS_OF
    ]
    for p in new:
        if p.speaker:
            assert p.speaker.split(",")[0] in note
    # a date where nothing changed says so
    quiet = Chart("timeline", AS_OF, issue=issue, since=AS_OF)
    assert "no level changed" in speaker_note(ds, quiet)


# -- the command line -----------------------------------------------------------------------


def run(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )


def test_compare_csv_is_one_row_per_mark_drawn_with_its_evidence(ds):
    # issue 8: charts other than the matrix give one row per plotted mark (actor, issue,
    # date, level, speaker, evidence, source)
    actors = tuple(queries.matrix_as_of(ds, AS_OF).index[:3])
    chart = Chart("compare", AS_OF, actors=actors)
    rows = list(csv.DictReader(io.StringIO(table_bytes(ds, chart, "csv").decode())))
    (fig,) = figures(ds, Chart(**{**_fields(chart), "size": "screen"}), "t")
    heat = fig.data[0]
    width = len(heat.z[0])
    drawn = {
        (a, i): heat.z[k // width][k % width] for k, (a, i) in enumerate(fig.data[1].customdata)
    }
    marks = [key for key, z in drawn.items() if z != CODE["none"]]
    assert marks and [(r["actor"], r["issue"]) for r in rows] == marks
    for row in rows:
        assert CODE[row["level"]] == drawn[row["actor"], row["issue"]]
        held = cell(ds, row["actor"], row["issue"], AS_OF)
        assert row["date"] == held.date.shown
        assert row["evidence"] == queries.join_distinct(p.evidence for p in held.latest)
        assert all(p.speaker.split(",")[0] in row["speaker"] for p in held.latest if p.speaker)
        assert row["source"] and row["actor_name"] == ds.actors[row["actor"]].name
    header = next(csv.reader(io.StringIO(table_bytes(ds, chart, "csv").decode())))
    assert header[:7] == ["actor", "actor_name", "issue", "date", "level", "speaker", "evidence"]
    assert len(json.loads(table_bytes(ds, chart, "json"))["rows"]) == len(rows)


def test_chart_command_writes_csv_and_json_without_a_browser(tmp_path):
    out = tmp_path / "m.csv"
    done = run("chart", "matrix", str(REPO), "--as-of", AS_OF.isoformat(), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("actor,")
    assert (tmp_path / "m.txt").read_text().startswith("Alt text: ")
    bad = run("chart", "map", str(REPO), "--as-of", AS_OF.isoformat(), "-o", str(out))
    assert bad.returncode == 2 and "needs --issue" in bad.stderr
    wrong = run("chart", "matrix", str(REPO), "-o", str(tmp_path / "m.gif"))
    assert wrong.returncode == 2 and ".png" in wrong.stderr


DECK = """\
data: {data}
charts:
  - chart: matrix
    as_of: 2025-02-18
    issues: [{issue}]
  - chart: map
    as_of: 2025-02-18
    issue: {issue}
    size: "4:3"
  - chart: timeline
    issue: {issue}
    title: Who held which level
  - chart: timeline
    issue: {issue}
    format: csv
"""


@needs_chromium
def test_deck_writes_every_file_and_an_index_naming_them(tmp_path, ds):
    deck = tmp_path / "deck.yaml"
    deck.write_text(DECK.format(data=REPO, issue=issue_of(ds)), encoding="utf-8")
    done = run("deck", str(deck), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    files = sorted(p.name for p in out.iterdir())
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "index.md" in files and len(files) >= 5
    for name in files:
        if name != "index.md":
            assert f"]({name})" in index
    assert index.count("**Alt text:**") == 4 and index.count("**Speaker note:**") == 4
    pngs = [name for name in files if name.endswith(".png")]
    sizes = {name: Image.open(out / name).size for name in pngs}
    assert (1600, 1200) in sizes.values() and (1920, 1080) in sizes.values()
    assert len(set(files)) == len(files)  # the two timelines do not overwrite each other


@needs_chromium
def test_a_deck_draws_all_its_charts_in_one_browser_session(tmp_path, ds, monkeypatch, capsys):
    # starting Chromium takes seconds: a deck of three images starts it once, not per chart
    import kaleido

    from standpoint.cli import main

    started, drawn = [], []

    class Counted(kaleido.Kaleido):
        def __init__(self, *args, **kwargs):
            started.append(1)
            super().__init__(*args, **kwargs)

        async def calc_fig(self, fig, *args, **kwargs):
            drawn.append(1)
            return await super().calc_fig(fig, *args, **kwargs)

    monkeypatch.setattr(kaleido, "Kaleido", Counted)
    issue = issue_of(ds)
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        f"data: {REPO}\ncharts:\n"
        f"  - {{chart: matrix, issues: [{issue}], as_of: {AS_OF.isoformat()}}}\n"
        f"  - {{chart: map, issue: {issue}, as_of: {AS_OF.isoformat()}}}\n"
        f"  - {{chart: timeline, issue: {issue}, as_of: {AS_OF.isoformat()}}}\n",
        encoding="utf-8",
    )
    assert main(["deck", str(deck), "-o", str(tmp_path / "out")]) == 0
    pngs = sorted((tmp_path / "out").glob("*.png"))
    assert len(pngs) >= 3 and len(drawn) == len(pngs)  # every image drawn by the session
    assert len(started) == 1


def test_deck_files_are_checked_before_anything_is_drawn(tmp_path):
    deck = tmp_path / "deck.yaml"
    deck.write_text("charts:\n  - chart: map\n    colour: red\n", encoding="utf-8")
    done = run("deck", str(deck), "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and "chart 1: unknown key 'colour'" in done.stderr
    deck.write_text("charts: []\n", encoding="utf-8")
    assert run("deck", str(deck), "-o", str(tmp_path / "out")).returncode == 2
    deck.write_text("charts:\n  - chart: map\n    issue: nope\n", encoding="utf-8")
    done = run("deck", str(deck), "-o", str(tmp_path / "out"))
    assert done.returncode == 2 and "chart 1: issue: expected an issue id" in done.stderr
    assert not (tmp_path / "out" / "index.md").exists()


def test_the_example_deck_in_the_docs_reads(ds):
    deck = read_deck(REPO / "docs" / "example-deck.yaml", AS_OF)
    assert deck.charts and all(c.kind in KINDS for c, _ in deck.charts)
    for chart, _fmt in deck.charts:
        data(ds, chart)  # every chart names what the shipped data has


def test_the_maps_symbols_stand_out_from_their_fill_in_grey(unga):
    # a state's symbol is the map's greyscale key: it must read on its own fill once printed
    # in grey, the darkest fills ("Voted yes" navy, "Voted no" red) included
    issue = next(iter(unga.issues))
    chart = Chart("map", dt.date(2025, 12, 31), issue=issue, size="16:9")
    (fig,) = figures(unga, chart, "t")
    symbols = next(t for t in fig.data if t.name == "symbols")
    level = {v: k for k, v in LEVEL_SYMBOL.items()}
    colours = symbols.textfont.color
    assert len(colours) == len(symbols.text)
    for text, colour in zip(symbols.text, colours, strict=True):
        assert abs(grey(colour) - grey(COLOURS[level[text]])) >= 90, (text, colour)


def _font_sizes(node, where: str = ""):
    """Every font size set anywhere in a figure's JSON: (where, size)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("font") and isinstance(value, dict) and "size" in value:
                sizes = value["size"] if isinstance(value["size"], list) else [value["size"]]
                yield from ((f"{where}.{key}", s) for s in sizes)
            if key == "uniformtext":
                yield f"{where}.uniformtext", value.get("minsize", 0)
            yield from _font_sizes(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _font_sizes(value, f"{where}[{i}]")
    elif isinstance(node, str):  # a span of its own size in a text (the old cells' symbols)
        yield from ((where, int(s)) for s in re.findall(r"font-size:\s*(\d+)px", node))


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_no_type_in_any_export_is_smaller_than_18_px(ds, size):
    # the old cells' years too (an age limit of one month makes most cells old), and the
    # timeline's symbols, which plotly shrinks to fit a short bar down to uniformtext's minimum
    for chart in charts(ds):
        old = 1 if chart.kind in ("matrix", "compare") else None  # the charts with an age limit
        sized = Chart(**{**_fields(chart), "size": size, "max_age": old})
        for fig in figures(ds, sized, "t"):
            small = [(w, s) for w, s in _font_sizes(fig.to_plotly_json()) if s < 18]
            assert not small, (chart.kind, small[:5])


@needs_chromium
def test_maps_render_offline_from_the_bundled_outlines(unga, renderer):
    # kaleido's plotly.js would fetch the world's outlines from the web; the renderer hands it
    # the bundled file instead, so states are drawn in their levels' colours with no network
    from standpoint.figures.maps import world_assets

    assert renderer._topojson.startswith("data:application/json;base64,")
    assert renderer._topojson == world_assets()[0]
    issue = next(iter(unga.issues))
    (fig,) = figures(unga, Chart("map", dt.date(2025, 12, 31), issue=issue), "t")
    with Image.open(io.BytesIO(renderer.image(fig, "png"))) as im:
        rgb_image = im.convert("RGB")
        pixels = Counter(
            rgb_image.getpixel((x, y))
            for x in range(0, im.width, 2)
            for y in range(0, im.height, 2)
        )
    held = data(unga, Chart("map", dt.date(2025, 12, 31), issue=issue))["level"]
    for level in set(held):  # every level held is drawn over land, not as a few dots
        rgb = tuple(int(COLOURS[level][i : i + 2], 16) for i in (1, 3, 5))
        assert pixels[rgb] > 500, level  # one pixel in four counted


def test_words_for_one_are_singular(tmp_path):
    # one actor, one issue, one position, one text: "1 actor holds", "1 supports",
    # "1 level changed", never "1 actors" or "1 texts"
    from standpoint import load
    from tests.datadir import data_dir, position

    root = data_dir(
        tmp_path, {"usa": "actor: usa\npositions:\n" + position("troops", "2025-02-10", "support")}
    )
    one = load(root)
    as_of = dt.date(2025, 2, 18)  # no events: compared with 30 days before, when it held none
    for chart in (Chart("map", as_of, issue="troops"), Chart("matrix", as_of, issues=("troops",))):
        alt, note = alt_text(one, chart), speaker_note(one, chart)
        assert "1 actor holds a position" in alt and "1 supports" in alt
        assert "1 level changed" in note
        # no speaker named: said plainly, with the text's name (no outlet: its title)
        title = one.sources[one.positions[0].citations[0].source].title
        assert f"No speaker is named for the change; it is reported by “{title}”." in note
        assert "the United States took a first position" in note
    matrix = alt_text(one, Chart("matrix", as_of, issues=("troops", "nato"), hide_empty=False))
    assert "1 actor holds a position on 1 issue, in 1 cell: support in 1 cell." in matrix
    # a data set without a title names no topic rather than "Standpoint"
    assert matrix.startswith("A matrix of actors by issues, each cell an actor's level, as of")
    quiet = speaker_note(one, Chart("matrix", as_of, issues=("troops",), since=as_of))
    assert quiet.startswith("No level changed") and "named for the level shown; it is" in quiet


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_every_state_on_a_zoomed_map_has_its_symbol_inside_the_view(ds, size):
    # Russia's label point is in Siberia, out of a map zoomed to Europe and the US: its
    # symbol goes on the part of Russia in view, so greyscale print still names its level
    chart = Chart("map", AS_OF, issue=issue_of(ds), size=size)
    (fig,) = figures(ds, chart, "t")
    geo = fig.layout.geo
    (lon0, lon1), (lat0, lat1) = geo.lonaxis.range, geo.lataxis.range
    symbols = next(t for t in fig.data if t.name == "symbols")
    # one for each state drawn where it fits: Russia's on the part of Russia in view
    assert len(symbols.text) >= len(data(ds, chart)) - 2
    for lon, lat in zip(symbols.lon, symbols.lat, strict=True):
        assert lon0 < lon < lon1 and lat0 < lat < lat1


def test_a_4_3_map_takes_the_slides_width_with_its_legend_below(ds):
    from standpoint.figures.frame import SLIDE_4_3

    (fig,) = figures(ds, Chart("map", AS_OF, issue=issue_of(ds), size="4:3"), "t")
    margin = fig.layout.margin
    assert fig.layout.width - margin.l - margin.r == 1600 - 2 * SLIDE_4_3.pad
    assert legend_top_px(fig) > fig.layout.height - margin.b  # under the map
    assert fig.layout.legend.x * 1600 == SLIDE_4_3.pad  # inside the slide's margin


@pytest.mark.parametrize("n", [1, 6, 14, 15, 20, 193])
@pytest.mark.parametrize("per", [1, 7, 14, 50])
def test_rows_split_into_as_few_parts_as_fit_of_even_size(n, per):
    from standpoint.charts import split_evenly

    items = [f"r{i}" for i in range(n)]
    parts = split_evenly(items, per)
    assert [x for p in parts for x in p] == items  # every row once, in order
    assert all(len(p) <= per for p in parts)
    assert len(parts) == -(-n // per)  # no more images than needed
    assert max(map(len, parts)) - min(map(len, parts)) <= 1


def test_a_comparison_leaves_out_the_issues_none_of_its_actors_holds(ds):
    # as a matrix leaves out its empty rows: the columns, the subtitle's count, the alt text
    # and the table agree, and the subtitle names what was left out
    from standpoint.figures.frame import frame_text

    frame = queries.matrix_as_of(ds, AS_OF)
    held = frame.notna()
    blank = next(i for i in ds.issues if (~held[i]).sum() >= 2)  # an issue two actors lack
    actors = [a for a in frame.index if not held.at[a, blank]][:5]
    kept = [i for i in ds.issues if held.loc[actors, i].any()]
    assert blank not in kept and kept
    chart = Chart("compare", AS_OF, actors=tuple(actors))
    (fig,) = figures(ds, chart, "t")
    assert len(fig.data[0].z[0]) == len(kept)
    words = frame_text(fig.to_plotly_json())
    assert f"{len(actors)} actors × {len(kept)} issue" in words
    assert ds.issues[blank].label in words and "Left out:" in words
    assert f"on {len(kept)} issue" in alt_text(ds, chart)
    assert set(data(ds, chart)["issue"]) == set(kept)  # one row per mark drawn
    # issues chosen are kept, as a matrix keeps the rows of actors chosen
    chosen = Chart("compare", AS_OF, actors=tuple(actors), issues=(blank, kept[0]))
    assert len(figures(ds, chosen, "t")[0].data[0].z[0]) == 2


@pytest.mark.parametrize("parts", [2, 9, 10, 12, 100])
def test_numbered_image_files_list_in_their_order(parts):
    # a folder (or a ZIP) sorts names as text: past nine parts they are numbered -01, -02, …
    from standpoint.charts import file_names

    names = file_names(Chart("matrix", AS_OF), "png", parts)
    assert len(names) == len(set(names)) == parts
    assert sorted(names) == names
    numbers = [int(n.rsplit("-", 1)[1].removesuffix(".png")) for n in names]
    assert numbers == list(range(1, parts + 1))
