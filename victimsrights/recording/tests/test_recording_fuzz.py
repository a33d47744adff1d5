"""Any input to the recording and appeal forms gets a page back: never a server error."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.services import areas_load_file
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording import services
from victimsrights.recording.models import OffenceClassification
from victimsrights.reporting.tests.factories import submitted_report
from victimsrights.testing.staff import StaffClient

values = st.one_of(
    st.text(max_size=200),
    st.sampled_from(["", "overturn", "uphold", "no_crime", "duplicate", "0", "-1", "99999999", "\x00", "x" * 20_001]),
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
)
form_data = st.dictionaries(
    st.sampled_from(
        ["classification", "reason", "explanation", "outcome", "reasons", "information", "identifier", "code"]
    ),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=5,
)


class RecordingFormsFuzzTests(TestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()
        services.offences_load_file()
        cls.registrar = staff(Role.CRIME_REGISTRAR)
        officer = staff(Role.RECORDING_OFFICER)
        cls.open_report = submitted_report(seed=1)
        cls.declined = submitted_report(seed=2)
        services.report_decline(report_id=cls.declined.pk, reason="incident", explanation="x", actor=officer)
        cls.appeal = services.appeal_submit(report_id=cls.declined.pk, reasons="y", made_by="the victim, online")
        recorded = submitted_report(seed=3)
        services.crime_record(
            report_id=recorded.pk, classification=OffenceClassification.objects.first(), actor=officer
        )
        cls.recorded = recorded

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(target=st.integers(min_value=0, max_value=7), data=form_data)
    def test_no_input_makes_a_recording_or_appeal_page_fail(self, target: int, data: dict) -> None:
        self.client.raise_request_exception = False
        staff_urls = [
            reverse("recording:record", kwargs={"report_id": self.open_report.pk}),
            reverse("recording:decline", kwargs={"report_id": self.open_report.pk}),
            reverse("recording:cancel", kwargs={"report_id": self.recorded.pk}),
            reverse("recording:appeal", kwargs={"appeal_id": self.appeal.pk}),
        ]
        victim_urls = [reverse("portal:sign-in"), reverse("portal:code"), reverse("portal:appeal")]
        if target < len(staff_urls):
            self.client.force_login(self.registrar)
            url = staff_urls[target]
        else:
            session = self.client.session
            session[SESSION_VICTIM_REPORT] = self.declined.pk
            session.save()
            url = victim_urls[min(target - len(staff_urls), len(victim_urls) - 1)]

        response = self.client.post(url, data)

        assert response.status_code in {200, 302}, (url, data, response.status_code)
