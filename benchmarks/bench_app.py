"""The app in Chromium (benchmarks/app_bench.py) on the UN data (193 states) and on the
generated data set (300 actors x 40 issues, a page of rows at a time): every figure against a
bare Streamlit app with one plotly chart of the same size, served in the same run."""

from __future__ import annotations

from benchmarks import app_bench
from benchmarks.timing import Context, Figure

TITLE = "the app in Chromium (floor: a bare Streamlit app with one plotly chart, same size)"


def figures(label: str, measured: dict[str, tuple[float, float, float | None]]) -> list[Figure]:
    out = []
    for name, (value, floor, target) in measured.items():
        what, unit = name.rsplit(", ", 1)
        if unit == "ms":  # times in seconds, as every other figure
            value, floor, unit = value / 1000, floor / 1000, "s"
        out.append(
            Figure(f"{label}: {what}", value, floor, target, floor_name="bare app", unit=unit)
        )
    return out


def run(ctx: Context) -> list[Figure]:
    if ctx.smoke:  # Chromium is smoke-tested by tests/browser/test_load_smoke.py
        return []
    # the targets for clicks, filters and page switches are on the UN data; a view no
    # one has drawn of 300 actors (a page of 60 rows by 40 issues) is reported
    out = figures("UN data", app_bench.run(app_bench.UNGA, ctx.repeat, quiet=True))
    out += figures("300 actors", app_bench.run(ctx.data, ctx.repeat, quiet=True, new_view=None))
    return out
