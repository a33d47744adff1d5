"""Alerts: a neutral 'sign in to see an update', on a channel the victim marked safe, at a safe time.

`alert_create` is called inside the transaction that publishes the update, so an update is never
published without its alert and an alert never exists for an update that was rolled back.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from victimsrights.audit import services as audit
from victimsrights.compliance.services import duties_reopen_undelivered
from victimsrights.notify import senders, tasks  # tasks.py imports this module: tasks.alert_send is looked up late
from victimsrights.notify.models import NOTIFY_FAILURES, Alert, AlertStatus
from victimsrights.notify.wording import render_text, sign_in_url
from victimsrights.reporting.contact import next_safe_moment, safe_written_route
from victimsrights.reporting.models import Report
from victimsrights.tasks import stale_after


def _channel_and_address(report: Report) -> tuple[str, str] | None:
    contact = report.contact
    if not contact.alerts_wanted:
        return None
    if contact.via_organisation_id:
        return "email", contact.via_organisation.contact_email  # type: ignore[union-attr]
    return safe_written_route(contact)


def alert_create(*, report: Report, about_update_at: datetime.datetime | None = None) -> Alert:
    route = _channel_and_address(report)
    not_before = next_safe_moment(now=timezone.now(), safe_times=report.contact.safe_times)
    alert = Alert.objects.create(
        report=report,
        channel=route[0] if route else "",
        not_before=not_before,
        status=AlertStatus.PENDING if route else AlertStatus.NO_SAFE_CHANNEL,
        about_update_at=about_update_at,
    )
    if route:
        tasks.alert_send.using(run_after=not_before).enqueue(str(alert.pk))
    return alert


def alert_neutral(*, report: Report) -> bool:
    return report.contact.neutral_wording and not report.contact.via_organisation_id


def alert_body(*, report: Report) -> str:
    neutral = alert_neutral(report=report)
    return render_text(
        "notify/alert.txt",
        {
            "neutral": neutral,
            "sign_in_url": sign_in_url(neutral=neutral),
            "via_organisation": report.contact.via_organisation,
            "reference": report.reference,
        },
    ).strip()


def alert_claim(*, alert_id: str) -> Alert | None:
    now = timezone.now()
    abandoned = Q(status=AlertStatus.SENDING, sending_since__lt=now - stale_after())
    claimed = Alert.objects.filter(Q(status=AlertStatus.PENDING) | abandoned, pk=alert_id).update(
        status=AlertStatus.SENDING, attempts=F("attempts") + 1, sending_since=now
    )
    if not claimed:
        return None
    return Alert.objects.select_related("report__contact__via_organisation").get(pk=alert_id)


@transaction.atomic
def alert_reschedule_if_unsafe(*, alert: Alert) -> bool:
    """Check the victim's safe times again at the moment of sending: they may have changed them."""
    now = timezone.now()
    safe_from = next_safe_moment(now=now, safe_times=alert.report.contact.safe_times)
    if safe_from <= now:
        return False
    Alert.objects.filter(pk=alert.pk).update(
        status=AlertStatus.PENDING, not_before=safe_from, attempts=F("attempts") - 1
    )
    tasks.alert_send.using(run_after=safe_from).enqueue(str(alert.pk))
    return True


@transaction.atomic
def alert_mark_sent(*, alert: Alert, sent: senders.Sent) -> None:
    Alert.objects.filter(pk=alert.pk).update(
        status=AlertStatus.SENT, sent_at=timezone.now(), provider=sent.provider, provider_id=sent.provider_id
    )
    audit.record(actor=None, action="alert.sent", subject=alert.report, detail={"alert": str(alert.pk)})


@transaction.atomic
def alert_mark_failed_attempt(*, alert: Alert, error: Exception, permanent: bool) -> bool:
    """Record the failure; queue another try with backoff unless it is permanent or tries ran out."""
    give_up = permanent or alert.attempts >= settings.NOTICE_MAX_ATTEMPTS
    Alert.objects.filter(pk=alert.pk).update(
        status=AlertStatus.FAILED if give_up else AlertStatus.PENDING, last_error=str(error)[:200]
    )
    if give_up:
        _not_told(alert)
        return False
    delay = datetime.timedelta(seconds=min(settings.NOTICE_RETRY_SECONDS * 2 ** (alert.attempts - 1), 3600))
    tasks.alert_send.using(run_after=timezone.now() + delay).enqueue(str(alert.pk))
    return True


@transaction.atomic
def alert_delivery_status(*, reference: str, status: str) -> bool:
    """GOV.UK Notify's callback: record delivered / permanent-failure etc. on the alert."""
    alert = Alert.objects.select_for_update().filter(pk=reference).first()
    if alert is None:
        return False
    failed_before = alert.delivery_status in NOTIFY_FAILURES
    alert.delivery_status = status[:32]
    alert.save(update_fields=["delivery_status"])
    if status in NOTIFY_FAILURES and not failed_before:
        _not_told(alert)
    return True


def _not_told(alert: Alert) -> None:
    """The alert will never reach the victim, so the update it announced did not tell them."""
    if alert.about_update_at is None:
        return
    reopened = duties_reopen_undelivered(report_id=alert.report_id, told_at=alert.about_update_at, now=timezone.now())
    audit.record(
        actor=None,
        action="alert.undelivered",
        subject=alert.report,
        detail={"alert": str(alert.pk), "duties_reopened": reopened},
    )
