from django import forms
from django.utils import timezone

from victimsrights.areas.models import Area


class FiguresForm(forms.Form):
    """Which year (and, for the commissioner, which area) to show. Read from the query string."""

    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        error_messages={"invalid_choice": "Choose a year from the list", "required": "Choose a year"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=Area.objects.order_by("name"),
        required=False,
        empty_label="All areas",
        error_messages={"invalid_choice": "Choose an area from the list"},
    )

    def __init__(self, *args: object, all_areas: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(year, str(year)) for year in range(this_year, 2019, -1)]  # type: ignore[attr-defined]
        if not all_areas:
            del self.fields["area"]
