"""The saved-argument model: atomic save with backup, clear messages for bad files, recomputed evidence."""
from __future__ import annotations

import json

import pytest

from course_utils import arguments as A
from course_utils.checks import CheckFailed

TEXT = ("Allies with larger economies spend more in absolute terms but not always as a share of GDP here. " * 6).strip()
assert len(TEXT.split()) >= max(A.policy_for("demo").min_words.values())  # long enough for every text field


@pytest.fixture(scope="module")
def good():
    nato = ["USA", "DEU", "FRA", "GBR", "POL", "ITA"]
    evidence = [A.make_evidence("spending_pct_gdp", nato, 2014, 2019),
                A.make_evidence("troops_per_million", nato, 2014, 2019),
                A.make_evidence("spending_vs_gdp_share", nato, 2019, 2019)]
    return A.new_argument("demo", "small_allies_free_ride", evidence=evidence, reasoning=TEXT,
                          counter_argument=TEXT, rebuttal=TEXT)


def save(tmp_path, arg, name="demo.argument.json"):
    return A.save_argument(arg, tmp_path / name)


def test_good_argument_passes_every_check(good, tmp_path):
    path = save(tmp_path, good)
    report = A.check_argument(path)
    assert report.ok, str(report)
    assert len(report.passed["evidence"]) == 3 and report.passed["statements"]
    assert A.load_argument(path)["schema_version"] == A.SCHEMA_VERSION


def test_save_is_atomic_and_keeps_the_previous_save(good, tmp_path):
    path = save(tmp_path, good)
    first = path.read_text()
    second = dict(good, reasoning=TEXT + " Second draft.")
    save(tmp_path, second)
    assert json.loads(path.read_text())["reasoning"].endswith("Second draft.")
    assert (tmp_path / "demo.argument.json.bak").read_text() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.argument.json", "demo.argument.json.bak"]


