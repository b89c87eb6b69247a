"""The Change over time, Compare, Actor and Issue pages run through Streamlit's AppTest: the
controls (and the URL they are bound to) change what is drawn."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from components.issue import safe_markdown
from tests.paths import UNGA
from tests.timeline_data import make

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make(tmp_path_factory.mktemp("pages"))


@pytest.fixture
def run(monkeypatch):
    """Open a page of the dashboard on a data directory, with query parameters as if opened
    from a link."""

    def start(root: Path, page: str, query: dict | None = None) -> AppTest:
        monkeypatch.setenv("STANDPOINT_DATA", str(root))
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        # open the page directly, as a copied link does (callable pages have no file for
        # AppTest.switch_page; st.Page hashes its url path)
        at._page_hash = calc_hash(page)
        at.query_params.update(query or {})
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    yield start
    st.cache_data.clear()
    st.cache_resource.clear()


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def title(fig: dict) -> str:
    return fig["layout"]["title"]["text"]


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
    table = at.dataframe[0].value
    first = table.iloc[0]
    assert (first["Actor"], first["Before"], first["After"]) == (
        "United States",
        "+ Leans support / supports with conditions",
        "−− Rejects deployment",
    )
    assert first["Quote"] == "No troops"
    at.date_input(key="cfrom").set_value(dt.date(2025, 2, 24)).run()
    assert "**0 cells changed**" in words(at)


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
def test_compare_two_actors_from_a_link(run, data):
    at = run(data, "compare", {"actors": ["United States", "France"], "asof": "2025-03-01"})
    assert at.multiselect(key="actors").value == ["usa", "fra"]
    (fig,) = figures(at)
    heat = fig["data"][0]
    assert heat["x"] == ["United States", "France"]
    assert heat["text"][0][1] == "0.00<br>n=1"
    assert heat["text"][1][1] == "1.00<br>n=2"
    overview = at.dataframe[0].value
    assert list(overview.columns) == ["Issue", "United States", "France"]
    assert overview.iloc[0].tolist() == [
        "Troops to Ukraine",
        "−− Rejects deployment",
        "++ Will deploy",
    ]
    text = words(at)
    assert "“No troops”" in text
    assert "they are at opposite ends of the scale" in text


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
    table = at.dataframe[0].value
    assert table[["Issue", "Level", "Since"]].values.tolist() == [
        ["Troops to Ukraine", "++ Will deploy", "2014"]
    ]
    text = words(at)
    assert "No stated position on: Ukraine in NATO\\, Nobody spoke" in text
    (fig,) = figures(at)
    assert title(fig).startswith("United States: levels on each issue over time")
    # every position, with its quote, even those after the date
    assert any(line.startswith(">") and "No troops" in line for line in text.split("\n"))
    assert "after the as-of date" in text


def test_actor_page_links_to_the_people_who_speak_for_it(run, data):
    at = run(data, "actor", {"actor": "United States", "asof": "2025-12-31"})
    table = at.dataframe[0].value
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
    assert dict(zip(bar["y"], bar["x"], strict=True))["++  Will deploy"] == 2
    assert dict(zip(bar["y"], bar["x"], strict=True))["−−  Rejects deployment"] == 1
    located = {t["name"]: t["locations"] for t in world["data"] if t["type"] == "choropleth"}
    assert located == {"++  Will deploy (1)": ["FRA"], "−−  Rejects deployment (1)": ["USA"]}
    config = json.loads(at.get("plotly_chart")[1].proto.config)
    assert config["topojsonURL"].startswith("data:application/json;base64,")
    table = at.dataframe[0].value
    assert table["Date"].tolist()[0] == "2025-02-24"
    assert table["Current"].tolist().count(True) == 4


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
