from django.db.models import QuerySet

from victimsrights.areas.models import Borough


def borough_list() -> QuerySet[Borough]:
    return Borough.objects.select_related("area").order_by("name")
