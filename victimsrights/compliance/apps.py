from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "victimsrights.compliance"
    label = "compliance"
    verbose_name = "Victims' Code compliance: duties, deadlines in working days, breaches"
