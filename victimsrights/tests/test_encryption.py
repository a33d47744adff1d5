"""Victims' accounts and contact details are ciphertext in the database, readable only with keys kept outside it."""

import base64

import pytest
from django.core.exceptions import FieldError
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from victimsrights import encryption
from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services as cases
from victimsrights.cases.models import Message, OutcomeType
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.complaints.services import complaint_answer, complaint_escalate, complaint_make
from victimsrights.recording import services as recording
from victimsrights.recording.models import RefusalReason
from victimsrights.reporting.models import ContactPreferences, Draft, Report
from victimsrights.reporting.tests.factories import complete_draft, submitted_report
from victimsrights.reviews.services import review_request
from victimsrights.testing.database import table_rows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]

EVIDENTIAL_DIFFICULTIES = 15
V1 = "v1:" + base64.b64encode(b"1" * 32).decode()
V2 = "v2:" + base64.b64encode(b"2" * 32).decode()

ANSWERS = {
    "what_happened": {"what_happened": "Zephyrine followed me home from the Quillon bar"},
    "when": {"occurred_day": "", "occurred_month": "", "occurred_year": "", "occurred_on": "",
             "occurred_approximately": "The night of the Vantablack party"},
    "people": {"people_involved": "Her brother Ozymandias Ferrule was with her"},
    "injuries": {"injured": "yes", "injuries": "A cracked Xiphisternum rib"},
    "your_name": {"victim_name": "Marigold Quenby"},
    "contact": {"channels": ["email", "text", "phone", "letter"], "email": "marigold.quenby@example.com",
                "mobile": "07700900517", "phone": "01632960517", "postal_address": "17 Wistmans Row, London"},
    "voicemail": {"voicemail": "no"},
    "wording": {"neutral_wording": "yes", "safe_word": "Pumpernickel"},
    "support": {"support": ["interpreter", "access"], "interpreter_language": "Tigrinya (Asmara dialect)",
                "accessibility_needs": "Deaf in my left ear, Tinnitus"},
}  # fmt: skip
WRITTEN_LATER = {
    "message": "Zephyrine has started texting my sister Philippa",
    "complaint": "Nobody called me back about Zephyrine",
    "escalation": "The answer ignored what Zephyrine did at the Quillon",
    "appeal": "The Quillon bar has CCTV of the assault",
    "review": "Ozymandias admitted it to Philippa",
}


def secrets() -> list[str]:
    words = [v for step in ANSWERS.values() for v in step.values() if isinstance(v, str) and len(v) > 6]
    distinctive = ["Zephyrine", "Quillon", "Vantablack", "Ozymandias", "Xiphisternum", "Quenby", "Wistmans"]
    return words + list(WRITTEN_LATER.values()) + distinctive + ["SW1A 9ZZ", "Pumpernickel", "Tinnitus", "Philippa"]


def every_stored_value() -> list[tuple[str, str]]:
    """Every cell of every table that holds text, as the database holds it."""
    return [
        (table, str(cell))
        for table, rows in table_rows().items()
        for row in rows
        for cell in row
        if isinstance(cell, str | dict | list)
    ]


def leaks() -> list[tuple[str, str]]:
    found = []
    for table, cell in every_stored_value():
        found += [(table, secret) for secret in secrets() if secret.lower() in cell.lower()]
    return found


