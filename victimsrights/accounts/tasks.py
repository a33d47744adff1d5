from django_tasks import task

from victimsrights.accounts import victims
from victimsrights.reporting import messages


@task()
def victim_code_send(access_id: str) -> str:
    issued = victims.victim_code_issue(access_id=access_id)
    if issued is None:
        return "nothing to send"
    email, code = issued
    messages.send_sign_in_code(email=email, code=code)
    return "sent"
