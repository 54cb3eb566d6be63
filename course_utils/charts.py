"""Chart theme and the renderer choice every lesson uses.

Offline rendering (see TOOLCHAIN notes in docs/): altair 5.5's ``mimetype`` renderer emits Vega-Lite 5, which
JupyterLab 4 draws natively, with no CDN. That works on a JupyterHub without internet, in the tests here and on
Binder alike, which is why the course holds altair below 6.
"""
from __future__ import annotations

from .numbers import format_number

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


# ------------------------------------------------------------------------------------ caveat flags
# The vocabulary (name, short label, mark shape of every flag) is declared once, in datasets/build/flags.py, and read
# here from datapackage.json through course_utils.data.flags(). A measure frame may carry a flag of its own making
# (tests use made-up ones): the standard charts draw it as a circle labelled with its words; caveat_marks, which
# draws a table's flags, refuses it.
_NO_FLAG = ("", "")


def _flag_entry(key: str):
    """The vocabulary entry of ``key``, or a stand-in for a flag the vocabulary does not know (its words, a circle)."""
    from .data import Flag, flags

    entry = flags().get(key)
    if entry is None:
        words = key.replace("_", " ")
        entry = Flag(key, words, words, "circle", "")
    return entry


def _flag_parts(flag: object) -> tuple[str, str]:
    """(the first caveat, short labels of all caveats) of a ``flag`` value such as ``"estimate;snapshot"``."""
    from .data import split_flags

    keys = split_flags(flag)
    if not keys:
        return _NO_FLAG
    return keys[0], ", ".join(_flag_entry(f).label for f in keys)


def caveat_names(flag: object) -> str:
    """The caveats of a ``flag`` value in words, as tables and alt text write them: ``"estimate, not reported"``."""
    from .data import split_flags

    return ", ".join(_flag_entry(f).name for f in split_flags(flag))


def caveat_marks(data, *, table: str, x, y, flag: str = "flag", unflagged: str | None = None,
                 title: str = "Caveat", labels: bool = True, tooltip=(), size: int = 70, dx: int = 8, dy: int = 0):
    """Draw the caveat flags of rows taken from ``table``: at each row's ``x``/``y`` a black point in the shape of
    its flag, named in a legend titled ``title``, with the flag's short label beside it (``labels=False``: none)
    and its name and meaning in the tooltip (after the fields in ``tooltip``). Shapes, names, labels and meanings
    come from the flag vocabulary (:func:`course_utils.data.flags`), so caveats read the same in every chart and
    without colour. A row with several caveats (``"estimate;partial"``) takes the shape of the first and the labels
    of all.

    Rows without a flag get no mark, unless ``unflagged`` names them (e.g. ``"DMDC count"``): then they get the
    vocabulary's mark for "no caveat", under that name in the legend. Lay the result over your chart::

        bars + caveat_marks(top10, table="us_troops_abroad", x="troops:Q", y=alt.Y("country:N", sort="-x"))

    Raises :class:`course_utils.data.DataError` naming the flag and the table when a flag value is not in the
    vocabulary, or naming the column when ``data`` has no ``flag`` column."""
    import altair as alt

    from .data import DataError, flag as vocabulary_entry, flags, split_flags

    use_course_theme()
    if flag not in data.columns:
        raise DataError(f"table {table!r}: the data to chart has no flag column {flag!r} "
                        f"(columns: {', '.join(map(str, data.columns))})")
    vocabulary = flags()
    values = data[flag].astype(object).where(data[flag].notna(), "")
    parts = {}
    for value in values.unique().tolist():
        entries = [vocabulary_entry(k, table) for k in split_flags(value)]  # DataError for an unknown flag
        first = entries[0] if entries else vocabulary[""]
        parts[value] = ((unflagged or "") if not entries else first.name, first.key,
                        ", ".join(e.label for e in entries), "; ".join(e.meaning for e in entries)
                        or vocabulary[""].meaning)
    df = data.copy()
    df["caveat"] = [parts[v][0] for v in values]
    df["caveat_label"] = [parts[v][2] for v in values]
    df["caveat_meaning"] = [parts[v][3] for v in values]
    shown = df if unflagged else df[[parts[v][1] != "" for v in values]]
    used = {parts[v][1] for v in values if unflagged or parts[v][1]}
    order = [k for k in vocabulary if k in used]  # the legend in the vocabulary's order
    domain = [unflagged if k == "" else vocabulary[k].name for k in order]
    shape = alt.Shape("caveat:N", title=title,
                      scale=alt.Scale(domain=domain, range=[vocabulary[k].mark for k in order]))
    tips = [*tooltip, alt.Tooltip("caveat:N", title=title), alt.Tooltip("caveat_meaning:N", title="What it means")]
    points = alt.Chart(shown).mark_point(filled=True, size=size, color="black").encode(
        x=x, y=y, shape=shape, tooltip=tips)
    if not labels:
        return points
    text = alt.Chart(shown[shown["caveat_label"] != ""]).mark_text(
        align="left", dx=dx, dy=dy, fontSize=11, color="black").encode(x=x, y=y, text="caveat_label:N")
    return alt.layer(points, text)


