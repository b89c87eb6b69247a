"""A real Streamlit server per data directory and a real Chromium (Debian's, never a download).

The servers start once per test session, in parallel, and stop at its end. Screenshots go to
test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.serve import CHROMIUM, CHROMIUM_ARGS, free_port, healthy, streamlit_command
from tests.paths import APP

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
DATA = {
    "app": APP,
    "shipped": ROOT,
    "unga": ROOT / "tests" / "fixtures" / "unga-ukraine",
}


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, str]]:
    """Base URL of a dashboard server for each data directory that exists."""
    ARTIFACTS.mkdir(exist_ok=True)
    procs: dict[str, tuple[subprocess.Popen, str]] = {}
    for name, data in DATA.items():
        if not data.is_dir():
            continue
        port = free_port()
        env = {**os.environ, "STANDPOINT_DATA": str(data)}
        log = (ARTIFACTS / f"server-{name}.log").open("w")
        proc = subprocess.Popen(
            streamlit_command("dashboard.py", port),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        procs[name] = (proc, f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        for name, (proc, url) in procs.items():
            while not healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the {name} server did not start; see test-artifacts/")
                time.sleep(0.3)
        yield {name: url for name, (_, url) in procs.items()}
    finally:
        for proc, _ in procs.values():
            proc.terminate()
        for proc, _ in procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is missing: apt-get install chromium (make chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    """A tall desktop window: what is below the fold is on screen too."""
    yield from _page(browser, 1400, 2400)


@pytest.fixture
def narrow(browser):
    """An 800 px wide window, as on a small laptop or a tablet."""
    yield from _page(browser, 800, 2200)
