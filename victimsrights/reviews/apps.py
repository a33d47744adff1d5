from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "victimsrights.reviews"
    label = "reviews"
    verbose_name = "Right to Review: decisions not to charge, looked at again"
