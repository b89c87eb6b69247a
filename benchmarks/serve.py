"""Start and stop real Streamlit servers for the benchmarks and the load script.

Each server is its own process on 127.0.0.1 with a free port; ``rss_mb`` reads its resident
memory from /proc (Linux).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.matrix import HEAD_KEY  # noqa: E402

# the page's first plot that is not a tall matrix's head (its title and column labels, a chart
# of their own kept over its rows): the matrix, on the matrix page
PLOT = f".js-plotly-plot:not(.st-key-{HEAD_KEY} *)"
HEAD_PLOT = f".st-key-{HEAD_KEY} .js-plotly-plot"  # a tall matrix's head


def page_js(script: str) -> str:
    """A script for the page, with ``$plot`` standing for the plot :data:`PLOT` finds and
    ``$head`` for a tall matrix's head (null without one)."""
    return script.replace("$plot", f"document.querySelector('{PLOT}')").replace(
        "$head", f"document.querySelector('{HEAD_PLOT}')"
    )


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # also the browser tests' (tests/browser/conftest.py)
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:  # noqa: S310 - http
            return r.status == 200
    except OSError:
        return False


def streamlit_command(script: str | Path, port: int) -> list[str]:
    """``streamlit run`` on 127.0.0.1:<port>, headless, no usage statistics, no file watcher
    (the servers of the benchmarks and of the browser tests)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


class Server:
    """``streamlit run <script>`` on 127.0.0.1:<port> with extra environment variables."""

    def __init__(
        self, script: str | Path, env: dict[str, str] | None = None, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(os.devnull, "w")
        self.proc = subprocess.Popen(
            streamlit_command(script, self.port),
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, timeout: float = 60) -> Server:
        deadline = time.monotonic() + timeout
        while not healthy(self.url):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the server for {self.proc.args[4]} did not start")
            time.sleep(0.2)
        return self

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()

    def __enter__(self) -> Server:
        return self.wait()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian's Chromium is missing: apt-get install chromium (make chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
