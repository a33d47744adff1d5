"""One delivery pipeline for every message: a victim gets their acknowledgement on the written channel they chose
(email, text or letter), a letter Notify cannot send waits on the print list for staff, and a message that will
never arrive shows beside the case and leaves the Victims' Code duty it would have met open."""

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.audit.models import AuditEntry
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.compliance.models import CaseDuty
from victimsrights.notify.models import Delivery, DeliveryChannel, DeliveryStatus
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]

ADDRESS = "Flat 2\n10 Example Road\nLondon\nNW1 2AB"
TEXT_ONLY = {"channels": ["text"], "email": "", "mobile": "07700900982", "phone": "", "postal_address": ""}
LETTER_ONLY = {"channels": ["letter"], "email": "", "mobile": "", "phone": "", "postal_address": ADDRESS}


def acknowledgement_duty(case):
    return CaseDuty.objects.get(case=case, duty__code="acknowledge")


def case_page(client, officer, case) -> str:
    client.force_login(officer)
    return client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()


def test_a_text_only_victim_gets_the_acknowledgement_and_the_crime_number_by_text(notify):
    report, case, _officer = recorded_case(contact=TEXT_ONLY)
    run_worker()

    notices = {delivery.kind: delivery for delivery in Delivery.objects.notices().filter(report=report)}
    assert {kind: (d.channel, d.status) for kind, d in notices.items()} == {
        "received": (DeliveryChannel.TEXT, DeliveryStatus.SENT),
        "recorded": (DeliveryChannel.TEXT, DeliveryStatus.SENT),
    }
    texts = {n["reference"]: n for n in notify.state.notifications}
    recorded = texts[str(notices["recorded"].pk)]
    assert recorded["type"] == "sms" and recorded["phone_number"] == "07700900982"
    assert case.crime.crime_number in recorded["personalisation"]["body"]
    assert acknowledgement_duty(case).fulfilled_at is not None  # the Code's written acknowledgement reached them


def test_a_letter_only_victims_acknowledgement_is_posted_by_notify_to_their_address(notify):
    report, case, _officer = recorded_case(contact=LETTER_ONLY)
    run_worker()

    recorded = Delivery.objects.get(report=report, kind="recorded")
    assert (recorded.channel, recorded.status, recorded.provider) == ("letter", DeliveryStatus.SENT, "notify")
    letter = next(n for n in notify.state.notifications if n["reference"] == str(recorded.pk))
    assert letter["type"] == "letter"
    lines = [letter["personalisation"][f"address_line_{n}"] for n in range(1, 6)]
    assert lines == [report.victim_name, "Flat 2", "10 Example Road", "London", "NW1 2AB"]
    assert case.crime.crime_number in letter["personalisation"]["body"]
    assert acknowledgement_duty(case).fulfilled_at is not None


def test_a_letter_notify_will_not_post_shows_beside_the_case_and_keeps_the_duty_open(notify, client):
    _report, case, officer = recorded_case(contact={**LETTER_ONLY, "postal_address": "Somewhere"})
    run_worker()

    recorded = Delivery.objects.get(report=case.crime.report, kind="recorded")
    assert recorded.status == DeliveryStatus.FAILED  # Notify: at least 3 lines, the last a postcode
    duty = acknowledgement_duty(case)
    assert duty.fulfilled_at is None and duty.undelivered_at is not None
    page = case_page(client, officer, case)
    assert 'data-testid="message-not-delivered"' in page and "Not delivered" in page
    assert f'data-testid="not-delivered-{case.pk}"' in client.get(reverse("cases:list")).content.decode()
    assert AuditEntry.objects.filter(action="message.undelivered").exists()


def test_without_notify_a_letter_waits_on_the_print_list_until_staff_say_it_is_posted(smtp, client):
    report, case, officer = recorded_case(contact=LETTER_ONLY)
    run_worker()
    letters = Delivery.objects.notices().filter(report=report)
    assert set(letters.values_list("status", flat=True)) == {DeliveryStatus.TO_PRINT}
    assert acknowledgement_duty(case).fulfilled_at is None  # not told until it is posted
    assert not smtp.mailbox.messages

    recorder = staff(Role.RECORDING_OFFICER, area=report.area.code, username="printer")
    client.force_login(recorder)
    page = client.get(reverse("notify:letters")).content.decode()
    assert page.count('data-testid="letter"') == 2 and "10 Example Road" in page and "NW1 2AB" in page
    assert case.crime.crime_number in page  # the letter's own words, to print
    assert AuditEntry.objects.filter(action="letter.view", actor=recorder).count() == 2

    recorded = letters.get(kind="recorded")
    client.post(reverse("notify:letters"), {"letter": str(recorded.pk)})
    recorded.refresh_from_db()
    assert (recorded.status, recorded.provider) == (DeliveryStatus.SENT, "print")
    assert acknowledgement_duty(case).fulfilled_at is not None
    assert AuditEntry.objects.filter(action="letter.posted", actor=recorder).count() == 1
    again = client.post(reverse("notify:letters"), {"letter": str(recorded.pk)}, follow=True).content.decode()
    assert "already been posted" in again
    assert "already been posted" not in case_page(client, officer, case)


