from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "victimsrights.areas"
    label = "areas"
    verbose_name = "Forces, areas and safe places"
