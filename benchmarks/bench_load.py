"""Many users (benchmarks/load.py): 1, 10 and 30 simultaneous websocket sessions (protocol
clients) opening the matrix and switching pages on the UN data, on one server and on two
replicas behind HAProxy.
Latency is against one session alone on one server; peak memory against one session's server;
the memory each open session holds (sessions opened one after another and kept open, so that
the allocators' high-water marks from runs at once stay out of it) against the memory the
loaded data set takes."""

from __future__ import annotations

import statistics

from benchmarks import load
from benchmarks.timing import Context, Figure

TITLE = "many users on the UN data (floor: one session alone on one server)"
SESSIONS = (1, 10, 30)
HOLD = (10, 60)  # sessions open when the memory is read: each session from the 10th to the 60th


def run(ctx: Context) -> list[Figure]:
    if ctx.smoke:  # smoke-tested by tests/browser/test_load_smoke.py
        return []
    out: list[Figure] = []
    data_mb = load.data_mb(load.UNGA)
    setups = [1, 2] if load.haproxy_path() else [1]
    alone: load.Result | None = None
    for replicas in setups:
        where = "one server" if replicas == 1 else "2 replicas + HAProxy"
        for n in SESSIONS:
            r = load.run(n, rounds=1, data=load.UNGA, replicas=replicas)
            alone = alone or r
            base_switch = statistics.median(alone.switches) / 1000
            out.append(
                Figure(
                    f"{where}, {n} sessions: page switch",
                    statistics.median(r.switches) / 1000 if r.switches else float("inf"),
                    base_switch,
                    floor_name="alone",
                )
            )
            out.append(
                Figure(
                    f"{where}, {n} sessions: first matrix",
                    statistics.median(r.first) / 1000 if r.first else float("inf"),
                    statistics.median(alone.first) / 1000,
                    floor_name="alone",
                )
            )
            out.append(
                Figure(
                    f"{where}, {n} sessions: peak RSS",
                    r.rss_peak,
                    alone.rss_peak,
                    floor_name="alone",
                    unit="MB",
                )
            )
            if n > 1:  # reported only: the allocators' high-water marks of runs at once
                out.append(
                    Figure(
                        f"{where}, {n} sessions: RSS held, all open",
                        r.rss_held,
                        alone.rss_held,
                        floor_name="alone",
                        unit="MB",
                    )
                )
            out.append(
                Figure(
                    f"{where}, {n} sessions: errors",
                    len(r.errors) + (n - len(r.first)),
                    1,
                    target=0.0,
                    floor_name="",
                    unit="",
                )
            )
        # what an open session keeps: a copy of the data per session would add at least the
        # data set's own memory each
        fewer, more = HOLD
        h = load.hold(HOLD, load.UNGA, replicas=replicas)
        out.append(
            Figure(
                f"{where}, {fewer} -> {more} open one by one: RSS each",
                max(0.0, h.per_session(fewer, more)),
                data_mb,
                target=1.0,
                floor_name="data set",
                unit="MB",
            )
        )
        out.append(
            Figure(
                f"{where}, {more} open one by one: errors",
                len(h.errors) + sum(f != load.runs_per_session(1) for f in h.finished),
                1,
                target=0.0,
                floor_name="",
                unit="",
            )
        )
    return out
