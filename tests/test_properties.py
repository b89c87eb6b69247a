"""Property tests: whatever the files hold, ``load`` never raises, every problem is well formed,
and the data it keeps is consistent (no record refers to one that was left out)."""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from standpoint.problems import CODES
from tests.validation_helpers import VALID, load_dir

FILES = sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*") if p.is_file())
YAML_FILES = [f for f in FILES if f.endswith(".yaml")]
ORIGINAL = {f: (VALID / f).read_bytes() for f in FILES}

TOKENS = [
    ":",
    ": ",
    "- ",
    "-",
    "&a ",
    "*a",
    "*b",
    "&b [*a, *a] ",
    "!!",
    "!!python/object:os.system ",
    "!!str ",
    "!!binary ",
    "!local ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "?",
    "? ",
    "|",
    ">-",
    "#",
    "'",
    '"',
    "\t",
    "\n",
    "\r\n",
    "  ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<<: *a\n",
    "~",
    "null",
    "",
    "@",
    "`",
    "\\",
    "\x00",
    "\ufeff",
    "\u2028",
    "\U0001f600",
    "2025-02-30",
    "2099-01-01",
    "0000",
    "seed-000",
    "usa",
    "pol",
    "nato",
    "support",
    "stnace",
    "stance: ",
    "issue: ",
    "sources: []",
    "javascript:",
    "...",
    "\u2026",
    "\u201c",
    "\u2013",
]
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@contextmanager
def data_dir(contents: dict[str, bytes]):
    with tempfile.TemporaryDirectory(prefix="standpoint-prop-") as tmp:
        root = Path(tmp)
        for rel, data in contents.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        yield root


def check_dataset(ds, root: Path) -> None:
    """The invariants every load keeps, however broken the input."""
    assert isinstance(ds.problems, list)
    for p in ds.problems:
        assert p.code in CODES, p
        assert isinstance(p.path, str) and p.path and not Path(p.path).is_absolute(), p
        for number in (p.line, p.col):
            assert isinstance(number, int) and not isinstance(number, bool) and number >= 1, p
        assert isinstance(p.message, str) and p.message.strip(), p
        assert isinstance(p.hint, str) and p.hint.strip(), p
        target = root / p.path
        if target.is_file() and p.code not in ("file-too-large",):
            lines = target.read_bytes().count(b"\n") + 1
            assert p.line <= lines, (p, lines)
    # no record refers to one that was left out
    for actor in ds.actors.values():
        assert actor.parent is None or actor.parent in ds.actors, actor
        assert all(group in ds.groups for group in actor.groups), actor
    for position in ds.positions:
        assert position.actor in ds.actors, position
        assert position.issue in ds.issues, position
        assert position.citations, position
        assert isinstance(position.date.start, dt.date)
        assert position.date.start <= dt.date(2026, 11, 21)
    # A reference to a source that is left out (or a registry that cannot be read) is kept
    # unchecked by design: the source's own error says what to fix.
    for event in ds.events:
        assert event.source is None or isinstance(event.source, str), event


def load_checked(contents: dict[str, bytes]):
    with data_dir(contents) as root:
        ds = load_dir(root)
        check_dataset(ds, root)
    return ds


def test_valid_fixture_keeps_the_invariants() -> None:
    ds = load_checked(ORIGINAL)
    assert ds.problems == []


# -- mutations of the valid fixture --------------------------------------------------------------


def mutate_text(data: st.DataObject, text: str) -> str:
    kind = data.draw(
        st.sampled_from(
            [
                "delete",
                "insert",
                "replace",
                "delete-line",
                "duplicate-line",
                "swap-lines",
                "swap-values",
                "indent-line",
            ]
        )
    )
    lines = text.splitlines(keepends=True)
    token = st.one_of(st.sampled_from(TOKENS), st.text(max_size=8))
    if kind in ("delete", "insert", "replace"):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 12)))
        new = "" if kind == "delete" else data.draw(token)
        if kind == "insert":
            end = start
        return text[:start] + new + text[end:]
    if not lines:
        return data.draw(token)
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete-line":
        del lines[i]
    elif kind == "duplicate-line":
        lines.insert(j, lines[i])
    elif kind == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent-line":
        indent = data.draw(st.sampled_from(["", " ", "  ", "      ", "\t"]))
        lines[i] = indent + lines[i].lstrip(" ")
    else:  # swap the values of two "key: value" lines
        pairs = [n for n, line in enumerate(lines) if ": " in line]
        if len(pairs) >= 2:
            a, b = data.draw(st.sampled_from(pairs)), data.draw(st.sampled_from(pairs))
            ka, va = lines[a].split(": ", 1)
            kb, vb = lines[b].split(": ", 1)
            lines[a], lines[b] = f"{ka}: {vb}", f"{kb}: {va}"
    return "".join(lines)


