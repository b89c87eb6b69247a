"""``validate``'s whole result kept as one entry (standpoint.loader.report): a run with nothing
changed prints exactly what a fresh run prints, without loading, and any change to anything
the result depends on loads again (docs/performance.md)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from standpoint import cli
from standpoint.loader import dataset as dataset_mod
from standpoint.loader import records
from standpoint.loader import report as report_mod
from standpoint.loader import store as store_mod
from tests.datadir import data_dir, position, positions_file, write
from tests.paths import REPO

BROKEN = REPO / "tests" / "fixtures" / "broken"
FIXTURES = sorted(p for p in BROKEN.iterdir() if (p / "stances").is_dir())
TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def loads(monkeypatch):
    """How many times the data was loaded with the cache on (not printed from the kept
    result); runs with ``--no-cache`` do not count."""
    count = [0]
    real = dataset_mod.load

    def spy(*args, **kwargs):
        count[0] += kwargs.get("cache", True) is not False
        return real(*args, **kwargs)

    monkeypatch.setattr(dataset_mod, "load", spy)
    return count


@pytest.fixture
def data(tmp_path):
    return data_dir(
        tmp_path / "data",
        {
            "usa": positions_file("usa", position("troops", "2025-02-18", "oppose")),
            "fra": positions_file("fra", position("nato", "2025-01", "support")),
        },
    )


def run(capsys, root: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["validate", str(root), *args])
    return code, capsys.readouterr().out


def test_warm_prints_what_a_fresh_run_prints_on_every_broken_fixture(
    folder, loads, capsys, monkeypatch
):
    """Errors, warnings, their order, every field of each, the counts and the exit code: the
    same from the kept result as from a run without any cache, in every format."""
    assert len(FIXTURES) > 50
    kinds = set()
    for root in FIXTURES:
        fresh = {f: run(capsys, root, "--no-cache", "--format", f) for f in ("text", "json")}
        assert run(capsys, root) == fresh["text"], root.name  # cold: fills the cache
        loaded = loads[0]
        for f in ("text", "json", "github"):
            warm = run(capsys, root, "--format", f)
            if f in fresh:
                assert warm == fresh[f], (root.name, f)
        assert loads[0] == loaded, root.name  # printed from the kept result, nothing loaded
        kinds |= {p["severity"] for p in json.loads(fresh["json"][1])}
        assert fresh["text"][0] == (1 if '"error"' in fresh["json"][1] else 0)
    assert kinds == {"error", "warning"}


def test_a_warm_run_with_a_github_format_matches_a_fresh_one(folder, capsys):
    root = BROKEN / "actor-claimed-twice"
    fresh = run(capsys, root, "--no-cache", "--format", "github")
    run(capsys, root)
    assert run(capsys, root, "--format", "github") == fresh
    assert "::warning file=stances/usa2.yaml" in fresh[1]


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` (as long) in ``path``, keeping its size and modification time:
    only its bytes tell the change."""
    assert len(old) == len(new)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def _remove(path: Path) -> None:
    path.unlink()


