"""Pure helpers of the dashboard: safe markdown, links, quote highlighting, health tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from components.controls import unique_labels
from components.safe import highlighted_markdown, link, md, merge, paragraphs, safe_url, segments
from standpoint import load
from standpoint.health import coverage_gaps, problems_frame
from standpoint.problems import problem
from standpoint.quotes import find_spans

APP = Path(__file__).parent / "fixtures" / "app"


@pytest.fixture(scope="module")
def ds():
    return load(APP, today=dt.date(2026, 1, 1))


def test_md_escapes_every_markdown_construct():
    text = "<script>x</script> *b* _i_ [a](javascript:y) ![i](http://t/p.png) :red[x] $m$ `c` #h"
    out = md(text)
    for raw in ("<script>", "*b*", "_i_", "[a](", "![i]", ":red[", "$m$", "`c`"):
        assert raw not in out
    # every punctuation character is escaped, the letters are kept
    assert out.replace("\\", "") == text
    assert md("line one\n\n# two") == "line one \\# two"
    assert md(None) == ""


def test_safe_url_allows_only_http_and_https():
    assert safe_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    assert safe_url("http://example.org/x") == "http://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("ftp://example.org/x") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("https:///nohost") is None
    assert safe_url(None) is None
    # parentheses and spaces cannot end the markdown link early
    assert safe_url("https://e.org/a (b)") == "https://e.org/a%20%28b%29"


def test_link_falls_back_to_text():
    assert link("Title [x]", "https://e.org/") == "[Title \\[x\\]](https://e.org/)"
    assert link("Title", "javascript:alert(1)") == "Title"


def test_segments_split_paragraphs_and_mark_spans():
    text = "First para has a quote.\n\nSecond para\ncontinues here."
    start = text.index("quote")
    spans = [(start, start + 5), (text.index("para\n"), text.index("continues") + 9)]
    out = segments(text, spans)
    assert out[0] == [("First para has a ", False), ("quote", True), (".", False)]
    assert out[1] == [("Second ", False), ("para\ncontinues", True), (" here.", False)]
    assert paragraphs(text) == [(0, 23), (25, len(text))]
    assert merge([(5, 9), (1, 3), (2, 6)]) == [(1, 9)]


def test_highlighted_markdown_escapes_inside_and_outside_highlights():
    out = highlighted_markdown([("a *b* ", False), ("[c](x)", True), (" d", False)])
    assert out == "a \\*b\\* :orange-background[**\\[c\\]\\(x\\)**] d"


def test_quote_spans_in_a_source_text_are_highlighted(ds):
    text = ds.texts["brief-001"]
    spans = find_spans("We do not anticipate sending Polish soldiers to Ukraine", text)
    marked = [p for para in segments(text, spans) for p, on in para if on]
    assert marked == ["We do not anticipate sending Polish soldiers to Ukraine"]


def test_unique_labels_disambiguate_shared_names():
    labels = unique_labels(["a", "b", "c"], {"a": "Georgia", "b": "Georgia", "c": "Chad"}.get)
    assert labels == {"a": "Georgia (a)", "b": "Georgia (b)", "c": "Chad"}


def test_problems_frame_lists_location_code_message_hint():
    frame = problems_frame(
        [
            problem(
                "stances/b.yaml", 3, 5, "stance-invalid", allowed="x", value="y", suggestion="z"
            ),
            problem("stances/a.yaml", 9, 1, "no-source"),
        ]
    )
    assert list(frame.columns) == ["where", "code", "message", "hint"]
    assert list(frame["where"]) == ["stances/a.yaml:9:1", "stances/b.yaml:3:5"]
    assert frame.loc[1, "code"] == "stance-invalid"
    assert frame.loc[0, "hint"]


def test_coverage_gaps_count_pairs_without_a_position(ds):
    gaps = coverage_gaps(ds, dt.date(2025, 4, 16))
    # 6 actors x 3 issues = 18 pairs; 6 of them hold a position by that date
    assert len(gaps) == 18 - 6
    pairs = set(zip(gaps["actor_id"], gaps["issue_id"], strict=True))
    assert ("pol", "troops-to-ukraine") not in pairs
    assert ("rus", "sanctions-relief") in pairs
    early = coverage_gaps(ds, dt.date(2025, 2, 17))
    assert ("rus", "troops-to-ukraine") in set(
        zip(early["actor_id"], early["issue_id"], strict=True)
    )
