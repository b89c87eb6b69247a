"""Files of a chart (PNG, SVG, PDF, CSV, JSON) and decks of charts, for the command line and the
app's download buttons.

``python -m standpoint chart matrix --as-of 2025-02-18 -o matrix.png`` writes one chart;
``python -m standpoint deck DECK.yaml -o DIR`` writes every chart of a deck in one browser
session, with an ``index.md`` holding each image, its alt text and its speaker note. The deck
file is described in docs/exports.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .chart_options import DECK_FILE, KINDS, problems
from .charts import (
    FORMATS,
    IMAGE_FORMATS,
    Chart,
    ChartError,
    check,
    data,
    describe,
    figures,
    part_suffixes,
)
from .charts import file_names as chart_file_names
from .dates import parse_as_of
from .figures.frame import EXPORT_SIZES
from .model import Dataset
from .near_miss import nearest
from .problems import Problem, problem
from .render import NO_BROWSER, NoBrowser, Renderer, png_with_text
from .yamlnodes import Node, YamlError, key_position, locate, parse, to_data

DECK_KEYS = {
    *("chart", "as_of", "issue", "issues", "actors", "size", "title", "since", "format"),
    *("max_age", "start"),
}


def table_bytes(ds: Dataset, chart: Chart, fmt: str) -> bytes:
    """What the chart shows as CSV or JSON (JSON adds the chart, date, alt text and note)."""
    frame = data(ds, chart)
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    alt, note = describe(ds, chart)
    body = {
        "chart": chart.kind,
        "as_of": chart.as_of.isoformat(),
        "issue": chart.issue,
        "issues": list(chart.issues),
        "actors": list(chart.actors),
        "max_age": chart.max_age,
        "alt_text": alt,
        "speaker_note": note,
        "rows": json.loads(frame.to_json(orient="records", force_ascii=False)),
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def image_bytes(
    ds: Dataset, chart: Chart, fmt: str, renderer: Renderer, dataset_name: str = ""
) -> list[bytes]:
    """The chart's images (several for a split matrix); PNGs carry the alt text and speaker
    note in their metadata."""
    alt, note = describe(ds, chart)
    out = []
    for fig in figures(ds, chart, dataset_name):
        raw = renderer.image(fig, fmt)
        if fmt == "png":
            raw = png_with_text(raw, Title=fig_title(fig), Description=alt, Comment=note)
        out.append(raw)
    return out


def fig_title(fig) -> str:
    from .figures.frame import TITLE, frame_text

    return frame_text(fig, TITLE)


@dataclass
class Written:
    """What one chart wrote: its files, alt text and speaker note."""

    chart: Chart
    files: list[Path] = field(default_factory=list)
    alt: str = ""
    note: str = ""
    missing: str = ""  # why an image was not made (no browser), and how to make it
    wanted: Path | None = None  # the image not made


def write_chart(
    ds: Dataset,
    chart: Chart,
    path: Path,
    *,
    renderer: Renderer | None = None,
    dataset_name: str = "",
    words: bool = True,
) -> Written:
    """Write ``chart`` to ``path`` in the format its suffix names; a matrix split across
    images gets ``-1``, ``-2``… before the suffix. With ``words``, the alt text and speaker
    note go in a ``.txt`` beside it."""
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise ChartError(f"cannot write {path.name}: the file must end in .{', .'.join(FORMATS)}")
    chart = check(ds, chart)
    alt, note = describe(ds, chart)
    done = Written(chart, alt=alt, note=note)
    path.parent.mkdir(parents=True, exist_ok=True)  # as a deck makes its folder
    if fmt in IMAGE_FORMATS:
        if renderer is None:
            with Renderer() as own:
                images = image_bytes(ds, chart, fmt, own, dataset_name)
        else:
            images = image_bytes(ds, chart, fmt, renderer, dataset_name)
        names = (
            [path]
            if len(images) == 1
            else [
                path.with_name(f"{path.stem}{suffix}{path.suffix}")
                for suffix in part_suffixes(len(images))
            ]
        )
        for name, raw in zip(names, images, strict=True):
            name.write_bytes(raw)
            done.files.append(name)
    else:
        path.write_bytes(table_bytes(ds, chart, fmt))
        done.files.append(path)
    if words:
        done.files.append(write_words(path.with_suffix(".txt"), alt, note))
    return done


def words_text(alt: str, note: str) -> str:
    """The text of a chart's ``.txt``: its alt text, then its speaker note."""
    return f"Alt text: {alt}\n\nSpeaker note: {note}\n"