def test_a_malformed_file_gives_a_message_naming_it_and_is_never_lost(good, tmp_path):
    path = tmp_path / "demo.argument.json"
    path.write_text('{"schema": "allies-after-911/argument", "claim": ', encoding="utf-8")
    with pytest.raises(A.ArgumentError, match=r"demo\.argument\.json is not valid JSON \(line 1"):
        A.load_argument(path)
    report = A.check_argument(path)
    assert not report.ok and "not valid JSON" in report.messages()[0]
    save(tmp_path, good)  # saving over it moves the unreadable file aside
    kept = list(tmp_path.glob("demo.argument.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text().endswith('"claim": ')
    assert A.check_argument(path).ok


def test_missing_file_and_foreign_json(tmp_path):
    with pytest.raises(A.ArgumentError, match="no saved argument found .*press Save"):
        A.load_argument(tmp_path / "demo.argument.json")
    (tmp_path / "x.json").write_text("[1, 2]")
    with pytest.raises(A.ArgumentError, match="not an argument saved by"):
        A.load_argument(tmp_path / "x.json")


def test_tampered_statistic_is_caught(good, tmp_path):
    arg = json.loads(json.dumps(good))
    values = arg["evidence"][0]["statistic"]["values"]
    values["DEU"] = round(values["DEU"] * 1.5, 3)
    report = A.check_argument(save(tmp_path, arg))
    assert report.part_ok("structure") and report.part_ok("statements")
    assert not report.part_ok("evidence")
    assert "saved value for DEU is not what the data give" in report.messages("evidence")[0]


def test_false_comparative_statement_is_caught(good, tmp_path):
    arg = json.loads(json.dumps(good))
    st = arg["evidence"][0]["statements"][0]
    st["a"], st["b"] = st["b"], st["a"]  # "Italy spends a larger share than the United States"
    report = A.check_argument(save(tmp_path, arg))
    assert report.part_ok("evidence") and not report.part_ok("statements")
    assert "is not true of the data" in report.messages("statements")[0]


def test_incomplete_structure_names_what_is_missing(tmp_path):
    arg = A.new_argument("demo", "", evidence=[A.make_evidence("spending_pct_gdp", ["USA", "DEU"], 2019, 2019)])
    msgs = " ".join(A.check_argument(arg).messages("structure"))
    for words in ("no claim", "1 evidence item", "1 data table", "the reasoning", "a counter-argument", "a rebuttal"):
        assert words in msgs


def test_check_saved_argument_for_test_cells(good, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CheckFailed, match="no saved argument found .*press Save in the argument builder"):
        A.check_saved_argument("demo")
    save(tmp_path, good)
    A.check_saved_argument("demo")
    assert "passes" in capsys.readouterr().out
    arg = json.loads(json.dumps(good))
    arg["evidence"][1]["statistic"]["values"]["USA"] = 1.0
    save(tmp_path, arg)
    A.check_saved_argument("demo", part="structure")
    with pytest.raises(CheckFailed, match="not what the data give"):
        A.check_saved_argument("demo", part="evidence")


def test_evidence_that_cannot_be_recomputed_is_reported(good):
    arg = json.loads(json.dumps(good))
    arg["evidence"][0]["measure"] = "made_up"
    arg["evidence"][1]["filters"]["start"] = 2030
    msgs = A.check_argument(arg).messages("evidence")
    assert any("unknown measure 'made_up'" in m for m in msgs)
    assert any("years are reversed" in m for m in msgs)


# ------------------------------------------------------------------------------------ one release per evidence item
def test_an_evidence_item_records_its_one_release_and_is_rechecked_from_it(good):
    from course_utils import measures as ms

    item = A.make_evidence("spending_pct_gdp", ["USA", "DEU", "MLI"], 2019, 2019, release="sipri_2022")
    assert item["release"] == item["filters"]["release"] == "sipri_2022"
    assert item["chart"]["description"].endswith(f"Source: {ms.RELEASES['sipri_2022']}.")
    nato = A.make_evidence("spending_pct_gdp", ["USA", "DEU", "MLI"], 2019, 2019, release="nato_2025_08")
    assert nato["statistic"]["values"]["MLI"] is None  # not in NATO's release: no data, not another release's value
    assert nato["statistic"]["values"]["DEU"] != item["statistic"]["values"]["DEU"]
    arg = json.loads(json.dumps(good))
    arg["evidence"][0] = item
    assert A.check_argument(arg).part_ok("evidence")
    arg["evidence"][0]["filters"]["release"] = "nato_2025_08"  # the SIPRI numbers claimed as NATO's
    msgs = A.check_argument(arg).messages("evidence")
    assert any("NATO, August 2025" in m and "not what the data give" in m for m in msgs)


def _legacy(item: dict) -> dict:
    """The item as course_utils saved it before items recorded their release (schema 1)."""
    item = json.loads(json.dumps(item))
    item.pop("release", None)
    item["filters"].pop("release", None)
    return item


def test_saved_arguments_from_before_one_release_still_load_and_spliced_items_say_so(good, tmp_path):
    from course_utils import measures as ms
    from course_utils.widgets import ArgumentBuilder

    arg = json.loads(json.dumps(good))
    # one release after all (2014-2019 NATO members: every value was NATO 2025's): accepted as that release
    arg["evidence"][0] = _legacy(A.make_evidence("spending_pct_gdp", ["USA", "DEU", "FRA"], 2014, 2019,
                                                 release="nato_2025_08"))
    # spliced: Germany's value from NATO 2025, Mali's from SIPRI, in one series
    spliced = _legacy(A.make_evidence("spending_pct_gdp", ["DEU", "MLI", "USA"], 2019, 2019,
                                      release=ms.LEGACY_SPLICE))
    arg["evidence"].append(spliced)
    path = save(tmp_path, arg)
    data = json.loads(path.read_text())
    data["schema_version"] = 1
    path.write_text(json.dumps(data))
    assert A.load_argument(path)["schema_version"] == 1
    report = A.check_argument(path)
    assert report.passed["evidence"] == ["evidence 1", "evidence 2", "evidence 3"]
    [msg] = report.messages("evidence")
    assert msg.startswith("evidence 4 (Defence spending as % of GDP) was saved before the explorer kept to one")
    assert "NATO, August 2025" in msg and "SIPRI" in msg and "add it again from the explorer" in msg
    builder = ArgumentBuilder("demo", folder=tmp_path)
    assert len(builder.evidence) == 4 and "restored from demo.argument.json" in builder.message
    assert "evidence 4" in builder.message and "splice" in builder.message
    tampered = json.loads(json.dumps(spliced))
    tampered["statistic"]["values"]["MLI"] = 9.9
    arg["evidence"][3] = tampered
    assert any("MLI" in m and "not what the data give" in m for m in A.check_argument(arg).messages("evidence"))
    forged = A.make_evidence("spending_pct_gdp", ["DEU", "MLI"], 2019, 2019, release=ms.LEGACY_SPLICE)
    arg["evidence"][3] = forged  # a splice saved under the new schema: never accepted
    assert any("mixes releases" in m for m in A.check_argument(arg).messages("evidence"))


def test_the_economy_table_never_counts_as_a_second_data_table(good):
    nato = ["USA", "DEU", "FRA", "GBR"]
    items = [A.make_evidence("spending_pct_gdp", nato, 2014, 2019),
             A.make_evidence("spending_vs_gdp_share", nato, 2014, 2019),  # tables: defence_spending, economy
             A.make_evidence("spending_usd", nato, 2014, 2019)]
    arg = dict(good, evidence=items)
    msgs = " ".join(A.check_argument(arg).messages("structure"))
    assert "1 data table(s) (defence_spending)" in msgs
    arg["evidence"] = items[:2] + [A.make_evidence("troops_per_million", nato, 2014, 2019)]
    assert A.check_argument(arg).part_ok("structure")


def test_words_per_field_come_from_the_policy(good):
    policy = A.policy_for("08-capstone-argument")
    for key, need in policy.min_words.items():
        short = dict(good, **{key: " ".join(["word"] * (need - 1))})
        enough = dict(good, **{key: " ".join(["word"] * need)})
        assert not A.check_argument(short, policy).part_ok("structure")
        assert A.check_argument(enough, policy).part_ok("structure")


def test_the_capstone_states_the_policy_its_checks_apply():
    """Lesson 08 tells students the rules in prose; the numbers there are the policy's (no second declaration)."""
    import re
    from pathlib import Path

    import nbformat

    nb = nbformat.read(Path(__file__).parents[1] / "solutions" / "08-capstone-argument" /
                       "08-capstone-argument.ipynb", as_version=4)
    text = " ".join(c.source.replace("\n", " ") for c in nb.cells if c.cell_type == "markdown")
    policy = A.policy_for("08-capstone-argument")
    number = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}

    def stated(pattern):
        found = re.findall(pattern, text)
        assert found, pattern
        return {int(x) if x.isdigit() else number[x] for x in found}

    assert stated(r"at least (\w+) (?:evidence )?items") == {policy.min_evidence}
    assert stated(r"at least (\w+) (?:different )?(?:data |course )?tables") == {policy.min_tables}
    assert stated(r"reasoning of at least (\d+) words") == {policy.min_words["reasoning"]}
    assert stated(r"a counter-argument and a rebuttal of at least (\d+) words each") == {
        policy.min_words["counter_argument"], policy.min_words["rebuttal"]}
    assert stated(r"at least (\w+) must\s+be verified") == {policy.min_verified}
    assert stated(r"at least (\w+) is needed") == {policy.min_statements}
