"""Many users at once: real websocket sessions open the dashboard and switch pages together.

    python benchmarks/load.py [--sessions 1,10,30] [--rounds 1] [--data DIR] [--replicas 2]
                              [--browsers K] [--one-by-one FEWER,MORE]

Two kinds of session, both real websocket sessions of the server:

- a *protocol client* (the default) speaks Streamlit's own websocket protocol, as the page's
  JavaScript does: an HTTP GET of the page (which, behind HAProxy, sets the replica cookie)
  and of ``/_stcore/health`` (which sets the XSRF cookie), then the ``/_stcore/stream``
  websocket carrying those cookies, a ``rerun_script`` BackMsg for the page and its URL path,
  and ForwardMsgs back until the script run's ``script_finished``. Switching pages is another
  ``rerun_script`` with the page's hash from the ``navigation`` message. It draws nothing and
  fetches none of the page's static files (which browsers cache), so thirty of them in one
  process measure the server, not the client;
- ``--browsers K`` makes K of the sessions real browsers instead (Playwright pages in
  Debian's Chromium, each in its own context, so its own cookies and websocket), which also
  draw every chart: on the machine of the server they load its cores too.

For each number of sessions it starts a fresh server on 127.0.0.1 (or, with ``--replicas 2``,
two servers behind HAProxy with deploy/haproxy.cfg), opens that many sessions at once, and
has each open the Matrix, then visit Actor, Issue and Compare and come back to the Matrix,
``--rounds`` times. It prints the page latency (protocol client: the request to its script
run's end with every message received; browser: a click in the navigation to the page's
heading shown and its script run finished; the first view to the matrix drawn), the errors
(an exception element in a page, a script that did not finish, browser errors, timeouts),
the server memory (RSS) before and at its peak, and how the sessions spread over the
replicas. Bounded: every wait has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, ROOT, Server, free_port, healthy, rss_mb

UNGA = ROOT / "tests" / "fixtures" / "unga-ukraine"
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
TOUR = ["Actor", "Issue", "Compare", "Matrix"]  # the pages a session visits in each round
HEADINGS = {"Matrix": "Stance matrix", "Actor": "Actor", "Issue": "Issue", "Compare": "Compare"}
URL_PATHS = {"Matrix": "matrix", "Actor": "actor", "Issue": "issue", "Compare": "compare"}
REPLICA_COOKIE = "STANDPOINT_REPLICA"  # deploy/haproxy.cfg
EXCEPTION = '[data-testid="stException"]'
IDLE = """() => { const s = document.querySelector('[data-testid="stStatusWidget"]');
                  return !s || !/running/i.test(s.innerText); }"""
MATRIX_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')]
                  .some(g => g._fullLayout && g.data && g.data[0] && g.data[0].name === 'cells')"""
TIMEOUT_MS = 600_000  # bounded: a session that takes longer counts as an error


@dataclass
class Result:
    sessions: int
    first: list[float] = field(default_factory=list)  # protocol clients: ms to the first matrix
    switches: list[float] = field(default_factory=list)  # protocol clients: ms per page switch
    pages: dict[str, list[float]] = field(default_factory=dict)  # the same, by page opened
    browser_first: list[float] = field(default_factory=list)  # browsers: ms to the matrix drawn
    browser_switches: list[float] = field(default_factory=list)  # browsers: ms per page switch
    finished: list[int] = field(default_factory=list)  # script runs finished, one per session
    received: int = 0  # bytes of ForwardMsgs the protocol clients received
    errors: list[str] = field(default_factory=list)
    rss_start: float = 0.0
    rss_peak: float = 0.0
    rss_held: float = 0.0  # every protocol session still open, each after its last page
    rss_replicas: list[tuple[float, float]] = field(default_factory=list)  # start, peak each
    replicas: dict[str, int] = field(default_factory=dict)  # replica cookie -> sessions
    seconds: float = 0.0


