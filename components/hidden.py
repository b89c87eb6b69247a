"""The script of a component that shows nothing: it takes no room on the page (its element's
box hidden) and acts on other elements. One prologue for all such components."""

from __future__ import annotations

PROLOGUE = r"""
  const host = parentElement instanceof ShadowRoot ? parentElement.host : parentElement;
  // take no room: the element's container holds nothing a reader sees
  const item = host.closest('[data-testid="stElementContainer"]');
  if (item) item.style.display = 'none';
"""


def script(body: str) -> str:
    """A component's module script: ``body`` runs after the prologue, with ``data``,
    ``parentElement`` and ``host`` (the element that holds the component) in scope; it may
    return a cleanup function."""
    return "export default function ({ parentElement, data }) {" + PROLOGUE + body + "}\n"
