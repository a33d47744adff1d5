"""Any input to the officer's case forms and the victim's message and contact forms: never a 5xx."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.services import areas_load_file
from victimsrights.cases.services import outcome_types_load
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording import services as recording
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.staff import StaffClient

values = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "22",
            "23",
            "-5",
            "14/01/2027 10:00",
            "31/02/2027 10:00",
            "2001-01-01 09:00",
            "email",
            "text",
            "any",
            "weekend",
            "yes",
            "no",
            "<b>x</b>",
            "\x00",
            "x" * 6000,
        ]
    ),
)
form_data = st.dictionaries(
    st.sampled_from(
        [
            "text",
            "starts_at",
            "court",
            "what_to_expect",
            "outcome",
            "body",
            "channels",
            "email",
            "mobile",
            "safe_times",
            "alerts",
        ]
    ),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=6,
)


class CaseFormsFuzzTests(TestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()
        recording.offences_load_file()
        outcome_types_load()
        cls.report = submitted_report()
        crime = recording.crime_record(
            report_id=cls.report.pk,
            classification=OffenceClassification.objects.first(),
            actor=staff(Role.RECORDING_OFFICER),
        )
        cls.case_id = crime.case.pk
        cls.officer = staff(Role.INVESTIGATING_OFFICER)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(target=st.sampled_from(["update", "hearing", "outcome", "reply", "message", "contact"]), data=form_data)
    def test_no_input_makes_a_case_or_message_page_fail(self, target: str, data: dict) -> None:
        self.client.raise_request_exception = False
        if target in {"message", "contact"}:
            session = self.client.session
            session[SESSION_VICTIM_REPORT] = self.report.pk
            session.save()
            url = reverse(f"portal:{target}")
        else:
            self.client.force_login(self.officer)
            url = reverse(f"cases:{target}", kwargs={"case_id": self.case_id})

        response = self.client.post(url, data)

        assert response.status_code in {200, 302}, (url, data, response.status_code)
        assert b"<b>x</b>" not in response.content
