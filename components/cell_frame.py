"""Frame the clicked cell of the matrix in the browser, without drawing the matrix again.

The matrix's click layer draws a single invisible marker (plotly finds the cell under the
pointer from the points' places), so plotly's own selection on a click has no marker of the
clicked cell to show. The figure frames the selected cell with a trace of its own
(:func:`standpoint.figures.matrix.selection_traces`), but a click keeps the figure as it was
(sending it again would draw the whole matrix again, which doubled a click's time). So on
the run a click causes, :func:`draw` mounts a tiny component whose script draws the same
frame (the same size, colour and line, from ``selection_traces``) over the clicked cell,
in the chart's SVG just above the cells, and hides the figure's frame of the cell selected
before. It places the frame again whenever plotly draws the chart again (a resized window),
and removes it when the next run does not mount it: that run's figure frames the cell itself.
The script is given numbers and keys only, no text from the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st
from streamlit.components.v2 import component

from standpoint.figures.matrix import SELECTED, selection_traces

from . import hidden

_COUNT = "_cell_frame_count"

JS = hidden.script(
    r"""
  const NS = 'http://www.w3.org/2000/svg';
  let gd = null, path = null, frame = 0, tries = 0;
  const hidden = [];
  const show = () => {
    while (hidden.length) hidden.pop().style.removeProperty('display');
  };
  const place = () => {
    if (path) path.remove();
    path = null;
    show();
    const drag = gd.querySelector('.nsewdrag');
    const cells = gd.querySelector('.main-svg .cartesianlayer');
    if (!drag || !cells) return;
    const x = +drag.getAttribute('x'), y = +drag.getAttribute('y');
    const w = +drag.getAttribute('width'), h = +drag.getAttribute('height');
    const cx = x + (data.col + 0.5) * w / data.cols, cy = y + (data.row + 0.5) * h / data.rows;
    const r = data.size / 2;
    path = document.createElementNS(NS, 'path');
    path.setAttribute('d', `M${cx - r},${cy - r}h${2 * r}v${2 * r}h${-2 * r}Z`);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', data.colour);
    path.setAttribute('stroke-width', data.width);
    path.setAttribute('class', 'standpoint-clicked-cell');
    path.style.pointerEvents = 'none';
    cells.parentNode.insertBefore(path, cells.nextSibling);  // over the cells, under the rest
    for (const trace of gd.querySelectorAll('.scatterlayer .trace')) {
      const cd = trace.__data__;
      if (cd && cd[0] && cd[0].trace && cd[0].trace.name === data.hide) {
        trace.style.display = 'none';
        hidden.push(trace);
      }
    }
  };
  const attach = () => {
    const box = document.querySelector('.st-key-' + data.chart);
    gd = box && box.querySelector('.js-plotly-plot');
    if (!gd || !gd.on || !gd.querySelector('.nsewdrag')) {
      if (tries++ < 300) frame = requestAnimationFrame(attach);
      return;
    }
    place();
    gd.on('plotly_afterplot', place);
  };
  attach();
  return () => {
    cancelAnimationFrame(frame);
    if (path) path.remove();
    show();
    if (gd && gd.removeListener) gd.removeListener('plotly_afterplot', place);
  };
"""
)

NAME = "standpoint.cell_frame"
_component = component(NAME, js=JS)


def draw(
    chart_key: str,
    click: Mapping,
    actors: Sequence[str],
    issues: Sequence[str],
    cell: tuple[str, str],
) -> bool:
    """Frame ``cell`` (actor, issue) in the browser over the matrix chart keyed
    ``chart_key``, whose click layer is ``click`` (the trace's dict), as the figure would
    frame it (a new component for every click, so that each draws once). False, and nothing
    mounted, when the cell is not shown."""
    _, frame = selection_traces(click, actors, issues, cell)
    if frame is None:
        return False
    count = st.session_state.get(_COUNT, 0) + 1
    st.session_state[_COUNT] = count
    marker = frame["marker"]
    _component(
        key=f"cell-frame-{count}",
        data={
            "chart": chart_key,
            "col": frame["x"][0],
            "row": frame["y"][0],
            "cols": len(issues),
            "rows": len(actors),
            "size": marker["size"],
            "colour": marker["color"],
            "width": marker["line"]["width"],
            "hide": SELECTED,
        },
        height="content",
    )
    return True
