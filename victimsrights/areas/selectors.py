from django.db.models import QuerySet

from victimsrights.areas.models import Borough, SafePlaceOrganisation


def borough_list() -> QuerySet[Borough]:
    return Borough.objects.select_related("area").order_by("name")


def support_for_area(*, area_id: int | None) -> QuerySet[SafePlaceOrganisation]:
    """Partner organisations that serve the victim's area."""
    if area_id is None:
        return SafePlaceOrganisation.objects.none()
    return SafePlaceOrganisation.objects.filter(areas__id=area_id, is_active=True).order_by("name")
