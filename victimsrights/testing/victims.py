"""A victim's sign-in in the browser, as a person does it: reference or crime number, then the code emailed."""

from typing import Any

from victimsrights.testing.smtp import SmtpServer
from victimsrights.testing.worker import run_worker


def victim_sign_in_in_browser(page: Any, base_url: str, smtp: SmtpServer, identifier: str) -> None:
    page.goto(base_url + "/your-report/sign-in")
    page.fill("#id_identifier", identifier)
    page.click("button:text('Send me a code')")
    run_worker()
    page.fill("#id_code", smtp.mailbox.last_match(r"Your code is: (\d{6})"))
    page.click("button:text('Sign in')")
