"""Alert delivery: officer publishes → a neutral alert goes out on the victim's safe channel (SMTP or GOV.UK Notify),
at a safe time, exactly once through outages → the victim signs in and sees it."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from victimsrights.cases import services
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.portal.models import VictimAccessCode
from victimsrights.reporting.contact import next_safe_moment
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]
UPDATE = "We have spoken to a witness who saw the man leave the shop."


def test_an_update_alerts_the_victim_by_email_with_no_case_detail_and_shows_when_they_sign_in(smtp):
    report, case, officer = recorded_case()
    run_worker()  # the received and recorded notices
    before = len(smtp.mailbox.messages)

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    alert_body = smtp.mailbox.bodies()[before]
    assert "There is an update on your case" in alert_body
    assert reverse("portal:sign-in") in alert_body
    for detail in (UPDATE, "witness", case.crime.crime_number, report.reference, "Theft"):
        assert detail not in alert_body
    page = sign_in_victim(smtp, case.crime.crime_number).get(reverse("portal:report")).content.decode()
    assert UPDATE in page


def test_alerts_go_by_gov_uk_notify_when_configured_with_our_id_as_the_reference(notify, smtp):
    _report, case, officer = recorded_case()

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    alert = Delivery.objects.alerts().get()
    sent = [n for n in notify.state.notifications if n["reference"] == str(alert.pk)]
    assert len(sent) == 1 and sent[0]["type"] == "email"
    assert sent[0]["email_address"] == "victim@example.com"
    assert UPDATE not in str(sent[0]) and case.crime.crime_number not in str(sent[0])
    assert (alert.status, alert.provider, alert.provider_id) == (DeliveryStatus.SENT, "notify", sent[0]["id"])


def test_a_text_only_victim_is_alerted_by_text_through_notify(notify):
    _report, case, officer = recorded_case(
        contact={"channels": ["text"], "email": "", "mobile": "07700900982", "phone": "", "postal_address": ""}
    )

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    alert = Delivery.objects.alerts().get()
    texts = [n for n in notify.state.notifications if n["reference"] == str(alert.pk)]
    assert [(t["type"], t["phone_number"]) for t in texts] == [("sms", "07700900982")]


def test_when_notify_is_down_the_alert_is_retried_and_delivered_exactly_once(notify, settings):
    settings.NOTICE_RETRY_SECONDS = 0
    _report, case, officer = recorded_case()
    run_worker()  # the acknowledgements go first
    notify.state.down = True

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker(max_tasks=4)  # several tries while it is down
    alert = Delivery.objects.alerts().get()
    assert alert.status == DeliveryStatus.PENDING and alert.attempts >= 2

    notify.state.down = False
    run_worker()
    run_worker()

    alert.refresh_from_db()
    assert alert.status == DeliveryStatus.SENT
    assert len([n for n in notify.state.notifications if n["reference"] == str(alert.pk)]) == 1


def test_when_notify_took_the_alert_but_the_answer_was_lost_the_retry_does_not_send_again(notify, settings):
    settings.NOTICE_RETRY_SECONDS = 0
    _report, case, officer = recorded_case()
    notify.state.accept_then_fail = True

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker(max_tasks=1)
    notify.state.accept_then_fail = False
    run_worker()

    alert = Delivery.objects.alerts().get()
    assert alert.status == DeliveryStatus.SENT
    assert len([n for n in notify.state.notifications if n["reference"] == str(alert.pk)]) == 1


def test_an_alert_outside_the_victims_safe_times_waits_for_the_window(smtp):
    now = timezone.now()
    window = next(w for w in ("weekday_morning", "weekday_evening") if next_safe_moment(now=now, safe_times=[w]) > now)
    _report, case, officer = recorded_case(**{"safe-times": {"safe_times": [window]}})

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    alert = Delivery.objects.alerts().get()
    assert alert.status == DeliveryStatus.PENDING and alert.not_before > now
    assert not any("update on your case" in body for body in smtp.mailbox.bodies())


def test_notifys_delivery_callback_needs_the_token_and_records_the_status(settings, client):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    _report, case, officer = recorded_case()
    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    alert = Delivery.objects.alerts().get()
    url = reverse("notify:callback")

    refused = client.post(url, {"reference": str(alert.pk), "status": "delivered"}, content_type="application/json")
    bad = client.post(url, "not json", content_type="application/json", HTTP_AUTHORIZATION="Bearer callback-secret")
    ok = client.post(
        url,
        {"reference": str(alert.pk), "status": "delivered"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer callback-secret",
    )

    assert (refused.status_code, bad.status_code, ok.status_code) == (401, 400, 200)
    assert refused["Content-Type"] == "application/problem+json"
    alert.refresh_from_db()
    assert alert.delivery_status == "delivered"


def test_a_text_only_victim_gets_the_sign_in_code_by_text(notify):
    _report, case, _officer = recorded_case(
        contact={"channels": ["text"], "email": "", "mobile": "07700900982", "phone": "", "postal_address": ""}
    )
    client = Client()
    client.get(reverse("portal:sign-in"))
    client.post(reverse("portal:sign-in"), {"identifier": case.crime.crime_number})
    run_worker()

    text = next(n for n in notify.state.notifications if n["reference"] == str(VictimAccessCode.objects.get().pk))
    assert text["type"] == "sms"
    code = re.search(r"Your code is: (\d{6})", text["personalisation"]["body"]).group(1)
    assert client.post(reverse("portal:code"), {"code": code}).url == reverse("portal:report")


def test_an_alert_held_for_the_safe_window_is_sent_when_it_opens_and_not_before(smtp):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    window = next(w for w in ("weekday_morning", "weekday_evening") if next_safe_moment(now=now, safe_times=[w]) > now)
    _report, case, officer = recorded_case(**{"safe-times": {"safe_times": [window]}})
    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    alert = Delivery.objects.alerts().get()
    # Even a task that wakes early (a clock skewed worker, a changed safe time) does not send.
    DBTaskResult.objects.filter(task_path__endswith="delivery_send").update(run_after=now)
    run_worker()
    alert.refresh_from_db()
    assert alert.status == DeliveryStatus.PENDING
    assert not any("There is an update on your case" in body for body in smtp.mailbox.bodies())

    with time_machine.travel(alert.not_before + datetime.timedelta(minutes=1), tick=True):
        run_worker()

    alert.refresh_from_db()
    assert alert.status == DeliveryStatus.SENT and alert.attempts == 1
    assert any("There is an update on your case" in body for body in smtp.mailbox.bodies())
