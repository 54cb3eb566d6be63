"""The burden explorer: pick allies (or a preset group), years, a measure and a normalisation; see a chart with the
data's caveats drawn on it and a ranked table; read the selection and its numbers as plain Python data.

    explorer = BurdenExplorer(measure="spending_pct_gdp", preset="nato", start=2014, end=2019)
    explorer                 # shows the widget
    explorer.selection       # {"measure": ..., "countries": [...], "start": ..., "end": ..., ...}
    explorer.result          # {"year": 2019, "values": {"USA": 3.49, ...}, "statements": [...], ...} or None
    explorer.message         # "" or what is wrong with the selection, in words

Headless safety: nothing here waits for a front end. The chart is put into an ``Output`` widget as a ready-made
Vega-Lite display output (no ``with output:`` capture, which depends on a kernel message context), so the widget
behaves the same in JupyterLab, under nbclient and nbgrader, and in plain Python tests.

Speed (benchmarks/explorer.py): the measure is cut from a per-kernel cache in ``course_utils.measures``, the chart
is built as a Vega-Lite dict by ``course_utils.charts.ranked_spec`` (no altair objects or schema walk) with its rows
as one JSON text, and a change of chart kind alone redraws from the numbers already computed for the selection.
"""
from __future__ import annotations

import html
from typing import Any

from .. import groups, measures as ms
from ..charts import caveat_names, chart_bundle, ranked_spec
from ..numbers import format_number

__all__ = ["BurdenExplorer"]


