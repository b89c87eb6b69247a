"""Agreement between actors as of a date, the issues it rests on, and side-by-side tables."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from standpoint.agreement import agreement, check_actors, compare, spread
from standpoint.loader import load
from tests.datadir import write
from tests.paths import UNGA
from tests.timeline_data import make

AS_OF = dt.date(2025, 3, 1)


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory):
    data = load(make(tmp_path_factory.mktemp("agreement")))
    assert data.problems == []
    return data


def test_score_and_the_number_of_shared_issues(ds):
    result = agreement(ds, AS_OF)
    score, shared = result.score, result.shared
    # USA opposes troops, France supports: opposite ends on their one shared issue (USA's
    # NATO cell is divided, so NATO is not shared)
    assert score.at["usa", "fra"] == 0.0
    assert shared.at["usa", "fra"] == 1
    assert score.at["fra", "eu"] == 0.5  # support vs ambiguous: |2 - 0| / 4
    assert score.at["fra", "noiso"] == 1.0
    assert shared.at["fra", "fra"] == 2
    assert score.at["fra", "fra"] == 1.0
    # the envoy speaks only on NATO, where the USA is divided: nothing shared, no score
    assert shared.at["usa", "envoy"] == 0
    assert math.isnan(score.at["usa", "envoy"])
    assert (score.fillna(-1) == score.T.fillna(-1)).all().all()


def test_scores_average_over_several_shared_issues(tmp_path: Path):
    actors = "actors:\n" + "".join(
        f"  - id: {a}\n    name: {a.upper()}\n    kind: state\n" for a in ("aaa", "bbb")
    )
    issues = "issues:\n" + "".join(
        f"  - id: {i}\n    label: {i}\n    proposition: {i} should happen.\n"
        for i in ("one", "two", "three")
    )

    def positions(actor: str, stances: dict[str, str]) -> str:
        out = f"actor: {actor}\npositions:\n"
        for issue, stance in stances.items():
            out += (
                f"  - issue: {issue}\n    date: 2025-01-01\n    stance: {stance}\n"
                "    sources:\n      - outlet: X\n        published: 2025-01-01\n"
                "        quote: words\n"
            )
        return out

    root = write(
        tmp_path,
        {
            "stances/actors.yaml": actors,
            "stances/issues.yaml": issues,
            "stances/aaa.yaml": positions("aaa", {"one": "support", "two": "support"}),
            "stances/bbb.yaml": positions(
                "bbb", {"one": "lean-support", "two": "oppose", "three": "oppose"}
            ),
        },
    )
    data = load(root)
    assert data.problems == []
    result = agreement(data, dt.date(2025, 6, 1))
    # |2-1| = 1 and |2-(-2)| = 4: mean 2.5, so 1 - 2.5/4 = 0.375, over 2 issues
    assert result.score.at["aaa", "bbb"] == pytest.approx(0.375)
    assert result.shared.at["aaa", "bbb"] == 2
    # before anyone spoke there is no score at all
    early = agreement(data, dt.date(2024, 12, 31))
    assert early.shared.to_numpy().sum() == 0
    assert early.score.isna().all().all()


def test_agreement_for_chosen_actors_keeps_their_order(ds):
    result = agreement(ds, AS_OF, ["fra", "usa"])
    assert list(result.score.index) == ["fra", "usa"]
    assert list(result.shared.columns) == ["fra", "usa"]


def test_compare_table_issue_by_issue_with_quotes(ds):
    table = compare(ds, ["usa", "fra"], AS_OF)
    assert table[["issue", "actor"]].values.tolist() == [
        ["troops", "usa"],
        ["troops", "fra"],
        ["nato", "usa"],
        ["nato", "fra"],
        ["unused", "usa"],
        ["unused", "fra"],
    ]
    row = table.iloc[0]
    assert (row["stance"], row["quote"], row["speaker"]) == ("oppose", "No troops", "The President")
    assert row["date_text"] == "2025-02-24"
    assert table.iloc[2]["stance"] == "divided"
    assert table.iloc[2]["quote"] == "Not in NATO / Open door"
    assert pd.isna(table.iloc[4]["stance"])
    gaps = spread(table)
    assert gaps["troops"] == 4.0
    assert math.isnan(gaps["nato"])  # only France holds a level there
    assert math.isnan(gaps["unused"])


def test_compare_wants_two_to_eight_known_actors(ds):
    with pytest.raises(ValueError, match="2 to 8"):
        compare(ds, ["usa"], AS_OF)
    with pytest.raises(ValueError, match="unknown"):
        compare(ds, ["usa", "atlantis"], AS_OF)
    assert check_actors(ds, ["usa", "fra", "usa"]) == ["usa", "fra"]
    with pytest.raises(ValueError):
        check_actors(ds, ["usa"] * 3)


def test_unga_agreement_between_states():
    data = load(Path(UNGA))
    result = agreement(data, dt.date(2025, 12, 31), ["usa", "rus", "ukr", "fra"])
    assert result.shared.at["usa", "rus"] == 4
    assert result.score.at["ukr", "ukr"] == 1.0
    assert result.score.at["rus", "ukr"] < result.score.at["fra", "ukr"]
    full = agreement(data, dt.date(2025, 12, 31))
    assert full.score.shape == (192, 192)
