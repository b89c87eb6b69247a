"""Which options each chart takes, and what is wrong with a chart asked for.

One rule for the command line (``chart``), the deck file and the app's downloads
(:func:`standpoint.charts.check` raises the first problems found here). Each problem says what
was expected, what was found and a hint: an unknown id gets the nearest spelling ("did you
mean …?", :func:`standpoint.near_miss.nearest`) and, when there are few, the list of ids; an
option the chart does not use is refused, never silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .near_miss import nearest
from .words import and_list

if TYPE_CHECKING:
    from .charts import Chart
    from .model import Dataset

KINDS = ("matrix", "timeline", "compare", "map", "agreement", "distribution")
LISTED_IDS = 12  # a hint lists every id when there are at most this many

# a chart, named in a sentence
A_CHART = {
    "matrix": "a matrix",
    "compare": "a compare chart",
    "timeline": "a timeline",
    "map": "a map",
    "agreement": "an agreement chart",
    "distribution": "a distribution chart",
}
# the options each chart draws with, besides as_of, size, since and title (every chart's: a
# matrix or compare chart draws the title; the others' images name what they show, and the
# title names them in the alt text and a deck's index)
USES: dict[str, frozenset[str]] = {
    "matrix": frozenset({"issues", "actors", "max_age"}),
    "compare": frozenset({"issues", "actors", "max_age"}),
    "timeline": frozenset({"issue", "actors", "start"}),
    "map": frozenset({"issue"}),
    "agreement": frozenset({"actors"}),
    "distribution": frozenset({"issue"}),
}
# what an option is for, said when a chart that does not use it is given it
FOR = {
    "issue": "it picks the one issue of a timeline or map",
    "issues": "it picks the columns of a matrix or compare chart",
    "actors": "it picks the rows of a matrix, the lanes of a timeline or the actors compared",
    "max_age": "it is the age limit of a matrix or compare chart",
    "start": "it is the first date a timeline shows",
}


class Wrong(NamedTuple):
    """One problem of a chart asked for: the option it is about ("" for the chart as a
    whole) and what to say."""

    option: str
    text: str


@dataclass(frozen=True, slots=True)
class Spelling:
    """How the user wrote the options: ``--issues a,b`` on the command line, ``issues: a,b``
    in a deck file."""

    dashes: bool = True

    def name(self, option: str) -> str:
        return f"--{option.replace('_', '-')}" if self.dashes else option

    def given(self, option: str, value: str) -> str:
        return f"{self.name(option)} {value}" if self.dashes else f"{option}: {value}"


COMMAND_LINE = Spelling(dashes=True)
DECK_FILE = Spelling(dashes=False)


def unknown_id(
    option: str, value: str, known: dict[str, str], what: str, where: str, spell: Spelling
) -> str:
    """``--issue: expected an issue id (stances/issues.yaml), found 'x'; did you mean 'y'?``
    and, when there are few, every id. ``known`` maps each id to its name, which is searched
    too ("rusia" is nearest to Russia, whose id is rus)."""
    text = f"{spell.name(option)}: expected {what} id ({where}), found {value!r}"
    spellings = {name.lower(): key for key, name in known.items()} | {k: k for k in known}
    near = spellings.get(nearest(value.lower(), spellings) or "")
    if near is not None:
        text += f"; did you mean {near!r}?"
    if len(known) <= LISTED_IDS:
        text += f" The ids are: {', '.join(known)}."
    elif near is None:
        text += f"; see {where} for the ids"
    return text


def problems(ds: Dataset, chart: Chart, spell: Spelling = COMMAND_LINE) -> list[Wrong]:
    """Everything wrong with ``chart`` for this data, each said once; empty when it can be
    drawn."""
    kind = chart.kind
    if kind not in KINDS:
        near = nearest(kind, KINDS)
        hint = f"; did you mean {near!r}?" if near else ""
        return [Wrong("chart", f"unknown chart {kind!r}: expected one of {', '.join(KINDS)}{hint}")]
    found: list[Wrong] = []
    issues = {key: issue.label for key, issue in ds.issues.items()}
    actors = {key: actor.name for key, actor in ds.actors.items()}
    asked = (("issue", [chart.issue] if chart.issue else []), ("issues", chart.issues))
    for option, values in asked:
        found += [
            Wrong(option, unknown_id(option, v, issues, "an issue", "stances/issues.yaml", spell))
            for v in values
            if v not in ds.issues
        ]
    found += [
        Wrong("actors", unknown_id("actors", a, actors, "an actor", "stances/actors.yaml", spell))
        for a in chart.actors
        if a not in ds.actors
    ]
    found += _not_used(chart, spell)
    found += _missing(chart, spell)
    if chart.max_age is not None and chart.max_age < 1:
        found.append(
            Wrong(
                "max_age",
                f"{spell.name('max_age')}: expected a whole number of months, 1 or more, "
                f"found {chart.max_age}",
            )
        )
    return found


def _not_used(chart: Chart, spell: Spelling) -> list[Wrong]:
    """The options given that the chart does not draw with."""
    kind, uses = chart.kind, USES[chart.kind]
    given = {
        "issue": chart.issue is not None,
        "issues": bool(chart.issues),
        "actors": bool(chart.actors),
        "max_age": chart.max_age is not None,
        "start": chart.start is not None,
    }
    found = []
    for option, is_given in given.items():
        if not is_given or option in uses:
            continue
        text = f"{spell.name(option)} does not apply to {A_CHART[kind]}: {FOR[option]}"
        if option == "issue" and "issues" in uses:
            text += f"; for its columns use {spell.given('issues', str(chart.issue))}"
        elif option == "issues" and "issue" in uses:
            one = chart.issues[0] if len(chart.issues) == 1 else "ID"
            text += f"; {A_CHART[kind]} shows one issue: {spell.given('issue', one)}"
        elif option in ("issue", "issues") and kind == "agreement":
            text += "; an agreement chart scores every issue two actors share"
        elif option == "actors" and kind in ("map", "distribution"):
            text += f"; {A_CHART[kind]} shows every actor with a position on the issue"
        found.append(Wrong(option, text))
    return found


def _missing(chart: Chart, spell: Spelling) -> list[Wrong]:
    """What the chart needs and was not given."""
    kind, n = chart.kind, len(chart.actors)
    if chart.issues and "issue" in USES[kind]:
        return []  # told with the refused --issues, which names the one issue to give
    if kind in ("map", "distribution") and not chart.issue:
        return [Wrong("issue", f"{A_CHART[kind]} needs {spell.given('issue', 'ID')} (one issue)")]
    if kind == "timeline" and not chart.issue and n != 1:
        found = "none" if n == 0 else f"{n} actors ({and_list(list(chart.actors), 3)})"
        return [
            Wrong(
                "issue",
                f"a timeline needs {spell.given('issue', 'ID')} (one issue, a lane per actor) "
                f"or one actor, {spell.given('actors', 'ID')} (a lane per issue); found {found}",
            )
        ]
    if kind in ("compare", "agreement") and (n == 1 or (kind == "compare" and n == 0)):
        found = "none" if n == 0 else f"1 ({chart.actors[0]})"
        rest = "" if kind == "compare" else ", or none for every actor with a position"
        return [
            Wrong(
                "actors",
                f"{A_CHART[kind]} needs at least two actors: expected "
                f"{spell.given('actors', 'A,B,…')}{rest}; found {found}",
            )
        ]
    return []
