"""Property-based tests of the small parsers: dates and quote matching."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from standpoint.dates import parse_date
from standpoint.quotes import find_spans, normalise, occurs_in

TYPOGRAPHIC = {"'": "\u2019", '"': "\u201c", "-": "\u2013"}
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
plain = st.text(alphabet="abcdefghij ABC.,'\"-\n\t", min_size=1, max_size=120)


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_real_date_parses_at_each_precision(day):
    text = day.isoformat()
    assert parse_date(text).start == day
    assert parse_date(text[:7]).start == day.replace(day=1)
    assert parse_date(text[:4]).start == day.replace(month=1, day=1)


@given(words)
def test_parse_date_accepts_or_refuses_but_never_crashes(text):
    try:
        parsed = parse_date(text)
    except ValueError:
        return
    assert parsed.precision in {"day", "month", "year"}


@settings(max_examples=200)
@given(plain, st.data())
def test_any_passage_of_a_text_is_found_despite_case_space_and_typography(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(normalise(quote).strip(".") and "..." not in quote)
    varied = "".join(TYPOGRAPHIC.get(c, c) for c in quote.upper()).replace(" ", "  \n")
    assert occurs_in(varied, normalise(text))
    spans = find_spans(varied, text)
    assert spans and all(0 <= a < b <= len(text) for a, b in spans)


@settings(max_examples=200)
@given(plain, plain, plain)
def test_an_ellipsis_stands_for_any_omitted_text(a, middle, b):
    text = a + middle + b
    assume(normalise(a).strip(".") and normalise(b).strip(".") and "..." not in text)
    assert occurs_in(f"{a} ... {b}", normalise(text))
    assert occurs_in(f"{a}…{b}", normalise(text))
