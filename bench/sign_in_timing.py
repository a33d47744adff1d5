"""Benchmark: does the sign-in answer take longer for a crime number that exists? (It should not.)

Records --crimes crimes on SQLite, then times --tries sign-in requests for known and for unknown
crime numbers, interleaved, through Django's test client, and prints the medians and the gap.

    .venv/bin/python bench/sign_in_timing.py [--crimes 300] [--tries 300]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--crimes", type=int, default=300)
    parser.add_argument("--tries", type=int, default=300)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "victimsrights.settings"
    os.environ.pop("DATABASE_URL", None)
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "timing.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.areas.models import Area
    from victimsrights.areas.services import areas_load_file
    from victimsrights.operations.demo import load_demo_data
    from victimsrights.recording.models import Crime, OffenceClassification
    from victimsrights.recording.services import crime_record, offences_load_file
    from victimsrights.reporting.models import Report, ReportStatus

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    areas_load_file()
    offences_load_file()
    call_command("load_outcome_types", verbosity=0)
    load_demo_data(reports=args.crimes)
    registrar = staff_user_create(
        username="timing.registrar",
        password="a-long-bench-password",
        role=Role.CRIME_REGISTRAR,
        full_name="Timing Registrar",
        force=Area.objects.get(code="central-north").force,
    )
    theft = OffenceClassification.objects.get(code="39")
    for report in Report.objects.filter(status=ReportStatus.RECEIVED, force=registrar.force):
        crime_record(report_id=report.pk, classification=theft, actor=registrar)
    known = list(Crime.objects.values_list("crime_number", flat=True))
    timings: dict[str, list[float]] = {"known": [], "unknown": []}
    for n in range(args.tries):
        for kind, number in (("known", known[n % len(known)]), ("unknown", f"MET-2026-{8_000_000 + n:07d}")):
            client = Client(REMOTE_ADDR=f"127.1.{n // 250}.{n % 250 + 1}")
            client.get("/your-report/sign-in")
            started = time.perf_counter()
            response = client.post("/your-report/sign-in", {"identifier": number})
            timings[kind].append(time.perf_counter() - started)
            assert response.status_code == 302
    known_ms, unknown_ms = (statistics.median(timings[k]) * 1000 for k in ("known", "unknown"))
    print(
        f"sign-in answer, median of {args.tries} each: known crime number {known_ms:.2f} ms, "
        f"unknown {unknown_ms:.2f} ms, gap {known_ms - unknown_ms:+.2f} ms"
    )


if __name__ == "__main__":
    main()
