"""How tests/facts/world/foreign_fighters.csv was written (provenance; not run by the tests).

Run once from the repository root: ``python tests/facts/world/foreign_fighters_from_raw.py``. Rows: lesson 06's fifteen
peers at both ICSR snapshots (Q1-Q3, Q8 and Q9 use no other rows). Values:

- 26 Jan 2015: ICSR's published table (Peter R. Neumann, ICSR Insight, 26 Jan 2015, Table 1 "Western Europe", as
  copied at icsr.mayk.media; Australia, Canada and the United States from the same estimate as reported by the
  Express Tribune, 27 Jan 2015). They are written below by hand and the script stops if the transcription the course
  ships (datasets/raw/icsr_foreign_fighters/icsr.csv) says otherwise. ICSR gives a single figure or a range; the
  estimate of a range is its midpoint.
- 17 Dec 2013: the transcription (lukesonnet/foreign_fighters, data/icsr.csv) of ICSR's December 2013 ranges (Aaron Y.
  Zelin, ICSR Insight, 17 Dec 2013); no stored copy of ICSR's own table was found to check it against.
- population: World Bank WDI, SP.POP.TOTL, 2013 and 2014 (datasets/raw/wb_gdp_population/population.csv).
"""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parent / "foreign_fighters.csv"
PEERS = ["AUS", "AUT", "BEL", "CAN", "DEU", "DNK", "ESP", "FIN", "FRA", "GBR", "ITA", "NLD", "NOR", "SWE", "USA"]
# ICSR, 26 Jan 2015: (low, high) of a range, or (figure, figure) for a single figure
ICSR_2015 = {"AUT": (100, 150), "BEL": (440, 440), "DNK": (100, 150), "FIN": (50, 70), "FRA": (1200, 1200),
             "DEU": (500, 600), "ITA": (80, 80), "NLD": (200, 250), "NOR": (60, 60), "ESP": (50, 100),
             "SWE": (150, 180), "GBR": (500, 600), "AUS": (100, 250), "CAN": (100, 100), "USA": (100, 100)}
SRC_2015_WE = ("Peter R. Neumann, Foreign fighter total in Syria/Iraq now exceeds 20,000, ICSR Insight, 26 Jan 2015, "
               "Table 1 (Western Europe), copy at icsr.mayk.media")
SRC_2015_OTHER = ("ICSR estimate of 26 Jan 2015 (Neumann), as reported by the Express Tribune, 27 Jan 2015 (250 from "
                  "Australia, the top of ICSR's range; 100 from Canada; 100 from the United States)")
SRC_2013 = ("Aaron Y. Zelin, Up to 11,000 foreign fighters in Syria, ICSR Insight, 17 Dec 2013, as transcribed in "
            "lukesonnet/foreign_fighters data/icsr.csv (not checked against ICSR's own table)")
WB = "; population: World Bank WDI SP.POP.TOTL, {}"


def num(v: str) -> str:
    return "" if v in ("", "NA") else (str(int(float(v))) if float(v).is_integer() else v)


def main() -> None:
    with open(ROOT / "datasets/raw/wb_gdp_population/population.csv", encoding="utf-8", newline="") as fh:
        pop = {(r["Country Code"], r["Year"]): r["Value"] for r in csv.DictReader(fh)}
    rows = []
    with open(ROOT / "datasets/raw/icsr_foreign_fighters/icsr.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            iso = r["countrycode"]
            if iso not in PEERS:
                continue
            as_of = f"{r['icsr.date'][:4]}-{r['icsr.date'][4:6]}-{r['icsr.date'][6:]}"
            low, high, est = num(r["icsr.low"]), num(r["icsr.high"]), num(r["icsr.mean"])
            if as_of == "2015-01-26":
                lo, hi = ICSR_2015[iso]
                shipped = (int(low or est), int(high or est), float(est))
                assert shipped == (lo, hi, (lo + hi) / 2), f"{iso} 2015: transcription {shipped}, ICSR {lo}-{hi}"
                source = SRC_2015_OTHER if iso in ("AUS", "CAN", "USA") else SRC_2015_WE
            else:
                source = SRC_2013
            year = "2013" if as_of.startswith("2013") else "2014"
            rows.append({"as_of": as_of, "iso3": iso, "estimate_low": low, "estimate_high": high, "estimate": est,
                         "population": pop[(iso, year)], "source": source + WB.format(year)})
    rows.sort(key=lambda r: (r["as_of"], r["iso3"]))
    assert len(rows) == 2 * len(PEERS), len(rows)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
