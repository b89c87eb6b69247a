"""What every benchmark section shares: timing whole processes and printing figures.

A *figure* is a time divided by a *floor* measured in the same run (so that ratios compare
across machines and across a busy or an idle machine), with the target it should meet.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALL: list[float] = []  # the wall time of every process run, for context


@dataclass
class Context:
    """What a section gets: the generated data set and how hard to try."""

    data: Path  # the generated data directory
    tmp: Path  # a scratch folder, removed after the run
    repeat: int = 5  # runs of each measurement; the fastest counts
    smoke: bool = False  # a tiny data set, one run each: checks that everything runs
    python: str = sys.executable
    env: dict[str, str] = field(default_factory=lambda: dict(os.environ))


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``seconds / floor``, and the most it may be."""

    name: str
    seconds: float
    floor: float
    target: float | None = None  # the largest acceptable ratio (None: reported only)
    floor_name: str = "floor"
    unit: str = "s"  # what ``seconds`` counts, when a figure is not a time (kB, MB)

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor if self.floor else float("inf")

    @property
    def met(self) -> bool:
        return self.target is None or self.ratio <= self.target

    def value(self) -> str:
        if self.unit == "s":
            return f"{self.seconds:8.3f} s"
        return f"{self.seconds:8.1f} {self.unit}"

    def line(self) -> str:
        target = f"target <= {self.target:.2f}x" if self.target is not None else "(reported)"
        verdict = "" if self.target is None else ("  met" if self.met else "  MISSED")
        return (
            f"  {self.name:<54} {self.value()}  {self.ratio:6.2f}x {self.floor_name}"
            f"  {target}{verdict}"
        )


def best(fn: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` in-process runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(cmd: Sequence[str], env: dict[str, str] | None = None, ok=(0,)) -> float:
    """CPU time (user + system) of one whole process; fails loudly when it exits with another
    code. CPU time, not wall time: on a machine shared with other work a process waits for a
    core, and that wait is the machine's, not the program's. (``WALL`` keeps the wall times.)"""
    cpu = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    WALL.append(time.perf_counter() - start)
    seconds = _children_cpu() - cpu
    if result.returncode not in ok:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {result.returncode}:\n{result.stdout[-2000:]}"
            f"\n{result.stderr[-2000:]}"
        )
    return seconds


def fastest(times: Sequence[float]) -> float:
    """The figure of several runs: the fastest, the one least disturbed by other work."""
    return min(times)


def interleave(repeat: int, steps: Sequence[Callable[[], None]]) -> None:
    """Run ``steps`` in order, ``repeat`` times: floors and figures alternate, so that a busy
    moment of the machine weighs on both."""
    for _ in range(repeat):
        for step in steps:
            step()