CHANGES = {
    # a positions file edited, same size, same modification time: a stance now invalid
    "bytes only": lambda d: _same_size_edit(d / "stances/usa.yaml", "oppose", "opposX"),
    "a file added": lambda d: write(
        d, {"stances/sub/usa2.yaml": positions_file("usa", position("nato", "2024", "support"))}
    ),
    "a file removed": lambda d: _remove(d / "stances/fra.yaml"),
    "issues renamed": lambda d: _same_size_edit(d / "stances/issues.yaml", "id: nato", "id: natx"),
    "the registry edited": lambda d: _same_size_edit(
        d / "seeds/sources.yaml", "published: 2025-02-18", "published: 2025-13-18"
    ),
    "a text edited": lambda d: _same_size_edit(d / "seeds/s1.txt", "never", "nevxr"),
    "a text removed": lambda d: _remove(d / "seeds/s1.txt"),
    "the registry names another text": lambda d: _same_size_edit(
        d / "seeds/sources.yaml", "file: s1.txt", "file: s2.txt"
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_any_change_to_what_it_read_loads_again(data, folder, loads, capsys, change):
    before = run(capsys, data)
    assert before == (0, "OK: 5 files, 4 actors, 2 issues, 2 positions, no errors\n")
    assert run(capsys, data) == before and loads[0] == 1  # warm: kept
    CHANGES[change](data)
    fresh = run(capsys, data, "--no-cache")
    assert fresh != before  # every change here shows in the output
    loads[0] = 0
    assert run(capsys, data) == fresh
    assert loads[0] == 1  # loaded again
    assert run(capsys, data) == fresh and loads[0] == 1  # and kept again


def test_a_text_that_appears_is_seen(data, folder, loads, capsys):
    """The registry names a text that does not exist; once it does, its quotes are checked."""
    sources = (data / "seeds/sources.yaml").read_text().replace("s1.txt", "s2.txt")
    write(data, {"seeds/sources.yaml": sources})
    missing = run(capsys, data)
    assert "source-file-missing" not in missing[1]  # told as a message, not a code
    assert "does not exist in seeds/" in missing[1]
    shutil.copy(data / "seeds/s1.txt", data / "seeds/s2.txt")
    assert run(capsys, data) == run(capsys, data, "--no-cache")
    assert run(capsys, data)[0] == 0 and loads[0] == 2


def test_a_text_re_pointed_by_a_link_is_seen(data, folder, loads, capsys):
    """seeds/s1.txt a link to one text, then to another, as long and as old."""
    (data / "seeds/a.txt").write_text("He said: we will never send troops, and left.")
    (data / "seeds/b.txt").write_text("He said: we might maybe send troops, and left.")
    os.utime(data / "seeds/b.txt", ns=(0, (data / "seeds/a.txt").stat().st_mtime_ns))
    (data / "seeds/s1.txt").unlink()
    (data / "seeds/s1.txt").symlink_to("a.txt")
    assert run(capsys, data)[0] == 0
    (data / "seeds/s1.txt").unlink()
    (data / "seeds/s1.txt").symlink_to("b.txt")
    fresh = run(capsys, data, "--no-cache")
    assert fresh[0] == 1
    assert run(capsys, data) == fresh and loads[0] == 2


def test_a_file_too_large_is_keyed_by_its_size_and_never_read(data, folder, loads, capsys):
    """The loader tells a file over the size limit by its size, without reading it; so does
    the key of the kept result."""
    huge = data / "stances/huge.yaml"
    huge.write_text("actor: usa\npositions:\n" + "  - x: y\n" * 300_000)
    assert huge.stat().st_size > store_mod.MAX_YAML_BYTES
    fresh = run(capsys, data, "--no-cache")
    assert f"file is {huge.stat().st_size:,} bytes" in fresh[1]
    assert run(capsys, data) == fresh and run(capsys, data) == fresh and loads[0] == 1
    listed, ahead = report_mod.yaml_inputs(data)
    assert ["stances/huge.yaml", huge.stat().st_size] in listed
    assert "stances/huge.yaml" not in ahead.files and "stances/usa.yaml" in ahead.files
    with huge.open("a") as more:  # larger still: its message says so
        more.write("  - x: y\n")
    grown = run(capsys, data, "--no-cache")
    assert grown != fresh
    assert run(capsys, data) == grown and loads[0] == 2


def test_the_code_version_and_today_are_part_of_the_key(data, folder, loads, monkeypatch):
    write(
        data,
        {"stances/usa.yaml": positions_file("usa", position("troops", "2026-03-05", "oppose"))},
    )
    first = report_mod.check(data, TODAY)
    assert [p.code for p in first.problems] == ["date-future"]
    assert report_mod.check(data, TODAY) == first and loads[0] == 1
    later = report_mod.check(data, TODAY + dt.timedelta(days=10))  # the date is past by then
    assert later.problems == [] and later.positions == 2 and loads[0] == 2
    assert report_mod.check(data, TODAY + dt.timedelta(days=10)) == later and loads[0] == 2
    monkeypatch.setattr(store_mod, "code_version", lambda: "other code")
    assert report_mod.check(data, TODAY + dt.timedelta(days=10)) == later
    assert loads[0] == 3


def test_the_folder_as_named_is_part_of_the_key(tmp_path, folder, capsys, monkeypatch):
    """A folder without stances/ is told by the name it was given."""
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    by_path = run(capsys, tmp_path / "empty")
    by_name = run(capsys, Path("empty"))
    assert f"{tmp_path / 'empty'} has no stances/ folder" in by_path[1]
    assert by_name == run(capsys, Path("empty"), "--no-cache")
    assert "\nempty has no stances/ folder" in "\n" + by_name[1].split(": error: ", 1)[1]


@pytest.mark.parametrize(
    "garble",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b"\x00\xff" + b[2:],
        lambda b: b"[]",
        lambda b: b.replace(b'"positions":2', b'"positions":"two"'),
        lambda b: b.replace(b'"problems":[]', b'"problems":[[1]]'),
        lambda b: b.replace(b'"texts":["s1.txt"]', b'"texts":[7]'),
        lambda b: b"",
    ],
)
def test_a_corrupt_entry_costs_only_time(data, folder, loads, capsys, garble):
    fresh = run(capsys, data, "--no-cache")
    run(capsys, data)
    [entry] = folder.rglob(report_mod.ENTRY)
    garbled = garble(entry.read_bytes())
    assert garbled != entry.read_bytes()
    entry.write_bytes(garbled)
    assert run(capsys, data) == fresh and loads[0] == 2
    assert run(capsys, data) == fresh and loads[0] == 2  # written again, and used


def test_an_unwritable_cache_folder_costs_only_time(data, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STANDPOINT_CACHE", str(blocker / "cache"))
    fresh = run(capsys, data, "--no-cache")
    assert run(capsys, data) == fresh
    assert run(capsys, data) == fresh
    assert blocker.read_text() == "not a folder"


def test_a_failed_write_leaves_no_entry_and_no_temporary_file(data, folder, capsys, monkeypatch):
    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store_mod.os, "replace", broken)
    fresh = run(capsys, data, "--no-cache")
    assert run(capsys, data) == fresh
    assert not list(folder.rglob(report_mod.ENTRY))
    assert not list(folder.rglob(".tmp-*"))


def test_the_entry_is_json(data, folder, capsys):
    run(capsys, data)
    [entry] = folder.rglob(report_mod.ENTRY)
    body = json.loads(entry.read_bytes())
    assert body["report"]["positions"] == 2 and body["texts"] == ["s1.txt"]


def test_a_file_edited_while_it_loads_is_not_kept(data, folder, capsys, monkeypatch):
    """The files are hashed before the load; one edited before the load reads it is read as
    it is then, and that result is printed but never kept under the hash of the bytes before:
    edited back, the file is reported as it is again."""
    usa = data / "stances/usa.yaml"
    before = usa.read_text()
    real = records.read

    def edited_first(root, rel, kind):
        if rel == "stances/usa.yaml":
            write(data, {rel: positions_file("usa", position("troops", "2025", "x"))})
        return real(root, rel, kind)

    monkeypatch.setattr(records, "read", edited_first)
    assert run(capsys, data)[0] == 1  # what it read: an invalid stance
    monkeypatch.setattr(records, "read", real)
    usa.write_text(before)  # the bytes hashed before the load
    assert run(capsys, data) == run(capsys, data, "--no-cache")
    assert run(capsys, data)[0] == 0


def test_a_file_added_while_it_loads_is_not_kept(data, folder, capsys, monkeypatch):
    """A positions file that appears after the files were hashed, but before the load lists
    them, is read and reported; the result is not kept under the list without it."""
    real = records.read
    extra = data / "stances/zz-usa.yaml"

    def adds_one(root, rel, kind):
        if rel == "stances/issues.yaml" and not extra.exists():
            write(
                data, {"stances/zz-usa.yaml": positions_file("usa", position("nato", "2025", "x"))}
            )
        return real(root, rel, kind)

    monkeypatch.setattr(records, "read", adds_one)
    assert run(capsys, data)[0] == 1  # read: its invalid stance
    monkeypatch.setattr(records, "read", real)
    extra.unlink()  # the files as they were hashed before the load
    assert run(capsys, data) == run(capsys, data, "--no-cache")
    assert run(capsys, data)[0] == 0


def test_a_warm_validate_imports_no_parser(data, folder):
    """Printed from the kept result, validate imports neither libyaml's binding nor the
    loader's records: what makes a run with nothing changed quick."""
    code = (
        "import sys; from standpoint.cli import main; main(['validate', sys.argv[1]]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'yaml', 'fastjsonschema'} "
        "or m.startswith(('standpoint.loader.dataset', 'standpoint.yamlnodes'))))"
    )
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "STANDPOINT_CACHE": str(folder)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(data)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            timeout=120,
            check=False,
        )
        for _ in range(2)
    ]
    cold, warm = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert "yaml" in cold  # the first run loads ...
    assert warm == "[]", runs[1].stdout + runs[1].stderr  # ... the second does not
