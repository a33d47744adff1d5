# ruff: noqa: E501 (the SQL reads better unwrapped)
"""A London-scale dataset built inside PostgreSQL with INSERT ... SELECT over generate_series.

About 1 000 000 cases over 2025 and 2026 (the second year to 24 November), every table the plan
figures and the busiest pages read: reports by channel and safe place, refusals and appeals,
crimes by crime type and cases by outcome (shares close to the Met's police.uk files), 10 case
events and 3 published updates per case, Victims' Code duties, messages, reviews, complaints and
alerts. Inside the database, so 1 000 000 cases and 10 000 000 events take minutes, not hours.

    from bench.national import build
    build("vrs_bench", cases=1_000_000)
"""

import datetime
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SERVER = "postgres://postgres@127.0.0.1:5432"
END = datetime.datetime(2026, 11, 24, 12, tzinfo=datetime.UTC)  # "now" for the data and the figures

STEPS = [
    (
        "reports",
        """
        WITH b AS (SELECT row_number() OVER (ORDER BY id) AS n, id, area_id FROM areas_borough),
        s AS (SELECT row_number() OVER (ORDER BY id) AS n, id FROM areas_safeplaceorganisation),
        g AS (
            SELECT g, floor(random() * (SELECT count(*) FROM b))::int + 1 AS pick, random() AS how,
                   random() AS decided, TIMESTAMPTZ '2025-01-01 00:00+00' + random() * (%(end)s - TIMESTAMPTZ '2025-01-01 00:00+00') AS received
            FROM generate_series(1, %(reports)s) g
        )
        INSERT INTO reporting_report (reference, idempotency_key, channel, status, received_at, first_decided_at,
            consent, in_danger_when_reported, what_happened, occurred_approximately, postcode, people_involved,
            injured, injuries, victim_name, interpreter_language, accessibility_needs, referral_consent,
            force_id, area_id, borough_id, safe_place_id)
        SELECT 'VR-N' || lpad(g::text, 8, '0'), gen_random_uuid(),
               CASE WHEN how < 0.80 THEN 'online' WHEN how < 0.92 THEN 'station' ELSE 'safe_place' END,
               CASE WHEN decided < 0.01 THEN 'received' WHEN decided < 0.09 THEN 'declined' ELSE 'recorded' END,
               received,
               CASE WHEN decided < 0.01 THEN NULL ELSE received + (-ln(1 - random()) * 10) * INTERVAL '1 hour' END,
               '{}'::jsonb, false, %(reporting_report__what_happened)s, %(reporting_report__occurred_approximately)s,
               %(reporting_report__postcode)s, %(reporting_report__people_involved)s, 'no', %(reporting_report__injuries)s,
               %(reporting_report__victim_name)s, %(reporting_report__interpreter_language__empty)s, %(reporting_report__accessibility_needs)s, false,
               %(force)s, b.area_id, b.id,
               CASE WHEN how >= 0.92 THEN (SELECT id FROM s WHERE s.n = 1 + (g.g %% (SELECT count(*) FROM s))) END
        FROM g JOIN b ON b.n = g.pick
        """,
    ),
    (
        "refusals",
        """
        INSERT INTO recording_refusal (reason, explanation, decided_at, decided_by_id, report_id, n100)
        SELECT 'incident', 'Benchmark.', first_decided_at, %(officer)s, id, false FROM reporting_report WHERE status = 'declined'
        """,
    ),
    (
        "appeals",
        """
        INSERT INTO recording_appeal (reasons, made_by, submitted_at, status, decided_at, decision_reasons, report_id, refusal_id)
        SELECT %(recording_appeal__reasons)s, 'victim', decided_at + INTERVAL '2 days',
               CASE WHEN random() < 0.5 THEN 'overturned' ELSE 'upheld' END, decided_at + INTERVAL '4 days', '', report_id, id
        FROM recording_refusal WHERE random() < 0.3
        """,
    ),
    (
        "crimes",
        """
        INSERT INTO recording_crime (crime_number, recorded_at, recorded_by_team, cancellation_information,
            recorded_by_id, report_id, classification_id, cancelled_at, cancellation_ground, domestic_abuse, hate_crime)
        WITH w AS (SELECT o.id, v.upper - v.share AS lower, v.upper
                   FROM (VALUES %(crime_mix)s) AS v(code, share, upper) JOIN recording_offenceclassification o ON o.code = v.code)
        SELECT 'MET-N-' || r.id, r.first_decided_at, 'Bench', '', %(officer)s, r.id, w.id,
               CASE WHEN r.cancel < 0.01 THEN r.first_decided_at + INTERVAL '20 days' END,
               CASE WHEN r.cancel < 0.01 THEN (ARRAY['transferred', 'avi', 'part_of_another', 'error'])[1 + floor(r.cancel * 400)::int] ELSE '' END,
               random() < 0.05, random() < 0.01
        FROM (SELECT *, random() AS pick, random() AS cancel FROM reporting_report WHERE status = 'recorded') r
        JOIN w ON r.pick >= w.lower AND r.pick < w.upper
        """,
    ),
    (
        "cases",
        """
        WITH w AS (SELECT o.id, o.code, v.upper - v.share AS lower, v.upper
                   FROM (VALUES %(outcome_mix)s) AS v(code, share, upper) JOIN cases_outcometype o ON o.code = v.code)
        INSERT INTO cases_case (status, crime_id, enhanced_note, enhanced_reason, enhanced_rights, outcome_id, outcome_at,
            records_only, area_id, unanswered_messages, published_outcome, update_frequency, outcome_explanation)
        SELECT CASE WHEN w.code IS NULL THEN 'investigating' WHEN w.code = 1 THEN 'charged' ELSE 'closed' END,
               c.id, '', '', random() < 0.1, w.id,
               CASE WHEN w.id IS NOT NULL THEN least(c.recorded_at + random() * INTERVAL '120 days', %(end)s) END, false,
               r.area_id, 0, '', 'four_weekly', ''
        FROM (SELECT *, random() AS pick FROM recording_crime) c
        JOIN reporting_report r ON r.id = c.report_id
        LEFT JOIN w ON c.pick >= w.lower AND c.pick < w.upper
        """,
    ),
    (
        "case events",
        """
        INSERT INTO cases_caseevent (case_id, kind, happened_at, actor_label, note)
        SELECT k.id, (ARRAY['crime_recorded', 'acknowledgement_sent', 'needs_assessment_done', 'officer_assigned',
                            'update_published', 'suspect_arrested', 'suspect_interviewed', 'update_published',
                            'suspect_released', 'case_closed'])[g],
               least(cr.recorded_at + (g - 1) * INTERVAL '3 days', %(end)s), 'Bench', ''
        FROM cases_case k JOIN recording_crime cr ON cr.id = k.crime_id CROSS JOIN generate_series(1, %(events_per_case)s) g
        """,
    ),
    (
        "timeline",
        """
        INSERT INTO cases_timelineevent (case_id, kind, published_at, text)
        SELECT k.id, 'update', least(cr.recorded_at + g * INTERVAL '5 days', %(end)s), 'Update number ' || g || ' on your case.'
        FROM cases_case k JOIN recording_crime cr ON cr.id = k.crime_id CROSS JOIN generate_series(1, 3) g
        """,
    ),
    (
        "duties",
        """
        INSERT INTO compliance_caseduty (triggered_at, enhanced, due_on, case_id, duty_id, area_id, fulfilled_at, fulfilled_on)
        SELECT cr.recorded_at, k.enhanced_rights, (cr.recorded_at AT TIME ZONE 'Europe/London')::date + 7, k.id, d.id, k.area_id,
               CASE WHEN met < 0.95 THEN cr.recorded_at + (CASE WHEN met < 0.85 THEN 3 ELSE 10 END) * INTERVAL '1 day' END,
               CASE WHEN met < 0.95 THEN (cr.recorded_at AT TIME ZONE 'Europe/London')::date + CASE WHEN met < 0.85 THEN 3 ELSE 10 END END
        FROM (SELECT *, random() AS met FROM cases_case) k
        JOIN recording_crime cr ON cr.id = k.crime_id
        JOIN compliance_duty d ON d.code IN ('acknowledge', 'needs-assessment')
        """,
    ),
    (
        "messages",
        """
        INSERT INTO cases_message (from_victim, body, sent_at, answered_at, case_id)
        SELECT true, %(cases_message__body)s, least(cr.recorded_at + INTERVAL '3 days', %(end)s),
               CASE WHEN random() < 0.9 THEN least(cr.recorded_at + INTERVAL '3 days', %(end)s) + (-ln(1 - random()) * 8) * INTERVAL '1 hour' END,
               k.id
        FROM cases_case k JOIN recording_crime cr ON cr.id = k.crime_id WHERE random() < 0.3
        """,
    ),
    (
        "waiting",
        """
        UPDATE cases_case k SET unanswered_messages = m.n, oldest_unanswered_at = m.oldest
        FROM (SELECT case_id, count(*) AS n, min(sent_at) AS oldest FROM cases_message
              WHERE from_victim AND answered_at IS NULL GROUP BY case_id) m
        WHERE m.case_id = k.id
        """,
    ),
    (
        "reviews",
        """
        INSERT INTO reviews_reviewrequest (decision_at, requested_at, deadline, victim_reasons, late, late_reasons, status,
            decision_reasons, case_id, outcome_id, decided_at, footing)
        SELECT outcome_at, outcome_at + INTERVAL '5 days', (outcome_at + INTERVAL '3 months')::date, %(reviews_reviewrequest__victim_reasons)s, false, %(reviews_reviewrequest__late_reasons__empty)s,
               CASE WHEN random() < 0.8 THEN 'upheld' ELSE 'overturned' END, '', id, outcome_id, outcome_at + INTERVAL '30 days', 'national'
        FROM cases_case WHERE outcome_id IS NOT NULL AND random() < 0.03
        """,
    ),
    (
        "complaints",
        """
        INSERT INTO complaints_complaint (made_at, what_went_wrong, status, target_on, answer, why_not_satisfied,
            commissioner_finding, report_id, answered_at, upheld, escalated_at)
        SELECT received_at + INTERVAL '10 days', %(complaints_complaint__what_went_wrong)s, 'answered', (received_at + INTERVAL '38 days')::date, '', %(complaints_complaint__why_not_satisfied__empty)s, '',
               id, received_at + INTERVAL '30 days', random() < 0.3, CASE WHEN random() < 0.1 THEN received_at + INTERVAL '35 days' END
        FROM reporting_report WHERE random() < 0.01
        """,
    ),
    (
        "alerts",
        """
        INSERT INTO notify_delivery (id, kind, channel, status, not_before, attempts, last_error, created_at, provider,
            provider_id, delivery_status, report_id, sent_at)
        SELECT gen_random_uuid(), 'alert', CASE WHEN random() < 0.7 THEN 'email' ELSE 'text' END, 'sent', cr.recorded_at, 1, '',
               cr.recorded_at, 'notify', '', 'delivered', cr.report_id, cr.recorded_at + INTERVAL '1 minute'
        FROM recording_crime cr CROSS JOIN generate_series(1, 2)
        """,
    ),
]


