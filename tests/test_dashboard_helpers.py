"""Pure helpers of the dashboard: safe markdown, links, quote highlighting, health tables."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as hyp

from components.controls import unique_labels
from components.safe import (
    CITED,
    PLAIN,
    TARGET,
    WHO,
    WHO_TARGET,
    Mark,
    highlighted_markdown,
    link,
    marked_lines,
    md,
    safe_url,
    text_lines,
)
from standpoint import load
from standpoint.health import coverage_gaps, problems_frame
from standpoint.problems import problem
from standpoint.quotes import find_spans
from tests.paths import APP


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


def test_every_line_of_a_text_is_a_paragraph_of_its_own():
    """Texts whose paragraphs are separated by single line breaks keep them."""
    text = "First line.\nSecond line.  \n\n\nThird, after blank lines.\n"
    assert [text[a:b] for a, b in text_lines(text)] == [
        "First line.",
        "Second line.",
        "Third, after blank lines.",
    ]
    crlf = "one\r\ntwo"
    assert [crlf[a:b] for a, b in text_lines(crlf)] == ["one", "two"]


def test_marked_lines_highlight_quotes_and_name_whose_words_they_are():
    text = "Alpha said hello there.\nBeta replied: no way, never."
    hello = find_spans("hello there", text)
    never = find_spans("no way ... never", text)  # two spans: the ellipsis leaves words out
    assert len(never) == 2
    lines = marked_lines(text, [Mark(tuple(hello), "Alpha on X"), Mark(tuple(never), "Beta on Y")])
    assert lines[0] == [
        ("Alpha said ", PLAIN),
        ("hello there", CITED),
        ("Alpha on X", WHO),
        (".", PLAIN),
    ]
    # the name follows the quote's last words only
    assert lines[1] == [
        ("Beta replied: ", PLAIN),
        ("no way", CITED),
        (", ", PLAIN),
        ("never", CITED),
        ("Beta on Y", WHO),
        (".", PLAIN),
    ]


def test_the_linked_quote_stands_out_where_quotes_overlap():
    text = "He said we will never send troops there."
    wide = tuple(find_spans("we will never send troops", text))
    narrow = tuple(find_spans("never send", text))
    (line,) = marked_lines(
        text, [Mark(wide, "A on X"), Mark(narrow, "B on X", True), Mark(wide, "C on X")]
    )
    assert line == [
        ("He said ", PLAIN),
        ("we will ", CITED),
        ("never send", TARGET),
        ("B on X", WHO_TARGET),
        (" troops", CITED),
        ("A on X; C on X", WHO),  # quotes ending together share one name piece
        (" there.", PLAIN),
    ]
    # a quote across a line break is marked on both lines, named after its end
    text = "Start of it\nend of it. More."
    (first, second) = marked_lines(text, [Mark(tuple(find_spans("of it end of it", text)), "Z")])
    assert first == [("Start ", PLAIN), ("of it", CITED)]
    assert second == [("end of it", CITED), ("Z", WHO), (". More.", PLAIN)]


def test_highlighted_markdown_escapes_inside_and_outside_highlights():
    out = highlighted_markdown(
        [("a *b* ", PLAIN), ("[c](x)", CITED), ("P [x]", WHO), (" d", PLAIN), ("e", TARGET)]
    )
    assert out == (
        "a \\*b\\* :orange-background[**\\[c\\]\\(x\\)**] :gray-badge[P \\[x\\]] d"
        ":blue-background[**e**]"
    )
    assert highlighted_markdown([("f", TARGET), ("Q", WHO_TARGET)]) == (
        ":blue-background[**f**] :blue-badge[▶ Q]"
    )


def test_quote_spans_in_a_source_text_are_highlighted(ds):
    text = ds.texts["brief-001"]
    quote = "We do not anticipate sending Polish soldiers to Ukraine"
    lines = marked_lines(text, [Mark(tuple(find_spans(quote, text)), "Poland")])
    assert [p for line in lines for p, kind in line if kind == CITED] == [quote]


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


@given(
    text=hyp.text(alphabet="ab “”.\n \r\t", max_size=60),
    quotes=hyp.lists(hyp.text(alphabet="ab. ", min_size=1, max_size=6), max_size=4),
    aimed=hyp.integers(min_value=-1, max_value=3),
)
def test_marked_lines_keep_every_line_whole_and_name_every_quote_found(text, quotes, aimed):
    marks = [Mark(tuple(find_spans(q, text)), f"who{i}", i == aimed) for i, q in enumerate(quotes)]
    lines = marked_lines(text, marks)
    # the text's words, line by line, nothing lost, nothing added, no line merged with another
    assert ["".join(p for p, kind in line if kind not in (WHO, WHO_TARGET)) for line in lines] == [
        text[a:b] for a, b in text_lines(text)
    ]
    assert all("\n" not in p and "\r" not in p for line in lines for p, _ in line)
    # each quote found is named once, after its last words
    names = [p for line in lines for p, kind in line if kind in (WHO, WHO_TARGET)]
    found = sorted(m.who for m in marks if m.spans)
    assert sorted(n for p in names for n in p.split("; ")) == found
    kinds = {kind for line in lines for _, kind in line}
    assert (TARGET in kinds) == any(m.target and m.spans for m in marks)


def test_the_data_fingerprint_names_every_file_under_stances_and_seeds(tmp_path):
    """What the app's change detection sees: every file under stances/ and seeds/ (at any
    depth), with its time and size, and nothing else; an edit or a new file changes it."""
    import os

    from components.data import fingerprint

    (tmp_path / "stances" / "people").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "other").mkdir()
    files = ["stances/usa.yaml", "stances/people/witkoff.yaml", "seeds/a.txt", "actors.yaml"]
    for name in [*files, "other/x.yaml"]:
        (tmp_path / name).write_text(name, encoding="utf-8")
    got = fingerprint(tmp_path)
    expected = []
    for name in files[:3]:
        stat = os.stat(tmp_path / name)
        expected.append((name, stat.st_mtime_ns, stat.st_size))
    assert got == tuple(sorted(expected))
    (tmp_path / "stances" / "people" / "witkoff.yaml").write_text("longer now", encoding="utf-8")
    assert fingerprint(tmp_path) != got
    (tmp_path / "seeds" / "more").mkdir()
    (tmp_path / "seeds" / "more" / "b.txt").write_text("b", encoding="utf-8")
    assert "seeds/more/b.txt" in [name for name, _, _ in fingerprint(tmp_path)]
