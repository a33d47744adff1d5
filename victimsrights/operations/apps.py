from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "victimsrights.operations"
    label = "operations"
    verbose_name = "Running the service: backups and restores"
