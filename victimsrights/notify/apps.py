from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "victimsrights.notify"
    label = "notify"
    verbose_name = "Alerts to victims"
