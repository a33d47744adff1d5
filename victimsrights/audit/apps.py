from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "victimsrights.audit"
    label = "audit"
    verbose_name = "Audit log"
