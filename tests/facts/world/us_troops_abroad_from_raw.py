"""How tests/facts/world/us_troops_abroad.csv was written (provenance; not run by the tests).

Run once from the repository root: ``python tests/facts/world/us_troops_abroad_from_raw.py``. It reads the troopdata
source files (datasets/raw/us_troops_dmdc_troopdata/, see PROVENANCE.md there) with the csv module, without the
course's build code, and rewrites the facts file: the rows already in it keep their text, new rows are added.

Rows written: every host in the years lesson 00 Q1-Q4 and lesson 01 Q1-Q3 and Q5 can use under any declared variant, Afghanistan, Iraq and
Syria in every year 2001-2021 (lesson 01 Q4), Niger 2017-2023 (lesson 04 Q5-Q6). A host is a place: one row per place
and year, under its Correlates of War code where troopdata files it under two codes (the two rows are added; one of them
is 0). The United States itself and the non-places ("Afloat", "UNKNOWN") are left out.
"""
from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "datasets" / "raw" / "us_troops_dmdc_troopdata"
OUT = Path(__file__).resolve().parent / "us_troops_abroad.csv"

# years of YEAR_BEFORE, YEAR_AFTER and EST_YEAR in lesson 01's default and variants, and of YEAR in lesson 00's (their
# notebook metadata); 2006 stays for the rows the two troopdata parses disagree on (tests/test_graded_facts.py)
HOST_YEARS = [1990, 1992, 1993, 1995, 1996, 1997, 1999, 2000, 2001, 2003, 2004, 2005, 2006, 2007, 2008, 2010, 2014,
              2018, 2019, 2020, 2021]
THEATRES = {"AFG": range(2001, 2022), "IRQ": range(2001, 2022), "SYR": range(2001, 2022), "NER": range(2017, 2024)}
NOT_A_PLACE = {"United States", "Afloat", "UNKNOWN"}
# one place under two troopdata codes: the ad hoc code -> the Correlates of War code
SAME_PLACE = {1006: 58, 1010: 341, 1012: 713, 1020: 626, 1037: 591, 260: 255}
# places troopdata gives no iso3 code (the ISO 3166 alpha-3 code of the place; a withdrawn code for a former state)
ISO3_BY_CCODE = {265: "DDR", 315: "CSK", 347: "XKX", 436: "NER", 680: "YMD", 1004: "IOT", 1014: "UMI", 1016: "ANT"}
ISO3_345 = [(1900, 2002, "YUG"), (2003, 2005, "SCG"), (2006, 2100, "SRB")]  # FRY; Serbia and Montenegro; Serbia
REGION_BY_CCODE = {436: "Sub-Saharan Africa"}  # troopdata's 2022-2023 rows of Niger have no region
# outside estimates of the contingency theatres (PROVENANCE.md, caveat 1): no DMDC count in these years
ESTIMATE_YEARS = {"IRQ": range(2003, 2008), "KWT": range(2003, 2008), "AFG": range(2001, 2008)}

CITE = "troopdata (Allen, Flynn, Machain and Stravers), troopdata.csv"
DMDC = f"{CITE}: DMDC count (September)"
SUMMED = f"{CITE}: DMDC count (September); rows of ccode {{}} and {{}} added (one place under two codes, one row 0)"
EST_2001 = f"{CITE}: outside estimate, no DMDC count for the theatre in 2001-2007 (Kane; CRS; press)"
EST_2018 = (f"{CITE}: outside estimate (Just Security FOIA release; press), DMDC did not report the theatre from "
            "Dec 2017 to Sep 2021 (troopdata rebuild: the September row has no report or shows 0)")
EST_SYR = EST_2018 + "; about 900 was the official figure for Syria 2020-2024 (FACTS.md 2.4, V)"
EST_2021 = (f"{CITE}: outside estimate entered by the authors for Sep 2021 (troopdata pull request #3, Nov 2021: Syria "
            "900 from Politico, 27 Jul 2021; Iraq 2,500 from the New York Times, 20 Sep 2021); DMDC did not report it")
NOT_REPORTED = (f"{CITE} gives 0, but DMDC did not report the theatre in Sep 2021 (troopdata rebuild: the September "
                "row has no report): not reported is missing, not 0. (troopdata pull request #3: the authors entered 0 "
                "because the withdrawal was over; the last U.S. aircraft left Kabul on 30 Aug 2021, FACTS.md 2.1, V. A 0 "
                "and a missing value give the same sums and counts)")
