"""``make bench`` as a smoke test: every section runs on a tiny generated data set (not timed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_bench_smoke_runs_every_section(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--smoke"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "bare parse (the floor)" in out
    for figure in ("validate, cold", "validate, warm", "one positions file edited"):
        assert figure in out
    assert "smoke run:" in out
