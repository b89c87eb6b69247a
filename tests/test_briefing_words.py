"""The words generated for a briefing: the ``Sources:`` line names what the chart's cells cite
and counts the rest without contradicting its names; the speaker note says on whose word and
in which outlets; the agreement alt text names its closest and most opposed pairs; names that
take "the" get it; counts read as English."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from standpoint import load
from standpoint.agreement import agreement
from standpoint.cells import cell
from standpoint.charts import Chart, alt_text, data, figures, speaker_note
from standpoint.credits import Cited, credit_line, name_texts, short_title
from standpoint.figures.frame import FOOTER, SUBTITLE, TITLE, frame_lines, frame_text
from standpoint.figures.matrix import matrix_figure
from standpoint.words import and_list, needs_the, plural, the
from tests.datadir import ISSUES, data_dir

AS_OF = dt.date(2025, 2, 15)
CREDIT = "Curated by the test team"
LONG_TITLE = "Gamma: a long commentary on the talks between the parties, held in the capital city"
REGISTRY = f"""\
sources:
  - {{id: a, title: Alpha report, outlet: Alpha News, published: 2025-01-05}}
  - {{id: b, title: Beta report, outlet: Beta Daily, published: 2025-01-20}}
  - {{id: c, title: "{LONG_TITLE}", published: 2025-02-10}}
  - {{id: d, title: Delta notes, published: 2025-03-10}}
  - {{id: e, title: Vote, outlet: UN General Assembly, published: 2025-02-12}}