# ------------------------------------------------------------------------------------ standard charts
def _flag_counts(flags) -> list[tuple[str, int]]:
    """How often each caveat occurs in a ``flag`` column, most frequent first, ties in order of first appearance
    (what ``pandas.Series.value_counts`` gives for the caveats listed row by row). Counts per distinct flag value,
    so the cost does not grow with the number of rows."""
    import pandas as pd

    from .data import split_flags

    flags = pd.Series(flags, dtype=object).fillna("")  # missing counts as no caveat, like str(nan) == "nan" below
    n_of = flags.value_counts(sort=False).to_dict()
    counts: dict[str, int] = {}
    for value in flags.unique():  # order of first appearance
        for f in split_flags(value):
            counts[f] = counts.get(f, 0) + int(n_of[value])
    return sorted(counts.items(), key=lambda kv: -kv[1])  # stable: ties stay in order of first appearance


def alt_text(frame, *, kind: str = "bar", year: int | None = None, label: str = "value", unit: str = "") -> str:
    """A sentence or three describing a ranked bar or line chart, for screen readers (Altair ``description``)."""
    rows = frame if year is None else frame[frame["year"] == year]
    country = rows["country"].tolist()
    value = rows["value"].reset_index(drop=True)  # labels = positions in ``country``
    isna = value.isna().to_numpy()
    missing = sorted({c for c, na in zip(country, isna.tolist()) if na})
    unit_txt = f" ({unit})" if unit else ""
    if kind == "bar":
        known = value[~isna].sort_values(ascending=False)  # the order of rows.dropna().sort_values("value", ...)
        names = [country[i] for i in known.index.tolist()]
        vals = known.tolist()
        head = f"Bar chart of {label}{unit_txt} in {year}, {len(known)} countries ranked from highest to lowest"
        items = [f"{c} {format_number(v)}" for c, v in zip(names[:5], vals[:5])]
        body = (": " + "; ".join(items) + (" ... " if len(known) > 6 else "; ")
                + (f"lowest {names[-1]} {format_number(vals[-1])}" if len(known) > 5 else "")).rstrip("; ") \
            if items else ""
        text = head + body + "."
    else:
        years = sorted(rows["year"].unique())
        span = f"{years[0]} to {years[-1]}" if years else "no years"
        text = f"Line chart of {label}{unit_txt} from {span} for {rows['country'].nunique()} countries."
        if years:
            last = value[(rows["year"].to_numpy() == years[-1]) & ~isna]
            if len(last):
                top = last.sort_values(ascending=False)
                text += (f" In {years[-1]} the highest is {country[top.index[0]]} "
                         f"({format_number(top.iloc[0])}).")
    counts = _flag_counts(rows["flag"])
    if counts:
        text += " Caveats marked on the chart: " + ", ".join(
            f"{_flag_entry(k).name} ({n})" for k, n in counts) + "."
    if missing:
        text += " No data: " + ", ".join(missing[:10]) + ("..." if len(missing) > 10 else "") + "."
    return text


