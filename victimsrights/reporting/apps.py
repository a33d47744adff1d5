from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "victimsrights.reporting"
    label = "reporting"
    verbose_name = "Right to Report"