class Peak:
    """Sample the RSS of some processes in a thread, keeping each one's peak and the peak of
    their sum."""

    def __init__(self, pids: list[int]) -> None:
        self.pids, self.peak, self._stop = pids, 0.0, threading.Event()
        self.each = [0.0] * len(pids)
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                now = [rss_mb(p) for p in self.pids]
            except OSError:
                now = []
            if now:
                self.each = [max(a, b) for a, b in zip(self.each, now, strict=True)]
                self.peak = max(self.peak, sum(now))
            self._stop.wait(0.2)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# -- the protocol client ------------------------------------------------------------------------
async def http_get(url: str, cookies: dict[str, str], timeout: float) -> int:
    """GET ``url`` as a browser would (HTTP/1.1, the cookies it holds), keep the cookies the
    response sets in ``cookies``, and return the status."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        lines = [
            f"GET {parts.path or '/'} HTTP/1.1",
            f"Host: {parts.netloc}",
            "Accept: text/html,*/*",
            "Connection: close",
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)  # until the server closes
    finally:
        writer.close()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    for line in head[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            jar: SimpleCookie = SimpleCookie()
            jar.load(value.strip())
            cookies.update({k: m.value for k, m in jar.items()})
    return status


class Protocol:
    """One session of the dashboard spoken in Streamlit's websocket protocol (protobuf
    ``BackMsg`` up, ``ForwardMsg`` down, on ``/_stcore/stream``), the way the page's own
    JavaScript speaks it; ``errors`` gathers what a reader would have seen go wrong."""

    def __init__(self, url: str, timeout: float, errors: list[str]) -> None:
        self.url, self.timeout, self.errors = url.rstrip("/"), timeout, errors
        self.cookies: dict[str, str] = {}
        self.pages: dict[str, str] = {}  # URL path -> page script hash (the navigation message)
        self.cached: set[str] = set()  # hashes of cacheable messages held, told on each rerun
        self.received = 0
        self.finished = 0
        self.ws = None

    async def open(self, path: str) -> float:
        """Load the page at ``path`` as a new browser tab: its HTML, the health check, then
        the websocket and the page's first script run. Returns ms to that run's end."""
        import websockets

        start = time.perf_counter()
        status = await http_get(f"{self.url}/{path}", self.cookies, self.timeout)
        if status != 200:
            raise RuntimeError(f"GET /{path} answered {status}")
        await http_get(f"{self.url}/_stcore/health", self.cookies, self.timeout)
        subprotocols = ["streamlit"]
        if "_streamlit_xsrf" in self.cookies:  # the page passes its XSRF token this way
            subprotocols.append(self.cookies["_streamlit_xsrf"])
        ws_url = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=subprotocols,  # type: ignore[arg-type]
            additional_headers={
                "Origin": self.url,
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            },
            max_size=None,  # a page's chart arrives as one message of a few MB
            ping_interval=None,  # browsers send no pings
            open_timeout=self.timeout,
        )
        # behind HAProxy: a cookie that reached its replica is not set again
        again = self.ws.response.headers.get_all("Set-Cookie")
        if any(c.startswith(REPLICA_COOKIE + "=") for c in again):
            self.errors.append("the websocket lost its replica cookie (HAProxy chose again)")
        await self.rerun(page_name=path)
        return (time.perf_counter() - start) * 1000

    async def switch(self, path: str) -> float:
        """Open another page as the navigation does (its script hash). Returns ms."""
        start = time.perf_counter()
        await self.rerun(page_script_hash=self.pages[path])
        return (time.perf_counter() - start) * 1000

    async def rerun(self, page_name: str = "", page_script_hash: str = "") -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_name = page_name
        state.page_script_hash = page_script_hash
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        state.context_info.url = f"{self.url}/{page_name}"
        await self.ws.send(msg.SerializeToString())
        await asyncio.wait_for(self._until_finished(page_name or page_script_hash), self.timeout)

    async def _until_finished(self, page: str) -> None:
        """Read ForwardMsgs until the script run ends (a run stopped early for another, as
        ``st.switch_page`` does, is followed by that run)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        while True:
            data = await self.ws.recv()
            self.received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cached.add(msg.hash)
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                if element.WhichOneof("type") == "exception":
                    e = element.exception
                    self.errors.append(f"an exception on {page}: {e.type}: {e.message[:120]}")
            elif kind == "page_not_found":
                self.errors.append(f"page not found: {page}")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.finished += 1
                    return
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.errors.append(f"the script of {page} did not compile")
                    return

    def is_open(self) -> bool:
        from websockets.protocol import State

        return self.ws is not None and self.ws.state is State.OPEN

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def runs_per_session(rounds: int) -> int:
    """The script runs of a session: the Matrix, then ``rounds`` tours of the pages."""
    return 1 + rounds * len(TOUR)


