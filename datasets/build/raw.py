"""Reading the raw files in ``datasets/raw/`` (a read error names the file)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import BuildError

RAW = Path(__file__).resolve().parents[1] / "raw"


class RawFolder:
    """The folder of raw files; ``read("folder/file.csv")`` returns it as a DataFrame (``pd.read_csv`` options)."""

    def __init__(self, root: Path = RAW):
        self.root = Path(root)

    def read(self, rel: str, *, table: str | None = None, **kw) -> pd.DataFrame:
        path = self.root / rel
        try:
            return pd.read_csv(path, **kw)
        except FileNotFoundError:
            raise BuildError("raw file not found", table=table, file=f"datasets/raw/{rel}") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as e:
            raise BuildError(f"cannot read the raw file: {e}", table=table, file=f"datasets/raw/{rel}") from None
