"""The frame around every chart: title, subtitle, notices, legends and footer, laid out for a size.

One place decides how a chart explains itself when cut out of the app, and how big everything
is at each size it meets (the page, a 16:9 or a 4:3 slide):

- the **title**, wrapped before it is written (plotly cuts a title wider than the figure);
- the **subtitle**: what is shown, the as-of date and the filters in force;
- the **notices**: "Incomplete: …", actors without a row, anything else a figure must say;
- the **legends** in words, beside the plot (slides) or below it (the page), never above;
- the **footer**: ``Sources: …`` (the texts behind what is shown, :mod:`standpoint.credits`)
  and ``Standpoint data: <name> <version>[ · <credit>] · as of <date>``.

A figure builder makes its plot, describes its legends (:class:`Legend`) and calls
:func:`place`. At a size with a fixed height, :func:`room` says how many pixels the plot has
(a matrix splits its rows across images by it).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import plotly.graph_objects as go

from ..cells import dated_by
from ..credits import Cited, credit_line
from ..model import Dataset, Position
from ..words import agree, plural
from .common import FONT, esc

CHAR_EM = 0.55  # width of an average character of Arial, as a share of the font size
PRINT_MIN_PX = 18  # the smallest type of an export
BOLD_EM = 0.55  # the same for bold Arial (legend titles), with room to spare
LEGEND_TITLE = 1.2  # a legend title's type, as a share of the legend's (plotly's default)
LINE_EM = 1.3  # height of a line of text, as a share of the font size
SWATCH_PX = 44  # a legend entry's symbol and the gap after it
LEGEND_ITEM_PX = 48  # what plotly adds to an entry's width in a row of entries (gaps, padding)
LABEL_GAP_PX = 8  # between a row's label and the first cell of a matrix or heatmap
TITLE, SUBTITLE, FOOTER = "frame-title", "frame-subtitle", "frame-footer"  # annotation names


@dataclass(frozen=True, slots=True)
class Size:
    """A size a figure is drawn at, and the type sizes for it (pixels)."""

    name: str
    width: int | None  # None: the page's width (plotly fills the column)
    height: int | None  # None: as tall as the content needs
    layout_px: int  # the width text is wrapped for: the narrowest the figure meets
    font: int  # tick labels, legend entries, cell text
    title: int
    subtitle: int
    footer: int
    pad: int  # empty margin around the whole frame
    legend: str  # "right" (beside the plot) or "below"
    print: bool = False  # an export: add what greyscale print needs (e.g. symbols on maps)
    room_px: int | None = None  # the narrowest the whole figure is (None: ``width``)

    @property
    def room(self) -> int:
        """The width cells and labels are sized for: the figure's, or the narrowest the page
        gives it (wider pages stretch the plot, never squeeze it)."""
        return self.width or self.room_px or self.layout_px

    def line(self, font: int) -> int:
        return math.ceil(font * LINE_EM)

    def chars(self, font: int, px: float | None = None) -> int:
        """How many characters of ``font`` fit in ``px`` (default: the text width)."""
        width = (px if px is not None else self.layout_px - 2 * self.pad) / (CHAR_EM * font)
        return max(12, int(width))

    @property
    def min_font(self) -> int:
        """The smallest type a figure may use: in an export, 18 px (read on a projected slide
        at 1920 x 1080)."""
        return PRINT_MIN_PX if self.print else 8

    @property
    def row_px(self) -> int:
        """The height of a row of a matrix or a lane of a timeline."""
        return math.ceil(self.font * 1.9)


# On the page: from 1024 px with the sidebar open to 1920 px. The browser measures the room a
# chart has (components/room.py: the main column's width, in steps of ROOM_STEP_PX, reported
# only when the step changes) and :func:`screen` lays the chart out for it: cells and labels
# sized to that width (the plot stretches on a wider page, never squeezes), the frame's text
# wrapped for it, the legends beside the plot from LEGEND_BESIDE_PX and below it in a
# narrower room. A chart is at least PAGE_MIN_PX wide: the page's main column at 1024 px with
# the sidebar open is 564 px, and the matrix's evidence panel goes below the matrix when they
# do not both fit a row (components/layout.py). That room, also the one of a script run
# without a browser (AppTest), is SCREEN: text wrapped for 400 px, the legend below.
PAGE_MIN_PX = 540
PAGE_MAX_PX = 1920
ROOM_STEP_PX = 120  # the room is measured in steps of this (a step's change re-lays charts out)
TEXT_SPARE_PX = 140  # the frame's text is wrapped this much narrower than the room
TEXT_MAX_PX = 1000  # and never wider than this: longer lines read badly
LEGEND_BESIDE_PX = 900  # from this room, legends go beside the plot where it keeps its least width
# Hover boxes on the page: their lines are wrapped so that a box fits the narrowest chart whole
# (plotly moves a box that fits back inside the chart; one wider than it is cut at both
# sides). Bold Arial takes about 0.6 em a character; 40 px for the box's padding.
HOVER_FONT = 13
HOVER_CHARS = int((PAGE_MIN_PX - 40) / (0.6 * HOVER_FONT))


def room_step(px: float) -> int:
    """A measured width in pixels as the room charts are laid out for: rounded down to a step
    of :data:`ROOM_STEP_PX`, within [:data:`PAGE_MIN_PX`, :data:`PAGE_MAX_PX`]."""
    step = int(px // ROOM_STEP_PX) * ROOM_STEP_PX
    return min(max(step, PAGE_MIN_PX), PAGE_MAX_PX)


def screen(room_px: int) -> Size:
    """The size of a chart on the page with ``room_px`` pixels of width (at least
    :data:`PAGE_MIN_PX`): cells and labels sized to it, the frame's text wrapped for it, the
    legends beside the plot in a room of :data:`LEGEND_BESIDE_PX` or more, else below."""
    room_px = min(max(int(room_px), PAGE_MIN_PX), PAGE_MAX_PX)
    text = min(room_px, TEXT_MAX_PX + TEXT_SPARE_PX) - TEXT_SPARE_PX
    legend = "right" if room_px >= LEGEND_BESIDE_PX else "below"
    return Size("screen", None, None, text, 12, 18, 13, 11, 8, legend, room_px=room_px)


SCREEN = screen(PAGE_MIN_PX)
# Slides: laid out for the size, not scaled; type of at least 18 px at 1920 x 1080.
SLIDE_16_9 = Size("16:9", 1920, 1080, 1920, 20, 38, 24, 18, 36, "right", print=True)
SLIDE_4_3 = Size("4:3", 1600, 1200, 1600, 20, 36, 23, 18, 32, "right", print=True)
SIZES: dict[str, Size] = {s.name: s for s in (SCREEN, SLIDE_16_9, SLIDE_4_3)}
EXPORT_SIZES = ("16:9", "4:3")


def size_named(name: str | Size | None) -> Size:
    if isinstance(name, Size):
        return name
    return SIZES.get(name or "screen", SCREEN)


@dataclass(frozen=True, slots=True)
class Frame:
    """The words around a chart (plain text; escaped when placed)."""

    title: str
    subtitle: tuple[str, ...] = ()  # what is shown, as of when, the filters in force
    notices: tuple[str, ...] = ()  # "Incomplete: …", actors without a row, …
    sources: str = ""  # the outlets, for "Sources: …"; empty when nothing is cited
    data: str = ""  # "Standpoint data: <name> <version> · as of <date>"

    def with_notices(self, *more: str) -> Frame:
        return Frame(
            self.title, self.subtitle, (*self.notices, *(m for m in more if m)), self.sources,
            self.data,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Legend:
    """A legend a figure draws (its traces carry ``legend=key``), described for layout."""

    key: str = "legend"
    title: str = ""
    entries: tuple[int, ...] = ()  # lines of each entry
    chars: int = 24  # characters of its widest entry line
    columns: bool = False  # below the plot, entries may share a row (else one to a row)
    # below the plot even where the size puts legends beside it, in columns ``chars`` wide
    # across the figure from its left edge to the plot's right edge (see :func:`in_columns`)
    across: bool = False

    def entries_px(self, size: Size) -> int:
        """The width of its widest entry (its symbol and text), in pixels."""
        return int(self.chars * CHAR_EM * size.font) + SWATCH_PX

    def entry_px(self, size: Size) -> int:
        """The width of its widest entry, or of its title (in bold), in pixels; a legend
        ``across`` the figure: of its column (its title spans the columns)."""
        if self.across:
            return self.entries_px(size)
        bold = math.ceil(len(self.title) * BOLD_EM * LEGEND_TITLE * size.font)
        return max(self.entries_px(size), bold)

    def right_px(self, size: Size) -> tuple[int, int]:
        """(width, height) as one column beside the plot."""
        line = size.line(size.font)
        head = line + 4 if self.title else 0
        return self.entry_px(size), head + sum(n * line + 6 for n in self.entries)

    def below_px(self, size: Size, plot_px: float | None = None) -> int:
        """Height in rows below the plot: entries sharing rows fill a row as wide as the plot
        area (``plot_px``; plotly wraps its rows there, each entry taking its width and
        LEGEND_ITEM_PX more), else one to a row."""
        line = size.line(size.font)
        head = line + 4 if self.title else 0
        room = plot_px if plot_px is not None else size.layout_px - 2 * size.pad
        item = self.entry_px(size) + LEGEND_ITEM_PX
        per_row = max(1, int(room // item)) if self.columns else 1
        rows = [self.entries[i : i + per_row] for i in range(0, len(self.entries), per_row)]
        return head + sum(max(r) * line + 6 for r in rows) + 6


def data_line(dataset_name: str, as_of: dt.date | None, credit: str | None = None) -> str:
    """``Standpoint data: <name> <version>[ · <credit>] · as of <date>``: the data set's own
    ``credit`` (issues.yaml) goes with its name, not with the sources a chart cites."""
    bits = [f"Standpoint data: {dataset_name}".rstrip()]
    if credit and credit.strip():
        bits.append(" ".join(credit.split()))
    if as_of is not None:
        bits.append(f"as of {as_of.isoformat()}")
    return " · ".join(bits)


def incomplete(ds: Dataset) -> str:
    """The notice for data with problems, empty when there are none."""
    n = len(ds.problems)
    if not n:
        return ""
    return (
        f"Incomplete: {plural(n, 'problem')} in the data "
        f"{agree(n, 'leaves', 'leave')} some records out (the app's Data health page lists "
        f"{agree(n, 'it', 'them')})"
    )


def frame_for(
    ds: Dataset,
    title: str,
    as_of: dt.date | None,
    *,
    subtitle: Iterable[str] = (),
    notices: Iterable[str] = (),
    positions: Iterable[Position] | None = None,
    dataset_name: str = "",
    size: Size = SCREEN,
    own_title: str | None = None,
    cited: list[Cited] | None = None,
) -> Frame:
    """The frame of a chart of ``ds`` as of ``as_of``: the sources are those of ``positions``
    (what the chart shows; default every position dated on or before ``as_of``; ``cited``:
    the names they cite, when the caller has them), and data with problems is told
    incomplete. A title of the user's own (``own_title``: a deck's or
    ``--title``) is drawn as the title, and the chart's ``title``, which says what it shows,
    opens the subtitle."""
    if own_title and own_title.strip():
        subtitle = (title, *subtitle)
        title = " ".join(own_title.split())
    if positions is None and cited is None:
        positions = dated_by(ds, as_of)
    room = 2 * size.chars(size.footer) - len("Sources: ")  # at most two lines
    return Frame(
        title=title,
        subtitle=tuple(s for s in subtitle if s),
        notices=(*(n for n in notices if n), *([incomplete(ds)] if ds.problems else [])),
        sources=credit_line(ds, positions, room, names=cited),
        data=data_line(dataset_name or ds.root.resolve().name, as_of, ds.credit),
    )


def topic_title(ds: Dataset, what: str) -> str:
    """A chart's title naming the topic: ``<data set's title>: <what>``, or ``<What>``."""
    if ds.title:
        return f"{ds.title}: {what[:1].lower()}{what[1:]}"
    return what[:1].upper() + what[1:]


def frame_lines(fig: go.Figure | Mapping, part: str | None = None) -> list[str]:
    """The frame's lines of text on ``fig`` (a figure or its JSON; plain text, as wrapped):
    all of them, or those of one ``part`` (:data:`TITLE`, :data:`SUBTITLE` or
    :data:`FOOTER`)."""
    names = (TITLE, SUBTITLE, FOOTER) if part is None else (part,)
    if isinstance(fig, go.Figure):
        notes = [(a.name, a.text) for a in fig.layout.annotations]
    else:
        notes = [(a.get("name"), a.get("text")) for a in fig["layout"].get("annotations", [])]
    out = [text for name in names for at, text in notes if at == name and text]
    return html.unescape("<br>".join(out)).split("<br>")


def frame_text(fig: go.Figure | Mapping, part: str | None = None) -> str:
    """The frame's words on ``fig`` as one line of plain text (wrapped lines joined by
    spaces): all of them, or one ``part``."""
    return " ".join(frame_lines(fig, part))


def legend_top_px(fig: go.Figure | Mapping, key: str = "legend") -> float:
    """How far below the top of ``fig`` (a figure or its JSON) a legend's top sits, in
    pixels, whether it is placed in paper or container coordinates."""
    layout = fig.layout.to_plotly_json() if isinstance(fig, go.Figure) else fig["layout"]
    legend, height, margin = layout[key], layout["height"], layout["margin"]
    if legend.get("yref") == "paper":
        plot = height - margin["t"] - margin["b"]
        return margin["t"] + (1 - legend["y"]) * plot
    return (1 - legend["y"]) * height


def text_px(texts: Iterable[str], size: Size, font: int | None = None) -> int:
    """The width in pixels of the widest of ``texts`` (plain text, one line each)."""
    widest = max((len(t) for t in texts), default=0)
    return math.ceil(widest * CHAR_EM * (font or size.font)) + 8


LABELS_SAVE = 0.8  # wrapped axis labels must be at most this share of their one-line width


def wrapped_labels(
    texts: Sequence[str], size: Size, share_px: float, most_lines: int
) -> list[list[str]] | None:
    """Axis labels (plain text) wider than ``share_px`` in lines as narrow as that allows,
    each on at most ``most_lines`` lines (wider where a label needs it), broken at spaces;
    None where they fit, a label cannot take two lines, or wrapping would not make them at
    most LABELS_SAVE as wide (not worth the height it takes)."""
    widest = text_px(texts, size)
    if widest <= share_px or most_lines < 2:
        return None
    chars = max(1, int(share_px / (CHAR_EM * size.font)))
    while True:
        split = [
            textwrap.wrap(t, chars, break_on_hyphens=False, break_long_words=False) or [t]
            for t in texts
        ]
        if all(len(x) <= most_lines for x in split):
            break
        chars += 1
    if text_px([x for lines in split for x in lines], size) > LABELS_SAVE * widest:
        return None
    return split


def wrap_y_labels(
    fig: go.Figure,
    values: Sequence[str],
    size: Size,
    share_px: float,
    most_lines: int,
) -> tuple[int, int]:
    """The y axis's category labels (``values``, escaped as plotly shows them) wrapped by
    :func:`wrapped_labels` and put on the axis when that is worth it; returns the width the
    labels take in pixels and the most lines one takes."""
    plain = [html.unescape(v) for v in values]
    split = wrapped_labels(plain, size, share_px, most_lines)
    if split is None:
        return text_px(plain, size), 1
    ticks = ["<br>".join(esc(x) for x in lines) for lines in split]
    fig.update_yaxes(tickmode="array", tickvals=list(values), ticktext=ticks)
    return text_px([x for lines in split for x in lines], size), max(map(len, split))


def wrap(text: str, chars: int, *, colon: bool = False) -> list[str]:
    """Plain text in lines of at most ``chars`` characters; with ``colon``, a title broken
    after its colon first (between the topic and what the chart shows)."""
    text = " ".join(text.split())
    if len(text) <= chars:
        return [text] if text else []
    head, sep, tail = text.partition(": ")
    if colon and sep and len(head) < chars:
        return [head + ":", *textwrap.wrap(tail, chars, break_on_hyphens=False)]
    return textwrap.wrap(text, chars, break_on_hyphens=False)


@dataclass(slots=True)
class Blocks:
    """The frame's text as lines, wrapped for a size, and the pixels each block takes."""

    title: list[str] = field(default_factory=list)
    subtitle: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    top_px: int = 0
    footer_px: int = 0


