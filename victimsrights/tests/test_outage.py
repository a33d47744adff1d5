"""Provider outage under load: GOV.UK Notify and the SMTP server are down for OUTAGE_SECONDS (60) while two
workers on PostgreSQL try to send 40 alerts and 40 acknowledgements; once they are back, each alert
reaches Notify exactly once and each acknowledgement goes out, with no task left behind."""

import os
import time
from collections import Counter
from contextlib import ExitStack

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.cases import services
from victimsrights.cases.tests.factories import officer_of
from victimsrights.notify.models import Delivery, DeliveryStatus
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.processes import environment, start_worker, stop

VICTIMS = 40
OUTAGE_SECONDS = float(os.environ.get("OUTAGE_SECONDS", "60"))


@pytest.mark.django_db(transaction=True)
def test_alerts_and_acknowledgements_sent_once_after_a_minute_long_outage(london, notify, smtp):
    if connection.vendor != "postgresql":
        pytest.skip("the outage test runs against PostgreSQL; set DATABASE_URL to run it")
    recorder = staff(Role.RECORDING_OFFICER)
    officer = officer_of("central-north")
    theft = OffenceClassification.objects.get(code="39")
    notify.state.down = True
    smtp.stop()
    env = environment(notify.url, smtp.port, NOTICE_RETRY_SECONDS="1")
    started = time.monotonic()
    with ExitStack() as stack:
        for _ in range(2):
            stack.callback(stop, start_worker(env))
        for seed in range(VICTIMS):  # the load: reports recorded and updates published during the outage
            report = submitted_report(seed=seed)
            crime = recording.crime_record(report_id=report.pk, classification=theft, actor=recorder)
            services.update_publish(case_id=crime.case.pk, text="We have your statement.", actor=officer)
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - started)))
        failed_tries = notify.state.requests
        assert not Delivery.objects.alerts().filter(status=DeliveryStatus.SENT).exists()

        notify.state.down = False
        smtp.controller = Controller(smtp.mailbox, hostname="127.0.0.1", port=smtp.port)
        smtp.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            unsent = Delivery.objects.alerts().exclude(status=DeliveryStatus.SENT).exists()
            if not unsent and not Delivery.objects.notices().exclude(status=DeliveryStatus.SENT).exists():
                break
            time.sleep(0.5)
        time.sleep(1)

    print(f"\noutage: {failed_tries} requests to Notify refused while down, {VICTIMS} alerts, {2 * VICTIMS} notices")
    assert failed_tries >= VICTIMS  # every alert was tried, and failed, during the outage
    alerts = list(Delivery.objects.alerts().values_list("pk", flat=True))
    assert len(alerts) == VICTIMS and not Delivery.objects.alerts().exclude(status=DeliveryStatus.SENT).exists()
    notices = Delivery.objects.notices().all()  # the received and the recorded notice of each report
    assert notices.count() == 2 * VICTIMS and not notices.exclude(status=DeliveryStatus.SENT).exists()
    # With GOV.UK Notify set up every message goes by it, each exactly once under its own reference.
    sent = Counter(notification["reference"] for notification in notify.state.notifications)
    assert set(sent) == {str(pk) for pk in [*alerts, *notices.values_list("pk", flat=True)]}
    assert set(sent.values()) == {1} and not smtp.mailbox.messages
    assert not DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists()
