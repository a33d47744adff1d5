"""Benchmark: loading a Met-sized year of police.uk files on PostgreSQL (issue 20).

Generates twelve months of street and outcomes files in police.uk's published format (real London LSOA codes from
`policeuk/fixtures/lsoa_borough.csv`, the crime types and outcome categories the mapping reads, about one row in
ten anti-social behaviour), then measures in the same run:
  - the year loaded as `import_police_uk --workers 2` loads it (new crimes applied as a set, two files at once):
    events and crimes per second, and minutes per million crimes;
  - a month of a twelfth of the year's size loaded as a set by one process;
  - one by one (`as_a_set=False`, each event as the API applies a live feed) on a small month, for comparison;
  - the floor: reading the same street files and COPYing their crime rows into one table in one transaction.

    .venv/bin/python bench/policeuk_import.py [--crimes 1000000] [--sample 3000] [--workers 2]
"""

import argparse
import csv
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.national import SERVER, database_fresh  # noqa: E402

DATABASE = "vrs_bench_policeuk"
MET = "Metropolitan Police Service"
STREET = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
STREET += "Last outcome category,Context"
OUTCOMES = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Outcome type"


def build() -> None:
    database_fresh(DATABASE)
    from django.core.management import call_command

    for command in ("load_areas", "load_offences", "load_outcome_types", "load_duties"):
        call_command(command, verbosity=0)