def a_victim_tells_everything(smtp):
    """A report with every sensitive answer, then a message, complaint, appeal and review from the victim."""
    draft = complete_draft(**ANSWERS)
    assert leaks() == []  # the draft, saved as the victim goes, is encrypted too
    report, case, officer = recorded_case(**ANSWERS)
    Report.objects.filter(pk=report.pk).update(postcode="SW1A 9ZZ")
    cases.message_from_victim(case=case, body=WRITTEN_LATER["message"])
    complaint = complaint_make(report=report, what_went_wrong=WRITTEN_LATER["complaint"])
    standards = staff(Role.PROFESSIONAL_STANDARDS, area=report.area.code, username="standards")
    complaint_answer(complaint_id=complaint.pk, upheld=False, answer="We did call.", actor=standards)
    complaint_escalate(report=report, why_not_satisfied=WRITTEN_LATER["escalation"])
    cases.outcome_record(
        explanation="We could not find enough evidence to charge anyone.",
        case_id=case.pk,
        outcome=OutcomeType.objects.get(code=EVIDENTIAL_DIFFICULTIES),
        actor=officer,
    )
    review_request(case_id=case.pk, reasons=WRITTEN_LATER["review"], late_reasons="")
    declined = submitted_report(seed=2)
    recording.report_decline(
        report_id=declined.pk,
        reason=RefusalReason.NO_CRIME_DISCLOSED,
        explanation="No crime.",
        actor=staff(Role.RECORDING_OFFICER, username="decider"),
    )
    recording.appeal_submit(report_id=declined.pk, reasons=WRITTEN_LATER["appeal"], made_by="victim")
    return draft, report, case


def test_nothing_the_victim_wrote_is_stored_as_plain_text_yet_every_page_reads_it(smtp):
    draft, report, case = a_victim_tells_everything(smtp)

    assert leaks() == []
    stored = Report.objects.get(pk=report.pk)
    assert stored.victim_name == "Marigold Quenby"
    assert stored.postcode == "SW1A 9ZZ"
    assert ContactPreferences.objects.get(report=report).safe_word == "Pumpernickel"
    assert Draft.objects.get(pk=draft.pk).answers["people"]["people_involved"].startswith("Her brother")
    victim = sign_in_victim(smtp, case.crime.crime_number)  # the code went to the decrypted email address
    page = victim.get(reverse("portal:report")).content.decode()
    assert WRITTEN_LATER["message"] in page


def test_the_planted_plain_text_is_found_so_the_scan_can_fail():
    report = submitted_report()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reporting_report SET people_involved = %s WHERE id = %s", ["Ozymandias", report.pk])
    assert ("reporting_report", "Ozymandias") in leaks()


def test_ciphertext_altered_or_moved_to_another_column_is_refused_not_shown():
    report = submitted_report()
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened, victim_name FROM reporting_report WHERE id = %s", [report.pk])
        account, name = cursor.fetchone()
        flipped = account[:-6] + ("A" if account[-6] != "A" else "B") + account[-5:]
        cursor.execute("UPDATE reporting_report SET what_happened = %s WHERE id = %s", [flipped, report.pk])
        with pytest.raises(encryption.Unreadable):
            Report.objects.get(pk=report.pk)
        cursor.execute("UPDATE reporting_report SET what_happened = %s WHERE id = %s", [name, report.pk])
        with pytest.raises(encryption.Unreadable):
            Report.objects.get(pk=report.pk)


def test_encrypted_columns_refuse_to_be_searched_rather_than_silently_finding_nothing():
    with pytest.raises(FieldError, match="encrypted"):
        list(Report.objects.filter(victim_name="Marigold Quenby"))
    with pytest.raises(FieldError, match="encrypted"):
        list(ContactPreferences.objects.filter(email__icontains="example.com"))
    assert Report.objects.filter(postcode__isnull=True).count() == 0


def test_rotation_moves_every_value_to_the_new_key_and_the_old_key_can_then_go(settings, smtp, capsys):
    settings.FIELD_ENCRYPTION_KEYS = V1
    _draft, report, case = a_victim_tells_everything(smtp)
    before = dict(every_stored_value())

    settings.FIELD_ENCRYPTION_KEYS = f"{V2},{V1}"
    with pytest.raises(CommandError, match="not under the newest key"):
        call_command("rotate_field_keys", "--check")
    assert "v1:" in capsys.readouterr().out
    call_command("rotate_field_keys")
    out = capsys.readouterr().out
    assert "reporting_report: 2 rows re-encrypted under v2" in out

    settings.FIELD_ENCRYPTION_KEYS = V2  # the old key is gone, and everything still reads
    call_command("rotate_field_keys", "--check")
    assert "to re-encrypt" not in capsys.readouterr().out.replace("0 rows to re-encrypt", "")
    assert leaks() == []
    assert every_stored_value() != before
    assert Report.objects.get(pk=report.pk).what_happened.startswith("Zephyrine")
    assert Message.objects.get(case=case).body == WRITTEN_LATER["message"]
    victim = sign_in_victim(smtp, case.crime.crime_number)
    assert WRITTEN_LATER["message"] in victim.get(reverse("portal:report")).content.decode()