def blocks(frame: Frame, size: Size) -> Blocks:
    b = Blocks()
    b.title = wrap(frame.title, size.chars(size.title), colon=True)
    sub_chars = size.chars(size.subtitle)
    for line in (*frame.subtitle, *frame.notices):
        b.subtitle.extend(wrap(line, sub_chars))
    foot_chars = size.chars(size.footer)
    if frame.sources:
        b.footer.extend(wrap(f"Sources: {frame.sources}", foot_chars))
    if frame.data:
        b.footer.extend(wrap(frame.data, foot_chars))
    b.top_px = (
        size.pad
        + size.line(size.title) * len(b.title)
        + size.line(size.subtitle) * len(b.subtitle)
        + size.line(size.subtitle) // 2
    )
    b.footer_px = size.line(size.footer) * len(b.footer) + size.pad
    return b


def room(
    frame: Frame,
    size: Size,
    *,
    legends: Sequence[Legend] = (),
    top_extra: int = 0,
    bottom_extra: int = 0,
) -> int | None:
    """The height left to the plot at a size of fixed height (None on the page)."""
    if size.height is None:
        return None
    b = blocks(frame, size)
    below = sum(lg.below_px(size) for lg in legends) if size.legend == "below" else 0
    return size.height - b.top_px - top_extra - bottom_extra - below - b.footer_px


