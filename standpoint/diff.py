"""Review a change to stance data: what moved between two git revisions of a data directory.

``python -m standpoint diff OLD_REV [NEW_REV] [DATA_DIR]`` reports

- matrix cells that changed, as of today and as of each date in the data where they differ,
  from what to what, with the new quote and source;
- positions, actors, issues and sources added, removed or edited;
- problems the change introduces or fixes.

Old revisions are read with ``git archive`` into a temporary folder: the working tree is never
checked out over. ``NEW_REV`` defaults to the working tree (the data directory as it is).
Cells are the core's cells (:func:`standpoint.queries.current` and ``cell_value``), the same
rule as the matrix.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .loader import load
from .model import Dataset, Position
from .queries import by_pair, cell_value, cell_words, current


class GitError(Exception):
    """A revision or directory that git cannot give (told to the user, exit 2)."""


def _git(cwd: Path, *args: str) -> bytes:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return result.stdout


def repo_of(data_dir: Path) -> tuple[Path, str]:
    """The repository's top folder, and the data directory's path inside it (POSIX, '' for the
    top itself)."""
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    rel = data_dir.resolve().relative_to(top.resolve()).as_posix()
    return top, "" if rel == "." else rel


def export(data_dir: Path, rev: str, dest: Path) -> Path:
    """The data directory as it was at ``rev``, written under ``dest`` (by ``git archive``:
    only its stances/ and seeds/); the folder that holds it."""
    top, rel = repo_of(data_dir)
    commit = _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    prefix = f"{rel}/" if rel else ""
    wanted = [f"{prefix}stances", f"{prefix}seeds"]
    present = _git(top, "ls-tree", "--name-only", commit, "--", *wanted).decode().split()
    dest.mkdir(parents=True, exist_ok=True)
    if present:
        archive = _git(top, "archive", "--format=tar", commit, "--", *present)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    return dest / rel if rel else dest


@dataclass
class CellChange:
    actor: str
    issue: str
    as_of: list[str]  # the dates (ISO) where it differs; "today" first when it differs today
    old: str | None
    new: str | None
    quote: str | None = None  # behind the new cell
    source: str | None = None


@dataclass
class RecordChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.edited)


@dataclass
class Review:
    old_rev: str
    new_rev: str
    today: str
    cells: list[CellChange] = field(default_factory=list)
    records: dict[str, RecordChanges] = field(default_factory=dict)
    problems_introduced: list[str] = field(default_factory=list)
    problems_fixed: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.cells
            or any(self.records.values())
            or self.problems_introduced
            or self.problems_fixed
        )

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def review(
    data_dir: Path, old_rev: str, new_rev: str | None = None, today: dt.date | None = None
) -> Review:
    """Compare the data directory at ``old_rev`` with ``new_rev`` (or the working tree)."""
    today = today or dt.date.today()
    with tempfile.TemporaryDirectory(prefix="standpoint-diff-") as tmp:
        old_dir = export(data_dir, old_rev, Path(tmp) / "old")
        new_dir = export(data_dir, new_rev, Path(tmp) / "new") if new_rev else data_dir
        old, new = load(old_dir, today, cache=False), load(new_dir, today, cache=False)
    return compare(old, new, old_rev, new_rev or "working tree", today)


def compare(old: Dataset, new: Dataset, old_rev: str, new_rev: str, today: dt.date) -> Review:
    result = Review(old_rev, new_rev, today.isoformat())
    result.cells = _cells(old, new, today)
    result.records = {
        "positions": _changes(_positions(old), _positions(new)),
        "actors": _changes(old.actors, new.actors),
        "issues": _changes(old.issues, new.issues),
        "sources": _changes(old.sources, new.sources),
    }
    before = {_problem_key(p) for p in [*old.problems, *old.warnings]}
    after = {_problem_key(p) for p in [*new.problems, *new.warnings]}
    result.problems_introduced = sorted(after - before)
    result.problems_fixed = sorted(before - after)
    return result


def _problem_key(p: Any) -> str:
    return f"{p.path}: {p.severity}: {p.message}"


def _cells(old: Dataset, new: Dataset, today: dt.date) -> list[CellChange]:
    """Cells that differ as of today or as of any date a position in either data starts."""
    old_pairs, new_pairs = by_pair(old), by_pair(new)
    dates = sorted(
        {p.date.start for p in [*old.positions, *new.positions] if p.date.start <= today}
    )
    order = {a: i for i, a in enumerate([*new.actors, *old.actors])}
    issues = {i: n for n, i in enumerate([*new.issues, *old.issues])}
    changes = []
    for pair in sorted(
        set(old_pairs) | set(new_pairs),
        key=lambda k: (order.get(k[0], len(order)), issues.get(k[1], len(issues)), k),
    ):
        before, after = old_pairs.get(pair, []), new_pairs.get(pair, [])
        if _same(before, after):
            continue
        runs: dict[tuple[str | None, str | None], list[str]] = {}
        for when, label in [(today, "today"), *[(d, d.isoformat()) for d in dates]]:
            was = cell_value(current(before, when))
            now_made = current(after, when)
            now = cell_value(now_made)
            if was != now or (
                now_made and _words(new, now_made) != _words(old, current(before, when))
            ):
                runs.setdefault((was, now), []).append(label)
        for (was, now), labels in runs.items():
            made = current(
                after, today if labels[0] == "today" else dt.date.fromisoformat(labels[0])
            )
            words = cell_words(new, made, sep=" / ") if made else {}
            changes.append(
                CellChange(
                    pair[0], pair[1], labels, was, now, words.get("quote"), words.get("source")
                )
            )
    return changes


def _same(before: list[Position], after: list[Position]) -> bool:
    strip = lambda ps: [dataclasses.replace(p, path="", line=0) for p in ps]  # noqa: E731
    return strip(before) == strip(after)


def _words(ds: Dataset, made: list[Position]) -> tuple[Any, ...]:
    return tuple(sorted(((p.stance, p.citations, p.speaker or "") for p in made), key=repr))


def _positions(ds: Dataset) -> dict[str, Position]:
    return {
        f"{p.actor} on {p.issue}, {p.date.text}" + (f" ({p.speaker})" if p.speaker else ""): (
            dataclasses.replace(p, path="", line=0)
        )
        for p in ds.positions
    }


def _changes(old: dict[str, Any], new: dict[str, Any]) -> RecordChanges:
    return RecordChanges(
        added=[k for k in new if k not in old],
        removed=[k for k in old if k not in new],
        edited=[k for k in new if k in old and new[k] != old[k]],
    )


# -- output ------------------------------------------------------------------------------------
def _cell(value: str | None) -> str:
    return value if value is not None else "(no position)"


def _move(c: CellChange) -> str:
    if c.old == c.new:
        return f"{_cell(c.new)}, with other words (quote, source or speaker)"
    return f"{_cell(c.old)} -> {_cell(c.new)}"


def _when(labels: list[str]) -> str:
    if labels == ["today"]:
        return "as of today"
    dated = [x for x in labels if x != "today"]
    span = dated[0] if len(dated) == 1 else f"{dated[0]} to {dated[-1]} ({len(dated)} dates)"
    return f"as of today and {span}" if "today" in labels else f"as of {span}"


def text(r: Review) -> str:
    lines = [f"Changes from {r.old_rev} to {r.new_rev} (today is {r.today})"]
    if r.empty():
        return lines[0] + "\nNo change to cells, records or problems.\n"
    if r.cells:
        lines += ["", f"Cells that changed ({len(r.cells)}):"]
        for c in r.cells:
            lines.append(f"  {c.actor} / {c.issue}: {_move(c)}, {_when(c.as_of)}")
            if c.quote:
                lines.append(f'    quote: "{c.quote}"' + (f" ({c.source})" if c.source else ""))
    for kind, ch in r.records.items():
        for verb, items in (("added", ch.added), ("removed", ch.removed), ("edited", ch.edited)):
            if items:
                lines += ["", f"{kind.capitalize()} {verb} ({len(items)}):"]
                lines += [f"  {item}" for item in items]
    for title, items in (
        ("Problems introduced", r.problems_introduced),
        ("Problems fixed", r.problems_fixed),
    ):
        if items:
            lines += ["", f"{title} ({len(items)}):"] + [f"  {p}" for p in items]
    return "\n".join(lines) + "\n"


def _md(value: str) -> str:
    """Text safe inside a markdown table cell or list item."""
    out = value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for ch in "`*_[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def markdown(r: Review) -> str:
    lines = [f"### Stance data: {_md(r.old_rev)} → {_md(r.new_rev)}", ""]
    if r.empty():
        return "\n".join(lines) + "No change to cells, records or problems.\n"
    if r.cells:
        lines += [
            f"**Cells that changed** ({len(r.cells)})",
            "",
            "| actor | issue | from | to | when | new quote (source) |",
            "|---|---|---|---|---|---|",
        ]
        for c in r.cells:
            quote = f"“{_md(c.quote)}” ({_md(c.source or '')})" if c.quote else ""
            lines.append(
                f"| {_md(c.actor)} | {_md(c.issue)} | {_md(_cell(c.old))} | {_md(_cell(c.new))} "
                f"| {_md(_when(c.as_of))} | {quote} |"
            )
        lines.append("")
    for kind, ch in r.records.items():
        for verb, items in (("added", ch.added), ("removed", ch.removed), ("edited", ch.edited)):
            if items:
                lines += [f"**{kind.capitalize()} {verb}** ({len(items)})", ""]
                lines += [f"- {_md(item)}" for item in items] + [""]
    for title, items in (
        ("Problems introduced", r.problems_introduced),
        ("Problems fixed", r.problems_fixed),
    ):
        if items:
            lines += [f"**{title}** ({len(items)})", ""] + [f"- {_md(p)}" for p in items] + [""]
    return "\n".join(lines)


def as_json(r: Review) -> str:
    return json.dumps(r.as_dict(), indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": text, "markdown": markdown, "json": as_json}
