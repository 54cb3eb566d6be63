"""The standard chart: the Vega-Lite spec the burden explorer builds directly (``ranked_spec``) is the altair chart
(``ranked_chart``) field by field and as drawn; caveats are marked without colour; the alt text reads the data."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from course_utils import charts
from course_utils import groups, measures as ms


def _altair_spec(frame, **kw) -> dict:
    """``ranked_chart(...).to_dict()`` with each layer's rows put in the layer (altair names shared datasets)."""
    d = json.loads(json.dumps(charts.ranked_chart(frame, **kw).to_dict(validate=False)))
    datasets, top = d.pop("datasets", {}), d.pop("data", None)
    for layer in d["layer"]:
        layer["data"] = datasets[layer.get("data", top)["name"]]
    return d


def _direct_spec(frame, **kw) -> dict:
    d = json.loads(json.dumps(charts.ranked_spec(frame, **kw)))
    for layer in d["layer"]:
        assert layer["data"]["format"] == {"type": "json"}
        layer["data"] = json.loads(layer["data"]["values"])
    return d


def _frames():
    nato = groups.preset_countries("nato", 2019)
    yield ms.evaluate("spending_pct_gdp", nato, 2012, 2019)
    yield ms.evaluate("us_troops_hosted", ["AFG", "IRQ", "DEU", "JPN", "XXX"], 2000, 2012)
    yield ms.evaluate("us_troops_hosted", ms.available_countries("us_troops_hosted"), 1950, 2025)
    yield ms.evaluate("troops_per_million", nato, 2010, 2019, "index")
    yield ms.evaluate("afghanistan_deaths_per_million", ["GBR", "CAN", "DNK", "USA", "EST"], 2001, 2014, "share")
    odd = ms.evaluate("spending_usd", ["USA", "GBR", "FRA", "DEU"], 2015, 2019)
    odd.loc[0, "flag"] = None  # missing flag, unknown flag, several flags, infinite and missing values, quotes
    odd.loc[1, "flag"] = "estimate;made_up_flag"
    odd.loc[2, "value"] = float("inf")
    odd.loc[3, "value"] = float("nan")
    odd.loc[odd.iso3 == "GBR", "country"] = 'United "Kingdom" / 100% é'
    yield odd


@pytest.mark.parametrize("frame", list(_frames()), ids=["nato", "hosts", "all_hosts", "index", "share", "odd"])
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_direct_spec_is_the_altair_chart(frame, kind):
    for year in (int(frame["year"].max()), None):
        assert _direct_spec(frame, kind=kind, year=year, label="L") == _altair_spec(frame, kind=kind, year=year,
                                                                                    label="L")
    assert (_direct_spec(frame, kind=kind, title="T", description="D")
            == _altair_spec(frame, kind=kind, title="T", description="D"))


def test_direct_spec_draws_the_same_svg():
    vlc = pytest.importorskip("vl_convert")
    frame = ms.evaluate("us_troops_hosted", ["AFG", "IRQ", "DEU", "JPN", "KOR"], 2001, 2012)
    for kind in ("bar", "line"):
        old = charts.ranked_chart(frame, kind=kind, label="L").to_dict(validate=False)
        new = charts.ranked_spec(frame, kind=kind, label="L")
        assert vlc.vegalite_to_svg(new, vl_version="5.20") == vlc.vegalite_to_svg(old, vl_version="5.20")


def test_spec_carries_theme_alt_text_and_colourless_caveat_marks():
    frame = ms.evaluate("us_troops_hosted", ["AFG", "IRQ", "DEU"], 2003, 2005)
    bar = charts.ranked_spec(frame, kind="bar", year=2005, label="U.S. troops")
    assert bar["config"]["range"]["category"] == charts.OKABE_ITO
    assert bar["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    assert bar["description"] == charts.alt_text(frame, kind="bar", year=2005, label="U.S. troops",
                                                 unit="U.S. active-duty personnel")
    points, labels = bar["layer"][1], bar["layer"][2]
    assert points["mark"]["color"] == labels["mark"]["color"] == "black"
    assert points["encoding"]["shape"]["scale"] == {"domain": ["estimate"], "range": ["triangle-up"]}
    assert labels["encoding"]["text"]["field"] == "caveat_label"
    assert {r["caveat_label"] for r in json.loads(labels["data"]["values"])} == {"est."}
    bundle = charts.chart_bundle(bar)
    assert bundle["data"]["application/vnd.vegalite.v5+json"] is bar
    assert bundle["data"]["text/plain"] == f"<chart: {bar['description']}>"
    old = charts.chart_bundle(charts.ranked_chart(frame, kind="bar", year=2005, label="U.S. troops"))
    assert set(old["data"]) == set(bundle["data"])
    with pytest.raises(ValueError, match="kind"):
        charts.ranked_spec(frame, kind="pie")


def test_alt_text_names_ranks_caveats_and_missing():
    frame = pd.DataFrame({"iso3": list("ABCDEFGH"), "country": [f"C{i}" for i in range(8)], "year": 2019,
                          "value": [5.0, 1.0, float("nan"), 7.0, 3.0, 2500.0, 4.0, 6.0],
                          "flag": ["estimate", "", "not_reported", "estimate;partial", "", "", "", "partial"]})
    text = charts.alt_text(frame, kind="bar", year=2019, label="L", unit="u")
    assert text == ("Bar chart of L (u) in 2019, 7 countries ranked from highest to lowest: C5 2,500; C3 7; C7 6; "
                    "C0 5; C6 4 ... lowest C1 1. Caveats marked on the chart: estimate (2), partial (2), "
                    "not reported (1). No data: C2.")
    line = charts.alt_text(frame.assign(year=[2018, 2019] * 4), kind="line", label="L")
    assert line.startswith("Line chart of L from 2018 to 2019 for 8 countries. In 2019 the highest is C5 (2,500).")


