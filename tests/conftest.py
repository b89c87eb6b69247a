"""Data sets shared by the tests, loaded once a session (tests only read them)."""

from __future__ import annotations

import os
import tempfile

import pytest

from standpoint import load
from tests.paths import REPO, UNGA

# The loader's cache (on by default) goes to a folder of this test session, not into the
# fixtures' data directories; subprocesses inherit it.
os.environ["STANDPOINT_CACHE"] = tempfile.mkdtemp(prefix="standpoint-test-cache-")


@pytest.fixture(scope="session")
def shipped():
    """The shipped data of the repository."""
    return load(REPO)


@pytest.fixture(scope="session")
def unga():
    """The UN General Assembly votes: 193 states, six resolutions."""
    return load(UNGA)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """This test's own cache folder."""
    path = tmp_path / "cache"
    monkeypatch.setenv("STANDPOINT_CACHE", str(path))
    return path