# Where troopdata's report-level parse of the same DMDC report prints another figure for a host than the legacy annual
# series (2006-2007: troopdata-rebuild-reports-september-2006-2007.csv; totals of several places not compared): the row
# says so, and column other_parse holds the report's figure. No graded answer may change with it.
REPORTS = RAW / "troopdata-rebuild-reports-september-2006-2007.csv"
DIFFERS = "; NB troopdata's parse of DMDC's September {} report (troopdata-rebuild-reports.csv) prints {:,}"


def printed_reports() -> dict[tuple[int, int], int]:
    out: dict[tuple[int, int], int] = {}
    with open(REPORTS, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if not r["Location"].startswith("Total") and r["troops_ad"].isdigit():
                key = (int(r["ccode"]), int(r["year"]))
                out[key] = out.get(key, 0) + int(r["troops_ad"])
    return out


def iso3(row: dict) -> str:
    cc, year = int(row["ccode"]), int(row["year"])
    if cc == 345:
        return next(code for y0, y1, code in ISO3_345 if y0 <= year <= y1)
    if row["iso3c"] not in ("", "NA"):
        return row["iso3c"]
    return ISO3_BY_CCODE.get(cc, "")


def main() -> None:
    with open(RAW / "troopdata.csv", encoding="utf-8", newline="") as fh:
        legacy = list(csv.DictReader(fh))
    with open(RAW / "troopdata-rebuild-september-2008-2025.csv", encoding="utf-8", newline="") as fh:
        rebuild = {(r["ccode"], r["year"]): r for r in csv.DictReader(fh)}
    region_by_cc = {}
    for r in sorted(legacy, key=lambda r: int(r["year"])):
        if r["region"] not in ("", "NA"):
            region_by_cc[int(r["ccode"])] = r["region"]
    region_by_cc.update(REGION_BY_CCODE)

    printed = printed_reports()
    places: dict[tuple, dict] = {}
    for r in legacy:
        year, code = int(r["year"]), iso3(r)
        wanted = year in HOST_YEARS or year in THEATRES.get(code, ())
        if not wanted or r["countryname"] in NOT_A_PLACE:
            continue
        cc = SAME_PLACE.get(int(r["ccode"]), int(r["ccode"]))
        key = (cc, year)
        troops = int(float(r["troops"]))
        if key in places:
            p = places[key]
            assert 0 in (p["troops"], troops), f"{key}: two non-zero rows"
            p["troops"] += troops
            p["source"] = SUMMED.format(cc, r["ccode"] if int(r["ccode"]) != cc else p["from"])
            continue
        flag, source = "", DMDC
        if year in ESTIMATE_YEARS.get(code, ()):
            flag, source = "estimate", EST_2001
        elif code in ("AFG", "IRQ", "SYR") and 2018 <= year <= 2021:
            reb = rebuild.get((r["ccode"], r["year"]))
            reported = reb and reb["source"] not in ("", "NA") and int(reb["troops_ad"]) == troops and troops > 0
            if not reported:
                if troops > 0:
                    flag, source = "estimate", EST_2021 if year == 2021 else EST_SYR if code == "SYR" else EST_2018
                else:
                    flag, source, troops = "not_reported", NOT_REPORTED, ""
        places[key] = {"ccode": cc, "iso3": code, "region": region_by_cc.get(int(r["ccode"]), ""), "year": year,
                       "troops": troops, "flag": flag, "source": source, "from": r["ccode"], "other_parse": ""}

    with open(OUT, encoding="utf-8", newline="") as fh:  # the first 20 rows were written by hand: keep their text
        kept = {(f["iso3"], f["year"]): f["source"] for f in csv.DictReader(fh)
                if f["iso3"] in ("IRQ", "AFG") and 2001 <= int(f["year"]) <= 2010}
    rows = sorted(places.values(), key=lambda p: (p["year"], p["iso3"] == "", p["iso3"], p["ccode"]))
    for p in rows:
        p["source"] = kept.get((p["iso3"], str(p["year"])), p["source"])
        key = (p["ccode"], p["year"])
        if p["flag"] == "" and p["source"] == DMDC and printed.get(key, p["troops"]) != p["troops"]:  # not summed rows
            p["other_parse"] = printed[key]
            p["source"] += DIFFERS.format(p["year"], p["other_parse"])
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ["ccode", "iso3", "region", "year", "troops", "flag", "other_parse", "source"], extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} rows")


if __name__ == "__main__":
    main()
