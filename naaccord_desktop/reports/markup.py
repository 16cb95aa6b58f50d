"""Escaping shared by the HTML report's modules: every piece of text goes through `e`."""

from __future__ import annotations

import html


def e(value) -> str:
    return html.escape(str(value), quote=True)


def n(value) -> str:
    """A count with thousands separators; anything else escaped."""
    return f"{value:,}" if isinstance(value, int) else e(value)
