"""The deck file as a user writes it: every mistake told at once, on its chart and line, with
what was found; a deck without a browser still writes its tables, texts and index."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standpoint.charts import Chart, check, describe
from standpoint.exports import DECK_KEYS, DeckError, deck_problems, read_deck
from standpoint.problems import Problem
from standpoint.render import NO_BROWSER
from tests.paths import REPO

AS_OF = dt.date(2025, 2, 18)


@pytest.fixture(scope="module")
def ds(shipped):
    return shipped


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip() == needle)


def deck_misuse(capsys, deck, out) -> str:
    from standpoint.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["deck", str(deck), "-o", str(out)])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "usage: python -m standpoint deck " in err and "Traceback" not in err
    return err


def test_every_mistake_of_a_deck_is_told_in_one_run_on_its_chart(ds, tmp_path, capsys):
    issue = next(iter(ds.issues))
    typo = issue[:-1]
    text = (
        f"data: {REPO}\n"
        "charts:\n"
        f"  - chart: map\n    issue: {issue}\n    as_of: 2025-02-18\n"  # chart 1: fine
        f"  - chart: map\n    issue: {issue}\n    as_of: 2025-02-30\n"  # 2: no such day
        f"  - chart: map\n    issue: {issue}\n    format: jpg\n"  # 3: no such format
        f"  - chart: map\n    isue: {issue}\n"  # 4: a misspelt key
        f"  - chart: map\n    issue: {typo}\n"  # 5: a misspelt id
        "  - chart: matrix\n    size: 4x3\n"  # 6: no such size
    )
    deck = tmp_path / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    err = deck_misuse(capsys, deck, tmp_path / "out")
    told = {
        "as_of: 2025-02-30": "chart 2: as_of: 2025-02-30 is not a date (day is out of range",
        "format: jpg": "chart 3: format: expected one of png, svg, pdf, csv, json, found jpg",
        f"isue: {issue}": "chart 4: unknown key 'isue'",
        f"issue: {typo}": f"chart 5: issue: expected an issue id (stances/issues.yaml), found "
        f"{typo!r}; did you mean {issue!r}?",
        "size: 4x3": 'chart 6: size: expected one of "16:9", "4:3", found 4x3',
    }
    for needle, says in told.items():
        assert f"{deck}:{line_of(text, needle)}:" in err  # on the line written
        assert says in err
    assert "did you mean 'issue'?" in err  # the misspelt key's hint
    assert "chart 1:" not in err
    # chart 4, its issue misspelt, also lacks the issue a map needs: one more problem
    assert "chart 4: a map needs issue: ID" in err
    assert f"{len(told) + 1} problems in {deck}; nothing was written" in err
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_bare_4_3_is_the_slide_size_written(ds, tmp_path):
    # every value of a deck is read as written: YAML 1.1 would make a bare 4:3 the number 243
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        "charts:\n  - chart: matrix\n    size: 4:3\n    as_of: 2025-02-18\n    max_age: 12\n",
        encoding="utf-8",
    )
    (entry,) = read_deck(deck, AS_OF).entries
    assert entry.chart.size == "4:3" and entry.chart.as_of == AS_OF
    assert entry.chart.max_age == 12


def test_a_deck_without_a_browser_writes_its_tables_texts_and_an_index(
    ds, tmp_path, monkeypatch, capsys
):
    from standpoint.cli import main

    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    issue = next(iter(ds.issues))
    deck = tmp_path / "deck.yaml"
    deck.write_text(
        f"data: {REPO}\ncharts:\n"
        f"  - {{chart: map, issue: {issue}, as_of: {AS_OF}}}\n"
        f"  - {{chart: map, issue: {issue}, as_of: {AS_OF}, format: csv}}\n"
        f"  - {{chart: timeline, issue: {issue}, as_of: {AS_OF}, format: json}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["deck", str(deck), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "1 image not made" in err and NO_BROWSER in err
    assert not list(out.glob("*.png"))
    assert len(list(out.glob("*.csv"))) == 1 and len(list(out.glob("*.json"))) == 1
    index = (out / "index.md").read_text(encoding="utf-8")
    assert index.count("**Not made:**") == 1 and NO_BROWSER in index
    for chart in (
        Chart("map", AS_OF, issue=issue),
        Chart("timeline", AS_OF, issue=issue),
    ):
        alt, note = describe(ds, check(ds, chart))
        assert alt in index and note in index
        # the words of each chart in a .txt beside it (the map's PNG and CSV share one)
        texts = [p.read_text(encoding="utf-8") for p in out.glob("*.txt")]
        assert f"Alt text: {alt}\n\nSpeaker note: {note}\n" in texts
    assert len(list(out.glob("*.txt"))) == 2


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 300),
    st.text(max_size=12),
    st.sampled_from(["2025-02-30", "2025-02-18", "4:3", "16:9", "matrix", "map", "jpg", "12"]),
    st.dates().map(lambda d: d.isoformat()),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
entries = st.one_of(
    values,
    st.dictionaries(st.sampled_from([*sorted(DECK_KEYS), "isue", "colour"]), values, max_size=6),
)
decks = st.one_of(
    values,
    st.fixed_dictionaries(
        {"charts": st.one_of(values, st.lists(entries, max_size=4))},
        optional={"data": values, "extra": values},
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(deck=decks)
def test_any_deck_file_is_read_or_told_never_a_crash(ds, tmp_path_factory, deck):
    path = tmp_path_factory.mktemp("deck") / "deck.yaml"
    path.write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    try:
        read = read_deck(path, AS_OF)
    except DeckError as exc:
        assert exc.problems and all(isinstance(p, Problem) for p in exc.problems)
        assert all(p.message and p.line >= 1 for p in exc.problems)
        return
    assert read.entries  # a deck read without a problem has charts
    for p in deck_problems(ds, read):
        assert p.message.startswith("chart ")


def test_a_deck_whose_data_folder_is_missing_says_so_not_what_other_data_lacks(tmp_path, capsys):
    deck = tmp_path / "deck.yaml"
    deck.write_text("data: nowhere\ncharts:\n  - chart: map\n    issue: zz\n", encoding="utf-8")
    err = deck_misuse(capsys, deck, tmp_path / "out")
    assert f"{deck}:1:7: error: data: expected a folder" in err and "'nowhere'" in err
    assert "issue" not in err.split("usage:")[0]  # not checked against the repository's data
