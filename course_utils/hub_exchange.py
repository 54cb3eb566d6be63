"""nbgrader's exchange on a shared hub, with one rule added: a submission counts only for the student who owns it.

nbgrader's inbound folder is writable by everyone (students must be able to drop their submission in it), and a
submission's folder name says whose it is (``<student>+<lesson>+<time>+<random>``). Nothing stops a student from
running ``nbgrader submit LESSON --student SOMEONE_ELSE``: nbgrader's collect then only *warns* ("cheating attempt?")
and takes the newest folder for that name, so one student can replace another's work. ``OwnerCheckedCollect``
drops every submission whose files are not owned by the Unix user it names (the instructor's own test submissions,
made as root, are kept), and logs each one it drops with the owner's name. Where every user's server runs as one
shared account (``jovyan`` on Zero to JupyterHub), ownership says nothing and those submissions are kept. ``course hub`` turns it on in the
global nbgrader configuration::

    c.ExchangeFactory.collect = "course_utils.hub_exchange.OwnerCheckedCollect"
"""
from __future__ import annotations

import glob
import os
import pwd

from nbgrader.exchange.default.collect import ExchangeCollect, groupby


SHARED_ACCOUNTS = ("root", "jovyan")  # the instructor's own test submissions; Docker-stack servers


def owner_of(path: str) -> str:
    try:
        return pwd.getpwuid(os.stat(path).st_uid).pw_name
    except KeyError:
        return f"uid {os.stat(path).st_uid}"


class OwnerCheckedCollect(ExchangeCollect):
    """nbgrader's collect, without the submissions filed under another student's name."""

    def init_src(self):
        # the same selection as nbgrader 0.9's ExchangeCollect.init_src, with the owner check before it
        super().init_src()  # checks the course and the inbound folder, picks nbgrader's records
        student_id = self.coursedir.student_id if self.coursedir.student_id else "*"
        pattern = os.path.join(self.inbound_path, f"{student_id}+{self.coursedir.assignment_id}+*")
        records = []
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            owner = owner_of(path)
            if owner not in (record["username"], *SHARED_ACCOUNTS):
                self.log.warning("Not collected: %s is filed under student %r but owned by %r (submitted by "
                                 "another account)", path, record["username"], owner)
                continue
            records.append(record)
        usergroups = groupby(records, lambda item: item["username"])
        if self.duedate is None or not self.before_duedate:
            self.src_records = [self._sort_by_timestamp(v)[0] for v in usergroups.values()]
        else:
            self.src_records = []
            for v in usergroups.values():
                ordered = self._sort_by_timestamp(v)
                before = [r for r in ordered if r["timestamp"] <= self.duedate]
                self.src_records.append(before[0] if before else ordered[0])
