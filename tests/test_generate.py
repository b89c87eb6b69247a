"""The seeded generator of the benchmark data set: valid data of the size asked, the same
bytes for the same seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks.generate import generate
from standpoint.loader import load
from standpoint.quotes import normalise, occurs_in

TODAY = dt.date(2026, 11, 28)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generated_data_is_valid_and_of_the_size_asked(tmp_path):
    summary = generate(tmp_path, actors=7, issues=3, positions=4, seed=5)
    ds = load(tmp_path, today=TODAY)
    assert ds.problems == []
    assert len(ds.actors) == summary.actors == 7
    assert len(ds.issues) == summary.issues == 3
    assert len(ds.positions) == summary.positions == 7 * 3 * 4
    assert {p.path for p in ds.positions} == {f"stances/{a}.yaml" for a in ds.actors}
    assert {p.date.start.year for p in ds.positions} <= set(range(2000, 2027))


def test_quotes_citing_a_local_text_occur_in_it(tmp_path):
    generate(tmp_path, actors=8, issues=4, positions=3, seed=1)
    ds = load(tmp_path, today=TODAY)
    cited = [(c.quote, c.source) for p in ds.positions for c in p.citations if c.source in ds.texts]
    assert cited, "some citations quote a registry source with a local text"
    assert all(occurs_in(q, normalise(ds.texts[s])) for q, s in cited)
    assert any(c.source is None and c.url for p in ds.positions for c in p.citations)


def test_same_seed_same_bytes_other_seed_other_data(tmp_path):
    generate(tmp_path / "a", actors=5, issues=2, positions=2, seed=3)
    generate(tmp_path / "b", actors=5, issues=2, positions=2, seed=3)
    generate(tmp_path / "c", actors=5, issues=2, positions=2, seed=4)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_summary_counts_only_the_files_written(tmp_path):
    first = generate(tmp_path, actors=3, issues=2, positions=1, seed=1)
    (tmp_path / ".standpoint-cache").mkdir(exist_ok=True)
    (tmp_path / ".standpoint-cache" / "entry.json").write_text("{}", encoding="utf-8")
    again = generate(tmp_path, actors=3, issues=2, positions=1, seed=1)
    written = [p for p in tmp_path.rglob("*.yaml") if ".standpoint-cache" not in p.parts]
    assert again.files == first.files >= len(written)