def test_another_areas_staff_cannot_see_or_post_a_letter(smtp, client):
    report, _case, _officer = recorded_case(contact=LETTER_ONLY)
    other_area = "south" if report.area.code != "south" else "central-north"
    client.force_login(staff(Role.RECORDING_OFFICER, area=other_area, username="elsewhere"))
    page = client.get(reverse("notify:letters")).content.decode()
    assert "Example Road" not in page and 'data-testid="letter"' not in page
    letter = Delivery.objects.get(report=report, kind="recorded")
    client.post(reverse("notify:letters"), {"letter": str(letter.pk)})
    client.post(reverse("notify:letters"), {"letter": "not-a-letter"})
    letter.refresh_from_db()
    assert letter.status == DeliveryStatus.TO_PRINT


def test_a_bounce_notify_reports_after_sending_reopens_the_acknowledgement_duty(notify, settings, client):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    report, case, officer = recorded_case()
    run_worker()
    assert acknowledgement_duty(case).fulfilled_at is not None
    recorded = Delivery.objects.get(report=report, kind="recorded")

    answer = client.post(
        reverse("notify:callback"),
        {"reference": str(recorded.pk), "status": "permanent-failure"},
        content_type="application/json",
        headers={"Authorization": "Bearer callback-secret"},
    )

    assert answer.status_code == 200
    duty = acknowledgement_duty(case)
    assert duty.fulfilled_at is None and duty.undelivered_at is not None
    assert 'data-testid="message-not-delivered"' in case_page(client, officer, case)


def test_a_phone_only_victim_is_left_to_staff_and_the_officer_sees_it(smtp, client):
    report, case, officer = recorded_case(
        contact={"channels": ["phone"], "email": "", "mobile": "", "phone": "02079460000", "postal_address": ""},
        voicemail={"voicemail": "no"},
    )
    run_worker()
    assert set(Delivery.objects.notices().filter(report=report).values_list("status", flat=True)) == {
        DeliveryStatus.STAFF_TO_CONTACT
    }
    assert "No written channel: staff to phone the victim" in case_page(client, officer, case)
    assert f'data-testid="not-delivered-{case.pk}"' not in client.get(reverse("cases:list")).content.decode()
    assert acknowledgement_duty(case).fulfilled_at is None


def test_a_sign_in_code_is_a_delivery_too_sent_at_once_and_never_stored(notify, client):
    from victimsrights.cases.tests.factories import sign_in_victim

    report, _case, _officer = recorded_case(contact=TEXT_ONLY)
    run_worker()
    sign_in_victim(notify, report.reference)

    code = Delivery.objects.get(kind="code")
    assert (code.report, code.channel, code.status, code.attempts) == (report, "text", DeliveryStatus.SENT, 1)
    sent = next(n for n in notify.state.notifications if n["reference"] == str(code.pk))
    number = sent["personalisation"]["body"].split("Your code is: ")[1][:6]
    stored = " ".join(str(value) for value in Delivery.objects.filter(pk=code.pk).values().get().values())
    assert number.isdigit() and number not in stored


def test_a_code_that_cannot_go_is_recorded_as_not_delivered_and_not_tried_again(notify):
    from django.test import Client

    report, _case, _officer = recorded_case(contact=TEXT_ONLY)
    run_worker()
    notify.state.reject = True
    victim = Client()
    victim.get(reverse("portal:sign-in"))
    victim.post(reverse("portal:sign-in"), {"identifier": report.reference})
    run_worker()
    code = Delivery.objects.get(kind="code")
    assert (code.status, code.attempts) == (DeliveryStatus.FAILED, 1)
    assert notify.state.requests == len(notify.state.notifications) + 1  # one refused try, no retry

    notify.state.reject = False  # the victim asks again at once: a new code goes, not a share of the lost one
    victim.post(reverse("portal:sign-in"), {"identifier": report.reference})
    run_worker()
    assert Delivery.objects.filter(kind="code", status=DeliveryStatus.SENT).count() == 1
