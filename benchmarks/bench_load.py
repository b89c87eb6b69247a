"""Many users (benchmarks/load.py): 1, 10 and 30 simultaneous websocket sessions (protocol
clients) opening the matrix and switching pages on the UN data, on one server and on two
replicas behind HAProxy.
Latency is against one session alone on one server; peak memory against one session's server;
the memory each added session holds against the memory the loaded data set takes."""

from __future__ import annotations

import statistics

from benchmarks import load
from benchmarks.timing import Context, Figure

TITLE = "many users on the UN data (floor: one session alone on one server)"
SESSIONS = (1, 10, 30)


def held(r: load.Result) -> float:
    """MB the server(s) held with every session open after its pages, over the start."""
    return r.rss_held - r.rss_start


def run(ctx: Context) -> list[Figure]:
    if ctx.smoke:  # smoke-tested by tests/browser/test_load_smoke.py
        return []
    out: list[Figure] = []
    data_mb = load.data_mb(load.UNGA)
    setups = [1, 2] if load.haproxy_path() else [1]
    alone: load.Result | None = None
    for replicas in setups:
        where = "one server" if replicas == 1 else "2 replicas + HAProxy"
        before: load.Result | None = None
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
            if n > 1 and before is not None:
                # memory each session adds while open, from the fewer sessions to these: a copy
                # of the data per session would add at least the data set's own memory
                per = (held(r) - held(before)) / (n - before.sessions)
                out.append(
                    Figure(
                        f"{where}, {before.sessions} -> {n} sessions: RSS per added session",
                        max(0.0, per),
                        data_mb,
                        target=1.0,
                        floor_name="data set",
                        unit="MB",
                    )
                )
            before = r if n > 1 else None
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
    return out