async def visit(client: Protocol, rounds: int, result: Result) -> None:
    """A reader's pages in one tab: the Matrix, then ``rounds`` tours of pages, timed into
    ``result`` with the runs finished, the bytes received and the replica reached; the tab
    stays open."""
    try:
        result.first.append(await client.open(URL_PATHS["Matrix"]))
        for _ in range(rounds):
            for name in TOUR:
                ms = await client.switch(URL_PATHS[name])
                result.switches.append(ms)
                result.pages.setdefault(name, []).append(ms)
        if REPLICA_COOKIE in client.cookies:
            replica = client.cookies[REPLICA_COOKIE]
            result.replicas[replica] = result.replicas.get(replica, 0) + 1
    except Exception as exc:  # a timeout or a closed socket: counted, never fatal to the run
        result.errors.append(f"{type(exc).__name__}: {str(exc)[:160]}")
    finally:
        result.finished.append(client.finished)
        result.received += client.received


async def protocol_session(
    url: str, rounds: int, result: Result, together: asyncio.Barrier | None = None
) -> None:
    """One reader's tab, spoken in the protocol (:func:`visit`). With ``together``, the tab
    stays open until every other one has done its pages too."""
    client = Protocol(url, TIMEOUT_MS / 1000, result.errors)
    try:
        await visit(client, rounds, result)
    finally:
        if together is not None:
            await together.wait()
        with contextlib.suppress(Exception):  # already gone
            await client.close()


# -- a real browser -----------------------------------------------------------------------------
async def browser_session(browser, url: str, rounds: int, result: Result) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.on("pageerror", lambda e: result.errors.append(f"browser error: {e}"))
    try:
        start = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        await page.wait_for_function(MATRIX_DRAWN, timeout=TIMEOUT_MS, polling=100)
        result.browser_first.append((time.perf_counter() - start) * 1000)
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
                result.browser_switches.append((time.perf_counter() - start) * 1000)
                if await page.locator(EXCEPTION).count():
                    result.errors.append(f"an exception shown on {name}")
        for c in await context.cookies():
            if c["name"] == REPLICA_COOKIE:
                result.replicas[c["value"]] = result.replicas.get(c["value"], 0) + 1
    except Exception as exc:  # a timeout or a closed page: counted, never fatal to the run
        result.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
    finally:
        await context.close()


async def drive(
    url: str, n: int, rounds: int, result: Result, browsers: int = 0, pids: list[int] = ()
) -> None:
    """``n`` sessions at once, ``browsers`` of them real browsers, the rest protocol clients.
    When all the protocol clients have done their pages, and before any leaves, the summed
    RSS of ``pids`` is kept as ``result.rss_held``."""
    browsers = min(browsers, n)
    together = asyncio.Barrier(n - browsers + 1)
    sessions = [protocol_session(url, rounds, result, together) for _ in range(n - browsers)]

    async def held() -> None:
        await together.wait()
        result.rss_held = sum(rss_mb(p) for p in pids)

    sessions.append(held())
    if not browsers:
        await asyncio.gather(*sessions)
        return
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sessions += [browser_session(browser, url, rounds, result) for _ in range(browsers)]
        await asyncio.gather(*sessions)
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


@contextlib.contextmanager
def serving(data: Path, replicas: int = 1):
    """Fresh server(s) on ``data``, each already through every page once (``warm``); yields
    the URL to open (HAProxy's with two replicas) and the servers."""
    env = {"STANDPOINT_DATA": str(data)}
    servers = [Server("dashboard.py", env) for _ in range(replicas)]
    proxy = None
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
        yield url, servers
    finally:
        if proxy:
            proxy.stop()
        for s in servers:
            s.stop()


