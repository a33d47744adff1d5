"""Officers, registrar and victim in real Chromium, with axe-core on every page they see."""

import re

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.recording.models import Crime
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.staff import sign_in_in_browser
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def sign_in_as_staff(page, base: str, username: str) -> None:
    page.goto(base + "/staff/sign-in")
    assert_accessible(page)
    sign_in_in_browser(page, base, username)


def test_an_officer_records_a_crime_and_the_victim_is_told_the_crime_number(live_server, smtp):
    report = submitted_report(borough="Camden", wording={"neutral_wording": "no", "safe_word": ""})
    run_worker()  # the "we have your report" acknowledgement
    officer = staff(Role.RECORDING_OFFICER, area="central-north")

    with chromium_page() as page:
        sign_in_as_staff(page, live_server.url, officer.username)
        page.goto(live_server.url + "/staff/recording/")
        assert_accessible(page)
        page.click(f"a:text('{report.reference}')")
        assert_accessible(page)
        page.click("button:text('Record crime')")  # without a classification
        assert page.locator(".govuk-error-summary").is_visible()
        assert "Choose the crime classification" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.select_option("#id_classification", label="Theft offences: Burglary Residential (28E)")
        page.click("button:text('Record crime')")
        assert_accessible(page)
        crime_number = page.inner_text("[data-testid=crime-number]").strip()

    assert Crime.objects.get(report=report).crime_number == crime_number
    run_worker()
    body = smtp.mailbox.bodies()[-1]
    assert crime_number in body
    assert "Burglary Residential" in body
    assert "Central North Basic Command Unit" in body
    assert report.what_happened not in body


def test_a_refused_report_is_appealed_by_the_victim_and_the_registrar_orders_it_recorded(live_server, smtp):
    report = submitted_report(borough="Camden", wording={"neutral_wording": "no", "safe_word": ""})
    officer = staff(Role.RECORDING_OFFICER, area="central-north")
    registrar = staff(Role.CRIME_REGISTRAR)

    with chromium_page() as page:
        sign_in_as_staff(page, live_server.url, officer.username)
        page.goto(f"{live_server.url}/staff/recording/reports/{report.pk}")
        page.check("input[name=reason][value=no_crime]")
        page.fill("#id_explanation", "From what you told us, no crime took place.")
        page.click("button:text('Do not record')")
        assert "Not recorded as a crime" in page.inner_text("h1")
        assert_accessible(page)

    run_worker()
    assert "right to appeal" in smtp.mailbox.bodies()[-1]

    with chromium_page() as page:  # the victim, in their own browser
        page.goto(live_server.url + "/your-report/sign-in")
        assert_accessible(page)
        page.fill("#id_identifier", report.reference.lower())
        page.click("button:text('Send me a code')")
        assert_accessible(page)
        run_worker()
        code = smtp.mailbox.last_match(r"Your code is: (\d{6})")
        page.fill("#id_code", code)
        page.click("button:text('Sign in')")
        assert "We decided not to record your report" in page.inner_text("h1")
        assert_accessible(page)
        page.click("a:text('Appeal this decision')")
        assert_accessible(page)
        page.click("button:text('Send appeal')")
        assert "Tell us why you think the decision is wrong" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#id_reasons", "He broke in. I have photos of the door.")
        page.click("button:text('Send appeal')")
        assert "looking at your appeal" in page.inner_text("[data-testid=appeal-status]")

    with chromium_page() as page:
        sign_in_as_staff(page, live_server.url, registrar.username)
        page.goto(live_server.url + "/staff/recording/appeals")
        assert_accessible(page)
        page.click(f"a:text('{report.reference}')")
        assert_accessible(page)
        page.check("input[name=outcome][value=overturn]")
        assert_accessible(page)
        page.select_option("#id_classification", label="Theft offences: Burglary Residential (28E)")
        page.fill("#id_reasons", "The victim's account is credible and there is no evidence against it.")
        page.click("button:text('Send decision')")
        crime_number = page.inner_text("[data-testid=crime-number]").strip()
        assert_accessible(page)

    assert re.fullmatch(r"MET-\d{4}-\d{7}", crime_number)
    run_worker()
    assert crime_number in smtp.mailbox.bodies()[-1]


def test_a_letter_only_victims_acknowledgement_is_printed_and_marked_posted_from_the_print_list(live_server, smtp):
    report = submitted_report(
        borough="Camden",
        contact={
            "channels": ["letter"],
            "email": "",
            "mobile": "",
            "phone": "",
            "postal_address": "Flat 2\n10 Example Road\nLondon\nNW1 2AB",
        },
    )
    run_worker()
    officer = staff(Role.RECORDING_OFFICER, area="central-north")

    with chromium_page() as page:
        sign_in_as_staff(page, live_server.url, officer.username)
        page.click("a:text('Letters to print and post')")
        assert_accessible(page)
        letter = page.locator("[data-testid=letter]")
        assert letter.count() == 1 and "10 Example Road" in letter.inner_text()
        page.click("button:text('Mark as posted')")
        assert_accessible(page)
        assert "Letter marked as posted." in page.inner_text(".govuk-notification-banner")
        assert page.locator("[data-testid=letter]").count() == 0
        page.goto(live_server.url + f"/staff/recording/reports/{report.pk}")
        assert_accessible(page)
        assert "Sent" in page.inner_text("[data-testid=deliveries]")
    assert not smtp.mailbox.messages  # the victim asked for post, not email
