"""At 320px wide (WCAG 1.4.10 reflow), the victim's case page and a published plan never scroll sideways, and the
victim signs out from their own page. axe-core on every page visited."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.models import Area
from victimsrights.cases import services as cases
from victimsrights.cases.models import PropertyKind, PropertyStatus
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.plans import services as plans
from victimsrights.plans.tests.fixtures import NOW, known_records
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.victims import victim_sign_in_in_browser
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]
PHONE = 320
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_no_sideways_scroll(page) -> None:
    assert page.evaluate(SIDEWAYS) <= 0, f"{page.url} scrolls sideways by {page.evaluate(SIDEWAYS)}px at {PHONE}px"


def test_the_victims_case_page_fits_a_phone_and_the_victim_signs_out(live_server, smtp):
    _report, case, officer = recorded_case()
    cases.case_take(case_id=case.pk, actor=officer)
    cases.hearing_add(
        case_id=case.pk,
        starts_at=timezone.now() + datetime.timedelta(days=40),
        court="Highbury Corner Magistrates' Court",
        what_to_expect="You will not need to speak. A witness service volunteer can meet you at the door.",
        actor=officer,
    )
    cases.message_reply(case_id=case.pk, body="I will call you on Tuesday evening as you asked.", actor=officer)
    cases.property_record(
        case_id=case.pk,
        description="Black mountain bike with a child seat",
        kind=PropertyKind.STOLEN,
        status=PropertyStatus.READY_TO_COLLECT,
        collection="Holborn police station front counter, any weekday 9am to 5pm. Bring photo ID.",
        actor=officer,
    )
    run_worker()

    with chromium_page(width=PHONE) as page:
        victim_sign_in_in_browser(page, live_server.url, smtp, case.crime.crime_number)
        assert "Court hearings" in page.inner_text("main")
        assert "Ready to collect" in page.inner_text("[data-testid=property]")
        assert_no_sideways_scroll(page)
        assert_accessible(page)

        page.click("[data-testid=sign-out]")
        assert "You have signed out" in page.inner_text("h1")
        assert_accessible(page)
        page.goto(live_server.url + "/your-report/")
        assert page.url.endswith("/your-report/sign-in")


def test_a_published_plan_and_its_borough_page_fit_a_phone(live_server):
    with time_machine.travel(NOW, tick=False):
        known_records()
        commander = staff(Role.AREA_COMMANDER)
        plan = plans.plan_get_or_start(area=Area.objects.get(code="central-north"), year=2026)
        plans.narrative_save(plan_id=plan.pk, narrative="More reports came through safe places.", actor=commander)
        plans.commitment_add(
            plan_id=plan.pk,
            commitment="Answer every message from a victim within one working day.",
            measure="Median time to answer a victim's message",
            target="8 hours",
            actor=commander,
        )
        plans.plan_publish(plan_id=plan.pk, actor=commander)

    with chromium_page(width=PHONE) as page:
        page.goto(live_server.url + "/plans/central-north/2026/")
        assert "Key figures by borough" in page.inner_text("main")
        assert_no_sideways_scroll(page)
        assert_accessible(page)
        chart_text = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('.app-chart svg text')]"
            ".map(t => t.getBoundingClientRect().height).filter(h => h > 0))"
        )
        assert chart_text >= 9, f"chart text is {chart_text}px high at {PHONE}px: too small to read"
        page.click("[data-testid=boroughs] a:text('Camden')")
        assert_no_sideways_scroll(page)
        assert_accessible(page)
