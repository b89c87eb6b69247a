"""Benchmarks: each timing printed as a ratio against a floor measured in the same run.

The floor is the cheapest thing that must happen anyway: parsing the same YAML files with
libyaml's CSafeLoader (``yaml.load``), with no validation. Ratios are comparable across
machines; absolute seconds are printed for context only.

    python benchmarks/bench.py [DATA_DIR ...]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import yaml

from standpoint import load
from standpoint.queries import matrix_as_of

ROOT = Path(__file__).resolve().parent.parent
DEFAULTS = [ROOT, ROOT / "tests" / "fixtures" / "unga-ukraine"]


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def floor(root: Path) -> float:
    files = [*sorted((root / "stances").rglob("*.yaml")), root / "seeds" / "sources.yaml"]
    texts = [f.read_text(encoding="utf-8") for f in files if f.is_file()]

    def parse() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)  # the safe C loader

    return best(parse)


def main(argv: list[str]) -> None:
    roots = [Path(a) for a in argv] or [d for d in DEFAULTS if d.is_dir()]
    for root in roots:
        ds = load(root)
        base = floor(root)
        t_load = best(lambda r=root: load(r))
        as_of = dt.date(2025, 12, 31)
        t_matrix = best(lambda d=ds, a=as_of: matrix_as_of(d, a))
        print(f"{root.name or root}: {len(ds.files)} files, {len(ds.positions)} positions")
        print(f"  floor (CSafeLoader yaml.load, no checks): {base * 1000:8.1f} ms  = 1.0")
        print(
            f"  load + validate:                          {t_load * 1000:8.1f} ms  = "
            f"{t_load / base:.1f}x floor"
        )
        print(
            f"  matrix as of {as_of}:                  {t_matrix * 1000:8.1f} ms  = "
            f"{t_matrix / base:.2f}x floor"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