def beside_px(frame: Frame, size: Size, *, top_extra: int = 0) -> int | None:
    """The height legends beside the plot may fill at a size of fixed height: from the top of
    the plot (``top_extra`` below the frame's text, as :func:`place` puts them) to the footer.
    None where legends go below the plot or the height follows the content."""
    if size.height is None or size.legend != "right":
        return None
    b = blocks(frame, size)
    return size.height - b.top_px - top_extra - b.footer_px


def legends_overrun_px(
    frame: Frame, size: Size, legends: Sequence[Legend], *, top_extra: int = 0
) -> int | None:
    """How far the legends beside the plot of a slide run past the top of its footer, in
    pixels (negative: clear of it), as :func:`place` puts them: from the top of the plot
    (``top_extra`` below the frame's text), one below the other a type size apart. None
    where legends go below the plot or the height follows the content."""
    if size.height is None or size.legend != "right":
        return None
    b = blocks(frame, size)
    bottom = b.top_px + top_extra + legends_tall_px(size, legends) - size.font
    footer_top = size.height - size.pad // 2 - size.line(size.footer) * len(b.footer)
    return bottom - footer_top


def legends_tall_px(size: Size, legends: Sequence[Legend]) -> int:
    """The height legends beside the plot take, one below the other as :func:`place` puts
    them (those going ``across`` below it take none)."""
    return sum(lg.right_px(size)[1] + size.font for lg in legends if not lg.across)


