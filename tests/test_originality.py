"""No lesson text is copied from the seed op-ed: no 8-word run of a lesson's prose appears in it.

The op-ed is not redistributed; tests/data holds only hashes of its 8-word shingles (made from
shared/seed/article.txt by the course authors). Short attributed quotations of public statements are allowed, so
text inside quotation marks is left out of the comparison.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest

from helpers import LESSON_IDS, SOLUTIONS

N = 8
HASHES = {line.strip() for line in (Path(__file__).parent / "data" / "seed_article_8gram_hashes.txt")
          .read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def shingles(text: str) -> dict[str, str]:
    words = re.findall(r"[a-z0-9']+", QUOTED.sub(" ", text.lower().replace("’", "'")))
    return {hashlib.sha1(" ".join(words[i:i + N]).encode()).hexdigest()[:16]: " ".join(words[i:i + N])
            for i in range(len(words) - N + 1)}


def test_the_check_detects_copied_text():
    assert len(HASHES) > 500
    # the op-ed quotes the Interim National Security Strategic Guidance (3 Mar 2021); unquoted, it is detected
    assert set(shingles("threats that respect no borders or walls and must be met with collective action")) & HASHES
    # a made-up sentence shares nothing with the article
    assert not set(shingles("The burden explorer shows each ally's spending as a share of its economy in 2019")) \
        & HASHES


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_prose_copies_no_run_of_eight_words_from_the_seed(lesson):
    nb = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    copied = [run for h, run in shingles(prose).items() if h in HASHES]
    assert copied == [], f"{lesson} repeats the seed article word for word: {copied[:5]}"
