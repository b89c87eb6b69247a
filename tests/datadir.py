"""Build small data directories for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

ISSUES = """\
issues:
  - id: troops
    label: Troops
    proposition: Troops should be sent.
  - id: nato
    label: NATO
    proposition: Ukraine should be able to join NATO.
"""
ACTORS = """\
actors:
  - id: usa
    name: United States
    kind: state
    iso3: USA
  - id: envoy
    name: An Envoy
    kind: person
    parent: usa
  - id: fra
    name: France
    kind: state
  - id: quiet
    name: Quiet State
    kind: state
"""
SOURCES = """\
sources:
  - id: s1
    title: A report
    published: 2025-02-18
    file: s1.txt
"""
TEXT = "The President said “we will never send troops” – and left. Later: more words here."


def write(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path relative to ``root`` -> text, dedented) and return ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def data_dir(root: Path, positions: dict[str, str], **extra: str) -> Path:
    """A data directory with the standard issues, actors and one source text."""
    files = {
        "stances/issues.yaml": ISSUES,
        "stances/actors.yaml": ACTORS,
        "seeds/sources.yaml": SOURCES,
        "seeds/s1.txt": TEXT,
    }
    files.update({f"stances/{name}.yaml": text for name, text in positions.items()})
    files.update(extra)
    return write(root, files)


def position(
    issue: str,
    date: str,
    stance: str,
    speaker: str | None = None,
    quote: str = "we will never send troops",
) -> str:
    """One position entry (YAML list item, indented for a positions file)."""
    lines = [f"  - issue: {issue}", f"    date: {date}", f"    stance: {stance}"]
    if speaker:
        lines.append(f"    speaker: {speaker}")
    lines += ["    sources:", "      - source: s1", f'        quote: "{quote}"']
    return "\n".join(lines) + "\n"


def positions_file(actor: str, *entries: str) -> str:
    if not entries:
        return f"actor: {actor}\npositions: []\n"
    return f"actor: {actor}\npositions:\n" + "".join(entries)
