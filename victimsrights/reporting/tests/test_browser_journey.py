"""A victim reports a crime in real Chromium using only the keyboard; axe-core checks every page."""

import pytest

from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.reporting.models import Report
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import choose_radio, chromium_page, press_button, tab_to, tick, type_into
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def test_a_victim_reports_a_crime_by_keyboard_and_is_acknowledged_by_email(live_server, smtp):
    with chromium_page() as page:
        visited = []

        def check_page() -> None:
            visited.append(page.url)
            assert_accessible(page)

        page.goto(live_server.url + "/")
        check_page()
        tab_to(page, "a.govuk-button--start")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        check_page()
        press_button(page, "Start now")
        check_page()

        # An empty answer shows the error summary, which must be accessible too.
        press_button(page, "Continue")
        assert page.locator(".govuk-error-summary").is_visible()
        check_page()
        choose_radio(page, "in_danger", "no")
        press_button(page, "Continue")

        check_page()
        type_into(page, "#id_what_happened", "A man followed me home and tried to force my door.")
        press_button(page, "Continue")

        check_page()
        type_into(page, "#id_occurred_day", "14")
        type_into(page, "#id_occurred_month", "11")
        type_into(page, "#id_occurred_year", "2026")
        press_button(page, "Continue")

        check_page()
        choose_radio(page, "where", "borough")
        tab_to(page, "#id_borough")
        page.keyboard.type("Islington")
        check_page()  # with the conditional question revealed
        press_button(page, "Continue")

        check_page()
        press_button(page, "Continue")  # nobody named: optional

        check_page()
        choose_radio(page, "injured", "no")
        press_button(page, "Continue")

        check_page()
        type_into(page, "#id_victim_name", "Jo Keyboard")
        press_button(page, "Continue")

        check_page()
        choose_radio(page, "under_18", "no")
        press_button(page, "Continue")

        check_page()
        tick(page, "channels", "email")
        type_into(page, "#id_email", "jo@example.com")
        tick(page, "channels", "phone")
        type_into(page, "#id_phone", "020 7946 0000")
        check_page()
        press_button(page, "Continue")

        check_page()
        tick(page, "safe_times", "any")
        press_button(page, "Continue")

        check_page()  # voicemail: asked because a phone call is a safe channel
        choose_radio(page, "voicemail", "no")
        press_button(page, "Continue")

        check_page()
        choose_radio(page, "neutral_wording", "yes")
        type_into(page, "#id_safe_word", "sunflower")
        press_button(page, "Continue")

        check_page()
        tick(page, "support", "interpreter")
        type_into(page, "#id_interpreter_language", "Polish")
        press_button(page, "Continue")

        check_page()
        choose_radio(page, "referral_consent", "yes")
        press_button(page, "Continue")

        check_page()
        assert "Check your answers" in page.inner_text("h1")
        assert "Islington" in page.inner_text("main")
        press_button(page, "Send report")

        check_page()
        reference = page.inner_text("[data-testid=reference]").strip()

    report = Report.objects.get(reference=reference)
    assert report.area.name == "Central North"
    assert report.contact.voicemail_allowed is False
    assert report.contact.neutral_wording is True
    assert report.interpreter_language == "Polish"
    assert len(visited) >= 15

    run_worker()
    assert Delivery.objects.notices().get(report=report).status == DeliveryStatus.SENT
    acknowledgement = smtp.mailbox.bodies()[0]  # neutral wording: no reference, no police word, the neutral link
    assert reference not in acknowledgement and "police" not in acknowledgement.lower()
    assert "We have your message" in acknowledgement and "/sign-in" in acknowledgement


def test_exit_this_page_leaves_on_three_presses_of_shift(live_server, settings):
    settings.EXIT_PAGE_URL = live_server.url + "/accessibility"  # a neutral page on this machine
    with chromium_page() as page:
        page.goto(live_server.url + "/report/what-happened")
        page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        with page.expect_navigation(url="**/accessibility"):
            page.keyboard.press("Shift")
        assert page.url.endswith("/accessibility")