def write_words(path: Path, alt: str, note: str) -> Path:
    """The alt text and speaker note of a chart, in a ``.txt`` beside it."""
    path.write_text(words_text(alt, note), encoding="utf-8")
    return path


# -- decks ----------------------------------------------------------------------------------

DECK_TOP_KEYS = ("data", "charts")
DECK_HINT = "see the deck file's schema in docs/exports.md"


class DeckError(ValueError):
    """A deck file that cannot be read, or whose charts name what the data lacks: every
    problem found, each with its line, what was expected, what was found and a hint."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.lines() for p in self.problems))


@dataclass
class Entry:
    """One chart of a deck as written: its number, where it starts, the chart and format."""

    number: int
    line: int
    chart: Chart
    fmt: str


@dataclass
class Deck:
    path: Path
    data: Path | None
    entries: list[Entry]
    problems: list[Problem] = field(default_factory=list)
    root: Node | None = None  # the file's YAML nodes, for the lines of later problems
    data_ok: bool = True  # False when ``data`` names no folder: the charts cannot be checked

    @property
    def charts(self) -> list[tuple[Chart, str]]:
        return [(e.chart, e.fmt) for e in self.entries]


def _found(value: object) -> str:
    """A value read from a deck, as a message says what was found."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "nothing" if value is None else repr(value)


def _deck_date(text: str) -> dt.date:
    """A deck's date, ``YYYY-MM-DD``; ValueError saying why not (``day is out of range for
    month``)."""
    try:
        return parse_as_of(text)
    except ValueError as exc:
        why = re.search(r"\(([^()]*)\)$", str(exc))
        raise ValueError(why.group(1) if why else "expected YYYY-MM-DD") from None


