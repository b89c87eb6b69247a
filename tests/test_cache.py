"""The loader's incremental cache: a warm load gives what a fresh one gives, reads only what
changed, and never trusts a stale, corrupt or foreign entry (docs/performance.md)."""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from standpoint import yamlnodes
from standpoint.loader import cache as cache_mod
from standpoint.loader import load, records
from standpoint.loader import store as store_mod
from tests.datadir import data_dir, position, positions_file, write
from tests.paths import REPO

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def reads(monkeypatch):
    """The positions files (and others) the loader reads and parses, in order."""
    seen: list[str] = []
    real = records.read

    def spy(root, rel, kind):
        seen.append(rel)
        return real(root, rel, kind)

    monkeypatch.setattr(records, "read", spy)
    return seen


@pytest.fixture
def parses(monkeypatch):
    """How many YAML texts were parsed (read, or parsed again for the place of an error)."""
    count = [0]
    real = yamlnodes.parse

    def spy(text):
        count[0] += 1
        return real(text)

    monkeypatch.setattr(yamlnodes, "parse", spy)
    return count


def same(a, b) -> None:
    """Two loads agree on everything a user sees."""
    assert a.problems == b.problems
    assert a.positions == b.positions
    assert a.warnings == b.warnings
    assert a.dropped == b.dropped  # positions left out for errors: their cells say so
    for name in ("issues", "actors", "groups", "sources", "events", "files", "file_actors"):
        assert getattr(a, name) == getattr(b, name), name
    for name in ("claims",):
        assert getattr(a, name) == getattr(b, name), name
    assert (a.texts, a.title, a.credit) == (b.texts, b.title, b.credit)


def codes(ds) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in ds.problems]


@pytest.fixture
def data(tmp_path):
    return data_dir(
        tmp_path / "data",
        {
            "usa": positions_file("usa", position("troops", "2025-02-18", "oppose")),
            "fra": positions_file(
                "fra",
                position("troops", "2025-02-17", "support", speaker="A"),
                position("nato", "2025-01", "support"),
            ),
        },
    )


def test_warm_load_reads_no_file_again_and_gives_the_same(data, folder, reads, parses):
    fresh = load(data, TODAY, cache=False)
    cold = load(data, TODAY)
    assert "stances/usa.yaml" in reads
    reads.clear()
    parses[0] = 0
    warm = load(data, TODAY)
    assert reads == ["seeds/sources.yaml"]  # the registry is read every time; nothing else
    assert parses[0] == 1
    same(fresh, cold)
    same(fresh, warm)
    assert len(warm.positions) == 3


def test_positions_left_out_for_errors_come_back_from_the_cache(data, folder):
    """A cell whose only positions were left out says so (its '!'), warm as cold: a position
    with an error of its own, and one whose quote its source's text does not hold."""
    write(
        data,
        {
            "stances/usa.yaml": positions_file(
                "usa",
                position("troops", "2025-02-18", "oppose"),
                position("nato", "2025-02", "maybe"),
                position("troops", "2025-03", "support", quote="words nobody said"),
            )
        },
    )
    lines = (data / "stances/usa.yaml").read_text().splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line.startswith("  - issue:")]
    fresh = load(data, TODAY, cache=False)
    assert [(d.issue, d.line) for d in fresh.dropped] == [
        ("nato", starts[1]),
        ("troops", starts[2]),
    ]
    same(load(data, TODAY), fresh)
    same(load(data, TODAY), fresh)  # every file from the cache


def test_warnings_come_back_from_the_cache_as_warnings(data, folder, parses):
    write(data, {"stances/quiet.yaml": positions_file("usa", position("nato", "2024", "support"))})
    fresh = load(data, TODAY, cache=False)
    assert {p.code for p in fresh.warnings} == {"file-name-actor", "actor-claimed-twice"}
    load(data, TODAY)
    parses[0] = 0
    warm = load(data, TODAY)
    same(warm, fresh)
    assert parses[0] == 3  # the registry, and the two files warned, for the warnings' places


def test_an_edited_file_is_read_again_and_only_it(data, folder, reads):
    load(data, TODAY)
    write(data, {"stances/usa.yaml": positions_file("usa", position("troops", "2025-02-18", "x"))})
    reads.clear()
    ds = load(data, TODAY)
    assert reads == ["seeds/sources.yaml", "stances/usa.yaml"]
    assert ("stances/usa.yaml", 5, "stance-invalid") in codes(ds)
    same(ds, load(data, TODAY, cache=False))