# ------------------------------------------------------------------------------ the flag vocabulary and caveat_marks
def _layers(chart) -> list[dict]:
    d = chart.to_dict(validate=False)
    datasets = d.get("datasets", {})
    layers = d.get("layer", [d])
    for layer in layers:
        layer["rows"] = datasets.get(layer.get("data", {}).get("name"), [])
    return layers


def test_caveat_marks_take_shapes_labels_and_tooltip_from_the_vocabulary():
    from course_utils import data

    vocabulary = data.flags()
    rows = pd.DataFrame({"year": [2001, 2002, 2003, 2004], "troops": [10.0, 20.0, float("nan"), 40.0],
                         "flag": ["", "estimate", "not_reported", "estimate;partial"]})
    points, text = _layers(charts.caveat_marks(rows, table="us_troops_abroad", x="year:Q", y="troops:Q"))
    scale = points["encoding"]["shape"]["scale"]
    assert scale == {"domain": [vocabulary[k].name for k in ("estimate", "not_reported")],
                     "range": [vocabulary[k].mark for k in ("estimate", "not_reported")]}
    assert points["mark"]["color"] == text["mark"]["color"] == "black"
    assert [r["year"] for r in points["rows"]] == [2002, 2003, 2004]  # no mark for an unflagged row
    assert [r["caveat_label"] for r in text["rows"]] == [
        vocabulary["estimate"].label, vocabulary["not_reported"].label,
        f"{vocabulary['estimate'].label}, {vocabulary['partial'].label}"]
    assert points["rows"][2]["caveat_meaning"] == f"{vocabulary['estimate'].meaning}; {vocabulary['partial'].meaning}"
    assert {t.get("field") for t in points["encoding"]["tooltip"]} >= {"caveat", "caveat_meaning"}
    # unflagged rows drawn too, under a name the chart gives them, with the vocabulary's mark for "no caveat"
    marks = _layers(charts.caveat_marks(rows, table="us_troops_abroad", x="year:Q", y="troops:Q",
                                        unflagged="DMDC count", labels=False))
    assert len(marks) == 1 and len(marks[0]["rows"]) == 4
    assert marks[0]["encoding"]["shape"]["scale"]["domain"][0] == "DMDC count"
    assert marks[0]["encoding"]["shape"]["scale"]["range"][0] == vocabulary[""].mark


def test_caveat_marks_refuse_a_flag_missing_from_the_vocabulary():
    from course_utils.data import DataError

    rows = pd.DataFrame({"year": [2001, 2002], "troops": [1.0, 2.0], "flag": ["estimate", "estimate;made_up_flag"]})
    with pytest.raises(DataError, match=r"table 'us_troops_abroad': flag 'made_up_flag' is not in the flag vocab"):
        charts.caveat_marks(rows, table="us_troops_abroad", x="year:Q", y="troops:Q")
    with pytest.raises(DataError, match=r"table 'economy'.*no flag column 'caveat'"):
        charts.caveat_marks(rows, table="economy", x="year:Q", y="troops:Q", flag="caveat")


def test_every_flag_in_a_shipped_table_is_in_the_vocabulary():
    from course_utils import data

    vocabulary = data.flags()
    assert "" in vocabulary
    marks = [f.mark for f in vocabulary.values()]
    assert len(set(marks)) == len(marks), "two flags share a mark shape"
    for name in data.list_tables()["name"]:
        table = data.load(name)
        if "flag" not in table:
            continue
        used = {f for v in table["flag"].unique() for f in data.split_flags(v)}
        assert used <= set(vocabulary), f"{name}: flags {used - set(vocabulary)} not in the vocabulary"
    package = json.loads((data.data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:  # what a table's schema allows is in the vocabulary too
        for field in resource["schema"]["fields"]:
            if field["name"] == "flag":
                assert set(field["constraints"]["enum"]) <= set(vocabulary), resource["name"]


def test_one_number_formatter_in_two_styles():
    from course_utils.numbers import format_number

    assert [format_number(x) for x in (2500.0, 999.4, 7.0, 0.012345, float("nan"), float("inf"))] == [
        "2,500", "999", "7", "0.0123", "no data", "no data"]
    assert [format_number(x, "fixed") for x in (1.0, 12.345, 35000.0, 0.0, 0.000012, float("nan"))] == [
        "1.00", "12.3", "35,000", "0", "0.0000", "nan"]
    with pytest.raises(ValueError, match="style"):
        format_number(1.0, "long")


def test_standard_charts_and_alt_text_read_the_vocabulary(monkeypatch):
    """Change a flag's name, label and mark in the vocabulary: the standard chart and the alt text follow."""
    from course_utils import data

    changed = dict(data.flags())
    changed["estimate"] = data.Flag("estimate", "outside estimate", "EST", "square", "")
    monkeypatch.setattr(data, "flags", lambda: changed)
    frame = ms.evaluate("us_troops_hosted", ["AFG", "IRQ", "DEU"], 2003, 2005)
    bar = charts.ranked_spec(frame, kind="bar", year=2005, label="U.S. troops")
    assert bar["layer"][1]["encoding"]["shape"]["scale"] == {"domain": ["estimate"], "range": ["square"]}
    assert {r["caveat_label"] for r in json.loads(bar["layer"][2]["data"]["values"])} == {"EST"}
    assert "Caveats marked on the chart: outside estimate (" in bar["description"]
    assert charts.caveat_names("estimate;not_reported") == "outside estimate, not reported"