class BurdenExplorer:
    """Explore one burden measure for a group of countries. See the module docstring."""

    def __init__(self, measure: str = "spending_pct_gdp", countries: list[str] | None = None, start: int = 2014,
                 end: int = 2019, *, preset: str | None = None, normalisation: str = "none", kind: str = "bar",
                 release: str | None = None, loader=None):
        import ipywidgets as w

        self._loader = loader
        self._hold = False
        # What the last update computed for a selection, so that an update which changes only the chart kind (or
        # nothing) redraws without recomputing the measure. The tables are fixed for the kernel's life (and the
        # loader for this widget's), so a selection always gives the same numbers.
        self._computed_key: tuple | None = None
        self._computed: dict = {}
        self._charts: dict[str, dict] = {}
        self._preset_cache: dict[tuple[str, int], list[str]] = {}
        self.result: dict | None = None
        self.frame = None  # the last computed tidy frame (pandas), for teachers and tests
        names = ms.country_names(loader=loader)
        self._names = names
        options = sorted(((f"{n} ({c})", c) for c, n in names.items()), key=lambda o: o[0].casefold())
        problems = []
        if measure not in ms.MEASURES:
            problems.append(f"unknown measure {measure!r}: showing {ms.MEASURES['spending_pct_gdp'].label} instead.")
            measure = "spending_pct_gdp"
        self.measure = w.Dropdown(options=[(m.label, k) for k, m in ms.MEASURES.items()], value=measure,
                                  description="Measure", style={"description_width": "90px"},
                                  layout=w.Layout(width="520px"))
        self.preset = w.Dropdown(options=[("(pick allies below)", "")] + [(v, k) for k, v in groups.PRESETS.items()],
                                 value="", description="Group", style={"description_width": "90px"})
        self.countries = w.SelectMultiple(options=options, rows=8, description="Allies",
                                          style={"description_width": "90px"}, layout=w.Layout(width="420px"))
        self.start = w.IntText(value=int(start), description="From", style={"description_width": "90px"},
                               layout=w.Layout(width="180px"))
        self.end = w.IntText(value=int(end), description="To", style={"description_width": "40px"},
                             layout=w.Layout(width="130px"))
        if normalisation not in ms.NORMALISATIONS:
            problems.append(f"unknown normalisation {normalisation!r}: showing values as measured.")
            normalisation = "none"
        self.normalisation = w.Dropdown(options=[(v, k) for k, v in ms.NORMALISATIONS.items()],
                                        value=normalisation, description="Show", style={"description_width": "90px"})
        self.release = w.Dropdown(options=self._release_options(measure), value="", description="Release",
                                  style={"description_width": "90px"}, layout=w.Layout(width="520px"))
        if release:
            if release in dict(self._release_options(measure)).values():
                self.release.value = release
            else:
                problems.append(f"{ms.MEASURES[measure].label} has no release {release!r}: showing the release "
                                "that covers the selection best.")
        self.kind = w.ToggleButtons(options=[("Ranked, end year", "bar"), ("Over time", "line")],
                                    value=kind if kind in ("bar", "line") else "bar")
        self.message_box = w.HTML()
        self.table = w.HTML()
        self.chart = w.Output()
        self.note = w.HTML()
        self.widget = w.VBox([
            w.HTML("<b>Burden explorer</b>"), self.measure, self.preset, self.countries,
            w.HBox([self.start, self.end]), self.normalisation, self.release, self.kind, self.message_box, self.note,
            w.HBox([self.chart, self.table]),
        ], layout=w.Layout(border="1px solid #ccc", padding="6px"))
        self.widget.add_class("course-burden-explorer")

        valid = {c for _, c in options}
        if countries:
            unknown = [c for c in countries if str(c).upper() not in valid]
            if unknown:
                problems.append(f"unknown country code(s) {', '.join(map(str, unknown))}: use ISO3 codes "
                                "such as DEU or USA.")
            self.countries.value = tuple(str(c).upper() for c in countries if str(c).upper() in valid)
        for control in (self.countries, self.start, self.end, self.normalisation, self.release, self.kind):
            control.observe(self._changed, names="value")
        self.measure.observe(self._measure_changed, names="value")
        self.preset.observe(self._preset_changed, names="value")
        if preset:
            if preset in groups.PRESETS:
                self.preset.value = preset  # sets the countries and updates
            else:
                problems.append(f"unknown group {preset!r}: choose one of {', '.join(groups.PRESETS)}.")
        if not self.result:
            self.update()
        if problems and self.message_box.value == "":
            self._say(" ".join(problems))

    # ------------------------------------------------------------------------------------- display
    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------------------------------- state
    @property
    def selection(self) -> dict:
        """The current choices as plain data (what an evidence item records as its filters)."""
        preset = self.preset.value or None
        if preset and set(self.countries.value) != set(self._preset_members(preset)):
            preset = None  # the group was edited by hand
        return {"measure": self.measure.value, "countries": list(self.countries.value),
                "start": int(self.start.value), "end": int(self.end.value),
                "normalisation": self.normalisation.value, "preset": preset,
                "release": self.release.value or None}  # None: the release that covers the selection best

    @property
    def message(self) -> str:
        """What is wrong with the selection (plain text), or ""."""
        return html.unescape(_strip_tags(self.message_box.value))

    def set_selection(self, measure: str | None = None, countries: list[str] | None = None,
                      start: int | None = None, end: int | None = None, normalisation: str | None = None,
                      preset: str | None = None, release: str | None = None) -> None:
        """Set several controls at once (one update). Unknown values give a message, not an exception."""
        self._hold = True
        problems = []
        try:
            if measure is not None:
                if measure in ms.MEASURES:
                    self.measure.value = measure
                else:
                    problems.append(f"unknown measure {measure!r}: choose one of {', '.join(ms.MEASURES)}.")
            if release is not None:
                if release in dict(self.release.options).values():
                    self.release.value = release
                else:
                    problems.append(f"{ms.MEASURES[self.measure.value].label} has no release {release!r}.")
            if normalisation is not None:
                if normalisation in ms.NORMALISATIONS:
                    self.normalisation.value = normalisation
                else:
                    problems.append(f"unknown normalisation {normalisation!r}.")
            if start is not None:
                self.start.value = int(start)
            if end is not None:
                self.end.value = int(end)
            if preset:
                self.preset.value = preset if preset in groups.PRESETS else ""
            if countries is not None:
                valid = {c for _, c in self.countries.options}
                self.countries.value = tuple(c for c in (str(x).upper() for x in countries) if c in valid)
        finally:
            self._hold = False
        self.update()
        if problems:
            self._fail(" ".join(problems))

    def evidence(self, note: str = "") -> dict:
        """The current selection as an argument evidence item (see :func:`course_utils.arguments.make_evidence`).

        The item is made from the selection this explorer has already computed (and draws), so it records the very
        numbers and the one release of the chart. Raises :class:`~course_utils.measures.MeasureError` if the
        selection cannot be computed."""
        from ..arguments import evidence_item

        s = self.selection
        if self._computed_key != self._key(s):
            self.update()
        if self._computed_key != self._key(s) or "selection" not in self._computed:
            raise ms.MeasureError(self.message or "this selection could not be computed.")
        return evidence_item(self._computed["selection"], preset=s["preset"], note=note)

    # ------------------------------------------------------------------------------------- events
    def _preset_members(self, preset: str) -> list[str]:
        key = (preset, int(self.end.value))
        if key not in self._preset_cache:  # read on every update (see ``selection``); the tables do not change
            try:
                self._preset_cache[key] = groups.preset_countries(preset, key[1], loader=self._loader)
            except Exception:  # noqa: BLE001 - a preset that cannot be read leaves the selection alone
                return []
        return list(self._preset_cache[key])

    def _preset_changed(self, change) -> None:
        if not change["new"]:
            return
        valid = {c for _, c in self.countries.options}
        hold, self._hold = self._hold, True
        try:
            self.countries.value = tuple(c for c in self._preset_members(change["new"]) if c in valid)
        finally:
            self._hold = hold
        if not self._hold:
            self.update()

    def _changed(self, change) -> None:
        if not self._hold:
            self.update()

    @staticmethod
    def _release_options(measure: str) -> list[tuple[str, str]]:
        m = ms.MEASURES.get(measure)
        if m is None or not m.releases:
            return [("(not drawn from a release)", "")]
        return [("Best coverage of the selection", "")] + [(ms.release_label(r), r) for r in m.releases]

    def _measure_changed(self, change) -> None:
        """A new measure offers its own releases; a release chosen before stays chosen if the new measure has it."""
        options = self._release_options(change["new"])
        keep = self.release.value if self.release.value in dict(options).values() else ""
        hold, self._hold = self._hold, True
        try:
            self.release.options = options
            self.release.value = keep
            self.release.disabled = len(options) == 1
        finally:
            self._hold = hold
        if not self._hold:
            self.update()

    @staticmethod
    def _key(s: dict) -> tuple:
        return (s["measure"], tuple(s["countries"]), s["start"], s["end"], s["normalisation"], s["release"])

    def _say(self, text: str, kind: str = "warning") -> None:
        colour = {"warning": "#D55E00", "info": "#555"}[kind]
        self.message_box.value = (f'<div class="course-message" style="color:{colour}">'
                                  f'{"⚠ " if kind == "warning" else ""}{html.escape(text)}</div>') if text else ""

    def _fail(self, text: str) -> None:
        self.result = None
        self.frame = None
        self._computed_key, self._computed, self._charts = None, {}, {}
        self._say(text)
        self.chart.outputs = ()
        self.table.value = ""

    def update(self) -> dict | None:
        """Recompute the measure for the current selection and redraw; returns :attr:`result` (None if invalid)."""
        try:
            return self._update()
        except ms.MeasureError as exc:
            self._fail(str(exc))
        except Exception as exc:  # noqa: BLE001 - a widget shows a message, never a traceback
            self._fail(f"this selection could not be computed ({type(exc).__name__}: {exc}). Try other "
                       "countries, years or another measure.")
        return None

    def _update(self) -> dict | None:
        s = self.selection
        m = ms.MEASURES.get(s["measure"])
        if m is None:
            raise ms.MeasureError(f"unknown measure {s['measure']!r}.")
        key = self._key(s)
        if key != self._computed_key:
            self._computed_key, self._computed, self._charts = None, {}, {}
            self._computed = self._compute(s, m)
            self._computed_key = key
        c = self._computed
        kind = self.kind.value
        bundle = self._charts.get(kind)
        if bundle is None:
            spec = ranked_spec(c["frame"], kind=kind, year=c["year"], label=m.label, subtitle=c["subtitle"])
            bundle = self._charts[kind] = chart_bundle(spec)
        spec = next(v for k, v in bundle["data"].items() if k.startswith("application/vnd.vegalite"))
        self.chart.outputs = (bundle,)
        self.table.value = c["table"]
        self.frame = c["frame"].copy(deep=False)  # copy-on-write: changing it leaves the kept frame alone
        self.result = {"measure": s["measure"], "label": m.label, "unit": c["unit"], "year": c["year"],
                       "values": dict(c["values"]), "names": dict(c["result_names"]), "flags": dict(c["flags"]),
                       "missing": list(c["missing"]), "statements": [dict(x) for x in c["statements"]],
                       "tables": list(m.tables), "release": c["selection"].release,
                       "release_label": c["selection"].release_label,
                       "coverage": {r: list(v) for r, v in c["selection"].coverage.items()},
                       "description": spec["description"]}
        self._say("")
        self.note.value = c["note"]
        return self.result

    def _compute(self, s: dict, m) -> dict:
        """The numbers, table and notes of a selection (everything of an update but the chart), from
        :func:`course_utils.measures.select`: the same computation an evidence item records."""
        sel = ms.select(s["measure"], s["countries"], s["start"], s["end"], s["normalisation"],
                        release=s["release"], loader=self._loader)
        names, values, year = sel.names, sel.values, sel.year
        notes = []
        if sel.missing:
            where = f" in {sel.release_label}" if sel.release else ""
            notes.append(f"No data for {year}{where}: "
                         f"{', '.join(names.get(c, self._names.get(c, c)) for c in sel.missing)} (marked 'no data').")
        subtitle = None
        if sel.release:
            subtitle = f"Source: {sel.release_label}. One release per chart."
            cov = sel.coverage
            how = "chosen" if s["release"] else "the best coverage of this selection"
            others = "; ".join(f"{ms.release_label(r)}: {n} countries in {year}, {k} country-years"
                               for r, (n, k) in cov.items() if r != sel.release)
            notes.append(f"Release: {sel.release_label} ({how}; {cov[sel.release][0]} of {len(sel.countries)} "
                         f"countries in {year}). Values from different releases are never mixed in one chart."
                         + (f" Other releases: {others}." if others else ""))
        if m.note:
            notes.append(m.note)
        return {"selection": sel, "frame": sel.frame, "year": year, "values": values, "flags": sel.flags,
                "missing": list(sel.missing), "statements": list(sel.statements), "unit": sel.unit,
                "subtitle": subtitle, "result_names": {k: names.get(k, self._names.get(k, k)) for k in values},
                "table": _table_html(values, {**self._names, **names}, sel.flags, sel.unit, year),
                "note": "<br>".join(f"<small>{html.escape(n)}</small>" for n in notes)}


def _strip_tags(text: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", text).replace("⚠ ", "").strip()


def _table_html(values: dict, names: dict, flags: dict, unit: str, year: int) -> str:
    rows = []
    for rank, (iso3, v) in enumerate(values.items(), 1):
        shown = "no data" if v is None else format_number(v)
        caveat = html.escape(caveat_names(flags.get(iso3, "")))
        rows.append(f"<tr><td>{rank if v is not None else ''}</td><td>{html.escape(names.get(iso3, iso3))}</td>"
                    f"<td style='text-align:right'>{shown}</td><td>{caveat}</td></tr>")
    return (f"<table class='course-ranked-table'><caption>{year}, {html.escape(unit)}</caption>"
            "<thead><tr><th>#</th><th>Country</th><th>Value</th><th>Caveats</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")
