"""The one task that sends a message. It takes an id and claims the row first, so a re-run is harmless."""

import logging

from django_tasks import task

from victimsrights.notify import senders

logger = logging.getLogger(__name__)


@task()
def delivery_send(delivery_id: str) -> str:
    from victimsrights.notify import services  # tasks import their service here, so this module imports on its own

    delivery = services.delivery_claim(delivery_id=delivery_id)
    if delivery is None:
        return "already handled"
    route = services.delivery_reroute_if_unsafe(delivery=delivery)
    if route is None:
        return "waiting for a safe time, to print, or for staff"
    try:
        sent = services.delivery_send_now(delivery=delivery, route=route)
    except senders.NotSent as error:
        permanent = isinstance(error, senders.PermanentFailure)
        retrying = services.delivery_mark_failed_attempt(delivery=delivery, error=error, permanent=permanent)
        logger.warning("message %s attempt %s failed (%s)", delivery.pk, delivery.attempts, error)
        return "retrying" if retrying else "failed"
    services.delivery_mark_sent(delivery=delivery, sent=sent)
    return "sent"
