from django.apps import AppConfig


class RecordingConfig(AppConfig):
    name = "victimsrights.recording"
    label = "recording"
    verbose_name = "Right to Record"
