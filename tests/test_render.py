"""No traceback when all went well: kaleido's browser driver (choreographer) logged one, after
the image was written, when the Chromium wrapper's goodbye reached it in two pieces (as it does
where PYTHONUNBUFFERED is set). Replayed here through choreographer's own pipe reader."""

from __future__ import annotations

import errno
import logging
import os
import types

import pytest

pipe_module = pytest.importorskip("choreographer.channels.pipe")

from standpoint.render import GOODBYE_FILTER, PIPE_LOGGER, quiet_goodbye  # noqa: E402


def read_then_closed(monkeypatch: pytest.MonkeyPatch, first: bytes) -> None:
    """choreographer reads ``first`` off the browser's pipe, then finds the pipe closed under
    it (the browser has gone and the driver shuts down): what the wrapper's split goodbye
    looks like to the reader."""
    reads = iter([first])

    def read(fd: int, n: int) -> bytes:
        for chunk in reads:
            return chunk
        raise OSError(errno.EBADF, "Bad file descriptor")

    fake_os = types.SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if not k[0] == "_"})
    fake_os.read = read
    monkeypatch.setattr(pipe_module, "os", fake_os)
    pipe = pipe_module.Pipe()
    pipe.open()
    try:
        assert pipe.read_jsons(blocking=True)[0] == []
    finally:
        monkeypatch.undo()
        pipe.close()


def pipe_errors(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == PIPE_LOGGER and r.levelno >= logging.ERROR]


def test_the_browser_wrappers_split_goodbye_prints_no_traceback(monkeypatch, caplog):
    logger = logging.getLogger(PIPE_LOGGER)
    logger.removeFilter(GOODBYE_FILTER)
    caplog.set_level(logging.ERROR)
    # as the driver reads it: a traceback for the goodbye, although nothing went wrong
    read_then_closed(monkeypatch, b"{bye}")
    (record,) = pipe_errors(caplog)
    assert "JSONError" in caplog.text and record.exc_info
    caplog.clear()
    # what a Renderer session installs: the goodbye is read in silence
    quiet_goodbye()
    quiet_goodbye()  # twice is once
    assert logger.filters.count(GOODBYE_FILTER) == 1
    read_then_closed(monkeypatch, b"{bye}")
    assert pipe_errors(caplog) == []
    assert "Traceback" not in caplog.text


def test_any_other_unreadable_message_is_still_reported(monkeypatch, caplog):
    quiet_goodbye()
    caplog.set_level(logging.ERROR)
    read_then_closed(monkeypatch, b'{"id": 3, "resu')
    assert len(pipe_errors(caplog)) == 1 and "JSONError" in caplog.text


def test_a_renderer_session_installs_the_filter(monkeypatch):
    from standpoint import render

    logger = logging.getLogger(PIPE_LOGGER)
    logger.removeFilter(GOODBYE_FILTER)
    monkeypatch.setattr(render, "browser", lambda: None)  # stops before starting a browser
    with pytest.raises(render.NoBrowser):
        render.Renderer().__enter__()
    assert GOODBYE_FILTER not in logger.filters
    monkeypatch.setattr(render, "browser", lambda: "/usr/bin/true")
    monkeypatch.setenv("BROWSER_PATH", "/usr/bin/true")  # the session sets it when unset
    started = []

    class Stop(Exception):
        pass

    def no_loop() -> None:
        started.append(True)
        raise Stop

    monkeypatch.setattr(render.asyncio, "new_event_loop", no_loop)
    with pytest.raises(Stop):
        render.Renderer().__enter__()
    assert started and GOODBYE_FILTER in logger.filters
