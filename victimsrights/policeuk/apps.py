from django.apps import AppConfig


class PoliceUkConfig(AppConfig):
    name = "victimsrights.policeuk"
    label = "policeuk"
    verbose_name = "Crimes published by data.police.uk"
