"""The Change over time, Compare, Actor and Issue pages in a real browser: each draws its
chart (the world map's countries too, with no network) and shows no exception."""

from __future__ import annotations

import pytest

from .conftest import ARTIFACTS
from .helpers import EXCEPTION, PLOT, open_app

pytestmark = pytest.mark.browser

DATA = ["shipped", "unga"]


def _check(page, servers, data: str, path: str, drawn: str, shot: str) -> None:
    if data not in servers:
        pytest.skip(f"no {data} data directory here")
    open_app(page, f"{servers[data]}/{path}", with_plot=True)
    page.wait_for_selector(f"{PLOT} {drawn}", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / f"{data}-{shot}.png"), full_page=True)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("Page not found").count() == 0


@pytest.mark.parametrize("data", DATA)
def test_change_over_time_draws_lanes(servers, page, data):
    _check(page, servers, data, "change", ".barlayer .point", "change")
    assert page.get_by_text("who held which level, and when").count() >= 1
    assert page.locator(f"{PLOT} .barlayer .point").count() >= 2


@pytest.mark.parametrize("data", DATA)
def test_compare_draws_the_agreement_matrix(servers, page, data):
    _check(page, servers, data, "compare", ".heatmaplayer", "compare")
    assert page.get_by_text("How much do they agree?").count() >= 1
    assert page.get_by_text("In their own words").count() == 1


@pytest.mark.parametrize("data", DATA)
def test_actor_page_draws_its_timeline(servers, page, data):
    _check(page, servers, data, "actor", ".barlayer .point", "actor")
    assert page.get_by_text("levels on each issue over time").count() >= 1


@pytest.mark.parametrize("data", DATA)
def test_issue_page_draws_the_world_map(servers, page, data):
    _check(page, servers, data, "issue", ".choroplethlocation", "issue")
    # the countries come from the shipped outlines, not from a CDN
    assert page.locator(f"{PLOT} .choroplethlocation").count() >= 3
    assert page.get_by_text("where states stand").count() >= 1
