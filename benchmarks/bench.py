"""``make bench``: every performance figure, as a ratio against a floor measured in the same run.

    python benchmarks/bench.py [--repeat N] [--sections a,b] [--data DIR] [--smoke]

generates the seeded data set of issue 10 (300 actors x 40 issues x 4 positions: 48,000
positions, about 16 MB of YAML) in a temporary folder, then runs each section on it. A section
is a module ``benchmarks/bench_<name>.py`` with a ``TITLE`` and a ``run(ctx) -> list[Figure]``;
add one to :data:`SECTIONS` to add its figures. Each figure is printed with its target; the
exit code is 1 when a target is missed. Absolute seconds are printed for context only.

``--smoke`` runs every section once on a tiny data set and checks nothing but that it runs
(``make test`` does this; timings of a smoke run mean nothing).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the repository importable
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.timing import Context, Figure  # noqa: E402

SECTIONS = ["validate", "library", "quotes", "app", "load"]
FULL = {"actors": 300, "issues": 40, "positions": 4}
SMOKE = {"actors": 6, "issues": 3, "positions": 2}


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Standpoint's benchmarks (make bench)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement")
    parser.add_argument("--sections", default=",".join(SECTIONS), help="comma-separated")
    parser.add_argument("--data", type=Path, help="generate the data set here (kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--smoke", action="store_true", help="tiny data, one run, no targets")
    args = parser.parse_args(argv)
    sizes = SMOKE if args.smoke else FULL
    with tempfile.TemporaryDirectory(prefix="standpoint-bench-") as tmp:
        data = args.data or Path(tmp) / "data"
        summary = generate(data, seed=args.seed, **sizes)
        print(f"machine: {machine()}")
        print(
            f"data: {summary.actors} actors x {summary.issues} issues x {sizes['positions']} "
            f"positions = {summary.positions:,} positions, {summary.files} files, "
            f"{summary.bytes / 1e6:.1f} MB of YAML (seed {args.seed})"
        )
        ctx = Context(
            data=data, tmp=Path(tmp), repeat=1 if args.smoke else args.repeat, smoke=args.smoke
        )
        figures: list[Figure] = []
        for name in [s for s in args.sections.split(",") if s]:
            section = importlib.import_module(f"benchmarks.bench_{name}")
            print(f"\n{section.TITLE}")
            for figure in section.run(ctx):
                print(figure.line(), flush=True)
                figures.append(figure)
    missed = [f for f in figures if not f.met]
    if args.smoke:
        print(f"\nsmoke run: {len(figures)} figures measured (timings of a smoke run mean nothing)")
        return 0
    targeted = [f for f in figures if f.target is not None]
    print(f"\n{len(targeted) - len(missed)} of {len(targeted)} figures with a target meet it")
    for f in missed:
        print(f"MISSED: {f.name}: {f.ratio:.2f}x, target {f.target:.2f}x")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