class _EntryReader:
    """Reads one chart entry, collecting every problem (never stopping at the first)."""

    def __init__(self, deck: _DeckReader, number: int, path: tuple[object, ...]) -> None:
        self.deck, self.number, self.path = deck, number, path

    def bad(self, key: str, message: str, hint: str, code: str = "deck-value") -> None:
        where = (*self.path, key) if key else self.path
        self.deck.bad(where, f"chart {self.number}: {message}", hint, code)

    def text(self, entry: dict, key: str) -> str | None:
        value = entry.get(key)
        if value is None or isinstance(value, str):
            return value
        self.bad(key, f"{key}: expected one value, found {_found(value)}", f"write {key}: …")
        return None

    def ids(self, entry: dict, key: str) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(x.strip() for x in value.split(",") if x.strip())
        if isinstance(value, list) and all(isinstance(x, str) for x in value):
            return tuple(x.strip() for x in value)
        self.bad(
            key,
            f"{key}: expected a list of ids or a,b,c, found {_found(value)}",
            f"write {key}: [a, b] or {key}: a,b",
        )
        return ()

    def date(self, entry: dict, key: str) -> dt.date | None:
        text = self.text(entry, key)
        if text is None:
            return None
        try:
            return _deck_date(text)
        except ValueError as why:
            self.bad(
                key,
                f"{key}: {text} is not a date ({why}); expected YYYY-MM-DD",
                f"write a day that exists, e.g. {key}: 2025-02-18",
            )
            return None

    def choice(self, entry: dict, key: str, allowed: Sequence[str], default: str) -> str:
        text = self.text(entry, key)
        if text is None:
            return default
        if text in allowed:
            return text
        near = nearest(text, allowed)
        hint = f"did you mean {key}: {_quoted(near)}?" if near else ""
        choices = ", ".join(_quoted(a) for a in allowed)
        self.bad(
            key,
            f"{key}: expected one of {choices}, found {text}",
            hint or f"write one of {choices}",
        )
        return default

    def months(self, entry: dict) -> int | None:
        text = self.text(entry, "max_age")
        if text is None:
            return None
        if text.strip().isascii() and text.strip().isdigit() and int(text) >= 1:
            return int(text)
        self.bad(
            "max_age",
            f"max_age: expected a whole number of months, 1 or more, found {text}",
            "write max_age: 12, or leave it out for no age limit",
        )
        return None

    def read(self, entry: object, default_as_of: dt.date) -> Entry | None:
        if not isinstance(entry, dict):
            self.bad(
                "",
                f"expected a mapping with chart: and its options, found {_found(entry)}",
                "write - chart: matrix, and its options indented under it",
            )
            return None
        for key in entry:
            if key not in DECK_KEYS:
                near = nearest(key, DECK_KEYS)
                self.bad(
                    key,
                    f"unknown key {key!r}; expected one of {', '.join(sorted(DECK_KEYS))}",
                    f"did you mean {near!r}?" if near else f"remove it ({DECK_HINT})",
                    "deck-key",
                )
        kind = self.text(entry, "chart")
        if kind is None and "chart" not in entry:
            self.bad("", "chart: is missing", f"add chart: one of {', '.join(KINDS)}")
        elif kind is not None and kind not in KINDS:
            self.choice(entry, "chart", KINDS, "")
            kind = None
        as_of, since, start = (self.date(entry, k) for k in ("as_of", "since", "start"))
        chart = Chart(
            kind=kind or "",
            as_of=as_of or default_as_of,
            issue=self.text(entry, "issue"),
            issues=self.ids(entry, "issues"),
            actors=self.ids(entry, "actors"),
            size=self.choice(entry, "size", tuple(EXPORT_SIZES), "16:9"),
            title=self.text(entry, "title"),
            since=since,
            start=start,
            max_age=self.months(entry),
        )
        fmt = self.choice(entry, "format", FORMATS, "png")
        if not kind:
            return None
        return Entry(self.number, self.deck.line(self.path), chart, fmt)


def _quoted(size: str) -> str:
    """A choice as a deck file should write it: ``"4:3"`` quoted (YAML 1.1 tools read a
    bare 4:3 as the number 243), other words bare."""
    return f'"{size}"' if ":" in size else size


def _folder(base: Path, name: str) -> Path | None:
    """The folder ``name`` names from ``base``, or None (no such folder, or no possible
    path: a NUL byte, a name too long)."""
    try:
        path = (base / name).resolve()
        return path if path.is_dir() else None
    except (OSError, ValueError):
        return None


