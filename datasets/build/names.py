"""Country-name and code look-ups used by the build (names and codes only; no numbers live here)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .raw import RawFolder

# The raw files the country names come from (World Bank, as the economy table).
WB_NAME_FILES = ("wb_gdp_population/population.csv", "wb_gdp_population/gdp.csv")


class CountryNames:
    """One name per ISO3 code in every table: the World Bank "Country Name", shortened by WB_NAME_OVERRIDES."""

    def __init__(self, names: dict[str, str]):
        self._names = dict(names)

    @classmethod
    def from_raw(cls, raw: "RawFolder") -> "CountryNames":
        import pandas as pd

        frames = [raw.read(rel) for rel in WB_NAME_FILES]
        both = pd.concat(frames)[["Country Code", "Country Name"]].drop_duplicates("Country Code")
        names = dict(zip(both["Country Code"], both["Country Name"]))
        names.update(WB_NAME_OVERRIDES)
        return cls(names)

    def name_for(self, iso3, fallback: str) -> str:
        """The name of ``iso3``, or ``fallback`` when the code is missing or the World Bank does not list it."""
        if isinstance(iso3, str) and iso3 in self._names:
            return self._names[iso3]
        return fallback


# Shorter English names for World Bank names that read awkwardly in a lesson. Everything else keeps the
# World Bank "Country Name" (the economy table's source), so one iso3 has one name in every table.
WB_NAME_OVERRIDES = {
    "KOR": "South Korea", "PRK": "North Korea", "IRN": "Iran", "EGY": "Egypt", "RUS": "Russia",
    "SYR": "Syria", "TUR": "Turkey", "YEM": "Yemen", "VEN": "Venezuela", "BHS": "Bahamas", "GMB": "Gambia",
    "SVK": "Slovakia", "KGZ": "Kyrgyzstan", "LAO": "Laos", "VNM": "Vietnam", "COD": "DR Congo",
    "COG": "Congo", "FSM": "Micronesia", "HKG": "Hong Kong", "MAC": "Macao", "BRN": "Brunei",
    "CIV": "Cote d'Ivoire", "CZE": "Czechia", "LCA": "Saint Lucia", "KNA": "Saint Kitts and Nevis",
    "VCT": "Saint Vincent and the Grenadines", "PSE": "Palestine (West Bank and Gaza)", "MKD": "North Macedonia",
    "CPV": "Cabo Verde", "STP": "Sao Tome and Principe", "VIR": "U.S. Virgin Islands", "XKX": "Kosovo",
    "SOM": "Somalia", "TWN": "Taiwan", "MMR": "Myanmar", "SWZ": "Eswatini", "CUW": "Curacao",
}

# Codes used by sources that are not ISO3, mapped to the World Bank/ISO code the course uses.
CODE_FIXES = {"KSV": "XKX", "WBG": "PSE"}

# NATO Aug 2025 transcription and SIPRI/OWID names -> ISO3 (aggregates are left out on purpose).
NATO_SIPRI_NAMES = {
    "Albania": "ALB", "Belgium": "BEL", "Bulgaria": "BGR", "Canada": "CAN", "Croatia": "HRV", "Czechia": "CZE",
    "Denmark": "DNK", "Estonia": "EST", "Finland": "FIN", "France": "FRA", "Germany": "DEU", "Greece": "GRC",
    "Hungary": "HUN", "Iceland": "ISL", "Italy": "ITA", "Latvia": "LVA", "Lithuania": "LTU", "Luxembourg": "LUX",
    "Montenegro": "MNE", "Netherlands": "NLD", "North Macedonia": "MKD", "Norway": "NOR", "Poland": "POL",
    "Portugal": "PRT", "Romania": "ROU", "Slovak Republic": "SVK", "Slovakia": "SVK", "Slovenia": "SVN",
    "Spain": "ESP", "Sweden": "SWE", "Türkiye": "TUR", "Turkey": "TUR", "United Kingdom": "GBR",
    "United States": "USA", "Burkina Faso": "BFA", "Chad": "TCD", "Mali": "MLI", "Mauritania": "MRT",
    "Niger": "NER",
}

# Carney (2011) transcription spellings -> ISO3.
CARNEY_NAMES = {
    "Albania": "ALB", "Armenia": "ARM", "Australia": "AUS", "Azerbaijan": "AZE", "Bosnia-Herzegovina": "BIH",
    "Bulgaria": "BGR", "Czech Republic": "CZE", "Denmark": "DNK", "Dominican Republic": "DOM",
    "El Salvador": "SLV", "Estonia": "EST", "Georgia": "GEO", "Honduras": "HND", "Hungary": "HUN",
    "Italy": "ITA", "Japan": "JPN", "Kazakhstan": "KAZ", "Latvia": "LVA", "Lithuania": "LTU",
    "Macedonia": "MKD", "Moldova": "MDA", "Mongolia": "MNG", "The Netherlands": "NLD", "New Zealand": "NZL",
    "Nicaragua": "NIC", "Norway": "NOR", "Phillippines": "PHL", "Poland": "POL", "Portugal": "PRT",
    "Republic of Korea": "KOR", "Romania": "ROU", "Slovakia": "SVK", "Spain": "ESP", "Thailand": "THA",
    "Tonga": "TON", "Ukraine": "UKR", "United Kingdom": "GBR",
}

# IISS/MDI theatre names -> ISO3 of the host; multi-country theatres and sea areas have no code.
THEATRE_ISO3 = {
    "Afghanistan": "AFG", "Albania": "ALB", "Ascension Island": "SHN", "Australia": "AUS", "Azerbaijan": "AZE",
    "Bahrain": "BHR", "Belgium": "BEL", "Belize": "BLZ", "Bosnia-Herzegovina": "BIH",
    "British Indian Ocean Territory": "IOT", "Brunei": "BRN", "Bulgaria": "BGR", "Burkina Faso": "BFA",
    "Cameroon": "CMR", "Canada": "CAN", "Central African Republic": "CAF", "Chad": "TCD", "Colombia": "COL",
    "Cuba": "CUB", "Cyprus": "CYP", "Côte d' Ivoire": "CIV", "Democratic Republic of the Congo": "COD",
    "Djibouti": "DJI", "Egypt": "EGY", "El Salvador": "SLV", "Estonia": "EST", "Falkland Islands": "FLK",
    "France": "FRA", "French Guiana": "GUF", "French Polynesia": "PYF", "Gabon": "GAB", "Germany": "DEU",
    "Gibraltar": "GIB", "Greece": "GRC", "Greenland": "GRL", "Guam": "GUM", "Haiti": "HTI", "Honduras": "HND",
    "Hungary": "HUN", "Iraq": "IRQ", "Israel": "ISR", "Italy": "ITA", "Japan": "JPN", "Jordan": "JOR",
    "Kenya": "KEN", "Korea": "KOR", "Kuwait": "KWT", "Latvia": "LVA", "Lebanon": "LBN", "Liberia": "LBR",
    "Libya": "LBY", "Lithuania": "LTU", "Malaysia": "MYS", "Mali": "MLI", "Malta": "MLT", "Moldova": "MDA",
    "Mozambique": "MOZ", "Nepal": "NPL", "Netherlands": "NLD", "New Caledonia": "NCL", "Niger": "NER",
    "Nigeria": "NGA", "Norway": "NOR", "Oman": "OMN", "Papua New Guinea": "PNG", "Philippines": "PHL",
    "Poland": "POL", "Portugal": "PRT", "Qatar": "QAT", "Romania": "ROU", "Saudi Arabia": "SAU",
    "Senegal": "SEN", "Serbia": "SRB", "Sierra Leone": "SLE", "Singapore": "SGP", "Somalia": "SOM",
    "South Sudan": "SSD", "Spain": "ESP", "Sudan": "SDN", "Syria": "SYR", "Thailand": "THA", "Turkey": "TUR",
    "Uganda": "UGA", "Ukraine": "UKR", "United Arab Emirates": "ARE", "United Kingdom": "GBR",
    "United States": "USA", "Uzbekistan": "UZB", "Western Sahara": "ESH",
    # no single host: "Arabian Sea", "Gulf of Guinea", "India, Pakistan", "Indian Ocean", "Israel, Syria",
    # "Kosovo, Serbia" (KFOR etc.), "Mediterranean Sea", "Middle East", "Nagorno Karabakh", "Pacific Ocean",
    # "Persian Gulf", "French West Indies"
}

# Spelling variants in MDI mission names, normalised.
MISSION_FIXES = {
    "OSCE - Bosnia Herzegovina": "OSCE - Bosnia and Herzegovina",
    "OSCE - Bosnia-Herzegovina": "OSCE - Bosnia and Herzegovina",
    "OSCE- Moldova": "OSCE - Moldova",
}

# troopdata entries that are not a host country (undistributed/unknown personnel); left out of us_troops_abroad.
TROOPDATA_NOT_A_HOST = {"Afloat", "UNKNOWN", "Undefined", "Zz-Unknown"}

# Hosts that troopdata leaves without an ISO3 code and/or region although they have one (documented mapping;
# regions follow the World Bank's). "British Atlantic Ocean Territory" keeps an empty region (no WB region).
TROOPDATA_FIXES = {"Ethiopia": ("ETH", "Sub-Saharan Africa"), "Cabo Verde": ("CPV", "Sub-Saharan Africa")}
# Hosts troopdata gives no ISO3 code in any year although they have one (documented mapping, by ccode):
# Kosovo -> XKX (the course's code for Kosovo, as in the economy and foreign_fighters tables); American Samoa -> ASM.
# Places whose ISO 3166 alpha-3 code troopdata leaves out: Diego Garcia -> IOT (British Indian Ocean Territory, of which
# it is the inhabited island); Wake Island -> UMI (U.S. Minor Outlying Islands); Netherlands Antilles -> ANT (the code
# ISO 3166 gave it until the Antilles were dissolved in 2010; DMDC kept the name afterwards); German Democratic Republic
# -> DDR, Czechoslovakia -> CSK, Yemen People's Republic -> YMD (the alpha-3 codes those states held, now withdrawn).
TROOPDATA_ISO3_BY_CCODE = {347: ("XKX", "Europe & Central Asia"), 1041: ("ASM", "East Asia & Pacific"),
                           1004: ("IOT", "South Asia"), 1014: ("UMI", "East Asia & Pacific"),
                           1016: ("ANT", "Latin America & Caribbean"), 265: ("DDR", "Europe & Central Asia"),
                           315: ("CSK", "Europe & Central Asia"), 680: ("YMD", "Middle East & North Africa")}
# ccode 345 ("Yugoslavia" in troopdata until 2021) is one host under three states in turn, so its code depends on the
# year: YUG (Yugoslavia, and the Federal Republic of Yugoslavia, which kept that ISO code) to 2002, SCG (Serbia and
# Montenegro) 2003-2005, SRB (Serbia; Montenegro has its own ccode 341 from 2006) from 2006. (first year, last year, iso3)
TROOPDATA_ISO3_BY_YEAR = {345: [(1900, 2002, "YUG"), (2003, 2005, "SCG"), (2006, 2100, "SRB")]}
# Names for codes the World Bank does not list (so one code has one name in every year).
HISTORICAL_NAMES = {"YUG": "Yugoslavia", "SCG": "Serbia and Montenegro", "DDR": "German Democratic Republic",
                    "CSK": "Czechoslovakia", "YMD": "Yemen People's Republic", "ANT": "Netherlands Antilles"}
# Hosts still without a code, and why: combinations or parts of a country with no ISO 3166 code of their own
# (Fiji and Tonga, Kashmir, Line Islands, Easter Island, Sarawak, Spratly Islands, Coral Sea Islands, Akrotiri), former
# colonies and federations (Aden, Zanzibar, British West Indies Federation, Trucial States), the Republic of Vietnam and
# the Yemen Arab Republic (their codes passed to the unified states, which have their own rows), and troopdata's
# "British Atlantic Ocean Territory" (2022-2023; no such territory, and the code it means is not certain).

# troopdata ISO3 codes that are wrong for the place named (by ccode): "Trucial States" (1018) is the pre-1971
# name of the United Arab Emirates, not Oman (all its rows are 0): left without an iso3 as a historical entity;
# "Bassas da India" (1024) is a French atoll in the Mozambique Channel (French Southern Territories, ATF), not India.
TROOPDATA_ISO3_WRONG = {1018: "", 1024: "ATF"}
