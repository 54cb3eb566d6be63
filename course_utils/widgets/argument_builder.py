"""The argument builder: a claim, evidence taken from the burden explorer, reasoning, a counter-argument and a
rebuttal; **Save** writes ``<lesson>.argument.json`` beside the notebook, and reopening the notebook restores it.

    explorer = BurdenExplorer(preset="nato")
    builder = ArgumentBuilder("08-capstone-argument", explorer=explorer)
    builder                                  # shows the widget; or drive it from code:
    builder.claim.value = "small_allies_free_ride"
    builder.add_evidence()                   # the explorer's current selection
    builder.reasoning.value = "..."
    builder.save()                           # -> Path, or None with builder.message saying why
    builder.check()                          # the same report the autograder makes

Saving goes through :mod:`course_utils.arguments` (atomic write, previous save kept as ``.bak``). What "passes every
automatic check" means is the lesson's :class:`~course_utils.argument_policy.ArgumentPolicy`, the same rules the
autograder applies (``policy_for(lesson)``).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .. import arguments as args
from .. import measures as ms

__all__ = ["ArgumentBuilder"]


class ArgumentBuilder:
    """Build, save, restore and check an argument. See the module docstring."""

    def __init__(self, lesson: str, explorer=None, *, folder: str | Path | None = None, loader=None):
        import ipywidgets as w

        self.lesson = lesson
        self.explorer = explorer
        self.path = args.argument_path(lesson, folder)
        self.policy = args.policy_for(lesson)
        self._loader = loader
        self.evidence: list[dict] = []
        self.report: args.ArgumentReport | None = None
        wide = w.Layout(width="620px")
        label = {"description_width": "120px"}
        self.claim = w.Dropdown(options=[("(choose a claim)", "")] + [(t, k) for k, t in args.CLAIMS.items()],
                                value="", description="Claim", style=label, layout=wide)
        self.own_claim = w.Textarea(placeholder="Write your own claim here (choose “my own claim” above)",
                                    description="Your claim", style=label, layout=wide)
        self.evidence_list = w.HTML()
        self.evidence_pick = w.Dropdown(options=[], description="Evidence", style=label, layout=w.Layout(width="520px"))
        self.add_button = w.Button(description="Add explorer's selection as evidence", icon="plus",
                                   layout=w.Layout(width="300px"))
        self.remove_button = w.Button(description="Remove", icon="trash")
        self.reasoning = w.Textarea(description="Reasoning", style=label, layout=w.Layout(width="620px", height="90px"))
        self.counter_argument = w.Textarea(description="Counter-argument", style=label,
                                           layout=w.Layout(width="620px", height="70px"))
        self.rebuttal = w.Textarea(description="Rebuttal", style=label, layout=w.Layout(width="620px", height="70px"))
        self.save_button = w.Button(description="Save", button_style="primary", icon="save")
        self.check_button = w.Button(description="Check my argument", icon="check")
        self.status = w.HTML()
        self.add_button.on_click(lambda _: self.add_evidence())
        self.remove_button.on_click(lambda _: self.remove_evidence(self.evidence_pick.value))
        self.save_button.on_click(lambda _: self.save())
        self.check_button.on_click(lambda _: self.check())
        self.save_button.add_class("course-argument-save")
        self.widget = w.VBox([
            w.HTML(f"<b>Argument builder</b> <small>saved to {html.escape(self.path.name)}</small>"),
            self.claim, self.own_claim, self.evidence_list,
            w.HBox([self.add_button, self.evidence_pick, self.remove_button]),
            self.reasoning, self.counter_argument, self.rebuttal,
            w.HBox([self.save_button, self.check_button]), self.status,
        ], layout=w.Layout(border="1px solid #ccc", padding="6px"))
        self.widget.add_class("course-argument-builder")
        self._refresh_evidence()
        if self.path.exists():
            self.load()

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------------------------------- messages
    @property
    def message(self) -> str:
        import re

        return html.unescape(re.sub(r"<[^>]+>", " ", self.status.value)).replace("⚠", "").replace("✓", "").strip()

    def _say(self, text: str, ok: bool = False, details: list[str] | None = None) -> None:
        colour = "#009E73" if ok else "#D55E00"
        mark = "✓ " if ok else "⚠ "
        items = "".join(f"<li>{html.escape(d)}</li>" for d in details or [])
        self.status.value = (f'<div class="course-message" style="color:{colour}">{mark}{html.escape(text)}'
                             + (f"<ul>{items}</ul>" if items else "") + "</div>")

    # ------------------------------------------------------------------------------------- model
    @property
    def argument(self) -> dict:
        """The argument as the widget holds it now (plain data, the shape of the saved file)."""
        claim = self.claim.value
        text = self.own_claim.value.strip() if claim == "own" else args.CLAIMS.get(claim, "")
        return args.new_argument(self.lesson, claim, text, self.evidence, self.reasoning.value,
                                 self.counter_argument.value, self.rebuttal.value)

    def _refresh_evidence(self) -> None:
        if not self.evidence:
            self.evidence_list.value = ("<i>No evidence yet: choose a selection in the burden explorer and press "
                                        "“Add explorer's selection as evidence”.</i>")
        else:
            items = []
            for i, e in enumerate(self.evidence, 1):
                f = e.get("filters", {})
                st = "".join(f"<li>{html.escape(s.get('text', ''))}</li>" for s in e.get("statements", []))
                who = f.get("preset") or ", ".join(f.get("countries", [])[:6]) + \
                    ("…" if len(f.get("countries", [])) > 6 else "")
                source = f", {html.escape(ms.release_label(f['release']))}" if f.get("release") else ""
                items.append(f"<li><b>{i}. {html.escape(str(e.get('label')))}</b>, {f.get('start')}-{f.get('end')}, "
                             f"{html.escape(str(who))}{source}<ul>{st}</ul></li>")
            self.evidence_list.value = f"<ol style='list-style:none;padding-left:0'>{''.join(items)}</ol>"
        self.evidence_pick.options = [(f"{i}. {e.get('label')}", i - 1) for i, e in enumerate(self.evidence, 1)]

    def add_evidence(self, item: dict | None = None, **selection: Any) -> dict | None:
        """Add an evidence item: ``item`` as given, or one computed from ``selection`` (measure, countries, start,
        end, normalisation, preset), or else from the linked explorer's current selection."""
        try:
            if item is None and selection:
                item = args.make_evidence(selection.pop("measure"), selection.pop("countries"),
                                          selection.pop("start"), selection.pop("end"), loader=self._loader,
                                          **selection)
            elif item is None:
                if self.explorer is None:
                    self._say("there is no burden explorer linked to this builder: make one and pass it as "
                              "ArgumentBuilder(..., explorer=explorer).")
                    return None
                if self.explorer.result is None:
                    self._say("the explorer's selection has no result yet: "
                              + (self.explorer.message or "fix the selection first."))
                    return None
                item = self.explorer.evidence()
        except (ms.MeasureError, KeyError, TypeError) as exc:
            self._say(f"this evidence could not be added: {exc}")
            return None
        self.evidence.append(item)
        self._refresh_evidence()
        self._say(f"evidence {len(self.evidence)} added ({item.get('label')}). Press Save to keep it.", ok=True)
        return item

    def remove_evidence(self, index: int | None) -> None:
        if index is None or not 0 <= int(index) < len(self.evidence):
            self._say("choose the evidence to remove first.")
            return
        removed = self.evidence.pop(int(index))
        self._refresh_evidence()
        self._say(f"removed: {removed.get('label')}. Press Save to keep the change.", ok=True)

    # ------------------------------------------------------------------------------------- files
    def save(self) -> Path | None:
        """Save to :attr:`path` (atomic; the previous save becomes ``.bak``). Returns the path, or None."""
        arg = self.argument
        if not (arg["claim"]["text"] or arg["evidence"] or arg["reasoning"].strip()
                or arg["counter_argument"].strip() or arg["rebuttal"].strip()):
            self._say("the argument is empty: choose a claim or add evidence before saving (nothing was saved).")
            return None
        try:
            path = args.save_argument(arg, self.path)
        except OSError as exc:
            self._say(f"could not save {self.path.name}: {exc.strerror or exc}. Your work is still in the builder.")
            return None
        report = args.check_argument(arg, self.policy, loader=self._loader)
        todo = report.messages("structure")
        self._say(f"saved to {path.name}" + (" — still to do before you submit:" if todo else "."), ok=True,
                  details=todo)
        return path

    def load(self) -> bool:
        """Restore the builder from :attr:`path`. A file that cannot be read gives a message and is kept."""
        try:
            data = args.load_argument(self.path)
        except args.ArgumentError as exc:
            self._say(f"{exc} Nothing was restored; the file is kept, and Save moves it aside before writing.")
            return False
        claim = data.get("claim") if isinstance(data.get("claim"), dict) else {}
        cid = claim.get("id") if claim.get("id") in args.CLAIMS else ("own" if claim.get("text") else "")
        self.claim.value = cid
        self.own_claim.value = claim.get("text", "") if cid == "own" else ""
        evidence = data.get("evidence")
        self.evidence = [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
        for key in args.TEXT_FIELDS:
            getattr(self, key).value = str(data.get(key) or "")
        self._refresh_evidence()
        spliced = self.spliced_evidence()
        self._say(f"restored from {self.path.name} (saved {data.get('saved_at') or 'earlier'})."
                  + (" Evidence to add again:" if spliced else ""), ok=not spliced, details=spliced)
        if self.explorer is not None and self.evidence:
            f = self.evidence[-1].get("filters", {})
            try:
                self.explorer.set_selection(measure=self.evidence[-1].get("measure"), countries=f.get("countries"),
                                            start=f.get("start"), end=f.get("end"),
                                            normalisation=f.get("normalisation"), release=f.get("release") or "")
            except Exception:  # noqa: BLE001 - restoring the explorer is a convenience
                pass
        return True

    def spliced_evidence(self) -> list[str]:
        """Messages for evidence saved before each item kept to one release whose values splice releases."""
        out = []
        for i, item in enumerate(self.evidence, 1):
            m = ms.MEASURES.get(item.get("measure"))
            if m is None or not m.releases or (item.get("filters") or {}).get("release"):
                continue
            try:
                release, message = args.legacy_release(item, loader=self._loader)
            except Exception:  # noqa: BLE001 - the check reports an item that cannot be recomputed
                continue
            if release == ms.LEGACY_SPLICE:
                out.append(f"evidence {i} ({item.get('label')}) {message}")
        return out

    def check(self) -> args.ArgumentReport:
        """Check the argument as it is now (the autograder checks the saved file the same way)."""
        self.report = args.check_argument(self.argument, self.policy, loader=self._loader)
        if self.report.ok:
            self._say("the argument passes every automatic check (its reasoning is graded by hand).", ok=True)
        else:
            self._say("not yet:", details=self.report.messages())
        return self.report
