from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "victimsrights.complaints"
    label = "complaints"
    verbose_name = "Complaints (Victims' Code right 12), escalated to the Victims Commissioner"
