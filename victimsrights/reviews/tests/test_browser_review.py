"""The whole Right to Review journey in Chromium, axe-core on every page:
officer records a decision not to charge → victim asks for a review → independent reviewer overturns → victim reads why.
"""

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases.models import CaseStatus, OutcomeType
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.reviews.models import ReviewRequest, ReviewStatus
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import choose_radio, chromium_page, press_button, type_into
from victimsrights.testing.staff import sign_in_in_browser
from victimsrights.testing.victims import victim_sign_in_in_browser
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def staff_sign_in(page, live_server, username):
    sign_in_in_browser(page, live_server.url, username)


def victim_sign_in(page, live_server, smtp, crime_number):
    victim_sign_in_in_browser(page, live_server.url, smtp, crime_number)


def test_victim_asks_for_a_review_and_an_independent_reviewer_overturns_the_decision(live_server, smtp):
    _report, case, officer = recorded_case(wording={"neutral_wording": "no", "safe_word": ""})
    crime_number = case.crime.crime_number
    reviewer = staff(Role.REVIEWER)
    run_worker()

    with chromium_page() as page:
        staff_sign_in(page, live_server, officer.username)
        page.goto(live_server.url + f"/staff/cases/{case.pk}")
        assert_accessible(page)
        page.select_option("#outcome-outcome", str(OutcomeType.objects.get(code=15).pk))
        page.click("button:text('Record outcome')")
        assert "Explain to the victim why no one is being charged" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#outcome-explanation", "The only witness could not pick anyone out.")
        page.click("button:text('Record outcome')")
        assert "Tell the victim of a decision not to charge" in page.inner_text("[data-testid=case-duties]")
        assert_accessible(page)

    with chromium_page() as page:
        victim_sign_in(page, live_server, smtp, crime_number)
        assert "You can ask for this decision to be reviewed" in page.inner_text("[data-testid=timeline]")
        assert "The only witness could not pick anyone out." in page.inner_text("[data-testid=outcome-explanation]")
        assert_accessible(page)
        press_button(page, "Ask for this decision to be reviewed")
        assert "An officer who did not make the decision" in page.inner_text("main")
        assert_accessible(page)
        type_into(page, "#id_reasons", "The man who hit me is on the shop's CCTV.")
        press_button(page, "Ask for a review")
        assert "We have your request for a review" in page.inner_text(".govuk-notification-banner")
        assert "is reviewing it" in page.inner_text("[data-testid=review-status]")
        assert_accessible(page)

    review = ReviewRequest.objects.get()
    assert review.reviewer == reviewer and review.status == ReviewStatus.IN_REVIEW

    with chromium_page() as page:
        staff_sign_in(page, live_server, reviewer.username)
        page.click("a:text('Right to Review requests')")
        assert crime_number in page.inner_text("[data-testid=review-queue]")
        assert_accessible(page)
        page.click(f"a:text('{crime_number}')")
        assert "on the shop's CCTV" in page.inner_text("main")
        assert_accessible(page)
        press_button(page, "Save decision and tell the victim")
        summary = page.inner_text(".govuk-error-summary")
        assert "Choose your decision" in summary and "Give the reasons for your decision" in summary
        assert_accessible(page)
        choose_radio(page, "decision", "overturn")
        type_into(page, "#id_reasons", "The CCTV was never viewed. The case must be investigated.")
        press_button(page, "Save decision and tell the victim")
        assert "Decision overturned" in page.inner_text("[data-testid=review-status]")
        assert_accessible(page)

    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING
    run_worker()
    assert "There is an update on your case" in smtp.mailbox.bodies()[-1]
    assert "CCTV" not in smtp.mailbox.bodies()[-1]

    with chromium_page() as page:
        victim_sign_in(page, live_server, smtp, crime_number)
        assert "The case is open again" in page.inner_text("[data-testid=review-status]")
        assert "The CCTV was never viewed." in page.inner_text("main")
        assert_accessible(page)
