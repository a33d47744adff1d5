"""Benchmark: recording decisions per second through the service layer, and the queue page.

Builds 100 000 queued reports on PostgreSQL (or SQLite with --sqlite), 10 000 of them open in
one area, then
  - records crimes through `crime_record` (the full service: lock, crime number, notice,
    history, audit) for --decisions reports, from one process and from two at once;
  - renders the recording queue page for an officer of the busy area, --renders times.

The reports are bulk-inserted (a data generator, not the journey) so set-up takes seconds.

    .venv/bin/python bench/recording.py [--reports 100000] [--decisions 2000] [--sqlite]
"""

import argparse
import datetime
import logging
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.national import database_fresh, setup_django

DATABASE = "vrs_bench_recording"


def build(reports: int, busy_open: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from victimsrights.areas.models import Borough
    from victimsrights.areas.services import areas_load_file
    from victimsrights.recording.services import offences_load_file
    from victimsrights.reporting.models import ContactPreferences, Report

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    areas_load_file()
    offences_load_file()
    boroughs = list(Borough.objects.select_related("area__force"))
    camden = next(b for b in boroughs if b.name == "Camden")
    others = [b for b in boroughs if b.area_id != camden.area_id]
    rng = random.Random(7)
    now = timezone.now()
    batch = 5000
    for start in range(0, reports, batch):
        rows = []
        for n in range(start, min(start + batch, reports)):
            borough = camden if n < busy_open else rng.choice(others)
            rows.append(
                Report(
                    reference=f"VR-B{n:07d}",
                    idempotency_key=uuid.uuid4(),
                    channel="online",
                    received_at=now - datetime.timedelta(minutes=rng.randint(0, 36 * 60)),
                    force=borough.area.force,
                    area=borough.area,
                    borough=borough,
                    what_happened="Benchmark report.",
                    injured="no",
                    victim_name="Bench Mark",
                    referral_consent=False,
                )
            )
        created = Report.objects.bulk_create(rows)
        ContactPreferences.objects.bulk_create(
            ContactPreferences(report=r, channels=["email"], email="bench@example.com", safe_times=["any"])
            for r in created
        )


def decide(report_ids: list[int], officer_id: int, results: "multiprocessing.Queue[float] | None" = None) -> float:
    from django.db import connection

    from victimsrights.accounts.models import StaffUser
    from victimsrights.recording.models import OffenceClassification
    from victimsrights.recording.services import crime_record

    officer = StaffUser.objects.get(pk=officer_id)
    classification = OffenceClassification.objects.get(code="28E")
    started = time.perf_counter()
    for report_id in report_ids:
        crime_record(report_id=report_id, classification=classification, actor=officer)
    elapsed = time.perf_counter() - started
    connection.close()
    if results is not None:
        results.put(elapsed)
    return elapsed


def decide_in_process(sqlite_path: str | None, report_ids: list[int], officer_id: int, results: Any) -> None:
    setup_django(DATABASE, sqlite_path)
    decide(report_ids, officer_id, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--busy-area-open", type=int, default=10_000)
    parser.add_argument("--decisions", type=int, default=2000)
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    sqlite_path = str(Path(tmp) / "bench.sqlite3") if args.sqlite else None
    if sqlite_path:
        setup_django(DATABASE, sqlite_path)
    else:
        database_fresh(DATABASE)
    started = time.perf_counter()
    build(args.reports, args.busy_area_open)
    print(
        f"database: {'SQLite' if sqlite_path else 'PostgreSQL'}; built {args.reports} queued reports "
        f"({args.busy_area_open} open in Central North) in {time.perf_counter() - started:.1f}s"
    )

    from django.test import Client

    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.areas.models import Area
    from victimsrights.reporting.models import Report
    from victimsrights.testing.staff import sign_in_client

    busy = Area.objects.get(code="central-north")
    officer = staff_user_create(
        username="bench.officer",
        password="a-long-bench-password",
        role=Role.RECORDING_OFFICER,
        full_name="Bench Officer",
        area=busy,
    )
    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in, not a figure
    client = Client()
    sign_in_client(client, officer)
    timings = []
    for _ in range(args.renders):
        begun = time.perf_counter()
        response = client.get("/staff/recording/")
        timings.append(time.perf_counter() - begun)
        assert response.status_code == 200
    timings.sort()
    print(
        f"queue page, {busy.reports.filter(status='received').count()} open items in the area: "
        f"median {statistics.median(timings) * 1000:.1f} ms, worst {timings[-1] * 1000:.1f} ms "
        f"over {args.renders} renders"
    )

    ids = list(
        Report.objects.exclude(area=busy)
        .filter(force=busy.force)
        .order_by("?")
        .values_list("id", flat=True)[: args.decisions * 2]
    )
    registrar = staff_user_create(
        username="bench.registrar",
        password="a-long-bench-password",
        role=Role.CRIME_REGISTRAR,
        full_name="Bench Registrar",
        force=busy.force,
    )
    one = ids[: args.decisions]
    elapsed = decide(one, registrar.pk)
    print(f"recording decisions, 1 process: {len(one)} in {elapsed:.2f}s = {len(one) / elapsed:.0f}/s")

    two = ids[args.decisions :]
    spawn = multiprocessing.get_context("spawn")
    results = spawn.Queue()
    from django.db import connections

    connections.close_all()
    processes = [
        spawn.Process(target=decide_in_process, args=(sqlite_path, half, registrar.pk, results))
        for half in (two[0::2], two[1::2])
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    slowest = max(results.get() for _ in processes)
    print(f"recording decisions, 2 processes at once: {len(two)} in {slowest:.2f}s = {len(two) / slowest:.0f}/s")
    from victimsrights.recording.models import Crime

    numbers = Crime.objects.count()
    distinct = Crime.objects.values("crime_number").distinct().count()
    print(f"crimes recorded: {numbers}, distinct crime numbers: {distinct}")


if __name__ == "__main__":
    main()
