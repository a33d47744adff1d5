"""The officer publishes in the browser; the victim, alerted, signs in and reads it. axe-core on every page."""

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.staff import sign_in_in_browser
from victimsrights.testing.victims import victim_sign_in_in_browser
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def test_officer_publishes_victim_is_alerted_signs_in_reads_and_replies(live_server, smtp):
    report = submitted_report(wording={"neutral_wording": "no", "safe_word": ""})
    crime = recording.crime_record(
        report_id=report.pk,
        classification=OffenceClassification.objects.get(code="39"),
        actor=staff(Role.RECORDING_OFFICER),
    )
    officer = staff(Role.INVESTIGATING_OFFICER, area="central-north")
    run_worker()

    with chromium_page() as page:
        sign_in_in_browser(page, live_server.url, officer.username)
        page.goto(live_server.url + "/staff/cases/")
        assert_accessible(page)
        page.click(f"a:text('{crime.crime_number}')")
        assert_accessible(page)
        page.click("button:text('Make me the officer in charge')")
        page.click("button:text('Publish update')")
        assert "Write the update for the victim" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#update-text", "We have collected CCTV from the station and are reviewing it.")
        page.click("button:text('Publish update')")
        assert_accessible(page)
        form = "form[action$='/property']"  # the victim's property (Right 10): ready to collect needs the where
        page.fill(f"{form} [name=description]", "Black mountain bike")
        page.check(f"{form} input[name=kind][value=stolen]")
        page.check(f"{form} input[name=status][value=ready_to_collect]")
        page.click("button:text('Record property')")
        assert "Say where and when the victim can collect it" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill(f"{form} [name=collection]", "Holborn police station, weekdays 9am to 5pm. Bring photo ID.")
        page.click("button:text('Record property')")
        assert "Black mountain bike" in page.inner_text("[data-testid=property-item]")
        assert_accessible(page)

    run_worker()
    alert = smtp.mailbox.bodies()[-1]
    assert "There is an update on your case" in alert and "CCTV" not in alert

    with chromium_page() as page:
        victim_sign_in_in_browser(page, live_server.url, smtp, crime.crime_number)
        assert "CCTV from the station" in page.inner_text("[data-testid=timeline]")
        assert "being investigated" in page.inner_text("h1").lower() or "investigating" in page.inner_text(
            "[data-testid=case-status]"
        )
        assert_accessible(page)
        page.fill("#id_body", "Thank you. Is there anything I should do?")
        page.click("button:text('Send message')")
        assert "Is there anything I should do?" in page.inner_text("main")
        page.click("a:text('Change how and when we contact you')")
        assert_accessible(page)
        page.click("button:text('Save')")
        assert_accessible(page)
        page.click("a:text('Give feedback')")
        assert_accessible(page)
        page.click("button:text('Send')")
        assert "Select whether you agree we kept you informed" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        for question in ("kept_informed", "treated_fairly", "easy_to_use"):
            page.check(f"input[name={question}][value=agree]")
        page.fill("#id_in_own_words", "The updates at night helped.")
        page.click("button:text('Send')")
        assert "Thank you for telling us" in page.inner_text("main")
        assert page.locator("[data-testid=feedback-offer]").count() == 0
        assert_accessible(page)
