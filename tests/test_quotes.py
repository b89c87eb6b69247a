"""Quote matching: FORMAT.md says matching ignores differences of whitespace, letter case, and
typographic versus straight quotes, apostrophes and dashes; an ellipsis (``...`` or ``…``) in a
quote stands for omitted text.

Every case runs twice: through :mod:`standpoint.quotes` and through the loader (a source with a
local text file and a position citing it), so the two cannot drift apart.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from standpoint.quotes import find_all_spans, find_spans, normalise, occurs_in
from tests.validation_helpers import copy_valid, load_dir

TEXT = (
    "Warsaw, 17 February 2025 \u2013 Prime Minister Donald Tusk said: \u201cWe do not\n"
    "anticipate sending Polish soldiers to Ukraine.\u201d He added that Poland\u2019s  forces\n"
    "were needed on its own borders \u2014 \u2018for now\u2019.\r\n"
    'Rubio: "It\'s not on the table" - a long-standing view.\tEnd.'
)

# (name, quote, matches)
CASES = [
    ("exact", "Prime Minister Donald Tusk said", True),
    ("straight-for-typographic-double", '"We do not anticipate', True),
    ("typographic-for-straight-double", "\u201cIt's not on the table\u201d", True),
    ("straight-apostrophe-for-typographic", "Poland's forces", True),
    ("typographic-apostrophe-for-straight", "It\u2019s not on the table", True),
    ("straight-single-quotes", "borders - 'for now'", True),
    ("hyphen-for-en-dash", "17 February 2025 - Prime Minister", True),
    ("hyphen-for-em-dash", "own borders - 'for now'", True),
    ("em-dash-for-hyphen", 'table" \u2014 a long-standing view', True),
    ("en-dash-for-em-dash", "own borders \u2013 \u2018for now", True),
    ("line-break-in-text", "We do not anticipate sending Polish soldiers", True),
    ("line-break-in-quote", "We do not\nanticipate\n sending", True),
    ("double-space-in-text", "Poland's forces were needed", True),
    ("double-space-in-quote", "Polish  soldiers   to Ukraine", True),
    ("tab-in-text", "a long-standing view. End.", True),
    ("crlf-in-text", "'for now'. Rubio:", True),
    ("upper-case", "WE DO NOT ANTICIPATE SENDING POLISH SOLDIERS", True),
    ("mixed-case", "wE dO nOt", True),
    ("ellipsis-three-dots", "We do not anticipate ... to Ukraine", True),
    ("ellipsis-character", "We do not anticipate \u2026 to Ukraine", True),
    ("ellipsis-without-spaces", "We do not anticipate...to Ukraine", True),
    ("ellipsis-across-lines", "Donald Tusk said ... Poland's forces ... own borders", True),
    ("ellipsis-at-start", "... sending Polish soldiers", True),
    ("ellipsis-at-end", "sending Polish soldiers ...", True),
    ("everything-at-once", "\u201cWE DO NOT ANTICIPATE\u2026 POLAND'S FORCES were  needed", True),
    ("different-quote", "We will send Polish soldiers to Ukraine", False),
    ("one-word-changed", "We do not anticipate sending German soldiers", False),
    ("extra-word", "We do not at all anticipate sending", False),
    ("out-of-order-pieces", "to Ukraine ... We do not anticipate", False),
    ("out-of-order-with-character", "own borders \u2026 Donald Tusk", False),
    ("piece-used-twice", "Polish soldiers ... Polish soldiers", False),
    ("longer-than-text", TEXT + " And more.", False),
    ("only-an-ellipsis", "...", False),
    ("words-from-another-source", "sanctions would stay in place", False),
]


def matches_via_module(text: str, quote: str) -> bool:
    return occurs_in(quote, normalise(text))


def matches_via_loader(tmp_path: Path, text: str, quote: str) -> bool:
    data = copy_valid(tmp_path / "data")
    (data / "seeds/quote.txt").write_text(text, encoding="utf-8", newline="")
    sources = data / "seeds/sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "  - id: seed-quote\n    title: Quote test\n    published: 2025\n    file: quote.txt\n",
        encoding="utf-8",
    )
    position = {
        "actor": "gbr",
        "positions": [
            {
                "issue": "territory",
                "date": "2025-02-18",
                "stance": "support",
                "sources": [{"source": "seed-quote", "quote": quote}],
            }
        ],
    }
    gbr = data / "stances/gbr.yaml"
    gbr.write_text(yaml.safe_dump(position, allow_unicode=True), encoding="utf-8")
    ds = load_dir(data)
    problems = {(p.path, p.code) for p in ds.problems}
    refused = {("stances/gbr.yaml", "quote-not-found"), ("stances/gbr.yaml", "quote-empty")}
    assert problems <= refused, ds.problems
    found = not problems
    assert found == any(p.actor == "gbr" for p in ds.positions)
    return found


@pytest.mark.parametrize(("name", "quote", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quote_matching_module(name: str, quote: str, expected: bool) -> None:
    assert matches_via_module(TEXT, quote) is expected


@pytest.mark.parametrize(("name", "quote", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quote_matching_through_loader(
    tmp_path: Path, name: str, quote: str, expected: bool
) -> None:
    assert matches_via_loader(tmp_path, TEXT, quote) is expected


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("We do not anticipate", True),  # quote straight, text straight
        ("\u201cYes\u201d, he said", True),
        ("\u201cNo\u201d, he said", False),
    ],
)
def test_text_with_straight_quotes(quote: str, expected: bool) -> None:
    text = '"Yes", he said. We do not anticipate it.'
    assert matches_via_module(text, quote) is expected


def test_nonbreaking_and_other_unicode_spaces() -> None:
    text = "the talks\u00a0were \u201ca first\u2009step\u201d"
    assert matches_via_module(text, 'the talks were "a first step"')


def test_find_spans_cover_the_pieces() -> None:
    quote = "we do not ... to ukraine"
    spans = find_spans(quote, TEXT)
    assert len(spans) == 2
    first, second = (TEXT[a:b] for a, b in spans)
    assert first == "We do not"
    assert second == "to Ukraine"
    assert spans[0][1] <= spans[1][0]


def test_find_spans_empty_when_absent() -> None:
    assert find_spans("to Ukraine ... We do not", TEXT) == []
    assert find_spans("Germany", TEXT) == []


def test_find_all_spans_gives_each_quote_its_own_spans() -> None:
    quotes = ["we do not ... to ukraine", "Germany", "Poland's forces"]
    assert find_all_spans(quotes, TEXT) == [find_spans(q, TEXT) for q in quotes]
    assert find_all_spans(quotes, TEXT)[1] == [] and find_all_spans(quotes, TEXT)[2]
