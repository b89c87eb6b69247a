"""Static images of figures (PNG, SVG, PDF) through kaleido and a Chromium browser.

Images are made only when asked for: a browser starts for each :class:`Renderer` session (one
for a whole deck) and draws offline: plotly.js from the plotly package, the world outlines
from the bundled asset, no MathJax. Where no Chromium is found, :func:`browser` is None and
:data:`NO_BROWSER` says how to install one; tables (CSV, JSON) need no browser.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import shutil
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any

import plotly.graph_objects as go

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_BROWSER = (
    "Images (PNG, SVG, PDF) need the Chromium browser, which was not found. Install it, e.g. "
    "`sudo apt-get install chromium` on Debian or Ubuntu, or set BROWSER_PATH to a Chrome or "
    "Chromium; CSV and JSON work without it."
)


class NoBrowser(RuntimeError):
    """No Chromium to draw images with."""


# choreographer (kaleido's browser driver) runs Chromium under a small Python wrapper that,
# once Chromium has exited, says goodbye on the browser's pipe with ``print("{bye}")``. Where
# PYTHONUNBUFFERED is set (Docker images, CI, IDEs) that print is two writes, "{bye}" and
# "\n"; when the reader catches the first alone it waits for the rest of a message, the pipe
# is closed under it, and it logs the 5 bytes as "JSONError decoding message. Ignoring" with a
# traceback, after the image was drawn and the browser had gone. That record is dropped; any
# other failure to read a message is still logged.
BYE = "{bye}"
PIPE_LOGGER = "choreographer.channels.pipe"


def _is_goodbye(record: logging.LogRecord) -> bool:
    """Whether ``record`` is choreographer's complaint about the wrapper's split goodbye."""
    exc = record.exc_info[1] if isinstance(record.exc_info, tuple) else None
    cause = getattr(exc, "__cause__", None)
    return type(exc).__name__ == "JSONError" and getattr(cause, "doc", "").strip() == BYE


class _NoGoodbyeNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _is_goodbye(record)


GOODBYE_FILTER = _NoGoodbyeNoise()


def quiet_goodbye() -> None:
    """Drop choreographer's traceback about the browser wrapper's goodbye (idempotent)."""
    logging.getLogger(PIPE_LOGGER).addFilter(GOODBYE_FILTER)


def browser() -> str | None:
    """The path of a Chromium (or Chrome) to draw with: ``BROWSER_PATH``, else the first of
    :data:`NAMES` on the PATH (Debian's is /usr/bin/chromium)."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        return given if os.path.isfile(given) and os.access(given, os.X_OK) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Renderer:
    """One browser session that draws any number of figures::

    with Renderer() as r:
        png = r.image(fig, "png")
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None

    def _run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run ``coro`` on the session's own loop, in its own thread: the caller's thread may
        already run an event loop (Streamlit, Playwright's sync API, notebooks)."""
        assert self._loop is not None, "use in a with block"
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def __enter__(self) -> Renderer:
        path = browser()
        if path is None:
            raise NoBrowser(NO_BROWSER)
        import kaleido

        from .figures.maps import world_assets

        os.environ.setdefault("BROWSER_PATH", path)
        quiet_goodbye()
        self._topojson = world_assets()[0]
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True)
        self._thread.start()

        async def start() -> Any:
            session = kaleido.Kaleido(n=1, mathjax=False)
            await session.__aenter__()
            return session

        try:
            self._kaleido = self._run(start())
        except BaseException:
            self._stop()
            raise
        return self

    def _stop(self) -> None:
        if self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=30)
        self._loop.close()
        self._loop, self._thread = None, None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._loop is None:
            return
        try:
            if self._kaleido is not None:
                self._run(self._kaleido.__aexit__(kind, exc, tb))
        finally:
            self._kaleido = None
            self._stop()

    def image(self, fig: go.Figure, fmt: str) -> bytes:
        """``fig`` as ``png``, ``svg`` or ``pdf`` at its own width and height."""
        assert self._loop is not None and self._kaleido is not None, "use in a with block"
        width = int(fig.layout.width or 1200)
        height = int(fig.layout.height or 800)
        opts = {"format": fmt, "width": width, "height": height, "scale": 1}
        data = self._run(self._kaleido.calc_fig(fig, opts=opts, topojson=self._topojson))
        return bytes(data)


def image(fig: go.Figure, fmt: str) -> bytes:
    """One figure as an image, in a browser session of its own."""
    with Renderer() as r:
        return r.image(fig, fmt)


def png_with_text(png: bytes, **text: str) -> bytes:
    """The PNG with text chunks added (iTXt, UTF-8), e.g. ``Description`` (alt text) and
    ``Comment`` (speaker note), which image viewers and slide tools can read."""
    from PIL import Image, PngImagePlugin

    with Image.open(io.BytesIO(png)) as im:
        info = PngImagePlugin.PngInfo()
        for key, value in text.items():
            info.add_itxt(key, value)
        out = io.BytesIO()
        im.save(out, format="PNG", pnginfo=info)
    return out.getvalue()
