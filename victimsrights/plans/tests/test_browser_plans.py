"""axe-core on every Victims' Plan page and the commissioner's dashboard, in Chromium."""

import datetime

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.oversight import services as oversight
from victimsrights.plans.tests.fixtures import known_records
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.staff import sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def sign_in(page, live_server, username):
    sign_in_in_browser(page, live_server.url, username)


def test_drafting_publishing_and_reading_a_plan_pass_axe(live_server):
    known_records()
    commander = staff(Role.AREA_COMMANDER)
    commissioner = staff(Role.VICTIMS_COMMISSIONER)

    with chromium_page() as page:
        sign_in(page, live_server, commissioner.username)
        page.click("a:text('Areas compared')")
        page.select_option("#id_year", "2026")
        page.click("button:text('Show the areas')")
        page.click("button:text('Count the figures now')")
        assert "Central North" in page.inner_text("[data-testid=areas-ranked]")
        assert_accessible(page)
        page.click("a:text('Central North')")
        page.click("button:text('Add your comment')")
        assert "Write your comment" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#id_text", "Reports still wait too long at weekends.")
        page.click("button:text('Add your comment')")
        assert "Your comment is added" in page.inner_text("main")

    with chromium_page() as page:
        sign_in(page, live_server, commander.username)
        page.click('a:text("Victims\' Plans")')
        assert_accessible(page)
        page.click('a:text("Central North Victims\' Plan 2026")')
        page.click("button:text('Publish the plan')")
        assert "Write the account of the year" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#id_narrative", "More reports came through safe places this year.")
        page.click("button:text('Save the account of the year')")
        page.fill("#id_commitment", "Answer every message within a working day.")
        page.fill("#id_measure", "Median time to answer")
        page.fill("#id_target", "8 hours")
        page.click("button:text('Add the commitment')")
        page.click("button:text('Publish the plan')")
        assert "Version 1 of the plan is published" in page.inner_text("main")
        assert_accessible(page)

    oversight.recommendation_make(
        area=commander.area,
        report_title="Annual report 2026",
        text="Publish the plan in easy read too.",
        published_on=datetime.date(2026, 12, 1),
        actor=commissioner,
    )
    with chromium_page() as page:
        sign_in(page, live_server, commander.username)
        page.click('a:text("The commissioner\'s recommendations")')
        page.click("button:text('Send the answer')")
        assert "Write your answer" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("textarea[name=response]", "The 2027 plan will have an easy read version.")
        page.click("button:text('Send the answer')")
        assert "Your answer is recorded" in page.inner_text("main")
        assert_accessible(page)

    with chromium_page() as page:
        page.goto(live_server.url + "/plans/")
        assert_accessible(page)
        page.click('a:text("Central North Victims\' Plan 2026")')
        main = page.inner_text("main")
        assert "Reports still wait too long at weekends." in main
        assert "Answer every message within a working day." in main
        assert_accessible(page)
        page.click("[data-testid=boroughs] a:text('Camden')")
        assert "Camden: figures from the Central North Victims' Plan 2026" in page.inner_text("h1")
        assert_accessible(page)