# Shares of recorded crime by police.uk crime type, close to the Met's street-level files, each as
# the Home Office classification the police.uk import uses for it (issue 8).
CRIME_MIX = [
    ("105A", 0.29),  # Violence and sexual offences
    ("49", 0.15),  # Other theft
    ("45", 0.12),  # Vehicle crime
    ("39", 0.09),  # Theft from the person
    ("28E", 0.07),  # Burglary
    ("46", 0.07),  # Shoplifting
    ("9A", 0.05),  # Public order
    ("58A", 0.05),  # Criminal damage and arson
    ("34B", 0.04),  # Robbery
    ("92D", 0.04),  # Drugs
    ("44", 0.02),  # Bicycle theft
    ("99", 0.005),  # Other crime
    ("10D", 0.005),  # Possession of weapons
]
# Home Office outcome types, close to the mix of police.uk's last outcome categories; the rest are open.
OUTCOME_MIX = [(18, 0.45), (15, 0.17), (16, 0.08), (14, 0.05), (1, 0.07), (21, 0.04), (8, 0.03), (20, 0.02), (3, 0.02)]


def _values(mix: Sequence[tuple[object, float]]) -> str:
    """A VALUES list of (code, share, cumulative upper bound) for a weighted pick by one random number."""
    rows, upper = [], 0.0
    for code, share in mix:
        upper += share
        rows.append(f"({code!r}, {share}, {upper})" if isinstance(code, str) else f"({code}, {share}, {upper})")
    return ", ".join(rows)


