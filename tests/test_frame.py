"""The frame around every chart (figures/frame.py) and the data's version in its footer."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import plotly.graph_objects as go
import pytest

from standpoint import load
from standpoint.figures.frame import (
    FOOTER,
    SCREEN,
    SIZES,
    SLIDE_16_9,
    SUBTITLE,
    TITLE,
    Frame,
    Legend,
    frame_for,
    frame_lines,
    legend_top_px,
    place,
    room,
    topic_title,
)
from standpoint.version import data_version
from tests.datadir import ISSUES, data_dir

LONG = (
    "Ukraine's territorial integrity within its internationally recognised borders (UNGA "
    "votes): who held which level, and when"
)


LEVELS_LEGEND = Legend("legend", "Level", (1, 1, 1), 20)


def framed(size_name: str, legends=(LEVELS_LEGEND,)) -> go.Figure:
    frame = Frame(
        title=LONG,
        subtitle=("As of 2025-02-18: " + "a filter in force " * 12,),
        notices=("Incomplete: 1 problem in the data leaves some records out",),
        sources="Euractiv and Defence Talks",
        data="Standpoint data: shipped data 1234567 · as of 2025-02-18",
    )
    fig = go.Figure(go.Bar(x=[1], y=["a"], name="x", legend="legend"))
    return place(fig, frame, SIZES[size_name], plot_px=300, legends=legends)


@pytest.mark.parametrize("name", ["screen", "16:9", "4:3"])
def test_every_line_of_the_frame_fits_the_width_it_is_laid_out_for(name):
    size = SIZES[name]
    fig = framed(name)
    for part, font in ((TITLE, size.title), (SUBTITLE, size.subtitle), (FOOTER, size.footer)):
        lines = frame_lines(fig, part)
        assert lines and all(len(x) <= size.chars(font) for x in lines), part
    # nothing lost in the wrapping
    assert " ".join(frame_lines(fig, TITLE)) == LONG
    assert frame_lines(fig, FOOTER) == [
        "Sources: Euractiv and Defence Talks",
        "Standpoint data: shipped data 1234567 · as of 2025-02-18",
    ]
    assert "Incomplete: 1 problem" in " ".join(frame_lines(fig, SUBTITLE))


def test_the_title_holds_room_for_its_lines_and_the_plot_starts_below_them():
    short = Frame(title="Short")
    small = place(go.Figure(), short, SCREEN, plot_px=300)
    big = framed("screen")
    line = SCREEN.line(SCREEN.title)
    title_lines = len(frame_lines(big, TITLE))
    assert title_lines >= 2
    assert big.layout.margin.t >= small.layout.margin.t + (title_lines - 1) * line


@pytest.mark.parametrize("name", ["16:9", "4:3"])
def test_slides_have_their_exact_size_type_of_18_px_and_the_legend_beside(name):
    size = SIZES[name]
    fig = framed(name)
    assert (fig.layout.width, fig.layout.height) == (size.width, size.height)
    assert min(size.font, size.footer, size.subtitle, size.title) >= 18
    legend = fig.layout.legend
    assert legend.orientation == "v" and legend.xref == "container" and legend.x > 0.6
    assert fig.layout.margin.r > Legend(chars=20).entry_px(size)


def test_on_the_page_the_legend_sits_below_the_plot_above_the_footer():
    fig = framed("screen")
    height, margin = fig.layout.height, fig.layout.margin
    assert fig.layout.width is None  # the page's width
    assert legend_top_px(fig) >= height - margin.b  # below the plot
    assert height == margin.t + 300 + margin.b


def test_room_is_what_a_slide_leaves_to_the_plot():
    frame = Frame(title="T", subtitle=("s",), sources="S", data="D")
    left = room(frame, SLIDE_16_9, top_extra=50)
    fig = place(go.Figure(), frame, SLIDE_16_9, plot_px=left, top_extra=50)
    assert fig.layout.height - fig.layout.margin.t - fig.layout.margin.b == left
    assert room(frame, SCREEN) is None


def test_titles_name_the_topic_when_the_data_has_one(tmp_path):
    root = data_dir(tmp_path, {})
    plain = load(root)
    assert topic_title(plain, "who stands where") == "Who stands where"
    issues = root / "stances" / "issues.yaml"
    issues.write_text("title: Peace talks\n" + ISSUES, encoding="utf-8")
    titled = load(root)
    assert topic_title(titled, "Who stands where") == "Peace talks: who stands where"
    frame = frame_for(titled, "T", dt.date(2025, 1, 1), dataset_name="x 1234567")
    assert frame.data == "Standpoint data: x 1234567 · as of 2025-01-01"


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_data_version_is_the_last_commit_touching_the_data_and_says_when_edited(tmp_path):
    root = data_dir(tmp_path, {})
    git(root, "init", "-q")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "data")
    head = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%h", "--abbrev=7"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert data_version(root) == head
    (root / "README").write_text("not data\n")  # a change outside the data: still clean
    assert data_version(root) == head
    issues = root / "stances" / "issues.yaml"
    issues.write_text(issues.read_text() + "\n# edited\n")
    assert data_version(root) == head + "+edited"


def test_data_version_outside_git_is_a_content_hash(tmp_path):
    root = data_dir(tmp_path / "a", {})
    first = data_version(root)
    assert first.startswith("content-") and len(first) == len("content-") + 7
    assert data_version(root) == first  # stable
    issues = root / "stances" / "issues.yaml"
    issues.write_text(issues.read_text() + "\n# edited\n")
    assert data_version(root) != first
