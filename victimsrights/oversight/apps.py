from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "victimsrights.oversight"
    label = "oversight"
    verbose_name = "The Victims Commissioner's oversight: read only"
