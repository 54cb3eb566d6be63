# Fact ledger for lesson 06 (tests/ledger/README.md). Queries use the lesson's default parameters.


def ff(iso3, as_of="2015-01-26"):
    f = T.foreign_fighters
    return f[(f["iso3"] == iso3) & (f["as_of"] == as_of)].iloc[0]


def rate(iso3):
    r = ff(iso3)
    return r["estimate"] / r["population"] * 1e6


WESTERN = ["AUS", "AUT", "BEL", "CAN", "CHE", "DEU", "DNK", "ESP", "FIN", "FRA", "GBR", "IRL", "ITA", "LUX", "NLD",
           "NOR", "NZL", "PRT", "SWE", "USA"]

fact("France had the [[largest]] number of travellers\namong Western states",
     lambda: T.foreign_fighters.query("as_of == '2015-01-26' and iso3 in @WESTERN")
     .sort_values("estimate", ascending=False)["iso3"].iloc[0] == "FRA")
fact("among Western states ([[1,200]])", lambda: ff("FRA")["estimate"])
fact("while Belgium's [[440]] were", lambda: ff("BEL")["estimate"])
fact("about [[39]] per million people", lambda: rate("BEL"), tol=0.5)
fact("against [[about 18]] per million for France", lambda: rate("FRA"))
fact("and [[about 0.3]] per million for the 100 from the\nUnited States", lambda: rate("USA"))
fact("for the [[100]] from the\nUnited States", lambda: ff("USA")["estimate"])
cited("estimated in January 2015 that the total had\npassed [[20,000]]", "icsr_2015")
