"""The structure of each file kind as JSON Schema, with the problem code of each rule.

``x-code`` on a subschema names the problem code its failures are reported under. The
``description`` of every field is what docs/format.md documents (a test checks that every
field here is documented there).
"""

from __future__ import annotations

from typing import Any

from .scale import ACTOR_KINDS, EVIDENCE, STANCE_KEYS

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$"


def text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def slug(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": SLUG, "x-code": "id-invalid", "description": description}


def date(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": DATE, "x-code": "date-invalid", "description": description}


def url(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": URL, "x-code": "url-scheme", "description": description}


def record(description: str, required: list[str], properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "required": required,
        "properties": properties,
        "additionalProperties": False,
    }


def listing(item: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": item, "description": description, **extra}


ISSUE = record(
    "an issue",
    ["id", "label", "proposition"],
    {
        "id": slug("unique slug of the issue"),
        "label": text("short name, used for matrix columns"),
        "proposition": text("the statement that support and oppose refer to"),
        "labels": record(
            "issue-specific wording of the five levels",
            [],
            {key: text(f"wording of the level {key}") for key in STANCE_KEYS},
        ),
        "description": text("longer context, markdown"),
    },
)
ISSUES_FILE = record(
    "stances/issues.yaml",
    ["issues"],
    {
        "title": text("the data set's topic, for chart titles"),
        "credit": text("the data set's own credit, after its name on a chart's data line"),
        "issues": listing(ISSUE, "the issues"),
    },
)

GROUP = record(
    "a group",
    ["id", "name"],
    {"id": slug("unique slug of the group"), "name": text("display name of the group")},
)
ACTOR = record(
    "an actor",
    ["id", "name", "kind"],
    {
        "id": slug("unique slug of the actor"),
        "name": text("display name"),
        "kind": {
            "type": "string",
            "enum": list(ACTOR_KINDS),
            "x-code": "kind-invalid",
            "description": "state, organisation, bloc or person",
        },
        "iso3": {
            "type": "string",
            "pattern": r"^[A-Z]{3}$",
            "x-code": "iso3-invalid",
            "description": "ISO 3166-1 alpha-3 code of a state (enables maps)",
        },
        "groups": listing(text("id of a group"), "ids of the groups the actor belongs to"),
        "parent": text("id of the actor this person speaks for"),
        "role": text("the person's role or office"),
    },
)
ACTORS_FILE = record(
    "stances/actors.yaml",
    ["actors"],
    {"groups": listing(GROUP, "the groups"), "actors": listing(ACTOR, "the actors")},
)

CITATION = record(
    "a citation",
    ["quote"],
    {
        "quote": text("verbatim words from the source that support the position"),
        "source": text("id of a source in seeds/sources.yaml"),
        "url": url("inline source: link, http or https"),
        "outlet": text("inline source: who published it"),
        "title": text("inline source: title"),
        "published": date("inline source: publication date"),
    },
)
POSITION = record(
    "a position",
    ["issue", "date", "stance", "sources"],
    {
        "issue": text("id of the issue"),
        "date": date("when the position was stated or held"),
        "stance": {
            "type": "string",
            "enum": list(STANCE_KEYS),
            "x-code": "stance-invalid",
            "description": "a key of the stance scale",
        },
        "speaker": text("who voiced it"),
        "summary": text("the position in the curator's words"),
        "conditions": text("conditions attached to the position"),
        "evidence": {
            "type": "string",
            "enum": list(EVIDENCE),
            "x-code": "evidence-invalid",
            "description": "stated, reported or inferred (default stated)",
        },
        "sources": listing(
            CITATION, "the citations, at least one", minItems=1, **{"x-code": "no-source"}
        ),
    },
)
POSITIONS_FILE = record(
    "a positions file",
    ["actor", "positions"],
    {"actor": text("id of the actor"), "positions": listing(POSITION, "the positions")},
)

SOURCE = record(
    "a source",
    ["id", "title", "published"],
    {
        "id": slug("unique slug of the source"),
        "title": text("title of the source"),
        "published": date("publication date"),
        "outlet": text("who published it"),
        "url": url("link, http or https"),
        "file": text("local copy of the text, a file name under seeds/"),
    },
)
SOURCES_FILE = record(
    "seeds/sources.yaml", ["sources"], {"sources": listing(SOURCE, "the sources")}
)

EVENT = record(
    "an event",
    ["date", "label"],
    {
        "date": date("when it happened"),
        "label": text("what happened"),
        "source": text("id of a source in seeds/sources.yaml"),
    },
)
EVENTS_FILE = record("stances/events.yaml", ["events"], {"events": listing(EVENT, "the events")})

FILE_SCHEMAS: dict[str, dict[str, Any]] = {
    "issues": ISSUES_FILE,
    "actors": ACTORS_FILE,
    "positions": POSITIONS_FILE,
    "sources": SOURCES_FILE,
    "events": EVENTS_FILE,
}