class _DeckReader:
    """Reads a whole deck file, every problem collected with its line."""

    def __init__(self, path: Path) -> None:
        self.path, self.root = path, None
        self.problems: list[Problem] = []

    def line(self, where: tuple[object, ...]) -> int:
        return locate(self.root, where)[0]

    def bad(self, where: tuple[object, ...], message: str, hint: str, code: str) -> None:
        line, col = locate(self.root, where)
        if where and isinstance(where[-1], str) and code == "deck-key":
            line, col = key_position(self.root, where[:-1], where[-1]) or (line, col)
        self.problems.append(Problem(str(self.path), line, col, code, message, hint))

    def read(self, default_as_of: dt.date) -> Deck:
        deck = Deck(self.path, None, [], self.problems)
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            self.bad((), f"cannot be read: {exc.strerror or exc}", "check the path", "deck-file")
            return deck
        except UnicodeDecodeError:
            self.bad((), "is not UTF-8 text", "save the deck file as UTF-8", "encoding")
            return deck
        try:
            self.root = parse(text)
            raw, findings = to_data(self.root)
        except YamlError as exc:
            f = exc.finding
            self.problems.append(problem(str(self.path), f.line, f.col, f.code, **f.fields))
            return deck
        deck.root = self.root
        for f in findings:
            self.problems.append(problem(str(self.path), f.line, f.col, f.code, **f.fields))
        if not isinstance(raw, dict):
            self.bad(
                (),
                f"expected a mapping with charts:, a list of charts; found {_found(raw)}",
                DECK_HINT,
                "deck-value",
            )
            return deck
        for key in raw:
            if key not in DECK_TOP_KEYS:
                near = nearest(key, DECK_TOP_KEYS)
                self.bad(
                    (key,),
                    f"unknown key {key!r}; expected data or charts",
                    f"did you mean {near!r}?" if near else f"remove it ({DECK_HINT})",
                    "deck-key",
                )
        if raw.get("data") is not None:
            if not isinstance(raw["data"], str):
                self.bad(
                    ("data",),
                    f"data: expected a folder, found {_found(raw['data'])}",
                    "write data: path/to/data",
                    "deck-value",
                )
            else:
                deck.data = _folder(self.path.parent, raw["data"])
                if deck.data is None:
                    self.bad(
                        ("data",),
                        f"data: expected a folder (relative to the deck file), found "
                        f"{raw['data']!r}, which is not one",
                        "write the path of the data directory from the deck file's folder",
                        "deck-value",
                    )
            if deck.data is None:
                deck.data_ok = False
        charts = raw.get("charts")
        if not isinstance(charts, list) or not charts:
            self.bad(
                ("charts",) if "charts" in raw else (),
                f"charts: expected a list of one or more charts, found {_found(charts)}",
                "write charts: and under it - chart: matrix, one entry per chart",
                "deck-value",
            )
            return deck
        for n, entry in enumerate(charts, 1):
            done = _EntryReader(self, n, ("charts", n - 1)).read(entry, default_as_of)
            if done is not None:
                deck.entries.append(done)
        return deck


def read_deck(path: Path, default_as_of: dt.date, *, strict: bool = True) -> Deck:
    """A deck file: ``data`` (optional, relative to the deck) and ``charts``, a list of
    entries with ``chart`` and optional ``as_of``, ``issue``, ``issues``, ``actors``,
    ``size``, ``title``, ``since``, ``start``, ``max_age`` and ``format`` (png by default).

    Read safely (:mod:`standpoint.yamlnodes`: no object is ever constructed, every value is
    text, so a bare ``4:3`` or ``2025-02-18`` is read as written) and checked entry by entry;
    every problem is collected. With ``strict`` they raise :class:`DeckError`; without, they
    are in the deck's ``problems`` (a caller then adds those :func:`deck_problems` finds)."""
    deck = _DeckReader(path).read(default_as_of)
    if strict and deck.problems:
        raise DeckError(deck.problems)
    return deck


def deck_problems(ds: Dataset, deck: Deck) -> list[Problem]:
    """What the deck's charts name that the data lacks (and options they do not take), each
    at its key (or its chart) and said with the deck's keys."""
    found = []
    for e in deck.entries:
        for wrong in problems(ds, e.chart, DECK_FILE):
            where = ("charts", e.number - 1)
            line, col = key_position(deck.root, where, wrong.option) or locate(deck.root, where)
            found.append(
                Problem(str(deck.path), line, col, "deck-chart", f"chart {e.number}: {wrong.text}")
            )
    return found


