"""The widgets driven as a student would: set values, press buttons; save -> reload round trips; bad input."""
from __future__ import annotations

import json

import pytest

from course_utils import arguments as A
from course_utils.widgets import ArgumentBuilder, BurdenExplorer

TEXT = ("Enough words are needed for each of the written parts of this argument, as the policy says. " * 7).strip()


@pytest.fixture
def explorer():
    return BurdenExplorer(preset="nato", start=2014, end=2019)


def test_explorer_exposes_selection_and_result_as_plain_data(explorer):
    sel = explorer.selection
    assert sel["measure"] == "spending_pct_gdp" and sel["preset"] == "nato" and len(sel["countries"]) == 29
    res = explorer.result
    assert res["year"] == 2019 and next(iter(res["values"])) == "USA"
    assert isinstance(res["values"]["DEU"], float) and res["statements"]
    json.dumps({"selection": sel, "result": res})  # plain Python data
    bundle = explorer.chart.outputs[0]
    spec = bundle["data"]["application/vnd.vegalite.v5+json"]
    assert spec["description"].startswith("Bar chart of Defence spending as % of GDP")
    assert "no data" in spec["description"].lower() or "caveats" in spec["description"].lower()
    assert "<table" in explorer.table.value and explorer.message == ""


def test_changing_values_updates_the_result(explorer):
    explorer.measure.value = "troops_per_million"
    assert explorer.result["measure"] == "troops_per_million"
    explorer.countries.value = ("DEU", "FRA")
    assert explorer.selection["preset"] is None and set(explorer.result["values"]) == {"DEU", "FRA"}
    explorer.kind.value = "line"
    assert explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]["description"].startswith("Line")
    explorer.preset.value = "g5_sahel"
    explorer.measure.value = "spending_pct_gdp"
    assert set(explorer.result["values"]) == {"BFA", "MLI", "MRT", "NER", "TCD"}


@pytest.mark.parametrize("change,words", [
    ({"countries": []}, "no country chosen"),
    ({"start": 2019, "end": 2012}, "years are reversed"),
    ({"measure": "nonsense"}, "unknown measure"),
    ({"measure": "iraq_deaths_per_million", "countries": ["DEU"]}, "no data"),
])
def test_bad_input_gives_a_message_in_the_widget(explorer, change, words):
    explorer.set_selection(**change)
    assert words in explorer.message
    if "measure" not in change or change["measure"] != "nonsense":
        assert explorer.result is None and explorer.chart.outputs == ()
    assert "Traceback" not in explorer.message_box.value


def test_bad_constructor_arguments_give_messages_not_exceptions():
    e = BurdenExplorer(measure="nope", countries=["USA", "XXX"], start=2019, end=2014)
    assert "unknown measure" in e.message or "reversed" in e.message
    e.set_selection(start=2014)
    assert e.result is not None


def build(builder, explorer):
    builder.claim.value = "small_allies_free_ride"
    builder.add_button.click()
    explorer.measure.value = "troops_per_million"
    builder.add_button.click()
    explorer.measure.value = "spending_vs_gdp_share"
    builder.add_button.click()
    builder.reasoning.value = builder.counter_argument.value = builder.rebuttal.value = TEXT


def test_save_then_reload_round_trips(explorer, tmp_path):
    builder = ArgumentBuilder("demo", explorer=explorer, folder=tmp_path)
    build(builder, explorer)
    builder.save_button.click()
    assert "saved to demo.argument.json" in builder.message
    saved = json.loads((tmp_path / "demo.argument.json").read_text())
    assert [e["measure"] for e in saved["evidence"]] == ["spending_pct_gdp", "troops_per_million",
                                                         "spending_vs_gdp_share"]
    builder.check_button.click()
    assert builder.report.ok and "passes every automatic check" in builder.message

    again = ArgumentBuilder("demo", explorer=BurdenExplorer(), folder=tmp_path)
    assert "restored from demo.argument.json" in again.message
    assert again.argument["evidence"] == builder.argument["evidence"]
    assert again.claim.value == "small_allies_free_ride" and again.rebuttal.value == TEXT
    assert again.explorer.selection["measure"] == "spending_vs_gdp_share"

    again.evidence_pick.value = 0
    again.remove_button.click()
    again.save_button.click()
    assert "at least 3" in again.message  # saved, with what is still to do
    assert len(json.loads((tmp_path / "demo.argument.json.bak").read_text())["evidence"]) == 3