def test_an_edited_text_checks_again_the_quotes_of_unchanged_files(data, folder, reads):
    assert load(data, TODAY).problems == []
    write(data, {"seeds/s1.txt": "The President said nothing of the kind."})
    reads.clear()
    ds = load(data, TODAY)
    assert "stances/usa.yaml" not in reads  # its own result comes from the cache ...
    assert ("stances/usa.yaml", 8, "quote-not-found") in codes(ds)  # ... its quote is checked
    assert len(ds.positions) == 0
    # the registry points the source at another text that holds the quote
    write(data, {"seeds/s2.txt": "Earlier: we will never send troops, he said."})
    sources = (data / "seeds/sources.yaml").read_text().replace("s1.txt", "s2.txt")
    write(data, {"seeds/sources.yaml": sources})
    ds = load(data, TODAY)
    assert ds.problems == [] and len(ds.positions) == 3
    same(ds, load(data, TODAY, cache=False))


def test_references_and_hints_follow_the_files_they_name(data, folder, reads):
    load(data, TODAY)
    issues = (data / "stances/issues.yaml").read_text().replace("id: nato", "id: natos")
    write(data, {"stances/issues.yaml": issues})
    reads.clear()
    ds = load(data, TODAY)
    assert "stances/fra.yaml" not in reads
    [p] = [p for p in ds.problems if p.code == "ref-unresolved"]
    assert (p.path, p.line) == ("stances/fra.yaml", 10)  # its issue line
    assert p.hint == "did you mean 'natos'?"
    same(ds, load(data, TODAY, cache=False))


def test_positions_told_twice_across_files_follow_both_files(data, folder, reads):
    extra = positions_file("usa", position("troops", "2025-02-18", "support"))
    write(data, {"stances/zz-usa.yaml": extra})
    ds = load(data, TODAY)
    assert ("stances/zz-usa.yaml", 3, "position-duplicate") in codes(ds)
    # the first file changes its date: the second, unchanged and cached, is no longer a copy
    write(
        data, {"stances/usa.yaml": positions_file("usa", position("troops", "2025-02", "oppose"))}
    )
    reads.clear()
    ds = load(data, TODAY)
    assert "stances/zz-usa.yaml" not in reads
    assert ds.problems == []
    same(ds, load(data, TODAY, cache=False))


def test_the_future_date_check_follows_today(data, folder, reads):
    write(
        data,
        {"stances/usa.yaml": positions_file("usa", position("troops", "2026-03-05", "oppose"))},
    )
    assert ("stances/usa.yaml", 4, "date-future") in codes(load(data, TODAY))
    later = TODAY + dt.timedelta(days=10)
    ds = load(data, later)
    assert ds.problems == []
    same(ds, load(data, later, cache=False))
    assert ("stances/usa.yaml", 4, "date-future") in codes(load(data, TODAY))  # and back
    reads.clear()
    load(data, TODAY + dt.timedelta(days=1))  # the same side of every date: no reading again
    assert "stances/usa.yaml" not in reads


def test_the_code_version_is_a_hash_of_the_package_source(tmp_path, data, folder, reads):
    copy = tmp_path / "pkg"
    shutil.copytree(REPO / "standpoint", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache_mod.source_hash(copy)
    assert before == cache_mod.code_version()  # the same files, the same version
    (copy / "dates.py").write_text((copy / "dates.py").read_text() + "\n# changed\n")
    cache_mod.source_hash.cache_clear()
    assert cache_mod.source_hash(copy) != before
    # an entry written by other code is never used
    load(data, TODAY)
    reads.clear()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache_mod, "code_version", lambda: "other code")
        same(load(data, TODAY), load(data, TODAY, cache=False))
    assert "stances/usa.yaml" in reads


def test_entries_are_json_and_nothing_that_runs_code(data, folder):
    load(data, TODAY)
    entries = [p for p in folder.rglob("*") if p.is_file()]
    assert entries
    for path in entries:
        for line in path.read_bytes().splitlines():
            json.loads(line)  # plain JSON, line by line
    for path in (REPO / "standpoint").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert name.split(".")[0] not in {"pickle", "marshal", "shelve", "dill"}, path


