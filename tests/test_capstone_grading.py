"""The capstone's grading round trip, with real `nbgrader autograde`: the solution and a strong student argument saved
through the builder earn full autograded marks; a tampered statistic is caught; an argument never saved (or a
hand-broken file) gets a clear message and the score for what is there; evidence from one table only loses the
structure points."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers import course_with_release
from course_utils import arguments as A
from course_utils.grading import autograde

pytestmark = pytest.mark.slow

LESSON = "08-capstone-argument"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
ARG_CELLS = ("q5_tests", "q6_tests", "q7_tests")

REASONING = ("My claim is that between 2014 and 2019 the NATO allies moved towards the 2 percent guideline while the "
             "United States still carried more than its economic weight, so burden shifting has started but is not "
             "finished. The first item compares defence spending as a share of GDP across the allies in 2019: the "
             "United States is still near the top, but several eastern allies are above it or close to it. The "
             "second item indexes the same measure to 2014 and shows that most allies raised their effort after the "
             "Wales pledge, which is the change my claim is about. The third item changes the measure to troops "
             "deployed abroad per million population, because spending is an input to collective defence and not "
             "to counterterrorism; here the United States leads by far, which is why I say shifting is unfinished. "
             "The data cannot tell me why the allies spent more: Russia's annexation of Crimea is an alternative "
             "explanation to American pressure, and the tables cannot separate the two.")
COUNTER = ("Olson and Zeckhauser would answer that small allies still ride free: the largest ally deploys far more "
           "troops abroad per head and carries a larger share of the group's spending than of its GDP, so a rise "
           "from a low base does not change who pays, and the rise after 2014 may be a response to Russia only.")
REBUTTAL = ("I concede the level: the United States still pays and deploys more than its weight. My claim is about "
            "the direction, and the index shows that most allies moved up while the U.S. share fell. Whether the "
            "cause was Russia or Washington does not change the fact that the burden moved, though it does limit "
            "what I can say about U.S. pressure working.")


def student_argument(folder: Path) -> Path:
    """A strong student argument, built by driving the two widgets from Python exactly as the buttons do."""
    from course_utils import ArgumentBuilder, BurdenExplorer

    explorer = BurdenExplorer(preset="nato", start=2012, end=2019)
    builder = ArgumentBuilder(LESSON, explorer=explorer, folder=folder)
    builder.claim.value = "burden_shifting_first"
    explorer.set_selection(measure="spending_pct_gdp", start=2014, end=2019)  # the NATO preset, as opened
    assert builder.add_evidence(), builder.message
    explorer.normalisation.value = "index"
    assert builder.add_evidence(), builder.message
    explorer.normalisation.value = "none"
    explorer.measure.value = "troops_per_million"
    assert builder.add_evidence(), builder.message
    builder.reasoning.value, builder.counter_argument.value, builder.rebuttal.value = REASONING, COUNTER, REBUTTAL
    path = builder.save()
    assert path, builder.message
    report = builder.check()
    assert report.ok, str(report)
    return path


def one_table_argument() -> dict:
    nato = A.make_evidence("spending_pct_gdp", ["USA", "DEU", "FRA", "GBR"], 2014, 2019)
    items = [nato, A.make_evidence("spending_per_capita", ["USA", "DEU", "FRA", "GBR"], 2014, 2019),
             A.make_evidence("spending_vs_gdp_share", ["USA", "DEU", "FRA", "GBR"], 2014, 2019)]
    return A.new_argument(LESSON, "small_allies_free_ride", evidence=items, reasoning=REASONING,
                          counter_argument=COUNTER, rebuttal=REBUTTAL)


def answered(release, solution):
    """The release with Q1-Q4 answered from the solution; the argument cell left as released."""
    nb = copy.deepcopy(release)
    sol = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in solution.cells}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_answer") and gid != "q5_answer":
            cell.source = SOLUTION_RE.sub(lambda m: m.group(1), sol[gid].source)
    return nb


def outputs_of(course, student, grade_id):
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return " | ".join((o.get("text", "") + o.get("evalue", "")).strip() for o in cell.outputs)



# ------------------------------------------------------------------------ generated arguments (builder vs grader)
def _words(n: int) -> str:
    return " ".join((REASONING.split() * 3)[:n])


def _tamper_value(item: dict) -> dict:
    item = json.loads(json.dumps(item))
    values = item["statistic"]["values"]
    key = next(k for k, v in values.items() if v is not None)
    values[key] = values[key] * 1.25 + 1
    return item


def _tamper_statement(item: dict) -> dict:
    item = json.loads(json.dumps(item))
    st = item["statements"][0]
    st["a"], st["b"] = st["b"], st["a"]
    return item


def _legacy(item: dict) -> dict:
    item = json.loads(json.dumps(item))
    item.pop("release", None)
    item["filters"].pop("release", None)
    return item


def evidence_pool() -> dict[str, dict]:
    from course_utils import groups, measures as ms

    nato = groups.preset_countries("nato", 2019)
    big = ["USA", "DEU", "FRA", "GBR", "ITA", "POL"]
    pool = {
        "pct": A.make_evidence("spending_pct_gdp", nato, 2014, 2019, preset="nato"),
        "pct_index": A.make_evidence("spending_pct_gdp", nato, 2014, 2019, "index"),
        "pct_sipri": A.make_evidence("spending_pct_gdp", big + ["MLI"], 2015, 2019, release="sipri_2022"),
        "share": A.make_evidence("spending_vs_gdp_share", nato, 2014, 2019),  # defence_spending + economy
        "usd": A.make_evidence("spending_usd", big, 2014, 2019),
        "troops": A.make_evidence("troops_per_million", nato, 2015, 2019),
        "afghan": A.make_evidence("afghanistan_deaths_per_million", ["USA", "GBR", "CAN", "DNK", "NLD"], 2009, 2012),
        "hosted": A.make_evidence("us_troops_hosted", ["DEU", "JPN", "KOR", "ITA"], 2015, 2019),
        "single": A.make_evidence("spending_pct_gdp", ["USA"], 2019, 2019),  # no comparison possible
        "legacy_ok": _legacy(A.make_evidence("spending_pct_gdp", big, 2014, 2019, release="nato_2025_08")),
        "legacy_spliced": _legacy(A.make_evidence("spending_pct_gdp", ["DEU", "MLI", "USA"], 2019, 2019,
                                                  release=ms.LEGACY_SPLICE)),
    }
    pool["pct_tampered"] = _tamper_value(pool["pct"])
    pool["troops_tampered"] = _tamper_value(pool["troops"])
    pool["afghan_false"] = _tamper_statement(pool["afghan"])
    pool["hosted_false"] = _tamper_statement(pool["hosted"])
    pool["no_statistic"] = {k: v for k, v in pool["usd"].items() if k != "statistic"}
    pool["unknown_measure"] = dict(pool["usd"], measure="burden_of_proof")
    return pool


def generated_arguments(pool: dict[str, dict], n_random: int = 24) -> dict[str, dict]:
    """Valid, borderline and broken arguments: hand-picked edge cases, then seeded random combinations."""
    import random

    policy = A.policy_for(LESSON)
    w = policy.min_words

    def arg(items, reasoning=w["reasoning"], counter=w["counter_argument"], rebuttal=w["rebuttal"],
            claim="burden_shifting_first", extra=None):
        a = A.new_argument(LESSON, claim, evidence=[pool[i] if isinstance(i, str) else i for i in items],
                           reasoning=_words(reasoning), counter_argument=_words(counter), rebuttal=_words(rebuttal))
        for key, value in (extra or {}).items():
            if value is KeyError:
                a.pop(key, None)
            else:
                a[key] = value
        return a

    valid = ["pct", "troops", "afghan"]
    cases = {
        "valid_minimum": arg(valid),
        "valid_five_items": arg(["pct", "pct_index", "share", "troops", "hosted"]),
        "valid_own_claim": arg(valid, claim="own", extra={"claim": {"id": "own", "text": "Allies shift, slowly."}}),
        "valid_legacy_one_release": arg(["legacy_ok", "troops", "afghan"]),
        "valid_sipri_release": arg(["pct_sipri", "hosted", "troops"]),
        "reasoning_one_short": arg(valid, reasoning=w["reasoning"] - 1),
        "counter_one_short": arg(valid, counter=w["counter_argument"] - 1),
        "rebuttal_one_short": arg(valid, rebuttal=w["rebuttal"] - 1),
        "rebuttal_missing": arg(valid, extra={"rebuttal": KeyError}),
        "reasoning_not_text": arg(valid, extra={"reasoning": None}),
        "two_items": arg(["pct", "troops"]),
        "economy_is_not_a_second_table": arg(["pct", "share", "usd"]),
        "one_table_many_items": arg(["pct", "pct_index", "usd", "pct_sipri"]),
        "no_claim": arg(valid, claim=""),
        "claim_missing": arg(valid, extra={"claim": KeyError}),
        "own_claim_empty": arg(valid, claim="own"),
        "claim_not_a_dict": arg(valid, extra={"claim": "Allies free-ride."}),
        "evidence_not_a_list": arg(valid, extra={"evidence": {"0": pool["pct"]}}),
        "junk_in_evidence": arg(valid, extra={"evidence": [pool["pct"], "junk", 7, pool["troops"], pool["afghan"]]}),
        "tampered_statistic": arg(["pct_tampered", "troops", "afghan"]),
        "tampered_among_four": arg(["pct", "troops_tampered", "afghan", "hosted"]),
        "false_comparison": arg(["pct", "troops", "afghan_false"]),
        "no_comparison": arg(["single", "single", "no_statistic"]),
        "spliced_legacy": arg(["legacy_spliced", "troops", "afghan"]),
        "spliced_with_three_good": arg(["legacy_spliced", "pct", "troops", "afghan"]),
        "no_statistic": arg(["no_statistic", "troops", "afghan"]),
        "unknown_measure": arg(["unknown_measure", "troops", "afghan", "pct"]),
        "empty": arg([], 0, 0, 0, claim=""),
    }
    rng = random.Random(11)
    names = sorted(pool)
    lengths = {k: [0, n // 2, n - 1, n, n + 1, 2 * n] for k, n in w.items()}
    for i in range(n_random):
        items = rng.sample(names, rng.choice([1, 2, 3, 3, 3, 4, 4, 5]))
        cases[f"random_{i:02d}"] = arg(items, *(rng.choice(lengths[k]) if rng.random() < 0.4 else w[k]
                                                 for k in ("reasoning", "counter_argument", "rebuttal")),
                                       claim=rng.choice(["burden_sharing_works", "small_allies_free_ride", "",
                                                         "us_credibility_binding"]))
    return cases


@pytest.fixture(scope="module")
def capstone(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("capstone"), LESSON)
    student_nb = answered(release, solution)
    good = json.loads(student_argument(tmp_path_factory.mktemp("argument")).read_text(encoding="utf-8"))
    tampered = json.loads(json.dumps(good))
    tampered["evidence"][0]["statistic"]["values"]["DEU"] = 2.0  # "Germany met the 2 % guideline in 2019"
    submissions = {"s1_solution": (solution, None), "s2_student_builder": (student_nb, good),
                   "s3_tampered": (student_nb, tampered), "s4_never_saved": (student_nb, None),
                   "s5_broken_json": (student_nb, "broken"), "s6_one_table": (student_nb, one_table_argument())}
    pool = evidence_pool()
    generated = generated_arguments(pool)
    submissions.update({f"g_{name}": (student_nb, arg) for name, arg in generated.items()})
    for student, (nb, arg) in submissions.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
        if arg == "broken":
            text = json.dumps(good, indent=2)
            (folder / f"{LESSON}.argument.json").write_text(text[:-40] + "\n", encoding="utf-8")
        elif arg is not None:
            A.save_argument(arg, folder / f"{LESSON}.argument.json")
    results = {r.student: r for r in autograde(course, LESSON, workers=2, cell_timeout=120, submission_timeout=600)}
    verdicts = {}  # what the builder says of each generated argument, restored from the very file submitted
    for name in generated:
        folder = course / "submitted" / f"g_{name}" / LESSON
        verdicts[name] = builder_verdict(folder)
    return course, results, verdicts


def builder_verdict(folder: Path):
    """The builder, opened on a submission's folder, restores the saved file and checks it (its button)."""
    from course_utils import ArgumentBuilder

    builder = ArgumentBuilder(LESSON, folder=folder)
    builder.check_button.click()
    return builder.report, builder.message


