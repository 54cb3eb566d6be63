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


# ------------------------------------------------------------------------------------ standard charts
# Caveat flags drawn without colour: a shape at the value and a short text label beside it.
FLAG_MARKS = {
    "not_reported": ("cross", "no data"),
    "estimate": ("triangle-up", "est."),
    "projection": ("triangle-down", "proj."),
    "partial": ("diamond", "partial"),
    "snapshot": ("square", "snapshot"),
    "summed": ("circle", "summed"),
    "transcribed": ("triangle-right", "transcr."),
    "gap_filled": ("triangle-left", "gap-filled"),
    "source_issue": ("stroke", "source issue"),
}
_NO_FLAG = ("", "")


def _flag_parts(flag: object) -> tuple[str, str]:
    """(the first caveat, short labels of all caveats) of a ``flag`` value such as ``"estimate;snapshot"``."""
    flags = [f for f in str(flag or "").split(";") if f and f != "nan"]
    if not flags:
        return _NO_FLAG
    return flags[0], ", ".join(FLAG_MARKS.get(f, ("circle", f.replace("_", " ")))[1] for f in flags)


def _fmt_value(x: float) -> str:
    import math

    if x != x or not math.isfinite(x):
        return "no data"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.3g}"


def alt_text(frame, *, kind: str = "bar", year: int | None = None, label: str = "value", unit: str = "") -> str:
    """A sentence or three describing a ranked bar or line chart, for screen readers (Altair ``description``)."""
    import pandas as pd

    rows = frame if year is None else frame[frame["year"] == year]
    known = rows.dropna(subset=["value"]).sort_values("value", ascending=False)
    missing = sorted(set(rows.loc[rows["value"].isna(), "country"]))
    unit_txt = f" ({unit})" if unit else ""
    if kind == "bar":
        head = f"Bar chart of {label}{unit_txt} in {year}, {len(known)} countries ranked from highest to lowest"
        items = [f"{r.country} {_fmt_value(r.value)}" for r in known.head(5).itertuples()]
        body = (": " + "; ".join(items) + (" ... " if len(known) > 6 else "; ")
                + (f"lowest {known.iloc[-1]['country']} {_fmt_value(known.iloc[-1]['value'])}"
                   if len(known) > 5 else "")).rstrip("; ") if items else ""
        text = head + body + "."
    else:
        years = sorted(rows["year"].unique())
        span = f"{years[0]} to {years[-1]}" if years else "no years"
        text = f"Line chart of {label}{unit_txt} from {span} for {rows['country'].nunique()} countries."
        last = rows[rows["year"] == (years[-1] if years else None)].dropna(subset=["value"])
        if len(last):
            top = last.sort_values("value", ascending=False).iloc[0]
            text += f" In {years[-1]} the highest is {top['country']} ({_fmt_value(top['value'])})."
    flags = pd.Series([f for v in rows["flag"] for f in str(v or "").split(";") if f and f != "nan"])
    if len(flags):
        text += " Caveats marked on the chart: " + ", ".join(
            f"{k.replace('_', ' ')} ({n})" for k, n in flags.value_counts().items()) + "."
    if missing:
        text += " No data: " + ", ".join(missing[:10]) + ("..." if len(missing) > 10 else "") + "."
    return text


