"""Victims' Code: a duty is met when the victim is told. An update whose alert never reaches them (GOV.UK Notify
refuses the address, or reports a delivery failure later) leaves the duties it met open, marked for the officer;
a later update that does reach them meets them."""

import pytest
from django.urls import reverse

from victimsrights.audit.models import AuditEntry
from victimsrights.cases import services as cases
from victimsrights.cases.models import CaseEventKind
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.compliance.models import CaseDuty
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]
NOT_DELIVERED = "Not delivered: tell the victim another way"


def arrest_told(officer, case):
    cases.event_record(case_id=case.pk, kind=CaseEventKind.SUSPECT_ARRESTED, note="", victim_update="", actor=officer)
    cases.update_publish(case_id=case.pk, text="We arrested a man this morning.", actor=officer)
    return CaseDuty.objects.get(case=case, duty__code="tell-arrest")


def test_an_update_notify_refuses_to_deliver_leaves_the_duty_open_until_one_reaches_the_victim(notify, client):
    _report, case, officer = recorded_case()
    run_worker()  # the report's own notices
    notify.state.reject = True

    told = arrest_told(officer, case)
    assert told.fulfilled_at is not None  # published: met, for now
    run_worker()

    told.refresh_from_db()
    assert Delivery.objects.alerts().filter(about_update_at__isnull=False).get().status == DeliveryStatus.FAILED
    assert (told.fulfilled_at, told.undelivered_at is not None) == (None, True)
    client.force_login(officer)
    assert NOT_DELIVERED in client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()
    assert AuditEntry.objects.filter(action="message.undelivered").count() == 1

    notify.state.reject = False
    cases.update_publish(case_id=case.pk, text="I called you too: the man is on bail.", actor=officer)
    run_worker()
    told.refresh_from_db()
    assert told.fulfilled_at is not None
    assert NOT_DELIVERED not in client.get(reverse("cases:case", kwargs={"case_id": case.pk})).content.decode()


def test_a_failure_notify_reports_later_reopens_the_duty_once_and_delivered_changes_nothing(settings, client):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    _report, case, officer = recorded_case()
    told = arrest_told(officer, case)
    alert = Delivery.objects.alerts().get(about_update_at__isnull=False)

    def callback(status):
        return client.post(
            reverse("notify:callback"),
            {"reference": str(alert.pk), "status": status},
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer callback-secret",
        )

    assert callback("delivered").status_code == 200
    told.refresh_from_db()
    assert told.fulfilled_at is not None
    assert callback("permanent-failure").status_code == 200
    assert callback("permanent-failure").status_code == 200  # Notify may say it twice
    told.refresh_from_db()
    assert told.fulfilled_at is None and told.undelivered_at is not None
    assert AuditEntry.objects.filter(action="message.undelivered").count() == 1


def test_a_failure_reported_after_a_later_update_leaves_the_duty_met_by_that_update(settings, client):
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    _report, case, officer = recorded_case()
    told = arrest_told(officer, case)
    first = Delivery.objects.alerts().get(about_update_at__isnull=False)
    cases.update_publish(case_id=case.pk, text="The man is on bail until March.", actor=officer)
    later = Delivery.objects.alerts().exclude(pk=first.pk).get(about_update_at__isnull=False)

    client.post(
        reverse("notify:callback"),
        {"reference": str(first.pk), "status": "permanent-failure"},
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer callback-secret",
    )

    told.refresh_from_db()
    assert told.fulfilled_at == later.about_update_at  # the later update told them