def test_the_cache_lives_outside_stances_and_seeds(data, monkeypatch):
    monkeypatch.delenv("STANDPOINT_CACHE")
    before = sorted(p for sub in ("stances", "seeds") for p in (data / sub).rglob("*"))
    load(data, TODAY)
    after = sorted(p for sub in ("stances", "seeds") for p in (data / sub).rglob("*"))
    assert before == after
    assert any((data / ".standpoint-cache").rglob("*.json"))
    # a data directory it cannot write to: the user's cache directory, by XDG_CACHE_HOME
    monkeypatch.setattr(store_mod.os, "access", lambda path, mode: False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(data.parent / "xdg"))
    assert store_mod.cache_dir(data).parent == data.parent / "xdg" / "standpoint"


def test_a_failed_write_leaves_the_old_entry_whole(data, folder, reads, monkeypatch):
    load(data, TODAY)
    entries = {p: p.read_bytes() for p in (folder).rglob("*.json")}
    write(data, {"stances/usa.yaml": positions_file("usa", position("troops", "2025-02", "x"))})

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(store_mod.os, "replace", broken)
    ds = load(data, TODAY)
    assert ("stances/usa.yaml", 5, "stance-invalid") in codes(ds)
    assert {p: p.read_bytes() for p in folder.rglob("*.json")} == entries  # untouched
    assert not [p for p in folder.rglob(".tmp-*")]  # no half-written file left behind


@pytest.mark.parametrize(
    "garble",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b"\x00\xff" + b[2:],
        lambda b: b.split(b"\n")[0] + b'\n{"days": [null, null], "result": {"records": 5}}',
        lambda b: b.split(b"\n")[0] + b'\n{"days": [null, null], "result": []}',
        lambda b: b"",
    ],
)
def test_a_corrupt_entry_costs_only_time(data, folder, reads, garble):
    fresh = load(data, TODAY, cache=False)
    load(data, TODAY)
    for path in folder.rglob("*.json"):
        path.write_bytes(garble(path.read_bytes()))
    same(load(data, TODAY), fresh)
    reads.clear()
    same(load(data, TODAY), fresh)  # the entries were written again
    assert reads == ["seeds/sources.yaml"]


def test_an_unwritable_cache_folder_costs_only_time(data, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STANDPOINT_CACHE", str(blocker / "cache"))
    same(load(data, TODAY), load(data, TODAY, cache=False))
    assert blocker.read_text() == "not a folder"


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", **env},
        check=False,
    )


def test_no_cache_keeps_nothing(data, folder):
    env = {"STANDPOINT_CACHE": str(folder)}
    result = _run("-m", "standpoint", "validate", str(data), "--no-cache", env=env)
    assert result.returncode == 0, result.stderr
    assert not folder.exists()
    result = _run("-m", "standpoint", "validate", str(data), env=env)
    assert result.returncode == 0, result.stderr
    assert any(folder.rglob("*.json"))


def test_validate_imports_no_pandas_plotly_or_streamlit(data, folder):
    # nor ruamel.yaml, which only 'new' needs, nor rapidfuzz, which only a quote not found in
    # its text needs: each is start-up time a warm run cannot spare
    code = (
        "import sys; from standpoint.cli import main; main(['validate', sys.argv[1]]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pandas', 'plotly', "
        "'streamlit', 'numpy', 'ruamel', 'rapidfuzz'}))"
    )
    result = _run("-c", code, str(data), env={"STANDPOINT_CACHE": str(folder)})
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr


def test_the_app_loads_through_the_same_cache(data, folder):
    from components import data as app_data

    app_data._load.clear()
    ds = app_data._load(str(data), app_data.fingerprint(data))
    same(ds, load(data, dt.date.today(), cache=False))
    assert any(folder.rglob("*.json"))
    assert os.path.commonpath([folder, *folder.rglob("*.json")]) == str(folder)


def test_light_rows_report_and_count_as_built_positions(data, folder):
    extra = positions_file("usa", position("troops", "2025-02-18", "support"))
    write(data, {"stances/zz-usa.yaml": extra})  # a position told twice: reported, not counted
    built = load(data, TODAY)
    for _ in range(2):  # cold, then warm
        rows = load(data, TODAY, build=False)
        assert (rows.problems, rows.warnings) == (built.problems, built.warnings)
        assert len(rows.positions) == len(built.positions) == 3
        assert [(r.actor, r.issue, r.date, r.speaker, r.line) for r in rows.positions] == [
            (p.actor, p.issue, p.date, p.speaker, p.line) for p in built.positions
        ]


