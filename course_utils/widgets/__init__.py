"""Widgets of the course, one module each. ipywidgets is imported when a widget is made, not on import.

    from course_utils.widgets import BurdenExplorer, ArgumentBuilder
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"BurdenExplorer": "explorer", "ArgumentBuilder": "argument_builder"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'course_utils.widgets' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
