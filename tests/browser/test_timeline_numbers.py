"""The event numbers of a timeline, measured where they are drawn: each chart is rendered to
SVG by kaleido and laid out again by Chromium, and the boxes of the numbers' text are taken
from the page. No number may touch another, nor the dates of the axis."""

from __future__ import annotations

import datetime as dt

import pytest

from standpoint.charts import Chart, figures
from standpoint.figures.frame import SIZES, size_named
from standpoint.figures.timeline import EVENT_NUMBER, issue_timeline
from standpoint.render import Renderer
from standpoint.render import browser as chromium_path
from standpoint.timeline import issue_steps
from tests.test_figures_other import close_events

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="needs Chromium"),
]

BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom, el.textContent]; };
  return {
    numbers: [...document.querySelectorAll('g.annotation')].map((g) => [
      Number(g.getAttribute('data-index')), box(g.querySelector('text'))]),
    ticks: [...document.querySelectorAll('g.xtick text')].map(box),
    // every legend's words, and the box that clips them
    legends: [...document.querySelectorAll('g[class^="legend"] > rect.bg')].map((bg) => [
      box(bg), [...bg.parentNode.querySelectorAll('text')].map(box)]),
  };
}"""


@pytest.fixture(scope="module")
def measure(browser):
    # the session's Chromium (Playwright's sync API allows one in the test process)
    with Renderer() as renderer:
        page = browser.new_page()

        def boxes(fig) -> tuple[list, list]:
            """(the event numbers' text boxes, the date labels' boxes) as drawn."""
            svg = renderer.image(fig, "svg").decode("utf-8")
            page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
            found = page.evaluate(BOXES)
            wanted = {i for i, a in enumerate(fig.layout.annotations) if a.name == EVENT_NUMBER}
            numbers = [b for i, b in found["numbers"] if i in wanted]
            assert len(numbers) == len(wanted)  # every number was drawn
            for bg, texts in found["legends"]:  # no word cut by its legend's box
                for t in texts:
                    assert t[2] <= bg[2] + 1, f"{t[4]!r} is cut at the legend's edge"
            if fig.layout.width:  # nor by the image's edge
                right = max(t[2] for _, texts in found["legends"] for t in texts)
                pad = next((z.pad for z in SIZES.values() if z.width == fig.layout.width), 8)
                assert right <= fig.layout.width - pad / 2, f"legend text reaches {right}px"
            return numbers, [b for b in found["ticks"] if b[4].strip()]

        yield boxes
        page.close()


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_apart(numbers: list, ticks: list) -> None:
    for i, a in enumerate(numbers):
        for b in numbers[i + 1 :]:
            assert not overlap(a, b), f"{a[4]!r} touches {b[4]!r}"
        for t in ticks:
            assert not overlap(a, t), f"{a[4]!r} touches the date {t[4]!r}"


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_the_shipped_timelines_numbers_do_not_touch_on_a_slide(shipped, measure, size):
    # the shipped data's events crowd into the week of 12-19 February 2025
    chart = Chart("timeline", dt.date(2025, 4, 16), issue="troops-to-ukraine", size=size)
    (fig,) = figures(shipped, chart, "t")
    numbers, ticks = measure(fig)
    assert len(numbers) >= 3
    assert_apart(numbers, ticks)


def test_close_numbers_do_not_touch_on_a_narrow_page(tmp_path, measure):
    from standpoint.figures.frame import SCREEN

    # twelve events three days apart: "10", "11" and "12" are wider than three days there
    start = dt.date(2025, 1, 20)
    dates = tuple((start + dt.timedelta(days=3 * k)).isoformat() for k in range(12))
    ds = close_events(tmp_path, dates)
    (fig,) = figures(ds, Chart("timeline", dt.date(2025, 4, 16), issue="troops", size="screen"))
    fig.update_layout(width=SCREEN.layout_px)  # the narrowest the page shows it
    assert_apart(*measure(fig))


def test_numbers_clear_the_dates_of_a_top_axis(unga, measure):
    # more lanes than TOP_AXIS_FROM: the dates are above the lanes, the numbers above them
    issue = list(unga.issues)[-1]  # one vote: its key is short, the legend title sets the width
    until = dt.date(2025, 12, 31)
    for size in ("16:9", "screen"):
        # all lanes in one figure (an export splits them across images; the figure does not)
        steps = issue_steps(unga, issue, until=until)
        fig = issue_timeline(unga, steps, issue, until=until, size=size_named(size))
        if not fig.layout.width:
            fig.update_layout(width=1000)
        assert fig.layout.xaxis.side == "top"
        numbers, ticks = measure(fig)
        assert numbers and ticks
        assert_apart(numbers, ticks)
