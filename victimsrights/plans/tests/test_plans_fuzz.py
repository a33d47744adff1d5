"""Any input to the plan forms and the dashboard: a page with an error or a redirect, never a 5xx."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.services import areas_load_file
from victimsrights.cases.services import outcome_types_load
from victimsrights.compliance.services import duties_load
from victimsrights.plans.models import PlanVersion
from victimsrights.recording import services as recording
from victimsrights.testing.staff import StaffClient

values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "2026", "2019", "-1", "99999", "reports.total", "<b>x</b>", "\x00", "x" * 21_000]),
)
form_data = st.dictionaries(
    st.sampled_from(["narrative", "commitment", "measure", "target", "text", "correction_note", "year", "rank_by"]),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=5,
)
DRAFT = {"area_code": "central-north", "year": 2026}


class PlanFormsFuzzTests(TestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()
        recording.offences_load_file()
        outcome_types_load()
        duties_load()
        cls.commander = staff(Role.AREA_COMMANDER)
        cls.commissioner = staff(Role.VICTIMS_COMMISSIONER)

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        target=st.sampled_from(["narrative", "commitment", "publish", "comment", "dashboard", "dashboard-count"]),
        data=form_data,
    )
    def test_no_input_makes_a_plan_page_fail(self, target: str, data: dict) -> None:
        self.client.raise_request_exception = False
        if target == "dashboard":
            self.client.force_login(self.commissioner)
            response = self.client.get(reverse("oversight:dashboard"), data)
        elif target == "dashboard-count":
            self.client.force_login(self.commissioner)
            response = self.client.post(reverse("oversight:dashboard-count"), data)
        else:
            self.client.force_login(self.commissioner if target == "comment" else self.commander)
            response = self.client.post(reverse(f"plans:{target}", kwargs=DRAFT), data)

        assert response.status_code in {200, 302, 400}, (target, data, response.status_code)
        assert b"<b>x</b>" not in response.content
        for version in PlanVersion.objects.all():
            assert version.snapshot["narrative"].strip(), "published without an account of the year"
