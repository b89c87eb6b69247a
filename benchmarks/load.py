"""Many users at once: real browser sessions (Playwright pages in Debian's Chromium, each in its
own context, so its own cookies and websocket) open the dashboard and switch pages together.

    python benchmarks/load.py [--sessions 1,10,30] [--rounds 2] [--data DIR] [--replicas 2]

For each number of sessions it starts a fresh server on 127.0.0.1 (or, with ``--replicas 2``,
two servers behind HAProxy with deploy/haproxy.cfg), opens that many sessions at once, and
has each open the Matrix, then visit Actor, Issue and Compare and come back to the Matrix,
``--rounds`` times. It prints the page latency (a click in the navigation to the page's
heading shown and its script run finished; the first view to the matrix drawn), the errors
(exceptions on a page, browser errors, timeouts), the server memory (RSS) before and at its
peak, and how the sessions spread over the replicas. Bounded: every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, ROOT, Server, free_port, healthy, rss_mb

UNGA = ROOT / "tests" / "fixtures" / "unga-ukraine"
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
TOUR = ["Actor", "Issue", "Compare", "Matrix"]  # the pages a session visits in each round
HEADINGS = {"Matrix": "Stance matrix", "Actor": "Actor", "Issue": "Issue", "Compare": "Compare"}
EXCEPTION = '[data-testid="stException"]'
IDLE = """() => { const s = document.querySelector('[data-testid="stStatusWidget"]');
                  return !s || !/running/i.test(s.innerText); }"""
MATRIX_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
                  .some(g => g._fullLayout && g.data && g.data[0] && g.data[0].name === 'cells')"""
TIMEOUT_MS = 600_000  # bounded: a session that takes longer counts as an error


@dataclass
class Result:
    sessions: int
    first: list[float] = field(default_factory=list)  # ms to the first matrix drawn
    switches: list[float] = field(default_factory=list)  # ms per page switch
    errors: list[str] = field(default_factory=list)
    rss_start: float = 0.0
    rss_peak: float = 0.0
    replicas: dict[str, int] = field(default_factory=dict)  # replica cookie -> sessions
    seconds: float = 0.0


