"""The command line as a user runs it: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.datadir import data_dir, position, positions_file, write
from tests.paths import UNGA

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "standpoint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={
            "PYTHONPATH": str(REPO),
            "PATH": "/usr/bin:/bin",
            "STANDPOINT_CACHE": os.environ["STANDPOINT_CACHE"],
        },
    )


@pytest.fixture
def valid(tmp_path):
    return data_dir(
        tmp_path / "valid",
        {
            "usa": positions_file("usa", position("troops", "2025-02-18", "oppose")),
            "fra": positions_file(
                "fra",
                position("troops", "2025-02-17", "support", speaker="A"),
                position("troops", "2025-02-17", "lean-support", speaker="B"),
                position("nato", "2025-01", "support"),
            ),
        },
    )


@pytest.fixture
def broken(valid):
    bad = "actor: quiet\npositions:\n  - issue: troops\n    stnace: x\n"
    write(valid, {"stances/bad.yaml": bad})
    return valid


def test_validate_valid_exits_0_with_summary(valid):
    result = run("validate", str(valid))
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1].startswith("OK:")
    assert result.stderr == ""


def test_validate_errors_exit_1_one_line_each(broken):
    result = run("validate", str(broken))
    assert result.returncode == 1
    lines = [line for line in result.stdout.strip().splitlines() if not line.startswith("  ")]
    assert lines[:-1] == [
        "stances/bad.yaml:3:5: error: a position is missing the required field 'date'",
        "stances/bad.yaml:3:5: error: a position is missing the required field 'stance'",
        "stances/bad.yaml:3:5: error: position has no source; at least one citation is required",
        "stances/bad.yaml:4:5: error: unknown field 'stnace' in a position; expected one of: "
        "issue, date, stance, speaker, summary, conditions, evidence, sources",
    ]
    assert lines[-1] == "4 errors in 1 file"


def test_validate_json_lists_objects(broken):
    result = run("validate", str(broken), "--format", "json")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert {(i["path"], i["line"], i["col"]) for i in items} == {
        ("stances/bad.yaml", 3, 5),
        ("stances/bad.yaml", 4, 5),
    }
    assert all({"path", "line", "col", "message"} <= set(i) for i in items)


def test_validate_json_valid_is_empty_list(valid):
    result = run("validate", str(valid), "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_validate_github_annotations(broken):
    result = run("validate", str(broken), "--format", "github")
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=stances/bad.yaml,line=3,col=5,title=field-missing::")


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "/no/such/dir"),
        ("validate", "--format", "xml"),
        ("matrix", "--as-of", "2025-02-30"),
        ("matrix", "--as-of", "yesterday"),
        ("frobnicate",),
        (),
    ],
)
def test_misuse_exits_2_without_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


@pytest.mark.parametrize(
    ("args", "usage", "says"),
    [
        (("matrix", "--as-of", "yesterday"), "matrix", "expected a date YYYY-MM-DD, found 'yes"),
        (("matrix", "--as-of", "2025-02"), "matrix", "expected a full date YYYY-MM-DD"),
        (("matrix", "--bogus"), "matrix", "unrecognized arguments: --bogus"),
        (("validate", "--format", "xml"), "validate", "invalid choice: 'xml'"),
    ],
)
def test_misuse_is_told_with_the_usage_of_the_command(args, usage, says):
    result = run(*args)
    assert result.returncode == 2
    assert f"usage: python -m standpoint {usage} " in result.stderr
    assert says in result.stderr


def test_help_describes_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout and "matrix" in result.stdout
    assert "--as-of" in run("matrix", "--help").stdout


def test_matrix_csv(valid):
    result = run("matrix", str(valid), "--as-of", "2025-02-17")
    assert result.returncode == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [
        ["actor", "troops", "nato"],
        ["usa", "", ""],  # a row: it has a position at some date, just not yet
        ["fra", "divided", "support"],
    ]


def test_matrix_json(valid):
    result = run("matrix", str(valid), "--as-of", "2025-02-18", "--format", "json")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2025-02-18"
    assert data["issues"] == ["troops", "nato"]
    assert data["rows"][0] == {"actor": "usa", "troops": "oppose", "nato": None}


def test_matrix_with_errors_prints_valid_data_and_exits_1(broken):
    result = run("matrix", str(broken), "--as-of", "2025-02-18")
    assert result.returncode == 1
    assert "stances/bad.yaml:4:5: error: unknown field 'stnace'" in result.stderr
    assert result.stdout.splitlines()[1] == "usa,oppose,"


def test_default_data_dir_is_repository_root(tmp_path):
    here = run("validate", cwd=tmp_path)
    there = run("validate", str(REPO))
    assert here.stdout == there.stdout


def test_unga_data_set_is_valid_and_matrix_matches_its_readme():
    assert run("validate", str(UNGA)).returncode == 0
    rows = list(
        csv.DictReader(io.StringIO(run("matrix", str(UNGA), "--as-of", "2025-12-31").stdout))
    )
    assert len(rows) == 192  # 193 states, one (tkm) with no position at all
    counts = {k: 0 for k in ("support", "oppose", "ambiguous", "")}
    for row in rows:
        counts[row["return-of-children"]] += 1
    # README: ES-11/9 yes 91, no 12, abstain 57, no position 33 (of 193; tkm has no row)
    assert counts == {"support": 91, "oppose": 12, "ambiguous": 57, "": 32}


HOSTILE = {
    "python-tag": 'actor: !!python/object/apply:os.system ["touch {marker}"]\npositions: []\n',
    "alias-bomb": "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
    + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 10)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "deep": "actor: " + "[" * 20000 + "]" * 20000 + "\n",
    "deep-map": "".join("  " * i + f"k{i}:\n" for i in range(3000)),
    "binary": "\x00\x01\x02",
    "tabs": "actor:\tusa\n\tpositions: []\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_a_clear_error_within_seconds(valid, tmp_path, name):
    marker = tmp_path / "ran"
    (valid / "stances" / f"{name}.yaml").write_text(
        HOSTILE[name].format(marker=marker) if name == "python-tag" else HOSTILE[name]
    )
    start = time.monotonic()
    result = run("validate", str(valid))
    assert time.monotonic() - start < 10
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"stances/{name}.yaml:" in result.stdout
    assert not marker.exists()


def test_huge_file_is_refused_quickly(valid):
    (valid / "stances" / "huge.yaml").write_text(
        "actor: usa\npositions:\n" + "  - x: y\n" * 700_000
    )
    start = time.monotonic()
    result = run("validate", str(valid))
    assert time.monotonic() - start < 10
    assert "stances/huge.yaml:1:1: error: file is" in result.stdout


def test_an_internal_error_is_a_message_not_a_traceback(valid, monkeypatch, capsys):
    from standpoint import cli

    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check", explode)  # what validate loads the data with
    assert cli.main(["validate", str(valid)]) == 1
    err = capsys.readouterr().err
    assert "internal error" in err and "RuntimeError: boom" in err
    assert "Traceback" not in err


def test_chart_writes_into_a_new_folder_and_says_plainly_when_it_cannot(valid, tmp_path, capsys):
    from standpoint.cli import main

    out = tmp_path / "new" / "deeper" / "m.csv"
    assert main(["chart", "matrix", str(valid), "-o", str(out)]) == 0
    assert out.is_file() and out.with_suffix(".txt").is_file()
    capsys.readouterr()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["chart", "matrix", str(valid), "-o", str(blocker / "m.csv")]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {blocker}" in err and "internal error" not in err
    deck = tmp_path / "deck.yaml"
    deck.write_text(f"data: {valid}\ncharts:\n  - chart: matrix\n    format: csv\n")
    assert main(["deck", str(deck), "-o", str(blocker / "out")]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {blocker}" in err and "internal error" not in err


# -- chart: misuse told with what was expected, what was found and a hint ----------------------


def chart_misuse(capsys, *args: str) -> str:
    """Run ``chart`` in-process: it must exit 2 with the chart command's usage; its message."""
    from standpoint.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["chart", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "usage: python -m standpoint chart " in err and "Traceback" not in err
    return err


def test_a_misspelt_id_gets_the_nearest_id_and_the_few_valid_ones(valid, tmp_path, capsys):
    from standpoint.loader import load

    ds = load(valid)
    out = str(tmp_path / "x.csv")
    issue = next(iter(ds.issues))
    err = chart_misuse(capsys, "map", str(valid), "--issue", issue[:-1], "-o", out)
    assert f"found {issue[:-1]!r}; did you mean {issue!r}?" in err
    for known in ds.issues:  # few issues: every id is listed
        assert known in err.split("The ids are:")[1]
    # an actor written by its name, misspelt: its id is suggested
    actor, other = [a for a in ds.actors.values() if a.kind == "state"][:2]
    typo = actor.name.lower()[:-1]
    err = chart_misuse(capsys, "compare", str(valid), "--actors", f"{other.id},{typo}", "-o", out)
    assert f"found {typo!r}; did you mean {actor.id!r}?" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("map",), ["a map needs --issue ID (one issue)"]),
        (
            ("matrix", "--issue", "{issue}"),
            ["--issue does not apply to a matrix", "use --issues {issue}"],
        ),
        (("map", "--issues", "{issue}"), ["--issues does not apply to a map", "--issue {issue}"]),
        (
            ("agreement", "--actors", "{actor}"),
            ["an agreement chart needs at least two actors", "found 1 ({actor})"],
        ),
        (("timeline", "--issue", "{issue}", "--max-age", "3"), ["--max-age does not apply"]),
    ],
)
def test_options_a_chart_does_not_take_are_refused(valid, tmp_path, capsys, args, says):
    from standpoint.loader import load

    ds = load(valid)
    ids = {"issue": next(iter(ds.issues)), "actor": next(iter(ds.actors))}
    given = [a.format(**ids) for a in args]
    err = chart_misuse(capsys, given[0], str(valid), *given[1:], "-o", str(tmp_path / "x.csv"))
    for part in says:
        assert part.format(**ids) in err
    assert not (tmp_path / "x.csv").exists()


def test_the_data_directory_may_come_after_the_options(valid, tmp_path, capsys):
    from standpoint.cli import main
    from standpoint.loader import load

    issues = list(load(valid).issues)
    out = tmp_path / "x.csv"
    assert main(["chart", "matrix", "--issues", ",".join(issues), str(valid), "-o", str(out)]) == 0
    header = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert header[: len(issues) + 1] == ["actor", *issues]  # the columns of the data named
