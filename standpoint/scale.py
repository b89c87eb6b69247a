"""The five-level stance scale and the other closed vocabularies of the format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Level:
    key: str
    value: int
    label: str
    symbol: str  # shown in cells so that the level never rests on colour alone


LEVELS: tuple[Level, ...] = (
    Level("support", 2, "Supports", "++"),
    Level("lean-support", 1, "Leans support / supports with conditions", "+"),
    Level("ambiguous", 0, "Ambiguous, undecided or non-committal", "~"),
    Level("lean-oppose", -1, "Leans against", "−"),
    Level("oppose", -2, "Opposes", "−−"),
)
BY_KEY: dict[str, Level] = {level.key: level for level in LEVELS}
STANCE_KEYS: tuple[str, ...] = tuple(BY_KEY)
VALUE: dict[str, int] = {level.key: level.value for level in LEVELS}

DIVIDED = "divided"  # several positions share the latest date and disagree
DIVIDED_LABEL = "Divided (statements on the same date disagree)"
NO_POSITION_LABEL = "No stated position"

EVIDENCE: tuple[str, ...] = ("stated", "reported", "inferred")
EVIDENCE_LABEL: dict[str, str] = {
    "stated": "stated (own words)",
    "reported": "reported (attributed by others)",
    "inferred": "inferred (an analyst's reading)",
}
ACTOR_KINDS: tuple[str, ...] = ("state", "organisation", "bloc", "person")


def level_label(key: str, labels: dict[str, str] | None = None) -> str:
    """The wording of a level, using an issue's own labels where it has them."""
    if key == DIVIDED:
        return DIVIDED_LABEL
    if labels and key in labels:
        return labels[key]
    return BY_KEY[key].label if key in BY_KEY else NO_POSITION_LABEL
