"""Unit tests of the course's nbgrader plugins (course_utils/nbgrader_plugins.py) on small fixture notebooks
(tests/fixtures/plugins/); the grading round trips test them again inside real nbgrader runs."""
from __future__ import annotations

import nbformat
import pytest
from traitlets.config import Config

from course_utils import nbgrader_plugins as plugins
from helpers import FIXTURES, grade_id

PLUGINS = FIXTURES / "plugins"


def fixture(name):
    return nbformat.read(PLUGINS / f"{name}.ipynb", as_version=4)


def executed(name, outputs: dict[int, list]):
    """A fixture as nbgrader hands it to feedback after execution: the notebooks are committed without outputs,
    so each test gives the outputs its plugin works on (cell index -> outputs)."""
    nb = fixture(name)
    for index, outs in outputs.items():
        nb.cells[index].outputs = [nbformat.from_dict(o) for o in outs]
    return nb


FAILING_OUTPUTS = {
    1: [{"output_type": "error", "ename": "CheckFailed", "evalue": "Q1: not yet right. Hint: count the countries.",
         "traceback": ["\u001b[0;31m---------------------------------------------------------------------------\u001b[0m",
                       "Cell In[3], line 4\n      2 _secret = load('us_troops_abroad')  # HIDDEN LINE\n----> 4 "
                       "expect_equal('Q1', answer, 3)",
                       "\u001b[0;31mCheckFailed\u001b[0m: Q1: not yet right. Hint: count the countries."]}],
    2: [{"output_type": "error", "ename": "ZeroDivisionError", "evalue": "division by zero",
         "traceback": ["Traceback line 1", "ZeroDivisionError: division by zero"]}],
}
CHART_OUTPUTS = {
    0: [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": {
        "application/vnd.vegalite.v5+json": {
            "$schema": "https://vega.github.io/schema/vega-lite/v5.json", "description": "Troops by year: a test chart",
            "data": {"values": [{"troops": 1, "year": 2001}, {"troops": 3, "year": 2002}]}, "mark": "line",
            "encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "troops", "type": "quantitative"}}},
        "text/plain": "alt.Chart(...)"}}],
}


def test_safe_deduplicate_ids_keeps_the_first_graded_cell_and_demotes_the_copy():
    nb, _ = plugins.SafeDeduplicateIds().preprocess(fixture("duplicated-test-cell"), {})
    ids = [grade_id(c) for c in nb.cells]
    assert ids.count("q1_tests") == 1 and ids.index("q1_tests") == 2
    copy = nb.cells[3]
    assert "nbgrader" not in copy.metadata and copy.source == nb.cells[2].source  # kept, as ordinary code
    assert "nbgrader" not in nb.cells[4].metadata  # emptied metadata is dropped, not left for a KeyError


def test_hide_test_tracebacks_keeps_only_the_message_of_a_failing_test_cell():
    nb, _ = plugins.HideTestTracebacks().preprocess(executed("failing-hidden-test", FAILING_OUTPUTS), {})
    [error] = nb.cells[1].outputs
    assert error.traceback == ["CheckFailed: Q1: not yet right. Hint: count the countries."]
    assert "HIDDEN LINE" not in str(nb.cells[1])
    # an ordinary cell's traceback is the student's own code: left alone
    assert nb.cells[2].outputs[0].traceback == ["Traceback line 1", "ZeroDivisionError: division by zero"]


def test_offline_charts_turn_vegalite_into_inline_svg_with_its_description():
    pytest.importorskip("vl_convert")
    nb, _ = plugins.OfflineCharts().preprocess(executed("vegalite-output", CHART_OUTPUTS), {})
    data = nb.cells[0].outputs[0].data
    assert not any(m.startswith("application/vnd.vegalite") for m in data)
    assert "<svg" in data["text/html"] and 'aria-label="Troops by year: a test chart"' in data["text/html"]


def test_flag_restored_test_cells_marks_only_the_cell_nbgrader_put_back():
    nb, _ = plugins.FlagRestoredTestCells().preprocess(fixture("restored-test-cell"), {})
    flagged = [grade_id(c) for c in nb.cells if c.metadata.get("course", {}).get("restored")]
    assert flagged == ["q2_tests"]
    assert nb.cells[2].source.endswith("assert answer2 == 4")  # scored on merit: the test itself is unchanged


@pytest.mark.parametrize("seconds_late, expected", [(0, None), (60, 0.8), (2 * 86400 + 3600, 2.4),
                                                     (30 * 86400, 4.0)])
def test_daily_late_penalty_default_policy(seconds_late, expected):
    assert plugins.DailyLatePenalty().late_submission_penalty("s", 8.0, seconds_late) == expected


def test_daily_late_penalty_reads_its_settings_from_config():
    config = Config()
    config.DailyLatePenalty.per_day = 0.05
    config.DailyLatePenalty.max_fraction = 0.25
    policy = plugins.DailyLatePenalty(config=config)
    assert policy.late_submission_penalty("s", 8.0, 3 * 86400 - 10) == pytest.approx(1.2)  # 3 days: 15%
    assert policy.late_submission_penalty("s", 8.0, 10 * 86400) == pytest.approx(2.0)  # capped at 25%
