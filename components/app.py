"""The dashboard's shell: page setup, the data, the error banner and the navigation."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import streamlit as st
from streamlit.errors import StreamlitAPIException

from standpoint.words import plural

from . import actor, change, compare, controls, data, health, issue, matrix, room, sources

_PAGE = "_standpoint_page"


class PageSpec(NamedTuple):
    render: Callable[[], None]
    title: str
    url_path: str
    icon: str


# The pages, in navigation order; the first is the default. (st.Page objects can only be made
# inside a script run, so main() makes them from these.)
PAGES: list[PageSpec] = [
    PageSpec(matrix.render, "Matrix", "matrix", ":material/grid_on:"),
    PageSpec(change.render, "Change over time", "change", ":material/timeline:"),
    PageSpec(compare.render, "Compare", "compare", ":material/compare_arrows:"),
    PageSpec(actor.render, "Actor", "actor", ":material/person:"),
    PageSpec(issue.render, "Issue", "issue", ":material/help_center:"),
    PageSpec(sources.render, "Sources", "sources", ":material/menu_book:"),
    PageSpec(health.render, "Data health", "health", ":material/health_and_safety:"),
]


HOME = "home"  # the app's root URL: it opens the first page at its own name


def build_pages() -> list[st.Page]:
    """The pages of :data:`PAGES`, each at its name (``/matrix`` too), and a hidden default
    page that opens the first of them, keeping the query parameters of the link."""
    pages = [st.Page(p.render, title=p.title, url_path=p.url_path, icon=p.icon) for p in PAGES]

    def home() -> None:
        params = {k: st.query_params.get_all(k) for k in st.query_params}
        st.switch_page(pages[0], query_params=params)

    root = st.Page(home, title="Standpoint", url_path=HOME, default=True, visibility="hidden")
    return [*pages, root]


def banner(page: st.Page, health_page: st.Page) -> None:
    """Count the problems in the data and link to the page that lists them."""
    problems = data.dataset().problems
    if not problems:
        return
    files = len({p.path for p in problems})
    st.warning(
        f"The data has {plural(len(problems), 'problem')} in {plural(files, 'file')}. "
        "Records with problems are left out; everything valid is shown.",
        icon=":material/warning:",
    )
    if page.url_path != health_page.url_path:
        st.page_link(health_page, label="See every problem in Data health", icon="➡️")


def keep_date(page: st.Page) -> None:
    """Opening another page keeps the as-of date chosen on the page before, in its URL too
    (the navigation drops query parameters, so the page is opened again with it)."""
    state = st.session_state
    before = state.get(_PAGE)
    state[_PAGE] = page.url_path
    chosen = state.get(controls.CHOSEN_ASOF)
    if before in (None, page.url_path) or chosen is None or controls.ASOF in st.query_params:
        return
    try:
        st.switch_page(page, query_params={controls.ASOF: chosen.isoformat()})
    except StreamlitAPIException:  # the parameter is still bound to the page before
        return


def main() -> None:
    st.set_page_config(page_title="Standpoint", layout="wide", page_icon=":material/balance:")
    pages = build_pages()
    page = st.navigation(pages)
    if page.url_path == HOME:  # the root forwards to the first page: nothing else to do
        page.run()
        return
    room.measure()  # the main column's width, for the charts' layout: first, on every page
    health_page = next(p for p in pages if p.url_path == "health")
    data.refresh()
    keep_date(page)
    banner(page, health_page)
    page.run()