def column_chars(size: Size, room_px: float, n: int) -> int:
    """Characters of the legends' type to a line of an entry in ``n`` columns across
    ``room_px`` (each column: its entry's symbol, its text, and what plotly adds)."""
    return int((room_px / n - LEGEND_ITEM_PX - SWATCH_PX) / (CHAR_EM * size.font))


def in_columns(
    key: str, title: str, texts: Sequence[str], size: Size, room_px: float, *, most: int = 4
) -> list[tuple[Legend, list[list[str]]]]:
    """Legends of ``texts`` below the plot, ``across`` ``room_px``, in 1 to ``most``
    columns: every text whole, in lines broken at spaces (runs of spaces inside a line
    kept); the easiest to read first (the
    fewest lines in all, then the least height, then the fewer columns). Empty when no
    number of columns holds every word."""
    found = []
    for n in range(1, most + 1):
        chars = column_chars(size, room_px, n)
        if chars < 12:
            break
        lines = [
            textwrap.wrap(t.strip(), chars, break_on_hyphens=False) or [""] for t in texts
        ]  # textwrap keeps a run of spaces inside a line ("++  Word")
        if any(len(x) > chars for entry in lines for x in entry):
            continue  # a word longer than the column
        lg = Legend(key, title, tuple(len(x) for x in lines), chars, columns=True, across=True)
        found.append((sum(lg.entries), lg.below_px(size, room_px), n, lg, lines))
    return [(lg, lines) for *_, lg, lines in sorted(found, key=lambda f: f[:3])]


