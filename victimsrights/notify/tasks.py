import logging

from django_tasks import task

from victimsrights.notify import senders, services

logger = logging.getLogger(__name__)


@task()
def alert_send(alert_id: str) -> str:
    alert = services.alert_claim(alert_id=alert_id)
    if alert is None:
        return "already handled"
    if services.alert_reschedule_if_unsafe(alert=alert):
        return "waiting for a safe time"
    route = services._channel_and_address(alert.report)
    if route is None:
        services.alert_mark_failed_attempt(alert=alert, error=ValueError("no safe channel"), permanent=True)
        return "no safe channel"
    try:
        # A retry after a lost answer: if Notify already has our reference, it was sent.
        sent = (alert.attempts > 1 and senders.already_sent_by_notify(reference=str(alert.pk))) or senders.send(
            channel=route[0],
            to=route[1],
            body=services.alert_body(report=alert.report),
            reference=str(alert.pk),
            neutral=services.alert_neutral(report=alert.report),
        )
    except (senders.TemporaryFailure, senders.PermanentFailure) as error:
        permanent = isinstance(error, senders.PermanentFailure)
        retrying = services.alert_mark_failed_attempt(alert=alert, error=error, permanent=permanent)
        logger.warning("alert %s attempt %s failed (%s)", alert.pk, alert.attempts, error)
        return "retrying" if retrying else "failed"
    services.alert_mark_sent(alert=alert, sent=sent)
    return "sent"