def ranked_chart(frame, *, kind: str = "bar", year: int | None = None, title: str | None = None,
                 label: str | None = None, description: str | None = None, subtitle: str | None = None):
    """The course's standard chart of a measure frame (iso3, country, year, value, unit, flag ...), as an altair chart.

    ``kind="bar"``: countries ranked by their value in ``year`` (default: the last year in the frame);
    ``kind="line"``: every country over the years (line style varies by country, not colour alone).
    Caveat flags appear as a shape and a short text label on the value, so they read without colour; the chart
    carries alt text in its Vega-Lite ``description`` (written by :func:`alt_text` unless given).

    Built from the same layers as :func:`ranked_spec` (one implementation), each layer's rows given as records so
    that altair files them under top-level named ``datasets`` as it does for a DataFrame."""
    import json

    import altair as alt

    use_course_theme()
    spec = _ranked_layers(frame, kind=kind, year=year, title=title, label=label, description=description,
                          subtitle=subtitle,
                          make_data=lambda rows: {"values": json.loads("[" + ",".join(rows) + "]")})
    layers = []
    for layer in spec.pop("layer"):
        data = layer.pop("data")  # the rows are given to altair as they are: from_dict would convert each record
        chart = alt.Chart.from_dict(layer, validate=False)
        chart.data = alt.InlineData(values=data["values"])
        layers.append(chart)
    return alt.layer(*layers, **spec)


def _unit_label(frame, label: str | None) -> tuple[str, str]:
    unit = str(frame["unit"].iloc[0]) if len(frame) and "unit" in frame else ""
    label = label or (str(frame["measure"].iloc[0]).replace("_", " ") if len(frame) and "measure" in frame
                      else "value")
    return unit, label


def _chart_columns(frame) -> tuple[dict[str, list], dict[str, str]]:
    """The columns a ranked chart draws, as plain lists (column -> values): iso3, country, year, value, caveat (the
    first flag), caveat_label (short labels of all flags) and flag (text); and the dtype kinds of its number columns.
    Caveats are worked out once per distinct flag value, not per row."""
    import pandas as pd

    codes, uniques = pd.factorize(frame["flag"].astype(object).fillna(""))  # missing flag: no caveat
    parts = [_flag_parts(u) for u in uniques]
    codes = codes.tolist()
    columns = {"iso3": frame["iso3"].tolist(), "country": frame["country"].tolist(), "year": frame["year"].tolist(),
               "value": frame["value"].tolist(), "caveat": [parts[c][0] for c in codes],
               "caveat_label": [parts[c][1] for c in codes],
               "flag": frame["flag"].fillna("").astype(str).tolist()}
    numeric = {c: frame[c].dtype.kind for c in ("iso3", "country", "year", "value")
               if frame[c].dtype.kind in "fiub"}
    return columns, numeric


def _json_scalar(v) -> str:
    import json

    if v is None or (isinstance(v, float) and v != v):
        return "null"
    if isinstance(v, float) and v - v != 0:  # infinite
        return "null"
    return json.dumps(v.item() if hasattr(v, "item") else v)


def _json_numbers(values: list, kind: str) -> list[str]:
    """JSON text of a numeric column (``kind``: numpy dtype kind), as ``json.dumps`` writes each value (NaN and
    infinities as null, as altair's data transformer sanitises them)."""
    if kind == "f":
        fr = float.__repr__
        return [fr(v) if v - v == 0 else "null" for v in values]
    if kind == "b":
        return ["true" if v else "false" for v in values]
    return list(map(int.__repr__, values))


