"""The room the charts have: the width of the page's main column, measured in the browser.

Streamlit tells a script nothing of the page's width. A small component, mounted once per run
at the top of the main column by the navigation code (so it stays mounted when another page
is opened), watches the column's width with a ResizeObserver and reports it in steps of
``ROOM_STEP_PX`` (:func:`standpoint.figures.frame.room_step`), only when the step changes: a
resized window or a sidebar opened or closed reruns the app once and the charts are laid out
for the new room (:func:`standpoint.figures.frame.screen`); every other run reads it from
session state. Its code holds no data text: only these numbers go into it. Without a browser
(AppTest) nothing is reported and the room is ``PAGE_MIN_PX``, the narrowest.

A report is also kept in a cookie (``standpoint_room``: a number, nothing else), so a browser
that comes back opens its first page laid out for the room it had last time, instead of
drawing the charts for the narrowest room and then again; when the window has changed since,
the probe reports the new room as on a first visit.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from standpoint.figures.frame import PAGE_MAX_PX, PAGE_MIN_PX, ROOM_STEP_PX, Size, room_step, screen

from . import layout

KEY = "standpoint_room"  # the component's key: its state ({"px": …}) in session state
FIELD = "px"
COOKIE = "standpoint_room"  # the last room reported by this browser (a whole number)
FIRST_WAIT_MS = 1500  # the first report waits at most this long for the first chart

# The main column's width, rounded down to a step and clamped as frame.room_step does, sent
# when it differs from the room the server has (``data``: 0 for none yet, then the default),
# or from the last one sent. Streamlit calls this function on every render of the probe, so
# one observer per page (on ``window``) does the watching, with the newest instance's setter.
# A report waits until the width has held still for a moment (a sidebar sliding open would
# send every step it passes), except the first, which lays the first page out: it waits only
# for the page's first chart to be drawn, at the default room (the rerun it causes would
# otherwise hold that drawing up). The probe's
# own box is hidden: it takes no room or gap in the column it measures.
JS = f"""
export default function({{ data, setStateValue, parentElement }}) {{
    const host = parentElement.host || parentElement;
    const box = host.closest('[data-testid="stElementContainer"]');
    const column = box && box.parentElement;
    if (!column) return;
    box.style.display = "none";
    const probe = window.__standpointRoom || (window.__standpointRoom = {{ sent: null }});
    probe.set = setStateValue;
    probe.server = data || {PAGE_MIN_PX};
    const report = () => {{
        const width = column.getBoundingClientRect().width;
        if (width <= 0) return;  // not laid out yet
        const room = Math.min(Math.max(
            Math.floor(width / {ROOM_STEP_PX}) * {ROOM_STEP_PX}, {PAGE_MIN_PX}), {PAGE_MAX_PX});
        if (room !== (probe.sent === null ? probe.server : probe.sent)) {{
            if (probe.sent === null) probe.firstAt = performance.now();  // when, for tests
            probe.sent = room;
            document.cookie = "{COOKIE}=" + room + "; path=/; max-age=31536000; SameSite=Lax";
            probe.set("{FIELD}", room);
        }}
    }};
    if (probe.column !== column) {{
        if (probe.observer) probe.observer.disconnect();
        probe.column = column;
        probe.observer = new ResizeObserver(() => {{
            clearTimeout(probe.timer);
            probe.timer = setTimeout(
                () => (probe.sent === null ? probe.first() : probe.report()),
                probe.sent === null ? 0 : 200);
        }});
        probe.observer.observe(column);
    }}
    probe.report = report;
    // the first report waits for the page's first chart to be drawn (or FIRST_WAIT_MS), so
    // that the rerun it causes does not hold up that first drawing
    probe.first = () => {{
        const start = performance.now();
        const tick = () => {{
            if (document.querySelector('.js-plotly-plot .main-svg') ||
                    performance.now() - start > {FIRST_WAIT_MS})
                requestAnimationFrame(() => setTimeout(() => probe.report(), 0));
            else
                probe.timer = setTimeout(tick, 50);
        }};
        tick();
    }};
}}
"""

_probe = st.components.v2.component("standpoint.room", js=JS)


def _noop() -> None:
    """The probe's report needs a callback to be kept as state; the rerun it causes is all."""


def measured() -> int | None:
    """The room the browser reported last in this session, else the one it reported in its
    last session (the cookie); None before either, or without a browser."""
    state = st.session_state.get(KEY)
    try:
        px = state.get(FIELD) if state is not None else None
    except AttributeError:
        px = None
    if isinstance(px, int | float) and not isinstance(px, bool):
        return min(max(int(px), PAGE_MIN_PX), PAGE_MAX_PX)
    return remembered()


def remembered() -> int | None:
    """The room in the browser's cookie, as a step within the bounds; None when there is
    none or it is not a number."""
    try:
        raw = st.context.cookies.get(COOKIE)
    except Exception:  # no browser session (AppTest, a bare script run)
        return None
    try:
        return room_step(int(str(raw))) if raw is not None else None
    except ValueError:
        return None


def measure() -> None:
    """Mount the probe (once per run, at the top of the main column)."""
    _probe(key=KEY, data=measured() or 0, on_px_change=_noop, height=0)


def px() -> int:
    """The main column's width as last measured, :data:`PAGE_MIN_PX` until it is."""
    return measured() or PAGE_MIN_PX


def size() -> Size:
    """The size of a chart that has the whole main column."""
    return screen(px())


def box_size(boxes: Sequence[layout.Box], index: int = 0) -> Size:
    """The size of a chart in box ``index`` of a ``layout.row(*boxes, room_px=px())`` in the
    main column."""
    return screen(layout.box_px(px(), boxes)[index])