def below_room_px(lg: Legend, plot_px: float, left: int) -> float:
    """The width a legend below the plot wraps its rows in: the plot area's (``plot_px``),
    and for one ``across`` the figure the ``left`` margin's labels' too."""
    return plot_px + left if lg.across else plot_px


def plot_height(
    frame: Frame,
    size: Size,
    *,
    legends: Sequence[Legend] = (),
    top_extra: int = 0,
    bottom_extra: int = 0,
    left: int = 0,
    right: int = 0,
) -> int | None:
    """The plot area's height as :func:`place` lays it out at a size of fixed height (None
    on the page)."""
    if size.height is None:
        return None
    b = blocks(frame, size)
    plot_w = plot_width(size, legends=legends, left=left, right=right)
    below = _below(size, legends)
    below_px = sum(lg.below_px(size, below_room_px(lg, plot_w, left)) for lg in below)
    spare = size.pad // 2 if below else 0
    return size.height - b.top_px - top_extra - bottom_extra - below_px - b.footer_px - spare


def _below(size: Size, legends: Sequence[Legend]) -> list[Legend]:
    """The legends :func:`place` puts below the plot."""
    return [lg for lg in legends if size.legend != "right" or lg.across]


def share_lines(texts: Sequence[str], chars: int, spare: int) -> list[list[str]]:
    """Each text in lines of at most ``chars`` characters (broken at spaces): one line each,
    then, while ``spare`` lines last, one more line each in turn, until every text is whole.
    A text still not whole ends its last line, after a whole word, with "…"."""
    whole = [
        textwrap.wrap(" ".join(t.split()), chars, break_on_hyphens=False) or [""] for t in texts
    ]
    given = [1] * len(whole)
    while spare > 0 and any(g < len(w) for g, w in zip(given, whole, strict=True)):
        for i, w in enumerate(whole):
            if spare > 0 and given[i] < len(w):
                given[i] += 1
                spare -= 1
    out = []
    for g, w in zip(given, whole, strict=True):
        lines = w[:g]
        if g < len(w):
            last = lines[-1]
            if len(last) >= chars:  # no room for "…": its last word goes (never cut inside one)
                last = last.rsplit(" ", 1)[0] if " " in last else last[: chars - 1]
            lines[-1] = last.rstrip(" ·,;:") + "…"
        out.append(lines)
    return out


