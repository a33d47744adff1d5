"""Victims' Code compliance figures: area commanders for their area, the commissioner for any."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from victimsrights.accounts.roles import Role
from victimsrights.compliance.forms import FiguresForm
from victimsrights.compliance.selectors import compliance_figures
from victimsrights.http import StaffRequest


@require_safe
def figures(request: StaffRequest) -> HttpResponse:
    user = request.user
    all_areas = user.role == Role.VICTIMS_COMMISSIONER
    form = FiguresForm(request.GET or {"year": timezone.localdate().year}, all_areas=all_areas)
    rows, area = [], None
    if form.is_valid():
        year = form.cleaned_data["year"]
        area = form.cleaned_data.get("area") if all_areas else user.area
        rows = compliance_figures(
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
            area_ids=[area.pk] if area else None,
        )
    return render(request, "compliance/figures.html", {"form": form, "rows": rows, "area": area})
