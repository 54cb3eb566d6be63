"""nbgrader configuration of the course. nbgrader reads it only from the current directory: run every nbgrader
command (and the `course` command's steps) from the repository root.

    solutions/NN-slug/NN-slug.ipynb  --nbgrader generate_assignment NN-slug-->  lessons/NN-slug/NN-slug.ipynb
"""
c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "allies-after-911"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "lessons"

# A student sees "...", replaces it, and the self-check below says whether the answer has the right shape.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE: replace the ... above with your answer"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding: a cell may run for 60 s (`course autograde --timeout S` overrides it); a deleted graded cell is
# re-added where it was and scored on merit (and the submission flagged for the instructor) instead of staying
# "needs manual grade" forever.
c.Execute.timeout = 60
c.OverwriteCells.add_missing_cells = True

# The course's own preprocessors (course_utils/nbgrader_plugins.py says why each exists).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (CheckCellMetadata, ClearHiddenTests, ClearOutput, GetGrades,  # noqa: E402
                                    OverwriteCells, OverwriteKernelspec)

from course_utils.nbgrader_plugins import (DailyLatePenalty, HideTestTracebacks, OfflineCharts,  # noqa: E402
                                           FlagRestoredTestCells, SafeDeduplicateIds)

c.Autograde.sanitize_preprocessors = [ClearOutput, SafeDeduplicateIds, OverwriteKernelspec, OverwriteCells,
                                      FlagRestoredTestCells, CheckCellMetadata]
# Feedback teaches without leaking: hidden tests' source and tracebacks are removed, the author's message stays,
# and charts are inline SVG.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, ClearHiddenTests, HideTestTracebacks,
                                    OfflineCharts]
c.ClearHiddenTests.enforce_metadata = False

# Late policy: each started day after the due date costs 10% of the points earned, at most 50%
# (course_utils/nbgrader_plugins.py, DailyLatePenalty). Set a lesson's due date with
#   nbgrader db assignment add NN-slug --duedate="2027-03-01 23:59:00 Europe/Berlin"
c.AssignLatePenalties.plugin_class = DailyLatePenalty
c.DailyLatePenalty.per_day = 0.10
c.DailyLatePenalty.max_fraction = 0.50