"""


def entry(issue: str, date: str, stance: str, source: str, speaker: str = "") -> str:
    said = f"    speaker: {speaker}\n" if speaker else ""
    return (
        f"  - issue: {issue}\n    date: {date}\n    stance: {stance}\n{said}"
        f"    sources:\n      - source: {source}\n        quote: q\n"
    )


POSITIONS = {
    "usa": "actor: usa\npositions:\n"
    + entry("troops", "2025-01-05", "support", "a", "Marco Rubio, Secretary of State")
    + entry("troops", "2025-02-12", "oppose", "e"),
    "fra": "actor: fra\npositions:\n"
    + entry("troops", "2025-02-10", "lean-support", "c")
    + entry("nato", "2025-03-10", "support", "d"),
    "envoy": "actor: envoy\npositions:\n"
    + entry("nato", "2025-01-20", "oppose", "b", "Keith Envoy, Special Envoy"),
}


@pytest.fixture
def small(tmp_path):
    root = data_dir(
        tmp_path,
        POSITIONS,
        **{"seeds/sources.yaml": REGISTRY, "stances/issues.yaml": f"credit: {CREDIT}\n" + ISSUES},
    )
    ds = load(root)
    assert ds.problems == []
    return ds


def behind(ds, as_of: dt.date) -> list:
    """The positions behind the cells as of a date, by docs/format.md's rule (the latest date
    on or before it, per actor and issue), worked out here from the positions themselves."""
    latest: dict[tuple[str, str], dt.date] = {}
    for p in ds.positions:
        if p.date.start <= as_of:
            key = (p.actor, p.issue)
            latest[key] = max(latest.get(key, p.date.start), p.date.start)
    return [p for p in ds.positions if latest.get((p.actor, p.issue)) == p.date.start]


def name_of(ds, source_id: str) -> str:
    """How a registry text is credited: its outlet, else its (short) title."""
    source = ds.sources[source_id]
    return source.outlet or short_title(source.title)


# -- the Sources line ------------------------------------------------------------------------


def test_the_sources_line_names_only_the_texts_behind_the_shown_cells(small):
    fig = matrix_figure(small, AS_OF, ["usa", "envoy", "fra"], ["troops", "nato"], dataset_name="t")
    footer = frame_lines(fig, FOOTER)
    data_at = next(i for i, line in enumerate(footer) if line.startswith("Standpoint data"))
    sources = " ".join(footer[:data_at])
    cited = {c.source for p in behind(small, AS_OF) for c in p.citations}
    for sid in small.sources:
        name = name_of(small, sid)
        assert (name in sources) == (sid in cited), name
    assert "other text" not in sources  # everything cited is named: nothing left to count
    # the data set's own credit is no list of cited texts: it goes with the data's name
    assert CREDIT not in sources
    data = " ".join(footer[data_at:])
    assert data == f"Standpoint data: t · {CREDIT} · as of {AS_OF.isoformat()}"


def test_a_narrow_sources_line_counts_the_texts_it_does_not_name(small):
    positions = behind(small, AS_OF)
    full = credit_line(small, positions)
    outlets = sorted(
        {small.sources[c.source].outlet for p in positions for c in p.citations} - {None}
    )
    n_texts = len({c.source for p in positions for c in p.citations})
    # room for the outlets but not the long title: the outlets named, the title's text counted
    room = len(and_list([*outlets, "1 other text"]))
    line = credit_line(small, positions, room=room)
    assert len(line) < len(full)
    assert line == and_list([*outlets, f"{n_texts - len(outlets)} other text"])
    assert credit_line(small, positions, room=3) == f"{n_texts} texts"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Alpha", "Beta News", "Gamma Post", "Delta", "“A title”", "Eta"]),
            st.integers(1, 3),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    ),
    st.one_of(st.none(), st.integers(1, 80)),
    st.one_of(st.none(), st.integers(1, 6)),
)
def test_the_names_and_the_count_never_contradict(items, room, most):
    names = [Cited(n, k, outlet) for n, k, outlet in items]
    total = sum(c.texts for c in names)
    line = name_texts(names, room=room, most=most)
    assert not re.search(r"\b1 (other )?texts\b", line)  # never "1 texts"
    counted = re.fullmatch(r"(\d+) texts?", line)
    rest = re.fullmatch(r"(.+) and (\d+) other texts?", line)
    if counted:  # nothing named: every text counted
        assert int(counted.group(1)) == total
    elif rest:  # the first k names, the texts of the others counted
        head, n = rest.group(1), int(rest.group(2))
        k = next(k for k in range(1, len(names)) if ", ".join(c.name for c in names[:k]) == head)
        assert n == sum(c.texts for c in names[k:]) > 0
    else:  # all named, one "and"
        assert line == and_list([c.name for c in names], most=len(names))
    assert line.count(" and ") <= 1
    if room is not None and not counted:
        assert len(line) <= room


@given(
    st.lists(
        st.tuples(st.text("abc ", min_size=1, max_size=12), st.integers(1, 3)),
        min_size=1,
        max_size=40,
        unique_by=lambda t: t[0],
    ),
    st.one_of(st.none(), st.integers(0, 160)),
    st.one_of(st.none(), st.integers(1, 40)),
)
def test_the_line_names_as_many_as_fit(items, room, most):
    """The most names that fit the room (and ``most``), in order, then the rest counted; when
    not even one fits, the texts counted. Many names and a short room too, as a footer of a
    few hundred outlets has."""
    names = [Cited(n, k, True) for n, k in items]
    total = sum(c.texts for c in names)
    cap = len(names) if most is None else min(most, len(names))

    def named(k: int) -> str:
        rest = sum(c.texts for c in names[k:])
        words = [c.name for c in names[:k]]
        return and_list([*words, plural(rest, "other text")] if rest else words, most=k + 1)

    fitting = [k for k in range(1, cap + 1) if room is None or len(named(k)) <= room]
    expected = named(max(fitting)) if fitting else plural(total, "text")
    assert name_texts(names, room=room, most=most) == expected


# -- the speaker note --------------------------------------------------------------------------


def changed_cells(ds, issues, since: dt.date, as_of: dt.date) -> list[tuple[str, str]]:
    return [
        (a, i)
        for a in ds.actors
        for i in issues
        if cell(ds, a, i, since, window=None).value != cell(ds, a, i, as_of, window=None).value
    ]


def test_the_speaker_note_names_the_outlets_behind_the_changes(small):
    since = dt.date(2025, 2, 1)
    note = speaker_note(small, Chart("matrix", AS_OF, since=since))
    moved = changed_cells(small, small.issues, since, AS_OF)
    assert moved
    cited = {
        c.source for a, i in moved for p in cell(small, a, i, AS_OF).latest for c in p.citations
    }
    for sid in cited:
        source = small.sources[sid]
        if source.outlet:
            assert the(source.outlet) in note  # "the UN General Assembly"
        else:
            assert short_title(source.title) in note  # no outlet: its title
    for sid in set(small.sources) - cited:
        assert name_of(small, sid) not in note
    assert not re.search(r"\b\d+ texts?\b", note)  # named, not counted
    # no position behind these changes names a speaker: said plainly
    assert "No speaker is named for the changes" in note and "on the record" not in note
    assert 2 <= len(re.split(r"(?<=[.])\s+(?=[A-Z])", note)) <= 3


def test_the_speaker_note_names_the_speakers_and_their_outlets(small):
    since = dt.date(2025, 1, 10)  # the envoy's position (with a speaker) is new since then
    note = speaker_note(small, Chart("matrix", AS_OF, since=since))
    behind = [
        cell(small, a, i, AS_OF).latest for a, i in changed_cells(small, small.issues, since, AS_OF)
    ]
    speakers = {p.speaker.split(",")[0] for ps in behind for p in ps if p.speaker}
    unnamed = sum(not any(p.speaker for p in ps) for ps in behind)
    assert speakers and unnamed  # the fixture has both
    # the changes with no named speaker are counted, not passed off as the speakers' word
    assert (
        f"on the word of {and_list(sorted(speakers))} (no speaker is named for {unnamed} of "
        f"the {len(behind)}), as reported by "
    ) in note
    assert "Beta Daily" in note


def test_names_in_the_note_take_their_article(small):
    note = speaker_note(small, Chart("matrix", AS_OF, since=dt.date(2025, 2, 1)))
    assert "the United States moved from support to opposed" in note
    assert not re.search(r"(?<![Tt]he )United States", note)
    assert not re.search(r"(?<![Tt]he )UN General Assembly", note)
    one = speaker_note(small, Chart("timeline", AS_OF, actors=("usa",), since=dt.date(2025, 2, 1)))
    assert one.startswith("For the United States, 1 level changed")


def test_a_list_of_many_speakers_has_one_and(shipped):
    # the shipped matrix as of its last date: many speakers, several texts
    last = max(p.date.start for p in shipped.positions)
    note = speaker_note(shipped, Chart("matrix", last, since=dt.date(2025, 1, 1)))
    who = note.split(" on the word of ", 1)[1]
    speakers, texts = who.split(", as reported by ")
    for part in (speakers, texts):
        outlets = [s.outlet for s in shipped.sources.values() if s.outlet and " and " in s.outlet]
        for name in outlets:
            part = part.replace(name, "X")
        assert part.count(" and ") == 1, part


# -- alt text ------------------------------------------------------------------------------------


def test_alt_text_counts_cells_as_cells_and_actors_as_actors(small):
    chart = Chart("matrix", AS_OF, hide_empty=False)
    table = data(small, chart)
    levels = table[list(small.issues)]
    held = int((levels != "").to_numpy().sum())
    actors = int((levels != "").any(axis=1).sum())
    issues = int((levels != "").any(axis=0).sum())
    text = alt_text(small, chart)
    assert f"{actors} actors hold a position on {issues} issues, in {held} cells: " in text
    counts = text.split(f"in {held} cells: ", 1)[1]
    assert re.match(r"[a-z ]+ in \d+ cells?\b", counts)  # the first count says it counts cells


def test_alt_text_says_plainly_when_no_actor_holds_a_position(small):
    for chart in (
        Chart("distribution", dt.date(1990, 1, 1), issue="troops"),
        Chart("matrix", dt.date(1990, 1, 1), hide_empty=False),
    ):
        text = alt_text(small, chart)
        assert "0 actor" not in text and "none holds" not in text
        assert "No actor holds a position on " in text and "as of 1990-01-01." in text


@pytest.mark.parametrize("which", ["small", "unga"])
def test_agreement_alt_text_names_the_closest_and_most_opposed_pairs(small, unga, which):
    ds = small if which == "small" else unga
    when = AS_OF if which == "small" else max(p.date.start for p in unga.positions)
    actors = tuple(ds.actors)[:6] if which == "unga" else ()
    chart = Chart("agreement", when, actors=actors)
    result = agreement(ds, when, list(actors) or None)
    pairs = [
        (result.score.at[a, b], int(result.shared.at[a, b]), a, b)
        for a, b in itertools.combinations(result.score.index, 2)
    ]
    scored = [p for p in pairs if p[1]]
    text = alt_text(ds, chart)
    assert "support in" not in text and "hold a position" not in text  # no level counts
    best, worst = max(p[0] for p in scored), min(p[0] for p in scored)

    def named(p) -> str:
        return f"{the(ds.actors[p[2]].name)} and {the(ds.actors[p[3]].name)}, {p[0]:.2f}"

    closest = text.split("Closest: ", 1)[1]
    assert any(closest.startswith(named(p)) for p in scored if p[0] == best)
    if worst < best:
        opposed = text.split("Most opposed: ", 1)[1]
        assert any(opposed.startswith(named(p)) for p in scored if p[0] == worst)
    none = len(pairs) - len(scored)
    assert (f"({none} share none)" in text) == (none > 1)
    assert ("every pair shares at least one issue" in text) == (none == 0)


# -- "the" before a name -----------------------------------------------------------------------

# names that take "the" in English prose, as style guides list them
TAKE_THE = {
    "Bahamas",
    "Central African Republic",
    "Comoros",
    "Democratic Republic of the Congo",
    "Dominican Republic",
    "Gambia",
    "Maldives",
    "Marshall Islands",
    "Netherlands",
    "Philippines",
    "Republic of the Congo",
    "Seychelles",
    "Solomon Islands",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
}


def test_the_article_rule_on_the_un_member_states(unga):
    names = {a.name for a in unga.actors.values() if a.kind == "state"}
    assert TAKE_THE <= names  # the fixture holds them all
    assert {n for n in names if needs_the(n)} == TAKE_THE
    assert the("United States") == "the United States"
    assert the("Netherlands", start=True) == "The Netherlands"
    assert the("Saint Vincent and the Grenadines") == "Saint Vincent and the Grenadines"
    assert the("The Gambia") == "The Gambia"  # never doubled


def test_the_article_rule_on_bodies_and_people(shipped):
    for name in ("UN General Assembly", "European Union", "Biden administration"):
        assert the(name) == f"the {name}"
    people = [a.name for a in shipped.actors.values() if a.kind == "person"]
    assert people and all(the(n) == n for n in people)
    assert the("Russia") == "Russia" and the("NATO") == "NATO"


def test_a_matrix_without_old_cells_says_so_in_a_sentence(small):
    fig = matrix_figure(small, AS_OF, ["usa", "fra"], ["troops"], max_age=12)
    subtitle = " ".join(frame_lines(fig, SUBTITLE))
    assert "Age limit 12 months: no cell's latest date is over 12 months before the as-of date" in (
        subtitle
    )
    assert "No old cell" not in subtitle


def test_a_compare_title_reads_as_a_sentence(small):
    (fig,) = figures(small, Chart("compare", AS_OF, actors=("usa", "fra", "envoy")), "t")
    names = [the(small.actors[a].name) for a in ("usa", "fra", "envoy")]
    assert f"How {names[0]}, {names[1]} and {names[2]} compare" in frame_text(fig, TITLE)


def sources_of(fig) -> str:
    footer = frame_lines(fig, FOOTER)
    data_at = next(i for i, line in enumerate(footer) if line.startswith("Standpoint data"))
    return " ".join(footer[:data_at]).removeprefix("Sources: ")


@pytest.mark.parametrize(
    ("chart", "expected"),
    [
        # only the United States has an ISO code: the map shows its cell alone
        (Chart("map", AS_OF, issue="troops"), {"e"}),
        (Chart("distribution", AS_OF, issue="troops"), {"c", "e"}),
        (Chart("agreement", AS_OF, actors=("usa", "fra")), {"c", "e"}),
        # a timeline draws every step: the United States' first level too
        (Chart("timeline", AS_OF, issue="troops", start=dt.date(2025, 1, 1)), {"a", "c", "e"}),
        # ... unless it ended before the first date shown
        (Chart("timeline", AS_OF, issue="troops", start=dt.date(2025, 2, 13)), {"c", "e"}),
        (Chart("timeline", AS_OF, actors=("usa",), start=dt.date(2025, 1, 1)), {"a", "e"}),
    ],
)
def test_every_chart_credits_only_the_texts_behind_its_marks(small, chart, expected):
    (fig,) = figures(small, chart, "t")
    line = sources_of(fig)
    for sid in small.sources:
        assert (name_of(small, sid) in line) == (sid in expected), (sid, line)


MOVES = {
    "usa": "actor: usa\npositions:\n"
    + entry("troops", "2025-01-05", "support", "a")
    + entry("troops", "2025-02-12", "oppose", "a")
    + entry("nato", "2025-02-12", "oppose", "a"),
    "fra": "actor: fra\npositions:\n"
    + entry("troops", "2025-02-10", "support", "b")
    + entry("nato", "2025-02-11", "support", "b"),
    "quiet": "actor: quiet\npositions:\n" + entry("troops", "2025-02-11", "support", "b"),
}


@pytest.fixture
def moves(tmp_path):
    ds = load(data_dir(tmp_path, MOVES, **{"seeds/sources.yaml": REGISTRY}))
    assert ds.problems == []
    return ds


def test_changes_are_each_said_once_grouped_by_change_and_by_actor(moves):
    """Across issues: actors who made the same change on the same issue share a clause, an
    actor's other changes share one (its name said once, its verb once for each kind), and
    every change is said."""
    from standpoint.charts import STATE_WORDS, changes, changes_words

    chart = Chart("matrix", AS_OF, since=dt.date(2025, 2, 1))
    moved = changes(moves, chart, chart.since)
    assert {c.actor for c in moved} == {"usa", "fra", "quiet"}
    words = changes_words(moves, moved, True, len(moved))
    for c in moved:
        label, after = moves.issues[c.issue].label, STATE_WORDS[c.after]
        said = f"on {label} ({after})" if c.before is None else f"to {after} on {label}"
        assert said in words, (said, words)
    # France and Quiet State both took a first position on troops: one clause
    alike = [c for c in moved if (c.issue, c.before, c.after) == ("troops", None, "support")]
    names = and_list([the(moves.actors[c.actor].name) for c in alike])
    label = moves.issues["troops"].label
    assert len(alike) == 2 and f"{names} each took a first position on {label}" in words
    # the United States made two changes no one else made: named once, each verb once
    assert words.count(moves.actors["usa"].name) == 1, words
    usa = words[words.index(moves.actors["usa"].name) :]
    assert usa.count("took a first position") >= 1 and "moved from" in usa
    # cut to one clause, the words still count the changes they leave out
    cut = changes_words(moves, moved, True, 1)
    said = sum(
        (f"on {moves.issues[c.issue].label} ({STATE_WORDS[c.after]})" if c.before is None
         else f"to {STATE_WORDS[c.after]} on {moves.issues[c.issue].label}") in cut
        for c in moved
    )  # fmt: skip
    left = re.search(r"(\d+|one) more changes?$", cut)
    assert left and 0 < said < len(moved), cut
    assert said + (1 if left[1] == "one" else int(left[1])) == len(moved), cut


def test_on_one_issue_actors_making_the_same_change_share_a_clause(moves):
    chart = Chart("timeline", AS_OF, issue="troops", since=dt.date(2025, 2, 1))
    text = alt_text(moves, chart)
    firsts = [a for a in ("fra", "quiet") if a in moves.actors]
    names = and_list([the(moves.actors[a].name) for a in firsts])
    assert f"{names} each took a first position (support)" in text
    assert "the United States moved from support to opposed" in text
