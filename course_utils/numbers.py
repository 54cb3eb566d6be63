"""How the course writes a number for a reader (chart alt text, the explorer's table, comparative statements).

One formatter with two styles, because the two uses print differently and their strings are pinned (alt text in
tests and lessons, statement texts in saved arguments):

- ``"short"`` (charts and tables): 1,000 and above as a whole number with thousands separators (``2,500``), below
  that three significant figures without trailing zeros (``7``, ``0.0123``); missing or infinite: ``no data``.
- ``"fixed"`` (statements): three significant figures in fixed point, trailing zeros kept, at most four decimals,
  with thousands separators (``1.00``, ``12.3``, ``35,000``); zero and non-finite values as Python's ``g`` format.
"""
from __future__ import annotations

import math

__all__ = ["format_number"]


def format_number(x: float, style: str = "short") -> str:
    """``x`` as text in the course's ``"short"`` or ``"fixed"`` style (see the module docstring)."""
    if style == "short":
        if x != x or not math.isfinite(x):
            return "no data"
        if abs(x) >= 1000:
            return f"{x:,.0f}"
        return f"{x:.3g}"
    if style == "fixed":
        if x == 0 or not math.isfinite(x):
            return f"{x:g}"
        digits = max(0, 2 - int(math.floor(math.log10(abs(x)))))
        return f"{x:,.{min(digits, 4)}f}"
    raise ValueError(f"style must be 'short' or 'fixed', not {style!r}")
