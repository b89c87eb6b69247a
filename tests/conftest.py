"""Data sets shared by the tests, loaded once a session (tests only read them)."""

from __future__ import annotations

import pytest

from standpoint import load
from tests.paths import REPO, UNGA


@pytest.fixture(scope="session")
def shipped():
    """The shipped data of the repository."""
    return load(REPO)


@pytest.fixture(scope="session")
def unga():
    """The UN General Assembly votes: 193 states, six resolutions."""
    return load(UNGA)
