"""Where the test data lives."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A copy of ../shared/data/unga-ukraine (193 UN member states' recorded votes on six General
# Assembly resolutions on Ukraine), kept in the repository so that CI needs nothing outside it.
UNGA = REPO / "tests" / "fixtures" / "unga-ukraine"
# A small data set made for the app tests (tests/fixtures/app).
APP = REPO / "tests" / "fixtures" / "app"
