import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.reporting.contact import next_safe_moment
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.processes import free_port
from victimsrights.testing.smtp import SmtpServer
from victimsrights.testing.worker import run_worker

# The real worker manages its own connection, so these tests commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def test_the_acknowledgement_reaches_a_real_smtp_server_with_the_reference_and_no_account(smtp):
    report = submitted_report(wording={"neutral_wording": "no", "safe_word": ""})

    run_worker()

    assert len(smtp.mailbox.messages) == 1
    message = smtp.mailbox.messages[0]
    body = smtp.mailbox.bodies()[0]
    assert message["To"] == "victim@example.com"
    assert report.reference in message["Subject"]
    assert report.reference in body
    assert "What happens next" in body
    assert report.what_happened not in body
    assert report.victim_name not in body
    notice = Delivery.objects.notices().get(report=report)
    assert notice.status == DeliveryStatus.SENT
    assert notice.sent_at is not None


def test_neutral_wording_keeps_police_and_crime_out_of_the_acknowledgement(smtp):
    report = submitted_report(wording={"neutral_wording": "yes", "safe_word": "bluebell"})

    run_worker()

    message = smtp.mailbox.messages[0]
    text = (message["Subject"] + smtp.mailbox.bodies()[0]).lower()
    for word in ("police", "crime", "report", "bluebell", report.reference.lower()):
        assert word not in text


def test_when_email_is_down_the_acknowledgement_is_retried_and_delivered_exactly_once(settings):
    settings.NOTICE_RETRY_SECONDS = 0
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    report = submitted_report()

    run_worker(max_tasks=1)  # nothing listens on the port yet

    notice = Delivery.objects.notices().get(report=report)
    assert (notice.status, notice.attempts) == (DeliveryStatus.PENDING, 1)
    assert notice.last_error == "ConnectionRefusedError"

    server = SmtpServer(port=port).start()
    try:
        run_worker()
        run_worker()
    finally:
        server.stop()

    notice.refresh_from_db()
    assert (notice.status, notice.attempts) == (DeliveryStatus.SENT, 2)
    assert len(server.mailbox.messages) == 1


def test_after_the_last_attempt_the_acknowledgement_is_marked_failed(settings):
    settings.NOTICE_RETRY_SECONDS = 0
    settings.NOTICE_MAX_ATTEMPTS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    report = submitted_report()

    run_worker()

    notice = Delivery.objects.notices().get(report=report)
    assert (notice.status, notice.attempts) == (DeliveryStatus.FAILED, 3)


def test_outside_the_victims_safe_times_the_acknowledgement_waits_for_the_window(smtp):
    now = timezone.now()
    # At most one of these windows contains "now", so the other one is in the future.
    window = next(w for w in ("weekday_morning", "weekday_evening") if next_safe_moment(now=now, safe_times=[w]) > now)
    report = submitted_report(**{"safe-times": {"safe_times": [window]}})

    run_worker()

    notice = Delivery.objects.notices().get(report=report)
    assert smtp.mailbox.messages == []
    assert notice.status == DeliveryStatus.PENDING
    assert notice.not_before > now
    assert DBTaskResult.objects.get().run_after == notice.not_before


def test_a_victim_who_chose_only_text_or_phone_is_acknowledged_by_staff_not_by_email(smtp):
    report = submitted_report(
        contact={"channels": ["phone"], "email": "", "mobile": "", "phone": "07700900982", "postal_address": ""},
        voicemail={"voicemail": "no"},
    )

    run_worker()

    assert smtp.mailbox.messages == []
    assert Delivery.objects.notices().get(report=report).status == DeliveryStatus.STAFF_TO_CONTACT
