"""The dashboard run through Streamlit's AppTest: the Matrix, Sources and Data health pages,
the URL-bound controls and the banner for broken data."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components import controls, layout, matrix, passage
from components.safe import md
from standpoint import load, queries
from standpoint.cells import history
from standpoint.figures.frame import SUBTITLE, TITLE, frame_text
from standpoint.ordering import CELL_KEYS, NO_POSITION
from tests.apptest import clear_caches, figure, open_app
from tests.paths import APP, UNGA


@pytest.fixture
def run(monkeypatch):
    """Start the dashboard on a data directory, with query parameters as if opened from a
    link, on a page given by its url path."""

    def start(data: Path, query: dict | None = None, page: str | None = None) -> AppTest:
        at = open_app(monkeypatch, data, query=query, timeout=60, check=False)
        if page:
            open_page(at, page)
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield start
    clear_caches()


def open_page(at: AppTest, url_path: str) -> None:
    """Switch to a page registered by st.navigation (callable pages have no file, so
    AppTest.switch_page cannot name them; their hash is registered with their url path)."""
    hashes = [h for h, info in at._registered_pages.items() if info["url_pathname"] == url_path]
    assert hashes, f"no page {url_path!r}"
    at._page_hash = hashes[0]
    at.run()


def cells(fig: dict) -> dict[tuple[str, str], str]:
    """(actor, issue) -> the symbols drawn in that cell (the click layer holds every cell's,
    old ones too)."""
    click = fig["data"][1]
    pairs = zip(click["customdata"], click["text"], strict=True)
    return {tuple(pair): text for pair, text in pairs}


def rows(fig: dict) -> list[str]:
    """The row labels as drawn (long names shortened to fit the page)."""
    return fig["layout"]["yaxis"]["ticktext"]


def row_actors(fig: dict) -> list[str]:
    """The actor of each row, top to bottom (from the cells' click data)."""
    return list(dict.fromkeys(actor for actor, _issue in fig["data"][1]["customdata"]))


def columns(fig: dict) -> list[str]:
    return [t.replace("<br>", " ") for t in fig["layout"]["xaxis"]["ticktext"]]


def texts(at: AppTest) -> str:
    """Everything written as markdown or caption, joined."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


# -- matrix -----------------------------------------------------------------------------------
def test_matrix_draws_every_cell_as_of_the_latest_date(run):
    at = run(APP)
    assert at.date_input(key="asof").value == dt.date(2025, 4, 2)
    fig = figure(at)
    assert "As of 2025-04-02" in frame_text(fig)
    assert rows(fig) == ["France", "Poland", "Russia", "United States", "↳ Steve Witkoff"]
    assert columns(fig) == ["European troops in Ukraine", "Ukraine in NATO", "Sanctions relief"]
    drawn = cells(fig)
    assert drawn[("pol", "troops-to-ukraine")] == "−−ʳ"
    assert drawn[("usa", "nato-membership")] == "±"
    assert drawn[("witkoff", "sanctions-relief")] == "+ʳ"
    assert drawn[("rus", "nato-membership")] == ""


def test_changing_the_date_changes_the_cells(run):
    at = run(APP)
    at.date_input(key="asof").set_value(dt.date(2025, 2, 17)).run()
    fig = figure(at)
    assert "As of 2025-02-17" in frame_text(fig)
    drawn = cells(fig)
    assert drawn[("pol", "troops-to-ukraine")] == "−"
    assert drawn[("rus", "troops-to-ukraine")] == ""
    assert drawn[("usa", "nato-membership")] == "−−"


def test_filtering_issues_changes_the_columns(run):
    at = run(APP)
    at.multiselect(key="issues").set_value(["sanctions-relief", "nato-membership"]).run()
    fig = figure(at)
    assert columns(fig) == ["Ukraine in NATO", "Sanctions relief"]
    assert {issue for _, issue in cells(fig)} == {"nato-membership", "sanctions-relief"}


def test_row_filters_search_and_people(run):
    at = run(APP)
    at.multiselect(key="groups").set_value(["eu"]).run()
    assert rows(figure(at)) == ["France", "Poland"]
    at.multiselect(key="groups").set_value([]).run()
    at.text_input(key="q").input("envoy").run()
    assert rows(figure(at)) == ["Steve Witkoff"]
    at.text_input(key="q").input("").run()
    at.segmented_control(key="people").set_value("hidden").run()
    assert "↳ Steve Witkoff" not in rows(figure(at))
    at.multiselect(key="kinds").set_value(["bloc"]).run()
    assert not at.get("plotly_chart")
    assert any("No actor matches" in i.value for i in at.info)


def test_row_orders(run):
    at = run(APP)
    at.selectbox(key="order").set_value("group").run()
    fig = figure(at)
    assert rows(fig) == ["France", "Poland", "United States", "↳ Steve Witkoff", "Russia"]
    assert any("NATO members" in a["text"] for a in fig["layout"]["annotations"])
    at.selectbox(key="order").set_value("agreement").run()
    at.selectbox(key="ref").set_value("rus").run()
    assert rows(figure(at))[:2] == ["Russia", "Poland"]


def test_a_link_restores_date_filters_and_cell(run):
    at = run(
        APP,
        {
            "asof": "2025-02-17",
            "issues": ["European troops in Ukraine", "Ukraine in NATO"],
            "cell_actor": "Poland",
            "cell_issue": "European troops in Ukraine",
        },
    )
    assert at.date_input(key="asof").value == dt.date(2025, 2, 17)
    fig = figure(at)
    assert columns(fig) == ["European troops in Ukraine", "Ukraine in NATO"]
    click = fig["data"][1]  # the linked cell is selected, so framed
    assert [click["customdata"][i] for i in click["selectedpoints"]] == [
        ["pol", "troops-to-ukraine"]
    ]
    words = texts(at)
    assert "Poland on European troops in Ukraine" in words
    assert "We do not anticipate sending Polish soldiers to Ukraine" in words
    # the later position is listed too, marked as coming after the date
    assert "Rules out any Polish deployment" in words
    assert "after the as-of date" in words


def test_evidence_panel_shows_sources_and_escapes_data_text(run):
    at = run(APP, {"cell_actor": "France", "cell_issue": "European troops in Ukraine"})
    words = texts(at)
    assert "\\<script\\>alert\\(\\'x\\'\\)\\<\\/script\\>" in words
    assert "<script>" not in words
    assert "\\[kept\\]\\(javascript\\:alert\\(1\\)\\)" in words
    assert "Conditions" in words and "only after a peace deal" in words
    assert "[Europe divided over troops for Ukraine](https://example.org/brief-001)" in words
    at = run(APP, {"cell_actor": "Poland", "cell_issue": "European troops in Ukraine"})
    assert "[Poland rules out deployment](https://example.org/pol-april)" in texts(at)
    assert "Example News" in texts(at)


def test_picking_a_cell_with_the_keyboard_fallback(run):
    at = run(APP)
    assert any("Click a cell" in i.value for i in at.info)
    at.selectbox(key="cell_actor").set_value("usa").run()
    at.selectbox(key="cell_issue").set_value("nato-membership").run()
    words = texts(at)
    assert "United States on Ukraine in NATO" in words
    assert "Divided" in words
    assert "Pete Hegseth" in words and "Marco Rubio" in words


def test_matrix_of_193_states_scrolls_in_a_box(run):
    at = run(UNGA)
    fig = figure(at)
    assert len(rows(fig)) > 150
    assert fig["layout"]["height"] > 3000
    assert any("scroll inside the chart" in c.value for c in at.caption)
    # its title, subtitle and column labels are a chart of their own, kept in sight at the
    # top of the box while the rows scroll under it; the rows' chart does not repeat them
    head, body = (json.loads(c.proto.spec) for c in at.get("plotly_chart")[:2])
    assert [a["name"] for a in head["layout"]["annotations"]] == [TITLE, SUBTITLE]
    assert "As of 2025" in head["layout"]["annotations"][1]["text"]
    assert head["layout"]["xaxis"]["ticktext"] == fig["layout"]["xaxis"]["ticktext"]
    assert not head["data"] and body["data"][0]["name"] == "cells"
    assert {a.get("name") for a in body["layout"]["annotations"]}.isdisjoint({TITLE, SUBTITLE})
    assert body["layout"]["xaxis"]["showticklabels"] is False
    styles = [h.proto.body for h in at.get("html")]
    assert layout.sticky_style(matrix.HEAD_KEY) in styles
    at.date_input(key="asof").set_value(dt.date(2014, 3, 27)).run()
    drawn = cells(figure(at))
    assert drawn[("usa", "territorial-integrity")] == "++"
    assert drawn[("rus", "territorial-integrity")] == "−−"
    assert drawn[("usa", "return-of-children")] == ""


# -- broken data ------------------------------------------------------------------------------
@pytest.fixture
def broken(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(APP, data)
    (data / "stances" / "bad.yaml").write_text(
        "actor: rus\npositions:\n  - issue: nato-membership\n    date: 2025-02-20\n"
        "    stnace: oppose\n    '**bold**': x\n    sources: []\n",
        encoding="utf-8",
    )
    (data / "stances" / "syntax.yaml").write_text("actor: [unclosed\n", encoding="utf-8")
    return data


def test_broken_data_shows_a_banner_and_all_valid_data(run, broken):
    at = run(broken)
    assert at.warning, "no banner"
    assert "problems" in at.warning[0].value and "2 files" in at.warning[0].value
    links = at.get("page_link")
    assert links and "Data health" in links[0].proto.label
    drawn = cells(figure(at))
    assert drawn[("pol", "troops-to-ukraine")] == "−−ʳ"
    assert drawn[("usa", "nato-membership")] == "±"


def test_broken_data_is_told_where_it_is_missing(run, broken):
    """The matrix says it is incomplete; the actor's page and its cells say which file."""
    at = run(broken)
    assert "Incomplete: 5 problems in the data leave some records out" in frame_text(figure(at))
    at = run(broken, {"cell_actor": "Russia", "cell_issue": "Ukraine in NATO"})
    told = [w.value.replace("\\", "") for w in at.warning[1:]]
    assert told == [
        "4 problems in the data about Russia (stances/bad.yaml lines 3, 5, 6, 7): the "
        "positions with errors are left out of what is shown. See Data health."
    ]
    at = run(broken, {"actor": "Russia"}, page="actor")
    assert any("stances/bad.yaml lines 3" in w.value.replace("\\", "") for w in at.warning)
    at = run(broken, {"actor": "Poland"}, page="actor")
    assert len(at.warning) == 1  # only the banner: Poland's data is whole


def test_evidence_shows_the_cell_s_position_first_then_earlier_then_later(run):
    at = run(APP, {"cell_actor": "Poland", "cell_issue": "European troops in Ukraine"})
    dated = [m.value for m in at.markdown if m.value.startswith("**2025")]
    held = [p for p in load(APP).positions if (p.actor, p.issue) == ("pol", "troops-to-ukraine")]
    assert len(held) >= 2  # the fixture: an earlier and a later position
    assert len(dated) == len(held) and "current as of the date" in dated[0]
    assert any(
        c.value.startswith(f"{len(dated)} positions: 1 position at the present level")
        for c in at.caption
    )
    at = run(
        APP,
        {"cell_actor": "Poland", "cell_issue": "European troops in Ukraine", "asof": "2025-02-17"},
    )
    dated = [m.value for m in at.markdown if m.value.startswith("**2025")]
    assert "current as of the date" in dated[0]
    assert "after the as-of date" in dated[-1]


def test_health_page_lists_every_problem_with_its_place(run, broken):
    at = run(broken, page="health")
    assert at.warning  # the banner is on every page
    assert not at.get("page_link")  # ... without a link to the page it is on
    shown = at.table[0].value.reset_index()
    # st.table renders markdown: data text in it is escaped
    assert any("\\*\\*bold\\*\\*" in m for m in shown["message"])
    table = shown.map(lambda text: text.replace("\\", ""))
    assert list(table.columns) == ["where", "code", "message", "hint"]
    assert any(w.startswith("stances/bad.yaml:5:") for w in table["where"])
    assert any(w.startswith("stances/syntax.yaml:") for w in table["where"])
    assert "yaml-syntax" in set(table["code"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Problems"] == str(len(table))
    assert metrics["Actors"] == "6" and metrics["Issues"] == "3"


def test_missing_data_directory_does_not_break_the_pages(run, tmp_path):
    for page in (None, "health", "sources"):
        at = run(tmp_path / "nowhere", page=page)
        assert at.warning
        assert not at.exception


def test_an_edited_file_is_read_again_without_restart(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(APP, data)
    at = run(data)
    assert cells(figure(at))[("rus", "troops-to-ukraine")] == "−−"
    path = data / "stances" / "rus.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("oppose", "ambiguous"), "utf-8")
    at.run()
    assert cells(figure(at))[("rus", "troops-to-ukraine")] == "~"


# -- data health ------------------------------------------------------------------------------
def test_health_page_counts_coverage_and_old_positions(run):
    at = run(APP, page="health")
    assert not at.warning
    assert any("No problems" in s.value for s in at.success)
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics.pop("Files read")) >= 9
    assert metrics == {
        "Problems": "0",
        "Actors": "6",
        "Issues": "3",
        "Positions": "9",
        "Sources": "2",
        "Events": "1",
    }
    assert "12 of 18 (67%)" in texts(at)
    coverage = at.dataframe[0].value
    shares = list(coverage["share of actors"])
    # one format: whole percent
    assert shares == [f"{round(100 * n / 6)}%" for n in coverage["actors without a position"]]
    assert "0 cells as of 2025-04-02 are old" in texts(at)  # all of 2025: none over 12 months
    at.number_input(key="maxage").set_value(1).run()
    stale = at.table[-1].value  # a table whose text wraps: actor and issue in one column
    assert list(stale.columns) == ["Cell", "Position", "Last stated", "Where"]
    # Poland's "2025-02" can mean 28 February at the latest: before 2025-03-02, so old
    row = stale[stale["Cell"] == "**Poland**  \nUkraine in NATO"]
    assert [s.split("  \n")[0] for s in row["Last stated"]] == ["Feb 2025"]
    assert "**Poland**  \nEuropean troops in Ukraine" not in set(stale["Cell"])
    # 2025-04-01 is within the month
    assert f"{len(stale)} cells as of 2025-04-02 are old" in texts(at)
    at.date_input(key="asof").set_value(dt.date(2025, 2, 18)).run()
    assert "0 cells as of 2025-02-18 are old" in texts(at)
    assert "with no position on or before 2025-02-18: 13 of 18" in texts(at)
    at.number_input(key="maxage").set_value(0).run()
    assert "No age limit is set" in texts(at)


def test_health_page_shares_are_whole_percent_with_less_than_one(run):
    at = run(UNGA, page="health")
    coverage = at.dataframe[0].value
    shares = list(coverage["share of actors"])
    assert shares[0] == "2%"  # 3 of 193, not "1.55%"
    assert all(re.fullmatch(r"(<1|>99|\d{1,3})%", share) for share in shares)


# -- sources ----------------------------------------------------------------------------------
def test_sources_page_highlights_every_cited_quote(run):
    at = run(APP, page="sources")
    registry = at.dataframe[0].value
    assert list(registry["id"]) == ["brief-001", "brief-002"]
    assert list(registry["positions citing it"]) == [7, 0]
    assert registry.loc[0, "link"] == "https://example.org/brief-001"
    words = texts(at)
    assert ":orange-background[**We do not anticipate sending Polish soldiers to Ukraine**]" in (
        words
    )
    assert ":orange-background[**Russia rejected any deployment of troops from NATO" in words
    citing = at.table[0].value
    assert len(citing) == 7  # one row per position, as counted in the registry
    assert "Positions citing it (7)" in words
    assert "Inline sources (2)" in [h.value for h in at.subheader]


def test_sources_page_follows_the_source_in_the_url(run):
    at = run(APP, {"source": "Later briefing on sanctions"}, page="sources")
    words = texts(at)
    assert "No local text" in words
    assert "Positions citing it (0)" in words


def test_opening_another_page_after_choosing_a_date_works(run):
    # (that the date follows to the next page is checked in a real browser: AppTest keeps
    # the URL bindings of the page before, which a browser session drops)
    at = run(APP)
    at.date_input(key="asof").set_value(dt.date(2025, 2, 18)).run()
    open_page(at, "health")
    assert not at.exception
    assert at.metric[0].label == "Problems"


def test_searching_an_actor_whose_file_did_not_load_says_why_it_has_no_row(run, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(APP, data)
    (data / "stances" / "pol.yaml").write_text("actor: pol\npositions: [unclosed\n", "utf-8")
    at = run(data, {"q": "Poland"})
    assert any("No actor matches the filters" in i.value for i in at.info)
    assert any(
        "These match but have no position at any date, so no row: Poland" in c.value
        for c in at.caption
    )
    at = run(data)
    assert "(Poland: errors in the data)" in frame_text(figure(at))
    at = run(data, {"actor": "Poland"}, page="actor")
    told = [w.value.replace("\\", "") for w in at.warning[1:]]
    assert told == [
        "1 problem in the data about Poland (stances/pol.yaml line 2): stances/pol.yaml could "
        "not be read at all, so none of its positions are shown. See Data health."
    ]


def test_who_holds_a_level_filters_and_orders_the_rows(run, unga):
    """The student's question on 193 states: who voted no on the territorial integrity
    resolutions as of a date; the URL holds the answer."""
    issue, day = "territorial-integrity", dt.date(2022, 3, 2)
    label = unga.issues[issue].label
    matrix = queries.matrix_as_of(unga, day)
    no = sorted(a for a in matrix.index if matrix.at[a, issue] == "oppose")
    assert 0 < len(no) < len(matrix.index)
    at = run(UNGA, {"asof": day.isoformat(), "level_issue": label})
    assert len(rows(figure(at))) == len(matrix.index)  # an issue alone filters nothing
    at.multiselect(key="levels").set_value(["oppose"]).run()
    fig = figure(at)
    assert sorted(row_actors(fig)) == no
    assert f"({len(no)} of {len(matrix.index)} actors)" in frame_text(fig)
    # the same view from its link (a multiselect puts its options' labels in the URL)
    link = {"asof": day.isoformat(), "level_issue": label, "levels": controls.level_words("oppose")}
    at = run(UNGA, link)
    assert sorted(row_actors(figure(at))) == no
    # ordered by the level: support first, then the others down the scale, no position last
    at.multiselect(key="levels").set_value([]).run()
    at.selectbox(key="order").set_value("level").run()
    order = {a: i for i, a in enumerate(CELL_KEYS)}
    shown = [order[matrix.at[a, issue] or NO_POSITION] for a in row_actors(figure(at))]
    assert shown == sorted(shown) and shown[0] < shown[-1]
    assert any("Rows by their level on" in c.value for c in at.caption)


def _passage_query(ds, actor: str, issue: str, quote: str) -> dict[str, str]:
    """The query parameters of a quote's link, as the pages build it."""
    url = passage.url(ds, actor, issue, quote)
    assert url is not None
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_quote_link_opens_its_passage_emphasised_and_named(run):
    ds = load(APP)
    pol = next(p for p in ds.positions if p.actor == "pol" and p.citations[0].source)
    quote = pol.citations[0].quote
    who = passage.who(ds, pol.actor, pol.issue)
    at = run(APP, _passage_query(ds, pol.actor, pol.issue, quote), page="sources")
    words = texts(at)
    assert any(who in i.value for i in at.info)
    assert f":blue-background[**{md(quote)}**] :blue-badge[▶ {md(who)}]" in words
    # every other cited quote is highlighted and named too
    for p in ds.positions:
        for c in p.citations:
            if c.source == pol.citations[0].source and c.quote != quote:
                named = f":orange-background[**{md(c.quote)}**] :gray-badge["
                assert named in words and md(passage.who(ds, p.actor, p.issue)) in words
    # the script that scrolls to it is there, holding no data text
    (script,) = [e for e in at.get("html") if "scrollIntoView" in e.proto.body]
    assert quote not in script.proto.body


def _plain(markdown: str) -> str:
    """A line of the source text as shown, without its highlights, names and escapes."""
    markdown = re.sub(r" ?:(gray|blue)-badge\[(\\.|[^\]])*\]", "", markdown)
    markdown = re.sub(r":(orange|blue)-background\[\*\*|\*\*\]", "", markdown)
    return re.sub(r"\\(.)", r"\1", markdown)


def test_the_source_text_keeps_its_line_breaks(run):
    at = run(APP, page="sources")
    text = load(APP).texts["brief-001"]
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert len(lines) > len(text.split("\n\n"))  # some paragraphs are single line breaks apart
    shown = [_plain(m.value) for m in at.markdown]
    # each line of the text is a paragraph of its own, in order
    at_line = [shown.index(line) for line in lines]
    assert at_line == sorted(at_line) and at_line[-1] - at_line[0] == len(lines) - 1


def test_the_evidence_panel_links_each_quote_to_its_source_text(run):
    ds = load(APP)
    actor, issue = "pol", "troops-to-ukraine"
    at = run(
        APP,
        {
            "asof": "2025-04-16",
            "cell_actor": ds.actors[actor].name,
            "cell_issue": ds.issues[issue].label,
        },
    )
    words = texts(at)
    for p in history(ds, actor, issue):
        for c in p.citations:
            link = passage.link(ds, actor, issue, c.quote, c.source)
            if c.source in ds.sources:
                assert link and words.count(link) == 1
            else:
                assert link == ""


def test_each_position_in_the_evidence_panel_is_one_block_with_all_its_words(run):
    # one markdown block a position (a page opened mounts every element anew: a block per
    # line made six to nine elements a position): its date and level, speaker, every quote
    # with its source, and where it is recorded, data text escaped
    ds = load(APP)
    actor, issue = "pol", "troops-to-ukraine"
    at = run(APP, {"cell_actor": ds.actors[actor].name, "cell_issue": ds.issues[issue].label})
    blocks = [m.value for m in at.markdown]
    positions = history(ds, actor, issue)
    assert len(positions) >= 2
    for p in positions:
        place = f"Recorded in {md(p.path)}, line {p.line}"
        (block,) = [b for b in blocks if place in b]
        assert block.startswith(f"**{md(p.date.shown)}**")
        if p.speaker:
            assert f"Speaker: {md(p.speaker)}" in block
        for c in p.citations:
            assert f"> {md(c.quote)}" in block
            assert passage.link(ds, actor, issue, c.quote, c.source) in block
    assert not [c.value for c in at.caption if "Recorded in" in c.value]
