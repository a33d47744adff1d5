import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import SafePlaceKind
from victimsrights.cases import services as cases
from victimsrights.cases.tests.factories import signed_in
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.portal.middleware import LAST_SEEN, STAFF_LAST_SEEN
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.html import without_csrf_tokens

pytestmark = pytest.mark.usefixtures("london")


def test_a_victim_can_turn_alerts_off_and_change_safe_times():
    report = submitted_report()
    recording.crime_record(
        report_id=report.pk,
        classification=OffenceClassification.objects.get(code="39"),
        actor=staff(Role.RECORDING_OFFICER),
    )
    client = signed_in(report)

    response = client.post(
        reverse("portal:contact"),
        {
            "channels": ["email"],
            "email": "new@example.com",
            "safe_times": ["weekend"],
            "alerts": "no",
            "update_frequency": "four_weekly",
        },
    )

    assert response.url == reverse("portal:report")
    report.contact.refresh_from_db()
    assert (report.contact.email, report.contact.safe_times, report.contact.alerts_wanted) == (
        "new@example.com",
        ["weekend"],
        False,
    )
    officer = staff(Role.INVESTIGATING_OFFICER)
    cases.update_publish(case_id=report.crime.case.pk, text="An update.", actor=officer)
    assert Delivery.objects.alerts().get().status == DeliveryStatus.NO_SAFE_CHANNEL


def test_bad_contact_changes_are_explained_on_the_same_page_and_change_nothing():
    report = submitted_report()
    response = signed_in(report).post(
        reverse("portal:contact"), {"channels": ["text"], "mobile": "123", "alerts": "yes"}
    )

    assert response.status_code == 200
    assert b"Enter a UK mobile phone number" in response.content
    assert b"Select when it is safe to contact you" in response.content
    report.contact.refresh_from_db()
    assert report.contact.channels == ["email"]


def test_the_victims_session_ends_after_15_minutes_idle(settings):
    report = submitted_report()
    client = signed_in(report)
    assert client.get(reverse("portal:report")).status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - settings.VICTIM_IDLE_SECONDS - 1
    session.save()

    assert client.get(reverse("portal:report")).url == reverse("portal:sign-in")


def test_a_staff_session_ends_after_30_minutes_idle(settings, client):
    client.force_login(staff(Role.RECORDING_OFFICER))
    assert client.get(reverse("recording:queue")).status_code == 200
    session = client.session
    session[STAFF_LAST_SEEN] = time.time() - settings.STAFF_IDLE_SECONDS - 1
    session.save()

    response = client.get(reverse("recording:queue"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign-in"))


def sign_in_answers(identifiers: list[str]) -> set[tuple[object, bytes]]:
    """The distinct answers (where it redirects, and the page without its tokens) to signing in with each."""
    pages = set()
    for index, identifier in enumerate(identifiers):
        client = Client(REMOTE_ADDR=f"127.0.{index // 250}.{index % 250 + 1}")  # the per-IP limit is not under test
        client.get(reverse("portal:sign-in"))
        response = client.post(reverse("portal:sign-in"), {"identifier": identifier}, follow=True)
        pages.add((response.redirect_chain[0], without_csrf_tokens(response.content)))
    return pages


@pytest.mark.django_db(transaction=True)
def test_200_unknown_and_200_known_crime_numbers_get_byte_identical_answers():
    officer = staff(Role.RECORDING_OFFICER)
    theft = OffenceClassification.objects.get(code="39")
    known = [
        recording.crime_record(report_id=submitted_report(seed=n).pk, classification=theft, actor=officer).crime_number
        for n in range(200)
    ]
    unknown = [f"MET-2026-{9_000_000 + n:07d}" for n in range(200)]

    assert len(sign_in_answers(known + unknown)) == 1


@pytest.mark.django_db(transaction=True)
def test_known_and_unknown_report_references_get_byte_identical_answers():
    known = [submitted_report(seed=n).reference for n in range(30)]
    unknown = [f"VR-ZZ{n:02d}-ZZZZ" for n in range(30)]

    assert len(sign_in_answers(known + unknown)) == 1


ORGANISATIONS = {
    "Camden Havens": SafePlaceKind.SARC,
    "Camden Rape Crisis": SafePlaceKind.RAPE_CRISIS,
    "Camden Women's Aid": SafePlaceKind.WOMENS_AID,
    "Camden Refuge": SafePlaceKind.REFUGE,
    "Camden Victims' Charity": SafePlaceKind.CHARITY,
}
SEXUAL = {"Camden Havens", "Camden Rape Crisis"}
DOMESTIC = {"Camden Women's Aid", "Camden Refuge"}


@pytest.mark.parametrize(
    ("offence", "flags", "shown"),
    [
        ("39", frozenset(), {"Camden Victims' Charity"}),  # theft from the person: no specialist service
        ("71", frozenset(), SEXUAL | {"Camden Victims' Charity"}),  # a sexual offence
        ("8N", frozenset({"domestic_abuse"}), DOMESTIC | {"Camden Victims' Charity"}),
        (None, frozenset(), set(ORGANISATIONS)),  # not classified yet: every one, each saying who it is for
    ],
)
def test_support_in_the_area_fits_the_crime_and_never_another_areas(offence, flags, shown):
    from victimsrights.areas.models import Area, SafePlaceOrganisation

    report = submitted_report(borough="Camden")
    if offence:
        recording.crime_record(
            report_id=report.pk,
            classification=OffenceClassification.objects.get(code=offence),
            actor=staff(Role.RECORDING_OFFICER),
            flags=flags,
        )
    for name, kind in ORGANISATIONS.items():
        SafePlaceOrganisation.objects.create(name=name, kind=kind, contact_email="x@example.org").areas.add(report.area)
    SafePlaceOrganisation.objects.create(
        name="Bromley Victims' Charity", kind=SafePlaceKind.CHARITY, contact_email="y@example.org"
    ).areas.add(Area.objects.get(code="south"))

    page = signed_in(report).get(reverse("portal:report")).content.decode()

    listed = {name for name in [*ORGANISATIONS, "Bromley Victims' Charity"] if escape(name) in page}
    assert listed == shown
    assert "Victim Support on 08 08 16 89 111" in page  # for everyone, whatever the crime
