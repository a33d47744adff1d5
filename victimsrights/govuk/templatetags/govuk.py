"""Render Django form fields as GOV.UK Design System components.

A form may declare `conditional = {"field": {"choice": ["other_field", ...]}}` to reveal
fields under a radio or checkbox choice, and `exclusive = {"field": "choice"}` for a
"None of these" checkbox.
"""

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms import BoundField

from victimsrights.govuk.formats import date_words, time_words, when_words

register = template.Library()


@register.filter
def govuk_when(at: Any, style: str = "") -> str:
    """`{{ at|govuk_when }}` 14 January 2027 at 10am; `{{ at|govuk_when:"weekday" }}` with the day's name."""
    return when_words(at, weekday=style == "weekday") if at else ""


@register.filter
def govuk_time(at: Any) -> str:
    return time_words(at) if at else ""


@register.filter
def govuk_day(at: Any) -> str:
    """`{{ on|govuk_day }}` 14 January 2027, or as the reader's language writes a date (14 stycznia 2027)."""
    return date_words(at) if at else ""


def _widget_kind(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


def _options(field: BoundField) -> list[dict[str, Any]]:
    form = field.form
    conditional = getattr(form, "conditional", {}).get(field.name, {})
    exclusive = getattr(form, "exclusive", {}).get(field.name)
    hints = getattr(form, "choice_hints", {}).get(field.name, {})
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    options: list[dict[str, Any]] = []
    for index, (choice_value, choice_label) in enumerate(getattr(field.field, "choices", [])):
        if choice_value == "":
            continue
        option_id = field.auto_id if not options else f"{field.auto_id}-{index + 1}"
        options.append(
            {
                "id": option_id,
                "value": choice_value,
                "label": choice_label,
                "hint": hints.get(str(choice_value), ""),
                "checked": str(choice_value) in selected,
                "conditional": [form[name] for name in conditional.get(str(choice_value), [])],
                "exclusive": str(choice_value) == exclusive,
                "divider_before": str(choice_value) == exclusive,
            }
        )
    return options


def field_context(field: BoundField) -> dict[str, Any]:
    """Everything a field's markup needs; per-field details come from the widget's attrs."""
    kind = _widget_kind(field)
    attrs = field.field.widget.attrs
    max_length = getattr(field.field, "max_length", None) if kind == "textarea" else None
    described_by = [
        f"{field.auto_id}-hint" if field.help_text else "",
        f"{field.auto_id}-error" if field.errors else "",
        f"{field.auto_id}-info" if max_length else "",
    ]
    return {
        "kind": kind,
        "width": attrs.get("data-width", ""),
        "autocomplete": attrs.get("autocomplete", ""),
        "inputmode": attrs.get("inputmode", ""),
        "spellcheck": attrs.get("spellcheck", ""),
        "rows": attrs.get("rows", 5),
        "input_type": getattr(field.field.widget, "input_type", "text"),
        "max_length": max_length,
        "options": _options(field) if kind in {"radios", "checkboxes", "select"} else [],
        "described_by": " ".join(part for part in described_by if part),
    }


@register.inclusion_tag("govuk/field.html")
def govuk_field(field: BoundField, heading: bool = False, size: str = "l") -> dict[str, Any]:
    return {"field": field, "heading": heading, "size": size, "ctx": field_context(field)}


@register.inclusion_tag("govuk/_simple_field.html")
def govuk_subfield(field: BoundField) -> dict[str, Any]:
    """A field revealed under a radio or checkbox choice: never a page heading."""
    return {"field": field, "heading": False, "size": "s", "ctx": field_context(field)}


@register.inclusion_tag("govuk/date.html")
def govuk_date(form: forms.Form, prefix: str, legend: str, hint: str = "", heading: bool = False) -> dict[str, Any]:
    parts = [form[f"{prefix}_{part}"] for part in ("day", "month", "year")]
    errors = [error for part in parts for error in part.errors]
    return {"prefix": prefix, "parts": parts, "legend": legend, "hint": hint, "heading": heading, "errors": errors}


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(form: forms.Form) -> dict[str, Any]:
    """The form's errors in the order the page asks its questions (a check in clean() adds errors late)."""
    items: list[dict[str, Any]] = []
    order = [NON_FIELD_ERRORS, *form.fields]
    for name, errors in sorted(form.errors.items(), key=lambda item: order.index(item[0]) if item[0] in order else 0):
        target = form[name].auto_id if name in form.fields else ""
        items.extend({"href": f"#{target}" if target else "", "text": error} for error in errors)
    return {"items": items}


@register.filter
def top_level_fields(form: forms.Form) -> list[BoundField]:
    """The fields a page shows directly: those not revealed under a choice."""
    revealed = {
        name
        for by_choice in getattr(form, "conditional", {}).values()
        for names in by_choice.values()
        for name in names
    }
    return [form[name] for name in form.fields if name not in revealed]


class _WrapNode(template.Node):
    """Renders its contents inside a GOV.UK component's markup (a small template), so pages never hand-write it."""

    def __init__(self, nodelist: template.NodeList, component: str, arguments: dict[str, Any]) -> None:
        self.nodelist, self.component, self.arguments = nodelist, component, arguments

    def render(self, context: template.Context) -> str:
        values = {name: value.resolve(context) for name, value in self.arguments.items()}
        with context.push(content=self.nodelist.render(context), **values):
            return context.template.engine.get_template(self.component).render(context)  # type: ignore[union-attr]


def _wrap_tag(name: str, component: str, positional: tuple[str, ...] = ()) -> None:
    def compile_tag(parser: template.base.Parser, token: template.base.Token) -> _WrapNode:
        bits = token.split_contents()[1:]
        arguments: dict[str, Any] = {}
        for index, bit in enumerate(bits):
            key, _, value = bit.rpartition("=")
            if not key:
                if index >= len(positional):
                    raise template.TemplateSyntaxError(f"{name} takes {len(positional)} unnamed arguments")
                key = positional[index]
            arguments[key] = parser.compile_filter(value)
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return _WrapNode(nodelist, component, arguments)

    register.tag(name, compile_tag)


# {% govuk_warning testid="..." %}Text, with {{ variables }}{% endgovuk_warning %}
_wrap_tag("govuk_warning", "govuk/warning.html")
# {% govuk_summary_row "Key" testid="..." %}Value, with any markup{% endgovuk_summary_row %}
_wrap_tag("govuk_summary_row", "govuk/summary_row.html", positional=("key",))
# {% govuk_notification_banner title="..." id="..." success=True %}Content{% endgovuk_notification_banner %}
_wrap_tag("govuk_notification_banner", "govuk/notification_banner.html")
