"""Logs: one JSON object a line with the request's id, and never a victim's personal data, whatever happens."""

import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from victimsrights.cases.tests.factories import recorded_case, sign_in_victim
from victimsrights.testing.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("london")]


def test_a_log_line_is_json_with_the_request_id_the_response_returns(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    formatter_settings = settings.LOGGING["formatters"]["json"]
    formatter_class = formatter_settings["()"].rsplit(".", 1)
    module = __import__(formatter_class[0], fromlist=[formatter_class[1]])
    handler.setFormatter(
        getattr(module, formatter_class[1])(
            formatter_settings["format"], rename_fields=formatter_settings["rename_fields"]
        )
    )
    handler.addFilter(logging.getLogger().handlers[0].filters[0])
    ratelimit = logging.getLogger("victimsrights.ratelimit")
    ratelimit.addHandler(handler)
    try:
        ids = set()
        for _ in range(12):  # past the sign-in limit, which logs a warning
            ids.add(client.post(reverse("portal:sign-in"), {"identifier": "VR-AAAA-BBBB"})["X-Request-ID"])
    finally:
        ratelimit.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines, "the rate limit logged nothing"
    assert {"time", "level", "logger", "message", "request_id"} <= set(lines[-1])
    assert lines[-1]["request_id"] in ids and len(ids) == 12


def test_a_load_balancers_request_id_is_kept_only_if_it_is_only_an_id(client):
    assert client.get(reverse("home"), HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    forged = client.get(reverse("home"), HTTP_X_REQUEST_ID="a b\nINFO fake line")["X-Request-ID"]
    assert len(forged) == 32 and " " not in forged


def test_nothing_a_victim_told_us_reaches_the_logs(caplog, smtp, notify, client):
    caplog.set_level(logging.DEBUG)
    report, case, officer = recorded_case()
    run_worker()
    victim = sign_in_victim(smtp, report.reference)
    victim.post(reverse("portal:message"), {"body": "My neighbour Mrs Okafor saw him."})
    victim.post(reverse("portal:message"), {"body": ""})  # an error on the page
    client.force_login(officer)
    client.post(reverse("cases:reply", kwargs={"case_id": case.pk}), {"body": "We will visit Mrs Okafor."})
    notify.state.down = True
    run_worker()  # Notify is down: the alert fails and is retried, which logs
    Client().post(reverse("portal:sign-in"), {"identifier": report.victim_name})
    Client().get("/your-report/" + report.reference)  # a 404 carrying a reference in its path

    contact = report.contact
    personal = [report.victim_name, contact.email, report.what_happened, "Okafor", report.reference]
    personal += [value for value in (contact.mobile, contact.phone) if value]
    ours = [record for record in caplog.records if not record.name.startswith("mail.")]  # not the test's SMTP server
    logged = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''} {getattr(record, 'request', '')}" for record in ours
    )
    assert any(record.name == "victimsrights.notify.tasks" for record in caplog.records), "the journey logged nothing"
    for value in personal:
        assert value not in logged, [record.name for record in ours if value in record.getMessage()]
