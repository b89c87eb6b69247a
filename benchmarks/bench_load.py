"""Many users (benchmarks/load.py): 1, 10 and 30 simultaneous websocket sessions (protocol
clients) opening the matrix and switching pages on the UN data, on one server and on two
replicas behind HAProxy.
Latency is against one session alone on one server; memory against one session's server."""

from __future__ import annotations

import statistics

from benchmarks import load
from benchmarks.timing import Context, Figure

TITLE = "many users on the UN data (floor: one session alone on one server)"
SESSIONS = (1, 10, 30)


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
            if n > 1:  # a copy of the data per session would add at least the data's memory
                per = max(0.0, r.rss_peak - r.rss_start) / n
                out.append(
                    Figure(
                        f"{where}, {n} sessions: RSS per session",
                        per,
                        data_mb,
                        target=1.0,
                        floor_name="data set",
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
    return out
