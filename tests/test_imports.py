"""The modules of course_utils import one another in one direction only, and never in a circle.

Every import between course_utils modules is read from the source with ``ast`` (those inside functions too: a lazy
import is still a dependency), and checked against :data:`LAYERS`, bottom first: a module imports only modules of
lower layers, or modules of its own subpackage (the package's front door and its parts). So data <- charts <- widgets
and data <- measures <- arguments <- grading <- cli, and the doctor, which runs in a student's folder, never imports
the grading workflow. A new module goes into the layer that says what it may use.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "course_utils"

LAYERS = [
    # tables, self-checks, the notebook model, where the course is; nbgrader's plugins; the sandbox's parts
    {"data", "checks", "notebook_model", "course_root", "nbgrader_plugins", "hub_exchange", "datasets",
     "isolation", "isolation.linux", "isolation.policy", "numbers", "processes"},
    # what is computed from the tables; the file system and probe of the sandbox
    {"charts", "measures", "isolation.rootfs", "isolation.probe", "isolation.template_protocol"},
    # groups of countries, the argument rules; the grading sandbox
    {"groups", "argument_policy", "sandbox"},
    # the saved argument and its checks; the kernel template (forks sandboxed kernels)
    {"arguments", "kernel_template"},
    # the widgets; the grading workflow
    {"widgets", "widgets.explorer", "widgets.argument_builder", "grading"},
    # what runs on the grading workflow
    {"variants", "grades", "hub", "autograde_worker"},
    # the tools of students and authors
    {"doctor", "doctor.report", "doctor.locate", "doctor.command", "selfcheck", "lesson_tool"},
    # the command line, and the package's front door (its names are imported lazily, from any layer)
    {"cli", ""},
]


def module_name(path: Path) -> str:
    """``course_utils/doctor/report.py`` -> ``doctor.report``; the package's ``__init__`` -> ``""``."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "datasets" not in p.parts}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The course_utils modules that ``name`` imports anywhere in its source (relative or absolute)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()

    def add(target: str, names: list[str]) -> None:
        # ``from . import measures`` names a module; ``from .measures import X`` names names in one
        subs = [f"{target}.{n}".strip(".") for n in names if f"{target}.{n}".strip(".") in known]
        found.update(subs or [target])

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and (node.module == "course_utils" or node.module.startswith("course_utils.")):
                target = node.module[len("course_utils"):].lstrip(".")
            else:
                continue
            add(target, [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("course_utils."):
                    found.add(alias.name[len("course_utils."):])
    return {f for f in found if f != name}


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports(name, path, set(mods)) for name, path in mods.items()}


def layer_of(name: str) -> int:
    return next((i for i, layer in enumerate(LAYERS) if name in layer), -1)


def same_subpackage(a: str, b: str) -> bool:
    return "." in a + b and a.split(".")[0] == b.split(".")[0]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle (as a path that comes back to its start), found by depth-first search."""
    found, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def wrong_way(edges: dict[str, set[str]]) -> list[str]:
    out = []
    for a, targets in sorted(edges.items()):
        for b in sorted(targets):
            if same_subpackage(a, b):
                continue  # a package and its parts: only circles are wrong (test_no_import_cycle)
            if layer_of(b) >= layer_of(a):
                out.append(f"course_utils.{a or '__init__'} (layer {layer_of(a)}) imports course_utils."
                           f"{b or '__init__'} (layer {layer_of(b)})")
    return out


def test_every_module_is_placed_in_a_layer():
    unplaced = sorted(m for m in modules() if layer_of(m) < 0)
    assert unplaced == [], f"put each new module into a layer of tests/test_imports.py LAYERS: {unplaced}"


def test_no_import_cycle():
    found = cycles(graph())
    assert found == [], "import circles: " + "; ".join(" -> ".join(c) for c in found)


def test_imports_go_one_way():
    assert wrong_way(graph()) == []


def closure(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_the_doctor_does_not_import_the_grading_workflow():
    edges = graph()
    for part in [m for m in edges if m == "doctor" or m.startswith("doctor.")]:
        assert "grading" not in closure(edges, part), part
    # and at run time: checking a notebook loads neither the grading workflow nor the lesson tool
    code = ("import sys, course_utils.doctor as d; d.doctor_report(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m in ('course_utils.grading', 'course_utils.variants')))")
    release = PACKAGE.parent / "lessons" / "00-orientation" / "00-orientation.ipynb"
    run = subprocess.run([sys.executable, "-c", code, str(release)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


@pytest.mark.parametrize("edges, problem", [
    ({"data": {"charts"}, "charts": {"data"}}, "cycle"),
    ({"data": {"widgets.explorer"}, "widgets.explorer": set()}, "wrong way"),
    ({"grading": {"cli"}, "cli": set()}, "wrong way"),
    ({"arguments": {"grading"}, "grading": set()}, "wrong way"),
])
def test_the_checks_can_fail(edges, problem):
    if problem == "cycle":
        assert cycles(edges) == [["charts", "data", "charts"]]
    else:
        assert wrong_way(edges)


def test_relative_and_lazy_imports_are_read(tmp_path):
    fake = tmp_path / "arguments.py"  # read as course_utils/arguments.py
    fake.write_text("from . import measures as ms\nfrom .checks import CheckFailed\nimport json\n"
                    "def f():\n    from .widgets.explorer import BurdenExplorer\n    import course_utils.data\n",
                    encoding="utf-8")
    assert imports("arguments", fake, set(modules())) == {"measures", "checks", "widgets.explorer", "data"}
