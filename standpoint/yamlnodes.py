"""Read YAML safely into a tree of nodes that remember where they came from.

The tree is built from the parser's event stream, iteratively, so no object is ever
constructed from a tag (``!!python/object`` stays an error, never code), nesting depth and
alias expansion are bounded (alias bombs end in an error, not a hang), and every node keeps
its line and column for error messages. Scalars are kept as text; only YAML's null is told
apart, because the format reads every other bare scalar as text or a date.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 100
MAX_EXPANDED_NODES = 200_000

STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "timestamp",
        "binary",
        "map",
        "seq",
        "omap",
        "pairs",
        "set",
        "merge",
        "value",
    )
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")


@dataclass(slots=True, eq=False)
class Node:
    """A mapping, sequence or scalar with its 1-based position in the file."""

    kind: str  # "map" | "seq" | "scalar"
    line: int
    col: int
    value: Any = None  # map: list[(Node, Node)]; seq: list[Node]; scalar: str | None
    bad_tag: str | None = None


@dataclass(slots=True)
class Finding:
    """Something wrong found while reading: a code, a place and template fields."""

    code: str
    line: int
    col: int
    fields: dict[str, Any] = field(default_factory=dict)
    path: tuple[Any, ...] | None = None  # where in the document, when known


class YamlError(Exception):
    """The file cannot be read at all (syntax, depth)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


def _is_null(event: yaml.ScalarEvent) -> bool:
    if event.tag == "tag:yaml.org,2002:null":
        return True
    plain = event.implicit[0] and event.style in (None, "")
    return bool(plain and event.tag in (None, "!") and _NULL.match(event.value))