def test_own_claim_and_empty_argument(tmp_path):
    builder = ArgumentBuilder("demo", folder=tmp_path)
    builder.save_button.click()
    assert "argument is empty" in builder.message and not (tmp_path / "demo.argument.json").exists()
    builder.add_button.click()
    assert "no burden explorer linked" in builder.message
    builder.claim.value = "own"
    builder.own_claim.value = "Geography, not wealth, explains who spends."
    assert builder.add_evidence(measure="spending_pct_gdp", countries=["EST", "PRT"], start=2019, end=2019)
    assert builder.add_evidence(measure="spending_pct_gdp", countries=["EST"], start=2020, end=2019) is None
    assert "reversed" in builder.message
    builder.save_button.click()
    restored = ArgumentBuilder("demo", folder=tmp_path)
    assert restored.claim.value == "own" and restored.own_claim.value.startswith("Geography")


def test_malformed_file_is_reported_in_the_widget_and_kept(tmp_path, explorer):
    (tmp_path / "demo.argument.json").write_text("{ not json", encoding="utf-8")
    builder = ArgumentBuilder("demo", explorer=explorer, folder=tmp_path)
    assert "not valid JSON" in builder.message and "file is kept" in builder.message
    build(builder, explorer)
    builder.save_button.click()
    assert list(tmp_path.glob("demo.argument.json.unreadable-*"))[0].read_text() == "{ not json"
    assert ArgumentBuilder("demo", folder=tmp_path).evidence


def test_explorer_recomputes_on_a_new_selection_and_only_redraws_on_a_new_chart_kind(explorer, monkeypatch):
    from course_utils import measures as ms

    calls = []
    evaluate = ms.evaluate
    monkeypatch.setattr(ms, "evaluate", lambda *a, **k: calls.append(a) or evaluate(*a, **k))
    before = json.loads(json.dumps(explorer.result))
    explorer.kind.value = "line"
    explorer.kind.value = "bar"
    assert calls == [] and explorer.result == before  # same selection: same numbers, other chart
    spec = explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    assert spec["description"] == explorer.result["description"]
    rows = json.loads(spec["layer"][0]["data"]["values"])
    # every country of the release is drawn; a selected country the release does not list is "no data" in the table
    assert {r["iso3"] for r in rows} == set(explorer.frame[explorer.frame["year"] == 2019]["iso3"])
    assert {r["iso3"] for r in rows} | set(explorer.result["missing"]) == set(explorer.result["values"])
    explorer.end.value = 2018
    assert len(calls) == 1 and explorer.result["year"] == 2018
    explorer.set_selection(countries=["DEU", "FRA"])
    assert len(calls) == 2 and set(explorer.result["values"]) == {"DEU", "FRA"}
    fresh = BurdenExplorer(countries=["DEU", "FRA"], start=2014, end=2018)
    assert fresh.result == explorer.result and fresh.frame.equals(explorer.frame)


def test_changing_the_exposed_frame_or_result_does_not_change_the_next_draw(explorer):
    explorer.frame["value"] = -1.0
    explorer.result["values"]["USA"] = -1.0
    explorer.kind.value = "line"
    assert explorer.frame["value"].max() > 0 and explorer.result["values"]["USA"] > 0
    spec = explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    assert all(r["value"] is None or r["value"] >= 0 for r in json.loads(spec["layer"][0]["data"]["values"]))


def test_one_release_per_chart_named_on_it_and_chosen_by_the_student(explorer):
    from course_utils import measures as ms

    res = explorer.result  # NATO members 2014-2019: the three releases tie; NATO's newest is preferred
    assert res["release"] == "nato_2025_08" and explorer.frame["release"].eq("nato_2025_08").all()
    spec = explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    assert spec["title"]["subtitle"].startswith(f"Source: {ms.RELEASES['nato_2025_08']}")
    assert ms.RELEASES["nato_2025_08"] in spec["description"] and "Release:" in explorer.note.value
    explorer.release.value = "sipri_2022"
    spec = explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    assert explorer.result["release"] == "sipri_2022" and ms.RELEASES["sipri_2022"] in spec["title"]["subtitle"]
    item = explorer.evidence()
    assert item["filters"]["release"] == "sipri_2022"
    assert item["statistic"]["values"] == {k: A._round(v) for k, v in explorer.result["values"].items()}
    explorer.measure.value = "troops_per_million"
    assert explorer.release.disabled and explorer.result["release"] is None
    assert "title" in explorer.chart.outputs[0]["data"]["application/vnd.vegalite.v5+json"]
    explorer.set_selection(measure="spending_pct_gdp", countries=["MLI", "NER"], release="nato_2025_08")
    assert "no data" in explorer.message and "try others or another release" in explorer.message


def test_the_explorer_and_its_evidence_compute_the_selection_once(explorer, monkeypatch):
    from course_utils import measures as ms

    calls = []
    select = ms.select
    monkeypatch.setattr(ms, "select", lambda *a, **k: calls.append(a) or select(*a, **k))
    explorer.normalisation.value = "index"
    item = explorer.evidence()
    assert len(calls) == 1  # the update computed it; the evidence item reuses it
    assert item["statistic"]["values"]["USA"] == A._round(explorer.result["values"]["USA"])
