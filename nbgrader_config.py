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

# Autograding: a cell may run for 60 s; a deleted graded cell is re-added (and scores 0) instead of staying
# "needs manual grade" forever.
c.Execute.timeout = 60
c.OverwriteCells.add_missing_cells = True
