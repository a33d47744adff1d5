import base64
import datetime

import pytest
from cryptography.exceptions import InvalidTag
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from victimsrights.accounts.roles import POLICE_ROLES, Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.reporting import services
from victimsrights.reporting.models import Channel
from victimsrights.reporting.tests.factories import complete_draft
from victimsrights.sealedrecords import sealing
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import SealedRecord, SealedRecordStatus

pytestmark = pytest.mark.usefixtures("london")
ACCOUNT = "He followed me from the station on 3 March and grabbed me."
CONSENT = {"report_now": "yes", "share_contact": "yes", "contact_route": "direct"}


@pytest.fixture
def worker():
    return staff(Role.SAFE_PLACE_WORKER, org="The Havens")


def raw_column(record_id) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM reporting_sealedrecord WHERE id = %s", [record_id.hex])
        row = cursor.fetchone()
        if row is None:  # PostgreSQL stores the uuid natively
            cursor.execute("SELECT ciphertext FROM reporting_sealedrecord WHERE id = %s", [str(record_id)])
            row = cursor.fetchone()
    return bytes(row[0])


def test_the_database_holds_only_ciphertext_and_the_worker_can_read_it_back(worker):
    record, code = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="Samples H-12")

    stored = raw_column(record.pk)
    assert ACCOUNT.encode() not in stored and b"followed" not in stored
    assert len(code) == 10
    contents = sealed_records.sealed_record_contents(record=SealedRecord.objects.get(pk=record.pk), worker=worker)
    assert contents == {"account": ACCOUNT, "notes": "Samples H-12", "victim_email": ""}
    assert AuditEntry.objects.filter(action="sealed_record.open", actor=worker).exists()


def test_no_police_role_and_not_the_commissioner_can_open_a_sealed_record(client, worker):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    for role in [*POLICE_ROLES, Role.VICTIMS_COMMISSIONER]:
        client.force_login(staff(role, username=f"nosy.{role.value}"))
        for name in ("safeplace:sealed", "safeplace:home"):
            kwargs = {"record_id": record.pk} if name == "safeplace:sealed" else {}
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 403, (role, name)
            assert ACCOUNT.encode() not in response.content


def test_another_organisations_worker_cannot_see_or_change_the_record(client, worker):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    other = staff(Role.SAFE_PLACE_WORKER, username="other.worker", org="Other Refuge")
    client.force_login(other)

    assert client.get(reverse("safeplace:sealed", kwargs={"record_id": record.pk})).status_code == 404
    assert ACCOUNT.encode() not in client.get(reverse("safeplace:home")).content
    destroy = reverse("safeplace:sealed-action", kwargs={"record_id": record.pk, "action": "destroy"})
    assert client.post(destroy).status_code == 404
    assert SealedRecord.objects.get(pk=record.pk).status == SealedRecordStatus.SEALED


def test_converting_keeps_the_sealed_time_stamp_on_the_report_as_early_disclosure(worker):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    SealedRecord.objects.filter(pk=record.pk).update(sealed_at=timezone.now() - datetime.timedelta(days=200))

    draft = sealed_records.sealed_record_convert(record_id=record.pk, worker=worker, consent=CONSENT)
    assert draft.answers["what-happened"]["what_happened"] == ACCOUNT
    finished = complete_draft(**{"what_happened": {"what_happened": ACCOUNT}, "consent": CONSENT})
    finished.safe_place, finished.started_by, finished.sealed_record = worker.organisation, worker, record
    finished.save()
    report = services.report_submit(draft=finished, submission_key=finished.submission_key)

    record.refresh_from_db()
    assert report.channel == Channel.SAFE_PLACE
    assert report.first_disclosed_at == record.sealed_at
    assert record.status == SealedRecordStatus.CONVERTED
    assert record.wrapped_key is None  # the account now lives in the report only


def test_destroying_erases_the_key_so_the_ciphertext_can_never_be_read(worker):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    ciphertext, wrapped = bytes(record.ciphertext), bytes(record.wrapped_key)

    sealed_records.sealed_record_destroy(record_id=record.pk, worker=worker)

    record.refresh_from_db()
    assert record.status == SealedRecordStatus.DESTROYED
    assert record.wrapped_key is None and bytes(record.ciphertext) == b""
    # Even a copy of the old ciphertext (a backup) cannot be read without the erased data key.
    with pytest.raises(InvalidTag):
        sealing.unseal(
            ciphertext=ciphertext, wrapped_key=b"\0" * len(wrapped), key_version="demo", record_id=str(record.pk)
        )
    with pytest.raises(sealed_records.SealedRecordRefused):
        sealed_records.sealed_record_convert(record_id=record.pk, worker=worker, consent=CONSENT)
    assert AuditEntry.objects.filter(action="sealed_record.destroy").count() == 1


