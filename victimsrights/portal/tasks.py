from django_tasks import task

from victimsrights.notify import senders
from victimsrights.portal import sign_in
from victimsrights.reporting import messages


@task()
def victim_code_send(access_id: str) -> str:
    issued = sign_in.victim_code_issue(access_id=access_id)
    if issued is None:
        return "nothing to send"
    channel, address, code = issued
    if channel == "text":
        senders.send(
            channel="text", to=address, body=messages.sign_in_code_text(code=code), reference=access_id, neutral=True
        )
    else:
        messages.send_sign_in_code(email=address, code=code)
    return "sent"
