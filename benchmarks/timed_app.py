"""Run a Streamlit script with every script run timed, whole runs and fragment runs alike:
the server time of a rerun for benchmarks/app_bench.py. Each run appends a line
``<seconds> <app|fragment>`` to the file named by ``BENCH_RUNS``.

    BENCH_TARGET=dashboard.py BENCH_RUNS=/tmp/runs.txt streamlit run benchmarks/timed_app.py

The timer wraps Streamlit's ScriptRunner._run_script from the first run on, so the first run
itself is not timed.
"""

import os
import runpy
import time
from pathlib import Path

from streamlit.runtime.scriptrunner import script_runner

ROOT = Path(__file__).resolve().parent.parent
Runner = script_runner.ScriptRunner

if not getattr(Runner, "_bench_timed", False):
    untimed = Runner._run_script

    def _timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return untimed(self, rerun_data)
        finally:
            seconds = time.perf_counter() - start
            scope = "fragment" if rerun_data.fragment_id_queue else "app"
            with open(os.environ["BENCH_RUNS"], "a", encoding="utf-8") as out:
                out.write(f"{seconds:.4f} {scope}\n")

    Runner._run_script = _timed
    Runner._bench_timed = True

runpy.run_path(str(ROOT / os.environ["BENCH_TARGET"]), run_name="__main__")