def test_records_expire_after_retention_with_a_reminder_30_days_before(worker, smtp, settings):
    settings.SEALED_RECORD_RETENTION_DAYS = 40
    soon, later = (sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")[0] for _ in range(2))
    now = timezone.now()
    SealedRecord.objects.filter(pk=later.pk).update(retain_until=now + datetime.timedelta(days=100))

    first = sealed_records.sealed_records_expire(now=now + datetime.timedelta(days=15))
    again = sealed_records.sealed_records_expire(now=now + datetime.timedelta(days=16))
    final = sealed_records.sealed_records_expire(now=now + datetime.timedelta(days=41))

    assert (first, again, final) == (
        {"expired": 0, "reminded": 1},
        {"expired": 0, "reminded": 0},
        {"expired": 1, "reminded": 0},
    )
    assert smtp.mailbox.messages[0]["To"] == worker.organisation.contact_email
    assert ACCOUNT not in smtp.mailbox.bodies()[0]
    assert SealedRecord.objects.get(pk=soon.pk).status == SealedRecordStatus.EXPIRED
    assert SealedRecord.objects.get(pk=later.pk).status == SealedRecordStatus.SEALED
    with pytest.raises(sealed_records.SealedRecordRefused):
        sealed_records.sealed_record_extend(record_id=soon.pk, worker=worker)


def test_rotating_the_key_rewraps_records_which_still_open(worker, settings):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    new_key = "v2:" + base64.b64encode(b"n" * 32).decode()
    settings.SEALED_RECORDS_KEYS = f"{new_key},{settings.SEALED_RECORDS_KEYS}"

    assert sealed_records.sealed_records_rewrap() == 1
    settings.SEALED_RECORDS_KEYS = new_key  # the old key is retired

    record.refresh_from_db()
    assert record.key_version == "v2"
    assert sealed_records.sealed_record_contents(record=record, worker=worker)["account"] == ACCOUNT


def test_no_page_a_police_role_or_the_commissioner_can_open_shows_a_sealed_account(client, worker):
    from victimsrights.tests.test_permission_matrix import ALL_URLS

    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="Samples H-12")
    shapes = [
        {},
        {"slug": "what-happened"},
        {"report_id": 1},
        {"appeal_id": 1},
        {"record_id": record.pk},
        {"record_id": record.pk, "action": "extend"},
        {"worker_id": worker.pk},
        {"action": "extend"},
        {"case_id": 1},
        {"review_id": 1},
        {"complaint_id": 1},
        {"sample_id": 1},
        {"sample_id": 1, "record_id": 1},
        {"recommendation_id": 1},
        {"area_code": "central-north", "year": 2026},
        {"area_code": "central-north", "year": 2026, "number": 1},
        {"area_code": "central-north", "year": 2026, "ons_code": "E09000007"},
        {"area_code": "central-north", "year": 2026, "commitment_id": 1},
    ]
    for role in [*POLICE_ROLES, Role.VICTIMS_COMMISSIONER]:
        user = staff(role, username=f"scan.{role.value}")
        for name in ALL_URLS:
            client.force_login(user)
            response = client.get(_reverse_any(name, shapes))
            assert ACCOUNT.encode() not in response.content, (role, name)
            assert b"Samples H-12" not in response.content, (role, name)


def _reverse_any(name: str, shapes: list[dict]) -> str:
    for kwargs in shapes:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    raise AssertionError(f"No example arguments for {name}")


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_runs_the_expiry_job(worker):
    from django.core.management import call_command

    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    SealedRecord.objects.filter(pk=record.pk).update(retain_until=timezone.now() - datetime.timedelta(seconds=1))

    call_command("run_scheduler", "--once")

    assert SealedRecord.objects.get(pk=record.pk).status == SealedRecordStatus.EXPIRED


def test_a_report_started_from_a_record_destroyed_meanwhile_still_goes_in_without_the_early_date(worker):
    record, _ = sealed_records.sealed_record_create(worker=worker, account=ACCOUNT, notes="")
    sealed_records.sealed_record_convert(record_id=record.pk, worker=worker, consent=CONSENT)
    sealed_records.sealed_record_destroy(record_id=record.pk, worker=worker)
    draft = complete_draft(**{"consent": CONSENT})
    draft.safe_place, draft.started_by, draft.sealed_record = worker.organisation, worker, record
    draft.save()

    report = services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert report.pk and report.first_disclosed_at is None
    assert SealedRecord.objects.get(pk=record.pk).status == SealedRecordStatus.DESTROYED
