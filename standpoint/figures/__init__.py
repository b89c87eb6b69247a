"""Plotly figures built by pure functions from a dataset and query results.

Every figure explains itself when cut out of the app: a title, the as-of date, a legend in
words and a source line (see :mod:`.frame`).
"""
