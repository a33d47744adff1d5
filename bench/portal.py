"""Benchmark: the victim's case page at scale, beside a bare WSGI handler running the same query.

Builds --cases recorded crimes with cases and --events-per-case timeline events (default
100 000 and 10: 1 000 000 events) on PostgreSQL, signs in --victims victims (sessions), then
serves the app with gunicorn and drives GET /your-report/ from concurrent clients. The same
reads (report, case, newest 100 timeline events) are served by a bare WSGI function with
psycopg, as the floor. The ratio is the cost of Django, sessions, permissions and the audit row.

    .venv/bin/python bench/portal.py [--cases 100000] [--events-per-case 10] [--requests 2000]
"""

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "vrs_bench_portal"
BARE_SQL = """
SELECT r.reference, c.status, e.published_at, e.text
FROM reporting_report r JOIN recording_crime cr ON cr.report_id = r.id JOIN cases_case c ON c.crime_id = cr.id
LEFT JOIN LATERAL (
    SELECT published_at, text FROM cases_timelineevent WHERE case_id = c.id
    ORDER BY published_at DESC, id DESC LIMIT 100
) e ON TRUE
WHERE r.id = %s
"""


def bare_app(environ, start_response):  # type: ignore[no-untyped-def]
    """The floor: the same reads, straight SQL, a plain page."""
    import psycopg

    global _connection
    if "_connection" not in globals():
        _connection = psycopg.connect(f"{POSTGRES_SERVER}/{DATABASE}")
    report_id = int(environ.get("QUERY_STRING", "id=0").split("=")[1])
    rows = _connection.execute(BARE_SQL, (report_id,)).fetchall()
    body = "".join(f"<li>{row[2]}: {row[3]}</li>" for row in rows).encode()
    start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
    return [body]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "victimsrights.settings"
    os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE}"
    import django

    django.setup()


def build(cases: int, events_per_case: int, victims: int) -> list[tuple[int, str]]:
    import psycopg
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.areas.models import Borough
    from victimsrights.areas.services import areas_load_file
    from victimsrights.cases.models import Case
    from victimsrights.cases.services import outcome_types_load
    from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
    from victimsrights.recording.models import Crime, OffenceClassification
    from victimsrights.recording.services import offences_load_file
    from victimsrights.reporting.models import ContactPreferences, Report

    with psycopg.connect(f"{POSTGRES_SERVER}/test", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    areas_load_file()
    offences_load_file()
    outcome_types_load()
    boroughs = list(Borough.objects.select_related("area__force").filter(area__force__code="met"))
    classification = OffenceClassification.objects.get(code="39")
    officer = staff_user_create(
        username="bench.recorder",
        password="a-long-bench-password",
        role=Role.RECORDING_OFFICER,
        full_name="Bench Recorder",
        area=boroughs[0].area,
    )
    rng = random.Random(11)
    now = timezone.now()
    for start in range(0, cases, 5000):
        size = min(5000, cases - start)
        reports = Report.objects.bulk_create(
            Report(
                reference=f"VR-P{start + n:07d}",
                idempotency_key=uuid.uuid4(),
                channel="online",
                status="recorded",
                received_at=now,
                first_decided_at=now,
                force=b.area.force,
                area=b.area,
                borough=b,
                what_happened="Benchmark.",
                injured="no",
                victim_name="Bench",
                referral_consent=False,
            )
            for n, b in ((n, rng.choice(boroughs)) for n in range(size))
        )
        ContactPreferences.objects.bulk_create(
            ContactPreferences(report=r, channels=["email"], email="b@example.com", safe_times=["any"]) for r in reports
        )
        crimes = Crime.objects.bulk_create(
            Crime(
                report=r,
                crime_number=f"MET-2026-{start + n + 1:07d}",
                classification=classification,
                recorded_at=now,
                recorded_by=officer,
                recorded_by_team="Bench",
            )
            for n, r in enumerate(reports)
        )
        Case.objects.bulk_create(Case(crime=c, area_id=c.report.area_id) for c in crimes)
    case_ids = list(Case.objects.values_list("id", flat=True))
    buffer = io.StringIO()
    for case_id in case_ids:
        for n in range(events_per_case):
            buffer.write(f"{case_id}\tupdate\t2026-0{1 + n % 9}-1{n % 9} 10:00:00+00\tUpdate number {n} on the case.\n")
    buffer.seek(0)
    with (
        connection.cursor() as cursor,
        cursor.connection.cursor().copy(
            "COPY cases_timelineevent (case_id, kind, published_at, text) FROM STDIN"
        ) as copy,
    ):
        copy.write(buffer.read())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    signed_in = []
    for report_id in rng.sample(list(Report.objects.values_list("id", flat=True)), victims):
        session = SessionStore()
        session[SESSION_VICTIM_REPORT] = report_id
        session.create()
        signed_in.append((report_id, str(session.session_key)))
    return signed_in


def serve(target: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "victimsrights.settings",
        "DATABASE_URL": f"{POSTGRES_SERVER}/{DATABASE}",
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", target, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return server


def drive(urls_and_cookies: list[tuple[str, str]], clients: int) -> tuple[float, list[float]]:
    def fetch(item: tuple[str, str]) -> float:
        url, cookie = item
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            assert response.status == 200
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(fetch, urls_and_cookies))
    return time.perf_counter() - started, sorted(latencies)


def report(name: str, elapsed: float, latencies: list[float]) -> float:
    rate = len(latencies) / elapsed
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"{name:<28} {rate:7.0f} req/s   p50 {statistics.median(latencies) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events-per-case", type=int, default=10)
    parser.add_argument("--victims", type=int, default=500)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    started = time.perf_counter()
    signed_in = build(args.cases, args.events_per_case, args.victims)
    print(
        f"PostgreSQL: {args.cases} cases, {args.cases * args.events_per_case} timeline events, built in "
        f"{time.perf_counter() - started:.0f}s; {args.clients} clients, gunicorn with {args.workers} workers"
    )
    from django.db import connections

    connections.close_all()
    picks = [random.Random(n).choice(signed_in) for n in range(args.requests)]
    app = serve("victimsrights.wsgi", 8766, args.workers)
    try:
        elapsed, latencies = drive(
            [("http://127.0.0.1:8766/your-report/", f"sessionid={key}") for _, key in picks], args.clients
        )
        django_rate = report("case page (Django)", elapsed, latencies)
    finally:
        app.terminate()
        app.wait()
    bare = serve("bench.portal:bare_app", 8767, args.workers)
    try:
        elapsed, latencies = drive([(f"http://127.0.0.1:8767/?id={rid}", "") for rid, _ in picks], args.clients)
        bare_rate = report("same query, bare WSGI", elapsed, latencies)
    finally:
        bare.terminate()
        bare.wait()
    print(f"Django case page / bare WSGI: {django_rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
