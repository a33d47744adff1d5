"""Benchmark at national scale (issue 8), on the database bench/national.py builds (about 1 000 000 cases,
10 000 000 case events):

  - batch ingest: case events through the integration API's service (`events_apply`, batches of 1 000:
    the history and duties they drive, as a set), then the same with one event in ten carrying an update
    for the victim (applied one by one: timeline, duties, alert), beside raw COPY of the same rows into
    the same tables as the floor;
  - the busiest pages, in process through Django's full stack (sessions, permissions, audit row):
    the victim's case page, an officer's case list and case page, the recording queue, and the API's
    case state. Median and 95th percentile over --requests random cases each.

    .venv/bin/python bench/scale.py [--cases 1000000] [--reuse] [--events 20000] [--requests 200]
"""

import argparse
import datetime
import io
import json
import logging
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.national import END, build, setup_django

DATABASE = "vrs_bench_scale"
KINDS = ["suspect_arrested", "suspect_interviewed", "suspect_released", "bail_changed"]


def milliseconds(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {1000 * statistics.median(ordered):6.1f} ms, p95 {1000 * p95:6.1f} ms"


def ingest(events: int) -> None:
    """Events through the service: history only, then one in ten with an update for the victim; then the floor."""
    from django.db import connection

    from victimsrights.api import services
    from victimsrights.api.schemas import EventIn
    from victimsrights.areas.models import Force
    from victimsrights.cases.models import Case
    from victimsrights.reporting.models import ContactPreferences

    client, _key = services.client_create(name=f"Bench RMS {time.time()}", force=Force.objects.get(code="met"))
    numbers = list(
        Case.objects.filter(records_only=False, crime__cancelled_at__isnull=True)
        .order_by("?")
        .values_list("crime__crime_number", flat=True)[: events // 4]
    )
    reports = Case.objects.filter(crime__crime_number__in=numbers).values_list("crime__report_id", flat=True)
    ContactPreferences.objects.bulk_create(  # every victim in the service has them (the dataset leaves them out)
        [
            ContactPreferences(report_id=r, channels=["email"], email="bench@example.org", safe_times=["any"])
            for r in reports
        ],
        ignore_conflicts=True,
    )
    rng = random.Random(8)
    payloads: list[dict[str, Any]] = [
        {
            "event_id": f"bench-{n}",
            "crime_number": rng.choice(numbers),
            "kind": rng.choice(KINDS),
            "occurred_at": END - datetime.timedelta(minutes=rng.randrange(1, 100_000)),
        }
        for n in range(events)
    ]
    rates = {}
    for share, what in [(0, "history only"), (10, "1 in 10 with an update")]:
        started = time.perf_counter()
        results: dict[str, int] = {}
        for first in range(0, events, 1000):
            batch = [
                EventIn.model_validate(
                    p
                    | {"event_id": f"{p['event_id']}-{share}"}
                    | ({"victim_update": "An update."} if share and n % share == 0 else {})
                )
                for n, p in enumerate(payloads[first : first + 1000])
            ]
            for outcome in services.events_apply(client=client, events=batch):
                results[outcome.result] = results.get(outcome.result, 0) + 1
        rates[what] = events / (time.perf_counter() - started)
        print(f"  through events_apply, {what}: {rates[what]:,.0f} events/s {results}")

    case_ids = dict(Case.objects.filter(crime__crime_number__in=numbers).values_list("crime__crime_number", "id"))
    now = datetime.datetime.now(datetime.UTC).isoformat()
    api_rows, event_rows = io.StringIO(), io.StringIO()
    for n, p in enumerate(payloads):
        at = p["occurred_at"].isoformat()
        case_id = case_ids[p["crime_number"]]
        api_rows.write(f"{client.pk}\tcopy-{n}\t{case_id}\t{p['kind']}\t{at}\t{now}\tapplied\n")
        event_rows.write(f"{case_id}\t{p['kind']}\t{at}\tBench RMS\t\n")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.connection
        with raw.cursor().copy(
            "COPY api_apievent (client_id, event_id, case_id, kind, occurred_at, received_at, result) FROM STDIN"
        ) as copy:
            copy.write(api_rows.getvalue())
        with raw.cursor().copy(
            "COPY cases_caseevent (case_id, kind, happened_at, actor_label, note) FROM STDIN"
        ) as copy:
            copy.write(event_rows.getvalue())
        raw.commit()
    floor = events / (time.perf_counter() - started)
    ratios = ", ".join(f"{what} {rate / floor:.3f}x" for what, rate in rates.items())
    print(f"  floor, raw COPY of the same rows: {floor:,.0f} rows/s; the service against it: {ratios}")


def pages(requests: int) -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client
    from django.urls import reverse

    from victimsrights.accounts.models import StaffUser
    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.api import services
    from victimsrights.areas.models import Area, Force
    from victimsrights.cases.models import Case
    from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
    from victimsrights.reporting.models import ContactPreferences
    from victimsrights.testing.staff import sign_in_client

    area = Area.objects.get(code="central-north")
    officer = StaffUser.objects.filter(username="bench.officer").first() or staff_user_create(
        username="bench.officer",
        password="a-long-bench-password",
        role=Role.INVESTIGATING_OFFICER,
        full_name="Bench Officer",
        force=area.force,
        area=area,
    )
    recorder = StaffUser.objects.get(username="bench.recorder")
    sample = list(
        Case.objects.filter(crime__report__area=area, crime__cancelled_at__isnull=True)
        .order_by("?")
        .values_list("id", "crime__report_id", "crime__crime_number")[:requests]
    )
    for _case_id, report_id, _number in sample:
        ContactPreferences.objects.get_or_create(
            report_id=report_id, defaults={"channels": ["email"], "email": "bench@example.org", "safe_times": ["any"]}
        )
    _client, key = services.client_create(name=f"Bench reader {time.time()}", force=Force.objects.get(code="met"))

    def victim(report_id: int) -> Client:
        session = SessionStore()
        session[SESSION_VICTIM_REPORT] = report_id
        session.create()
        browser = Client()
        browser.cookies["sessionid"] = str(session.session_key)
        return browser

    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per sign-in, not a figure
    staff_officer, staff_recorder = Client(), Client()
    sign_in_client(staff_officer, officer)
    sign_in_client(staff_recorder, recorder)
    api = Client(headers={"Authorization": f"Bearer {key}"})
    checks: list[tuple[str, Callable[[int, int, str], object]]] = [
        ("victim's case page", lambda c, r, n: victim(r).get(reverse("portal:report"))),
        ("officer's case list", lambda c, r, n: staff_officer.get(reverse("cases:list"))),
        ("officer's case page", lambda c, r, n: staff_officer.get(reverse("cases:case", args=[c]))),
        ("recording queue", lambda c, r, n: staff_recorder.get(reverse("recording:queue"))),
        (
            "API case state",
            lambda c, r, n: api.post(
                reverse("api:case-state"), json.dumps({"crime_number": n}), content_type="application/json"
            ),
        ),
    ]
    for name, fetch in checks:
        times = []
        for case_id, report_id, number in sample[:3] + sample:
            started = time.perf_counter()
            response = fetch(case_id, report_id, number)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (name, response.status_code)  # type: ignore[attr-defined]
        print(f"  {name:<22} {milliseconds(times[3:])}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="Use the database a previous run built.")
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if args.reuse:
        setup_django(DATABASE)
    else:
        print(f"Building about {args.cases:,} cases and {10 * args.cases:,} case events on PostgreSQL ...")
        started = time.perf_counter()
        build(DATABASE, cases=args.cases)
        print(f"Built in {time.perf_counter() - started:.1f} s")
    from victimsrights.cases.models import Case, CaseEvent

    print(f"{Case.objects.count():,} cases, {CaseEvent.objects.count():,} case events")
    print("Batch ingest:")
    ingest(args.events)
    print(f"Pages ({args.requests} requests each, random cases of one BCU):")
    pages(args.requests)


if __name__ == "__main__":
    main()
