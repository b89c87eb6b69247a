"""Bring a panel into view after a click on a chart fills it.

At 1024 px with the sidebar open the evidence panel wraps below the matrix, so the words a
click on a cell brings would appear below the fold and the click would seem to do nothing.
:func:`ask`, called by the chart's ``on_select`` callback, asks for the panel to be shown;
:func:`here`, called inside the panel, mounts on that run only a tiny component whose script
scrolls the page smoothly until the panel's top (its heading) is in view, when it is not
already in the upper part of the window. Where the panel sits beside the chart, in view,
nothing moves. Runs without a click add no element; a cell picked in the panel's own
selects (by keyboard) never moves the page. The script holds no data text: it is given the
panel's key only.
"""

from __future__ import annotations

import re

import streamlit as st
from streamlit.components.v2 import component

from . import hidden

_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
_ASKED = "_reveal_asked"  # {panel key: number of the click that asked}
_COUNT = "_reveal_count"

# The panel's top is "in view" when it lies between the header and this share of the window's
# height below it: lower down, the heading shows but the words under it do not.
IN_VIEW_SHARE = 0.5

_JS = hidden.script(
    r"""
  const selector = '.st-key-' + data.box;
  const panel = host.closest(selector) || document.querySelector(selector);
  if (!panel) return;
  let frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      // the app's header hides what is under it only when it has a background
      const header = document.querySelector('[data-testid="stHeader"]');
      const opaque = header && !/^(transparent|rgba\(.*,\s*0\))$/.test(
        getComputedStyle(header).backgroundColor);
      const edge = opaque ? Math.max(header.getBoundingClientRect().bottom, 0) : 0;
      const top = panel.getBoundingClientRect().top;
      if (top >= edge && top <= edge + (window.innerHeight - edge) * data.share) return;
      panel.style.scrollMarginTop = (edge + 16) + 'px';
      const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      panel.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
    });
  });
  return () => cancelAnimationFrame(frame);
"""
)

NAME = "standpoint.reveal"
_component = component(NAME, js=_JS)


def ask(box: str) -> None:
    """Ask that the panel keyed ``box`` be brought into view on the next run (call it from
    the ``on_select`` callback of the chart whose click fills the panel)."""
    if not _KEY.match(box):
        raise ValueError(f"not a plain key: {box!r}")
    count = st.session_state.get(_COUNT, 0) + 1
    st.session_state[_COUNT] = count
    st.session_state[_ASKED] = {**st.session_state.get(_ASKED, {}), box: count}


def here(box: str) -> bool:
    """Inside the panel keyed ``box``: on the run a click asked for, mount the component that
    brings the panel into view (a new one for every click, so that each acts once); on any
    other run, nothing. True when mounted."""
    asked = st.session_state.get(_ASKED, {})
    count = asked.get(box)
    if count is None:
        return False
    st.session_state[_ASKED] = {k: v for k, v in asked.items() if k != box}
    _component(
        key=f"reveal-{box}-{count}", data={"box": box, "share": IN_VIEW_SHARE}, height="content"
    )
    return True
