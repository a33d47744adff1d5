"""Matching: two victims' sealed records naming the same perpetrator are found, and only their safe places are told."""

import base64
import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from victimsrights.accounts import services as accounts
from victimsrights.accounts.roles import POLICE_ROLES, Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.services import areas_load_file
from victimsrights.audit.models import AuditEntry
from victimsrights.cases.tests.factories import THEFT, officer_of
from victimsrights.notify.models import Delivery, DeliveryKind
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting import services as reporting
from victimsrights.reporting.tests.factories import complete_draft
from victimsrights.sealedrecords import matching
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import IdentifierKind, IdentifierMatch, PerpetratorIdentifier
from victimsrights.testing.staff import StaffClient

pytestmark = pytest.mark.usefixtures("london")
PHONE = "+447700900461"
NEW_KEY = "v2:" + base64.b64encode(b"a-second-matching-key-32-bytes!!").decode()


def seal(worker, victim_email: str = ""):
    record, _ = sealed_records.sealed_record_create(
        worker=worker, account="He did it.", notes="", victim_email=victim_email
    )
    return record


def add(record, worker, value: str = PHONE, kind: IdentifierKind = IdentifierKind.PHONE):
    return sealed_records.identifier_add(record_id=record.pk, worker=worker, kind=kind, canonical=value)


def worker(org: str, username: str):
    user = staff(Role.SAFE_PLACE_WORKER, org=org, username=username)
    user.email = f"{username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def havens():
    return worker("The Havens", "worker.havens")


@pytest.fixture
def rcsl():
    return worker("Rape Crisis South London", "worker.rcsl")


