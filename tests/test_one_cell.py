"""One definition of a cell: every page's figure shows exactly the cell values that plain
``python -m standpoint matrix`` prints (no --max-age), on the shipped data, the UN data and a
data set generated here. The dashboard's marks (old, officials differ) never change a value."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import random
from pathlib import Path

import pytest

from standpoint import load
from standpoint.agreement import compare
from standpoint.cells import DEFAULT_MAX_AGE_MONTHS, distribution, issue_cells
from standpoint.cli import main
from standpoint.figures.common import SYMBOLS
from standpoint.figures.distribution import distribution_figure
from standpoint.figures.maps import world_map
from standpoint.figures.matrix import OLD_PREFIX, STATES, matrix_figure
from standpoint.figures.timeline import issue_timeline
from standpoint.health import coverage_gaps
from standpoint.timeline import issue_steps
from tests.paths import REPO, UNGA

STATES_ISO = ["FRA", "DEU", "POL", "ITA", "ESP", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "AUT"]
STANCES = ["support", "lean-support", "ambiguous", "lean-oppose", "oppose"]
BY_SYMBOL = {symbol: key for key, symbol in SYMBOLS.items()}


def generate(root: Path, seed: int = 7) -> Path:
    """A data set of 12 states and a person on 5 issues: dates of day, month and year
    precision, several speakers on one date (divided cells), and positions left out for an
    error (a stance that is no level)."""
    rng = random.Random(seed)
    (root / "stances").mkdir(parents=True)
    (root / "seeds").mkdir()
    issues = [f"issue-{i}" for i in range(5)]
    (root / "stances" / "issues.yaml").write_text(
        "issues:\n"
        + "".join(
            f"  - {{id: {i}, label: Issue {i[-1]}, proposition: P {i[-1]}.}}\n" for i in issues
        )
    )
    actors = [(iso.lower(), iso) for iso in STATES_ISO]
    lines = ["actors:"]
    for ident, iso in actors:
        lines.append(f"  - {{id: {ident}, name: State {iso}, kind: state, iso3: {iso}}}")
    lines.append("  - {id: envoy, name: An Envoy, kind: person, parent: fra}")
    (root / "stances" / "actors.yaml").write_text("\n".join(lines) + "\n")
    for ident in [a for a, _ in actors] + ["envoy"]:
        out = [f"actor: {ident}", "positions:"]
        seen = set()
        for _ in range(rng.randint(0, 9)):
            year = rng.choice([2008, 2022, 2024, 2025, 2025, 2025])
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            date = rng.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-{day:02d}"])
            speaker = rng.choice([None, "A", "B"])
            issue = rng.choice(issues)
            if (issue, date, speaker) in seen:
                continue
            seen.add((issue, date, speaker))
            stance = rng.choice([*STANCES, "maybe"] if rng.random() < 0.1 else STANCES)
            out += [f"  - issue: {issue}", f"    date: {date}", f"    stance: {stance}"]
            if speaker:
                out.append(f"    speaker: {speaker}")
            out += [
                "    sources:",
                "      - {outlet: Wire, published: 2025-05-01, quote: words}",
            ]
        if rng.random() < 0.5:  # two speakers on one day, at two precisions: divided
            issue, stances = rng.choice(issues), rng.sample(STANCES, 2)
            for date, speaker, stance in zip(["2026-03", "2026-03-01"], "CD", stances, strict=True):
                out += [f"  - issue: {issue}", f"    date: {date}", f"    stance: {stance}"]
                out += [f"    speaker: {speaker}", "    sources:"]
                out.append("      - {outlet: Wire, published: 2025-05-01, quote: words}")
        if ident == "aut":  # left out for its error: a cell that says so
            out += ["  - {issue: issue-4, date: 2025-01, stance: maybe, sources: [{outlet: W, "]
            out[-1] += "published: 2025-05-01, quote: words}]}"
        if len(out) == 2:
            out[1] = "positions: []"
        (root / "stances" / f"{ident}.yaml").write_text("\n".join(out) + "\n")
    return root


def printed(root: Path, as_of: dt.date) -> dict[tuple[str, str], str | None]:
    """What ``python -m standpoint matrix --format json`` prints, cell by cell."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["matrix", str(root), "--as-of", as_of.isoformat(), "--format", "json"])
    data = json.loads(out.getvalue())
    return {(row["actor"], i): row[i] for row in data["rows"] for i in data["issues"]}


