from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "victimsrights.cases"
    label = "cases"
    verbose_name = "Cases: officer, updates, hearings, outcomes"
