"""The busiest pages' queries use indexes: none reads a whole large table (issue 8: under 100 ms at a million cases).

Each page is requested and its queries captured; each query's plan is asked for with sequential scans
priced out of reach (PostgreSQL's `enable_seqscan = off`), so a sequential scan in the plan means no
index can serve it. On SQLite the same check reads EXPLAIN QUERY PLAN for a full `SCAN` of a table.
"""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.recording.models import Crime
from victimsrights.reporting.tests.factories import submitted_report

pytestmark = pytest.mark.usefixtures("london")

# The tables that grow with the number of cases.
LARGE = {
    "api_apievent",
    "audit_auditentry",
    "cases_case",
    "cases_caseevent",
    "cases_hearing",
    "cases_message",
    "cases_timelineevent",
    "complaints_complaint",
    "compliance_caseduty",
    "notify_alert",
    "recording_appeal",
    "recording_crime",
    "recording_historyevent",
    "recording_refusal",
    "reporting_notice",
    "reporting_report",
    "reviews_reviewrequest",
}


def _seq_scans_postgresql(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("RESET enable_seqscan")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    found: set[str] = set()

    def walk(node: dict[str, object]) -> None:
        if node.get("Node Type") == "Seq Scan":
            found.add(str(node["Relation Name"]))
        for child in node.get("Plans", []):  # type: ignore[attr-defined]
            walk(child)

    walk(plan[0]["Plan"])
    return found


def _seq_scans_sqlite(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        details = [row[3] for row in cursor.fetchall()]
    return {match.group(1) for detail in details if (match := re.fullmatch(r"SCAN (\w+)", detail))}


def full_scans_of_large_tables(queries: list[dict[str, str]]) -> dict[str, set[str]]:
    scans = _seq_scans_postgresql if connection.vendor == "postgresql" else _seq_scans_sqlite
    found = {}
    for query in queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        large = scans(sql) & LARGE
        if large:
            found[sql[:300]] = large
    return found


def pages(client, urls: list[str]) -> list[dict[str, str]]:
    with CaptureQueriesContext(connection) as captured:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return list(captured.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_staff_pages_read_through_indexes(client):
    _report, case, officer = recorded_case()
    waiting = submitted_report()
    client.force_login(officer)
    queries = pages(client, [reverse("cases:list"), reverse("cases:case", args=[case.pk])])
    recorder = staff(Role.RECORDING_OFFICER, username="queue.reader")
    client.force_login(recorder)
    queries += pages(client, [reverse("recording:queue"), reverse("recording:report", args=[waiting.pk])])
    assert full_scans_of_large_tables(queries) == {}


@pytest.mark.django_db(transaction=True)
def test_the_victims_case_page_reads_through_indexes(smtp):
    report, _case, _officer = recorded_case()
    victim = sign_in_victim(smtp, Crime.objects.get(report=report).crime_number)
    queries = pages(victim, [reverse("portal:report")])
    assert full_scans_of_large_tables(queries) == {}


def test_the_check_finds_a_full_scan(db):
    queries = [{"sql": "SELECT * FROM cases_case WHERE enhanced_note = 'x'"}]
    assert full_scans_of_large_tables(queries) == {queries[0]["sql"]: {"cases_case"}}
