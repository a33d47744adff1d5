import re

import pytest
from django.urls import reverse

from victimsrights.accounts.roles import Role
from victimsrights.accounts.services import (
    WorkerChangeRefused,
    safe_place_worker_add,
    safe_place_worker_deactivate,
    staff_enrolment_redeem,
)
from victimsrights.accounts.tests.factories import staff
from victimsrights.notify.models import Delivery
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting import services
from victimsrights.reporting.models import Channel
from victimsrights.reporting.tests.factories import complete_draft
from victimsrights.testing.worker import run_worker

pytestmark = pytest.mark.usefixtures("london")
THROUGH_US = {"report_now": "yes", "share_contact": "no", "contact_route": "organisation"}


def report_for_victim(worker, consent=THROUGH_US):
    draft = services.draft_start_for_safe_place(worker=worker, consent=consent)
    answers = complete_draft().answers
    for slug, answer in answers.items():
        if slug not in {"contact", "safe-times", "voicemail", "wording"} or consent["contact_route"] == "direct":
            draft = services.draft_answer(draft=draft, step_slug=slug, answer=answer)
    return services.report_submit(draft=draft, submission_key=draft.submission_key)


@pytest.fixture
def worker():
    return staff(Role.SAFE_PLACE_WORKER, org="The Havens")


def test_a_safe_place_report_counts_like_any_other_with_its_channel_and_consent(worker):
    report = report_for_victim(worker)

    assert report.channel == Channel.SAFE_PLACE
    assert report.safe_place == worker.organisation
    assert report.consent == THROUGH_US
    assert report.contact.via_organisation == worker.organisation
    assert report.area.name == "Central North"  # the same queue and clock as an online report


def test_the_consent_form_refuses_a_report_the_victim_has_not_agreed_to(client, worker):
    client.force_login(worker)

    response = client.post(
        reverse("safeplace:report"), {"report_now": "no", "share_contact": "yes", "contact_route": "direct"}
    )

    assert response.status_code == 200
    assert b"make a sealed record instead" in response.content


@pytest.mark.django_db(transaction=True)
def test_when_the_victim_asked_for_contact_through_us_notices_go_to_the_organisation(worker, smtp):
    report = report_for_victim(worker)

    run_worker()

    message = smtp.mailbox.messages[-1]
    assert message["To"] == worker.organisation.contact_email
    assert "pass it on" in smtp.mailbox.bodies()[-1]
    assert Delivery.objects.notices().get(report=report).status == "sent"


def test_the_officer_is_told_prominently_to_contact_only_through_the_organisation(client, worker):
    report = report_for_victim(worker)
    client.force_login(staff(Role.RECORDING_OFFICER))

    page = client.get(reverse("recording:report", kwargs={"report_id": report.pk})).content.decode()

    assert "Do not contact the victim directly" in page
    assert f"only through {worker.organisation}" in page


def test_the_organisation_sees_its_reports_progress_and_crime_number_but_not_other_organisations(client, worker):
    ours = report_for_victim(worker)
    theirs = report_for_victim(staff(Role.SAFE_PLACE_WORKER, username="w2", org="Other Refuge"))
    officer = staff(Role.RECORDING_OFFICER)
    crime = recording.crime_record(
        report_id=ours.pk, classification=OffenceClassification.objects.get(code="20A"), actor=officer
    )
    client.force_login(worker)

    page = client.get(reverse("safeplace:home")).content.decode()

    assert ours.reference in page and crime.crime_number in page
    assert theirs.reference not in page
    assert ours.what_happened not in page  # progress only, not the account or police notes


def test_only_an_organisation_admin_adds_and_deactivates_workers_of_their_own_organisation(worker):
    admin = staff(Role.SAFE_PLACE_WORKER, username="havens.admin", org="The Havens")
    admin.is_organisation_admin = True
    outsider = staff(Role.SAFE_PLACE_WORKER, username="outsider", org="Other Refuge")

    with pytest.raises(WorkerChangeRefused):
        safe_place_worker_add(actor=worker, full_name="New Worker", email="n@x.org")
    added, code = safe_place_worker_add(actor=admin, full_name="New Worker", email="n@x.org")
    assert added.organisation == admin.organisation and added.role == Role.SAFE_PLACE_WORKER
    assert added.username == "the-havens.new-worker" and not added.has_usable_password()
    assert staff_enrolment_redeem(username=added.username, code=code, password="a-long-passphrase-1") == added

    with pytest.raises(WorkerChangeRefused):
        safe_place_worker_deactivate(actor=admin, worker_id=outsider.pk)
    safe_place_worker_deactivate(actor=admin, worker_id=added.pk)
    added.refresh_from_db()
    assert added.is_active is False


def test_the_organisation_appeals_a_refusal_for_the_victim_and_another_organisation_cannot(client, worker):
    report = report_for_victim(worker)
    recording.report_decline(
        report_id=report.pk, reason="incident", explanation="Incident only.", actor=staff(Role.RECORDING_OFFICER)
    )
    client.force_login(staff(Role.SAFE_PLACE_WORKER, username="w3", org="Other Refuge"))
    url = reverse("safeplace:appeal", kwargs={"report_id": report.pk})
    assert client.post(url, {"reasons": "Not ours."}).status_code == 404

    client.force_login(worker)
    assert b"Appeal for the victim" in client.get(reverse("safeplace:home")).content
    response = client.post(url, {"reasons": "She was assaulted; it is a crime."})

    assert response.url == reverse("safeplace:home")
    assert report.appeal.made_by == "The Havens for the victim"
    again = client.post(url, {"reasons": "Again."})
    assert b"already appealed" in again.content


def test_adding_a_worker_never_says_whether_a_username_is_taken_elsewhere(client):
    """The outside review: adding a worker called `registrar` answered "That username is already taken"."""
    staff(Role.CRIME_REGISTRAR, username="registrar")
    admin = staff(Role.SAFE_PLACE_WORKER, username="havens.admin", org="The Havens")
    admin.is_organisation_admin = True
    admin.save(update_fields=["is_organisation_admin"])
    client.force_login(admin)
    pages = [
        client.post(reverse("safeplace:workers"), {"full_name": name, "email": "w@havens.example"})
        for name in ("Registrar", "Nobody Known", "Registrar")
    ]
    assert all(page.status_code == 200 and b"taken" not in page.content for page in pages)
    usernames = [re.search(rb'data-testid="new-username">([^<]+)<', p.content).group(1).decode() for p in pages]
    assert usernames == ["the-havens.registrar", "the-havens.nobody-known", "the-havens.registrar-2"]
    assert all(re.search(rb'data-testid="enrolment-code">[A-Z0-9-]{14}<', page.content) for page in pages)