def _json_rows(columns: dict[str, list], numeric: dict[str, str]) -> list[str]:
    """Each row of ``columns`` as a JSON object: the records altair's data transformer would embed (same fields in
    the same order; NaN and infinities as null). ``numeric`` gives the dtype kind of the number columns (Python
    floats, ints or bools in their lists). Other values repeat (a country's code and name, a flag and its labels),
    so each distinct run of them is written once."""
    import json

    names = list(columns)
    slots, pieces, i = [], [], 0
    while i < len(names):
        if names[i] in numeric:
            slots.append(json.dumps(str(names[i])).replace("%", "%%") + ":%s")
            pieces.append(_json_numbers(columns[names[i]], numeric[names[i]]))
            i += 1
            continue
        j = i + 1
        while j < len(names) and names[j] not in numeric:
            j += 1
        keys = [json.dumps(str(n)) + ":" for n in names[i:j]]
        tuples = list(zip(*(columns[n] for n in names[i:j])))
        text = {t: ",".join(k + _json_scalar(v) for k, v in zip(keys, t)) for t in set(tuples)}
        slots.append("%s")
        pieces.append([text[t] for t in tuples])
        i = j
    template = "{" + ",".join(slots) + "}"
    return [template % r for r in zip(*pieces)]


def _inline_data(rows: list[str]) -> dict:
    """Vega-Lite inline data: the rows as one JSON text (``format.type: json``). One string instead of a list of row
    objects keeps the spec cheap to hand to an ipywidgets ``Output`` (which walks every nested object looking for
    binary buffers) and to send to the browser; Vega reads it with ``JSON.parse``."""
    return {"values": "[" + ",".join(rows) + "]", "format": {"type": "json"}}


def ranked_spec(frame, *, kind: str = "bar", year: int | None = None, title: str | None = None,
                label: str | None = None, description: str | None = None, subtitle: str | None = None) -> dict:
    """The Vega-Lite 5 spec of :func:`ranked_chart`, built as a plain dict (no altair objects, no schema walk).

    Same marks, encodings, scales, title, ``description`` (alt text), theme config and rows as
    ``ranked_chart(...).to_dict()``; only the data is carried inline in each layer as JSON text (see
    :func:`_inline_data`) rather than in top-level named ``datasets``. The burden explorer draws this on every
    update; tests/test_charts.py checks it against the altair chart, field by field and as rendered SVG."""
    use_course_theme()
    return _with_theme(_ranked_layers(frame, kind=kind, year=year, title=title, label=label,
                                      description=description, subtitle=subtitle, make_data=_inline_data))


