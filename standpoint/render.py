"""Static images of figures (PNG, SVG, PDF) through kaleido and a Chromium browser.

Images are made only when asked for: a browser starts for each :class:`Renderer` session (one
for a whole deck) and draws offline: plotly.js from the plotly package, the world outlines
from the bundled asset, no MathJax. Where no Chromium is found, :func:`browser` is None and
:data:`NO_BROWSER` says how to install one; tables (CSV, JSON) need no browser.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
from types import TracebackType

import plotly.graph_objects as go

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_BROWSER = (
    "Images (PNG, SVG, PDF) need the Chromium browser, which was not found. Install it, e.g. "
    "`sudo apt-get install chromium` on Debian or Ubuntu, or set BROWSER_PATH to a Chrome or "
    "Chromium; CSV and JSON work without it."
)


class NoBrowser(RuntimeError):
    """No Chromium to draw images with."""


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
        self._kaleido = None

    def __enter__(self) -> Renderer:
        path = browser()
        if path is None:
            raise NoBrowser(NO_BROWSER)
        import kaleido

        from .figures.maps import world_assets

        os.environ.setdefault("BROWSER_PATH", path)
        self._topojson = world_assets()[0]
        self._loop = asyncio.new_event_loop()
        self._kaleido = kaleido.Kaleido(n=1, mathjax=False)
        self._loop.run_until_complete(self._kaleido.__aenter__())
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._loop is None:
            return
        try:
            self._loop.run_until_complete(self._kaleido.__aexit__(kind, exc, tb))
        finally:
            self._loop.close()
            self._loop = None

    def image(self, fig: go.Figure, fmt: str) -> bytes:
        """``fig`` as ``png``, ``svg`` or ``pdf`` at its own width and height."""
        assert self._loop is not None and self._kaleido is not None, "use in a with block"
        width = int(fig.layout.width or 1200)
        height = int(fig.layout.height or 800)
        opts = {"format": fmt, "width": width, "height": height, "scale": 1}
        data = self._loop.run_until_complete(
            self._kaleido.calc_fig(fig, opts=opts, topojson=self._topojson)
        )
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
