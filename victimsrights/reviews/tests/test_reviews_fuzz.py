"""Any input to the review, duty and compliance forms: a 200 with an error or a redirect, never a 5xx."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from victimsrights.accounts.roles import Role
from victimsrights.accounts.tests.factories import staff
from victimsrights.areas.services import areas_load_file
from victimsrights.cases import services as cases
from victimsrights.cases.models import OutcomeType
from victimsrights.cases.services import outcome_types_load
from victimsrights.cases.tests.factories import recorded_case
from victimsrights.compliance.services import duties_load
from victimsrights.portal.session_keys import SESSION_VICTIM_REPORT
from victimsrights.recording import services as recording
from victimsrights.reviews import services as reviews
from victimsrights.reviews.models import ReviewRequest
from victimsrights.testing.staff import StaffClient

values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            *("", "yes", "no", "uphold", "overturn", "suspect_arrested", "vulnerable", "most_serious_crime"),
            *("2026", "-1", "1066", "999999", "<b>x</b>", "\x00", "x" * 11_000),
        ]
    ),
)
form_data = st.dictionaries(
    st.sampled_from(["reasons", "late_reasons", "accept", "decision", "kind", "note", "victim_update", "reason"]),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=5,
)


class ReviewFormsFuzzTests(TestCase):
    client_class = StaffClient

    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()
        recording.offences_load_file()
        outcome_types_load()
        duties_load()
        cls.report, case, cls.officer = recorded_case()
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=case.pk,
            outcome=OutcomeType.objects.get(code=15),
            actor=cls.officer,
        )
        cls.case_id = case.pk
        cls.reviewer = staff(Role.REVIEWER)
        cls.review = reviews.review_request(case_id=case.pk, reasons="", late_reasons="")
        cls.other_report, other_case, _ = recorded_case(seed=2)
        cases.outcome_record(
            explanation="We could not find enough evidence to charge anyone.",
            case_id=other_case.pk,
            outcome=OutcomeType.objects.get(code=15),
            actor=cls.officer,
        )

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        target=st.sampled_from(["review", "take", "late", "decide", "event", "enhanced-rights", "figures"]),
        data=form_data,
    )
    def test_no_input_makes_a_review_duty_or_figures_page_fail(self, target: str, data: dict) -> None:
        self.client.raise_request_exception = False
        review_id = {"review_id": self.review.pk}
        if target == "review":
            session = self.client.session
            session[SESSION_VICTIM_REPORT] = self.other_report.pk
            session.save()
            response = self.client.post(reverse("portal:review"), data)
        elif target in {"event", "enhanced-rights"}:
            self.client.force_login(self.officer)
            response = self.client.post(reverse(f"cases:{target}", kwargs={"case_id": self.case_id}), data)
        elif target == "figures":
            self.client.force_login(staff(Role.VICTIMS_COMMISSIONER, username="fuzz.commissioner"))
            response = self.client.get(reverse("compliance:figures"), data)
        else:
            self.client.force_login(self.reviewer)
            response = self.client.post(reverse(f"reviews:{target}", kwargs=review_id), data)

        assert response.status_code in {200, 302}, (target, data, response.status_code)
        assert b"<b>x</b>" not in response.content
        assert ReviewRequest.objects.filter(case__crime__report=self.other_report).count() <= 1
