from django.apps import AppConfig


class GovukConfig(AppConfig):
    """GOV.UK Design System markup for Django forms, and the validators every form shares."""

    name = "victimsrights.govuk"
    label = "govuk"
