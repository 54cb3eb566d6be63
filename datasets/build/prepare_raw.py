"""One-off: copy (and trim) the source files the build uses into ``datasets/raw/``.

This is NOT part of the regular build and is not run by the tests. It documents exactly how each file in
``datasets/raw/`` was made from the shared source folders (each of which has a PROVENANCE.md that is copied
alongside). Run it from the repository root with the path of the shared sources folder::

    python datasets/build/prepare_raw.py ../shared/sources

It needs ``openpyxl`` (only for the two xlsx extracts); the regular build (``python -m datasets.build``) does not.
Every trimming step is also recorded in ``datasets/raw/<source>/TRIMMING.md``.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

RAW = Path(__file__).resolve().parents[1] / "raw"

VERBATIM = {
    "us_troops_dmdc_troopdata": ["troopdata.csv"],
    "us_boots_on_ground_crs": ["crs_boots_on_ground_fy2002_2012.csv"],
    "iraq_troops_monthly_guardian": ["us-troop-numbers-month.csv"],
    "dmdc_309a_contingency_2003_2005": ["dmdc-309a-contingency.csv"],
    "isaf_contributions_snapshots_news": ["isaf_troops_by_nation_snapshots.csv"],
    "afghanistan_coalition_fatalities_snapshots_news": ["afghanistan_coalition_deaths_by_nation_snapshots.csv"],
    "nato_defexp_2012_2019": ["nato_defence_expenditure_2012_2019.csv"],
    "nato_defexp_pct_gdp_2014_2024": ["defence_per.csv"],
    "sipri_milex_owid": ["sipri_milex_owid_subset_nato_g5sahel_1990_2020.csv"],
    "wb_gdp_population": ["gdp.csv", "population.csv"],
    "icsr_foreign_fighters": ["icsr.csv"],
    "coalition_deployments_mdi_iiss": [],
    "iraq_coalition_contributions_carney": [],
}

REPORT_COLS = ["ccode", "iso3c", "countryname", "year", "month", "source", "Location", "troops_ad"]
REPORT_YEARS = (2006, 2007)  # the years in which the legacy annual series departs from DMDC's printed report

REBUILD_COLS = ["ccode", "iso3c", "countryname", "region", "year", "month", "quarter", "source",
                "troops_ad", "troops_all", "total_selected_reserve"]


def note(folder: Path, text: str) -> None:
    (folder / "TRIMMING.md").write_text(text.strip() + "\n", encoding="utf-8", newline="\n")


def report_rows(shared: Path) -> pd.DataFrame:
    """The September 2006 and 2007 rows of troopdata's report-level parse, written next to the legacy series."""
    src = shared / "us_troops_dmdc_troopdata" / "troopdata-rebuild-reports.csv"
    r = pd.read_csv(src, dtype=str, keep_default_na=False)
    r = r[(r["month"] == "September") & r["year"].isin([str(y) for y in REPORT_YEARS])][REPORT_COLS]
    r.to_csv(RAW / "us_troops_dmdc_troopdata" / "troopdata-rebuild-reports-september-2006-2007.csv",
             index=False, lineterminator="\n")
    return r


