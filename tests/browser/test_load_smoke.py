"""The load script (benchmarks/load.py) as a smoke test, not timed: a few real browser
sessions at once on one server, and on two replicas behind HAProxy with sticky sessions."""

from __future__ import annotations

import pytest

from benchmarks import load
from tests.paths import APP

pytestmark = pytest.mark.browser


def test_three_sessions_at_once_switch_pages_without_errors():
    r = load.run(3, rounds=1, data=APP)
    assert r.errors == []
    assert len(r.first) == 3  # every session drew the matrix
    assert len(r.switches) == 3 * len(load.TOUR)
    assert r.rss_peak >= r.rss_start > 0


@pytest.mark.skipif(not load.haproxy_path(), reason="HAProxy missing: apt-get install haproxy")
def test_two_replicas_behind_haproxy_keep_each_session_on_one_replica():
    r = load.run(4, rounds=1, data=APP, replicas=2)
    assert r.errors == []
    assert len(r.first) == 4
    # every session got the replica cookie, and the sessions were spread over both replicas
    assert sum(r.replicas.values()) == 4
    assert set(r.replicas) == {"r1", "r2"}
