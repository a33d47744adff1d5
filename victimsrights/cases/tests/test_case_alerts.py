"""Officer publishes → a neutral alert goes out on the victim's safe channel → the victim signs in and sees it."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services
from victimsrights.cases.models import Case, CaseStatus, OutcomeType
from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.notify.models import Alert, AlertStatus
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

    alert = Alert.objects.get()
    sent = [n for n in notify.state.notifications if n["reference"] == str(alert.pk)]
    assert len(sent) == 1 and sent[0]["type"] == "email"
    assert sent[0]["email_address"] == "victim@example.com"
    assert UPDATE not in str(sent[0]) and case.crime.crime_number not in str(sent[0])
    assert (alert.status, alert.provider, alert.provider_id) == (AlertStatus.SENT, "notify", sent[0]["id"])


def test_a_text_only_victim_is_alerted_by_text_through_notify(notify):
    _report, case, officer = recorded_case(
        contact={"channels": ["text"], "email": "", "mobile": "07700900982", "phone": "", "postal_address": ""}
    )

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    texts = [n for n in notify.state.notifications if n["type"] == "sms"]
    assert [t["phone_number"] for t in texts] == ["07700900982"]


def test_when_notify_is_down_the_alert_is_retried_and_delivered_exactly_once(notify, settings):
    settings.NOTICE_RETRY_SECONDS = 0
    _report, case, officer = recorded_case()
    notify.state.down = True

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker(max_tasks=4)  # several tries while it is down
    alert = Alert.objects.get()
    assert alert.status == AlertStatus.PENDING and alert.attempts >= 2

    notify.state.down = False
    run_worker()
    run_worker()

    alert.refresh_from_db()
    assert alert.status == AlertStatus.SENT
    assert len([n for n in notify.state.notifications if n["reference"] == str(alert.pk)]) == 1


def test_when_notify_took_the_alert_but_the_answer_was_lost_the_retry_does_not_send_again(notify, settings):
    settings.NOTICE_RETRY_SECONDS = 0
    _report, case, officer = recorded_case()
    notify.state.accept_then_fail = True

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker(max_tasks=1)
    notify.state.accept_then_fail = False
    run_worker()

    alert = Alert.objects.get()
    assert alert.status == AlertStatus.SENT
    assert len([n for n in notify.state.notifications if n["reference"] == str(alert.pk)]) == 1


def test_an_alert_outside_the_victims_safe_times_waits_for_the_window(smtp):
    now = timezone.now()
    window = next(w for w in ("weekday_morning", "weekday_evening") if next_safe_moment(now=now, safe_times=[w]) > now)
    _report, case, officer = recorded_case(**{"safe-times": {"safe_times": [window]}})

    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    run_worker()

    alert = Alert.objects.get()
    assert alert.status == AlertStatus.PENDING and alert.not_before > now
    assert not any("update on your case" in body for body in smtp.mailbox.bodies())


def test_an_outcome_is_explained_in_plain_words_and_hearings_are_listed(smtp):
    report, case, officer = recorded_case()
    services.hearing_add(
        case_id=case.pk,
        starts_at=timezone.now() + datetime.timedelta(days=30),
        court="Highbury Corner Magistrates' Court",
        what_to_expect="A witness service volunteer will meet you.",
        actor=officer,
    )
    services.outcome_record(
        explanation="We could not find enough evidence to charge anyone.",
        case_id=case.pk,
        outcome=OutcomeType.objects.get(code=1),
        actor=officer,
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.CHARGED
    page = sign_in_victim(smtp, report.reference).get(reverse("portal:report")).content.decode()
    assert "Highbury Corner Magistrates&#x27; Court" in page
    assert "Someone has been charged with the crime" in page


def test_messages_go_both_ways_html_is_escaped_and_the_officer_sees_unanswered_ones(smtp, client):
    report, case, officer = recorded_case()
    victim = sign_in_victim(smtp, report.reference)

    victim.post(reverse("portal:message"), {"body": "<script>alert('x')</script> When will I hear?"})
    client.force_login(officer)
    listing = client.get(reverse("cases:list")).content.decode()
    assert re.search(rf'data-testid="unanswered-{case.pk}">1, oldest', listing)
    officer_page = client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert "<script>alert" not in officer_page and "&lt;script&gt;" in officer_page

    client.post(reverse("cases:reply", kwargs={"case_id": case.pk}), {"body": "Next week."})
    assert f'unanswered-{case.pk}"' not in client.get(reverse("cases:list")).content.decode()
    assert "Next week." in victim.get(reverse("portal:report")).content.decode()


def test_an_officer_of_another_area_cannot_see_or_change_the_case(client):
    _report, case, _officer = recorded_case()
    other = staff(Role.INVESTIGATING_OFFICER, area="south-east", username="oic.se")
    client.force_login(other)

    assert client.get(reverse("cases:case", kwargs={"case_id": case.pk})).status_code == 404
    assert client.post(reverse("cases:update", kwargs={"case_id": case.pk}), {"text": "x"}).status_code == 404
    assert not case.timeline.exists()


def test_notifys_delivery_callback_needs_the_token_and_records_the_status(settings, client):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    _report, case, officer = recorded_case()
    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    alert = Alert.objects.get()
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

    text = next(n for n in notify.state.notifications if n["type"] == "sms")
    code = re.search(r"Your code is: (\d{6})", text["personalisation"]["body"]).group(1)
    assert client.post(reverse("portal:code"), {"code": code}).url == reverse("portal:report")


def test_an_alert_held_for_the_safe_window_is_sent_when_it_opens_and_not_before(smtp):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    window = next(w for w in ("weekday_morning", "weekday_evening") if next_safe_moment(now=now, safe_times=[w]) > now)
    _report, case, officer = recorded_case(**{"safe-times": {"safe_times": [window]}})
    services.update_publish(case_id=case.pk, text=UPDATE, actor=officer)
    alert = Alert.objects.get()
    # Even a task that wakes early (a clock skewed worker, a changed safe time) does not send.
    DBTaskResult.objects.filter(task_path__endswith="alert_send").update(run_after=now)
    run_worker()
    alert.refresh_from_db()
    assert alert.status == AlertStatus.PENDING
    assert not any("There is an update on your case" in body for body in smtp.mailbox.bodies())

    with time_machine.travel(alert.not_before + datetime.timedelta(minutes=1), tick=True):
        run_worker()

    alert.refresh_from_db()
    assert alert.status == AlertStatus.SENT and alert.attempts == 1
    assert any("There is an update on your case" in body for body in smtp.mailbox.bodies())


def test_the_migration_fills_in_each_cases_area_and_waiting_messages():
    migration = importlib.import_module("victimsrights.cases.migrations.0005_case_area_and_waiting_messages")
    report, case, _officer = recorded_case()
    services.message_from_victim(case=case, body="Any news?")
    services.message_from_victim(case=case, body="Hello?")
    first_sent = case.messages.order_by("sent_at").first().sent_at
    Case.objects.update(area=None, unanswered_messages=0, oldest_unanswered_at=None)

    migration.backfill(apps, None)

    case.refresh_from_db()
    assert case.area_id == report.area_id
    assert (case.unanswered_messages, case.oldest_unanswered_at) == (2, first_sent)
