"""The words that let a chart explain itself out of the app: its sources, what the view
leaves out, where a time chart starts, and the problems told on an actor's pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from standpoint import load, queries
from standpoint.agreement import agreement
from standpoint.cells import distribution, issue_cells
from standpoint.credits import cited, credit_line, name_texts, short_title
from standpoint.figures.compare import agreement_heatmap
from standpoint.figures.distribution import distribution_figure
from standpoint.figures.frame import FOOTER, SCREEN, SUBTITLE, TITLE, frame_lines, frame_text
from standpoint.figures.maps import world_map
from standpoint.figures.matrix import matrix_figure
from standpoint.figures.timeline import issue_timeline
from standpoint.ordering import select_rows, view_notes
from standpoint.timeline import focus_start, issue_steps
from tests.datadir import data_dir
from tests.validation_helpers import BROKEN

AS_OF = dt.date(2025, 12, 31)


def test_credit_names_outlets_in_full_or_counts_the_texts(shipped, unga):
    assert credit_line(unga) == "UN General Assembly"
    # every text cited is named: by its outlet, or (none recorded) by its title; the data
    # set's own credit (issues.yaml) is not a list of texts and is not part of it
    line = credit_line(shipped)
    for sid in {c.source for p in shipped.positions for c in p.citations}:
        source = shipped.sources[sid]
        assert (source.outlet or short_title(source.title)) in line
    assert not shipped.credit or shipped.credit not in line
    assert credit_line(shipped, []) == ""
    n = len({c.source for p in shipped.positions for c in p.citations})
    assert credit_line(shipped, room=5) == f"{n} texts"
    named = [
        p for p in shipped.positions if all(shipped.sources[c.source].outlet for c in p.citations)
    ]
    outlets = {shipped.sources[c.source].outlet for p in named for c in p.citations}
    assert set(credit_line(shipped, named).replace(" and ", ", ").split(", ")) == outlets
    assert credit_line(shipped, named, room=5) == f"{len(outlets)} texts"


def test_credit_counts_inline_outlets():
    ds = load(BROKEN.parent / "valid")
    inline = [p for p in ds.positions if any(c.source is None for c in p.citations)]
    outlets = {c.outlet for p in inline for c in p.citations if c.source is None}
    assert outlets  # the fixture has inline citations
    only = [
        dataclasses.replace(p, citations=[c for c in p.citations if c.source is None])
        for p in inline
    ]
    assert set(credit_line(ds, only).replace(" and ", ", ").split(", ")) == outlets


def test_the_matrix_source_line_names_sources_data_and_date(unga):
    rows = list(queries.matrix_as_of(unga, AS_OF).index)
    fig = matrix_figure(unga, AS_OF, rows, list(unga.issues), dataset_name="unga-ukraine")
    assert frame_lines(json.loads(fig.to_json()), FOOTER) == [
        "Sources: UN General Assembly",
        "Standpoint data: unga-ukraine · as of 2025-12-31",
    ]


def test_a_tall_matrix_repeats_its_column_labels_at_the_bottom(unga):
    rows = list(queries.matrix_as_of(unga, AS_OF).index)
    layout = json.loads(matrix_figure(unga, AS_OF, rows, list(unga.issues)).to_json())["layout"]
    assert layout["xaxis"]["side"] == "top"
    assert layout["xaxis2"]["side"] == "bottom"
    assert layout["xaxis2"]["ticktext"] == layout["xaxis"]["ticktext"]
    short = matrix_figure(unga, AS_OF, rows[:10], list(unga.issues)).to_plotly_json()
    assert "xaxis2" not in short["layout"]


@pytest.mark.parametrize("page", ["compare", "distribution", "map", "issue timeline"])
def test_every_chart_names_its_sources(unga, page):
    issue = next(iter(unga.issues))
    cells = issue_cells(unga, issue, AS_OF)
    build = {
        "compare": lambda: agreement_heatmap(
            unga, agreement(unga, AS_OF, ["usa", "fra", "rus"]), AS_OF
        ),
        "distribution": lambda: distribution_figure(unga, distribution(cells), issue, AS_OF),
        "map": lambda: world_map(unga, cells, issue, AS_OF),
        "issue timeline": lambda: issue_timeline(
            unga, issue_steps(unga, issue, until=AS_OF), issue, until=AS_OF
        ),
    }[page]
    fig = build()
    footer = frame_lines(fig, FOOTER)
    assert footer[0] == "Sources: UN General Assembly"
    assert footer[1].startswith("Standpoint data: ")
    assert fig.layout.margin.b >= 2 * SCREEN.line(SCREEN.footer)  # room for both lines


def test_view_notes_say_what_the_view_leaves_out(unga):
    rows = list(queries.matrix_as_of(unga, AS_OF).index)
    assert len(unga.actors) - len(rows) == 1  # one member state without any recorded vote
    whole = view_notes(unga, rows=rows, shown=rows, issues=list(unga.issues))
    assert whole == ["1 actor has no position at any date and no row: Turkmenistan"]
    shown = select_rows(unga, rows, groups=["nato"], text="ia")
    notes = view_notes(
        unga,
        rows=rows,
        shown=shown,
        issues=list(unga.issues)[:2],
        groups=["nato"],
        text="  ia ",
        people=False,
    )
    assert notes[0] == (
        f"Filtered: 2 of {len(unga.issues)} issues; in NATO members (32, as of 2025); "
        f"people hidden; actors matching “ia” ({len(shown)} of {len(rows)} actors)"
    )


def test_the_matrix_says_when_the_data_is_incomplete():
    ds = load(BROKEN / "stance-invalid")
    rows = list(queries.matrix_as_of(ds, AS_OF).index)
    subtitle = frame_lines(matrix_figure(ds, AS_OF, rows, list(ds.issues)), SUBTITLE)
    assert " ".join(subtitle).endswith(
        "Incomplete: 1 problem in the data leaves some records out"
        " (the app's Data health page lists it)"
    )


def test_view_notes_name_the_actors_whose_files_did_not_load():
    ds = load(BROKEN / "yaml-syntax-colon")  # stances/pol.yaml does not parse
    rows = list(queries.matrix_as_of(ds, AS_OF).index)
    assert "pol" not in rows
    notes = view_notes(ds, rows=rows, shown=rows, issues=list(ds.issues))
    assert "no position at any date and no row: Poland" in notes[0]
    assert notes[0].endswith("(Poland: errors in the data)")


def test_every_chart_says_once_under_its_title_when_the_data_is_incomplete():
    ds = load(BROKEN / "stance-invalid")
    issue = "troops-to-ukraine"
    fig = issue_timeline(ds, issue_steps(ds, issue, until=AS_OF), issue, until=AS_OF)
    rows = list(queries.matrix_as_of(ds, AS_OF).index)
    matrix = matrix_figure(ds, AS_OF, rows, list(ds.issues))
    for figure in (fig, matrix):
        assert frame_text(figure, SUBTITLE).count("Incomplete: 1 problem in the data") == 1
        assert "Incomplete" not in frame_text(figure, FOOTER)
    assert "Incomplete" not in frame_text(load(BROKEN.parent / "valid") and fig, TITLE)


def test_the_matrix_subtitle_carries_the_notes(unga):
    rows = list(queries.matrix_as_of(unga, AS_OF).index)
    fig = matrix_figure(unga, AS_OF, rows, list(unga.issues), notes=["Filtered: kinds state"])
    assert "Filtered: kinds state" in frame_text(fig)
    plain = matrix_figure(unga, AS_OF, rows, list(unga.issues))
    assert fig.layout.margin.t > plain.layout.margin.t  # room for the further line


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("dates", "until", "start"),
    [
        # one old position among many recent ones: start where most are
        (
            ["2022-02-01", "2025-01-10", "2025-02-12", "2025-02-18", "2025-04-16"],
            "2025-04-16",
            "2025-01-01",
        ),
        # everything within two years: the whole period
        (["2024-01-01", "2025-02-12", "2025-04-16"], "2025-04-16", None),
        # spread out over the years: the whole period
        (["2014-03-27", "2022-03-02", "2023-02-23", "2025-02-24"], "2025-12-31", None),
        # too few to zoom in on
        (["2008-01-01", "2025-02-12"], "2025-04-16", None),
    ],
)
def test_focus_start(dates, until, start):
    got = focus_start([d(x) for x in dates], d(until))
    assert got == (d(start) if start else None)


def test_focus_start_of_the_shipped_united_states(shipped):
    # the US row reaches back to the Biden administration's positions, but most of it lies in
    # the last year of the data: its chart starts where most positions are, on a month's first
    dates = [p.date.start for p in shipped.positions if p.actor == "usa"]
    start = focus_start(dates, max(dates))
    assert start is not None and start.day == 1
    recent = [d for d in dates if d >= start]
    assert min(dates) < start <= min(recent)
    assert start > min(recent) - dt.timedelta(days=31)
    assert len(recent) >= 0.6 * len(dates)


def test_problems_are_told_on_the_actor_whose_file_holds_them():
    ds = load(BROKEN / "yaml-syntax-colon")  # stances/pol.yaml does not parse
    assert [(p.path, p.code) for p in queries.problems_about(ds, "pol")] == [
        ("stances/pol.yaml", "yaml-syntax")
    ]
    assert queries.problems_about(ds, "usa") == []
    ds = load(BROKEN / "stance-invalid")
    about = {p.path for a in ds.actors for p in queries.problems_about(ds, a)}
    assert about == {p.path for p in ds.problems}


def test_opposite_ends_are_a_warm_tint_unlike_a_blank_pair_and_same_level_a_dark_teal(unga):
    fig = agreement_heatmap(unga, agreement(unga, AS_OF, ["usa", "fra", "rus"]), AS_OF)
    scale = [colour for _, colour in fig.data[0].colorscale]
    low, middle, high = scale[0], scale[len(scale) // 2], scale[-1]

    def lightness(hex_colour: str) -> float:
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return (r + g + b) / (3 * 255)

    # 0 is a warm tint that stands out from white (a blank pair); 1 a dark cool colour; the
    # middle between them (darker with more agreement, so the scale survives greyscale print)
    assert lightness(low) < 0.8 and int(low[1:3], 16) > int(low[5:7], 16)
    assert lightness(high) < 0.35 and int(high[5:7], 16) > int(high[1:3], 16)
    assert lightness(low) > lightness(middle) > lightness(high)


def behind_cells(ds, as_of: dt.date) -> list:
    """The positions behind the matrix cells as of a date, by docs/format.md's rule: for each
    actor and issue, the positions on the latest date on or before it."""
    latest: dict[tuple[str, str], dt.date] = {}
    for p in ds.positions:
        if p.date.start <= as_of:
            key = (p.actor, p.issue)
            latest[key] = max(latest.get(key, p.date.start), p.date.start)
    return [p for p in ds.positions if latest.get((p.actor, p.issue)) == p.date.start]


def test_a_chart_credits_only_the_sources_of_what_it_shows(shipped, tmp_path):
    # on each day a position is dated: the shipped matrix credits the texts behind its cells,
    # not texts that only later positions cite
    issues = list(shipped.issues)
    for when in sorted({p.date.start for p in shipped.positions}):
        rows = list(queries.matrix_as_of(shipped, when).index)
        fig = matrix_figure(shipped, when, rows, issues)
        names = cited(shipped, behind_cells(shipped, when))
        footer = frame_lines(fig, FOOTER)  # wrapped: the sources, then the data's line
        data_line = next(i for i, line in enumerate(footer) if line.startswith("Standpoint data"))
        # the names of those texts, as many as the room takes, the rest counted
        full = credit_line(shipped, behind_cells(shipped, when))
        shown = {name_texts(names, room=r) for r in range(len(full) + 1)}
        assert " ".join(footer[:data_line]).removeprefix("Sources: ") in shown, when
    # nor the text of a position that a later one replaced
    registry = """\
    sources:
      - {id: old, title: Old, published: 2025-01-01, outlet: Old News}
      - {id: new, title: New, published: 2025-02-01, outlet: New News}
    """
    positions = """\
    actor: usa
    positions:
      - {issue: troops, date: 2025-01-01, stance: support, sources: [{source: old, quote: q}]}
      - {issue: troops, date: 2025-02-01, stance: oppose, sources: [{source: new, quote: q}]}
    """
    ds = load(data_dir(tmp_path, {"usa": positions}, **{"seeds/sources.yaml": registry}))
    assert ds.problems == []
    for when, texts in ((dt.date(2025, 1, 15), "Old News"), (dt.date(2025, 3, 1), "New News")):
        fig = matrix_figure(ds, when, ["usa"], list(ds.issues))
        assert frame_lines(fig, FOOTER)[0] == f"Sources: {texts}"