# -- two processes writing one cache at once (replicas sharing a cache folder) -----------------
UNGA = REPO / "tests" / "fixtures" / "unga-ukraine"
_LOADER = """
import hashlib, sys, time, datetime as dt
from pathlib import Path
from standpoint.loader import load
root, go, cache = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "cache"
print("ready", flush=True)
while not go.exists():  # both processes start loading at the same moment
    time.sleep(0.001)
ds = load(root, dt.date(2026, 3, 1), cache=cache)
seen = (ds.problems, ds.warnings, ds.positions, ds.issues, ds.actors, ds.groups, ds.sources,
        ds.events, ds.claims, ds.texts, ds.title, ds.credit)
print(len(ds.positions), hashlib.sha256(repr(seen).encode()).hexdigest())
"""


def _loader(root: Path, go: Path, cache: bool, env: dict[str, str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _LOADER, str(root), str(go), "cache" if cache else "none"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", **env},
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    return proc


def _entries_whole(folder: Path) -> list[str]:
    """The cache entries under ``folder`` that are not whole JSON (half-written or torn),
    leaving out the temporary files a write renames into place."""
    torn = []
    for path in folder.rglob("*.json"):
        if path.name.startswith(".tmp-"):
            continue
        try:
            lines = path.read_bytes().split(b"\n")
            parsed = [json.loads(line) for line in lines]
        except FileNotFoundError:
            continue  # not there yet: a reader sees a whole entry or none
        except ValueError:
            torn.append(path.name)
            continue
        if path.parent.name == "files" and not (len(parsed) == 2 and "result" in parsed[1]):
            torn.append(path.name)
    return torn


def _watch(folder: Path, stop: threading.Event, torn: list[str]) -> None:
    """Read every entry under ``folder`` again and again until ``stop``, noting torn ones."""
    while not stop.is_set():
        if folder.exists():
            torn.extend(_entries_whole(folder))


def test_two_processes_filling_one_cache_at_once_both_load_right_and_leave_it_whole(tmp_path):
    """Two replicas start on one data directory with one empty cache folder, at the same
    moment, three times over: both get the data set a load without the cache gets, a third
    reader never sees a half-written entry while they write, and the folder ends with one whole
    entry per file, which a later load uses. (Written in place instead of renamed into place,
    the entries are seen torn: a reader opens one between its truncation and its write.)"""
    positions = 0
    for path in (UNGA / "stances").glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        positions += len(doc.get("positions", [])) if isinstance(doc, dict) else 0
    files = sorted(f"stances/{p.name}" for p in (UNGA / "stances").glob("*.yaml"))
    go = tmp_path / "go"
    reference = _loader(UNGA, go, False, {})
    go.touch()
    expected = reference.communicate(timeout=120)[0].split()
    assert int(expected[0]) == positions  # every position of the files, none lost
    for attempt in range(3):  # an empty cache each time: both processes miss and write
        go.unlink()
        folder = tmp_path / f"cache-{attempt}"
        env = {"STANDPOINT_CACHE": str(folder)}
        both = [_loader(UNGA, go, True, env) for _ in range(2)]
        torn: list[str] = []
        stop = threading.Event()

        # a third reader, as a replica reading while the others write
        watcher = threading.Thread(target=_watch, args=(folder, stop, torn))
        watcher.start()
        go.touch()
        try:
            outs = [p.communicate(timeout=120) for p in both]
        finally:
            stop.set()
            watcher.join()
        for proc, (out, err) in zip(both, outs, strict=True):
            assert proc.returncode == 0, err
            assert out.split() == expected  # the same data set as a load without the cache
        assert torn == []  # no reader ever saw a half-written entry
        assert _entries_whole(folder) == []
        kept = [json.loads(p.read_bytes().split(b"\n")[0]) for p in folder.rglob("files/*.json")]
        assert sorted(k["path"] for k in kept) == files  # one entry for each file, no more
        assert not [p for p in folder.rglob(".tmp-*")]  # no temporary file left behind
    # the entries are used: a load from the last folder reads no file again
    warm = _loader(UNGA, go, True, {"STANDPOINT_CACHE": str(folder)})
    assert warm.communicate(timeout=120)[0].split() == expected