def main(shared: Path) -> None:
    for name, files in VERBATIM.items():
        src, dst = shared / name, RAW / name
        dst.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "PROVENANCE.md", dst / "PROVENANCE.md")
        for f in files:
            shutil.copyfile(src / f, dst / f)

    # troopdata rebuild (bab0a9c): keep only the September rows from 2008 on and the columns the build uses.
    src = shared / "us_troops_dmdc_troopdata" / "troopdata-rebuild-country-year-quarter-format.csv"
    q = pd.read_csv(src, dtype=str, keep_default_na=False)
    q = q[(q["month"] == "September") & (q["year"].astype(int) >= 2008)][REBUILD_COLS]
    q.to_csv(RAW / "us_troops_dmdc_troopdata" / "troopdata-rebuild-september-2008-2025.csv",
             index=False, lineterminator="\n")
    r = report_rows(shared)
    note(RAW / "us_troops_dmdc_troopdata", f"""
# Trimming done for the course repository

- `troopdata.csv` — verbatim copy.
- `troopdata-rebuild-september-2008-2025.csv` — made from `troopdata-rebuild-country-year-quarter-format.csv`
  (commit `bab0a9c`, the version WITHOUT the doubled rows) by keeping only rows with `month == "September"` and
  `year >= 2008`, and only the columns {", ".join(REBUILD_COLS)}. Values are unchanged (read and written as text).
  {len(q)} rows. Script: `datasets/build/prepare_raw.py`.
- `troopdata-rebuild-reports-september-2006-2007.csv` — made from `troopdata-rebuild-reports.csv` (commit `bab0a9c`,
  troopdata's parse of each printed DMDC report, one row per printed location) by keeping only the September 2006 and
  September 2007 reports and the columns {", ".join(REPORT_COLS)}. Values are unchanged (read and written as text).
  {len(r)} rows. The build compares them with the legacy annual series (see us_troops_abroad in datasets/README.md).
""")

    # MDI / IISS deployments: extract the one sheet used to CSV (the xlsx files are not copied).
    src = shared / "coalition_deployments_mdi_iiss" / "MDVA_Deployments_LatLon.xlsx"
    d = pd.read_excel(src, sheet_name="Sheet1")
    d = d.drop(columns=["Unnamed: 0", "Lat", "Lon"])
    d.to_csv(RAW / "coalition_deployments_mdi_iiss" / "MDVA_Deployments.csv", index=False, lineterminator="\n")
    note(RAW / "coalition_deployments_mdi_iiss", f"""
# Trimming done for the course repository

- `MDVA_Deployments.csv` — sheet `Sheet1` of `MDVA_Deployments_LatLon.xlsx` (commit `03fc454`) written to CSV with
  pandas/openpyxl; the columns `Unnamed: 0` (row id), `Lat` and `Lon` (plotting coordinates) were dropped; values
  unchanged. {len(d)} rows. Script: `datasets/build/prepare_raw.py`.
- Not copied: `MDVA_ActiveDuty.xlsx`, `mdi.csv`, `ADDITIONAL-MASTER.xlsx` (not used by the build).
""")

    # Carney (2011) via meflynn/Troops-and-Development: extract to CSV, dates as ISO strings.
    src = shared / "iraq_coalition_contributions_carney" / "Iraq Coalition Contributions.xlsx"
    c = pd.read_excel(src, sheet_name="Sheet1", dtype={"wounded": str})
    for col in ("beginyear", "endyear"):
        c[col] = pd.to_datetime(c[col]).dt.strftime("%Y-%m-%d")
    c.to_csv(RAW / "iraq_coalition_contributions_carney" / "iraq_coalition_contributions.csv",
             index=False, lineterminator="\n")
    note(RAW / "iraq_coalition_contributions_carney", f"""
# Trimming done for the course repository

- `iraq_coalition_contributions.csv` — sheet `Sheet1` of `Iraq Coalition Contributions.xlsx` written to CSV with
  pandas/openpyxl. The Excel dates in `beginyear`/`endyear` are written as ISO dates (YYYY-MM-DD); `wounded` kept as
  text (`Unknown`, `Not Applicable` as in the sheet). {len(c)} rows. Script: `datasets/build/prepare_raw.py`.
- The xlsx itself is not copied.
""")
    for name in ("nato_defexp_2012_2019", "sipri_milex_owid", "wb_gdp_population", "icsr_foreign_fighters",
                 "us_boots_on_ground_crs", "iraq_troops_monthly_guardian", "dmdc_309a_contingency_2003_2005",
                 "isaf_contributions_snapshots_news", "afghanistan_coalition_fatalities_snapshots_news",
                 "nato_defexp_pct_gdp_2014_2024"):
        extra = ""
        if name == "iraq_troops_monthly_guardian":
            extra = "\n- Not copied: `us-troop-casualties-by-month.csv` (not used by the build)."
        note(RAW / name, "# Trimming done for the course repository\n\n- Data files copied verbatim "
             "(see PROVENANCE.md); nothing trimmed." + extra)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/sources"))
