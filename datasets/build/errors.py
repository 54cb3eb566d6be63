"""The one error the build raises: a ``BuildError`` that names the table, file, column and value at fault.

Library code raises it; only the command line (``python -m datasets.build``) turns it into a message and exit code 1.
"""
from __future__ import annotations


class BuildError(Exception):
    """A raw file, a table declaration or a built table is not what the build expects."""

    def __init__(self, message: str, *, table: str | None = None, file: str | None = None,
                 column: str | None = None, value: object = None):
        self.message, self.table, self.file, self.column, self.value = message, table, file, column, value
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [f"table {self.table}" if self.table else "", f"file {self.file}" if self.file else "",
                 f"column {self.column}" if self.column else "",
                 f"value {self.value!r}" if self.value is not None else ""]
        where = ", ".join(w for w in where if w)
        return f"{where}: {self.message}" if where else self.message
