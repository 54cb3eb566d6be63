"""Burden-explorer updates on the largest table vs a plain pandas groupby of the same data, side by side.

    .venv/bin/python benchmarks/explorer.py

Largest table: us_troops_abroad (every host, every year). Goal: the widget adds under 50 ms to the groupby.
Prints medians of repeated runs; no assertion (timings on a shared machine are noisy).

Every timed explorer update is a real change of the selection, made the way a student makes it (setting the
``countries`` control, which triggers the update): the selection alternates between every host and every host
but the last, so each update recomputes the measure, the ranked table, the alt text and the chart spec, and puts the
chart into the ``Output`` widget. (The explorer keeps the results of the current selection for a change of chart kind
only, so calling ``update()`` again without a change would time a cache hit.) The plain groupby is timed on the same
two selections, alternating the same way. Also shown, not counted against the goal: a change of chart kind only,
and the constructor's first update with the per-measure cache in ``course_utils.measures`` emptied (as in a fresh
kernel; the tables themselves are already loaded).
"""
from __future__ import annotations

import itertools
import statistics
import time


def median_ms(fn, repeat: int = 15) -> float:
    fn()  # warm up (imports, caches)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    from course_utils import measures
    from course_utils.data import load
    from course_utils.measures import available_countries, available_years
    from course_utils.widgets import BurdenExplorer

    table = load("us_troops_abroad")
    countries = available_countries("us_troops_hosted")
    start, end = available_years("us_troops_hosted")

    measures._FULL_FRAMES.clear()  # as in a fresh kernel
    t = time.perf_counter()
    explorer = BurdenExplorer(measure="us_troops_hosted", countries=countries, start=start, end=end)
    first = (time.perf_counter() - t) * 1000
    assert explorer.result is not None, explorer.message
    # the hosts the widget offers (codes without a country name, e.g. territories, are not among its options)
    countries = list(explorer.countries.value)
    selections = [tuple(countries), tuple(countries[:-1])]  # alternate: each update is a real change

    plain_next = itertools.cycle(selections)

    def plain():
        chosen = list(next(plain_next))
        t = table[(table.year >= start) & (table.year <= end) & table.iso3.isin(chosen)]
        return t.groupby(["iso3", "year"])["troops"].sum()

    base = median_ms(plain)
    print(f"table us_troops_abroad: {len(table)} rows, {len(countries)} countries, {start}-{end} "
          f"(alternating with {len(countries) - 1} countries)")
    print(f"{'pandas groupby':38s} {base:8.1f} ms")
    for kind in ("bar", "line"):
        explorer.kind.value = kind
        explorer_next = itertools.cycle(selections[::-1])

        def change_selection():
            explorer.countries.value = next(explorer_next)
            assert explorer.result is not None and explorer.kind.value == kind

        t = median_ms(change_selection)
        print(f"{'explorer update (' + kind + ')':38s} {t:8.1f} ms   adds {t - base:7.1f} ms   ({t / base:5.1f}x)")

    kinds = itertools.cycle(["bar", "line"])

    def change_kind():  # same selection, other chart kind: both charts are kept after the warm-up
        explorer.kind.value = next(kinds)

    toggle = median_ms(change_kind)
    print(f"{'chart kind toggle only':38s} {toggle:8.1f} ms   (selection unchanged: nothing recomputed)")
    print(f"{'first update (constructor, cold cache)':38s} {first:8.1f} ms   (incl. building the widget and the "
          "per-measure cache)")


if __name__ == "__main__":
    main()