def parse(text: str) -> Node | None:
    """Parse one YAML document into a :class:`Node` tree (``None`` for an empty file).

    Tags other than YAML's standard ones are kept on the node (``bad_tag``), never applied.
    Raises :class:`YamlError` for text that does not parse or nests too deep.
    """
    anchors: dict[str, Node] = {}
    stack: list[tuple[Node, list[Any]]] = []  # (container, pending key for maps)
    root: Node | None = None
    documents = 0
    loader = _Loader(text)
    place = _Places(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line, col = place(event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(
                        Finding(
                            "yaml-syntax", line, col, {"problem": "more than one document (---)"}
                        )
                    )
                continue
            node: Node | None = None
            if isinstance(event, yaml.AliasEvent):
                target = anchors.get(event.anchor)
                if target is None:  # pragma: no cover - the parser rejects these first
                    raise YamlError(
                        Finding(
                            "yaml-syntax", line, col, {"problem": f"unknown alias *{event.anchor}"}
                        )
                    )
                node = target
            elif isinstance(event, yaml.ScalarEvent):
                node = Node("scalar", line, col, None if _is_null(event) else event.value)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
                node = Node(kind, line, col, [])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, _ = stack.pop()
                _attach(node, stack)
                if not stack:
                    root = node
                continue
            else:
                continue
            if not isinstance(event, yaml.AliasEvent):
                tag = event.tag
                if tag and tag != "!" and tag not in STANDARD_TAGS:
                    node.bad_tag = tag
                if event.anchor:
                    anchors[event.anchor] = node
            if node.kind != "scalar" and not isinstance(event, yaml.AliasEvent):
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(
                        Finding(
                            "yaml-limit", line, col, {"what": f"nesting deeper than {MAX_DEPTH}"}
                        )
                    )
                stack.append((node, []))
                continue
            _attach(node, stack)
            if not stack:
                root = node
    except yaml.MarkedYAMLError as exc:
        line, col = _clamp(text, place(exc.problem_mark or exc.context_mark))
        context = exc.context
        if context and exc.context_mark is not None and exc.problem_mark is not None:
            opened, _ = _clamp(text, place(exc.context_mark))
            if opened != line:  # say where the unfinished thing began
                context = f"{context} (begun on line {opened})"
        problem = " ".join(str(p) for p in (context, exc.problem) if p) or "invalid YAML"
        raise YamlError(Finding("yaml-syntax", line, col, {"problem": problem})) from None
    except yaml.YAMLError as exc:
        raise YamlError(
            Finding("yaml-syntax", 1, 1, {"problem": str(exc).splitlines()[0]})
        ) from None
    finally:
        loader.dispose()
    return root


class _Places:
    """Line and column of a parser mark, as an editor counts them.

    YAML also breaks lines at NEL, LS and PS (U+0085, U+2028, U+2029); editors and ``grep -n``
    do not, so in a text holding any of them the place is counted from the mark's offset.
    """

    __slots__ = ("breaks",)

    def __init__(self, text: str) -> None:
        odd = any(c in text for c in "\x85\u2028\u2029")
        self.breaks = [i for i, c in enumerate(text) if c == "\n"] if odd else None

    def __call__(self, mark: Any) -> tuple[int, int]:
        if mark is None:
            return 1, 1
        if self.breaks is None:
            return mark.line + 1, mark.column + 1
        before = bisect.bisect_left(self.breaks, mark.index)
        start = self.breaks[before - 1] + 1 if before else 0
        return before + 1, mark.index - start + 1


def _clamp(text: str, where: tuple[int, int]) -> tuple[int, int]:
    """Keep a parser's mark inside the file (libyaml may point past a missing last newline)."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    if not lines:
        return 1, 1
    line, col = where
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def _short_tag(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _attach(node: Node, stack: list[tuple[Node, list[Any]]]) -> None:
    if not stack:
        return
    parent, pending = stack[-1]
    if parent.kind == "seq":
        parent.value.append(node)
    elif not pending:
        pending.append(node)
    else:
        parent.value.append((pending.pop(), node))


class _Budget:
    """How many more values aliases may expand to; a value read a second time is an expansion."""

    __slots__ = ("left", "seen")

    def __init__(self, left: int) -> None:
        self.left = left
        self.seen: set[int] = set()


def to_data(root: Node | None) -> tuple[Any, list[Finding]]:
    """Turn a node tree into plain dicts, lists, strings and ``None``.

    Mapping keys are the keys' text. Merge keys (``<<``) are applied. A key given twice is an
    issue (the first wins). Bad tags mark where they are. Expansion is bounded: an alias bomb
    raises :class:`YamlError` instead of filling memory.
    """
    findings: list[Finding] = []
    budget = _Budget(MAX_EXPANDED_NODES)
    data = _convert(root, (), 0, budget, findings) if root is not None else None
    return data, findings


def _convert(
    node: Node, path: tuple[Any, ...], depth: int, budget: _Budget, findings: list[Finding]
) -> Any:
    if id(node) in budget.seen:
        budget.left -= 1
    else:
        budget.seen.add(id(node))
    if budget.left < 0:
        raise YamlError(
            Finding(
                "yaml-limit",
                node.line,
                node.col,
                {"what": f"aliases expand to more than {MAX_EXPANDED_NODES:,} values"},
            )
        )
    if depth > MAX_DEPTH:
        raise YamlError(
            Finding("yaml-limit", node.line, node.col, {"what": "an alias refers to itself"})
        )
    if node.bad_tag:
        findings.append(
            Finding("yaml-tag", node.line, node.col, {"tag": _short_tag(node.bad_tag)}, path)
        )
    if node.kind == "scalar":
        return node.value
    if node.kind == "seq":
        return [
            _convert(c, (*path, i), depth + 1, budget, findings) for i, c in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    seen: set[str] = set()
    merged: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key_text(key_node)
        if key == "<<" and key_node.kind == "scalar":
            for source in value_node.value if value_node.kind == "seq" else [value_node]:
                if source.kind == "map":
                    sub = _convert(source, path, depth + 1, budget, findings)
                    for k, v in sub.items():
                        merged.setdefault(k, v)
            continue
        if key in seen:
            findings.append(
                Finding("duplicate-key", key_node.line, key_node.col, {"key": key}, path)
            )
            continue
        seen.add(key)
        result[key] = _convert(value_node, (*path, key), depth + 1, budget, findings)
    for k, v in merged.items():
        result.setdefault(k, v)
    return result


def _key_text(node: Node) -> str:
    if node.kind == "scalar":
        return "" if node.value is None else str(node.value)
    return f"<{'mapping' if node.kind == 'map' else 'list'} as key>"


def locate(root: Node | None, path: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column of the value at ``path``, or of the nearest enclosing node that exists."""
    if root is None:
        return 1, 1
    where = (root.line, root.col)
    node: Node | None = root
    for step in path:
        node = _walk(node, (step,))
        if node is None:
            break
        where = (node.line, node.col)
    return where


def key_position(node: Node | None, path: tuple[Any, ...], name: str) -> tuple[int, int] | None:
    """Line and column of the key ``name`` inside the mapping at ``path``."""
    target = _walk(node, path)
    if target is None or target.kind != "map":
        return None
    for k, _ in target.value:
        if _key_text(k) == name:
            return k.line, k.col
    return None


def _walk(node: Node | None, path: tuple[Any, ...]) -> Node | None:
    for step in path:
        if node is None:
            return None
        if node.kind == "seq" and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        elif node.kind == "map":
            node = next((v for k, v in node.value if _key_text(k) == step), None)
        else:
            return None
    return node
