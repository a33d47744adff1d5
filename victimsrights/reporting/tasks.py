"""Background work for reports. Tasks take ids and check state first, so a re-run is harmless."""

import logging
import smtplib

from django_tasks import task

from victimsrights.reporting import messages, services

logger = logging.getLogger(__name__)


@task()
def acknowledgement_send(acknowledgement_id: int) -> str:
    acknowledgement = services.acknowledgement_claim(acknowledgement_id=acknowledgement_id)
    if acknowledgement is None:
        return "already handled"
    try:
        messages.send_acknowledgement(acknowledgement=acknowledgement)
    except (smtplib.SMTPException, OSError) as error:
        retrying = services.acknowledgement_mark_failed_attempt(acknowledgement=acknowledgement, error=error)
        logger.warning(
            "acknowledgement %s attempt %s failed (%s); %s",
            acknowledgement.pk,
            acknowledgement.attempts,
            type(error).__name__,
            "retrying" if retrying else "giving up",
        )
        return "retrying" if retrying else "failed"
    services.acknowledgement_mark_sent(acknowledgement=acknowledgement)
    return "sent"