def generate(folder: Path, *, crimes: int, first_month: datetime.date, months: int, seed: int) -> int:
    """Street and outcomes files for `months` months holding `crimes` crimes between them; returns the events
    the import will apply (each crime, and its outcome when it has one)."""
    from victimsrights.cases.models import PUBLISHED_OUTCOME_CATEGORIES
    from victimsrights.policeuk.mapping import CLASSIFICATION_FOR_CRIME_TYPE, OUTCOME_TYPE_FOR_CATEGORY

    rng = random.Random(seed)
    with (ROOT / "victimsrights/policeuk/fixtures/lsoa_borough.csv").open() as file:
        lsoas = [row["lsoa_code"] for row in csv.DictReader(file) if row["borough_code"] != "E09000001"]
    crime_types = list(CLASSIFICATION_FOR_CRIME_TYPE)
    # Weighted toward no outcome yet and no suspect identified; an assumed mix, not one measured from police.uk.
    outcomes = ["Under investigation"] * 3 + ["Investigation complete; no suspect identified"] * 3
    outcomes += list(OUTCOME_TYPE_FOR_CATEGORY) + list(PUBLISHED_OUTCOME_CATEGORIES) * 2
    events = 0
    per_month = crimes // months
    for number in range(months):
        month = (first_month.replace(day=15) + datetime.timedelta(days=31 * number)).replace(day=1)
        name = f"{month:%Y-%m}"
        (folder / name).mkdir(parents=True, exist_ok=True)
        with (
            (folder / name / f"{name}-metropolitan-street.csv").open("w") as street,
            (folder / name / f"{name}-metropolitan-outcomes.csv").open("w") as outcome_file,
        ):
            street.write(STREET + "\n")
            outcome_file.write(OUTCOMES + "\n")
            for _ in range(per_month + per_month // 10):
                lsoa = rng.choice(lsoas)
                place = f"-0.1{rng.randrange(10**5):05d},51.5{rng.randrange(10**5):05d},On or near High Street,{lsoa}"
                if rng.random() < 1 / 11:
                    street.write(f",{name},{MET},{MET},{place},Somewhere 001A,Anti-social behaviour,,\n")
                    continue
                crime_id = rng.randbytes(32).hex()
                outcome = rng.choice(outcomes)
                street.write(f"{crime_id},{name},{MET},{MET},{place},Somewhere 001A,{rng.choice(crime_types)},")
                street.write(f'"{outcome}",\n' if "," in outcome or ";" in outcome else f"{outcome},\n")
                events += 1
                if outcome not in ("Under investigation", ""):
                    events += 1
                    outcome_file.write(f"{crime_id},{name},{MET},{MET},{place},Somewhere 001A,{outcome}\n")
    return events


def floor(folder: Path) -> tuple[int, float]:
    """Read the street files as the import does, and COPY their crime rows into one table in one transaction."""
    import psycopg

    from victimsrights.policeuk.files import csv_files, is_outcomes_file, street_rows

    started = time.perf_counter()
    rows = 0
    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        connection.execute(
            "CREATE TABLE floor_crime (crime_id text, month date, reported_by text, lsoa_code text,"
            " crime_type text, last_outcome text)"
        )
        with connection.cursor().copy("COPY floor_crime FROM STDIN") as copy:
            for path in csv_files([folder]):
                if is_outcomes_file(path):
                    continue
                for row in street_rows(path):
                    if row.crime_id:
                        copy.write_row(
                            (row.crime_id, row.month, row.reported_by, row.lsoa_code, row.crime_type, row.last_outcome)
                        )
                        rows += 1
    return rows, time.perf_counter() - started


def timed_import(folder: Path, *, as_a_set: bool, workers: int = 1) -> tuple[int, int, float]:
    from victimsrights.policeuk.services import police_uk_import

    started = time.perf_counter()
    summary = police_uk_import([folder], as_a_set=as_a_set, workers=workers)
    seconds = time.perf_counter() - started
    assert summary.results["rejected"] == 0, summary.problems
    return summary.results["applied"], summary.files, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--crimes", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=3_000, help="crimes loaded one by one, for comparison")
    parser.add_argument("--workers", type=int, default=2, help="processes loading the year's files")
    arguments = parser.parse_args()
    build()
    from victimsrights.recording.models import Crime

    with tempfile.TemporaryDirectory() as scratch:
        year, month, sample = Path(scratch) / "year", Path(scratch) / "month", Path(scratch) / "sample"
        started = time.perf_counter()
        events = generate(year, crimes=arguments.crimes, first_month=datetime.date(2025, 1, 1), months=12, seed=1)
        generate(month, crimes=arguments.crimes // 12, first_month=datetime.date(2024, 6, 1), months=1, seed=2)
        generate(sample, crimes=arguments.sample, first_month=datetime.date(2024, 1, 1), months=1, seed=3)
        print(f"police.uk import on PostgreSQL, {os.cpu_count()} CPUs: a generated Met year of {arguments.crimes:,}")
        print(f"  crimes ({events:,} events, files written in {time.perf_counter() - started:.0f} s)")
        floor_rows, floor_seconds = floor(year)
        floor_rate = floor_rows / floor_seconds
        one_events, _files, one_seconds = timed_import(sample, as_a_set=False)
        month_events, _files, month_seconds = timed_import(month, as_a_set=True)
        crimes_before = Crime.objects.count()
        year_events, files, year_seconds = timed_import(year, as_a_set=True, workers=arguments.workers)
        crimes = Crime.objects.count() - crimes_before
        assert year_events == events, (year_events, events)
    rates = [
        ("floor: read the files, COPY the crime rows", floor_rate),
        (f"one by one, a {arguments.sample:,}-crime month", one_events / one_seconds),
        (f"as a set, one process, a {arguments.crimes // 12:,}-crime month", month_events / month_seconds),
        (f"as a set, the year, {arguments.workers} processes", year_events / year_seconds),
    ]
    print(f"  {'':<52}{'per s':>10}{'x floor':>9}")
    for label, rate in rates:
        print(f"  {label:<52}{rate:10,.0f}{rate / floor_rate:9.3f}")
    print(
        f"  the year: {crimes:,} crimes and their outcomes from {files} files in {year_seconds / 60:.1f} minutes"
        f" ({year_seconds / 60 / crimes * 1e6:.1f} minutes per million crimes)"
    )


if __name__ == "__main__":
    main()
