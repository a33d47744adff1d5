"""Logs: one JSON object a line with the request's id, and never a victim's personal data, whatever happens."""

import contextlib
import io
import json
import logging
import logging.config
import os

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
        for _ in range(12):  # past the record-code limit for one address, which logs a warning
            answer = client.post(
                reverse("portal:sealed-sign-in"), {"record_code": "ZZZZ ZZZZ ZZ"}, REMOTE_ADDR="192.0.2.77"
            )
            ids.add(answer["X-Request-ID"])
    finally:
        ratelimit.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines, "the rate limit logged nothing"
    assert {"time", "level", "logger", "message", "request_id"} <= set(lines[-1])
    assert lines[-1]["request_id"] in ids and len(ids) == 12


def test_a_load_balancers_request_id_is_kept_only_if_it_is_only_an_id(client, settings):
    lb_id = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e"
    settings.TRUST_REQUEST_ID_HEADER = True
    assert client.get(reverse("home"), HTTP_X_REQUEST_ID=lb_id)["X-Request-ID"] == lb_id
    for forged in ("a b\nINFO fake line", "VR-K7QP-2MXD", "MET-2026-0000123"):
        answered = client.get(reverse("home"), HTTP_X_REQUEST_ID=forged)["X-Request-ID"]
        assert len(answered) == 32 and answered != forged


def test_a_clients_request_id_is_never_taken_without_a_load_balancer(client):
    """The outside review: a client-chosen X-Request-ID was echoed and logged unvalidated."""
    given = "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e"
    assert client.get(reverse("home"), HTTP_X_REQUEST_ID=given)["X-Request-ID"] != given


def test_nothing_a_victim_told_us_reaches_the_logs(caplog, smtp, notify, client):
    caplog.set_level(logging.DEBUG)
    report, case, officer = recorded_case()
    run_worker()
    victim = sign_in_victim(notify, report.reference)  # Notify is set up: every message goes by Notify
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


def test_the_access_log_has_no_query_string_reference_or_client_address(tmp_path):
    """The outside review: gunicorn's access log wrote `GET /staff/oversight/audit-log?reference=VR-...`."""
    import urllib.error
    import urllib.request

    from victimsrights.testing.processes import free_port, start_web, stop

    port, log = free_port(), tmp_path / "access.log"
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "empty.sqlite3"), "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    web = start_web(port, env, 1, "--access-logfile", str(log))
    try:
        for path in ("/staff/oversight/audit-log?reference=VR-K7QP-2MXD", "/healthz?crime=MET-2026-0000123"):
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).close()
    finally:
        stop(web)
    lines = log.read_text().splitlines()
    assert any('"GET /staff/oversight/audit-log" 302' in line for line in lines), lines
    assert any('"GET /healthz" 200' in line for line in lines), lines
    for secret in ("VR-K7QP-2MXD", "MET-2026-0000123", "reference=", "127.0.0.1"):
        assert all(secret not in line for line in lines), (secret, lines)


def test_a_long_query_string_reaches_the_service_not_gunicorns_own_error_page(tmp_path):
    """The walk-through: a 5,000-character username in the audit-log filter got gunicorn's "URI Too Long" page."""
    import urllib.request

    from victimsrights.testing.processes import free_port, start_web, stop

    port = free_port()
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "empty.sqlite3"), "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    web = start_web(port, env, 1)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/accessibility?actor={'a' * 7000}", timeout=10) as answer:
            status, page = answer.status, answer.read().decode()
    finally:
        stop(web)
    assert status == 200
    assert '<html lang="en-gb"' in page and "<main" in page