@SETTINGS
@given(st.data())
def test_mutated_fixture_never_raises(data: st.DataObject) -> None:
    contents = dict(ORIGINAL)
    for _ in range(data.draw(st.integers(1, 4))):
        rel = data.draw(st.sampled_from([*YAML_FILES, "seeds/text.txt"]))
        text = contents[rel].decode("utf-8", "replace")
        contents[rel] = mutate_text(data, text).encode("utf-8", "surrogatepass")
    if data.draw(st.booleans()) and data.draw(st.integers(0, 9)) == 0:
        rel = data.draw(st.sampled_from(YAML_FILES))
        raw = contents[rel]
        at = data.draw(st.integers(0, len(raw)))
        contents[rel] = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    if data.draw(st.integers(0, 19)) == 0:
        del contents[data.draw(st.sampled_from(FILES))]
    load_checked(contents)


# -- random documents dumped with yaml.safe_dump --------------------------------------------------

IDS = [
    "usa",
    "pol",
    "gbr",
    "witkoff",
    "nato",
    "eu",
    "seed-000",
    "seed-001",
    "troops-to-ukraine",
    "nato-membership",
    "Bad Id",
    "",
    "x" * 300,
]
DATES = [
    "2025-02-17",
    "2025-02",
    "2025",
    "2025-02-30",
    "2025-13",
    "2027-01-01",
    "17 Feb 2025",
    "0000",
    "9999-12-31",
]
WORDS = [
    "support",
    "lean-support",
    "ambiguous",
    "lean-oppose",
    "oppose",
    "stated",
    "reported",
    "inferred",
    "state",
    "person",
    "bloc",
    "organisation",
    "USA",
    "pol",
    "text.txt",
    "../stances/pol.yaml",
    "/etc/passwd",
    "https://example.org",
    "javascript:alert(1)",
    "We do not anticipate sending Polish soldiers to Ukraine",
    "...",
]
FIELDS = [
    "id",
    "label",
    "proposition",
    "labels",
    "description",
    "name",
    "kind",
    "iso3",
    "groups",
    "parent",
    "role",
    "actor",
    "positions",
    "issue",
    "date",
    "stance",
    "speaker",
    "summary",
    "conditions",
    "evidence",
    "sources",
    "source",
    "quote",
    "url",
    "outlet",
    "title",
    "published",
    "file",
    "events",
    "issues",
    "actors",
    "stnace",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(IDS + DATES + WORDS),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=6), st.integers(0, 3))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)


def records(fields: list[str]) -> st.SearchStrategy:
    """Mappings that mostly use the right field names with plausible or random values."""
    plausible = st.one_of(st.sampled_from(IDS + DATES + WORDS), values)
    return st.dictionaries(st.sampled_from([*fields, "stnace"]), plausible, max_size=len(fields))


CITATION = records(["source", "quote", "url", "outlet", "title", "published"])
POSITION = st.dictionaries(
    st.sampled_from(
        ["issue", "date", "stance", "speaker", "summary", "conditions", "evidence", "sources"]
    ),
    st.one_of(st.sampled_from(IDS + DATES + WORDS), st.lists(CITATION, max_size=3), values),
    max_size=8,
)
DOCUMENTS = {
    "stances/issues.yaml": st.fixed_dictionaries(
        {
            "issues": st.lists(
                records(["id", "label", "proposition", "labels", "description"]), max_size=4
            )
        }
    ),
    "stances/actors.yaml": st.fixed_dictionaries(
        {
            "groups": st.lists(records(["id", "name"]), max_size=3),
            "actors": st.lists(
                records(["id", "name", "kind", "iso3", "groups", "parent", "role"]), max_size=5
            ),
        }
    ),
    "stances/events.yaml": st.fixed_dictionaries(
        {"events": st.lists(records(["date", "label", "source"]), max_size=3)}
    ),
    "stances/pos.yaml": st.fixed_dictionaries(
        {"actor": st.sampled_from(IDS), "positions": st.lists(POSITION, max_size=4)}
    ),
    "seeds/sources.yaml": st.fixed_dictionaries(
        {
            "sources": st.lists(
                records(["id", "title", "published", "outlet", "url", "file"]), max_size=3
            )
        }
    ),
}


def dump(value) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


@settings(SETTINGS, max_examples=100)
@given(
    st.fixed_dictionaries(
        {name: st.one_of(strategy, values) for name, strategy in DOCUMENTS.items()}
    )
)
def test_random_documents_never_raise(documents: dict) -> None:
    contents = {name: dump(value) for name, value in documents.items()}
    contents["seeds/text.txt"] = ORIGINAL["seeds/text.txt"]
    load_checked(contents)


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.sampled_from(YAML_FILES), values)
def test_random_value_in_place_of_one_file(rel: str, value) -> None:
    contents = dict(ORIGINAL)
    contents[rel] = dump(value)
    ds = load_checked(contents)
    others = [f for f in YAML_FILES if f != rel]
    if "stances/actors.yaml" in others and "stances/issues.yaml" in others:
        assert ds.issues and ds.actors
