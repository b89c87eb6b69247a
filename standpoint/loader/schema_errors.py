"""Schema errors to problems: what the file schemas reject, told as the format's problems."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..near_miss import nearest
from ..schema import FILE_SCHEMAS
from ..words import agree, and_list
from .salvage import Document, Where


class _OnFirstUse(dict):
    """kind -> the checker of its schema, made when first asked for: a warm load, whose files
    all come from the cache, never pays for compiling (or importing) the checkers."""

    def __init__(self, make: Callable[[dict[str, Any]], Any]) -> None:
        super().__init__((kind, None) for kind in FILE_SCHEMAS)
        self._make = make

    def __getitem__(self, kind: str) -> Any:
        checker = super().__getitem__(kind)
        if checker is None:
            checker = self._make(FILE_SCHEMAS[kind])
            self[kind] = checker
        return checker


def _validator(schema: dict[str, Any]) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema)


def _compiled(schema: dict[str, Any]) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(schema)


_VALIDATORS = _OnFirstUse(_validator)
# Compiled checks that only say valid or not, several times faster than jsonschema's; a file
# they pass needs no walk for errors (tests check that both agree on every fixture).
_FAST_CHECKS = _OnFirstUse(_compiled)

_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping"}


def schema_valid(kind: str, data: Any) -> bool:
    """Whether ``data`` passes the schema of a file of ``kind``, by the compiled check."""
    import fastjsonschema

    try:
        _FAST_CHECKS[kind](data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check_schema(doc: Document, kind: str) -> None:
    """Report every schema error in ``doc`` (a file of ``kind``), each once, as a fault."""
    if schema_valid(kind, doc.data):
        return
    seen: set[tuple[Any, ...]] = set()
    for error in _VALIDATORS[kind].iter_errors(doc.data):
        path = tuple(error.absolute_path)
        if any(path[: len(t)] == t for t in doc.unread):
            continue  # the tag is the mistake; its value is not read
        for where, code, fields in _describe(doc, error, path):
            key = (where, code, repr(sorted(fields.items())))
            if key in seen:
                continue
            seen.add(key)
            fault = (*path, fields["field"]) if code == "field-unknown" else path
            doc.report(where, code, fault=fault, **fields)


def _describe(
    doc: Document, error: Any, path: Where
) -> Iterator[tuple[tuple[int, int], str, dict[str, Any]]]:
    schema, instance, validator = error.schema, error.instance, error.validator
    name = _field_name(path, doc.path)
    if validator == "required":
        where_desc = schema.get("description", "this record")
        for missing in error.validator_value:
            if missing in instance:
                continue
            if missing == "sources" and where_desc == "a position":
                yield doc.at(path), "no-source", {}
            else:
                yield doc.at(path), "field-missing", {"where": where_desc, "field": missing}
    elif validator == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        for extra in instance:
            if extra in allowed:
                continue
            close = nearest(extra, allowed)
            suggestion = (
                f"did you mean {close!r}?"
                if close
                else f"remove it, or use one of: {', '.join(allowed)}"
            )
            yield (
                doc.key_at(path, extra),
                "field-unknown",
                {
                    "field": extra,
                    "where": schema.get("description", "this record"),
                    "allowed": ", ".join(allowed),
                    "suggestion": suggestion,
                },
            )
    elif validator == "type":
        expected = _TYPE_WORDS.get(error.validator_value, str(error.validator_value))
        if path == ():
            name = "the file"
            required = schema.get("required", [])
            keys = and_list(required, most=len(required))
            expected = f"a mapping with the {agree(len(required), 'key', 'keys')} {keys}"
        yield (
            doc.at(path),
            "type",
            {"field": name, "expected": expected, "found": _describe_value(instance)},
        )
    else:
        code = schema.get("x-code", "type")
        fields: dict[str, Any] = {"field": name, "value": instance}
        if code == "id-invalid":
            fields["example"] = _slugify(str(instance)) or "my-id"
        elif code == "date-invalid":
            fields["reason"] = ""
        elif code in ("stance-invalid", "evidence-invalid", "kind-invalid"):
            allowed = schema.get("enum", [])
            fields["allowed"] = ", ".join(allowed)
            close = nearest(str(instance).lower(), allowed, cutoff=0.5)
            fields["suggestion"] = (
                f"did you mean {close!r}?" if close else f"use one of: {', '.join(allowed)}"
            )
        yield doc.at(path), code, fields


def _field_name(path: Where, file: str) -> str:
    if not path:
        return file
    names = [p for p in path if isinstance(p, str)]
    last = path[-1]
    if isinstance(last, int):
        return f"item {last + 1} of {names[-1] if names else 'the list'}"
    return str(last)


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, str):
        return f"the text {shorten(value)!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
