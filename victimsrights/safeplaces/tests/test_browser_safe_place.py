"""A safe-place worker reports for a victim and keeps a sealed record, in real Chromium with axe-core."""

import pytest

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.reporting.models import Report
from victimsrights.sealedrecords import services as sealed_records
from victimsrights.sealedrecords.models import SealedRecord
from victimsrights.testing.axe import assert_accessible
from victimsrights.testing.browser import chromium_page
from victimsrights.testing.staff import sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("london")]


def sign_in(page, base: str, username: str) -> None:
    sign_in_in_browser(page, base, username)


def continue_(page) -> None:
    page.click("button:text('Continue')")
    assert_accessible(page)


def test_a_worker_reports_for_a_victim_and_sees_the_crime_number_the_officer_gives(live_server):
    worker = staff(Role.SAFE_PLACE_WORKER, org="The Havens")
    officer = staff(Role.RECORDING_OFFICER, area="central-north")

    with chromium_page() as page:
        sign_in(page, live_server.url, worker.username)
        page.goto(live_server.url + "/safe-place/")
        assert_accessible(page)
        page.click("a:text('Report for a victim')")
        assert_accessible(page)
        page.check("input[name=report_now][value=yes]")
        page.check("input[name=share_contact][value=no]")
        page.check("input[name=contact_route][value=organisation]")
        page.click("button:text('Continue to the report')")
        assert_accessible(page)
        page.check("input[name=in_danger][value=no]")
        continue_(page)
        page.fill("#id_what_happened", "She was assaulted by her partner at home.")
        continue_(page)
        page.fill("#id_occurred_approximately", "Last Friday night")
        continue_(page)
        page.check("input[name=where][value=borough]")
        page.select_option("#id_borough", label="Camden")
        continue_(page)
        continue_(page)  # anyone involved: optional
        page.check("input[name=injured][value=yes]")
        page.fill("#id_injuries", "Bruising to her arms")
        continue_(page)
        page.fill("#id_victim_name", "A Victim")
        assert "you" in page.inner_text("[data-testid=for-a-victim]")  # the worker reads the questions to her
        continue_(page)
        page.check("input[name=under_18][value=no]")
        continue_(page)  # no contact questions: the police contact her through the organisation
        page.check("input[name=support][value=none]")
        continue_(page)
        page.check("input[name=referral_consent][value=yes]")
        continue_(page)
        assert "Victim's consent" in page.inner_text("main")
        page.click("button:text('Send report')")
        assert_accessible(page)
        reference = page.inner_text("[data-testid=reference]").strip()

    report = Report.objects.get(reference=reference)
    with chromium_page() as page:
        sign_in(page, live_server.url, officer.username)
        page.goto(live_server.url + "/staff/recording/")
        assert "Safe place: The Havens" in page.inner_text("main")
        page.click(f"a:text('{reference}')")
        assert_accessible(page)
        assert "only through The Havens" in page.inner_text("[data-testid=contact-via-organisation]")
        assert "does not share contact details" in page.inner_text("[data-testid=consent]")
        page.select_option("#id_classification", label="Violence against the person: Assault with injury (8N)")
        page.click("button:text('Record crime')")
        crime_number = page.inner_text("[data-testid=crime-number]").strip()

    with chromium_page() as page:
        sign_in(page, live_server.url, worker.username)
        page.goto(live_server.url + "/safe-place/")
        assert page.inner_text(f"[data-testid=crime-number-{reference}]").strip() == crime_number
        assert report.what_happened not in page.inner_text("main")
        assert_accessible(page)


def test_a_worker_seals_a_record_then_the_victim_decides_to_destroy_it(live_server):
    worker = staff(Role.SAFE_PLACE_WORKER, org="The Havens")

    with chromium_page() as page:
        sign_in(page, live_server.url, worker.username)
        page.goto(live_server.url + "/safe-place/sealed/new")
        assert_accessible(page)
        page.click("button:text('Seal the record')")
        assert "Enter the victim's account" in page.inner_text(".govuk-error-summary")
        assert_accessible(page)
        page.fill("#id_account", "I am not ready to go to the police yet.")
        page.fill("#id_notes", "Forensic samples stored, reference H-77")
        page.click("button:text('Seal the record')")
        assert_accessible(page)
        assert len(page.inner_text("[data-testid=record-code]").replace(" ", "")) == 10
        page.click("a:text('Back to your organisation')")
        page.click("table a")
        assert "not ready" in page.inner_text("[data-testid=account]")
        assert_accessible(page)
        page.click("button:text('Destroy it now')")
        assert "can never be read again" in page.inner_text("main")
        assert_accessible(page)

    record = SealedRecord.objects.get()
    assert record.status == "destroyed" and record.wrapped_key is None


def test_two_workers_at_two_safe_places_name_the_same_person_and_each_sees_the_match(live_server):
    havens = staff(Role.SAFE_PLACE_WORKER, org="The Havens", username="worker.havens")
    rcsl = staff(Role.SAFE_PLACE_WORKER, org="Rape Crisis South London", username="worker.rcsl")
    commissioner = staff(Role.VICTIMS_COMMISSIONER)
    records = {}
    for worker, written in ((havens, "07700 900 461"), (rcsl, "+44 7700 900461")):
        record, _ = sealed_records.sealed_record_create(worker=worker, account="He hurt me.", notes="")
        records[worker.username] = record
        with chromium_page() as page:
            sign_in(page, live_server.url, worker.username)
            page.goto(f"{live_server.url}/safe-place/sealed/{record.pk}")
            page.click("button:text('Add and look for matches')")
            summary = page.inner_text(".govuk-error-summary")
            assert "Select what you know" in summary and "Enter the phone number" in summary
            assert_accessible(page)
            page.check("input[name=kind][value=name]")
            page.fill("#id_value", "Sean")
            page.click("button:text('Add and look for matches')")
            assert "date of birth" in page.inner_text(".govuk-error-summary")
            assert_accessible(page)
            page.check("input[name=kind][value=phone]")
            page.fill("#id_value", written)
            page.click("button:text('Add and look for matches')")
            assert_accessible(page)
            assert "Phone number, added" in page.inner_text("[data-testid=identifiers]")

    with chromium_page() as page:
        sign_in(page, live_server.url, havens.username)
        page.goto(f"{live_server.url}/safe-place/sealed/{records['worker.havens'].pk}")
        assert "another victim's sealed record names the same phone number" in page.inner_text("[data-testid=matches]")
        assert "Rape Crisis" not in page.inner_text("main")
        assert_accessible(page)

    with chromium_page() as page:
        sign_in(page, live_server.url, commissioner.username)
        page.goto(live_server.url + "/safe-place/matching")
        assert_accessible(page)
        assert "1" in page.inner_text("[data-testid=matching]")
