"""The load script (benchmarks/load.py) as a smoke test, not timed: a few sessions at once
speaking Streamlit's websocket protocol, and a real browser among them, on one server and on
two replicas behind HAProxy with sticky sessions."""

from __future__ import annotations

import pytest

from benchmarks import load
from benchmarks.serve import Server
from tests.paths import APP

pytestmark = pytest.mark.browser
RUNS = load.runs_per_session(1)  # the matrix, then one tour of the pages


def test_five_protocol_sessions_at_once_switch_pages_without_errors():
    r = load.run(5, rounds=1, data=APP)
    assert r.errors == []
    assert r.finished == [RUNS] * 5  # every session's every page ran to its end
    assert len(r.first) == 5 and len(r.switches) == 5 * len(load.TOUR)
    assert {page: len(ms) for page, ms in r.pages.items()} == {page: 5 for page in load.TOUR}
    assert r.received > 0
    assert r.rss_peak >= r.rss_start > 0


def test_sessions_opened_one_after_another_stay_open_while_the_memory_is_read():
    h = load.hold((1, 3), data=APP)
    assert h.errors == []
    assert h.finished == [RUNS] * 3  # each session's every page ran to its end
    assert h.open == {1: 1, 3: 3}  # every session opened so far was still open at each reading
    assert set(h.rss) == {1, 3} and h.rss_start > 0


def test_a_real_browser_alongside_protocol_sessions():
    r = load.run(3, rounds=1, data=APP, browsers=1)
    assert r.errors == []
    assert len(r.browser_first) == 1  # the browser drew the matrix
    assert len(r.browser_switches) == len(load.TOUR)
    assert r.finished == [RUNS] * 2


def test_the_protocol_client_tells_an_exception_on_a_page(tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("import streamlit as st\nst.title('Before')\nraise ValueError('no data')\n")
    errors: list[str] = []
    finished: list[int] = []

    async def visit(url: str) -> None:
        client = load.Protocol(url, 60, errors)
        await client.open("")
        finished.append(client.finished)
        await client.close()

    with Server(script) as server:
        load._run(visit(server.url))
    assert finished == [1]  # the run ended, with the exception shown
    assert len(errors) == 1 and "ValueError: no data" in errors[0]


@pytest.mark.skipif(not load.haproxy_path(), reason="HAProxy missing: apt-get install haproxy")
def test_two_replicas_behind_haproxy_keep_each_session_on_one_replica():
    r = load.run(4, rounds=1, data=APP, replicas=2)
    # no errors: among them, no websocket that HAProxy had to route again (lost its cookie)
    assert r.errors == []
    assert r.finished == [RUNS] * 4
    # every session got the replica cookie, and the sessions were spread over both replicas
    assert sum(r.replicas.values()) == 4
    assert set(r.replicas) == {"r1", "r2"}