def setup_django(database: str, sqlite_path: str | None = None) -> None:
    """Point Django at the local PostgreSQL's `database`, or at the SQLite file when one is given."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "victimsrights.settings"
    if sqlite_path:
        os.environ.pop("DATABASE_URL", None)
        os.environ["SQLITE_PATH"] = sqlite_path
    else:
        os.environ["DATABASE_URL"] = f"{SERVER}/{database}"
    import django

    django.setup()


def database_fresh(database: str) -> None:
    """Drop and create `database` on the local PostgreSQL, point Django at it and migrate it."""
    import psycopg

    with psycopg.connect(f"{SERVER}/test", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")
        admin.execute(f"CREATE DATABASE {database}")
    setup_django(database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(database: str, *, cases: int, events_per_case: int = 10) -> dict[str, int]:
    """Recreate `database`, migrate it, load the reference data and fill it. Returns rows per table."""
    database_fresh(database)
    counts = fill(cases=cases, events_per_case=events_per_case)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return counts


def fill(*, cases: int, events_per_case: int = 10) -> dict[str, int]:
    """Load the reference data into Django's database and fill it with about `cases` cases. Returns rows per step."""
    from django.db import connection

    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.areas.models import Area, Force, SafePlaceKind, SafePlaceOrganisation
    from victimsrights.areas.services import areas_load_file
    from victimsrights.cases.services import outcome_types_load
    from victimsrights.compliance.services import duties_load
    from victimsrights.encryption import encrypt, encrypted_columns
    from victimsrights.recording.services import offences_load_file

    areas_load_file()
    offences_load_file()
    outcome_types_load()
    duties_load()
    for kind in SafePlaceKind:
        organisation = SafePlaceOrganisation.objects.create(
            name=f"Bench {kind.label}", kind=kind, contact_email="bench@example.org"
        )
        organisation.areas.set(Area.objects.all())
    officer = staff_user_create(
        username="bench.recorder",
        password="a-long-bench-password",
        role=Role.RECORDING_OFFICER,
        full_name="Bench Recorder",
        force=Force.objects.get(code="met"),
        area=Area.objects.get(code="central-north"),
    )
    parameters: dict[str, Any] = {
        "reports": math.ceil(cases / 0.91),  # 8% refused and 1% waiting have no case
        "end": END,
        "force": Force.objects.get(code="met").pk,
        "officer": officer.pk,
        "events_per_case": events_per_case,
        # The victim's words are stored encrypted (victimsrights/encryption.py): one ciphertext per column, and
        # one of nothing for a column left empty.
        **{
            f"{table}__{column}{suffix}": encrypt(words, context=f"{table}.{column}")
            for table, columns in encrypted_columns()
            for column in columns
            for suffix, words in [("", "Benchmark."), ("__empty", "")]
        },
    }
    mixes = {"crime_mix": _values(CRIME_MIX), "outcome_mix": _values(OUTCOME_MIX)}
    counts = {}
    with connection.cursor() as cursor:
        for name, sql in STEPS:
            started = time.perf_counter()
            for name_of_mix, values in mixes.items():
                sql = sql.replace(f"%({name_of_mix})s", values)
            cursor.execute(sql, parameters)
            counts[name] = cursor.rowcount
            print(f"  {name:<10} {cursor.rowcount:>10,} rows in {time.perf_counter() - started:6.1f} s", flush=True)
    return counts
