from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "victimsrights.plans"
    label = "plans"
    verbose_name = "Annual Area Victims' Plans: figures, commitments, published versions"
