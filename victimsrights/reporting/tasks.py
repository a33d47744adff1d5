"""Background work for reports. Tasks take ids and check state first, so a re-run is harmless."""

import logging
import smtplib

from django_tasks import task

from victimsrights.reporting import messages, services

logger = logging.getLogger(__name__)


@task()
def notice_send(notice_id: int) -> str:
    notice = services.notice_claim(notice_id=notice_id)
    if notice is None:
        return "already handled"
    try:
        messages.send_notice(notice=notice)
    except (smtplib.SMTPException, OSError) as error:
        retrying = services.notice_mark_failed_attempt(notice=notice, error=error)
        logger.warning(
            "acknowledgement %s attempt %s failed (%s); %s",
            notice.pk,
            notice.attempts,
            type(error).__name__,
            "retrying" if retrying else "giving up",
        )
        return "retrying" if retrying else "failed"
    services.notice_mark_sent(notice=notice)
    return "sent"
