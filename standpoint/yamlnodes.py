"""Read YAML safely into a tree of nodes that remember where they came from.

No object is ever constructed from a tag (``!!python/object`` stays an error, never code),
nesting depth and alias expansion are bounded (alias bombs end in an error, not a hang), and
every node keeps its line and column for error messages. Scalars are kept as text; only YAML's
null is told apart, because the format reads every other bare scalar as text or a date.

The nodes are PyYAML's (``ScalarNode``, ``SequenceNode``, ``MappingNode``), their tag saying
null, text, list or mapping, or the refused tag written in the file. They are composed by
libyaml in C when that is safe and exact: the text breaks lines only at ``\n`` (so libyaml's
marks are the editor's lines), and it cannot nest deeper than :data:`MAX_DEPTH` (bounded from
the brackets and the indentation written). Otherwise, or when composing fails, the tree is
built from the parser's event stream, iteratively, which says exactly what went wrong.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml is several times faster; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader

    _COMPOSE_IN_C = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _COMPOSE_IN_C = False

__all__ = ["Finding", "Node", "YamlError", "key_position", "locate", "parse", "to_data"]

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
NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
# at most this many flow brackets that may open a collection, and this much indentation, and
# no text can nest deeper than MAX_DEPTH (each level of block nesting takes a column; two
# levels at most share one): such text is composed by libyaml
_FLOW_LIMIT = MAX_DEPTH // 2
_INDENT_LIMIT = MAX_DEPTH // 4
_ANY_BRACKETS = 2_000  # and at most this many brackets at all (C recursion stays shallow)
_OPENER = re.compile(r"(?:^|(?<=[\[{,:?\-]))[ \t]*(?:[!&][^ \t\n]*[ \t]+)*[\[{]", re.M)
_DEEP = re.compile(rf"^[ \t?:\-]{{{_INDENT_LIMIT},}}", re.M)
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")


class _Mark:
    """Where a node begins, 0-based, as PyYAML's marks say it."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


if _COMPOSE_IN_C:

    class _Composer(_Loader):  # type: ignore[misc, valid-type]
        """libyaml's composer, with every plain scalar read as text unless it is null."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                return NULL_TAG if implicit[0] and _NULL.match(value) else STR_TAG
            return SEQ_TAG if kind is SequenceNode else MAP_TAG


def _where(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _scalar(node: Node) -> str | None:
    return None if node.tag == NULL_TAG else node.value


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
    """Parse one YAML document into a tree of nodes (``None`` for an empty file).

    Tags other than YAML's standard ones are kept on the node (its ``tag``), never applied.
    Raises :class:`YamlError` for text that does not parse or nests too deep.
    """
    if _COMPOSE_IN_C and _composable(text):
        loader = _Composer(text)
        try:
            root = loader.get_single_node()
            if root is not None and "&" not in text:
                root.anchorless = True  # no anchor, so no alias: to_data keeps no budget
            return root
        except yaml.YAMLError:
            pass  # told exactly by the event stream below
        finally:
            loader.dispose()
    return _parse_events(text)


def _composable(text: str) -> bool:
    """True when libyaml's marks are the editor's lines and the text cannot nest deeper than
    :data:`MAX_DEPTH` (so libyaml, which composes by recursion in C, stays shallow)."""
    if any(c in text for c in _ODD_BREAKS):
        return False
    brackets = text.count("[") + text.count("{")
    if brackets > _ANY_BRACKETS:
        return False
    if brackets and len(_OPENER.findall(text)) > _FLOW_LIMIT:
        return False
    return _DEEP.search(text) is None


def _parse_events(text: str) -> Node | None:
    """:func:`parse` from the parser's event stream, checking nesting as it goes."""
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
                null = _is_null(event)
                node = ScalarNode(
                    NULL_TAG if null else STR_TAG, event.value, _Mark(line - 1, col - 1)
                )
            elif isinstance(event, yaml.SequenceStartEvent):
                node = SequenceNode(SEQ_TAG, [], _Mark(line - 1, col - 1))
            elif isinstance(event, yaml.MappingStartEvent):
                node = MappingNode(MAP_TAG, [], _Mark(line - 1, col - 1))
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
                    node.tag = tag
                if event.anchor:
                    anchors[event.anchor] = node
            if not isinstance(node, ScalarNode) and not isinstance(event, yaml.AliasEvent):
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
    if isinstance(parent, SequenceNode):
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
    if root is None:
        return None, findings
    if getattr(root, "anchorless", False):  # no node can be reached twice: no budget to keep
        return _plain(root, (), 0, findings), findings
    budget = _Budget(MAX_EXPANDED_NODES)
    return _convert(root, (), 0, budget, findings, False), findings


