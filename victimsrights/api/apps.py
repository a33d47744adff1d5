from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "victimsrights.api"
    label = "api"
    verbose_name = "Integration API for the forces' records systems"
