"""axe-core on the commissioner's, professional standards' and the victim's complaint pages, in Chromium."""

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.complaints import services as complaints
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.staff import sign_in_in_browser
from victimsrights.testing.victims import victim_sign_in_in_browser
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def sign_in(page, live_server, username):
    sign_in_in_browser(page, live_server.url, username)


def test_oversight_complaint_and_compliance_pages_pass_axe(live_server):
    report, case, officer = recorded_case()
    cases.outcome_record(
        explanation="We could not find enough evidence to charge anyone.",
        case_id=case.pk,
        outcome=OutcomeType.objects.get(code=15),
        actor=officer,
    )
    complaints.complaint_make(report=report, what_went_wrong="Nobody called me back.")
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    standards = staff(Role.PROFESSIONAL_STANDARDS)

    with chromium_page() as page:
        sign_in(page, live_server, standards.username)
        page.click("a:text('Complaints')")
        assert_accessible(page)
        page.click("a:text('Report ')")
        assert_accessible(page)
        page.click("button:text('Send the answer')")
        assert "Choose whether the complaint is upheld" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)

    with chromium_page() as page:
        sign_in(page, live_server, commissioner.username)
        for link in (
            "Victims' Code compliance figures",
            "Audit log",
            "The commissioner's recommendations",
            "Case sampling",
        ):
            page.goto(live_server.url + "/staff/")
            page.click(f'a:text("{link}")')
            assert_accessible(page)
        page.goto(live_server.url + "/staff/oversight/recommendations")
        page.click("button:text('Record the recommendation')")
        assert "Write the recommendation" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.select_option("#id_area", label="Central North")
        page.fill("#id_report_title", "Annual report 2026")
        page.fill("#id_published_on", "1/12/2026")
        page.fill("#id_text", "Answer every message from a victim within one working day.")
        page.click("button:text('Record the recommendation')")
        assert "must answer by 26 January 2027" in page.inner_text("main")
        assert_accessible(page)
        page.goto(live_server.url + "/staff/oversight/samples")
        page.select_option("#id_area", label="Central North")
        page.check("input[name=kind][value=not_charged]")
        page.fill("#id_start", "1/1/2020")
        page.fill("#id_end", "31/12/2099")
        page.fill("#id_size", "5")
        page.click("button:text('Draw the sample')")
        assert "Record 1" in page.inner_text("main")
        assert_accessible(page)
        page.goto(live_server.url + "/staff/oversight/audit-log?since=31/02/2026")
        assert "Enter a real date" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)


def test_a_complaint_from_the_victim_to_the_area_and_on_to_the_commissioner(live_server, smtp):
    """The complaint journey end to end: made online, answered by the area, escalated, concluded, read."""
    _report, case, _officer = recorded_case()
    standards = staff(Role.PROFESSIONAL_STANDARDS)
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    run_worker()

    with chromium_page() as page:
        victim_sign_in_in_browser(page, live_server.url, smtp, case.crime.crime_number)
        page.click("a:text('make a complaint')")
        page.click("button:text('Send complaint')")
        assert "Tell us what went wrong" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#id_what_went_wrong", "I asked for calls only in the evening and was called at work.")
        page.click("button:text('Send complaint')")
        assert "We have your complaint" in page.inner_text("main")
        assert "With professional standards" in page.inner_text("[data-testid=complaint]")

    with chromium_page() as page:
        sign_in(page, live_server, standards.username)
        page.click("a:text('Complaints')")
        assert "called at work" in page.inner_text("[data-testid=complaint-queue]")  # which, and about what
        page.click("a:text('Report ')")
        page.check("input[name=upheld][value=no]")
        page.fill("#id_answer", "The officer called at 6pm, inside your safe times.")
        page.click("button:text('Send the answer')")
        assert_accessible(page)

    with chromium_page() as page:
        victim_sign_in_in_browser(page, live_server.url, smtp, case.crime.crime_number)
        assert "inside your safe times" in page.inner_text("[data-testid=complaint]")
        page.click("a:text('I am not satisfied with this answer')")
        assert_accessible(page)
        page.fill("#id_why_not_satisfied", "The call log shows 11am.")
        page.click("button:text('Send to the Victims Commissioner')")
        complaint_text = page.inner_text("[data-testid=complaint]")
        assert "With the Victims Commissioner" in complaint_text and "finding by" in complaint_text
        assert_accessible(page)

    with chromium_page() as page:
        sign_in(page, live_server, commissioner.username)
        page.click("a:text('Complaints')")
        page.click("a:text('Report ')")
        assert "Upheld: the police got it wrong" in page.inner_text("main")
        page.check("input[name=upheld][value=yes]")
        page.fill("#id_finding", "The call log shows the call was made at 11am, outside the safe times.")
        page.click("button:text('Send the finding')")
        assert_accessible(page)

    with chromium_page() as page:
        victim_sign_in_in_browser(page, live_server.url, smtp, case.crime.crime_number)
        assert "outside the safe times" in page.inner_text("[data-testid=complaint]")
        assert_accessible(page)