def _too_deep(node: Node, aliased: bool) -> YamlError:
    what = "an alias refers to itself" if aliased else f"nesting deeper than {MAX_DEPTH}"
    line, col = _where(node)
    return YamlError(Finding("yaml-limit", line, col, {"what": what}))


def _tag_finding(node: Node, path: tuple[Any, ...]) -> Finding:
    line, col = _where(node)
    return Finding("yaml-tag", line, col, {"tag": _short_tag(node.tag)}, path)


def _plain(node: Node, path: tuple[Any, ...], depth: int, findings: list[Finding]) -> Any:
    """:func:`_convert` for a tree without anchors (the common case, kept quick)."""
    if depth > MAX_DEPTH:
        raise _too_deep(node, False)
    tag = node.tag
    if tag not in STANDARD_TAGS:
        findings.append(_tag_finding(node, path))
    kind = node.__class__
    if kind is ScalarNode:
        return None if tag == NULL_TAG else node.value
    if kind is SequenceNode:
        items = []
        for i, child in enumerate(node.value):
            if child.__class__ is ScalarNode and child.tag == STR_TAG:
                items.append(child.value)
            else:
                items.append(_plain(child, (*path, i), depth + 1, findings))
        return items
    result: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key_text(key_node)
        if key == "<<" and key_node.__class__ is ScalarNode:
            _merge(value_node, path, depth, merged, lambda n, p, d: _plain(n, p, d, findings))
            continue
        if key in result:
            line, col = _where(key_node)
            findings.append(Finding("duplicate-key", line, col, {"key": key}, path))
            continue
        if value_node.__class__ is ScalarNode and value_node.tag == STR_TAG:
            result[key] = value_node.value
        else:
            result[key] = _plain(value_node, (*path, key), depth + 1, findings)
    for k, v in merged.items():
        result.setdefault(k, v)
    return result


def _merge(value: Node, path: tuple[Any, ...], depth: int, merged: dict[str, Any], convert):
    """Apply a merge key's mapping (or list of mappings) to ``merged``."""
    for source in value.value if value.__class__ is SequenceNode else [value]:
        if source.__class__ is MappingNode:
            for k, v in convert(source, path, depth + 1).items():
                merged.setdefault(k, v)


def _convert(
    node: Node,
    path: tuple[Any, ...],
    depth: int,
    budget: _Budget,
    findings: list[Finding],
    aliased: bool,
) -> Any:
    if id(node) in budget.seen:
        budget.left -= 1
        aliased = True
    else:
        budget.seen.add(id(node))
    if budget.left < 0:
        line, col = _where(node)
        raise YamlError(
            Finding(
                "yaml-limit",
                line,
                col,
                {"what": f"aliases expand to more than {MAX_EXPANDED_NODES:,} values"},
            )
        )
    if depth > MAX_DEPTH:
        raise _too_deep(node, aliased)
    if node.tag not in STANDARD_TAGS:
        findings.append(_tag_finding(node, path))
    kind = node.__class__
    if kind is ScalarNode:
        return _scalar(node)
    if kind is SequenceNode:
        return [
            _convert(c, (*path, i), depth + 1, budget, findings, aliased)
            for i, c in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    merged: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _key_text(key_node)
        if key == "<<" and key_node.__class__ is ScalarNode:
            _merge(
                value_node,
                path,
                depth,
                merged,
                lambda n, p, d: _convert(n, p, d, budget, findings, aliased),
            )
            continue
        if key in result:
            line, col = _where(key_node)
            findings.append(Finding("duplicate-key", line, col, {"key": key}, path))
            continue
        result[key] = _convert(value_node, (*path, key), depth + 1, budget, findings, aliased)
    for k, v in merged.items():
        result.setdefault(k, v)
    return result


def _key_text(node: Node) -> str:
    kind = node.__class__
    if kind is ScalarNode:
        return "" if node.tag == NULL_TAG else str(node.value)
    return f"<{'mapping' if kind is MappingNode else 'list'} as key>"


def locate(root: Node | None, path: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column of the value at ``path``, or of the nearest enclosing node that exists."""
    if root is None:
        return 1, 1
    where = _where(root)
    node: Node | None = root
    for step in path:
        node = _walk(node, (step,))
        if node is None:
            break
        where = _where(node)
    return where


def key_position(node: Node | None, path: tuple[Any, ...], name: str) -> tuple[int, int] | None:
    """Line and column of the key ``name`` inside the mapping at ``path``."""
    target = _walk(node, path)
    if target is None or target.__class__ is not MappingNode:
        return None
    for k, _ in target.value:
        if _key_text(k) == name:
            return _where(k)
    return None


def _walk(node: Node | None, path: tuple[Any, ...]) -> Node | None:
    for step in path:
        if node is None:
            return None
        kind = node.__class__
        if kind is SequenceNode and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
        elif kind is MappingNode:
            node = next((v for k, v in node.value if _key_text(k) == step), None)
        else:
            return None
    return node
