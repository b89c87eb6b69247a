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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .chart_options import DECK_FILE, problems
from .charts import FORMATS, IMAGE_FORMATS, Chart, ChartError, check, data, describe, figures
from .charts import file_names as chart_file_names
from .dates import parse_as_of
from .figures.frame import EXPORT_SIZES
from .model import Dataset
from .render import Renderer, png_with_text

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
                path.with_name(f"{path.stem}-{k}{path.suffix}") for k in range(1, len(images) + 1)
            ]
        )
        for name, raw in zip(names, images, strict=True):
            name.write_bytes(raw)
            done.files.append(name)
    else:
        path.write_bytes(table_bytes(ds, chart, fmt))
        done.files.append(path)
    if words:
        txt = path.with_suffix(".txt")
        txt.write_text(f"Alt text: {alt}\n\nSpeaker note: {note}\n", encoding="utf-8")
        done.files.append(txt)
    return done


# -- decks ----------------------------------------------------------------------------------


class DeckError(ValueError):
    """A deck file that cannot be read or names what the data lacks."""


def _ids(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(x.strip() for x in value.split(",") if x.strip())
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return tuple(value)
    raise DeckError(f"{where}: expected a list of ids or 'a,b,c'")


def _months(value: object, where: str) -> int | None:
    """``max_age``: a whole number of months, 1 or more (absent or null: no limit)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DeckError(f"{where}: max_age must be a whole number of months, 1 or more")
    return value


def _date(value: object, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return parse_as_of(str(value))
    except ValueError as exc:
        raise DeckError(f"{where}: {exc}") from None


@dataclass
class Deck:
    data: Path | None
    charts: list[tuple[Chart, str]]  # chart, format


def read_deck(path: Path, default_as_of: dt.date) -> Deck:
    """A deck file: ``data`` (optional, relative to the deck) and ``charts``, a list of
    entries with ``chart`` and optional ``as_of``, ``issue``, ``issues``, ``actors``,
    ``size``, ``title``, ``since``, ``start``, ``max_age`` and ``format`` (png by default)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DeckError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise DeckError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("charts"), list) or not raw["charts"]:
        raise DeckError(f"{path}: expected a mapping with 'charts', a list of charts")
    data_dir = None
    if raw.get("data") is not None:
        data_dir = (path.parent / str(raw["data"])).resolve()
    charts = []
    for n, entry in enumerate(raw["charts"], 1):
        where = f"{path.name}: chart {n}"
        if not isinstance(entry, dict) or "chart" not in entry:
            raise DeckError(f"{where}: expected a mapping with 'chart'")
        unknown = sorted(set(entry) - DECK_KEYS)
        if unknown:
            raise DeckError(f"{where}: unknown key(s) {', '.join(unknown)}")
        size = str(entry.get("size", "16:9"))
        if size not in EXPORT_SIZES:
            raise DeckError(f"{where}: size must be one of {', '.join(EXPORT_SIZES)}")
        fmt = str(entry.get("format", "png"))
        if fmt not in FORMATS:
            raise DeckError(f"{where}: format must be one of {', '.join(FORMATS)}")
        chart = Chart(
            kind=str(entry["chart"]),
            as_of=_date(entry.get("as_of"), where) or default_as_of,
            issue=str(entry["issue"]) if entry.get("issue") is not None else None,
            issues=_ids(entry.get("issues"), f"{where}: issues"),
            actors=_ids(entry.get("actors"), f"{where}: actors"),
            size=size,
            title=str(entry["title"]) if entry.get("title") is not None else None,
            since=_date(entry.get("since"), where),
            start=_date(entry.get("start"), where),
            max_age=_months(entry.get("max_age"), where),
        )
        charts.append((chart, fmt))
    return Deck(data_dir, charts)


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
    """Every chart of the deck into ``out`` (one browser session), then ``index.md``."""
    out.mkdir(parents=True, exist_ok=True)
    wrong = [
        f"chart {n}: {problem}"
        for n, (chart, _fmt) in enumerate(deck.charts, 1)
        for problem in problems(ds, chart, DECK_FILE)
    ]
    if wrong:
        raise DeckError("\n".join(wrong))
    checked = [(check(ds, chart), fmt) for chart, fmt in deck.charts]
    names = unique_paths([chart_file_names(c, fmt)[0] for c, fmt in checked])
    written: list[Written] = []
    needs_images = any(fmt in IMAGE_FORMATS for _, fmt in checked)
    renderer = Renderer() if needs_images else None
    if renderer is not None:
        renderer.__enter__()
    try:
        for (chart, _fmt), name in zip(checked, names, strict=True):
            written.append(
                write_chart(
                    ds,
                    chart,
                    out / name,
                    renderer=renderer,
                    dataset_name=dataset_name,
                    words=False,
                )
            )
    finally:
        if renderer is not None:
            renderer.__exit__(None, None, None)
    (out / "index.md").write_text(index_md(written, out, source), encoding="utf-8")
    return written


def index_md(written: Sequence[Written], out: Path, source: str = "") -> str:
    """The deck's index: each chart's files (images shown), alt text and speaker note."""
    lines = ["# Standpoint deck", ""]
    if source:
        lines += [f"Made from `{source}` with `python -m standpoint deck`.", ""]
    for n, item in enumerate(written, 1):
        c = item.chart
        what = c.title or c.issue or ", ".join(c.actors) or ", ".join(c.issues) or "all issues"
        lines += [f"## {n}. {c.kind}: {what} (as of {c.as_of.isoformat()}, {c.size})", ""]
        for path in item.files:
            rel = path.relative_to(out).as_posix()
            if path.suffix == ".png":
                alt = item.alt.replace("]", ")").replace("[", "(")
                lines += [f"![{alt}]({rel})", ""]
            else:
                lines += [f"- [{rel}]({rel})"]
        if not any(p.suffix == ".png" for p in item.files):
            lines.append("")
        lines += [f"**Alt text:** {item.alt}", "", f"**Speaker note:** {item.note}", ""]
    return "\n".join(lines)


def with_defaults(chart: Chart, **given: object) -> Chart:
    return replace(chart, **{k: v for k, v in given.items() if v is not None})