@pytest.mark.parametrize("student, expected", [("s1_solution", 15.0), ("s2_student_builder", 15.0),
                                                ("s3_tampered", 12.0), ("s4_never_saved", 8.0),
                                                ("s5_broken_json", 8.0), ("s6_one_table", 13.0)])
def test_capstone_scores(capstone, student, expected):
    r = capstone[1][student]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", expected, 15.0), r


def test_tampered_statistic_is_caught_with_a_message(capstone):
    course, results, _ = capstone
    assert results["s3_tampered"].cells["q6_tests"] == 0.0
    assert "not what the data give" in outputs_of(course, "s3_tampered", "q6_tests")


def test_never_saved_argument_gets_a_clear_message(capstone):
    course, results, _ = capstone
    assert [results["s4_never_saved"].cells[c] for c in ARG_CELLS] == [0.0, 0.0, 0.0]
    assert "press Save in the argument builder" in outputs_of(course, "s4_never_saved", "q5_tests")
    assert "not valid JSON" in outputs_of(course, "s5_broken_json", "q5_tests")


def test_the_builder_and_the_autograder_agree_on_every_generated_argument(capstone):
    """One class of generated arguments, graded by real nbgrader: the builder's verdict on each part (structure,
    evidence, statements) is the autograder's full or zero score on Q5, Q6, Q7; its "passes every automatic check"
    means full marks on all three."""
    course, results, verdicts = capstone
    assert len(verdicts) >= 50
    points = {"q5_tests": 2.0, "q6_tests": 3.0, "q7_tests": 2.0}
    parts = {"q5_tests": "structure", "q6_tests": "evidence", "q7_tests": "statements"}
    disagreements = []
    seen = {cell: set() for cell in points}
    for name, (report, message) in verdicts.items():
        r = results[f"g_{name}"]
        assert r.status == "graded", (name, r)
        for cell, part in parts.items():
            full = r.cells[cell] == points[cell]
            assert r.cells[cell] in (0.0, points[cell]), (name, cell, r.cells)
            seen[cell].add(full)
            if full != report.part_ok(part):
                disagreements.append(f"{name} {cell}: grader {r.cells[cell]:g}, builder {report.messages(part)}")
        says_pass = "passes every automatic check" in message
        if says_pass != all(r.cells[c] == points[c] for c in points):
            disagreements.append(f"{name}: builder says {message!r}, grader {r.cells}")
    assert not disagreements, "\n".join(disagreements)
    assert all(seen[c] == {True, False} for c in points), seen  # every question both passed and failed
    passing = [n for n, (report, _) in verdicts.items() if report.ok]
    assert 5 <= len(passing) <= len(verdicts) - 20, passing
