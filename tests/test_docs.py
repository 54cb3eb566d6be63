"""The instructor guide's `course` commands exist as written, and the guide covers every lesson.

Every line of a fenced code block in docs/instructor-guide.md that starts with `course ` is checked against the
command's own argparse help (`python -m course_utils.cli SUBCOMMAND --help`, exit 0): the subcommand exists and every
option the line uses is one the subcommand offers. cli.py builds its parser in build_parser(), so the help text is the
parser's public face; nothing is run but --help.
"""
from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def course_lines() -> list[str]:
    lines = []
    for block in FENCE.findall(guide_text()):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("course "):
                lines.append(line)
    return lines


def words(line: str) -> list[str]:
    """The command's words, without a trailing shell comment (`# ...`)."""
    return shlex.split(line, comments=True)


@lru_cache(maxsize=None)
def help_text(subcommand: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "course_utils.cli", subcommand, "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"course {subcommand} --help exited {proc.returncode}:\n{proc.stderr}"
    return proc.stdout


def test_the_guide_has_course_commands():
    subcommands = {words(line)[1] for line in course_lines()}
    # the weekly cycle and the variant, at least
    assert {"release", "collect", "autograde", "feedback", "grades", "status", "variant"} <= subcommands


@pytest.mark.parametrize("line", course_lines())
def test_each_course_command_parses(line):
    argv = words(line)
    assert argv[0] == "course" and len(argv) > 1, line
    text = help_text(argv[1])
    options = set(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", text))
    for word in argv[2:]:
        if word.startswith("-"):
            flag = word.split("=", 1)[0]
            assert flag in options, f"{line!r}: `course {argv[1]}` has no option {flag} (its help: {sorted(options)})"


def test_the_guide_has_a_section_for_every_lesson():
    lessons = sorted(p.name for p in (ROOT / "solutions").iterdir()
                     if p.is_dir() and not p.name.startswith((".", "_")))
    assert lessons, "no lessons in solutions/"
    headings = [h for h in re.findall(r"^#{2,4} (.+)$", guide_text(), re.M)]
    missing = [lesson for lesson in lessons if not any(h.startswith(lesson) for h in headings)]
    assert not missing, f"docs/instructor-guide.md has no section for {missing}"


def test_instructor_guide_lesson_sections_are_current():
    """The per-lesson sections are generated from the solutions notebooks: regenerate after changing a lesson."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_guide", ROOT / "docs" / "guide" / "build_guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    guide = ROOT / "docs" / "guide"
    expected = module.build(ROOT / "solutions", guide / "prompts.json", guide / "guide_head.md")
    assert (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8") == expected, \
        "docs/instructor-guide.md is stale: run `python docs/guide/build_guide.py`"


def test_course_help_lists_every_command_on_one_line():
    from course_utils.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    helps = {a.dest: a.help for a in sub._choices_actions}  # each registered command's help= line
    assert sorted(helps) == sorted(sub.choices) and all(helps.values()), "every command has a help line"
    proc = subprocess.run([sys.executable, "-m", "course_utils.cli", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "60"})  # a narrow terminal
    assert proc.returncode == 0, proc.stderr
    listed = {}
    for line in proc.stdout.split("commands:", 1)[1].splitlines():
        m = re.match(r"^ {4}(\S+) +(\S.*)$", line)
        if m:
            listed[m[1]] = m[2]
    assert listed == helps, proc.stdout
