"""Columns several tables derive the same way."""
from __future__ import annotations

import pandas as pd


def year_of(dates: pd.Series) -> pd.Series:
    """The year of each YYYY-MM-DD date."""
    return pd.to_datetime(dates).dt.year.astype(int)