class Peak:
    """Sample the summed RSS of some processes in a thread, keeping the peak."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak, self._stop = pids, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.peak = max(self.peak, sum(rss_mb(p) for p in self.pids))
            except OSError:
                pass
            self._stop.wait(0.2)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def session(browser, url: str, rounds: int, result: Result, cookie: str) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda e: result.errors.append(f"browser error: {e}"))
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await page.wait_for_function(MATRIX_DRAWN, timeout=TIMEOUT_MS, polling=100)
        result.first.append((time.perf_counter() - start) * 1000)
        await page.wait_for_function(IDLE, timeout=TIMEOUT_MS, polling=100)
        nav = page.locator('[data-testid="stSidebarNav"]')
        for _ in range(rounds):
            for name in TOUR:
                start = time.perf_counter()
                await nav.get_by_text(name, exact=True).click(timeout=TIMEOUT_MS)
                heading = page.get_by_role("heading", name=HEADINGS[name], exact=True)
                await heading.first.wait_for(timeout=TIMEOUT_MS)
                if name == "Matrix":
                    await page.wait_for_function(MATRIX_DRAWN, timeout=TIMEOUT_MS, polling=100)
                await page.wait_for_timeout(150)
                await page.wait_for_function(IDLE, timeout=TIMEOUT_MS, polling=100)
                result.switches.append((time.perf_counter() - start) * 1000)
                if await page.locator(EXCEPTION).count():
                    result.errors.append(f"an exception shown on {name}")
        for c in await context.cookies():
            if c["name"] == cookie:
                result.replicas[c["value"]] = result.replicas.get(c["value"], 0) + 1
    except Exception as exc:  # a timeout or a closed page: counted, never fatal to the run
        result.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


async def drive(url: str, n: int, rounds: int, result: Result, cookie: str) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(session(browser, url, rounds, result, cookie) for _ in range(n)))
        await browser.close()


def _run(coro) -> None:
    """Run the sessions' coroutine to its end in a thread of its own: the caller's thread may
    already run an event loop (a test process that drives Playwright's sync API)."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coro)
        except BaseException as exc:  # handed back to the caller
            failure.append(exc)

    t = threading.Thread(target=target, name="load-sessions")
    t.start()
    t.join()
    if failure:
        raise failure[0]


def haproxy_path() -> str | None:
    """Debian's HAProxy (in /usr/sbin, which may not be on a user's PATH), or None."""
    found = shutil.which("haproxy") or "/usr/sbin/haproxy"
    return found if Path(found).exists() else None


class HAProxy:
    """HAProxy with deploy/haproxy.cfg in front of the given replicas."""

    def __init__(self, replicas: list[Server]) -> None:
        haproxy = haproxy_path()
        if haproxy is None:
            raise SystemExit("HAProxy is missing: apt-get install haproxy")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "STANDPOINT_FRONT": f"127.0.0.1:{port}",
            "STANDPOINT_REPLICA1": f"127.0.0.1:{replicas[0].port}",
            "STANDPOINT_REPLICA2": f"127.0.0.1:{replicas[1].port}",
        }
        self.proc = subprocess.Popen(
            [haproxy, "-db", "-f", str(HAPROXY_CFG)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not healthy(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("HAProxy did not start")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def run(n: int, rounds: int, data: Path, replicas: int = 1) -> Result:
    """One measurement: fresh server(s), ``n`` sessions at once."""
    env = {"STANDPOINT_DATA": str(data)}
    servers = [Server("dashboard.py", env) for _ in range(replicas)]
    proxy = None
    result = Result(sessions=n)
    try:
        for s in servers:
            s.wait()
        url = servers[0].url
        if replicas > 1:
            proxy = HAProxy(servers)
            url = proxy.url
        # read the data once before the sessions come, as a running server would have
        for s in servers:
            warm(s.url)
        pids = [s.proc.pid for s in servers]
        result.rss_start = sum(rss_mb(p) for p in pids)
        start = time.perf_counter()
        with Peak(pids) as peak:
            _run(drive(url, n, rounds, result, "STANDPOINT_REPLICA"))
        result.seconds = time.perf_counter() - start
        result.rss_peak = max(peak.peak, result.rss_start)
        for s in servers:
            if s.proc.poll() is not None:
                result.errors.append("a server died")
    finally:
        if proxy:
            proxy.stop()
        for s in servers:
            s.stop()
    return result


def warm(url: str) -> None:
    """One session that opens the matrix, so the server has read the data."""
    result = Result(sessions=1)
    _run(drive(url, 1, 0, result, ""))
    if result.errors:
        raise RuntimeError(f"the server at {url} did not serve the matrix: {result.errors}")


def data_mb(data: Path) -> float:
    """Memory a loaded data set takes (RSS of a process after loading it, less before)."""
    code = (
        "import sys; from benchmarks.serve import rss_mb; import os; "
        "import standpoint, standpoint.queries; p = os.getpid(); before = rss_mb(p); "
        "ds = standpoint.load(sys.argv[1]); print(rss_mb(p) - before)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def report(r: Result, replicas: int) -> str:
    spread = ""
    if replicas > 1:
        spread = "  sessions per replica " + ", ".join(
            f"{k}: {v}" for k, v in sorted(r.replicas.items())
        )
    return (
        f"{r.sessions:3d} sessions: first matrix median {statistics.median(r.first or [0]):7.0f}"
        f" ms, page switch median {statistics.median(r.switches or [0]):6.0f} ms"
        f" p90 {quantile(r.switches, 0.9):6.0f} ms ({len(r.switches)} switches);"
        f" RSS {r.rss_start:.0f} MB -> peak {r.rss_peak:.0f} MB"
        f" ({max(0.0, r.rss_peak - r.rss_start) / r.sessions:.1f} MB a session);"
        f" errors {len(r.errors)}; {r.seconds:.0f} s{spread}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30", help="comma-separated session counts")
    parser.add_argument("--rounds", type=int, default=2, help="tours of the pages per session")
    parser.add_argument("--data", type=Path, default=UNGA, help="data directory (UN data)")
    parser.add_argument("--replicas", type=int, choices=(1, 2), default=1)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's Chromium is missing: apt-get install chromium (make chromium)")
    where = "two replicas behind HAProxy" if args.replicas > 1 else "one server"
    print(f"Load on {where}, {args.data.resolve().name} data, {args.rounds} round(s) of pages")
    print(f"(the data set takes {data_mb(args.data.resolve()):.1f} MB in memory when loaded)")
    failed = False
    for n in (int(x) for x in args.sessions.split(",")):
        r = run(n, args.rounds, args.data.resolve(), args.replicas)
        print("  " + report(r, args.replicas), flush=True)
        for e in sorted(set(r.errors))[:5]:
            print(f"    error: {e}")
        failed |= bool(r.errors) or len(r.first) != n
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
