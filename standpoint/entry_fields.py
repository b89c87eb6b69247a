"""The fields of each kind of entry that ``python -m standpoint new`` asks for: plain data,
apart from the scaffold itself so that the command line can list them without importing
ruamel.yaml (``validate`` starts quicker)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    prompt: str
    required: bool = False
    many: bool = False  # a list, given comma-separated


CITATION = [
    Field("source", "registry source id (or leave empty and give outlet and published)"),
    Field("quote", "the words of the source that support the position", True),
    Field("url", "inline source: link"),
    Field("outlet", "inline source: who published it"),
    Field("title", "inline source: title"),
    Field("published", "inline source: publication date"),
]
FIELDS: dict[str, list[Field]] = {
    "position": [
        Field("actor", "actor id", True),
        Field("issue", "issue id", True),
        Field("date", "date stated or held (YYYY-MM-DD, YYYY-MM or YYYY)", True),
        Field("stance", "stance (support, lean-support, ambiguous, lean-oppose, oppose)", True),
        Field("speaker", "who voiced it"),
        Field("summary", "the position in your words"),
        Field("conditions", "conditions attached"),
        Field("evidence", "evidence (stated, reported, inferred)"),
        *CITATION,
    ],
    "actor": [
        Field("id", "actor id (a slug)", True),
        Field("name", "display name", True),
        Field("kind", "kind (state, organisation, bloc, person)", True),
        Field("iso3", "ISO 3166-1 alpha-3 code"),
        Field("groups", "group ids, comma-separated", many=True),
        Field("parent", "the actor this person speaks for"),
        Field("role", "role or office"),
    ],
    "issue": [
        Field("id", "issue id (a slug)", True),
        Field("label", "short label for the matrix column", True),
        Field("proposition", "the statement that support and oppose refer to", True),
        Field("description", "longer context"),
    ],
    "source": [
        Field("id", "source id (a slug)", True),
        Field("title", "title", True),
        Field("published", "publication date", True),
        Field("outlet", "who published it"),
        Field("url", "link"),
        Field("file", "local text under seeds/"),
    ],
    "event": [
        Field("date", "date", True),
        Field("label", "what happened", True),
        Field("source", "registry source id"),
    ],
}
CITATION_NAMES = {f.name for f in CITATION}
