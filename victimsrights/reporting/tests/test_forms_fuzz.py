"""Any input to any form page gets a page back, never a server error, and nothing half-saved."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from victimsrights.areas.services import areas_load_file
from victimsrights.reporting.journey import STEPS

FORM_URLS = [reverse("reporting:step", kwargs={"slug": step.slug}) for step in STEPS] + [
    reverse("reporting:resume"),
    reverse("accounts:sign-in"),
    reverse("reporting:check-answers"),
]
FIELD_NAMES = sorted(
    {name for step in STEPS for name in step.form_class.base_fields}
    | {"code", "email", "username", "password", "submission_key", "action"}
)
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "31", "2", "9999", "-1", "yes", "any", "none"]),
    st.just("x" * 20_001),
)
form_data = st.dictionaries(
    st.sampled_from(FIELD_NAMES), st.one_of(nasty_text, st.lists(nasty_text, max_size=3)), max_size=8
)


class FormFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        areas_load_file()

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(url=st.sampled_from(FORM_URLS), data=form_data)
    def test_no_input_makes_a_form_page_fail(self, url: str, data: dict) -> None:
        self.client.raise_request_exception = False
        response = self.client.post(url, data)

        paused = url == reverse("accounts:sign-in") and response.status_code == 429  # lock-out after 5 failures
        assert response.status_code in {200, 302} or paused, (url, data, response.status_code)
        if response.status_code == 200 and url != reverse("reporting:check-answers") and not paused:
            assert b"govuk-error-summary" in response.content
            assert b"<script>alert(1)</script>" not in response.content
