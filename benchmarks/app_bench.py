"""The app in a real Chromium against a bare Streamlit app with one plotly chart of the same
size, both served in the same run: every figure is printed as a ratio to its floor.

    python benchmarks/app_bench.py [--data DIR] [--repeat N]

Measured on the matrix page (medians of N):
- first chart: navigation start to the chart drawn, in a fresh browser context each time
  (the browser's clock, ``performance.now()``); floor: the bare app's chart;
- a click on a cell to its evidence shown, a filter change (a search typed, then Enter), a
  filter change to a view no one has drawn (a new as-of date) and a page switch (Change over
  time -> Matrix) to the chart redrawn; floor: the bare app's rerun that redraws its chart (a
  new "Variant" typed, then Enter);
- bytes the server sends over the websocket for the matrix page, and the server time of a
  rerun after a filter change (from the rerun request leaving the browser to the
  script-finished message arriving, read from the DevTools protocol); floors: the bare app's.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import PLOT, ROOT, Server, launch_chromium, page_js

TIMED = "benchmarks/timed_app.py"
UNGA = ROOT / "tests" / "fixtures" / "unga-ukraine"
VIEWPORT = {"width": 1400, "height": 1000}

IS_MATRIX = "g => g.data && g.data[0] && g.data[0].name === 'cells'"
DRAWN = "g => !!(g._fullLayout && g.querySelector('.heatmaplayer image, .heatmaplayer .hm'))"
FIRST_CHART = f"""() => {{
    const drawn = {DRAWN};
    for (const g of document.querySelectorAll('.js-plotly-plot'))
        if (drawn(g)) return performance.now();
    return false;
}}"""
# a drawn chart that is not the one marked before the action (window.__old)
NEW_CHART = f"""(matrixOnly) => {{
    const drawn = {DRAWN}, isMatrix = {IS_MATRIX};
    for (const g of document.querySelectorAll('.js-plotly-plot'))
        if (g.data !== window.__old && drawn(g) && (!matrixOnly || isMatrix(g))) return true;
    return false;
}}"""
OTHER_PAGE = f"""() => {{
    const isMatrix = {IS_MATRIX};
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length > 0 && plots.every(g => !isMatrix(g) && g._fullLayout);
}}"""
# rows, columns and height of the matrix as drawn: a tall one's head (its title and column
# labels, a chart of their own over its rows) counts in its height
MATRIX_SHAPE = page_js(f"""() => {{
    const isMatrix = {IS_MATRIX};
    const g = [...document.querySelectorAll('.js-plotly-plot')].find(isMatrix);
    const head = $head;
    const above = head && head._fullLayout ? head._fullLayout.height : 0;
    return g && [g.data[0].z.length, g.data[0].z[0].length, g._fullLayout.height + above];
}}""")
# the heading of the evidence panel ("<actor> on <issue>")
EVIDENCE = """() => { const h = [...document.querySelectorAll('h4')].map(e => e.innerText)
                                 .find(t => t.includes(' on '));
                      return h || null; }"""
MARK = page_js("""() => { const g = $plot;
                  window.__old = g ? g.data : null; }""")
IDLE = """() => { const s = document.querySelector('[data-testid="stStatusWidget"]');
                  return !s || !/running/i.test(s.innerText); }"""


@dataclass
class Frames:
    """The websocket frames of one page, from Chromium's DevTools protocol: (time in s, bytes,
    kind) of each frame received from the server and each sent to it."""

    received: list[tuple[float, int, str]] = field(default_factory=list)
    sent: list[tuple[float, int, str]] = field(default_factory=list)

    def attach(self, page) -> Frames:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameReceived", lambda e: self._add(e, self.received, True))
        cdp.on("Network.webSocketFrameSent", lambda e: self._add(e, self.sent, False))
        return self

    @staticmethod
    def _add(event: dict, into: list, forward: bool) -> None:
        response = event["response"]
        raw = response["payloadData"]
        data = base64.b64decode(raw) if response.get("opcode") == 2 else raw.encode()
        into.append((event["timestamp"], len(data), kind(data, forward)))

    def bytes_received(self) -> int:
        return sum(n for _, n, _ in self.received)


class Runs:
    """The server's script runs, timed inside it by benchmarks/timed_app.py."""

    def __init__(self, name: str) -> None:
        handle, path = tempfile.mkstemp(prefix=f"standpoint-{name}-runs-", suffix=".txt")
        os.close(handle)
        self.path = Path(path)

    def env(self, target: str) -> dict[str, str]:
        return {"BENCH_TARGET": target, "BENCH_RUNS": str(self.path)}

    def _lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines()

    def mark(self) -> int:
        return len(self._lines())

    def since(self, mark: int) -> float | None:
        """Seconds of server time in the script runs after ``mark``."""
        new = self._lines()[mark:]
        return sum(float(line.split()[0]) for line in new) if new else None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def kind(data: bytes, forward: bool) -> str:
    """What a Streamlit websocket message is: its type, and the element of a new element."""
    try:
        if forward:
            from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

            msg = ForwardMsg.FromString(data)
            name = msg.WhichOneof("type") or "?"
            if name == "delta" and msg.delta.WhichOneof("type") == "new_element":
                return "element:" + (msg.delta.new_element.WhichOneof("type") or "?")
            return name
        from streamlit.proto.BackMsg_pb2 import BackMsg

        return BackMsg.FromString(data).WhichOneof("type") or "?"
    except Exception:  # a frame that is not a Streamlit message
        return "?"