def unique_paths(names: Sequence[str]) -> list[str]:
    """File names made unique by a number where two charts would share one."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{stem}-{count + 1}{dot}{ext}")
    return out


def write_deck(
    ds: Dataset, deck: Deck, out: Path, dataset_name: str = "", source: str = ""
) -> list[Written]:
    """Every chart of the deck into ``out`` (one browser session), each with its alt text and
    speaker note in a ``.txt`` beside it, then ``index.md``. :class:`DeckError` with every
    problem of the deck (its own and what its charts name that the data lacks) before anything
    is written. Without a browser, the tables and texts are still written and the index says
    for each image why it is missing and how to install Chromium (its ``missing``)."""
    wrong = [*deck.problems, *deck_problems(ds, deck)]
    if wrong:
        raise DeckError(sorted(wrong, key=lambda p: (p.line, p.col)))
    out.mkdir(parents=True, exist_ok=True)
    checked = [(check(ds, chart), fmt) for chart, fmt in deck.charts]
    names = unique_paths([chart_file_names(c, fmt)[0] for c, fmt in checked])
    texts: dict[str, str] = {}  # the .txt files written: name -> text
    written: list[Written] = []
    renderer: Renderer | None = None
    no_browser = ""
    if any(fmt in IMAGE_FORMATS for _, fmt in checked):
        try:
            renderer = Renderer().__enter__()
        except NoBrowser:
            no_browser = NO_BROWSER
    try:
        for (chart, fmt), name in zip(checked, names, strict=True):
            if fmt in IMAGE_FORMATS and renderer is None:
                alt, note = describe(ds, chart)
                done = Written(chart, alt=alt, note=note, missing=no_browser)
                done.wanted = out / name
            else:
                done = write_chart(
                    ds,
                    chart,
                    out / name,
                    renderer=renderer,
                    dataset_name=dataset_name,
                    words=False,
                )
            done.files.append(_words_beside(out, name, done, texts))
            written.append(done)
    finally:
        if renderer is not None:
            renderer.__exit__(None, None, None)
    (out / "index.md").write_text(index_md(written, out, source), encoding="utf-8")
    return written


def _words_beside(out: Path, name: str, done: Written, texts: dict[str, str]) -> Path:
    """The chart's ``.txt``, named after its file; charts whose files share a stem (a matrix
    as PNG and as CSV) share it when their words are the same, else it is numbered."""
    stem, text = name.rsplit(".", 1)[0], words_text(done.alt, done.note)
    txt, k = f"{stem}.txt", 1
    while txt in texts and texts[txt] != text:
        k += 1
        txt = f"{stem}-{k}.txt"
    if txt not in texts:
        texts[txt] = text
        (out / txt).write_text(text, encoding="utf-8")
    return out / txt


def index_md(written: Sequence[Written], out: Path, source: str = "") -> str:
    """The deck's index: each chart's files (images shown), alt text and speaker note, and
    for an image not made, why and how to make it."""
    lines = ["# Standpoint deck", ""]
    if source:
        lines += [f"Made from `{source}` with `python -m standpoint deck`.", ""]
    for n, item in enumerate(written, 1):
        c = item.chart
        what = c.title or c.issue or ", ".join(c.actors) or ", ".join(c.issues) or "all issues"
        lines += [f"## {n}. {c.kind}: {what} (as of {c.as_of.isoformat()}, {c.size})", ""]
        if item.missing and item.wanted is not None:
            lines += [f"**Not made:** `{item.wanted.name}`. {item.missing}", ""]
        for path in item.files:
            rel = path.relative_to(out).as_posix()
            if path.suffix == ".png":
                alt = item.alt.replace("]", ")").replace("[", "(")
                lines += [f"![{alt}]({rel})", ""]
            else:
                lines += [f"- [{rel}]({rel})"]
        lines += ["", f"**Alt text:** {item.alt}", "", f"**Speaker note:** {item.note}", ""]
    return "\n".join(lines)


def with_defaults(chart: Chart, **given: object) -> Chart:
    return replace(chart, **{k: v for k, v in given.items() if v is not None})
