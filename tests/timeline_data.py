"""A small data directory with positions over time, for the timeline, agreement, figure and
page tests (inline sources, so no local source text is needed)."""

from __future__ import annotations

from pathlib import Path

from tests.datadir import write

REPO = Path(__file__).resolve().parent.parent

ISSUES = """\
issues:
  - id: troops
    label: Troops to Ukraine
    proposition: Troops should be sent.
    labels:
      support: Will deploy
      oppose: Rejects deployment
    description: Whether troops go. **Bold** context.
  - id: nato
    label: Ukraine in NATO
    proposition: Ukraine should be able to join NATO.
  - id: unused
    label: Nobody spoke
    proposition: Nothing is said on this.
"""
ACTORS = """\
groups:
  - id: g7
    name: G7 states
actors:
  - id: usa
    name: United States
    kind: state
    iso3: USA
    groups: [g7]
  - id: fra
    name: France
    kind: state
    iso3: FRA
    groups: [g7]
  - id: eu
    name: European Union
    kind: organisation
  - id: envoy
    name: An Envoy
    kind: person
    parent: usa
    role: Special envoy
  - id: noiso
    name: Nowhere Land
    kind: state
"""
EVENTS = """\
events:
  - date: 2014
    label: An old event
  - date: 2025-02-18
    label: Talks in <b>Riyadh</b>
"""


def _pos(issue: str, date: str, stance: str, quote: str, **extra: str) -> str:
    lines = [f"  - issue: {issue}", f"    date: {date}", f"    stance: {stance}"]
    lines += [f"    {k}: {v!r}" if "<" in v else f"    {k}: {v}" for k, v in extra.items()]
    lines += [
        "    sources:",
        "      - url: https://example.org/a",
        "        outlet: Example News",
        "        published: 2025-02-20",
        f"        quote: {quote!r}",
    ]
    return "\n".join(lines) + "\n"


POSITIONS = {
    "usa": "actor: usa\npositions:\n"
    + _pos("troops", "2014", "support", "We back it")
    + _pos("troops", "2022-03", "lean-support", "Only with conditions")
    + _pos("troops", "2025-02-24", "oppose", "No troops", speaker="The President")
    + _pos("nato", "2025-02-12", "oppose", "Not in NATO", speaker="Speaker A")
    + _pos("nato", "2025-02-12", "support", "Open door", speaker="Speaker B"),
    "fra": "actor: fra\npositions:\n"
    + _pos("troops", "2025-02-17", "support", "We <b>will</b> go", summary="<b>bold</b> claim")
    + _pos("nato", "2025-02-12", "support", "Ukraine belongs in NATO"),
    "eu": "actor: eu\npositions:\n" + _pos("troops", "2025-02-17", "ambiguous", "We will see"),
    "envoy": "actor: envoy\npositions:\n" + _pos("nato", "2025-02-18", "oppose", "Off the table"),
    "noiso": "actor: noiso\npositions:\n" + _pos("troops", "2025-02-17", "support", "Yes"),
}


def make(root: Path) -> Path:
    """Write the data directory at ``root`` and return it."""
    files = {
        "stances/issues.yaml": ISSUES,
        "stances/actors.yaml": ACTORS,
        "stances/events.yaml": EVENTS,
    }
    files.update({f"stances/{a}.yaml": text for a, text in POSITIONS.items()})
    return write(root, files)