def settle(page, timeout: float = 60_000) -> None:
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE, timeout=timeout, polling=100)
    page.wait_for_timeout(300)


def first_chart(browser, url: str) -> tuple[float, Frames, object]:
    """Milliseconds from navigation start to the first chart drawn, in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    frames = Frames().attach(page)
    page.goto(url, wait_until="commit")
    ms = page.wait_for_function(FIRST_CHART, timeout=120_000, polling="raf").json_value()
    return ms, frames, page


def timed(page, action, done: str, arg=None) -> float:
    """Milliseconds from ``action()`` to ``done`` (a JS predicate) being true."""
    page.evaluate(MARK)
    start = time.perf_counter()
    action()
    page.wait_for_function(done, arg=arg, timeout=120_000, polling="raf")
    return (time.perf_counter() - start) * 1000


@dataclass
class Sample:
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float | None) -> None:
        if value is not None:
            self.values.setdefault(name, []).append(value)

    def median(self, name: str) -> float:
        return statistics.median(self.values[name]) if self.values.get(name) else float("nan")


def cells_to_click(page, n: int) -> list[tuple[str, str, str, str]]:
    """(actor id, issue id, actor name, issue label) of ``n`` cells holding a position, spread
    over the matrix."""
    found = page.evaluate(
        """() => { const g = [...document.querySelectorAll('.js-plotly-plot')]
                       .find(g => g.data && g.data[0] && g.data[0].name === 'cells');
                   const heat = g.data[0], click = g.data[1], ncol = heat.z[0].length;
                   return click.customdata.map((c, i) =>
                       [c[0], c[1], heat.text[Math.floor(i / ncol)][i % ncol]]); }"""
    )
    full = [(a, i) for a, i, t in found if t]
    step = max(1, len(full) // n)
    return full[::step][:n]


def click_cell(page, actor: str, issue: str) -> None:
    index, nrows, ncols = page.evaluate(
        """([actor, issue]) => {
            const g = [...document.querySelectorAll('.js-plotly-plot')]
                .find(g => g.data && g.data[0] && g.data[0].name === 'cells');
            const heat = g.data[0], click = g.data[1];
            const i = click.customdata.findIndex(c => c[0] === actor && c[1] === issue);
            return [i, heat.z.length, heat.z[0].length];
        }""",
        [actor, issue],
    )
    drag = page.locator(f"{PLOT} .nsewdrag").first
    row, col = divmod(index, ncols)
    # scroll the cell into view inside its scroll box, half way down the rows in sight (under
    # the head a tall matrix keeps at the box's top), then click its centre
    box = drag.bounding_box()
    y_in = (row + 0.5) * box["height"] / nrows
    page.evaluate(
        page_js("""([y]) => { const d = $plot.querySelector('.nsewdrag');
                      const head = $head;
                      const target = d.getBoundingClientRect().top + y;
                      for (let p = d.parentElement; p; p = p.parentElement)
                          if (p.scrollHeight > p.clientHeight + 4 &&
                              getComputedStyle(p).overflowY !== 'visible') {
                              const top = p.getBoundingClientRect().top;
                              const under = head ? head.getBoundingClientRect().bottom - top : 0;
                              const mid = under + (p.clientHeight - under) / 2;
                              p.scrollTop += target - top - mid;
                              break;
                          }
                      window.scrollTo(0, 0); }"""),
        [y_in],
    )
    box = drag.bounding_box()
    page.mouse.click(box["x"] + (col + 0.5) * box["width"] / ncols, box["y"] + y_in)


def run(
    data: Path, repeat: int, quiet: bool = False, new_view: float | None = 1.5
) -> dict[str, tuple[float, float, float | None]]:
    """Every figure of the app on ``data``: name -> (value, floor, target ratio or None).
    ``new_view``: the target of a filter change to a view never drawn (None: reported)."""
    from playwright.sync_api import sync_playwright

    runs = {name: Runs(name) for name in ("app", "bare")}
    app_env = {"STANDPOINT_DATA": str(data), **runs["app"].env("dashboard.py")}
    app = Server(TIMED, app_env).wait()
    bare = None
    s = Sample()
    try:
        with sync_playwright() as p:
            browser = launch_chromium(p)
            # the very first view: the app reads its data (the bare app has none to read)
            ms, frames, page = first_chart(browser, app.url)
            s.add("app cold first chart", ms)
            page.wait_for_function(MATRIX_SHAPE, timeout=120_000)
            rows, cols, height = page.evaluate(MATRIX_SHAPE)
            page.context.close()
            # the floor: one chart of the size of the matrix shown (a page of it, if paged)
            bare_env = {
                "BARE_ROWS": str(rows),
                "BARE_COLS": str(cols),
                "BARE_HEIGHT": str(height),
                **runs["bare"].env("benchmarks/bare_app.py"),
            }
            bare = Server(TIMED, bare_env).wait()
            ms, frames, page = first_chart(browser, bare.url)
            s.add("bare cold first chart", ms)
            page.context.close()
            for _ in range(repeat):
                for name, server in (("app", app), ("bare", bare)):
                    ms, frames, page = first_chart(browser, server.url)
                    s.add(f"{name} first chart", ms)
                    settle(page)
                    s.add(f"{name} bytes", frames.bytes_received())
                    page.context.close()
            # clicks, filters and page switches in one page of the app, each followed by a
            # rerun of the bare app in a page of its own: floor and figure under the same load
            ms, frames, page = first_chart(browser, app.url)
            settle(page)
            ms, frames, bare_page = first_chart(browser, bare.url)
            settle(bare_page)
            box = bare_page.get_by_label("Variant")
            reruns = iter(range(1, 10_000))

            def bare_rerun() -> None:
                box.fill(str(next(reruns)))
                since = runs["bare"].mark()
                s.add("bare rerun", timed(bare_page, lambda: box.press("Enter"), NEW_CHART))
                settle(bare_page)
                s.add("bare rerun server", runs["bare"].since(since))

            cells = cells_to_click(page, repeat + 1)
            search = page.get_by_label("Search actors")
            nav = page.locator('[data-testid="stSidebarNav"]')
            for actor, issue in cells:
                before = page.evaluate(EVIDENCE)
                since = runs["app"].mark()
                start = time.perf_counter()
                click_cell(page, actor, issue)
                page.wait_for_function(
                    f"(before) => {{ const h = ({EVIDENCE})(); return h && h !== before; }}",
                    arg=before,
                    timeout=120_000,
                    polling="raf",
                )
                s.add("app cell click", (time.perf_counter() - start) * 1000)
                settle(page)
                s.add("app cell click server", runs["app"].since(since))
                bare_rerun()

                for text in ("an", ""):  # a search, then cleared: the whole matrix again
                    search.fill(text)
                    since = runs["app"].mark()
                    changed = timed(page, lambda: search.press("Enter"), NEW_CHART)
                    s.add("app filter change", changed)
                    settle(page)
                    s.add("app filter server", runs["app"].since(since))
                    bare_rerun()

                away = timed(page, lambda: nav.get_by_text("Change over time").click(), OTHER_PAGE)
                s.add("app page switch away", away)
                settle(page)
                back = timed(page, lambda: nav.get_by_text("Matrix").click(), NEW_CHART, True)
                s.add("app page switch", back)
                settle(page)
                bare_rerun()
            # a view no one has drawn: another as-of date (10, 11, … January of the latest
            # date's year), typed into the date's month and day and committed as a reader does,
            # by leaving the field; its cells, figure and words are all worked out anew
            heading = page.get_by_role("heading", name="Stance matrix")
            for k in range(repeat):
                page.locator('[data-testid="stDateInput"] [data-type="month"]').first.click()
                page.keyboard.type(f"01{10 + k:02d}")
                since = runs["app"].mark()
                s.add("app new view", timed(page, heading.click, NEW_CHART, True))
                settle(page)
                s.add("app new view server", runs["app"].since(since))
                bare_rerun()
            page.context.close()
            bare_page.context.close()
            browser.close()
        s.add("app rss", app.rss_mb())
        s.add("bare rss", bare.rss_mb())
    finally:
        app.stop()
        if bare:
            bare.stop()
        for r in runs.values():
            r.remove()
    return report(s, data, (rows, cols, height), quiet, new_view)


def report(s: Sample, data: Path, shape: tuple[int, int, int], quiet: bool, new_view: float | None):
    rows, cols, height = shape
    m = s.median
    figures = {  # name -> (value, floor, target ratio or None)
        "first chart, ms": (m("app first chart"), m("bare first chart"), 1.5),
        "first chart on a fresh server, ms": (
            m("app cold first chart"),
            m("bare cold first chart"),
            None,
        ),
        "cell click to its evidence, ms": (m("app cell click"), m("bare rerun"), 1.5),
        "filter change to the chart, ms": (m("app filter change"), m("bare rerun"), 1.5),
        "page switch to the matrix, ms": (m("app page switch"), m("bare rerun"), 1.5),
        "filter change to a view never drawn, ms": (
            m("app new view"),
            m("bare rerun"),
            new_view,
        ),
        "page switch to Change over time, ms": (m("app page switch away"), m("bare rerun"), None),
        "websocket bytes of the matrix page, kB": (
            m("app bytes") / 1000,
            m("bare bytes") / 1000,
            None,
        ),
        "server time of a filter rerun, ms": (
            m("app filter server") * 1000,
            m("bare rerun server") * 1000,
            None,
        ),
        "server time of a view never drawn, ms": (
            m("app new view server") * 1000,
            m("bare rerun server") * 1000,
            None,
        ),
        "server time of a cell-click rerun, ms": (
            m("app cell click server") * 1000,
            m("bare rerun server") * 1000,
            None,
        ),
        "server memory (RSS), MB": (m("app rss"), m("bare rss"), None),
    }
    if not quiet:
        print(
            f"App in Chromium, {data.name}: matrix of {rows} actors x {cols} issues, "
            f"{height} px tall (the floor's chart as tall)"
        )
        print(f"  {'':40} {'app':>9} {'floor':>9} {'ratio':>7}  target")
        for name, (value, floor, target) in figures.items():
            ratio = value / floor if floor else float("nan")
            verdict = ""
            if target is not None:
                verdict = f"<= {target}x  {'met' if ratio <= target else 'NOT MET'}"
            print(f"  {name:40} {value:9.1f} {floor:9.1f} {ratio:6.2f}x  {verdict}")
        print(f"  (medians; floor: a bare Streamlit app with one {rows}x{cols} plotly chart)")
    return figures


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=UNGA, help="data directory (UN data)")
    parser.add_argument("--repeat", type=int, default=5, help="samples of each figure")
    args = parser.parse_args(argv)
    started = dt.datetime.now()
    data = args.data.resolve()
    run(data, args.repeat, new_view=1.5 if data == UNGA.resolve() else None)
    print(f"  ({(dt.datetime.now() - started).total_seconds():.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