def _ranked_layers(frame, *, kind: str, year: int | None, title: str | None, label: str | None,
                   description: str | None, subtitle: str | None, make_data) -> dict:
    """The layers, title and description of the standard chart (no theme, no ``$schema``); ``make_data`` turns
    a list of JSON rows into a layer's ``data``."""
    if kind not in ("bar", "line"):
        raise ValueError(f"kind must be 'bar' or 'line', not {kind!r}")
    unit, label = _unit_label(frame, label)
    # the shape scale lists the caveats of every row of the frame, also in a bar chart of one year
    shapes = sorted({_flag_parts(f)[0] for f in frame["flag"].astype(object).fillna("").unique().tolist()} - {""})
    shape = {"field": "caveat", "scale": {"domain": shapes, "range": [_flag_entry(s).mark for s in shapes]},
             "title": "Caveat", "type": "nominal"}
    tooltip = [{"field": "country", "title": "Country", "type": "nominal"},
               {"field": "year", "title": "Year", "type": "ordinal"},
               {"field": "value", "format": ",.3~f", "title": unit or "value", "type": "quantitative"},
               {"field": "flag", "title": "Caveats", "type": "nominal"}]
    spec: dict = {}
    if kind == "bar":
        year = int(frame["year"].max()) if year is None and len(frame) else year
        shown = frame[frame["year"] == year]
        cols, numeric = _chart_columns(shown)
        plotted = shown["value"].fillna(0.0)
        cols["plotted"] = plotted.tolist()
        numeric["plotted"] = plotted.dtype.kind
        order = [cols["country"][i] for i in  # ranked_chart's sort_values("value", ascending=False) order
                 shown["value"].reset_index(drop=True).sort_values(ascending=False, na_position="last").index]
        rows = _json_rows(cols, numeric)
        flagged = [r for r, c in zip(rows, cols["caveat"]) if c != ""]

        def y() -> dict:
            return {"field": "country", "sort": list(order), "title": None, "type": "nominal"}

        layers = [{"data": make_data(rows), "mark": {"type": "bar", "color": OKABE_ITO[0]},
                   "encoding": {"tooltip": tooltip,
                                "x": {"field": "plotted", "title": f"{label} ({unit})" if unit else label,
                                      "type": "quantitative"},
                                "y": y()}}]
        if flagged:
            data = make_data(flagged)
            layers.append({"data": data, "mark": {"type": "point", "color": "black", "filled": True, "size": 70},
                           "encoding": {"shape": shape, "tooltip": tooltip,
                                        "x": {"field": "plotted", "type": "quantitative"}, "y": y()}})
            layers.append({"data": dict(data),
                           "mark": {"type": "text", "align": "left", "color": "black", "dx": 8, "fontSize": 11},
                           "encoding": {"text": {"field": "caveat_label", "type": "nominal"},
                                        "x": {"field": "plotted", "type": "quantitative"}, "y": y()}})
        spec["layer"] = layers
        spec["height"] = {"step": 18}
        default_title = f"{label}, {year}"
    else:
        cols, numeric = _chart_columns(frame)
        rows = _json_rows(cols, numeric)
        flagged = [r for r, c, v in zip(rows, cols["caveat"], cols["value"]) if c != "" and v == v]  # dropna

        def x() -> dict:
            return {"axis": {"format": "d"}, "field": "year", "title": "Year", "type": "quantitative"}

        layers = [{"data": make_data(rows), "mark": {"type": "line", "point": False},
                   "encoding": {"color": {"field": "country", "title": "Country", "type": "nominal"},
                                "strokeDash": {"field": "country", "legend": None, "type": "nominal"},
                                "tooltip": tooltip, "x": x(),
                                "y": {"field": "value", "title": unit or label, "type": "quantitative"}}}]
        if flagged:
            layers.append({"data": make_data(flagged),
                           "mark": {"type": "point", "color": "black", "filled": True, "size": 60},
                           "encoding": {"shape": shape, "tooltip": tooltip, "x": x(),
                                        "y": {"field": "value", "type": "quantitative"}}})
        spec["layer"] = layers
        years = sorted(set(cols["year"]))
        default_title = f"{label}, {years[0]}-{years[-1]}" if years else label
    spec["description"] = description or alt_text(frame, kind=kind, year=year if kind == "bar" else None,
                                                  label=label, unit=unit)
    spec["title"] = title or default_title
    if subtitle:  # e.g. the one release the numbers come from; also read out in the alt text
        spec["title"] = {"subtitle": subtitle, "text": spec["title"]}
        spec["description"] = f"{spec['description']} {subtitle}"
    return spec


def _with_theme(spec: dict) -> dict:
    """``spec`` as altair's ``to_dict`` finishes a top-level chart: ``$schema`` of altair's Vega-Lite version, laid
    over the active theme (the course theme, set by :func:`use_course_theme`)."""
    from altair import theme
    from altair.utils import update_nested
    from altair.vegalite.v5.schema import SCHEMA_URL

    spec["$schema"] = SCHEMA_URL
    func = theme.get()
    return update_nested(func(), spec, copy=True) if func else spec


def chart_bundle(chart) -> dict:
    """A display_data output holding the chart's Vega-Lite spec (what the ``mimetype`` renderer emits), for an
    ipywidgets ``Output`` widget. Rendered by JupyterLab's built-in Vega extension: no CDN, no front-end wait.

    ``chart`` is an altair chart or a ready Vega-Lite 5 spec dict (from :func:`ranked_spec`, the fast path)."""
    if isinstance(chart, dict):
        spec = chart
    else:
        use_course_theme()
        spec = chart.to_dict(validate=False)  # the spec is built by our own code; schema validation costs ~0.2 s
    major = spec.get("$schema", "vega-lite/v5").rsplit("vega-lite/v", 1)[-1].split(".")[0]
    return {"output_type": "display_data", "metadata": {},
            "data": {f"application/vnd.vegalite.v{major}+json": spec,
                     "text/plain": f"<chart: {spec.get('description', '')}>"}}