def drawn_matrix(ds, as_of, actors, issues) -> dict[tuple[str, str], str | None]:
    """The value of each cell of the Matrix page's figure, with the dashboard's marks on (an
    old cell is decoded to its level, which it keeps)."""
    fig = matrix_figure(ds, as_of, actors, issues, max_age=DEFAULT_MAX_AGE_MONTHS)
    heat, click = fig.data[0], fig.data[1]
    out = {}
    for i, (actor, issue) in enumerate(click.customdata):
        state = STATES[heat.z[i // len(issues)][i % len(issues)]]
        out[(actor, issue)] = None if state == "none" else state.removeprefix(OLD_PREFIX)
    return out


def dates_of(ds) -> list[dt.date]:
    starts = sorted({p.date.start for p in ds.positions})
    picked = {starts[0], starts[len(starts) // 2], starts[-1], starts[-1] + dt.timedelta(400)}
    return sorted(picked | {starts[0] - dt.timedelta(1)})


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = generate(tmp_path_factory.mktemp("generated"))
    ds = load(root, today=dt.date(2026, 6, 1))
    assert {p.code for p in ds.problems} == {"stance-invalid"}  # some left out, on purpose
    return root, ds


@pytest.fixture(params=["shipped", "unga", "generated"])
def data(request, shipped, unga, generated):
    return {"shipped": (REPO, shipped), "unga": (UNGA, unga), "generated": generated}[request.param]


def test_every_page_shows_the_cells_the_command_line_prints(data):
    root, ds = data
    issues = list(ds.issues)
    for as_of in dates_of(ds):
        expected = printed(root, as_of)
        rows = sorted({a for a, _ in expected}, key=list(ds.actors).index)
        # Matrix page
        assert drawn_matrix(ds, as_of, rows, issues) == expected, as_of
        # Data health: the pairs without a position, among the matrix's rows
        gaps = coverage_gaps(ds, as_of)
        empty = {(a, i) for a, i in zip(gaps["actor_id"], gaps["issue_id"], strict=True)}
        assert {k for k, v in expected.items() if v is None} == empty & set(expected)
        # Compare
        if len(rows) >= 2:
            table = compare(ds, rows[:8], as_of)
            keys = zip(table["actor"], table["issue"], strict=True)
            stances = [v if isinstance(v, str) else None for v in table["stance"]]
            shown = dict(zip(keys, stances, strict=True))
            assert shown == {k: v for k, v in expected.items() if k[0] in rows[:8]}
        for issue in issues:
            column = {a: v for (a, i), v in expected.items() if i == issue and v is not None}
            _issue_page(ds, issue, as_of, column)
            _timeline(ds, issue, as_of, column)


def _issue_page(ds, issue, as_of, column) -> None:
    """The Issue page's counts and map show the levels of the command line's column."""
    cells = issue_cells(ds, issue, as_of)
    fig = distribution_figure(ds, distribution(cells), issue, as_of)
    counts = {
        BY_SYMBOL[y.split("  ")[0]]: n for y, n in zip(fig.data[0].y, fig.data[0].x, strict=True)
    }
    want: dict[str, int] = {}
    for v in column.values():
        want[v] = want.get(v, 0) + 1
    assert counts == want, (issue, as_of)
    states = {ds.actors[a].iso3: v for a, v in column.items() if ds.actors[a].kind == "state"}
    states = {iso: v for iso, v in states.items() if iso}
    if states:
        drawn = {}
        for trace in world_map(ds, cells, issue, as_of).data:
            if trace.type == "choropleth" and trace.legendgroup in SYMBOLS:
                drawn |= {iso: trace.legendgroup for iso in trace.locations}
        assert drawn == {iso: v for iso, v in states.items() if iso in drawn}
        assert drawn, (issue, as_of)


def _timeline(ds, issue, as_of, column) -> None:
    """Change over time: each lane's step at the as-of date is the command line's cell."""
    steps = issue_steps(ds, issue, until=as_of)
    if steps.empty:
        assert not column
        return
    fig = issue_timeline(ds, steps, issue, until=as_of)
    names = {ds.actors[a].name: a for a in ds.actors}
    last: dict[str, tuple[str, str]] = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        for lane, base, text in zip(trace.y, trace.base, trace.text, strict=True):
            if lane not in last or base > last[lane][0]:
                last[lane] = (base, BY_SYMBOL[text])
    assert {names[lane]: key for lane, (_, key) in last.items()} == column, (issue, as_of)
