"""Loading in-process, and the matrix query, on the shipped data and the UN data (small sets):
each against a bare CSafeLoader parse of the same files in the same process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from benchmarks.floor import yaml_files
from benchmarks.timing import ROOT, Context, Figure, best

TITLE = "in-process load and matrix, shipped and UN data (floor: bare parse in-process)"
DATA = [ROOT, ROOT / "tests" / "fixtures" / "unga-ukraine"]


def run(ctx: Context) -> list[Figure]:
    from standpoint import load
    from standpoint.queries import matrix_as_of

    figures = []
    for root in DATA:
        texts = [p.read_text(encoding="utf-8") for p in yaml_files(root)]

        def parse(texts: list[str] = texts) -> None:
            for text in texts:
                yaml.load(text, Loader=yaml.CSafeLoader)

        base = best(parse, ctx.repeat)
        ds = load(root)
        name = "shipped" if root == ROOT else Path(root).name
        figures.append(
            Figure(f"{name}: load + validate", best(lambda r=root: load(r), ctx.repeat), base)
        )
        as_of = dt.date(2025, 12, 31)
        figures.append(
            Figure(
                f"{name}: matrix as of {as_of}",
                best(lambda d=ds, a=as_of: matrix_as_of(d, a), ctx.repeat),
                base,
            )
        )
    return figures
