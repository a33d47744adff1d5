"""Liveness and readiness endpoints: what the load balancer asks before sending a request."""

import pytest
from django.db import connection
from django.urls import reverse

from victimsrights import health


def test_live_answers_without_the_database(client, monkeypatch):
    def no_database(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("liveness must not touch the database")

    monkeypatch.setattr(connection, "cursor", no_database)
    response = client.get(reverse("health-live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_checks_the_database_and_migrations(client):
    response = client.get(reverse("health-ready"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}


@pytest.mark.django_db
def test_ready_says_unavailable_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError

    def unreachable(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", unreachable)
    response = client.get(reverse("health-ready"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unreachable"}}
