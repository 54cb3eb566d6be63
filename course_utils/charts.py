"""Chart theme and the renderer choice every lesson uses.

Offline rendering (see TOOLCHAIN notes in docs/): altair 5.5's ``mimetype`` renderer emits Vega-Lite 5, which
JupyterLab 4 draws natively, with no CDN. That works on a JupyterHub without internet, in the tests here and on
Binder alike, which is why the course holds altair below 6.
"""
from __future__ import annotations

# Okabe & Ito (2008) colour-blind-safe palette; order chosen so the first colours differ in lightness too.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
THEME_NAME = "allies_after_911"

_enabled = False


def _theme() -> dict:
    return {
        "config": {
            "range": {"category": OKABE_ITO},
            "view": {"continuousWidth": 520, "continuousHeight": 300},
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
            "title": {"fontSize": 15, "anchor": "start"},
        }
    }


def use_course_theme() -> None:
    """Enable the course's colour-blind-safe theme and the offline ``mimetype`` renderer (idempotent)."""
    global _enabled
    if _enabled:
        return
    import altair as alt

    alt.theme.register(THEME_NAME, enable=True)(_theme)
    alt.renderers.enable("mimetype")
    alt.data_transformers.disable_max_rows()
    _enabled = True
