"""Fixtures shared by every app's tests. App-specific helpers live in each app's tests/."""

from collections.abc import Iterator

import pytest

from victimsrights.areas.services import areas_load_file
from victimsrights.cases.services import outcome_types_load
from victimsrights.compliance.services import duties_load
from victimsrights.recording.services import offences_load_file
from victimsrights.testing.notify import API_KEY as NOTIFY_TEST_API_KEY
from victimsrights.testing.notify import NotifyServer
from victimsrights.testing.smtp import SmtpServer


@pytest.fixture(autouse=True)
def _plain_static_files(settings):  # type: ignore[no-untyped-def]
    # Tests serve static files from the finders; hashed names need collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def london(db):  # type: ignore[no-untyped-def]
    """The Met's BCUs and boroughs, the City of London, and the offence classifications."""
    areas_load_file()
    offences_load_file()
    outcome_types_load()
    duties_load()


@pytest.fixture
def smtp(settings) -> Iterator[SmtpServer]:  # type: ignore[no-untyped-def]
    """A real SMTP server on loopback, with Django's email pointed at it."""
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    yield server
    server.stop()


@pytest.fixture
def notify(settings) -> Iterator[NotifyServer]:  # type: ignore[no-untyped-def]
    """A local GOV.UK Notify that the real notifications-python-client talks to over HTTP."""
    server = NotifyServer().start()
    settings.NOTIFY_API_KEY = NOTIFY_TEST_API_KEY
    settings.NOTIFY_BASE_URL = server.url
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "11111111-1111-4111-8111-111111111111"
    settings.NOTIFY_SMS_TEMPLATE_ID = "22222222-2222-4222-8222-222222222222"
    settings.NOTIFY_LETTER_TEMPLATE_ID = "33333333-3333-4333-8333-333333333333"
    yield server
    server.stop()


@pytest.fixture
def client():  # type: ignore[no-untyped-def]
    """pytest-django's client, but force_login signs staff in with their authenticator code too."""
    from victimsrights.testing.staff import StaffClient

    return StaffClient()
