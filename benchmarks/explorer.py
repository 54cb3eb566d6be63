"""One burden-explorer update on the largest table vs a plain pandas groupby of the same data, side by side.

    .venv/bin/python benchmarks/explorer.py

Largest table: us_troops_abroad (every host, every year). Goal: the widget adds under 50 ms to the groupby.
Prints medians of repeated runs; no assertion (timings on a shared machine are noisy).
"""
from __future__ import annotations

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
    from course_utils.data import load
    from course_utils.measures import available_countries, available_years
    from course_utils.widgets import BurdenExplorer

    table = load("us_troops_abroad")
    countries = available_countries("us_troops_hosted")
    start, end = available_years("us_troops_hosted")
    explorer = BurdenExplorer(measure="us_troops_hosted", countries=countries, start=start, end=end)
    assert explorer.result is not None, explorer.message

    def plain():
        t = table[(table.year >= start) & (table.year <= end) & table.iso3.isin(countries)]
        return t.groupby(["iso3", "year"])["troops"].sum()

    base = median_ms(plain)
    print(f"table us_troops_abroad: {len(table)} rows, {len(countries)} countries, {start}-{end}")
    print(f"{'pandas groupby':38s} {base:8.1f} ms")
    for kind in ("bar", "line"):
        explorer.kind.value = kind
        t = median_ms(explorer.update)
        print(f"{'explorer update (' + kind + ')':38s} {t:8.1f} ms   adds {t - base:7.1f} ms   ({t / base:5.1f}x)")


if __name__ == "__main__":
    main()
