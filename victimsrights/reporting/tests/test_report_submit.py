import threading

import pytest
from django.db import connection

from victimsrights.audit.models import AuditEntry
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.reporting import services
from victimsrights.reporting.models import Channel, Report
from victimsrights.reporting.tests.factories import complete_draft, submitted_report

pytestmark = pytest.mark.usefixtures("london")


def test_a_submitted_report_is_stored_with_its_contact_rules_and_a_queued_acknowledgement():
    draft = complete_draft(borough="Camden")

    report = services.report_submit(draft=draft, submission_key=draft.submission_key)

    report.refresh_from_db()
    assert report.reference.startswith("VR-")
    assert report.channel == Channel.ONLINE
    assert report.contact.email == "victim@example.com"
    notice = Delivery.objects.notices().get(report=report)
    assert notice.status == DeliveryStatus.PENDING
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.get()
    assert task.task_path.endswith("delivery_send")
    assert task.args_kwargs["args"] == [str(notice.pk)]


def test_a_borough_resolves_to_its_basic_command_unit_and_force():
    camden = submitted_report(borough="Camden", seed=1)
    city = submitted_report(borough="City of London", seed=2)

    assert (camden.area.name, camden.force.code) == ("Central North", "met")
    assert (city.area.name, city.force.code) == ("City of London", "city-of-london")


def test_a_report_from_an_unknown_place_goes_to_the_default_force_with_no_area_yet():
    report = submitted_report(borough=None)

    assert report.area is None
    assert report.force.code == "met"


def test_submitting_the_same_key_again_returns_the_same_report():
    draft = complete_draft()
    first = services.report_submit(draft=draft, submission_key=draft.submission_key)

    again = services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert again.pk == first.pk
    assert Report.objects.count() == 1
    assert Delivery.objects.notices().count() == 1


def test_an_incomplete_draft_is_refused_with_the_first_missing_question():
    draft = complete_draft()
    answers = dict(draft.answers)
    del answers["contact"]
    draft.answers = answers
    draft.save()

    with pytest.raises(services.JourneyIncomplete) as refused:
        services.report_submit(draft=draft, submission_key=draft.submission_key)

    assert refused.value.step_slug == "contact"
    assert Report.objects.count() == 0


def test_a_key_from_another_draft_is_refused():
    draft = complete_draft()
    import uuid

    with pytest.raises(services.StaleSubmission):
        services.report_submit(draft=draft, submission_key=uuid.uuid4())


def test_the_audit_entry_for_a_submission_names_the_report_but_holds_no_personal_data():
    report = submitted_report()

    entry = AuditEntry.objects.get(action="report.submit")

    assert entry.subject_id == str(report.pk)
    assert entry.actor_label == "the victim, online"
    recorded = str(entry.detail) + entry.reason
    assert report.victim_name not in recorded
    assert report.contact.email not in recorded
    assert report.what_happened not in recorded


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_submissions_of_one_key_create_one_report():
    draft = complete_draft()
    results: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(20)

    def submit() -> None:
        try:
            start.wait()
            results.append(services.report_submit(draft=draft, submission_key=draft.submission_key).pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(results) == 20
    assert len(set(results)) == 1
    assert Report.objects.count() == 1
    assert Delivery.objects.notices().count() == 1
    assert AuditEntry.objects.filter(action="report.submit").count() == 1
