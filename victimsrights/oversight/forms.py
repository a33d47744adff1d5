import datetime
from typing import Any

from django import forms

from victimsrights.govuk.fields import text


class AuditFilterForm(forms.Form):
    """Filters for the audit log, read from the query string. All optional."""

    actor = text("Staff username", required=False, max_length=150)
    action = text("Action, for example case.view", required=False, max_length=64)
    reference = text("Report reference", required=False, max_length=20)
    since = forms.DateField(
        label="From (for example 1/12/2026)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date for 'From', like 1/12/2026"},
    )
    until = forms.DateField(
        label="To (for example 31/12/2026)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter a real date for 'To', like 31/12/2026"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since: datetime.date | None = data.get("since")
        until: datetime.date | None = data.get("until")
        if since and until and since > until:
            self.add_error("until", "'To' must be the same as or after 'From'")
        return data