def run(n: int, rounds: int, data: Path, replicas: int = 1, browsers: int = 0) -> Result:
    """One measurement: fresh server(s), ``n`` sessions at once (``browsers`` of them real
    browsers)."""
    result = Result(sessions=n)
    with serving(data, replicas) as (url, servers):
        pids = [s.proc.pid for s in servers]
        starts = [rss_mb(p) for p in pids]
        result.rss_start = sum(starts)
        start = time.perf_counter()
        with Peak(pids) as peak:
            _run(drive(url, n, rounds, result, browsers, pids))
        result.seconds = time.perf_counter() - start
        result.rss_peak = max(peak.peak, result.rss_start)
        result.rss_replicas = [(a, max(a, b)) for a, b in zip(starts, peak.each, strict=True)]
        result.errors += died(servers)
    return result


def died(servers: list[Server]) -> list[str]:
    return ["a server died" for s in servers if s.proc.poll() is not None]


@dataclass
class Holding(Result):
    """The servers' memory as sessions opened one after another stay open (``rss_start``:
    every server warmed, no session open), with their pages as :class:`Result` has them."""

    rss: dict[int, float] = field(default_factory=dict)  # sessions open -> MB of the servers
    open: dict[int, int] = field(default_factory=dict)  # the same mark -> websockets open then

    def per_session(self, fewer: int, more: int) -> float:
        """MB each session from the ``fewer``-th to the ``more``-th added and kept."""
        return (self.rss[more] - self.rss[fewer]) / (more - fewer)


SETTLE = 1.0  # seconds between a session's last page and reading the memory


async def one_by_one(url: str, marks: set[int], pids: list[int], holding: Holding) -> None:
    """Open sessions one after another, each doing the Matrix and one tour of the pages and
    then staying open; when ``m`` in ``marks`` are open, keep the servers' RSS."""
    clients: list[Protocol] = []
    try:
        for i in range(1, max(marks) + 1):
            client = Protocol(url, TIMEOUT_MS / 1000, holding.errors)
            clients.append(client)
            await visit(client, 1, holding)
            if i in marks:
                await asyncio.sleep(SETTLE)  # the session's last run and its thread are done
                holding.rss[i] = sum(rss_mb(p) for p in pids)
                holding.open[i] = sum(c.is_open() for c in clients)
    finally:
        for client in clients:
            with contextlib.suppress(Exception):  # already gone
                await client.close()


def hold(marks: Sequence[int], data: Path, replicas: int = 1) -> Holding:
    """What an open session keeps in the servers' memory: sessions opened one after another
    (never two script runs at once, so the allocator's high-water mark from runs at once,
    which ``run`` measures as its peak, stays out of it), each kept open after its pages."""
    holding = Holding(sessions=max(marks))
    with serving(data, replicas) as (url, servers):
        pids = [s.proc.pid for s in servers]
        holding.rss_start = sum(rss_mb(p) for p in pids)
        _run(one_by_one(url, set(marks), pids, holding))
        holding.errors += died(servers)
    return holding


def warm(url: str) -> None:
    """One session that opens the matrix and visits every page once, so the server has read
    the data and imported and drawn what each page needs, as a running server would have."""
    result = Result(sessions=1)
    _run(drive(url, 1, 1, result))
    if result.errors or result.finished != [runs_per_session(1)]:
        raise RuntimeError(f"the server at {url} did not serve the matrix: {result.errors}")


