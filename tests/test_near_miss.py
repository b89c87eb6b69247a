"""Help for a quote that is not found: the closest passage of the source text (its line and
words) and how the quote differs, on real passages of the shipped seeds, misquoted."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from standpoint import load
from standpoint.near_miss import closest
from tests.datadir import data_dir, positions_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_with(words: str) -> tuple[str, int]:
    """The seed text holding ``words``, and the line they are on."""
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if words in text:
            return text, text[: text.index(words)].count("\n") + 1
    pytest.skip(f"no seed text holds {words!r} any more")


# (words of a seed, the misquote, what the differences must say)
CASES = [
    (
        "Washington expects Europeans to step up – and carry the burden themselves",
        "Washington wants Europeans to step up – and carry the burden themselves",
        "a changed word: 'wants' where the text has 'expects'",
    ),
    (
        "Washington expects Europeans to step up – and carry the burden themselves",
        "Washington expects Europeans to step up -- and carry the burden themselves",
        "a different dash or quote mark: '--' where the text has '–'",
    ),
    (
        "Washington expects Europeans to step up – and carry the burden themselves",
        "Washington expects Europeans to carry the burden themselves",
        "missing words: the text has 'step up – and' here",
    ),
    (
        "agreed to open talks to end Russia’s war in Ukraine",
        "agreed to open talks to end Russias war in Ukraine",
        "a different dash or quote mark: 'Russias' where the text has 'Russia’s'",
    ),
]


@pytest.mark.parametrize(("words", "quote", "says"), CASES)
def test_a_real_near_miss_names_the_passage_its_line_and_the_difference(words, quote, says):
    text, line = seed_with(words)
    near = closest(quote, text)
    assert near is not None
    assert near.line == line
    assert near.passage == words
    assert says in near.describe()


def test_the_passage_starts_where_the_quote_does():
    text, line = seed_with("any debate on sending peacekeepers to Ukraine was")
    near = closest("any debate on sending soldiers to Ukraine was completely premature", text)
    assert near is not None and near.line == line
    assert near.passage.startswith("any debate on sending peacekeepers")
    assert "a changed word: 'soldiers' where the text has 'peacekeepers'" in near.describe()


def test_nothing_close_is_said_plainly():
    text, _ = seed_with("Washington expects Europeans")
    assert closest("Quetzalcoatl juggles marmalade beneath xylophones", text) is None


def test_an_ellipsis_quote_in_the_wrong_order_is_told_so():
    text, _ = seed_with("carry the burden themselves")
    near = closest("carry the burden themselves ... Washington expects Europeans", text)
    assert near is not None and "another order" in near.describe()


def test_the_loader_tells_the_closest_passage_on_every_output(tmp_path):
    text, line = seed_with("Washington expects Europeans to step up")
    root = data_dir(
        tmp_path / "d",
        {
            "usa": positions_file(
                "usa",
                "  - issue: troops\n    date: 2025-02-18\n    stance: oppose\n"
                "    sources:\n      - source: s1\n"
                '        quote: "Washington wants Europeans to step up"\n',
            )
        },
        **{"seeds/s1.txt": text},
    )
    [p] = load(root).problems
    assert p.code == "quote-not-found"
    assert f"seeds/s1.txt:{line}" in p.message
    assert "'Washington expects Europeans to step up'" in p.message
    assert "'wants' where the text has 'expects'" in p.hint


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=400))
def test_any_quote_and_text_give_a_passage_of_the_text_or_none(quote, text):
    near = closest(quote, text)
    if near is not None:
        assert near.passage == " ".join(near.passage.split())
        assert all(w in text for w in near.passage.split()) or near.passage == ""
        assert 1 <= near.line <= text.count("\n") + 1
