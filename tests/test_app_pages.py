"""The Change over time, Compare, Actor and Issue pages run through Streamlit's AppTest: the
controls (and the URL they are bound to) change what is drawn."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from components import passage
from components.compare import nobreak_dates
from components.holders import OPEN_UP_TO, matrix_url
from components.issue import safe_markdown
from components.safe import md
from standpoint import load, queries
from standpoint.cells import cell
from standpoint.charts import Chart
from standpoint.charts import figures as chart_figures
from standpoint.figures.common import SYMBOLS
from standpoint.figures.frame import frame_text, legend_top_px
from standpoint.timeline import focus_start, timeline_start
from standpoint.words import the
from tests.apptest import clear_caches, open_app
from tests.paths import APP, REPO, UNGA
from tests.tables import plain, urls
from tests.timeline_data import make


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("pages"))


@pytest.fixture
def run(monkeypatch):
    """Open a page of the dashboard on a data directory, with query parameters as if opened
    from a link."""

    def start(root: Path, page: str, query: dict | None = None) -> AppTest:
        return open_app(monkeypatch, root, page, query)

    yield start
    clear_caches()


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def title(fig: dict) -> str:
    return frame_text(fig)


def lanes(fig: dict) -> list[str]:
    return fig["layout"]["yaxis"]["categoryarray"]


def words(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


# -- change over time --------------------------------------------------------------------------
def test_change_issue_chart_follows_the_issue_and_filters(run, data):
    at = run(data, "change", {"asof": "2025-12-31"})
    (fig,) = figures(at)
    assert title(fig).startswith("Troops to Ukraine: who held which level, and when")
    assert lanes(fig) == ["United States", "France", "European Union", "Nowhere Land"]
    at.selectbox(key="issue").set_value("nato").run()
    (fig,) = figures(at)
    assert title(fig).startswith("Ukraine in NATO")
    names = [t["name"] for t in fig["data"] if t["type"] == "bar"]
    assert "±  Divided (statements on the same date disagree)" in names
    at.selectbox(key="issue").set_value("troops").run()
    at.text_input(key="q").input("fran").run()
    assert lanes(figures(at)[0]) == ["France"]
    at.text_input(key="q").input("").run()
    at.multiselect(key="kinds").set_value(["organisation"]).run()
    assert lanes(figures(at)[0]) == ["European Union"]


def test_change_chart_ends_on_the_as_of_date_and_starts_where_asked(run, data):
    at = run(data, "change", {"asof": "2022-06-01", "from": "2014-06-01"})
    (fig,) = figures(at)
    assert "2014-06-01 to 2022-06-01" in title(fig)
    assert fig["layout"]["xaxis"]["range"][0] < "2014-06-01" < fig["layout"]["xaxis"]["range"][1]
    assert lanes(fig) == ["United States"]  # nobody else had spoken yet
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert {t["name"] for t in bars} == {
        "++  Will deploy",
        "+  Leans support / supports with conditions",
    }


def test_change_by_actor_and_what_changed_from_a_link(run, data):
    at = run(data, "change", {"view": "By actor", "actor": "France", "asof": "2025-12-31"})
    (fig,) = figures(at)
    assert title(fig).startswith("France: levels on each issue over time")
    assert lanes(fig) == ["Troops to Ukraine", "Ukraine in NATO"]
    at = run(
        data,
        "change",
        {"view": "What changed", "cfrom": "2025-01-01", "cto": "2025-03-01"},
    )
    assert not at.get("plotly_chart")
    assert "**7 cells changed** after 2025-01-01" in words(at)
    table = plain(at.table[0])
    first = table.iloc[0]
    change = first["Change"].split("\n")
    assert (first["Actor"].split("\n")[0], change[0], change[1]) == (
        "United States",
        "+ Leans support / supports with conditions",
        "→ −− Rejects deployment",
    )
    assert first["Quote"].split("\n")[-1] == "No troops"
    at.date_input(key="cfrom").set_value(dt.date(2025, 2, 24)).run()
    assert "**0 cells changed**" in words(at)


def test_change_legends_read_in_scale_order_one_entry_to_a_row(run, data):
    query = {"issue": "Troops to Ukraine", "asof": "2025-12-31", "from": "2014-01-01"}
    at = run(data, "change", query)  # from 2014: the old event is on the chart
    (fig,) = figures(at)
    levels = [t["name"] for t in fig["data"] if t.get("legend") == "legend"]
    assert levels == [  # support ... oppose, top to bottom
        "++  Will deploy",
        "+  Leans support / supports with conditions",
        "~  Ambiguous, undecided or non-committal",
        "−−  Rejects deployment",
    ]
    layout = fig["layout"]
    for legend in (layout["legend"], layout["legend2"]):
        # one entry to a row, read top to bottom, below the lanes
        assert legend["traceorder"] == "normal"
        # one entry to a row, from the figure's left edge (not the plot's, right of the labels)
        assert legend["orientation"] == "v"
        assert (legend["xref"], legend["x"]) == ("container", 0)
        assert legend_top_px(fig, "legend") >= layout["height"] - layout["margin"]["b"]
    assert legend_top_px(fig, "legend") < legend_top_px(fig, "legend2")  # levels, then key
    key = [t["name"] for t in fig["data"] if t.get("legend") == "legend2"]
    assert key[0] == "1 · 2014 · An old event"
    assert key[-1].startswith("2025-12-31: the as-of date")
    # short lines (a chart 450 px wide shows them whole), dates never split
    for name in key:
        for line in name.split("<br>"):
            assert len(line) <= 66, line


def test_change_at_193_states_shows_the_first_lanes_and_all_on_request(run):
    at = run(UNGA, "change", {"issue": "Ukraine's territorial integrity (UNGA votes)"})
    (fig,) = figures(at)
    assert len(lanes(fig)) == 30
    assert "30 of 190 actors" in title(fig)
    at.selectbox(key="top").set_value("all").run()
    (fig,) = figures(at)
    assert len(lanes(fig)) == 190
    usa = [t for t in fig["data"] if t["type"] == "bar" and "United States" in t["y"]]
    assert {t["name"] for t in usa} == {"++  Voted yes", "−−  Voted no"}


# -- compare -----------------------------------------------------------------------------------
NB_HYPHEN = "\u2011"
DATE = re.compile(r"\d{4}[-\u2011]\d{2}(?:[-\u2011]\d{2})?")
UNGA8 = ["United States", "France", "Germany", "China", "India", "Brazil", "Russia", "South Africa"]
# the width inside an issue's box on a 1400 px screen, measured in Chromium (sidebar open),
# and the "small" gap between cards


def test_compare_two_actors_from_a_link(run, data):
    at = run(data, "compare", {"actors": ["United States", "France"], "asof": "2025-03-01"})
    assert at.multiselect(key="actors").value == ["usa", "fra"]
    (fig,) = figures(at)
    heat = fig["data"][0]
    assert heat["x"] == ["United States", "France"]
    assert heat["text"][0][1] == "0.00<br>n=1"
    assert heat["text"][1][1] == "1.00<br>n=2"
    # the levels at a glance: a static table (wraps at spaces, never scrolls sideways); the
    # symbol stays on the line of the level's first word
    assert not at.dataframe
    overview = at.table[0].value
    assert list(overview.columns) == ["Issue", "United States", "France"]
    assert overview.iloc[0].tolist() == [
        "**Troops to Ukraine**",
        "−\u2060−\u00a0Rejects deployment",  # a word joiner: "−−" never splits
        "\\+\u2060\\+\u00a0Will deploy",
    ]
    text = words(at)
    assert "“No troops”" in text
    assert "they are at opposite ends of the scale" in text
    # dates in the cards never split at their hyphens
    assert f"since 2025{NB_HYPHEN}02{NB_HYPHEN}24" in text
    assert "since 2025-02-24" not in text


def test_compare_page_heading_is_not_repeated_above_the_chart(run, data):
    at = run(data, "compare", {"actors": ["United States", "France"]})
    headings = [h.value for h in at.subheader]
    assert headings == ["Levels at a glance", "In their own words"]
    (fig,) = figures(at)
    assert title(fig).startswith("How much do they agree?")  # the chart keeps its title


def test_compare_eight_states_reads_without_scrolling_or_broken_words(run):
    at = run(UNGA, "compare", {"actors": UNGA8})
    assert len(at.multiselect(key="actors").value) == 8
    assert not at.dataframe  # no grid that scrolls sideways
    glance = at.table[0].value
    # more states than issues: the states down the side, the issues across (fewer columns)
    labels = [md(i.label) for i in load(UNGA).issues.values()]
    assert len(labels) < len(UNGA8)
    assert list(glance.columns) == ["Actor", *labels]
    assert list(glance["Actor"]) == [f"**{md(name)}**" for name in UNGA8]
    levels = glance.drop(columns="Actor").to_numpy().ravel()
    # a level's symbol and words are joined by a no-break space; the words wrap at spaces
    assert all("\u00a0" in cell for cell in levels)
    # a card for each state on each issue (how they fill their rows: tests/browser)
    names = [m.value for m in at.markdown]
    issues = len(labels)
    assert all(names.count(f"**{md(name)}**") == issues for name in UNGA8)
    dates = DATE.findall(words(at))
    assert dates and all("-" not in d for d in dates)


def test_compare_escapes_data_text_in_the_table_header(run, tmp_path):
    data = make(tmp_path)
    actors = data / "stances" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert "name: France" in text
    actors.write_text(text.replace("name: France", "name: '[France](http://x.org) *'"), "utf-8")
    at = run(data, "compare", {"actors": ["United States", "[France](http://x.org) *"]})
    header = list(at.table[0].value.columns)
    assert header == ["Issue", "United States", "\\[France\\]\\(http\\:\\/\\/x\\.org\\) \\*"]


def test_dates_on_compare_cards_never_break():
    assert nobreak_dates("UN General Assembly, 2025-02-24") == (
        f"UN General Assembly, 2025{NB_HYPHEN}02{NB_HYPHEN}24"
    )
    assert nobreak_dates("since 2025-04") == f"since 2025{NB_HYPHEN}04"
    assert nobreak_dates("A/RES/ES-11/7, 2014") == "A/RES/ES-11/7, 2014"


def test_compare_needs_two_actors_and_can_hide_agreed_issues(run, data):
    at = run(data, "compare", {"actors": ["France"]})
    assert not at.get("plotly_chart")
    assert any("at least 2" in i.value for i in at.info)
    at.multiselect(key="actors").set_value(["fra", "noiso"]).run()
    assert len(figures(at)) == 1
    shown = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert len(shown) == 3
    at.toggle(key="differ").set_value(True).run()
    shown = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert shown == []  # both support troops; nothing else is shared
    assert any("same level" in i.value for i in at.info)


# -- actor -------------------------------------------------------------------------------------
def test_actor_page_from_a_link(run, data):
    at = run(data, "actor", {"actor": "United States", "asof": "2020-06-01"})
    assert at.subheader[0].value == "United States"
    table = plain(at.table[0])
    assert table[["Issue", "Level"]].values.tolist() == [
        ["Troops to Ukraine", "++ Will deploy\nsince 2014"]
    ]
    text = words(at)
    assert "No stated position on: Ukraine in NATO\\, Nobody spoke" in text
    # a name in running text takes its article, by the one rule of standpoint.words
    assert f"#### Where {the('United States')} stands as of 2020-06-01" in text
    assert the("United States") == "the United States"
    (fig,) = figures(at)
    assert title(fig).startswith("United States: levels on each issue over time")
    # every position, with its quote, even those after the date
    assert any(line.startswith(">") and "No troops" in line for line in text.split("\n"))
    assert "after the as-of date" in text


def test_actor_page_links_to_the_people_who_speak_for_it(run, data):
    at = run(data, "actor", {"actor": "United States", "asof": "2025-12-31"})
    table = plain(at.table[0])
    assert table.set_index("Issue").loc["Ukraine in NATO", "Level"].startswith("±")
    at.button(key="goto-envoy").click().run()
    assert at.selectbox(key="actor").value == "envoy"
    assert at.subheader[0].value == "An Envoy"
    assert "Special envoy" in words(at)


def test_actor_page_escapes_names_and_labels(run, tmp_path):
    root = make(tmp_path / "data")
    for rel, old, new in [
        ("actors.yaml", "name: An Envoy", "name: '[An](https://e.org) *Envoy*'"),
        ("issues.yaml", "label: Ukraine in NATO", "label: '![NATO](https://e.org/p.png)'"),
    ]:
        path = root / "stances" / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    at = run(root, "actor", {"actor": "United States", "asof": "2025-12-31"})
    labels = [b.label for b in at.button] + [e.label for e in at.expander]
    assert "Speaks for it: \\[An\\]\\(https\\:\\/\\/e\\.org\\) \\*Envoy\\*" in labels
    assert any(label.startswith("\\!\\[NATO\\]") for label in labels)
    at.button(key="goto-envoy").click().run()
    assert at.subheader[0].value.startswith("\\[An\\]")


# -- issue -------------------------------------------------------------------------------------
def test_issue_page_distribution_map_and_positions(run, data):
    at = run(data, "issue", {"issue": "Troops to Ukraine", "asof": "2025-03-01"})
    assert at.subheader[0].value == "Troops to Ukraine"
    text = words(at)
    assert "Troops should be sent\\." in text
    assert "Whether troops go. **Bold** context." in text  # the description stays markdown
    dist, world = figures(at)
    bar = dist["data"][0]
    # a bar for each level held, none of length zero; the levels nobody holds named in words
    assert dict(zip(bar["y"], bar["x"], strict=True)) == {
        "++  Will deploy": 2,
        "~  Ambiguous, undecided or non-committal": 1,
        "−−  Rejects deployment": 1,
    }
    assert "No actor holds: + Leans support" in title(dist)
    located = {t["name"]: t["locations"] for t in world["data"] if t["type"] == "choropleth"}
    assert located == {
        "++  Will deploy: 1 state": ["FRA"],
        "−−  Rejects deployment: 1 state": ["USA"],
    }
    # France and the United States: the map shows the North Atlantic, not the whole world
    geo = world["layout"]["geo"]
    assert geo["projection"]["type"] == "mercator"
    assert geo["lonaxis"]["range"][0] < -66 and geo["lonaxis"]["range"][1] > 8
    config = json.loads(at.get("plotly_chart")[1].proto.config)
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    table = plain(at.table[0])
    assert table["Date"].tolist()[0] == "2025-02-24"
    assert sum(":blue-badge[current]" in cell for cell in table["Level"]) == 4


def test_issue_page_follows_the_picker(run, data):
    at = run(data, "issue", {"asof": "2025-03-01"})
    at.selectbox(key="issue").set_value("unused").run()
    assert at.subheader[0].value == "Nobody spoke"
    assert not at.get("plotly_chart")
    assert any("No actor has a position" in i.value for i in at.info)


def test_description_markdown_is_made_safe():
    text = (
        "See [the vote](https://un.org/x) and [bad](javascript:alert(1)) "
        "![pixel](https://tracker.example/p.png) <script>x</script> <https://a.b>\n"
        "[ref]: javascript:alert(2)\n"
    )
    out = safe_markdown(text)
    assert "[the vote](https://un.org/x)" in out
    assert "javascript" not in out
    assert "tracker.example" not in out
    assert "<" not in out and "&lt;script>" in out
    assert "[ref]:" not in out


@pytest.mark.parametrize(
    "text",
    [
        "![t](https://tracker.example/p.png 'single-quoted title')",
        "![a [nested] b](https://tracker.example/p.png)",
        "[![inside a link](https://tracker.example/p.png)](https://un.org/x)",
        "\\![escaped bang](https://tracker.example/p.png 'x')",
        "[x]: https://tracker.example/p.png\n![by reference][x]",
        "[text](javascript:alert(1) 'title')",
    ],
)
def test_description_markdown_forms_no_image_and_no_other_link(text):
    out = safe_markdown(text)
    # every bracket left unescaped belongs to a link to an http(s) URL
    bare = re.sub(r"\\.", "", out)
    assert "![" not in bare
    assert "javascript" not in out
    for start in (m.start() for m in re.finditer(r"\[", bare)):
        assert re.match(r"\[[^\[\]]*\]\(https?://[^)\s]+\)", bare[start:]), out


def test_change_by_actor_starts_where_most_positions_are(run, shipped):
    dates = [p.date.start for p in shipped.positions if p.actor == "usa"]
    as_of = max(dates)
    start = focus_start(dates, as_of)
    assert start is not None and min(dates) < start  # old positions, most of them recent
    query = {"view": "By actor", "actor": "United States", "asof": as_of.isoformat()}
    at = run(REPO, "change", query)
    (fig,) = figures(at)
    first, _ = fig["layout"]["xaxis"]["range"]
    assert first < start.isoformat()
    assert first > (start - dt.timedelta(days=31)).isoformat()  # not back to the oldest
    assert f"The chart starts on {start.isoformat()}, where most positions are" in words(at)
    # asked to start before the oldest position, it shows them all
    before = min(dates) - dt.timedelta(days=31)
    at = run(REPO, "change", {**query, "from": before.isoformat()})
    (fig,) = figures(at)
    assert fig["layout"]["xaxis"]["range"][0] < min(dates).isoformat()
    assert "The chart starts on" not in words(at)


def test_change_by_issue_starts_where_most_positions_are_as_its_export_does(run, shipped):
    as_of = max(p.date.start for p in shipped.positions)
    started = [i for i in shipped.issues if timeline_start(shipped, as_of, issue=i)]
    if not started:
        pytest.skip("no issue of the shipped data has a few old positions and many recent")
    issue = started[0]
    query = {"issue": shipped.issues[issue].label, "asof": as_of.isoformat(), "top": "all"}
    at = run(REPO, "change", query)
    (fig,) = figures(at)
    start = timeline_start(shipped, as_of, issue=issue)
    assert start is not None
    first = fig["layout"]["xaxis"]["range"][0]
    assert (start - dt.timedelta(days=31)).isoformat() < first <= start.isoformat()
    assert f"The chart starts on {start.isoformat()}, where most positions are" in words(at)
    # the slide of the same chart starts on the same date and says so
    (slide,) = chart_figures(shipped, Chart("timeline", as_of, issue=issue))
    assert str(slide.layout.xaxis.range[0])[:10] == first[:10]


def test_issue_page_names_who_holds_each_level(run, unga):
    """Under the counts, the names at each level: the states that voted no, found among 193."""
    issue, day = "territorial-integrity", "2025-03-01"
    at = run(UNGA, "issue", {"issue": unga.issues[issue].label, "asof": day})
    matrix = queries.matrix_as_of(unga, dt.date.fromisoformat(day))
    labels = unga.issues[issue].labels
    boxes = {e.label: e for e in at.expander if e.label != "Alt text and speaker note"}
    for key in ("support", "ambiguous", "oppose"):
        held = sorted(unga.actors[a].name for a in matrix.index if matrix.at[a, issue] == key)
        title = f"{SYMBOLS[key]} {labels[key]}: {len(held)} actor{'s' if len(held) != 1 else ''}"
        box = boxes[md(title)]
        listed = box.markdown[0].value
        assert [n for n in held if md(n) not in listed] == []
        assert listed.count(", ") == len(held) - 1
        # a short list is shown open, a long one closed
        assert box.proto.expanded == (len(held) <= OPEN_UP_TO)
        url = matrix_url(unga, issue, key, dt.date.fromisoformat(day))
        assert box.markdown[1].value == f"[Show them in the matrix]({url})"
        if key == "oppose":  # the link opens the matrix of those who hold the level
            query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
            matrix_page = run(UNGA, urlsplit(url).path, query)
            (fig, *_) = figures(matrix_page)
            shown = dict.fromkeys(a for a, _ in fig["data"][1]["customdata"])  # row actors
            assert sorted(unga.actors[a].name for a in shown) == held
    assert len(boxes) == 3  # only the levels somebody holds


# -- quotes link to their source text ----------------------------------------------------------
APP_DATA = APP
LATE = "2025-04-16"


def _linked(ds, actor: str, issue: str) -> list[str]:
    """The link of each quote of the actor's cell on the issue as of LATE, from a registry
    source (as every page builds it)."""
    made = cell(ds, actor, issue, dt.date.fromisoformat(LATE)).latest
    return [
        passage.url(ds, actor, issue, c.quote, c.source)
        for p in made
        for c in p.citations
        if c.source in ds.sources
    ]


def test_compare_cards_link_their_quotes_to_the_source_text(run):
    ds = load(APP_DATA)
    at = run(APP_DATA, "compare", {"actors": ["France", "Russia"], "asof": LATE})
    captions = "\n".join(c.value for c in at.caption)
    expected = [u for a in ("fra", "rus") for i in ds.issues for u in _linked(ds, a, i)]
    assert expected
    for url in expected:
        assert f"]({url})" in captions


def test_actor_and_issue_tables_link_each_quote_to_its_source_text(run):
    ds = load(APP_DATA)
    at = run(APP_DATA, "actor", {"actor": "France", "asof": LATE})
    table = plain(at.table[0])
    expected = {ds.issues[i].label: _linked(ds, "fra", i) for i in ds.issues}
    for label, quote in zip(table["Issue"], table["Quote"], strict=True):
        link = quote.split("\n")[-1]  # the quote's cell ends with its link, when it has one
        assert (link if link.startswith("sources?") else None) == (
            expected[label][0] if expected[label] else None
        )
    assert urls(at.table[0])
    # every position below: its quotes' links too
    words = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    for p in (p for p in ds.positions if p.actor == "fra"):
        for c in p.citations:
            assert passage.link(ds, "fra", p.issue, c.quote, c.source) in words
    issue = "troops-to-ukraine"
    at = run(APP_DATA, "issue", {"issue": ds.issues[issue].label, "asof": LATE})
    table = plain(at.table[0])
    positions = [p for p in ds.positions if p.issue == issue]
    wanted = sorted(
        "\n".join(
            x
            for x in (
                p.summary,
                p.citations[0].quote,
                passage.url(ds, p.actor, issue, p.citations[0].quote),
            )
            if x
        )
        for p in positions
    )
    assert sorted(table["Quote"]) == wanted
    assert len(urls(at.table[0])) == sum(p.citations[0].source is not None for p in positions)


def test_every_chart_has_downloads_and_its_alt_text_and_speaker_note(run, data):
    at = run(data, "issue", {"issue": "Troops to Ukraine", "asof": "2025-12-31"})
    charts = len(at.get("plotly_chart"))
    buttons = [b.proto.label for b in at.get("download_button")]
    assert charts >= 2  # the counts and the map
    assert buttons.count("CSV") == charts and buttons.count("JSON") == charts
    if shutil.which("chromium") or shutil.which("chromium-browser"):
        assert buttons.count("PNG 16:9") == charts and buttons.count("PDF") == charts
    words = [c.value for c in at.code]
    assert len(words) == 2 * charts  # an alt text and a speaker note for each chart
    assert all("2025-12-31" in w for w in words)
    assert any(w.startswith("A map of states") for w in words)


def test_compare_levels_at_a_glance_leave_out_issues_none_of_them_holds(run):
    # as the matrix leaves out empty rows: an issue on which none of the chosen actors holds
    # a position has no row of blanks in the table; a line under it names it
    from standpoint.agreement import compare

    ds, as_of = load(REPO), dt.date(2025, 4, 16)
    chosen = list(queries.matrix_as_of(ds, as_of).index)[:5]
    table = compare(ds, chosen, as_of)
    held = table.groupby("issue")["stance"].apply(lambda s: s.notna().any())
    blank = [i for i in ds.issues if not held[i]]
    assert blank and len(blank) < len(ds.issues)  # the shipped data has one at this date
    names = [ds.actors[a].name for a in chosen]
    at = run(REPO, "compare", {"actors": names, "asof": as_of.isoformat()})
    glance = at.table[0].value
    shown = " ".join(map(str, [*glance.columns, *glance.to_numpy().ravel()]))
    for issue in ds.issues:
        assert (md(ds.issues[issue].label) in shown) == (issue not in blank), issue
    said = [c.value for c in at.caption if c.value.startswith("Left out:")]
    assert said and all(md(ds.issues[i].label) in said[0] for i in blank)
