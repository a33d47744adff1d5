from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "victimsrights.portal"
    label = "portal"
    verbose_name = "Right to Information: the victim's own pages"
