from django.conf import settings
from django_tasks import task

from victimsrights.notify import senders
from victimsrights.notify.messages import sign_in_code_message
from victimsrights.notify.models import DeliveryKind
from victimsrights.notify.services import delivery_send_at_once


@task()
def victim_code_send(access_id: str) -> str:
    from victimsrights.portal import sign_in  # tasks import their service here, so this module imports on its own

    issued = sign_in.victim_code_issue(access_id=access_id)
    if issued is None:
        return "nothing to send"
    channel, address, code, report = issued
    try:
        delivery_send_at_once(
            kind=DeliveryKind.CODE,
            channel=channel,
            to=address,
            message=sign_in_code_message(code=code, language=report.language if report else settings.LANGUAGE_CODE),
            report=report,
            delivery_id=access_id,  # Notify's reference, as for every message: our id
        )
    except senders.NotSent:
        sign_in.victim_code_not_sent(access_id=access_id)  # a code is never sent late: the next request sends anew
        return "not sent"
    return "sent"
