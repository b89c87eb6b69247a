"""The Streamlit dashboard: page layout only; data and figures come from ``standpoint``."""