def ranked_chart(frame, *, kind: str = "bar", year: int | None = None, title: str | None = None,
                 label: str | None = None, description: str | None = None):
    """The course's standard chart of a measure frame (iso3, country, year, value, unit, flag ...).

    ``kind="bar"``: countries ranked by their value in ``year`` (default: the last year in the frame);
    ``kind="line"``: every country over the years (line style varies by country, not colour alone).
    Caveat flags appear as a shape and a short text label on the value, so they read without colour; the chart
    carries alt text in its Vega-Lite ``description`` (written by :func:`alt_text` unless given)."""
    import altair as alt
    import pandas as pd

    use_course_theme()
    if kind not in ("bar", "line"):
        raise ValueError(f"kind must be 'bar' or 'line', not {kind!r}")
    df = frame.copy()
    unit = str(df["unit"].iloc[0]) if len(df) and "unit" in df else ""
    label = label or (str(df["measure"].iloc[0]).replace("_", " ") if len(df) and "measure" in df else "value")
    parts = [_flag_parts(f) for f in df["flag"]] if len(df) else []
    df["caveat"] = [p[0] for p in parts]
    df["caveat_label"] = [p[1] for p in parts]
    df = df[["iso3", "country", "year", "value", "caveat", "caveat_label", "flag"]].copy()
    df["flag"] = df["flag"].fillna("").astype(str)
    shapes = sorted({c for c in df["caveat"] if c})
    shape_scale = alt.Scale(domain=shapes, range=[FLAG_MARKS.get(s, ("circle", ""))[0] for s in shapes])
    tooltip = [alt.Tooltip("country:N", title="Country"), alt.Tooltip("year:O", title="Year"),
               alt.Tooltip("value:Q", title=unit or "value", format=",.3~f"),
               alt.Tooltip("flag:N", title="Caveats")]

    if kind == "bar":
        year = int(df["year"].max()) if year is None and len(df) else year
        df = df[df["year"] == year].copy()
        df["plotted"] = df["value"].fillna(0.0)
        order = list(df.sort_values("value", ascending=False, na_position="last")["country"])
        y = alt.Y("country:N", sort=order, title=None)
        base = alt.Chart(df).encode(y=y)
        bars = base.mark_bar(color=OKABE_ITO[0]).encode(
            x=alt.X("plotted:Q", title=f"{label} ({unit})" if unit else label), tooltip=tooltip)
        layers = [bars]
        flagged = df[df["caveat"] != ""]
        if len(flagged):
            layers.append(alt.Chart(flagged).mark_point(filled=True, size=70, color="black").encode(
                x="plotted:Q", y=y, shape=alt.Shape("caveat:N", scale=shape_scale, title="Caveat"),
                tooltip=tooltip))
            layers.append(alt.Chart(flagged).mark_text(align="left", dx=8, fontSize=11, color="black").encode(
                x="plotted:Q", y=y, text="caveat_label:N"))
        chart = alt.layer(*layers).properties(height=alt.Step(18))
        default_title = f"{label}, {year}"
    else:
        x = alt.X("year:Q", axis=alt.Axis(format="d"), title="Year")
        lines = alt.Chart(df).mark_line(point=False).encode(
            x=x, y=alt.Y("value:Q", title=unit or label), color=alt.Color("country:N", title="Country"),
            strokeDash=alt.StrokeDash("country:N", legend=None), tooltip=tooltip)
        layers = [lines]
        flagged = df[df["caveat"] != ""].dropna(subset=["value"])
        if len(flagged):
            layers.append(alt.Chart(flagged).mark_point(filled=True, size=60, color="black").encode(
                x=x, y="value:Q", shape=alt.Shape("caveat:N", scale=shape_scale, title="Caveat"),
                tooltip=tooltip))
        chart = alt.layer(*layers)
        years = sorted(df["year"].unique())
        default_title = f"{label}, {years[0]}-{years[-1]}" if years else label
    desc = description or alt_text(frame, kind=kind, year=year if kind == "bar" else None, label=label, unit=unit)
    return chart.properties(title=title or default_title, description=desc)


def chart_bundle(chart) -> dict:
    """A display_data output holding the chart's Vega-Lite spec (what the ``mimetype`` renderer emits), for an
    ipywidgets ``Output`` widget. Rendered by JupyterLab's built-in Vega extension: no CDN, no front-end wait."""
    import altair as alt

    use_course_theme()
    major = alt.SCHEMA_VERSION.lstrip("v").split(".")[0]
    spec = chart.to_dict(validate=False)  # the spec is built by our own code; schema validation costs ~0.2 s
    return {"output_type": "display_data", "metadata": {},
            "data": {f"application/vnd.vegalite.v{major}+json": spec,
                     "text/plain": f"<chart: {spec.get('description', '')}>"}}