def test_two_victims_at_two_safe_places_match_and_only_their_own_workers_are_told(
    havens, rcsl, smtp, django_capture_on_commit_callbacks
):
    first, second = seal(havens), seal(rcsl)
    assert add(first, havens, matching.normalise_phone("07700 900 461")) == (True, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert add(second, rcsl, matching.normalise_phone("+44 (0)7700-900461")) == (True, 1)

    match = IdentifierMatch.objects.get()
    assert {match.first_id, match.second_id} == {first.pk, second.pk}
    assert [m.pk for m in sealed_records.matches_for_record(first)] == [match.pk]
    told = {message["To"] for message in smtp.mailbox.messages}
    assert told == {"worker.havens@example.org", "worker.rcsl@example.org"}
    for body in smtp.mailbox.bodies():  # nothing that identifies the perpetrator or the other victim
        assert "7700" not in body and "Havens" not in body and "Rape Crisis" not in body
    assert Delivery.objects.filter(kind=DeliveryKind.MATCH).count() == 2
    # Stored: a keyed hash, never the number, and the audit trail says a phone number was added, not which.
    stored = PerpetratorIdentifier.objects.get(record=first)
    assert PHONE not in stored.digest and PHONE.encode() not in bytes(stored.sealed_value)
    assert not AuditEntry.objects.filter(detail__icontains="7700").exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_entering_the_same_identifier_at_the_same_moment_still_find_the_match(havens, rcsl):
    first, second = seal(havens), seal(rcsl)
    first_entered = threading.Event()
    errors: list[BaseException] = []

    def enter_first_and_commit_late() -> None:
        try:
            with transaction.atomic():
                add(first, havens)
                first_entered.set()
                time.sleep(0.5)  # the second entry arrives while this one is not yet committed
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            first_entered.set()
            connection.close()

    def enter_second() -> None:
        try:
            first_entered.wait()
            add(second, rcsl)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enter_first_and_commit_late), threading.Thread(target=enter_second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert IdentifierMatch.objects.filter(first__in=[first, second], second__in=[first, second]).count() == 1


def test_a_match_for_a_worker_who_has_left_goes_to_their_organisation(
    havens, rcsl, smtp, django_capture_on_commit_callbacks
):
    first, second = seal(havens), seal(rcsl)
    add(first, havens)
    admin = staff(Role.SAFE_PLACE_WORKER, org="The Havens", username="admin.havens")
    admin.is_organisation_admin = True
    admin.save(update_fields=["is_organisation_admin"])
    accounts.safe_place_worker_deactivate(actor=admin, worker_id=havens.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert add(second, rcsl) == (True, 1)
    told = {message["To"] for message in smtp.mailbox.messages}
    assert told == {havens.organisation.contact_email, "worker.rcsl@example.org"}


def test_one_victim_naming_the_same_person_twice_is_not_a_match(havens):
    record = seal(havens, victim_email="safe@example.com")
    assert add(record, havens) == (True, 0)
    assert add(record, havens) == (False, 0)  # the same record: kept once
    again = seal(havens, victim_email="Safe@Example.com")  # the same victim's second record
    assert add(again, havens) == (True, 0)
    assert IdentifierMatch.objects.count() == 0 and PerpetratorIdentifier.objects.count() == 2
    someone_else = seal(havens, victim_email="other@example.com")
    assert add(someone_else, havens) == (True, 2)  # another victim, at the same safe place, matches both


def test_a_worker_cannot_add_identifiers_to_another_organisations_record(havens, rcsl, client):
    record = seal(havens)
    with pytest.raises(sealed_records.SealedRecordRefused):
        add(record, rcsl)
    client.force_login(rcsl)
    response = client.post(
        reverse("safeplace:sealed-identify", kwargs={"record_id": record.pk}), {"kind": "phone", "value": PHONE}
    )
    assert response.status_code == 404
    assert not PerpetratorIdentifier.objects.exists()


def test_no_police_role_and_not_the_commissioner_can_add_or_see_identifiers(havens, client):
    record = seal(havens)
    add(record, havens)
    for role in [*POLICE_ROLES, Role.VICTIMS_COMMISSIONER]:
        client.force_login(staff(role, username=f"nosy.{role.value}"))
        url = reverse("safeplace:sealed-identify", kwargs={"record_id": record.pk})
        assert client.post(url, {"kind": "phone", "value": "07700 900 462"}).status_code == 403, role
    assert PerpetratorIdentifier.objects.count() == 1


def test_every_entry_counts_toward_the_workers_daily_limit_and_a_record_holds_a_few(havens, settings):
    settings.MATCHING_ENTRIES_PER_WORKER_PER_DAY = 3
    record = seal(havens)
    add(record, havens)
    add(record, havens)  # already there: still an entry
    add(record, havens, "+447700900462")
    with pytest.raises(sealed_records.SealedRecordRefused, match="last 24 hours"):
        add(record, havens, "+447700900463")
    AuditEntry.objects.filter(action="sealed_record.identifier_add").update(
        at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    settings.MATCHING_IDENTIFIERS_PER_RECORD = 2
    with pytest.raises(sealed_records.SealedRecordRefused, match="at most 2"):
        add(record, havens, "+447700900463")


def test_destroying_a_record_destroys_its_identifiers_and_it_matches_nothing_after(havens, rcsl):
    first = seal(havens)
    add(first, havens)
    sealed_records.sealed_record_destroy(record_id=first.pk, worker=havens)
    assert not PerpetratorIdentifier.objects.filter(record=first).exists()
    assert add(seal(rcsl), rcsl) == (True, 0)


def test_a_new_matching_key_keeps_every_match(havens, rcsl, settings):
    first = seal(havens)
    add(first, havens)
    settings.MATCHING_KEYS = f"{NEW_KEY},{settings.MATCHING_KEYS}"
    assert add(seal(rcsl), rcsl) == (True, 1)  # looked up under both keys while they rotate

    assert sealed_records.identifiers_rehash() == 1  # the one still under the old key
    assert set(PerpetratorIdentifier.objects.values_list("key_version", flat=True)) == {"v2"}
    settings.MATCHING_KEYS = NEW_KEY  # the old key is gone
    third = worker("Solace", "worker.solace")
    assert add(seal(third), third) == (True, 2)


def test_the_commissioner_sees_counts_and_nothing_else(havens, rcsl, client):
    add(seal(havens), havens)
    add(seal(rcsl), rcsl)
    assert sealed_records.matching_counts() == {"identifiers": 2, "records_naming": 2, "matches": 1}
    client.force_login(staff(Role.VICTIMS_COMMISSIONER))
    page = client.get(reverse("safeplace:matching")).content.decode()
    assert "Identifiers held" in page and "Havens" not in page and "Rape Crisis" not in page
    for role in POLICE_ROLES:
        client.force_login(staff(role, username=f"nosy.{role.value}"))
        assert client.get(reverse("safeplace:matching")).status_code == 403


@pytest.mark.parametrize(
    ("kind", "written", "same_as"),
    [
        ("phone", "07700 900 461", "+447700900461"),
        ("phone", "0044 7700 900461", "+447700900461"),
        ("email", " Him@Example.COM ", "him@example.com"),
        ("profile", "https://www.instagram.com/Some.One/?hl=en", "instagram:some.one"),
        ("profile", "twitter.com/SomeOne", "x:someone"),
        ("profile", "https://m.facebook.com/profile.php?id=1234", "facebook:id:1234"),
        ("profile", "https://www.snapchat.com/add/some_one", "snapchat:some_one"),
        ("profile", "https://example.social/Users/SomeOne/", "example.social/users/someone"),
    ],
)
def test_identifiers_written_differently_normalise_to_the_same(kind, written, same_as):
    normalise = {"phone": matching.normalise_phone, "email": matching.normalise_email}.get(
        kind, matching.normalise_profile
    )
    assert normalise(written) == same_as


def test_names_fold_case_accents_and_punctuation_and_need_a_date_of_birth():
    born = datetime.date(1985, 3, 27)
    assert matching.normalise_name("Seán  O'Brien", born) == matching.normalise_name("SEAN OBRIEN", born)
    assert matching.normalise_name("Sean OBrien", born) != matching.normalise_name(
        "Sean OBrien", datetime.date(1985, 3, 28)
    )
    with pytest.raises(ValidationError):
        matching.normalise_name("Sean", born)


@given(
    handle=st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9._]{0,28}", fullmatch=True),
    platform=st.sampled_from(["instagram", "x"]),
)
def test_a_handle_and_its_profile_link_are_the_same_identifier(handle, platform):
    host = {"instagram": "instagram.com", "x": "x.com"}[platform]
    assert matching.normalise_profile(f"@{handle.upper()}", platform) == matching.normalise_profile(
        f"https://www.{host}/{handle}/"
    )


nasty_text = st.one_of(
    st.text(max_size=320),
    st.sampled_from(["", " ", "\x00", "@", "@@", "https://", "https://[", "instagram.com/", "+44", "07700 900 461"]),
)


class IdentifierFormFuzzTests(HypothesisTestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()
        cls.worker = staff(Role.SAFE_PLACE_WORKER, org="The Havens", username="worker.fuzz")
        cls.record = seal(cls.worker)

    @hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        kind=st.sampled_from(["phone", "email", "profile", "name", "", "nonsense"]),
        value=nasty_text,
        platform=st.sampled_from(["", "instagram", "myspace"]),
        day=st.sampled_from(["", "31", "x", "27"]),
        year=st.sampled_from(["", "85", "1985", "2999"]),
    )
    def test_anything_typed_gets_an_error_on_the_page_or_is_added_never_a_500(self, kind, value, platform, day, year):
        self.client.force_login(self.worker)
        url = reverse("safeplace:sealed-identify", kwargs={"record_id": self.record.pk})
        data = {"kind": kind, "value": value, "platform": platform, "birth_day": day, "birth_month": "3"}
        response = self.client.post(url, {**data, "birth_year": year})
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:  # the same page, saying what to correct
            assert "govuk-error-summary" in response.content.decode()


def report_from(record, worker):
    """The worker turns the sealed record into a report, which is submitted and recorded as a crime."""
    consent = {"report_now": "yes", "share_contact": "yes", "contact_route": "direct"}
    sealed_records.sealed_record_convert(record_id=record.pk, worker=worker, consent=consent)
    draft = complete_draft(what_happened={"what_happened": "He did it."}, consent=consent)
    draft.safe_place, draft.started_by, draft.sealed_record = worker.organisation, worker, record
    draft.save()
    report = reporting.report_submit(draft=draft, submission_key=draft.submission_key)
    assert report.area is not None
    recorder = staff(Role.RECORDING_OFFICER, area=report.area.code, username=f"rec{report.pk}")
    return recording.crime_record(
        report_id=report.pk, classification=OffenceClassification.objects.get(code=THEFT), actor=recorder
    )


def test_when_both_matched_victims_report_the_investigating_officer_sees_the_reports_linked(havens, rcsl, client):
    first, second, unmatched = seal(havens), seal(rcsl), seal(rcsl)
    add(first, havens)
    add(second, rcsl)
    first_crime = report_from(first, havens)
    assert list(first_crime.report.linked_reports.all()) == []  # the other victim has not reported: nothing to link
    second_crime = report_from(second, rcsl)
    third_crime = report_from(unmatched, rcsl)

    assert list(first_crime.report.linked_reports.all()) == [second_crime.report]
    assert list(third_crime.report.linked_reports.all()) == []
    officer = officer_of(first_crime.report.area.code)
    client.force_login(officer)
    page = client.get(reverse("cases:case", kwargs={"case_id": first_crime.case.pk})).content.decode()
    assert second_crime.crime_number in page and "named the same person" in page
