# Fact ledger for lesson 07 (tests/ledger/README.md). Lesson 07's designations table is being completed (issue 11):
# re-check these lines when it changes.


def deaths(date):
    e = T.events
    return e.loc[(e["date"] == date) & (e["category"] == "far_right_attack"), "value"].item()


fact("New Zealand, on 15 March 2019, in which [[51]] people were\nkilled", lambda: deaths("2019-03-15"))
fact("a gunman killed [[23]] people at a shop in El Paso", lambda: deaths("2019-08-03"))
cited("Speaking at the Washington\nInstitute on [[8 November 2019]]", "travers_2019_11_08")
cited("about [[140]]\npolice officers were assaulted", "doj_capitol_2025")
fact("Most listings [[fall in 2020 and 2021]]",
     lambda: (T.designations.query("group_type == 'far_right'")["year"].isin([2020, 2021]).mean() > 0.5)
     if "far_right" in set(T.designations["group_type"]) else False)
