"""``validate`` as a user runs it, cold, warm and after editing one file, against the floor.

Every figure is a whole process (``python -m standpoint validate DATA_DIR``), so start-up and
imports count. The floor is ``benchmarks/floor.py``: a bare ``yaml.load`` with CSafeLoader of
the same files, also a whole process, measured in the same run, interleaved with the figures.

- cold: an empty cache (the run fills it);
- warm: nothing changed since the last run;
- one file edited: one positions file changed (a summary reworded) since the last run;
- ``--no-cache``: reported only, for comparison.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from benchmarks.timing import WALL, Context, Figure, fastest, interleave, run_process

TITLE = (
    "validate (whole processes, CPU seconds, then wall seconds; floor: bare CSafeLoader parse "
    "of the same files)"
)
TARGETS = {"cold": 1.3, "warm": 0.2, "edited": 0.3}


def _supports_cache(ctx: Context) -> bool:
    out = subprocess.run(
        [ctx.python, "-m", "standpoint", "validate", "--help"],
        capture_output=True,
        text=True,
        env=ctx.env,
        check=False,
    ).stdout
    return "--no-cache" in out


def run(ctx: Context) -> list[Figure]:
    cache = ctx.tmp / "validate-cache"
    env = {**ctx.env, "STANDPOINT_CACHE": str(cache)}
    validate = [ctx.python, "-m", "standpoint", "validate", str(ctx.data)]
    floor_cmd = [ctx.python, str(Path(__file__).with_name("floor.py")), str(ctx.data)]
    edited = _edit_target(ctx.data)
    original = edited.read_text(encoding="utf-8")
    times: dict[str, list[float]] = {"floor": [], "cold": [], "warm": [], "edited": []}
    walls: dict[str, list[float]] = {}
    no_cache = _supports_cache(ctx)
    if no_cache:
        times["no-cache"] = []
    flip = [0]

    def _timed(key: str, cpu: float) -> None:
        times[key].append(cpu)
        walls.setdefault(key, []).append(WALL[-1])

    def floor() -> None:
        _timed("floor", run_process(floor_cmd, ctx.env))

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        _timed("cold", run_process(validate, env))

    def warm() -> None:
        _timed("warm", run_process(validate, env))

    def edit() -> None:
        flip[0] += 1  # a different wording each time, so the cache never holds it
        edited.write_text(_reworded(original, flip[0]), encoding="utf-8")
        _timed("edited", run_process(validate, env))

    def uncached() -> None:
        _timed("no-cache", run_process([*validate, "--no-cache"], env))

    steps = [floor, cold, warm, edit]
    if no_cache:
        steps.append(uncached)
    try:
        interleave(1 if ctx.smoke else ctx.repeat, steps)
    finally:
        edited.write_text(original, encoding="utf-8")
    base = fastest(times["floor"])
    names = {
        "cold": "validate, cold (empty cache)",
        "warm": "validate, warm (nothing changed)",
        "edited": "validate, one positions file edited",
        "no-cache": "validate --no-cache",
    }
    figures = [Figure("bare parse (the floor)", base, base)]
    for key, name in names.items():
        if key in times:
            figures.append(Figure(name, fastest(times[key]), base, TARGETS.get(key)))
    # the same runs in wall time, what a user waits: on an idle machine the two agree; on a
    # busy one a process also waits for a core, and these figures tell how much
    wall_base = fastest(walls["floor"])
    figures.append(Figure("bare parse, wall time", wall_base, wall_base))
    for key, name in names.items():
        if key in walls:
            figures.append(
                Figure(f"{name}, wall", fastest(walls[key]), wall_base, TARGETS.get(key))
            )
    return figures


def _edit_target(root: Path) -> Path:
    special = {"issues.yaml", "actors.yaml", "events.yaml"}
    files = sorted(p for p in (root / "stances").glob("*.yaml") if p.name not in special)
    return files[len(files) // 2]


def _reworded(text: str, n: int) -> str:
    marker = "    summary: "
    at = text.index(marker) + len(marker)
    return f'{text[:at]}"Reworded for the benchmark, edit {n}." # was: {text[at:]}'
