"""Docs that cannot go stale: the problem-code table is generated from the code (cog) and the
evidence examples of docs/maintainers.md come from the shipped data."""

from __future__ import annotations

import re
import subprocess
import sys

from standpoint import load
from standpoint.problems import ABOUT, CODES, WARNING_CODES, code_table
from tests.paths import REPO

FORMAT = REPO / "docs" / "format.md"
MAINTAINERS = REPO / "docs" / "maintainers.md"


def test_the_code_table_in_the_format_docs_is_what_the_code_generates():
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", str(FORMAT)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, "docs/format.md is stale: run make docs\n" + result.stdout
    assert code_table() in FORMAT.read_text(encoding="utf-8")


def test_every_code_has_a_description_and_a_severity():
    assert set(ABOUT) == set(CODES)
    table = code_table()
    for code in CODES:
        severity = "warning" if code in WARNING_CODES else "error"
        assert f"| `{code}` | {severity} |" in table


def test_the_evidence_examples_are_in_the_shipped_data():
    text = MAINTAINERS.read_text(encoding="utf-8")
    examples = re.findall(r'^  For example, .+ \((\S+)\): (\S+), resting on "(.*)"$', text, re.M)
    assert len(examples) == 3
    ds = load(REPO, cache=False)
    for (path, stance, quote), level in zip(
        examples, ["stated", "reported", "inferred"], strict=True
    ):
        assert any(
            p.path == path
            and p.stance == stance
            and p.evidence == level
            and " ".join(p.citations[0].quote.split()) == quote
            for p in ds.positions
        ), (path, quote)