def test_rotation_without_the_old_key_reports_the_unreadable_values_and_changes_nothing(settings, capsys):
    settings.FIELD_ENCRYPTION_KEYS = V1
    report = submitted_report()
    settings.FIELD_ENCRYPTION_KEYS = V2
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened FROM reporting_report WHERE id = %s", [report.pk])
        (stored,) = cursor.fetchone()

    with pytest.raises(CommandError, match="could not be read"):
        call_command("rotate_field_keys")

    settings.FIELD_ENCRYPTION_KEYS = V1
    with connection.cursor() as cursor:
        cursor.execute("SELECT what_happened FROM reporting_report WHERE id = %s", [report.pk])
        assert cursor.fetchone() == (stored,)
    assert Report.objects.get(pk=report.pk).what_happened == report.what_happened


def test_a_value_changed_during_rotation_is_not_overwritten_with_the_older_text(settings, monkeypatch):
    settings.FIELD_ENCRYPTION_KEYS = V1
    report = submitted_report()
    settings.FIELD_ENCRYPTION_KEYS = f"{V2},{V1}"
    rotate_one = encryption._to_current_key

    def victim_edits_meanwhile(value: str, context: str) -> str | None:
        if context == "reporting_report.what_happened":
            Report.objects.filter(pk=report.pk).update(what_happened="Corrected by the victim.")
        return rotate_one(value, context)

    monkeypatch.setattr(encryption, "_to_current_key", victim_edits_meanwhile)
    result = encryption.rotate("reporting_report", ["what_happened"])

    assert (result.rewritten, result.changed_meanwhile) == (0, 1)
    assert Report.objects.get(pk=report.pk).what_happened == "Corrected by the victim."


def test_the_migration_step_encrypts_plain_text_once_and_its_reverse_restores_it():
    report = submitted_report()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reporting_report SET victim_name = %s WHERE id = %s", ["Marigold Quenby", report.pk])
    columns = ["victim_name", "what_happened"]

    first = encryption.encrypt_existing("reporting_report", columns)
    again = encryption.encrypt_existing("reporting_report", columns)  # a migration re-run after a stop

    assert (first.rewritten, again.rewritten) == (1, 0)
    assert Report.objects.get(pk=report.pk).victim_name == "Marigold Quenby"
    encryption.decrypt_existing("reporting_report", columns)
    with connection.cursor() as cursor:
        cursor.execute("SELECT victim_name FROM reporting_report WHERE id = %s", [report.pk])
        assert cursor.fetchone() == ("Marigold Quenby",)


@given(text=st.text(max_size=2_000), context=st.sampled_from(["reporting_report.what_happened", "cases_message.body"]))
def test_any_text_round_trips_and_none_of_it_shows_in_what_is_stored(text, context):
    stored = encryption.encrypt(text, context=context)
    assert encryption.key_version(stored) == "demo"
    assert encryption.decrypt(stored, context=context) == text
    if len(text) > 3:
        assert text not in stored


def test_the_migration_encrypts_the_rows_stored_before_it_and_unwinds_to_plain_text():
    report = submitted_report()
    name, account = report.victim_name, report.what_happened

    def stored() -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT victim_name, what_happened FROM reporting_report WHERE id = %s", [report.pk])
            return cursor.fetchone()

    def migrate_to(target: str) -> None:
        executor = MigrationExecutor(connection)
        executor.migrate([("reporting", target)])

    migrate_to("0004_sending_since")
    assert stored() == (name, account)
    migrate_to("0005_encrypt_victims_words")
    assert all(value.startswith("enc:demo:") for value in stored())
    # Then every migration of every app: going back unapplied the later apps' migrations that depend on reporting's
    # (feedback's table went), the model as it stands reads every later column, and the tests after this one need
    # the schema whole.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    again = Report.objects.get(pk=report.pk)
    assert (again.victim_name, again.what_happened) == (name, account)
