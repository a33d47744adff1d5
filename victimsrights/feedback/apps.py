from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "victimsrights.feedback"
    label = "feedback"
    verbose_name = "The victims' own voice: feedback kept apart from their cases"