def legends_px(size: Size, legends: Sequence[Legend]) -> int:
    """The right margin's room for legends beside the plot (0 when they go below)."""
    beside = [lg for lg in legends if not lg.across]
    if size.legend != "right" or not beside:
        return 0
    return max(lg.right_px(size)[0] for lg in beside) + size.font


def beside_or_below(
    size: Size, legends: Sequence[Legend], *, plot_px: float, least_px: float
) -> Size:
    """``size``, or on the page with its legends below the plot where beside it they leave
    the plot (``plot_px`` wide with them beside it) less than ``least_px``."""
    if size.width or size.legend != "right" or not legends or plot_px >= least_px:
        return size
    return replace(size, legend="below")


def plot_width(size: Size, *, legends: Sequence[Legend] = (), left: int = 0, right: int = 0) -> int:
    """The plot area's width in pixels as :func:`place` lays it out (on the page, at the
    narrowest width the figure meets: its room)."""
    return size.room - 2 * size.pad - left - right - legends_px(size, legends)


def place(
    fig: go.Figure,
    frame: Frame,
    size: Size = SCREEN,
    *,
    plot_px: int,
    legends: Sequence[Legend] = (),
    top_extra: int = 0,
    bottom_extra: int = 0,
    left: int = 0,
    right: int = 0,
) -> go.Figure:
    """Lay ``fig`` out at ``size``: the frame's text above and below, the legends beside or
    below, ``plot_px`` for the plot area (at a fixed height, whatever is left), ``top_extra`` /
    ``bottom_extra`` pixels between the plot and the frame (axis labels), ``left`` / ``right``
    more margin (labels the figure places itself; see :func:`text_px`). The margins are
    fixed: the figure's axes must not grow them (``automargin`` off)."""
    b = blocks(frame, size)
    below = _below(size, legends)
    beside = [lg for lg in legends if lg not in below]
    plot_w = plot_width(size, legends=legends, left=left, right=right)  # plotly wraps rows here
    below_px = sum(lg.below_px(size, below_room_px(lg, plot_w, left)) for lg in below)
    top = b.top_px + top_extra
    bottom = bottom_extra + below_px + b.footer_px + (size.pad // 2 if below else 0)
    if beside and size.height is None:  # on the page: the figure as tall as its legends too
        bottom += max(legends_tall_px(size, beside) - max(plot_px, 40) - bottom_extra, 0)
    height = size.height or (top + max(plot_px, 40) + bottom)

    # the layout gathered here and set once: each of plotly's updates checks the whole layout
    lay: dict = {
        "title": {"text": ""},
        "font": {"family": FONT, "size": size.font, "color": "#222222"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "height": height,
        "margin": {"t": top, "b": bottom, "l": size.pad + left, "r": size.pad + right},
    }
    notes: list[dict] = []
    # annotations, not plotly's title: they keep to their anchor however many lines they have
    text = {"xref": "paper", "yref": "paper", "x": 0, "xshift": -left, "xanchor": "left"}
    text |= {"align": "left", "showarrow": False, "yanchor": "top", "y": 1}
    notes.append(
        dict(
            text="<br>".join(esc(x) for x in b.title),
            name=TITLE,
            yshift=top - size.pad,
            font={"size": size.title, "color": "#111111"},
            **text,
        )
    )
    if b.subtitle:
        notes.append(
            dict(
                text="<br>".join(esc(x) for x in b.subtitle),
                name=SUBTITLE,
                yshift=top - size.pad - size.line(size.title) * len(b.title),
                font={"size": size.subtitle, "color": "#333333"},
                **text,
            )
        )
    if size.width:
        lay |= {"width": size.width, "autosize": False}
    notes.append(
        {
            "text": "<br>".join(esc(x) for x in b.footer),
            "name": FOOTER,
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xshift": -left,  # the figure's left edge, plus the pad
            "yshift": -bottom + size.pad // 2,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"size": size.footer, "color": "#444444"},
        }
    )
    if beside:
        widest = max(lg.right_px(size)[0] for lg in beside)
        lay["margin"]["r"] = size.pad + right + legends_px(size, legends)
        offset = 0
        for lg in beside:
            y = 1 - (top + offset) / height
            spec = _legend(lg, size, "v", y, size.width or 1)
            if size.width:
                spec["x"] = 1 - (size.pad + widest) / size.width  # one left edge for all
            else:  # the page stretches the plot: ``right`` past its edge, as laid out
                spec |= {"xref": "paper", "x": 1 + (right + size.font // 2) / max(plot_w, 1)}
                lay["margin"]["autoexpand"] = False  # the margin holds it
            spec["maxheight"] = height  # pixels: plotly's default cuts it at half the height
            lay[lg.key] = spec
            offset += lg.right_px(size)[1] + size.font
    if below or not beside:
        # from the figure's left edge (not the plot's, which the labels push right), so the
        # entries have the figure's whole width at any width of the page: x in container,
        # y in paper coordinates. Plotly would then reserve a left margin as wide as the
        # legend; the margins above already hold the legends, so they stay as they are.
        lay["margin"]["autoexpand"] = False
        plot = height - top - bottom
        offset = bottom_extra + size.pad // 2  # below the plot
        for lg in below:
            y = -offset / max(plot, 1)
            spec = _legend(lg, size, "h" if lg.columns else "v", y, None)
            if lg.across:  # left of the plot area, so that plotly wraps its rows at the plot's
                spec |= {"xref": "paper", "x": -left / max(plot_w, 1)}  # right edge, not left
            lay[lg.key] = spec | {"maxheight": height}  # pixels: never scrolls
            offset += lg.below_px(size, below_room_px(lg, plot_w, left))
    # after the figure's own annotations (a matrix's bands), as plotly's add_annotation puts them
    lay["annotations"] = [*fig.layout.annotations, *notes]
    fig.update_layout(lay)
    return fig


def _legend(lg: Legend, size: Size, orientation: str, y: float, width: int | None) -> dict:
    if y == 0.5:  # plotly.js fails ("axis scaling") on a container legend at exactly y = 0.5
        y = 0.4999
    spec: dict = {
        "orientation": orientation,
        "traceorder": "normal",
        "tracegroupgap": 0,
        "itemsizing": "constant",
        "itemclick": False,
        "itemdoubleclick": False,
        "font": {"size": size.font},
        "yref": "container" if width else "paper",
        "y": y,
        "yanchor": "top",
        "bgcolor": "rgba(255,255,255,0)",
        "title": {
            "text": f"<b>{esc(lg.title)}</b>" if lg.title else "",
            "side": "top",
            "font": {"size": round(size.font * LEGEND_TITLE)},
        },
        "entrywidthmode": "pixels",
    }
    # below the plot: from the figure's left edge (a slide's: inside its margin)
    left = size.pad / size.width if size.width else 0
    if width:  # beside the plot, at a known width
        x = 1 - (size.pad + lg.entry_px(size)) / width
        spec |= {"xref": "container", "x": x, "xanchor": "left", "entrywidth": lg.entry_px(size)}
    elif lg.columns:  # below the plot, as many to a row as fit
        spec |= {"xref": "container", "x": left, "xanchor": "left"}
        spec |= {"entrywidth": lg.entry_px(size)}
    else:  # below the plot, one entry to a row, as wide as its text
        spec |= {"xref": "container", "x": left, "xanchor": "left"}
    return spec
