from django_tasks import task

from victimsrights.notify import senders
from victimsrights.notify.messages import sign_in_code_message


@task()
def victim_code_send(access_id: str) -> str:
    from victimsrights.portal import sign_in  # tasks import their service here, so this module imports on its own

    issued = sign_in.victim_code_issue(access_id=access_id)
    if issued is None:
        return "nothing to send"
    channel, address, code = issued
    senders.send(channel=channel, to=address, message=sign_in_code_message(code=code), reference=access_id)
    return "sent"
