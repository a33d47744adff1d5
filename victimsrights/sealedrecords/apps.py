from django.apps import AppConfig


class SealedRecordsConfig(AppConfig):
    name = "victimsrights.sealedrecords"
    label = "sealedrecords"
    verbose_name = "Sealed records"