def data_mb(data: Path) -> float:
    """Memory a loaded data set holds: the Python allocations made by loading it and still
    alive (tracemalloc, in a process of its own, without the cache)."""
    code = (
        "import sys, tracemalloc; import standpoint, standpoint.queries; "
        "tracemalloc.start(); ds = standpoint.load(sys.argv[1], cache=False); "
        "print(tracemalloc.get_traced_memory()[0] / 2**20)"
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


def _latency(first: list[float], switches: list[float]) -> str:
    return (
        f"first matrix median {statistics.median(first or [0]):6.0f} ms"
        f" p90 {quantile(first, 0.9):6.0f} ms, page switch median"
        f" {statistics.median(switches or [0]):6.0f} ms p90 {quantile(switches, 0.9):6.0f} ms"
        f" ({len(switches)} switches)"
    )


def report(r: Result, replicas: int) -> str:
    runs = sum(r.finished)
    rate = runs / r.seconds if r.seconds else 0.0
    lines = [f"{r.sessions:3d} sessions ({r.seconds:.0f} s, {rate:.1f} script runs a second):"]
    if r.first or r.switches:
        lines.append(f"protocol clients {len(r.first)}: {_latency(r.first, r.switches)}")
        if r.pages:
            lines.append(
                "page switch median by page: "
                + ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in r.pages.items())
            )
    if r.browser_first or r.browser_switches:
        lines.append(
            f"browsers {len(r.browser_first)}: {_latency(r.browser_first, r.browser_switches)}"
        )
    growth = max(0.0, r.rss_peak - r.rss_start)
    memory = (
        f"RSS {r.rss_start:.0f} MB -> peak {r.rss_peak:.0f} MB"
        f" (+{growth / r.sessions:.1f} MB a session)"
    )
    if r.rss_held:
        held = max(0.0, r.rss_held - r.rss_start) / max(1, len(r.finished))
        memory += f", {r.rss_held:.0f} MB with every session open (+{held:.1f} MB each)"
    if replicas > 1:
        memory += " [" + ", ".join(f"{a:.0f} -> {b:.0f}" for a, b in r.rss_replicas) + " MB]"
    lines.append(memory)
    if r.received:
        lines.append(f"received {r.received / 1e6:.1f} MB of messages")
    lines.append(f"errors {len(r.errors)}")
    if replicas > 1:
        lines.append(
            "sessions per replica " + ", ".join(f"{k}: {v}" for k, v in sorted(r.replicas.items()))
        )
    return "\n    ".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,10,30", help="comma-separated session counts")
    parser.add_argument("--rounds", type=int, default=1, help="tours of the pages per session")
    parser.add_argument("--data", type=Path, default=UNGA, help="data directory (UN data)")
    parser.add_argument("--replicas", type=int, choices=(1, 2), default=1)
    parser.add_argument(
        "--browsers", type=int, default=0, help="how many sessions are real Chromium pages"
    )
    parser.add_argument(
        "--one-by-one",
        metavar="FEWER,MORE",
        help="also open MORE sessions one after another, kept open, and print the memory each"
        " session from the FEWER-th on holds",
    )
    args = parser.parse_args(argv)
    if args.browsers and not Path(CHROMIUM).exists():
        raise SystemExit("Debian's Chromium is missing: apt-get install chromium (make chromium)")
    where = "two replicas behind HAProxy" if args.replicas > 1 else "one server"
    print(f"Load on {where}, {args.data.resolve().name} data, {args.rounds} round(s) of pages")
    print(f"(the data set takes {data_mb(args.data.resolve()):.1f} MB in memory when loaded)")
    print(f"load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    failed = False
    for n in (int(x) for x in args.sessions.split(",")):
        r = run(n, args.rounds, args.data.resolve(), args.replicas, args.browsers)
        print("  " + report(r, args.replicas), flush=True)
        print(f"    load average {os.getloadavg()[0]:.2f} after", flush=True)
        for e in sorted(set(r.errors))[:5]:
            print(f"    error: {e}")
        runs = runs_per_session(args.rounds)
        finished = len(r.first) + len(r.browser_first)
        failed |= bool(r.errors) or finished != n
        failed |= any(f != runs for f in r.finished)
    if args.one_by_one:
        fewer, more = (int(x) for x in args.one_by_one.split(","))
        h = hold((fewer, more), args.data.resolve(), args.replicas)
        print(
            f"  {more} sessions opened one after another: RSS {h.rss_start:.0f} MB warm,"
            f" {h.rss[fewer]:.0f} MB with {fewer} open, {h.rss[more]:.0f} MB with {more} open:"
            f" {h.per_session(fewer, more):.2f} MB a session; errors {len(h.errors)}",
            flush=True,
        )
        failed |= bool(h.errors) or any(f != runs_per_session(1) for f in h.finished)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
