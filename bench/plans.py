"""Benchmark: build every Victims' Plan for a year at London scale, beside one hand-written GROUP BY.

Builds about 1 000 000 cases on PostgreSQL (bench/national.py), then times:
  - the floor: one hand-written SQL GROUP BY over the year's reports (counts by BCU, borough and channel,
    and decided within 24 hours), the least any plan build must read;
  - counting every figure for every BCU and borough, this year and last (what build_plans and the
    commissioner's dashboard do first);
  - build_plans writing CSV and standalone HTML for every BCU and borough, then the PDFs.

    .venv/bin/python bench/plans.py [--cases 1000000] [--reuse [--database vrs_bench_scale]]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.national import END, SERVER, build, setup_django

DATABASE = "vrs_bench_plans"
FLOOR_SQL = """
SELECT area_id, borough_id, channel, count(*),
       count(*) FILTER (WHERE first_decided_at <= received_at + INTERVAL '24 hours')
FROM reporting_report
WHERE received_at >= '2026-01-01 00:00 Europe/London' AND received_at < '2027-01-01 00:00 Europe/London'
GROUP BY area_id, borough_id, channel
"""


def timed(what, repeat=3):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = what()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="Use the database a previous run built.")
    parser.add_argument("--database", default=DATABASE, help="e.g. vrs_bench_scale, which bench/scale.py builds")
    args = parser.parse_args()

    if args.reuse:
        setup_django(args.database)
    else:
        print(f"Building about {args.cases:,} cases on PostgreSQL ...")
        started = time.perf_counter()
        build(args.database, cases=args.cases)
        print(f"Built in {time.perf_counter() - started:.1f} s")

    import psycopg

    from victimsrights.cases.models import Case
    from victimsrights.plans.build import plans_build
    from victimsrights.plans.document import figures_with_change
    from victimsrights.plans.figures import plan_figures

    print(f"Cases: {Case.objects.count():,}")
    with psycopg.connect(f"{SERVER}/{args.database}") as connection:
        rows, floor = timed(lambda: connection.execute(FLOOR_SQL).fetchall())
    print(f"Floor, one hand-written GROUP BY over 2026's reports ({len(rows)} groups): {floor * 1000:.0f} ms")

    figures, one_year = timed(lambda: plan_figures(2026, now=END))
    print(f"Every figure for {len(figures)} places (BCUs and boroughs), 2026: {one_year * 1000:.0f} ms")
    _, both_years = timed(lambda: figures_with_change(2026, now=END))
    print(f"Every figure, 2026 beside 2025: {both_years * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as out:
        result, _ = timed(lambda: plans_build(year=2026, out=Path(out), formats=("csv", "html")), repeat=1)
        print(
            f"build_plans, CSV and HTML: {result.areas} BCU plans and {result.boroughs} borough plans, "
            f"{len(result.files)} files: counting {result.seconds_counting:.1f} s, "
            f"writing {result.seconds_writing:.1f} s"
        )
        result, _ = timed(lambda: plans_build(year=2026, out=Path(out), formats=("pdf",)), repeat=1)
        print(
            f"build_plans, PDF: {len(result.files)} PDFs: counting {result.seconds_counting:.1f} s, "
            f"writing {result.seconds_writing:.1f} s ({result.seconds_writing / len(result.files) * 1000:.0f} ms a PDF)"
        )


if __name__ == "__main__":
    main()
