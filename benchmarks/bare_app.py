"""The floor of the app benchmarks: a bare Streamlit app showing one plotly chart of the same
size as the matrix (BARE_ROWS x BARE_COLS cells with a symbol each, BARE_HEIGHT pixels tall).
Typing another "Variant" (and Enter) reruns the script and redraws the chart with other
levels, as a filter of the app does. BARE_GAP is the pixels between its cells (2, as the
matrix shows them; 0 for the cheapest heatmap plotly draws, a pixel a cell).

    streamlit run benchmarks/bare_app.py
"""

import os
import random

import plotly.graph_objects as go
import streamlit as st

rows = int(os.environ.get("BARE_ROWS", "193"))
cols = int(os.environ.get("BARE_COLS", "4"))
height = int(os.environ.get("BARE_HEIGHT", str(26 * rows + 300)))
gap = int(os.environ.get("BARE_GAP", "2"))

variant = st.text_input("Variant", "0")
rng = random.Random(variant)  # noqa: S311 - levels to draw, not secrets
z = [[rng.randrange(7) for _ in range(cols)] for _ in range(rows)]
text = [["+-=?x·"[v % 6] for v in row] for row in z]
fig = go.Figure(
    go.Heatmap(z=z, text=text, texttemplate="%{text}", showscale=False, xgap=gap, ygap=gap)
)
fig.update_layout(height=height, title=f"Bare chart, variant {variant}")
st.plotly_chart(fig, theme=None, key="chart")
