"""Build docs/instructor-guide.md: the hand-written part (guide_head.md) followed by one section per lesson,
extracted from the solutions notebooks (title, questions, objectives, time, the questions with their points, the
self-check hints as common mistakes, the written-answer prompt and its rubric) and the discussion prompts in
prompts.json. Re-run it after changing a lesson (tests/test_docs.py fails while the guide is stale):

    python docs/guide/build_guide.py            # rewrites docs/instructor-guide.md
"""
import ast
import json
import re
from pathlib import Path

from course_utils import notebook_model as model


def section(md, name):
    m = re.search(rf"^## {name}\n(.*?)(?=^## |\Z)", md, re.M | re.S)
    return m.group(1).strip() if m else ""


def string_of(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: keep its placeholders readable
        out = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                out.append(v.value)
            else:
                out.append("…")
        return "".join(out)
    return None


def messages(test_source):
    """The self-check's messages, in order: hint= of any check, the message of .fail(...) and .passed(...)."""
    visible = model.visible_source(test_source)
    found = []
    for node in ast.walk(ast.parse(visible)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        for kw in node.keywords:
            if kw.arg == "hint" and string_of(kw.value):
                found.append((node.lineno, node.col_offset, "hint", string_of(kw.value)))
        if name in ("fail", "passed") and node.args and string_of(node.args[0]):
            if name == "passed" and re.match(r"(every|your instructor)", string_of(node.args[0])):
                continue  # a message for a passing answer, not a mistake
            found.append((node.lineno, node.col_offset, name, string_of(node.args[0])))
    out = []
    for *_, kind, text in sorted(found):
        text = " ".join(text.split())
        if text not in [t for _, t in out]:
            out.append((kind, text))
    return out


def first_sentence(md):
    bold = re.match(r"^\*\*(?:Q|FR)\d+\s*(?:\([^)]*\))?\s*(?:[—–:-]\s*)?([^*]*)\*\*\s*", md.strip())
    if bold and len(bold.group(1).strip(" .")) > 3:  # a titled question: "**Q1 — The U.S. burden ratio.**"
        return bold.group(1).strip()
    text = md.strip()[bold.end():] if bold else md.strip()
    text = " ".join(text.split())
    sentences, start = [], 0
    for m in re.finditer(r"[.?!](?=\s+[A-Z(`*\"]|$)", text):
        if re.search(r"(\bU\.S|\be\.g|\bi\.e|\bvs|\b[A-Z])\.$", text[:m.start() + 1]):
            continue
        sentences.append(text[start:m.start() + 1].strip())
        start = m.start() + 1
    questions = [s for s in sentences if s.endswith("?")]
    return questions[0] if questions else (sentences[0] if sentences else text)


def lesson(path):
    nb = model.read(path)
    head = nb.cells[0].source
    title = head.splitlines()[0].lstrip("# ").strip()
    cells = nb.cells
    questions = []  # (label, prompt, points, kind)
    free = []
    for i, c in enumerate(cells):
        if not model.is_grade(c):
            continue
        gid, points = model.grade_id(c), model.points(c)
        # the prompt: the nearest markdown cell before it that starts with **Q
        prompt = ""
        for j in range(i - 1, -1, -1):
            if cells[j].cell_type == "markdown" and not model.is_grade(cells[j]):
                starts = [m.start() for m in re.finditer(r"(?m)^\*\*(?:Q|FR)\d+\b", cells[j].source)]
                if starts:
                    prompt = cells[j].source[starts[-1]:]
                    break
        label_m = re.match(r"\s*\*\*((?:Q|FR)\d+)", prompt)
        label = label_m.group(1) if label_m else gid
        if c.cell_type == "markdown":
            rubric = c.source.split("**Rubric", 1)
            rubric = ("**Rubric" + rubric[1]) if len(rubric) == 2 else ""
            rubric = re.sub(r"\n?### END SOLUTION\s*$", "", rubric.strip()).strip()
            free.append(dict(label=label, gid=gid, prompt=prompt, points=points, rubric=rubric))
            questions.append((label, gid, first_sentence(prompt), points, "written, graded by hand"))
        else:
            questions.append((label, gid, first_sentence(prompt), points, "autograded"))
    mistakes = []
    for c in cells:
        if model.is_grade(c) and c.cell_type == "code":
            label = re.search(r"Self-check for (Q\d+)", c.source)
            mistakes.append((label.group(1) if label else model.grade_id(c), messages(c.source)))
    return dict(id=path.parent.name, title=title, questions=section(head, "Questions"),
                objectives=section(head, "Objectives"), time=section(head, "Time"), items=questions,
                free=free, mistakes=mistakes)


def render(info, prompts):
    out = [f"### {info['id']}: {info['title'].split(' — ', 1)[1]}", ""]
    out += ["**Learning goals.** The lesson's questions:", "", info["questions"], "",
            info["objectives"].replace("By the end of this lesson you can:", "Objectives (students can):")
                              .replace("By the end of this lesson you will be able to:", "Objectives (students can):"),
            "", "**Timing** (from the notebook):", "", info["time"], ""]
    auto = sum(p for *_, p, k in info["items"] if k == "autograded")
    manual = sum(p for *_, p, k in info["items"] if k != "autograded")
    out += [f"**Questions and points** ({auto:g} autograded + {manual:g} by hand = {auto + manual:g}):", "",
            "| question | graded cell | what it asks | points | graded |", "| --- | --- | --- | --- | --- |"]
    for label, gid, ask, pts, kind in info["items"]:
        ask = ask.replace("|", "\\|")
        out.append(f"| {label} | `{gid}` | {ask} | {pts:g} | {kind} |")
    out += ["", "**Common mistakes** (what the self-checks warn about; students see these messages):", ""]
    for label, msgs in info["mistakes"]:
        if not msgs:
            continue
        out.append(f"- **{label}**: " + " · ".join(f"“{t}”" for _, t in msgs))
    out += ["", "**Discussion prompts**", ""]
    out += [f"{n}. {p}" for n, p in enumerate(prompts, 1)]
    for f in info["free"]:
        prompt = " ".join(f["prompt"].split())
        out += ["", f"**Written answer {f['label']}** (`{f['gid']}`, {f['points']:g} points). The prompt students see:",
                "", "> " + prompt, "", "Rubric (copied from the solutions notebook; the model answer is there too):",
                "", re.sub(r"^([^|\n][^\n]*)\n(\|)", r"\1\n\n\2", f["rubric"], flags=re.M)]
    return "\n".join(out) + "\n"


def build(solutions: Path, prompts_file: Path, head_file: Path) -> str:
    prompts = json.loads(prompts_file.read_text(encoding="utf-8"))
    parts = []
    for nbpath in sorted(solutions.glob("*/*.ipynb")):
        if nbpath.stem != nbpath.parent.name:
            continue
        info = lesson(nbpath)
        parts.append(render(info, prompts.get(info["id"], ["(to write)"])) + "\n")
    return head_file.read_text(encoding="utf-8") + "".join(parts)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    text = build(here.parents[1] / "solutions", here / "prompts.json", here / "guide_head.md")
    (here.parent / "instructor-guide.md").write_text(text, encoding="utf-8")
    print("wrote docs/instructor-guide.md")
