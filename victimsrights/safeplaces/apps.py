from django.apps import AppConfig


class SafePlacesConfig(AppConfig):
    name = "victimsrights.safeplaces"
    label = "safeplaces"
    verbose_name = "Safe places"
